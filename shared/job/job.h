/* tito_job: one unit of work on the queue (design.md §3).
 *
 * Lifecycle (jobs.status in PostgreSQL, the source of truth):
 *
 *   queued --(worker XREADGROUP, marks running, attempt++)--> running
 *   running --(result committed, then XACK)--> passed | failed | error | timeout | ...
 *   running --(worker dies; lease expires; XAUTOCLAIM by another worker)--> running (attempt+1)
 *   running --(delivered max_attempts times)--> dead (error recorded with the reason)
 *   queued --(--deps own and a prerequisite failed)--> blocked
 *
 * The wire encoding is JSON with exactly one encoder (tito_job_to_json) and one
 * decoder (tito_job_from_json). */
#ifndef TITO_JOB_JOB_H
#define TITO_JOB_JOB_H

#include <stdint.h>

#include "json/json.h"
#include "limits/limits.h"
#include "util/error.h"

typedef enum {
    TITO_JOB_KIND_COMPLETE = 0, /* convert + test + export one module */
    TITO_JOB_KIND_NOOP          /* does nothing: measures queue + store overhead */
} tito_job_kind;

typedef enum { TITO_DEPS_SOLUTION = 0, TITO_DEPS_OWN } tito_deps_mode;

typedef struct tito_job {
    char *id;             /* UUID-like text, unique across runs */
    char *run_id;
    tito_job_kind kind;
    char *student;        /* "" for course maintainers' batch runs */
    char *module;         /* module folder name, e.g. "01_tensor" */
    char *submission_sha; /* sha256 (hex) of the notebook artifact; NULL: the course's own notebook */
    char *course_sha;     /* sha256 of the course bundle artifact */
    char *deps_sha;       /* sha256 of the package bundle earlier modules come from, or NULL */
    tito_deps_mode deps;
    int skip_tests;
    int skip_export;
    tito_limits_req limits; /* what the run/course asks; unset fields: the worker's defaults */
    int attempt;          /* 1-based delivery count, set by the worker */
} tito_job;

int tito_job_new(tito_job **out);
void tito_job_free(tito_job *job);
/* Encodes job as a new JSON tree (caller frees). */
int tito_job_to_json(tito_json **out, const tito_job *job, tito_error *err);
/* Decodes; TITO_EINVALID with a message naming the bad field for malformed jobs. */
int tito_job_from_json(tito_job **out, const tito_json *j, tito_error *err);
/* Text convenience wrappers (compact JSON). */
int tito_job_encode(char **out, const tito_job *job, tito_error *err);
int tito_job_decode(tito_job **out, const char *text, size_t len, tito_error *err);

#endif
