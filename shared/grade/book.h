/* tito_grade_book: a cohort's gradebook, students x modules, as `tito grade`
 * prints it: a table (a cell a module: points, else tests passed, else the
 * status; a total column), CSV (a row per student x module) and JSON.
 *
 * The book borrows every string: it is a view over the run's jobs and the
 * discovery, built by the caller, valid while those are. */
#ifndef TITO_GRADE_BOOK_H
#define TITO_GRADE_BOOK_H

#include <stddef.h>
#include <stdio.h>

#include "json/json.h"
#include "util/buf.h"

/* One student x module. */
typedef struct tito_grade_mark {
    const char *status;      /* a job's final status, or "missing" / "ambiguous" (no job) */
    int tests_passed, tests_total;
    double points, max_points;
    const char *job_id;      /* NULL: no job */
    const char *message;     /* the job's error, or why missing/ambiguous; NULL: none */
} tito_grade_mark;

typedef struct tito_grade_book {
    size_t nstudents, nmodules;
    const char *const *students; /* [nstudents] ids */
    const char *const *modules;  /* [nmodules] folder names, "01_tensor" */
    const tito_grade_mark *marks; /* [nstudents * nmodules], a row per student */
} tito_grade_book;

/* The CSV header line (with its newline). */
#define TITO_GRADE_CSV_HEADER \
    "student,module,status,tests_passed,tests_total,points,max_points,job_id,message\n"

/* A student's total: points and max points when the course gives points
 * (any max_points > 0 in the book; a module is worth the most any student's
 * job found, so a missing one counts 0 of that), else the modules passed of
 * nmodules.
 * *is_points says which. */
void tito_grade_book_total(const tito_grade_book *b, size_t student, double *got, double *of, int *is_points);
/* The whole book as CSV (header, then a row per student x module, RFC 4180
 * quoting; messages are cut to their first line). TITO_ENOMEM or 0. */
int tito_grade_book_csv(tito_buf *out, const tito_grade_book *b);
/* The table, for people: a row per student, a cell per module, a total. */
void tito_grade_book_table(FILE *f, const tito_grade_book *b, int color);
/* {"students": [{"student", "total", "of", "total_is": "points"|"modules_passed",
 *   "modules": [{"module", "status", "tests_passed", ..., "job_id", "message"}]}]};
 * NULL when out of memory. */
tito_json *tito_grade_book_json(const tito_grade_book *b);
/* 1 when the mark's job could not be graded (dead, infra_error, cancelled,
 * still queued/running): the run's fault, not the student's. */
int tito_grade_mark_ungraded(const tito_grade_mark *m);

#endif
