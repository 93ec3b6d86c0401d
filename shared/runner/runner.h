/* tito_runner: the `complete` pipeline for one module, shared by the local
 * `tito module complete` and the worker: convert the notebook to py:percent,
 * run its tests through the harness (per-test or script mode), export the
 * `#| export` cells when tests pass. */
#ifndef TITO_RUNNER_RUNNER_H
#define TITO_RUNNER_RUNNER_H

#include "job/result.h"
#include "proc/proc.h"
#include "util/error.h"

typedef enum { TITO_TEST_MODE_PER_TEST = 0, TITO_TEST_MODE_SCRIPT = 1 } tito_test_mode;

typedef struct tito_runner_opts {
    const char *course_dir;     /* course root holding modules/ and the package */
    const char *module_dir;     /* e.g. COURSE/modules/01_tensor */
    const char *notebook;       /* notebook to grade; NULL: the one the module folder holds */
    const char *py_out;         /* where to write the .py; NULL: next to the notebook, same stem */
    const char *lib_name;       /* package name, e.g. "tinytorch" */
    const char *export_dir;     /* package dir to export into; NULL: course_dir/lib_name */
    const char *pythonpath;     /* dir holding the package earlier modules exported; NULL: course_dir */
    const char *hidden_tests;   /* dir of instructor tests (tests/NN_name), NULL if none */
    const char *work_dir;       /* scratch dir for this job (created if missing) */
    int skip_tests;
    int skip_export;
    tito_test_mode test_mode;
    int per_test_timeout_s;     /* 0: no per-test budget */
    tito_limits limits;
    int sandbox;
    const char *python;         /* NULL: /usr/bin/python3 */
} tito_runner_opts;

#define TITO_RUNNER_OPTS_INIT                                                                  \
    {NULL, NULL, NULL, NULL, "tinytorch", NULL, NULL, NULL, NULL, 0, 0, TITO_TEST_MODE_PER_TEST, \
     120, TITO_LIMITS_DEFAULT, 0, NULL}

/* Runs the pipeline. Returns 0 with *out set whenever the job itself ran,
 * whatever its outcome (a failing test, a bad notebook, a timeout are results,
 * not errors); negative only for infrastructure failures (err set, *out NULL).
 * The caller frees *out with tito_result_free. */
int tito_runner_complete(tito_result **out, const tito_runner_opts *opts, tito_error *err);

#endif
