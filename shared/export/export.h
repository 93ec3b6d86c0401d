/* tito_export: nbdev 2.4.11 export of a notebook's `#| export` cells into a
 * package (design.md §7a, spec/tinytorch.md §3). */
#ifndef TITO_EXPORT_EXPORT_H
#define TITO_EXPORT_EXPORT_H

#include <stddef.h>

#include "nb/nb.h"
#include "util/error.h"

typedef struct tito_export_opts {
    const char *nb_path;   /* notebook path as written in headers is computed relative to each output file */
    const char *lib_path;  /* package directory, e.g. COURSE/tinytorch */
    const char *lib_name;  /* package import name, e.g. "tinytorch" */
    const char *course_dir;/* root for _modidx doc anchors (nbs path base); may be NULL */
} tito_export_opts;

typedef struct tito_export_result {
    char **files;   /* written files (absolute or as given by lib_path) */
    size_t nfiles;
    char *default_exp; /* e.g. "core.tensor", NULL if the notebook has none */
} tito_export_result;

/* Exports nb. Atomic: every file is written to a temp name and renamed only
 * when all succeeded, so a failed export leaves the previous package intact.
 * *out (may be NULL if not wanted) is freed with tito_export_result_free.
 * Returns 0, TITO_EINVALID (no default_exp, bad directive), TITO_EIO. */
int tito_export_notebook(tito_export_result **out, const tito_nb *nb, const tito_export_opts *opts,
                         tito_error *err);
void tito_export_result_free(tito_export_result *r);

#endif
