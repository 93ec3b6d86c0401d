/* Internals shared by the runner's files (not part of runner.h). */
#ifndef TITO_RUNNER_RUNNER_PRIVATE_H
#define TITO_RUNNER_RUNNER_PRIVATE_H

#include "job/result.h"
#include "json/json.h"
#include "nb/nb.h"
#include "proc/proc.h"
#include "runner/runner.h"

/* Builds the points map {test name: max points} from the nbgrader metadata
 * (`grade: true`, numeric `points`) of the code cells that define top-level
 * `def test_*` functions. *out is a new JSON object (possibly empty). */
int tito_runner__points(tito_json **out, const tito_nb *nb, tito_error *err);

/* Fills r->tests, r->outcome and r->message from a finished harness run
 * (per-test mode: the fd 3 JSON lines; script mode: stdout's checkmark lines as
 * upstream parses them), failing closed on whatever was not reported.
 * points may be NULL. */
int tito_runner__judge(tito_result *r, const tito_proc_result *pr, tito_test_mode mode,
                       const tito_json *points, const tito_limits *limits, tito_error *err);
/* The same for a harness run with --key-file: key (the file's text, NUL-
 * terminated) authenticates every report line; a line that does not verify or
 * a "tamper" event makes the job TITO_OUTCOME_VIOLATION. key NULL: unsigned,
 * as tito_runner__judge. */
int tito_runner__judge_signed(tito_result *r, const tito_proc_result *pr, tito_test_mode mode,
                              const tito_json *points, const tito_limits *limits, const char *key,
                              tito_error *err);

/* The hidden tests for the harness's fd 4 (its --hidden-fd), appended to
 * out: each DIR/test_*.py in name order as "NAME\nLENGTH\n" and LENGTH
 * bytes. The harness reads them before any student code runs and closes the
 * fd: in the sandbox no path leads to them (shared/sandbox/README.md). */
int tito_runner__hidden_payload(tito_buf *out, const char *dir, tito_error *err);

#endif
