/* The machinery of a queued run, shared by `tito batch` (the course's own
 * notebooks) and `tito grade` (a cohort's submissions): the course bundle and
 * the reference package, job specs, enqueue (rows first, then XADD), local
 * workers, following the run until every job is final, cancellation.
 *
 * Messages start with "tito CMD: " where CMD is tito_run.cmd. Functions
 * returning int return 0 or a TITO_E* code with err set, unless said
 * otherwise. */
#ifndef TITO_COORDINATOR_BATCH_RUN_H
#define TITO_COORDINATOR_BATCH_RUN_H

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include "cmd_data.h"
#include "course/course.h"
#include "job/job.h"
#include "limits/limits.h"
#include "queue/queue.h"
#include "store/store.h"
#include "util/error.h"

#define TITO_RUN_MAX_WORKERS 64

/* One job as the coordinator tracks it. m and student are borrowed. */
typedef struct tito_run_job {
    const tito_module_info *m;
    const char *student;   /* "" for the course's own notebooks (tito batch) */
    char id[160];
    char status[24];
    int enqueued;          /* row inserted and XADDed */
    int final;
    int reported;          /* plain progress line printed */
    int tests_passed, tests_total;
    double points, max_points;
    double duration_ms;
    char *error;           /* owned */
    char *export_sha;      /* owned */
    tito_limits_req limits; /* what this job asks: tito.ini < course < module < flags */
} tito_run_job;

/* Frees what each of jobs[0..n) owns (not the array). */
void tito_run_jobs_dispose(tito_run_job *jobs, size_t n);

typedef struct tito_run_worker {
    pid_t pid;             /* 0: to be restarted, -1: given up */
    double started;
    char id[64];
} tito_run_worker;

/* A run in progress. Fill cmd, quiet and json, then tito_run_config,
 * tito_run_connect, ...; tito_run_dispose frees what it owns. */
typedef struct tito_run {
    const char *cmd;        /* "batch", "grade" */
    int quiet, json;        /* no progress lines at all / none on stdout's behalf */
    FILE *msg;              /* progress and warnings: stderr */
    int tty;                /* msg is a terminal: one live line */
    double t0;              /* tito_run_now() at the start */
    tito_config *cfg;       /* owned */
    tito_store *st;         /* owned */
    tito_queue *q;          /* owned */
    char *redis, *db, *queue, *wbin; /* owned */
    char *run_id;           /* owned, once created */
    char server_id[41];
    int nworkers, sandbox, lease_ms, max_attempts;
    tito_run_worker workers[TITO_RUN_MAX_WORKERS];
    char wlog[PATH_MAX];    /* the spawned workers' log file */
    struct sigaction old_int, old_term;
    int signals_caught;
} tito_run;

/* Set by SIGINT/SIGTERM while signals are caught (tito_run_catch_signals). */
extern volatile sig_atomic_t tito_run_interrupted;

double tito_run_now(void);
/* "12.3 s", "2m05s", "--" for s < 0. */
void tito_run_fmt_dur(char *buf, size_t n, double s);
/* 1 when status is final (neither queued nor running). */
int tito_run_is_final(const char *status);

/* The nearest ancestor of the current folder (itself included) holding
 * modules/, malloc'd; NULL when none. */
char *tito_run_find_course_dir(void);
/* Module number of a FROM/TO argument: "5", "05", "05_autograd". -1 if bad. */
int tito_run_module_number(const tito_course *c, const char *spec, long *out);
/* Integer in lo..hi; -1 when s is not one. */
int tito_run_parse_int(const char *s, long lo, long hi, long *out);

/* The flags tito batch and tito grade share. */
typedef struct tito_run_flags {
    tito_cli_conn conn;     /* --redis, --db, --state-dir */
    const char *course;     /* --course DIR */
    const char *queue;      /* --queue NAME */
    int workers;            /* --workers N; -1: default */
    int json, quiet;        /* --json; --quiet, -q */
    int sandbox;            /* --sandbox 1, --no-sandbox 0; -1: auto */
    int max_attempts;       /* --max-attempts N; 0: the worker's default */
    tito_limits_req limits; /* --timeout, --memory, --pids, --output, --disk */
} tito_run_flags;
void tito_run_flags_init(tito_run_flags *f);
/* If argv[*i] is one of the shared flags, consumes it (and its value) and
 * returns 1; 0 when it is not one; TITO_EXIT_USAGE when its value is
 * missing or bad ("tito CMD: ... (see --help)" printed). */
int tito_run_flag(tito_run_flags *f, const char *cmd, int argc, char **argv, int *i);
/* Prints "tito CMD: " fmt(arg) " (see --help)"; returns TITO_EXIT_USAGE. */
int tito_run_usage_error(const char *cmd, const char *fmt, const char *arg);

/* Opens the course (course_flag, else the one the current folder is in) and
 * picks its modules FROM..TO (NULL: first / last): *sel (malloc'd) indexes
 * into the course's modules, *nsel of them, at least one. Returns an exit
 * status (0 ok; the message is printed). */
int tito_run_open_course(tito_course **course, char **course_dir, size_t **sel, size_t *nsel, const char *cmd,
                         const char *course_flag, const char *from, const char *to);

/* Called once per poll of tito_run_follow after the jobs are refreshed (e.g.
 * --deps own enqueues the next module); a TITO_EUNAVAIL return is retried. */
typedef int (*tito_run_advance_fn)(tito_run *r, tito_run_job *jobs, size_t n, void *ctx, tito_error *err);

/* Zeroes r and sets it up for cmd with the shared flags (progress to
 * stderr; a live line when it is a terminal). */
void tito_run_init(tito_run *r, const char *cmd, const tito_run_flags *f);
/* Configuration, limits and services, in that order (a bad limit is a usage
 * error before anything is created): *run_limits and each job's limits
 * (course_dir NULL: no course, only tito.ini and flags), then connects with
 * `workers` local workers asked (-1: default). Returns an exit status (0 ok;
 * the message is printed). */
int tito_run_setup(tito_run *r, const tito_run_flags *f, const char *course_dir, tito_run_job *jobs, size_t n,
                   tito_limits_req *run_limits, int workers);
/* Starts the local workers, follows the run (tito_run_follow) and stops
 * them. Returns 0 (see tito_run_interrupted), TITO_ERROR when the message
 * is already printed, else a TITO_E* code with err set. */
int tito_run_work(tito_run *r, tito_run_job *jobs, size_t n, int per_job, tito_run_advance_fn advance, void *ctx,
                  tito_error *err);
/* A run that cannot go on: prints err's message (err NULL: already said),
 * marks the run "error" if it was created; returns the exit status for rc
 * (2 for bad input, else 3). */
int tito_run_fail(tito_run *r, int rc, const tito_error *err);

/* Loads the configuration with the connection flags; returns an exit status
 * (0 ok; the message is printed). */
int tito_run_config(tito_run *r, const tito_cli_conn *conn);
/* Resolves (or starts) the services, connects, and when local workers are
 * to run (workers: the --workers flag, -1 unset) checks the sandbox
 * (sandbox: -1 auto, 0 off, 1 required) and the worker binary. Returns an
 * exit status (0 ok; the message is printed). */
int tito_run_connect(tito_run *r, const char *queue_flag, int workers, int sandbox);
/* Creates the run row; params_json: a JSON object text. Prints on failure. */
int tito_run_create(tito_run *r, const char *kind, const char *params_json);

/* The course bundle (everything a worker needs of the course, without this
 * machine's state or the package a run produces), stored as an artifact. */
int tito_run_course_bundle(tito_run *r, char sha[65], const tito_course *c, tito_error *err);
/* --deps solution: every module notebook exported into a package, stored as
 * an artifact; a module that cannot be exported is reported on r->msg. */
int tito_run_reference_package(tito_run *r, char sha[65], const tito_course *c, tito_error *err);
/* Packs root (filter may be NULL) and stores it as an artifact. */
int tito_run_put_bundle(tito_store *st, char sha[65], const char *root,
                        int (*filter)(const char *, void *), void *ctx, tito_error *err);
/* Removes a temporary tree (best effort). */
void tito_run_rm_tree(const char *dir);

/* The wire document of a complete (or noop) job, *out malloc'd. student ""
 * and submission NULL: the course's own notebook. */
int tito_run_make_spec(char **out, const tito_run_job *jb, const char *run_id, tito_job_kind kind,
                       const char *submission_sha, const char *course_sha, const char *deps_sha,
                       int deps_own, tito_error *err);
/* Enqueues jobs[order[0..n)] (order NULL: in order) at once: specs of
 * kind, with submissions[i] the notebook artifact of jobs[i] (NULL: the
 * course's own), rows then XADD; marks them enqueued. */
int tito_run_enqueue_jobs(tito_run *r, tito_run_job *jobs, const size_t *order, size_t n, tito_job_kind kind,
                          char (*submissions)[65], const char *course_sha, const char *deps_sha, tito_error *err);
/* Inserts rows then XADDs specs (PostgreSQL first: design §4), retrying while
 * a service is briefly unavailable. */
int tito_run_enqueue(tito_run *r, const tito_job_row *rows, const char *const *ids,
                     const char *const *specs, size_t n, tito_error *err);

/* Catches SIGINT/SIGTERM into tito_run_interrupted until tito_run_dispose. */
void tito_run_catch_signals(tito_run *r);
/* Spawns r->nworkers local workers (their log: STATE/logs/CMD-RUN-workers.log).
 * Returns an exit status (0 ok). */
int tito_run_start_workers(tito_run *r);

/* Follows the run until every job is final or tito_run_interrupted: a live
 * line on a terminal, one plain line per final job otherwise (per_job: jobs
 * are refreshed from PostgreSQL; else only counted, for huge runs). Returns
 * 0, a TITO_E* code with err set, or TITO_ERROR with a message printed when
 * no worker could start. */
int tito_run_follow(tito_run *r, tito_run_job *jobs, size_t n, int per_job, tito_run_advance_fn advance,
                    void *ctx, tito_error *err);
/* Refreshes the jobs' state from PostgreSQL. */
int tito_run_refresh(tito_run *r, tito_run_job *jobs, size_t n, tito_error *err);
/* Stops the local workers (idempotent). */
void tito_run_stop(tito_run *r);
/* After an interrupt: drops the queued entries, marks the queued jobs
 * cancelled and the run cancelled. */
void tito_run_cancel(tito_run *r, tito_run_job *jobs, size_t n);
/* Marks the run finished with status and drops its queue entries. */
void tito_run_finish(tito_run *r, const char *status);
void tito_run_dispose(tito_run *r);

#endif
