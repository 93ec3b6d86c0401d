/* tito_course: a course on disk (design.md §2): its modules, found from the
 * module folders themselves (modules/NN_name/), and its package name. */
#ifndef TITO_COURSE_COURSE_H
#define TITO_COURSE_COURSE_H

#include <stddef.h>

#include "util/error.h"

typedef struct tito_course tito_course;

typedef struct tito_module_info {
    char *id;        /* "01" */
    char *name;      /* "01_tensor" */
    char *dir;       /* COURSE/modules/01_tensor */
    char *notebook;  /* COURSE/modules/01_tensor/01_tensor.ipynb (the notebook the folder holds), or NULL */
    char *solution;  /* ..._solution.py if present, else NULL */
    char *hidden_tests; /* COURSE/tests/01_tensor if present, else NULL */
} tito_module_info;

/* Opens the course rooted at dir (TITO_ENOTFOUND if it has no modules/). */
int tito_course_open(tito_course **out, const char *dir, tito_error *err);
void tito_course_free(tito_course *c);
const char *tito_course_dir(const tito_course *c);
/* settings.ini lib_name, else the folder holding core/, else "tinytorch". */
const char *tito_course_lib_name(const tito_course *c);
size_t tito_course_nmodules(const tito_course *c);               /* sorted by id */
const tito_module_info *tito_course_module_at(const tito_course *c, size_t i);
/* Accepts "1", "01", "01_tensor", "tensor"; NULL when no such module. */
const tito_module_info *tito_course_find(const tito_course *c, const char *spec);
/* Normalises a module number as upstream does: digits -> %02d, else unchanged. Returns malloc'd. */
char *tito_course_normalize_id(const char *spec);

#endif
