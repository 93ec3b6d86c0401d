/* tito_nb: a parsed nbformat-4 notebook, as nbformat hands it to jupytext
 * (spec §1): sources joined, `trusted` dropped from cell metadata and
 * `orig_nbformat`, `orig_nbformat_minor`, `signature` from notebook metadata.
 * Outputs, execution counts and attachments are not kept. */
#ifndef TITO_NB_NB_H
#define TITO_NB_NB_H

#include <stddef.h>

#include "json/json.h"
#include "util/error.h"

/* TITO_CELL_OTHER: any other cell_type string ("heading", ...); jupytext keeps such
 * cells and writes them like markdown under `# %% [TYPE]`, so tito does too. */
typedef enum { TITO_CELL_CODE, TITO_CELL_MARKDOWN, TITO_CELL_RAW, TITO_CELL_OTHER } tito_cell_type;

typedef struct tito_nb tito_nb;

/* Parses a notebook from memory; `name` (the file path) prefixes every error
 * message: "NAME: line 3, column 7: ..." or "NAME: not a notebook: 'cells' is
 * missing". Returns 0, TITO_EINVALID (bad input) or TITO_ENOMEM. The caller
 * frees *out with tito_nb_free. */
int tito_nb_parse(tito_nb **out, const char *buf, size_t len, const char *name, tito_error *err);
/* Reads and parses the file at path (TITO_ENOTFOUND / TITO_EIO for I/O). */
int tito_nb_load(tito_nb **out, const char *path, tito_error *err);
void tito_nb_free(tito_nb *nb);

int tito_nb_nbformat_minor(const tito_nb *nb);
/* Notebook metadata (an object, possibly empty); borrowed, mutable copy via tito_json_copy. */
const tito_json *tito_nb_metadata(const tito_nb *nb);
size_t tito_nb_ncells(const tito_nb *nb);
tito_cell_type tito_nb_cell_type(const tito_nb *nb, size_t i);
/* The cell_type string as written in the notebook ("code", "heading", ...); borrowed. */
const char *tito_nb_cell_type_name(const tito_nb *nb, size_t i);
/* The cell source joined, borrowed; *len set if non-NULL. */
const char *tito_nb_cell_source(const tito_nb *nb, size_t i, size_t *len);
/* Cell metadata (an object, possibly empty); borrowed. */
const tito_json *tito_nb_cell_metadata(const tito_nb *nb, size_t i);
/* The cell id, or NULL. */
const char *tito_nb_cell_id(const tito_nb *nb, size_t i);

#endif
