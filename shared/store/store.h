/* tito_store: the PostgreSQL data layer (the source of truth). libpq is used
 * only in store.c.
 *
 * Data model (schema/NNN_*.sql, §5 of the design):
 *
 *   runs      one `tito batch` / `tito grade` / `tito ci` invocation
 *   jobs      one (run, student, module) `complete` job; `spec` holds the job
 *             document exactly as it goes on the wire (see queue.h)
 *   job_attempts / test_results / job_logs   what each attempt produced,
 *             keyed by (job_id, attempt): writing the same attempt twice is a no-op
 *   artifacts content-addressed blobs (sha256 hex -> bytes)
 *   workers   live workers, heartbeat in last_seen
 *   dead_letters  jobs given up after max deliveries, with the reason
 *
 * Job lifecycle (jobs.status, text):
 *
 *   queued --job_start--> running --result_record--> passed | failed | error |
 *     timeout | memory_limit | output_limit | signaled | violation |
 *     infra_error | blocked
 *   running --(worker dies; redelivered)--> running (attempt + 1)
 *   queued|running --job_dead--> dead           (after max deliveries)
 *   queued --job_set_status--> blocked | cancelled
 *
 * A status other than queued/running is final. jobs.attempts counts the
 * attempts started (1 after the first job_start); it is the authoritative
 * attempt number.
 *
 * Times: *_at columns are timestamptz; in C we print them as text from SQL.
 * Durations carry _ms.
 *
 * Durability: writes that matter (jobs_insert, result_record, job_dead,
 * run_*, job_set_status) wait for the WAL fsync; job_start, worker_* and
 * artifact_put do not (losing them in an OS crash is harmless, and the next
 * durable commit flushes them anyway: the WAL is sequential). On slow disks
 * the fsync dominates result_record (~5 ms here); adding
 * options='-c synchronous_commit=off' to the conninfo (or PGOPTIONS) trades
 * durability of the last ~0.6 s of results for latency.
 *
 * Errors: every function returns 0 or a negative TITO_E* code and fills err.
 * TITO_EUNAVAIL means the server is unreachable or the connection broke
 * (e.g. PostgreSQL restarted): the call that finds out fails, nothing is
 * retried inside; the caller retries with backoff -- the next call
 * reconnects first by itself (tito_store_reset forces it). A write that
 * failed with EUNAVAIL may or may not have committed: every write here is
 * safe to repeat (result_record is idempotent per attempt, jobs_insert
 * reports ECONFLICT for ids already there).
 *
 * Ownership: strings passed in are borrowed (copied when needed). Every
 * tito_rows returned is owned by the caller and freed with tito_rows_free.
 * A tito_store is not thread-safe: one per thread. */
#ifndef TITO_STORE_STORE_H
#define TITO_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "job/result.h"
#include "util/error.h"

typedef struct tito_store tito_store;

/* Connects with a libpq conninfo ("host=/dir dbname=tito user=u" or
 * "postgresql://..."). TITO_EUNAVAIL when the server cannot be reached
 * (message says where); TITO_ERROR for other failures (auth, bad conninfo). */
int tito_store_new(tito_store **out, const char *conninfo, tito_error *err);
void tito_store_free(tito_store *s);
/* Drops and re-opens the connection. TITO_EUNAVAIL while the server is down. */
int tito_store_reset(tito_store *s, tito_error *err);

/* Applies the migrations embedded in the binary (schema/NNN_*.sql) that
 * schema_migrations does not list, in order, each in its own transaction under
 * pg_advisory_xact_lock, so two processes at once are safe and a second run
 * is a no-op. *out_applied (may be NULL) receives how many were applied now. */
int tito_store_migrate(tito_store *s, int *out_applied, tito_error *err);

/* --- artifacts (content-addressed blobs) ------------------------------- */

/* Stores data under its sha256 (INSERT ... ON CONFLICT DO NOTHING) and
 * writes the 64-char lowercase hex digest + NUL to out_sha. */
int tito_store_artifact_put(tito_store *s, char out_sha[65], const void *data, size_t len,
                            tito_error *err);
/* Fetches a blob: *out is malloc'd (caller frees; NUL-terminated for
 * convenience, not counted in *out_len). TITO_ENOTFOUND when absent. */
int tito_store_artifact_get(tito_store *s, void **out, size_t *out_len, const char *sha,
                            tito_error *err);
/* *out_exists = 1 when the blob is stored. */
int tito_store_artifact_exists(tito_store *s, int *out_exists, const char *sha, tito_error *err);

/* --- runs -------------------------------------------------------------- */

/* Creates a run (status "running") and returns its id: short decimal text
 * ("1", "2", ...), malloc'd, caller frees. kind: "batch", "grade", "ci", ...;
 * params_json: a JSON object text or NULL. */
int tito_store_run_create(tito_store *s, char **out_id, const char *kind,
                          const char *params_json, tito_error *err);
/* Sets the final status ("passed", "failed", "cancelled", ...) and finished_at. */
int tito_store_run_finish(tito_store *s, const char *run_id, const char *status, tito_error *err);
/* The most recent run id (malloc'd); TITO_ENOTFOUND when there is none. */
int tito_store_run_last(tito_store *s, char **out_id, tito_error *err);

/* Per-status job counts of a run (or of all runs still running, run_id NULL). */
typedef struct tito_run_counts {
    int64_t total, queued, running, passed, failed, error, dead, other;
} tito_run_counts;
int tito_store_run_counts(tito_store *s, tito_run_counts *out, const char *run_id,
                          tito_error *err);

/* --- jobs -------------------------------------------------------------- */

/* One job to insert. spec_json is the job document as sent on the wire
 * (tito_job_encode; see job/job.h); reconcile re-enqueues it as stored. */
typedef struct tito_job_row {
    const char *id;             /* job id (tito_job.id), unique text; required */
    const char *student;        /* "" for the maintainer's own course (tito batch) */
    const char *module;         /* module folder name, "01_tensor" */
    const char *submission_sha; /* artifact sha of the notebook, or NULL */
    const char *spec_json;      /* job document, or NULL */
} tito_job_row;

/* Inserts n jobs of run_id as "queued" with one COPY (atomic; the fast
 * path for enqueue). TITO_ECONFLICT when an id already exists (nothing
 * inserted); TITO_ENOTFOUND when run_id does not exist. */
int tito_store_jobs_insert(tito_store *s, const char *run_id, const tito_job_row *jobs, size_t n,
                           tito_error *err);

/* Marks a job running for a new attempt: attempts += 1, worker, started_at.
 * *out_attempt receives the new attempt number. Returns TITO_ECONFLICT when
 * the job is already final (a redelivery after the result was committed:
 * the caller just acks), TITO_ENOTFOUND when no such job. */
int tito_store_job_start(tito_store *s, int *out_attempt, const char *job_id, const char *worker,
                         tito_error *err);

/* Extra log streams for result_record (the result's own log is stored as
 * stream "log"). */
typedef struct tito_store_log {
    const char *stream;  /* "stdout", "stderr", "worker", ... */
    const char *content;
} tito_store_log;

typedef struct tito_store_attempt {
    const char *job_id;
    int attempt;                 /* from tito_store_job_start */
    const char *worker;          /* worker id, or NULL */
    const char *export_sha;      /* artifact of the exported package files, or NULL */
    const tito_store_log *logs;  /* extra logs, may be NULL */
    size_t nlogs;
} tito_store_attempt;
#define TITO_STORE_ATTEMPT_INIT {NULL, 0, NULL, NULL, NULL, 0}

/* Records the whole result of one attempt in ONE transaction: job_attempts
 * row, test_results, job_logs, and the job's final status (status =
 * tito_outcome_str, "skipped" -> "passed"), unless the job is already final
 * from another attempt. Idempotent on (job_id, attempt): a second call for
 * the same pair changes nothing and sets *out_already = 1 (else 0). Only
 * after this returns 0 may the worker XACK. */
int tito_store_result_record(tito_store *s, int *out_already, const tito_store_attempt *a,
                             const tito_result *r, tito_error *err);

/* Dead-letters a job: status "dead", error = reason, a dead_letters row, in
 * one transaction. No-op (returns 0) when the job is already final. */
int tito_store_job_dead(tito_store *s, const char *job_id, const char *reason, tito_error *err);
/* Sets a non-running status by hand ("blocked", "cancelled", "queued" to
 * requeue) with an optional error message. */
int tito_store_job_set_status(tito_store *s, const char *job_id, const char *status,
                              const char *error_msg, tito_error *err);

/* --- workers ----------------------------------------------------------- */

/* Inserts or refreshes a worker row (started_at = last_seen = now()). */
int tito_store_worker_register(tito_store *s, const char *id, const char *host, int pid,
                               const char *version, tito_error *err);
/* last_seen = now(). */
int tito_store_worker_heartbeat(tito_store *s, const char *id, tito_error *err);
/* Removes the worker row (clean shutdown). */
int tito_store_worker_unregister(tito_store *s, const char *id, tito_error *err);

/* --- query results: a read-only table of text cells -------------------- */

typedef struct tito_rows tito_rows;
void tito_rows_free(tito_rows *r);
size_t tito_rows_count(const tito_rows *r);
size_t tito_rows_ncols(const tito_rows *r);
const char *tito_rows_colname(const tito_rows *r, size_t col);
/* Cell text, NULL for SQL NULL (borrowed, valid until tito_rows_free). */
const char *tito_rows_get(const tito_rows *r, size_t row, size_t col);
/* Same by column name; NULL when the column does not exist. */
const char *tito_rows_getn(const tito_rows *r, size_t row, const char *colname);

/* Runs, newest first (limit 0: all). Columns: id, kind, status, created_at,
 * finished_at, total, queued, running, passed, failed, other. */
int tito_store_query_runs(tito_store *s, tito_rows **out, size_t limit, tito_error *err);

typedef struct tito_results_filter {
    const char *run_id;    /* NULL: latest result per (student, module) across runs */
    const char *module;    /* "01_tensor", or "01"/"1" (matches "01_*"), or NULL */
    const char *student;   /* or NULL */
} tito_results_filter;
#define TITO_RESULTS_FILTER_INIT {NULL, NULL, NULL}

/* One row per job, ordered by (student, module, job id). Columns: job_id, run_id,
 * student, module, status, attempts, worker, queued_at, started_at,
 * finished_at, duration_ms, exit_code, error, export_sha, tests_passed,
 * tests_total, points, max_points. */
int tito_store_query_results(tito_store *s, tito_rows **out, const tito_results_filter *f,
                             tito_error *err);
/* Per-test rows of the attempt each job's status came from, same filter,
 * ordered by (student, module, job id, test order): the same order as
 * query_results, so a caller can merge the two. Columns: job_id, student, module, name,
 * outcome, duration_ms, message, points, max_points. */
int tito_store_query_tests(tito_store *s, tito_rows **out, const tito_results_filter *f,
                           tito_error *err);
/* Logs of a job (attempt 0: latest attempt that has logs). job_id may be a
 * unique prefix. Columns: job_id, attempt, stream, content. TITO_ENOTFOUND
 * when no job matches, TITO_ECONFLICT when a prefix is ambiguous. */
int tito_store_query_logs(tito_store *s, tito_rows **out, const char *job_id, int attempt,
                          tito_error *err);
/* A single job (id or unique prefix). Columns as query_results plus spec.
 * TITO_ENOTFOUND / TITO_ECONFLICT as above. */
int tito_store_query_job(tito_store *s, tito_rows **out, const char *job_id, tito_error *err);
/* Workers seen in the last max_age_s seconds. Columns: id, host, pid,
 * version, started_at, last_seen, age_s. */
int tito_store_query_workers(tito_store *s, tito_rows **out, int max_age_s, tito_error *err);
/* Counts for `tito status`: one row with columns queued, running, finished,
 * dead, dead_letters, runs_running. */
int tito_store_query_status(tito_store *s, tito_rows **out, tito_error *err);
/* Jobs still queued or running (of run_id, or of all runs when NULL), for
 * `tito runs reconcile`. Columns: id, run_id, status, spec. */
int tito_store_query_unfinished(tito_store *s, tito_rows **out, const char *run_id,
                                tito_error *err);

#endif
