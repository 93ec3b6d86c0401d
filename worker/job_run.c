/* One stream entry, from decode to XACK (worker/README.md "Per job").
 *
 * Ordering rules that make "exactly once" hold:
 *  - the result is written in one idempotent transaction keyed by
 *    (job, attempt) BEFORE the entry is acked; a crash in between means a
 *    redelivery whose job_start finds the job final and just acks;
 *  - dead-lettering writes PostgreSQL first, then moves the entry;
 *  - infrastructure failures never produce a result: the step is retried
 *    (keeping the lease), or the entry is handed back unacked. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "course/course.h"
#include "job/bundle.h"
#include "job/job.h"
#include "runner/runner.h"
#include "util/fs.h"
#include "worker_private.h"

/* Consecutive pipeline-child failures (crash, fork) before handing back. */
#define MAX_LOCAL_RETRIES 3
/* Exit status of the pipeline child when tito_runner_complete itself failed. */
#define CHILD_INFRA 3

/* Everything one job owns; released by job_ctx_dispose. */
typedef struct job_ctx {
    const tito_queue_msg *m;
    tito_job *job;
    int attempt;
    double start_ms;
    char *dir;            /* WORK/<job>-a<N> */
    char *course_dir;     /* dir/course */
    tito_buf wlog;        /* the "worker" log stream */
    char export_sha[65];
} job_ctx;

static void job_ctx_dispose(job_ctx *c)
{
    tito_job_free(c->job);
    free(c->dir);
    free(c->course_dir);
    tito_buf_dispose(&c->wlog);
}

/* Short form of a job id for log lines. */
static void short_id(char *buf, size_t n, const char *id)
{
    if (strlen(id) <= 40)
        snprintf(buf, n, "%s", id);
    else
        snprintf(buf, n, "%.12s\xe2\x80\xa6", id);
}

/* A file-name-safe copy of a job id. */
static void safe_name(char *buf, size_t n, const char *id)
{
    size_t i = 0;
    for (; id[i] && i + 1 < n && i < 100; i++) {
        char ch = id[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '-' || ch == '_' || ch == '.';
        buf[i] = ok && !(i == 0 && ch == '.') ? ch : '_';
    }
    buf[i] = '\0';
}

/* rm -rf; best effort (a work dir left behind is cleaned at next start). */
static void remove_tree(const char *path)
{
    pid_t pid;
    int st;
    if (!path || !tito_fs_exists(path))
        return;
    /* Student code may leave read-only dirs; rm copes with every case. */
    pid = fork();
    if (pid == 0) {
        execl("/bin/rm", "rm", "-rf", "--", path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
}

/* --- events --------------------------------------------------------------- */

static void event(tito_worker *w, const tito_job *job, const char *type, int attempt,
                  const tito_result *r, const char *extra_key, const char *extra)
{
    tito_json *o = NULL;
    tito_buf b = TITO_BUF_INIT;
    tito_error e = TITO_ERROR_INIT;
    int failed = 0;

    if (!job || !job->run_id || !*job->run_id || !(o = tito_json_new_object()))
        return;
    failed |= tito_json_object_set(o, "type", tito_json_new_string(type)) < 0;
    failed |= tito_json_object_set(o, "job_id", tito_json_new_string(job->id)) < 0;
    failed |= tito_json_object_set(o, "module", tito_json_new_string(job->module)) < 0;
    failed |= tito_json_object_set(o, "student", tito_json_new_string(job->student)) < 0;
    if (attempt > 0)
        failed |= tito_json_object_set(o, "attempt", tito_json_new_int(attempt)) < 0;
    failed |= tito_json_object_set(o, "worker", tito_json_new_string(w->id)) < 0;
    if (r) {
        size_t passed = 0;
        for (size_t i = 0; i < r->ntests; i++)
            passed += r->tests[i].outcome == TITO_OUTCOME_PASSED;
        const char *status = r->outcome == TITO_OUTCOME_SKIPPED ? "passed" : tito_outcome_str(r->outcome);
        failed |= tito_json_object_set(o, "status", tito_json_new_string(status)) < 0;
        failed |= tito_json_object_set(o, "tests_passed", tito_json_new_int((int64_t)passed)) < 0;
        failed |= tito_json_object_set(o, "tests_total", tito_json_new_int((int64_t)r->ntests)) < 0;
        failed |= tito_json_object_set(o, "duration_ms", tito_json_new_float(r->duration_ms)) < 0;
        failed |= tito_json_object_set(o, "message", r->message ? tito_json_new_string(r->message)
                                                                : tito_json_new_null()) < 0;
    }
    if (extra_key && extra)
        failed |= tito_json_object_set(o, extra_key, tito_json_new_string(extra)) < 0;
    /* Best effort: the coordinator falls back to PostgreSQL, the truth. */
    if (!failed && tito_json_write(&b, o, 0) == 0 && w->queue)
        tito_queue_event_add(w->queue, job->run_id, tito_buf_cstr(&b), &e);
    tito_json_free(o);
    tito_buf_dispose(&b);
}

/* --- queue and store steps, each retried through outages ----------------- */

/* XACK after the store committed. level 2: even a first signal waits for
 * Redis, since the result is already recorded and acking is all that is left. */
static int ack(tito_worker *w, const char *entry, tito_error *err)
{
    int error;
    W_RETRY(w, W_SVC_QUEUE, 2, err, tito_queue_ack(w->queue, entry, err));
    return error;
}

static int queue_dead(tito_worker *w, const tito_queue_msg *m, const char *reason, tito_error *err)
{
    int error;
    W_RETRY(w, W_SVC_QUEUE, 2, err, tito_queue_dead(w->queue, m, reason, err));
    return error;
}

static void log_result_line(tito_worker *w, const job_ctx *c, const tito_result *r, const char *note)
{
    char sid[64], what[400];
    size_t passed = 0;
    double secs = (tito_worker__now_ms() - c->start_ms) / 1000.0;

    for (size_t i = 0; i < r->ntests; i++)
        passed += r->tests[i].outcome == TITO_OUTCOME_PASSED;
    short_id(sid, sizeof(sid), c->job->id);
    if (r->outcome == TITO_OUTCOME_PASSED || r->outcome == TITO_OUTCOME_FAILED ||
        r->outcome == TITO_OUTCOME_SKIPPED || r->ntests > 0)
        snprintf(what, sizeof(what), "%s %zu/%zu tests", tito_outcome_str(r->outcome), passed,
                 r->ntests);
    else
        snprintf(what, sizeof(what), "%s (%.200s)", tito_outcome_str(r->outcome),
                 r->message ? r->message : "no message");
    tito_worker__log(w, "job %s %s attempt %d: %s in %.1f s%s", sid,
                     *c->job->module ? c->job->module : "-", c->attempt, what, secs, note ? note : "");
}

/* Records r for (job, attempt), then acks. If the lease was lost, first
 * checks that no newer attempt has started: a superseded attempt drops its
 * result rather than record a second one. */
static int record_and_ack(tito_worker *w, job_ctx *c, tito_result *r, tito_error *err)
{
    tito_store_attempt a = TITO_STORE_ATTEMPT_INIT;
    tito_store_log logs[1];
    int error, already = 0;

    /* Still ours? A worker that was stalled (stopped, swapped out) past its
     * lease may come back with the pipeline already done and no renewal
     * since: ask once more before writing. Redis down: nobody could take
     * the entry over meanwhile, go ahead. */
    if (w->lease_entry && !w->lease_lost) {
        tito_error e = TITO_ERROR_INIT;
        int ours = 1;
        if (tito_queue_renew(w->queue, &ours, w->lease_entry, &e) == 0 && !ours) {
            w->lease_lost = 1;
            tito_worker__log(w, "lease on entry %s lost: another worker took it over", w->lease_entry);
        }
    }
    if (w->lease_lost) {
        tito_rows *rows = NULL;
        W_RETRY(w, W_SVC_STORE, 2, err, tito_store_query_job(w->store, &rows, c->job->id, err));
        if (error == 0 && tito_rows_count(rows) == 1) {
            const char *att = tito_rows_getn(rows, 0, "attempts");
            if (att && atoi(att) > c->attempt) {
                tito_rows_free(rows);
                log_result_line(w, c, r, " (dropped: a newer attempt owns the job)");
                return W_HANDBACK;
            }
        }
        tito_rows_free(rows);
        if (error == W_HANDBACK)
            return error;
    }
    logs[0].stream = "worker";
    logs[0].content = tito_buf_cstr(&c->wlog);
    a.job_id = c->job->id;
    a.attempt = c->attempt;
    a.worker = w->id;
    a.export_sha = c->export_sha[0] ? c->export_sha : NULL;
    a.logs = logs;
    a.nlogs = 1;
    W_RETRY(w, W_SVC_STORE, 2, err, tito_store_result_record(w->store, &already, &a, r, err));
    if (error == W_HANDBACK) {
        log_result_line(w, c, r, " (not recorded: stopped while PostgreSQL was down)");
        return error;
    }
    if (error < 0) {
        tito_error_prefix(err, "recording the result of job %s", c->job->id);
        tito_worker__log(w, "%s; leaving the entry for redelivery", err->message);
        return W_HANDBACK;
    }
    if ((error = ack(w, c->m->entry_id, err)) != 0)
        return error;
    event(w, c->job, "finished", c->attempt, r, NULL, NULL);
    log_result_line(w, c, r, already ? " (already recorded)" : NULL);
    return 0;
}

/* A result for a problem the worker found itself (bad artifact, unknown
 * module, ...): the job's fault, never the student's code running. */
static int record_error(tito_worker *w, job_ctx *c, const char *message, tito_error *err)
{
    tito_result *r = NULL;
    int error;

    if (tito_result_new(&r) < 0)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    r->outcome = TITO_OUTCOME_ERROR;
    r->exit_code = -1;
    r->sandboxed = w->o.sandbox;
    r->duration_ms = tito_worker__now_ms() - c->start_ms;
    if (!(r->message = strdup(message))) {
        tito_result_free(r);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    tito_buf_printf(&c->wlog, "error: %s\n", message);
    error = record_and_ack(w, c, r, err);
    tito_result_free(r);
    return error;
}

/* --- malformed entries and lost workers ---------------------------------- */

/* The job id of an entry whose document did not decode: the entry's "id"
 * field, else the document's "id" if it is at least JSON. */
static char *recover_id(const tito_queue_msg *m)
{
    tito_json *j = NULL;
    tito_error e = TITO_ERROR_INIT;
    char *id = NULL;

    if (m->job_id && *m->job_id)
        return strdup(m->job_id);
    if (m->job && tito_json_parse(&j, m->job, strlen(m->job), &e) == 0) {
        const char *s = tito_json_get_string(j, "id");
        if (s && *s)
            id = strdup(s);
    }
    tito_json_free(j);
    return id;
}

static int handle_malformed(tito_worker *w, const tito_queue_msg *m, const char *why, tito_error *err)
{
    char reason[600];
    char *id = recover_id(m);
    int error = 0, attempt = 0;

    snprintf(reason, sizeof(reason), "malformed job: %s", why);
    if (id) {
        /* The job exists in PostgreSQL? Then it gets a result saying why it
         * could not run, besides the dead letter. */
        W_RETRY(w, W_SVC_STORE, 2, err, tito_store_job_start(w->store, &attempt, id, w->id, err));
        if (error == 0) {
            W_RETRY(w, W_SVC_STORE, 2, err, tito_store_job_dead(w->store, id, reason, err));
            if (error == 0) {
                tito_result *r = NULL;
                if (tito_result_new(&r) < 0) {
                    free(id);
                    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                }
                r->outcome = TITO_OUTCOME_ERROR;
                r->message = strdup(reason);
                r->sandboxed = w->o.sandbox;
                tito_store_attempt a = TITO_STORE_ATTEMPT_INIT;
                a.job_id = id;
                a.attempt = attempt;
                a.worker = w->id;
                W_RETRY(w, W_SVC_STORE, 2, err, tito_store_result_record(w->store, NULL, &a, r, err));
                tito_result_free(r);
            }
        } else if (error == TITO_ECONFLICT) {
            error = 0; /* already final: just move the entry out of the way */
        } else if (error == TITO_ENOTFOUND) {
            size_t n = strlen(reason);
            snprintf(reason + n, sizeof(reason) - n, " (no job '%.100s' in the database)", id);
            error = 0;
        }
        if (error == W_HANDBACK) {
            free(id);
            return error;
        }
        if (error < 0) {
            tito_worker__log(w, "entry %s: %s; leaving it for redelivery", m->entry_id, err->message);
            free(id);
            return W_HANDBACK;
        }
    }
    error = queue_dead(w, m, reason, err);
    if (error == 0)
        tito_worker__log(w, "entry %s%s%s: dead-lettered: %s", m->entry_id, id ? " job " : "",
                         id ? id : "", reason);
    free(id);
    return error;
}

int tito_worker__dead_lost(tito_worker *w, const tito_queue_msg *m, tito_error *err)
{
    char reason[128];
    char *id = recover_id(m);
    int error = 0;

    snprintf(reason, sizeof(reason), "worker lost %ld times", m->deliveries - 1);
    if (id) {
        /* A worker killed between committing the result and XACK leaves a
         * finished job's entry behind: ack it, it is not a dead letter. */
        tito_rows *rows = NULL;
        W_RETRY(w, W_SVC_STORE, 2, err, tito_store_query_job(w->store, &rows, id, err));
        const char *st = error == 0 && tito_rows_count(rows) == 1 ? tito_rows_getn(rows, 0, "status") : NULL;
        int final = st && strcmp(st, "queued") != 0 && strcmp(st, "running") != 0;
        if (final)
            tito_worker__log(w, "job %s: already %s; acking its leftover entry %s", id, st, m->entry_id);
        tito_rows_free(rows);
        if (error == W_HANDBACK) {
            free(id);
            return error;
        }
        if (final) {
            free(id);
            return ack(w, m->entry_id, err);
        }
        W_RETRY(w, W_SVC_STORE, 2, err, tito_store_job_dead(w->store, id, reason, err));
        if (error != 0) {
            if (error < 0)
                tito_worker__log(w, "dead-lettering job %s: %s", id, err->message);
            free(id);
            return W_HANDBACK;
        }
    }
    if ((error = queue_dead(w, m, reason, err)) == 0) {
        tito_job *job = NULL;
        tito_error e = TITO_ERROR_INIT;
        if (m->job && tito_job_decode(&job, m->job, strlen(m->job), &e) == 0)
            event(w, job, "dead", 0, NULL, "reason", reason);
        tito_job_free(job);
        tito_worker__log(w, "job %s: dead-lettered after %ld deliveries: %s", id ? id : m->entry_id,
                         m->deliveries, reason);
    }
    free(id);
    return error;
}

/* --- the complete pipeline ------------------------------------------------ */

/* Fetches an artifact through the cache, retrying outages. Returns 0, a
 * positive W_HANDBACK, or a negative code with a message fit for a result
 * (missing / corrupt artifact). */
static int fetch(tito_worker *w, job_ctx *c, void **out, size_t *len, const char *what,
                 const char *sha, tito_error *err)
{
    int error, hit = 0;
    W_RETRY(w, W_SVC_STORE, 2, err, tito_cache_get(w->cache, out, len, &hit, w->store, sha, err));
    if (error == TITO_ENOTFOUND)
        tito_error_set(err, error, TITO_ERROR_DB, "%s artifact %s is missing from the store", what, sha);
    else if (error == TITO_EINVALID)
        tito_error_prefix(err, "%s", what);
    else if (error == 0)
        tito_buf_printf(&c->wlog, "%s %s (%s, %zu bytes)\n", what, sha, hit ? "cached" : "fetched",
                        *len);
    return error;
}

typedef struct export_list {
    const char **paths;
    size_t n;
} export_list;

static int in_list(const char *rel, void *ctx)
{
    const export_list *l = ctx;
    for (size_t i = 0; i < l->n; i++)
        if (l->paths[i] && !strcmp(l->paths[i], rel))
            return 1;
    return 0;
}

/* A result path relative to the course (the runner gives relative ones; be
 * lenient with absolute paths inside the course). */
static const char *course_rel(const char *course_dir, const char *p)
{
    size_t n = strlen(course_dir);
    if (p && p[0] == '/' && !strncmp(p, course_dir, n) && p[n] == '/')
        return p + n + 1;
    return p;
}

/* Packs the generated .py and the exported files into a bundle artifact. */
static int upload_exports(tito_worker *w, job_ctx *c, const tito_result *r, tito_error *err)
{
    tito_buf b = TITO_BUF_INIT;
    export_list l = {NULL, 0};
    int error = 0;

    c->export_sha[0] = '\0';
    if (!r->py_path && r->nexports == 0)
        return 0;
    l.paths = calloc(r->nexports + 1, sizeof(*l.paths));
    TITO_CHECK_ALLOC(l.paths, err);
    if (r->py_path)
        l.paths[l.n++] = course_rel(c->course_dir, r->py_path);
    for (size_t i = 0; i < r->nexports; i++)
        l.paths[l.n++] = course_rel(c->course_dir, r->exports[i]);
    if ((error = tito_bundle_pack(&b, c->course_dir, in_list, &l, err)) < 0)
        goto cleanup;
    W_RETRY(w, W_SVC_STORE, 2, err,
            tito_store_artifact_put(w->store, c->export_sha, b.ptr, b.len, err));
    if (error == 0)
        tito_buf_printf(&c->wlog, "exports bundle %s (%zu files, %zu bytes)\n", c->export_sha, l.n,
                        b.len);
    else
        c->export_sha[0] = '\0';
cleanup:
    free(l.paths);
    tito_buf_dispose(&b);
    return error;
}

/* Runs the pipeline in a forked child while this process keeps the lease.
 * *out: the result (0), or NULL with W_HANDBACK (second signal) or a
 * negative code (the child failed: an infrastructure problem). */
static int run_child(tito_worker *w, job_ctx *c, const tito_runner_opts *ro, tito_result **out,
                     tito_error *err)
{
    char *result_path = tito_fs_join(c->dir, "result.json");
    char *infra_path = tito_fs_join(c->dir, "infra.txt");
    char *text = NULL;
    size_t len = 0;
    tito_json *j = NULL;
    pid_t pid, parent = getpid();
    int st = 0, error = 0;

    *out = NULL;
    if (!result_path || !infra_path) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        error = tito_error_set_os(err, TITO_EIO, "fork");
        goto cleanup;
    }
    if (pid == 0) {
        /* The child never touches the parent's Redis/PostgreSQL sockets and
         * leaves with _exit, so libpq/hiredis never write to them. */
        tito_result *r = NULL;
        tito_error e = TITO_ERROR_INIT;
        tito_json *rj = NULL;
        tito_buf b = TITO_BUF_INIT;
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (getppid() != parent)
            _exit(CHILD_INFRA);
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        /* Own group: a terminal's ^C reaches the worker, which decides. */
        setpgid(0, 0);
        if (tito_runner_complete(&r, ro, &e) < 0) {
            tito_fs_write_atomic(infra_path, e.message, strlen(e.message), NULL);
            _exit(CHILD_INFRA);
        }
        if (tito_result_to_json(&rj, r, &e) < 0 || tito_json_write(&b, rj, 0) < 0 ||
            tito_fs_write_atomic(result_path, b.ptr, b.len, &e) < 0)
            _exit(CHILD_INFRA);
        _exit(0);
    }

    /* Watchdog: student code is held to ro->limits by proc; this only
     * catches the pipeline itself hanging, which must not hold the lease
     * forever. */
    double deadline = ro->limits.timeout_ms > 0
                          ? tito_worker__now_ms() + 2.0 * ro->limits.timeout_ms + 60000.0
                          : 0;
    for (;;) {
        pid_t rc = waitpid(pid, &st, WNOHANG);
        if (rc == pid)
            break;
        if (rc < 0 && errno != EINTR) {
            error = tito_error_set_os(err, TITO_EIO, "waitpid");
            goto cleanup;
        }
        if (tito_worker__stopping(w) >= 2) {
            tito_worker__kill_children();
            error = W_HANDBACK;
            goto cleanup;
        }
        if (deadline > 0 && tito_worker__now_ms() > deadline) {
            tito_worker__kill_children();
            error = tito_error_set(err, TITO_ETIMEOUT, TITO_ERROR_OS,
                                   "pipeline still running %d s past the job's time limit: killed",
                                   ro->limits.timeout_ms / 1000 + 60);
            goto cleanup;
        }
        tito_worker__tick(w);
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (WIFSIGNALED(st)) {
        error = tito_error_set(err, TITO_ERROR, TITO_ERROR_OS, "pipeline process killed by signal %d (%s)",
                               WTERMSIG(st), strsignal(WTERMSIG(st)));
        goto cleanup;
    }
    if (WEXITSTATUS(st) != 0) {
        char *msg = NULL;
        if (tito_fs_read_file(&msg, NULL, infra_path, NULL) == 0)
            error = tito_error_set(err, TITO_ERROR, TITO_ERROR_OS, "pipeline failed: %s", msg);
        else
            error = tito_error_set(err, TITO_ERROR, TITO_ERROR_OS, "pipeline process exited with %d",
                                   WEXITSTATUS(st));
        free(msg);
        goto cleanup;
    }
    if ((error = tito_fs_read_file(&text, &len, result_path, err)) < 0 ||
        (error = tito_json_parse(&j, text, len, err)) < 0 ||
        (error = tito_result_from_json(out, j, err)) < 0) {
        tito_error_prefix(err, "reading the pipeline's result");
        error = TITO_ERROR;
    }
cleanup:
    tito_worker__reap();
    free(text);
    tito_json_free(j);
    free(result_path);
    free(infra_path);
    return error;
}

/* Removes every occurrence of prefix from *s in place: messages and logs
 * name files relative to the course ("modules/01_tensor/tensor.py"), not by
 * this worker's temporary path, which means nothing to a student. */
static void strip_all(char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    char *out, *in, *hit;
    if (!s || n == 0 || !strstr(s, prefix))
        return;
    out = in = s;
    while ((hit = strstr(in, prefix))) {
        size_t k = (size_t)(hit - in);
        memmove(out, in, k);
        out += k;
        in = hit + n;
    }
    memmove(out, in, strlen(in) + 1);
}

static void relativize(tito_result *r, const char *course_dir)
{
    char *prefix = tito_fs_join(course_dir, "");
    if (!prefix)
        return;
    /* tito_fs_join(dir, "") may or may not end in '/': we want "DIR/". */
    size_t n = strlen(prefix);
    if (n == 0 || prefix[n - 1] != '/') {
        char *p = realloc(prefix, n + 2);
        if (!p) {
            free(prefix);
            return;
        }
        prefix = p;
        prefix[n] = '/';
        prefix[n + 1] = '\0';
    }
    strip_all(r->message, prefix);
    strip_all(r->log, prefix);
    for (size_t i = 0; i < r->ntests; i++)
        strip_all(r->tests[i].message, prefix);
    free(prefix);
}

/* Joins the names of a course's modules for an "unknown module" message. */
static void module_names(char *buf, size_t n, const tito_course *course)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < tito_course_nmodules(course) && used + 1 < n; i++) {
        int k = snprintf(buf + used, n - used, "%s%s", i ? ", " : "",
                         tito_course_module_at(course, i)->name);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (used >= n - 1 && n > 4)
        memcpy(buf + n - 4, "...", 4);
}

static int run_complete(tito_worker *w, job_ctx *c, tito_error *err)
{
    tito_runner_opts ro = TITO_RUNNER_OPTS_INIT;
    tito_course *course = NULL;
    tito_result *r = NULL;
    const tito_module_info *mod = NULL;
    void *blob = NULL;
    size_t len = 0;
    char *deps_dir = NULL, *scratch = NULL, *nb_path = NULL;
    char msg[1200];
    int error = 0;

    if (!(c->course_dir = tito_fs_join(c->dir, "course")) ||
        !(scratch = tito_fs_join(c->dir, "scratch"))) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }

    /* The course. */
    if ((error = fetch(w, c, &blob, &len, "course bundle", c->job->course_sha, err)) != 0)
        goto fail;
    if ((error = tito_bundle_unpack(blob, len, c->course_dir, err)) < 0) {
        tito_error_prefix(err, "course bundle %.12s", c->job->course_sha);
        goto fail;
    }
    free(blob);
    blob = NULL;
    if ((error = tito_course_open(&course, c->course_dir, err)) < 0) {
        tito_error_prefix(err, "course bundle %.12s", c->job->course_sha);
        goto fail;
    }
    mod = tito_course_find(course, c->job->module);
    if (!mod || strcmp(mod->name, c->job->module) != 0) {
        char names[800];
        module_names(names, sizeof(names), course);
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_COURSE,
                               "unknown module '%s' (the course has: %s)", c->job->module,
                               names[0] ? names : "no modules");
        goto fail;
    }

    /* The submission, placed where the module's notebook lives. */
    if (c->job->submission_sha) {
        if ((error = fetch(w, c, &blob, &len, "submission notebook", c->job->submission_sha, err)) != 0)
            goto fail;
        if (mod->notebook) {
            nb_path = strdup(mod->notebook);
        } else {
            char name[600];
            snprintf(name, sizeof(name), "%s.ipynb", mod->name);
            nb_path = tito_fs_join(mod->dir, name);
        }
        if (!nb_path) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        if ((error = tito_fs_write_atomic(nb_path, blob, len, err)) < 0)
            goto cleanup; /* our disk, not the student's fault */
        free(blob);
        blob = NULL;
    }

    /* The package earlier modules come from. */
    if (c->job->deps_sha) {
        if (!(deps_dir = tito_fs_join(c->dir, "deps"))) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        if ((error = fetch(w, c, &blob, &len, "deps bundle", c->job->deps_sha, err)) != 0)
            goto fail;
        if ((error = tito_bundle_unpack(blob, len, deps_dir, err)) < 0) {
            tito_error_prefix(err, "deps bundle %.12s", c->job->deps_sha);
            goto fail;
        }
        free(blob);
        blob = NULL;
    }

    ro.course_dir = c->course_dir;
    ro.module_dir = mod->dir;
    ro.notebook = nb_path;
    ro.lib_name = tito_course_lib_name(course);
    ro.pythonpath = deps_dir;
    ro.hidden_tests = mod->hidden_tests;
    ro.work_dir = scratch;
    ro.skip_tests = c->job->skip_tests;
    ro.skip_export = c->job->skip_export;
    /* The worker's [limits] are the defaults; what the run and the course ask
     * (carried in the job) overrides them, and the result records the outcome. */
    ro.limits = w->o.limits;
    tito_limits_apply(&ro.limits, &c->job->limits);
    ro.sandbox = w->o.sandbox;
    ro.python = w->python;

    for (int tries = 0;; tries++) {
        error = run_child(w, c, &ro, &r, err);
        if (error == 0 || error == W_HANDBACK)
            break;
        /* The pipeline itself failed (fork, disk, crash): infrastructure.
         * Retry here a few times, then let another worker try. */
        tito_worker__log(w, "job %s attempt %d: %s (try %d of %d)", c->job->id, c->attempt,
                         err->message, tries + 1, MAX_LOCAL_RETRIES);
        if (tries + 1 >= MAX_LOCAL_RETRIES) {
            error = W_HANDBACK;
            break;
        }
        tito_worker__sleep(w, 500 << tries, 2);
        if (tito_worker__stopping(w) >= 2) {
            error = W_HANDBACK;
            break;
        }
        remove_tree(scratch);
    }
    if (error != 0)
        goto cleanup;
    if (r->sandboxed != w->o.sandbox)
        r->sandboxed = w->o.sandbox;
    relativize(r, c->course_dir);
    if ((error = upload_exports(w, c, r, err)) != 0)
        goto cleanup;
    error = record_and_ack(w, c, r, err);
    goto cleanup;

fail:
    /* A problem of the job's inputs (missing or corrupt artifact, invalid
     * bundle, unknown module) is the job's error result; anything else (an
     * outage, our disk) is ours and goes back to the loop. */
    if (error != TITO_ENOTFOUND && error != TITO_EINVALID)
        goto cleanup;
    snprintf(msg, sizeof(msg), "%s", err->message);
    {
        char prefix[PATH_MAX + 2];
        snprintf(prefix, sizeof(prefix), "%s/", c->course_dir);
        strip_all(msg, prefix);
    }
    error = record_error(w, c, msg, err);
cleanup:
    free(blob);
    free(deps_dir);
    free(scratch);
    free(nb_path);
    tito_course_free(course);
    tito_result_free(r);
    return error;
}

static int run_noop(tito_worker *w, job_ctx *c, tito_error *err)
{
    tito_result *r = NULL;
    int error;
    if (tito_result_new(&r) < 0)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    r->outcome = TITO_OUTCOME_PASSED;
    r->exit_code = 0;
    r->sandboxed = w->o.sandbox;
    r->duration_ms = tito_worker__now_ms() - c->start_ms;
    error = record_and_ack(w, c, r, err);
    tito_result_free(r);
    return error;
}

int tito_worker__handle(tito_worker *w, const tito_queue_msg *m, tito_error *err)
{
    job_ctx c = {m, NULL, 0, tito_worker__now_ms(), NULL, NULL, TITO_BUF_INIT, {0}};
    tito_error derr = TITO_ERROR_INIT;
    char dirname[160], sid[64];
    int error = 0, cancelled = 0;

    /* The lease is ours from the moment the entry was delivered. */
    w->lease_entry = m->entry_id;
    w->lease_lost = 0;
    w->next_renew_ms = c.start_ms + w->o.lease_ms / 3.0;

    if (!m->job) {
        error = handle_malformed(w, m, "the stream entry has no 'job' field", err);
        goto cleanup;
    }
    if (tito_job_decode(&c.job, m->job, strlen(m->job), &derr) < 0) {
        error = handle_malformed(w, m, derr.message, err);
        goto cleanup;
    }

    W_RETRY(w, W_SVC_QUEUE, 2, err, tito_queue_is_cancelled(w->queue, &cancelled, c.job->run_id, err));
    if (error != 0)
        goto handback;
    W_RETRY(w, W_SVC_STORE, 2, err,
            tito_store_job_start(w->store, &c.attempt, c.job->id, w->id, err));
    short_id(sid, sizeof(sid), c.job->id);
    if (error == TITO_ECONFLICT) {
        /* Final already: a redelivery after the result was committed. */
        tito_worker__log(w, "job %s: already recorded (%s); acking", sid, err->message);
        error = ack(w, m->entry_id, err);
        goto cleanup;
    }
    if (error == TITO_ENOTFOUND) {
        /* Enqueued without its row (PostgreSQL is the source of truth): it
         * cannot be recorded anywhere, so it goes to the dead stream. */
        char reason[400];
        snprintf(reason, sizeof(reason), "job %.200s is not in the database", c.job->id);
        if ((error = queue_dead(w, m, reason, err)) == 0)
            tito_worker__log(w, "entry %s: dead-lettered: %s", m->entry_id, reason);
        goto cleanup;
    }
    if (error != 0)
        goto handback;
    c.job->attempt = c.attempt;
    if (cancelled) {
        W_RETRY(w, W_SVC_STORE, 2, err,
                tito_store_job_set_status(w->store, c.job->id, "cancelled", "run cancelled", err));
        if (error != 0)
            goto handback;
        error = ack(w, m->entry_id, err);
        tito_worker__log(w, "job %s %s: cancelled", sid, c.job->module);
        goto cleanup;
    }
    event(w, c.job, "started", c.attempt, NULL, NULL, NULL);
    tito_buf_printf(&c.wlog, "worker %s on %s (pid %d), attempt %d, entry %s, sandbox %s\n", w->id,
                    w->host, (int)getpid(), c.attempt, m->entry_id,
                    w->o.sandbox ? "on" : "off (--no-sandbox)");

    if (c.job->kind == TITO_JOB_KIND_NOOP) {
        error = run_noop(w, &c, err);
        goto cleanup;
    }

    safe_name(dirname, sizeof(dirname) - 16, c.job->id);
    snprintf(dirname + strlen(dirname), 16, "-a%d", c.attempt);
    if (!(c.dir = tito_fs_join(w->work_root, dirname))) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    remove_tree(c.dir);
    if ((error = tito_fs_mkdirs(c.dir, err)) < 0) {
        tito_worker__log(w, "job %s: cannot create work dir: %s", sid, err->message);
        goto handback;
    }
    error = run_complete(w, &c, err);
    if (error < 0 && error != TITO_ENOMEM) {
        tito_worker__log(w, "job %s attempt %d: %s; leaving it for redelivery", sid, c.attempt,
                         err->message);
        error = W_HANDBACK;
    }
    if (error == W_HANDBACK)
        tito_worker__log(w, "job %s attempt %d: handed back unacked", sid, c.attempt);
    goto cleanup;

handback:
    if (error < 0 && error != TITO_ENOMEM)
        tito_worker__log(w, "entry %s: %s; leaving it for redelivery", m->entry_id, err->message);
    if (error != TITO_ENOMEM)
        error = W_HANDBACK;
cleanup:
    w->lease_entry = NULL;
    w->lease_lost = 0;
    if (c.dir && !getenv("TITO_WORKER_KEEP_WORKDIR"))
        remove_tree(c.dir);
    job_ctx_dispose(&c);
    return error;
}
