/* The result of one `complete` job (convert -> test -> export), the record a
 * worker stores and `tito module complete` prints.
 *
 * Outcome lifecycle: every test starts unreported; the harness reports each
 * one; whatever is still unreported when the run ends is recorded as
 * TITO_OUTCOME_ERROR ("fail closed"), never as passed.
 *
 * tito_result is a plain data record (fields public so the store and the
 * printers can read them); it owns every pointer inside it and is released
 * with tito_result_free. */
#ifndef TITO_JOB_RESULT_H
#define TITO_JOB_RESULT_H

#include <stddef.h>

#include "json/json.h"
#include "util/error.h"

typedef enum {
    TITO_OUTCOME_PASSED = 0,   /* every test passed (and export, if asked, succeeded) */
    TITO_OUTCOME_FAILED,       /* at least one test failed an assertion */
    TITO_OUTCOME_ERROR,        /* the student's code did not run: syntax/import error, crash, bad notebook */
    TITO_OUTCOME_TIMEOUT,      /* wall-clock or CPU limit hit */
    TITO_OUTCOME_MEMORY,       /* memory limit hit (OOM kill or MemoryError) */
    TITO_OUTCOME_OUTPUT_LIMIT, /* stdout/stderr or disk cap exceeded */
    TITO_OUTCOME_SIGNALED,     /* killed by a signal we did not send */
    TITO_OUTCOME_VIOLATION,    /* sandbox violation (seccomp kill) */
    TITO_OUTCOME_INFRA,        /* infrastructure error: retried, never the student's fault */
    TITO_OUTCOME_BLOCKED,      /* a prerequisite module failed (--deps own) */
    TITO_OUTCOME_SKIPPED       /* a test not run (e.g. --skip-tests) */
} tito_outcome;

/* "passed", "failed", "error", "timeout", "memory_limit", "output_limit",
 * "signaled", "violation", "infra_error", "blocked", "skipped". */
const char *tito_outcome_str(tito_outcome o);
/* Inverse of tito_outcome_str; returns TITO_EINVALID for unknown names. */
int tito_outcome_parse(tito_outcome *out, const char *s);

typedef struct tito_test_result {
    char *name;          /* e.g. "test_unit_tensor_creation" */
    tito_outcome outcome;
    double duration_ms;
    char *message;       /* failure message / traceback excerpt, or NULL */
    double points;       /* earned */
    double max_points;   /* from nbgrader metadata; 0 when ungraded */
} tito_test_result;

typedef struct tito_result {
    tito_outcome outcome;
    char *message;       /* one line a user can act on, NULL when passed */
    int exit_code;       /* of the test process; -1 when it did not run */
    int term_signal;     /* 0 unless killed by a signal */
    double duration_ms;  /* whole job */
    tito_test_result *tests;
    size_t ntests;
    char *log;           /* combined human-readable log (conversion, stdout, stderr, export) */
    char *py_path;       /* generated .py, relative to the course, or NULL */
    char **exports;      /* exported files, relative to the course */
    size_t nexports;
    int sandboxed;       /* 1 when run inside the sandbox */
    tito_json *limits;   /* limits in force ({"timeout_s":..,"memory_mb":..}), may be NULL */
} tito_result;

int tito_result_new(tito_result **out);
void tito_result_free(tito_result *r);
/* Appends a test (copies strings). */
int tito_result_add_test(tito_result *r, const char *name, tito_outcome outcome, double duration_ms,
                         const char *message, double points, double max_points);
/* JSON encoding (the one encoder/decoder pair, used by --json output, the
 * store and the wire). *out is a new tree the caller frees. */
int tito_result_to_json(tito_json **out, const tito_result *r, tito_error *err);
int tito_result_from_json(tito_result **out, const tito_json *j, tito_error *err);

#endif
