/* Shared helpers of the export suite: a scratch folder per test, copying
 * fixtures, running an export, and comparing a package tree with the
 * committed expectation (tests/export/expected/, generated from nbdev's
 * algorithm in Python: real ast, textwrap and pprint). */
#ifndef TITO_TESTS_EXPORT_HELPERS_H
#define TITO_TESTS_EXPORT_HELPERS_H

#include <limits.h>
#include <stddef.h>

#include "export/export.h"

extern char xt_root[PATH_MAX];   /* the scratch folder of the running test */

void xt_setup(void);             /* creates xt_root */
void xt_teardown(void);          /* removes it */
/* Copies tests/export/<rel> (a fixture folder) to xt_root/<dest>. */
void xt_copy_fixture(const char *rel, const char *dest);
/* Exports xt_root/<nb> into xt_root/<lib> with course xt_root/<course>;
 * returns the tito_export_notebook_ext result; *err receives the error. */
int xt_export(const char *course, const char *nb, const char *lib, tito_error *err,
              tito_export_result **res);
/* Asserts that the tree xt_root/<actual> equals tests/export/<expected>
 * byte for byte (same files, same contents, nothing else). */
void xt_assert_tree(const char *actual, const char *expected);
/* Reads a file under xt_root (malloc'd, NUL-terminated). NULL if missing. */
char *xt_read(const char *rel, size_t *len);
void xt_write(const char *rel, const char *content);
/* A python3 that can import numpy (for running the exported TinyTorch). */
const char *xt_python(void);
/* Path to a file of the source tree: tests/export/<rel>. */
void xt_src(char *out, size_t size, const char *rel);

#endif
