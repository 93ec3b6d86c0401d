/* Internals of the exporter, shared between its files (not a public API). */
#ifndef TITO_EXPORT_PRIVATE_H
#define TITO_EXPORT_PRIVATE_H

#include <stddef.h>

#include "export/pyscan.h"
#include "util/buf.h"
#include "util/error.h"

/* ---- directives.c: nbdev process.py extract_directives ------------- */

typedef struct tito_export__directive {
    char *name;     /* "export", "default_exp", "echo:" ... */
    char **args;
    size_t nargs;
} tito_export__directive;

typedef struct tito_export__dirs {
    tito_export__directive *d; /* dict order: first occurrence; a later
                                * duplicate replaces the arguments */
    size_t n;
} tito_export__dirs;

/* Splits the leading directive lines off src: *dirs gets the directives,
 * *new_src the source nbdev keeps (Quarto `#| key:` lines normalised and
 * cell magics kept, other directive and blank leading lines dropped). */
int tito_export__extract_directives(tito_export__dirs *dirs, char **new_src, const char *src,
                                    size_t len);
void tito_export__dirs_dispose(tito_export__dirs *dirs);
const tito_export__directive *tito_export__dirs_get(const tito_export__dirs *dirs, const char *name);

/* Python str.splitlines(True) line ends: returns the length of the line
 * starting at s (including its terminator). */
size_t tito_export__line_len(const char *s, size_t len);

/* ---- relimport.c: nbdev maker.py relative_import / update_import --- */

/* relative_import(name, mod_dir): "tinytorch.core.tensor" seen from
 * "tinytorch/core" -> ".tensor"; names outside the package unchanged. */
char *tito_export__relative_import(const char *name, const char *mod_dir);
/* Rewrites the top-level `from X import` statements of src (scanned as
 * scan) the way update_import does. *out is NULL when nothing changed.
 * TITO_EINVALID for a relative import (nbdev refuses them). */
int tito_export__rewrite_imports(char **out, const char *src, const tito_pyscan *scan,
                                 const char *mod_dir, tito_error *err);

/* ---- export.c ------------------------------------------------------ */

/* ModuleMaker.make_all over code cells with the given sources (tests and
 * tools): *out is a malloc'd array of malloc'd names. */
int tito_export__make_all_for(char ***out, size_t *n, const char *const *srcs, size_t nsrcs, tito_error *err);

/* ---- stage.c: the files of one export, committed together ---------- */

typedef struct tito_export__stage tito_export__stage;

int tito_export__stage_new(tito_export__stage **out);
void tito_export__stage_free(tito_export__stage *st); /* removes uncommitted temp files */
/* Current contents of path: staged if staged, else from disk. *data NULL
 * (and 0 returned) when the file exists in neither. Borrowed. */
int tito_export__stage_read(const tito_export__stage *st, const char *path, const char **data,
                            size_t *len, tito_error *err);
/* Stages new contents for path (replacing earlier staged contents). */
int tito_export__stage_put(tito_export__stage *st, const char *path, const char *data, size_t len,
                           tito_error *err);
size_t tito_export__stage_count(const tito_export__stage *st);
const char *tito_export__stage_path(const tito_export__stage *st, size_t i);
/* Writes every staged file to a temporary name next to its target
 * (creating directories), then, only if all writes succeeded, renames them
 * into place. On failure nothing is renamed and the temporaries and the
 * directories it created are removed. */
int tito_export__stage_commit(tito_export__stage *st, tito_error *err);
/* Tests only: make the nth temporary write of later commits fail with
 * TITO_EIO (0 turns it off). */
void tito_export__set_write_fault(int nth);

/* ---- modidx.c: nbdev doclinks.py _build_modidx ---------------------- */

typedef struct tito_export__modidx_opts {
    const char *lib_dir;     /* package directory */
    const char *nbs_path;    /* notebooks root for doc anchors */
    const char *settings[5][2]; /* (key, value) pairs; value NULL = absent */
} tito_export__modidx_opts;

/* Builds the new _modidx.py text from every *.py under lib_dir (names not
 * starting with '_'), as staged in st. TITO_EINVALID when an exported cell
 * is not valid Python (nbdev's ast.parse would raise). */
int tito_export__modidx_build(tito_buf *out, const tito_export__stage *st,
                              const tito_export__modidx_opts *o, tito_error *err);

#endif
