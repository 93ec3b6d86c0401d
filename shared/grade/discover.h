/* tito_grade_cohort: a cohort's submissions as found on disk, for `tito
 * grade SUBMISSIONS`: one folder per student (its name is the student id),
 * and in it, per module NN_name of the course, a notebook at one of:
 *
 *   STUDENT/modules/NN_name/X.ipynb   (a copy of the course)
 *   STUDENT/NN_name/X.ipynb
 *   STUDENT/NN_name.ipynb
 *   STUDENT/name.ipynb                (only when no other module is called "name")
 *
 * In a folder, X is NN_name, else name, else the folder's only notebook.
 * Discovery is strict rather than clever: a module found by two layouts, or
 * a folder with several notebooks none of which is named for the module, is
 * ambiguous (the cell says which files and what to rename), never a guess.
 * Nothing is parsed: a malformed notebook is the worker's to report as the
 * student's error. A notebook that is a symbolic link is not followed (the
 * cell is missing, its note says why). Hidden entries, and files other than
 * notebooks beside the student folders (a README), are passed over in
 * silence. */
#ifndef TITO_GRADE_DISCOVER_H
#define TITO_GRADE_DISCOVER_H

#include <stddef.h>

#include "util/error.h"

typedef enum {
    TITO_GRADE_MISSING = 0, /* no submission for the module */
    TITO_GRADE_FOUND,       /* path is the notebook to grade */
    TITO_GRADE_AMBIGUOUS    /* note says why; not graded */
} tito_grade_found;

typedef struct tito_grade_cell {
    tito_grade_found found;
    char *path;             /* FOUND: the notebook (under the submissions folder) */
    char *note;             /* AMBIGUOUS: why, and what to rename; MISSING: a hint or NULL */
} tito_grade_cell;

typedef struct tito_grade_student {
    char *id;               /* the folder name, a safe id (tito_grade_student_id_ok) */
    tito_grade_cell *cells; /* one per module, in the order given to discover */
} tito_grade_student;

typedef struct tito_grade_cohort {
    size_t nmodules;
    tito_grade_student *students; /* sorted by id */
    size_t nstudents;
    char **notes;           /* one line each: folders skipped and why, files ignored and why */
    size_t nnotes;
} tito_grade_cohort;

/* 1 when name may be a student id: 1 to 64 of [A-Za-z0-9._-], starting with
 * a letter or digit (ids appear in job ids, file names and CSV cells). */
int tito_grade_student_id_ok(const char *name);

/* Finds the submissions in dir for the course's modules (folder names
 * "NN_name", all of them: a file naming a module outside the graded range
 * must not be called a stray). *out is owned by the caller
 * (tito_grade_cohort_free). TITO_ENOTFOUND when dir is not a folder. */
int tito_grade_discover(tito_grade_cohort **out, const char *dir, const char *const *modules, size_t nmodules,
                        tito_error *err);
void tito_grade_cohort_free(tito_grade_cohort *c);

#endif
