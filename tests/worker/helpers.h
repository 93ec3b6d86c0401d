/* Helpers for the tito-worker integration suite: a coordinator in miniature
 * (upload the fixture course, create a run, insert + enqueue jobs), worker
 * processes started from $TITO_WORKER_BIN with their stderr in a file, and
 * polling helpers. Real redis-server and PostgreSQL come from the services
 * fixture (tests/support/svc_fixture.h); each test uses its own queue, run,
 * cache and work dirs, so tests can run in parallel against one pair of
 * servers. */
#ifndef TITO_TESTS_WORKER_HELPERS_H
#define TITO_TESTS_WORKER_HELPERS_H

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../support/svc_fixture.h"
#include "job/bundle.h"
#include "job/job.h"
#include "queue/queue.h"
#include "store/store.h"
#include "util/fs.h"

typedef struct wt {
    tito_services_info info;
    char queue_name[96];
    char tmp[PATH_MAX];       /* per-test dir: cache/, work/, logs */
    tito_store *store;
    tito_queue *queue;        /* coordinator handle (no consumer) */
    char *run_id;
    char course_sha[65];
    pid_t pids[32];           /* workers started, killed at teardown if still running */
    int npids;
} wt;

static inline double wt_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void wt_msleep(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static inline void wt_setup(wt *t)
{
    tito_error err = TITO_ERROR_INIT;
    tito_buf b = TITO_BUF_INIT;
    char tmpl[] = "/tmp/tito-wt-XXXXXX";

    memset(t, 0, sizeof(*t));
    svc_fixture_start(&t->info);
    svc_fixture_unique(t->queue_name, sizeof(t->queue_name), "wq");
    cr_assert_not_null(mkdtemp(tmpl));
    snprintf(t->tmp, sizeof(t->tmp), "%s", tmpl);
    cr_assert_eq(tito_store_new(&t->store, t->info.database_url, &err), 0, "%s", err.message);
    cr_assert_eq(tito_queue_new(&t->queue, t->info.redis_url, t->queue_name, NULL, &err), 0, "%s",
                 err.message);
    cr_assert_eq(tito_store_run_create(t->store, &t->run_id, "test", NULL, &err), 0, "%s", err.message);
    /* The fixture course lives in tests/worker; other suites reuse it. */
    const char *src = getenv("TITO_SOURCE_DIR");
    char course[PATH_MAX];
    snprintf(course, sizeof(course), "%s/tests/worker/fixtures/course", src ? src : "../..");
    cr_assert_eq(tito_bundle_pack(&b, course, NULL, NULL, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_artifact_put(t->store, t->course_sha, b.ptr, b.len, &err), 0, "%s",
                 err.message);
    tito_buf_dispose(&b);
}

static inline void wt_teardown(wt *t)
{
    char cmd[PATH_MAX + 32];
    /* A failed assertion must not leave workers retrying forever. waitpid
     * WNOHANG returns 0 only for our own child still running. */
    for (int i = 0; i < t->npids; i++) {
        if (waitpid(t->pids[i], NULL, WNOHANG) == 0) {
            kill(t->pids[i], SIGKILL);
            waitpid(t->pids[i], NULL, 0);
        }
    }
    tito_queue_free(t->queue);
    tito_store_free(t->store);
    free(t->run_id);
    if (t->tmp[0] && !getenv("TITO_TEST_KEEP")) {
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", t->tmp);
    }
}

/* Uploads bytes as an artifact; returns its sha in out. */
static inline void wt_put(wt *t, char out[65], const char *data, size_t len)
{
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_store_artifact_put(t->store, out, data, len, &err), 0, "%s", err.message);
}

/* Packs and uploads another course (path relative to the source tree);
 * later jobs use it. */
static inline void wt_course(wt *t, const char *rel)
{
    tito_error err = TITO_ERROR_INIT;
    tito_buf b = TITO_BUF_INIT;
    const char *src = getenv("TITO_SOURCE_DIR");
    char course[PATH_MAX];
    snprintf(course, sizeof(course), "%s/%s", src ? src : "../..", rel);
    cr_assert_eq(tito_bundle_pack(&b, course, NULL, NULL, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_artifact_put(t->store, t->course_sha, b.ptr, b.len, &err), 0, "%s",
                 err.message);
    tito_buf_dispose(&b);
}

static inline void wt_job_full(wt *t, char *id_out, size_t n, const char *module,
                               const char *submission_sha, const char *deps_sha, tito_job_kind kind);

/* Inserts a job row and enqueues its document. id_out receives the job id. */
static inline void wt_job(wt *t, char *id_out, size_t n, const char *module,
                          const char *submission_sha, tito_job_kind kind)
{
    wt_job_full(t, id_out, n, module, submission_sha, NULL, kind);
}

static inline void wt_job_full(wt *t, char *id_out, size_t n, const char *module,
                               const char *submission_sha, const char *deps_sha, tito_job_kind kind)
{
    tito_error err = TITO_ERROR_INIT;
    tito_job job = {0};
    tito_limits_req unset = TITO_LIMITS_REQ_INIT;
    job.limits = unset;
    char *spec = NULL;

    svc_fixture_unique(id_out, n, "job-");
    job.id = id_out;
    job.run_id = t->run_id;
    job.kind = kind;
    job.student = (char *)"";
    job.module = (char *)module;
    job.submission_sha = (char *)submission_sha;
    job.course_sha = t->course_sha;
    job.deps_sha = (char *)deps_sha;
    job.deps = deps_sha ? TITO_DEPS_OWN : TITO_DEPS_SOLUTION;
    job.limits.timeout_s = 120;
    cr_assert_eq(tito_job_encode(&spec, &job, &err), 0, "%s", err.message);
    tito_job_row row = {id_out, "", module, submission_sha, spec};
    cr_assert_eq(tito_store_jobs_insert(t->store, t->run_id, &row, 1, &err), 0, "%s", err.message);
    const char *ids[1] = {id_out}, *docs[1] = {spec};
    cr_assert_eq(tito_queue_enqueue(t->queue, NULL, ids, docs, 1, &err), 0, "%s", err.message);
    free(spec);
}

/* Enqueues a raw entry (id field, job field) without a row. */
static inline void wt_raw(wt *t, const char *id, const char *doc)
{
    tito_error err = TITO_ERROR_INIT;
    const char *ids[1] = {id}, *docs[1] = {doc};
    cr_assert_eq(tito_queue_enqueue(t->queue, NULL, ids, docs, 1, &err), 0, "%s", err.message);
}

/* Inserts a row for id (so a malformed entry's id is recoverable). */
static inline void wt_row(wt *t, const char *id, const char *module)
{
    tito_error err = TITO_ERROR_INIT;
    tito_job_row row = {id, "", module, NULL, NULL};
    cr_assert_eq(tito_store_jobs_insert(t->store, t->run_id, &row, 1, &err), 0, "%s", err.message);
}

/* The worker id wt_worker gives worker `name`: unique across parallel tests. */
static inline const char *wt_id(const wt *t, const char *name)
{
    static char id[200];
    snprintf(id, sizeof(id), "%s-%s", t->queue_name, name);
    return id;
}

/* Starts a worker: extra args (NULL-terminated) after the common ones. Its
 * stderr goes to TMP/<name>.log. */
static inline pid_t wt_worker(wt *t, const char *name, ...)
{
    const char *bin = getenv("TITO_WORKER_BIN");
    char logpath[PATH_MAX + 64], cache[PATH_MAX + 16], work[PATH_MAX + 16], id[200];
    const char *argv[64];
    int argc = 0;
    va_list ap;

    cr_assert_not_null(bin, "TITO_WORKER_BIN unset (run through ctest)");
    snprintf(logpath, sizeof(logpath), "%s/%s.log", t->tmp, name);
    snprintf(cache, sizeof(cache), "%s/cache", t->tmp);
    snprintf(work, sizeof(work), "%s/work", t->tmp);
    argv[argc++] = bin;
    argv[argc++] = "--redis";
    argv[argc++] = t->info.redis_url;
    argv[argc++] = "--db";
    argv[argc++] = t->info.database_url;
    argv[argc++] = "--queue";
    argv[argc++] = t->queue_name;
    argv[argc++] = "--id";
    snprintf(id, sizeof(id), "%s-%s", t->queue_name, name);
    argv[argc++] = id;
    argv[argc++] = "--cache-dir";
    argv[argc++] = cache;
    argv[argc++] = "--work-dir";
    argv[argc++] = work;
    argv[argc++] = "--no-sandbox";
    va_start(ap, name);
    const char *a;
    while ((a = va_arg(ap, const char *)) && argc < 62)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;

    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 2);
            close(fd);
        }
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    if (t->npids < (int)(sizeof(t->pids) / sizeof(t->pids[0])))
        t->pids[t->npids++] = pid;
    return pid;
}

static inline char *wt_log(wt *t, const char *name)
{
    char path[PATH_MAX + 64], *text = NULL;
    snprintf(path, sizeof(path), "%s/%s.log", t->tmp, name);
    if (tito_fs_read_file(&text, NULL, path, NULL) < 0)
        return strdup("");
    return text;
}

/* Waits until the worker's log contains needle (or timeout). */
static inline int wt_wait_log(wt *t, const char *name, const char *needle, double timeout_s)
{
    double end = wt_now() + timeout_s;
    while (wt_now() < end) {
        char *log = wt_log(t, name);
        int found = strstr(log, needle) != NULL;
        free(log);
        if (found)
            return 1;
        wt_msleep(50);
    }
    return 0;
}

/* Waits for pid to exit; returns its wait status, or -1 on timeout (then
 * kills it). */
static inline int wt_wait_exit(pid_t pid, double timeout_s)
{
    double end = wt_now() + timeout_s;
    int st;
    while (wt_now() < end) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            return st;
        wt_msleep(50);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

/* SQL helper on a private connection: the first cell of the first row, or
 * NULL (malloc'd). */
static inline char *wt_sql(wt *t, const char *sql, const char *param)
{
    PGconn *c = PQconnectdb(t->info.database_url);
    char *out = NULL;
    cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
    const char *p[1] = {param};
    PGresult *r = PQexecParams(c, sql, param ? 1 : 0, NULL, param ? p : NULL, NULL, NULL, 0);
    cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
    if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
        out = strdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(c);
    return out;
}

static inline char *wt_status(wt *t, const char *job_id)
{
    return wt_sql(t, "SELECT status FROM jobs WHERE id = $1", job_id);
}

static inline int wt_is_final(const char *s)
{
    return s && strcmp(s, "queued") != 0 && strcmp(s, "running") != 0;
}

/* Waits until the job's status is want (or, want NULL, any final one). */
static inline char *wt_wait_status(wt *t, const char *job_id, const char *want, double timeout_s)
{
    double end = wt_now() + timeout_s;
    char *s = NULL;
    while (wt_now() < end) {
        free(s);
        s = wt_status(t, job_id);
        if (want ? (s && !strcmp(s, want)) : wt_is_final(s))
            return s;
        wt_msleep(100);
    }
    return s;
}

static inline int wt_count(wt *t, const char *sql, const char *param)
{
    char *s = wt_sql(t, sql, param);
    int n = s ? atoi(s) : -1;
    free(s);
    return n;
}

static inline tito_queue_stats wt_stats(wt *t)
{
    tito_queue_stats st;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_queue_stats_get(t->queue, &st, &err), 0, "%s", err.message);
    return st;
}

/* st must be a variable: the macro evaluates it more than once. */
#define WT_EXITED_OK(st) ((st) != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0)

#endif
