/* Helpers shared by the jupytext test files. */
#ifndef TITO_TESTS_JUPYTEXT_HELPERS_H
#define TITO_TESTS_JUPYTEXT_HELPERS_H

#include "util/buf.h"

/* Parses the notebook JSON and converts it (cli: with the version block).
 * Returns the text (free()) or NULL with *rc < 0 and *errmsg (free()). */
char *tito_test_convert(const char *json, int cli, int *rc, char **errmsg, char **warnings);
/* A notebook with no metadata from "c:src|m:src|r:src" (code/markdown/raw). */
char *tito_test_nb_json(const char *cells);

#endif
