/* tito_worker: one slot's life -- connect, register, loop over the stream,
 * deregister -- and the machinery every step shares: lease renewal, the
 * heartbeat, backoff with reconnection, and child cleanup. The per-job
 * protocol is in job_run.c. */
#include "worker_private.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/fs.h"

static const char *const service_names[2] = {"PostgreSQL", "Redis"};

double tito_worker__now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int tito_worker__stopping(const tito_worker *w)
{
    return w->o.signals ? (int)*w->o.signals : 0;
}

void tito_worker__log(const tito_worker *w, const char *fmt, ...)
{
    char msg[1024], line[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    int n = snprintf(line, sizeof(line), "[worker %s] %s\n", w->id, msg);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof(line)) {
        n = (int)sizeof(line) - 1;
        line[n - 1] = '\n';
    }
    /* One write(2) per line (under PIPE_BUF), so lines of concurrent slots
     * sharing stderr never interleave. */
    ssize_t wr;
    do
        wr = write(STDERR_FILENO, line, (size_t)n);
    while (wr < 0 && errno == EINTR);
}

static void dup_opt(char **dst, const char *src, int *failed)
{
    *dst = NULL;
    if (src && !(*dst = strdup(src)))
        *failed = 1;
}

int tito_worker_new(tito_worker **out, const tito_worker_options *opts, tito_error *err)
{
    tito_worker *w = NULL;
    int failed = 0;

    *out = NULL;
    if (!opts || !opts->id || !*opts->id || !opts->redis_url || !opts->database_url ||
        !opts->cache_dir || !opts->work_dir)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "worker: id, redis_url, database_url, cache_dir and work_dir are required");
    if (opts->lease_ms < 100 || opts->max_attempts < 1 || opts->block_ms < 1 ||
        opts->heartbeat_ms < 100)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "worker: lease_ms >= 100, max_attempts >= 1, block_ms >= 1 and "
                              "heartbeat_ms >= 100 are required");
    w = calloc(1, sizeof(*w));
    TITO_CHECK_ALLOC(w, err);
    w->o = *opts;
    dup_opt(&w->id, opts->id, &failed);
    dup_opt(&w->redis_url, opts->redis_url, &failed);
    dup_opt(&w->database_url, opts->database_url, &failed);
    dup_opt(&w->queue_name, opts->queue ? opts->queue : "default", &failed);
    dup_opt(&w->cache_dir, opts->cache_dir, &failed);
    w->work_root = tito_fs_join(opts->work_dir, opts->id);
    if (!w->work_root)
        failed = 1;
    dup_opt(&w->python, opts->python, &failed);
    if (failed) {
        tito_worker_free(w);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    w->o.id = w->id;
    w->o.redis_url = w->redis_url;
    w->o.database_url = w->database_url;
    w->o.queue = w->queue_name;
    w->o.cache_dir = w->cache_dir;
    w->o.work_dir = w->work_root;
    w->o.python = w->python;
    if (gethostname(w->host, sizeof(w->host) - 1) < 0)
        snprintf(w->host, sizeof(w->host), "unknown");
    w->rng = (unsigned)getpid() ^ (unsigned)time(NULL);
    *out = w;
    return 0;
}

void tito_worker_free(tito_worker *w)
{
    if (!w)
        return;
    tito_queue_free(w->queue);
    tito_store_free(w->store);
    tito_cache_free(w->cache);
    free(w->id);
    free(w->redis_url);
    free(w->database_url);
    free(w->queue_name);
    free(w->cache_dir);
    free(w->work_root);
    free(w->python);
    free(w);
}

/* --- shared machinery ---------------------------------------------------- */

void tito_worker__tick(tito_worker *w)
{
    tito_error e = TITO_ERROR_INIT;
    double now = tito_worker__now_ms();

    if (w->lease_entry && now >= w->next_renew_ms) {
        int ours = 1;
        w->next_renew_ms = now + w->o.lease_ms / 3.0;
        /* A failed renewal (Redis down) is not fatal: nobody can claim the
         * entry while Redis is down either. */
        if (w->queue && tito_queue_renew(w->queue, &ours, w->lease_entry, &e) == 0 && !ours &&
            !w->lease_lost) {
            w->lease_lost = 1;
            tito_worker__log(w, "lease on entry %s lost: another worker took it over", w->lease_entry);
        }
    }
    if (w->store && now >= w->next_heartbeat_ms) {
        int rc;
        w->next_heartbeat_ms = now + w->o.heartbeat_ms;
        if (w->need_register)
            rc = tito_store_worker_register(w->store, w->id, w->host, (int)getpid(), TITO_VERSION, &e);
        else
            rc = tito_store_worker_heartbeat(w->store, w->id, &e);
        if (rc == 0)
            w->need_register = 0;
        else if (rc == TITO_EUNAVAIL)
            w->need_register = 1; /* the row may be gone with the server's data */
    }
}

void tito_worker__sleep(tito_worker *w, int ms, int give_up_level)
{
    double until = tito_worker__now_ms() + ms;
    for (;;) {
        double left = until - tito_worker__now_ms();
        if (left <= 0 || tito_worker__stopping(w) >= give_up_level)
            return;
        tito_worker__tick(w);
        tito_worker__reap();
        if (left > 50)
            left = 50;
        struct timespec ts = {0, (long)(left * 1e6)};
        nanosleep(&ts, NULL);
    }
}

int tito_worker__backoff(tito_worker *w, int n, w_service svc, const tito_error *cause,
                         int give_up_level)
{
    tito_error e = TITO_ERROR_INIT;
    int delay = 100;

    if (!w->down[svc]) {
        w->down[svc] = 1;
        tito_worker__log(w, "%s unavailable (%s); retrying with backoff", service_names[svc],
                         cause && cause->message[0] ? cause->message : "connection lost");
    }
    for (int i = 0; i < n && delay < 5000; i++)
        delay *= 2;
    if (delay > 5000)
        delay = 5000;
    /* Jitter in [delay/2, delay]: workers that lost a server together do not
     * all come back in the same millisecond. */
    w->rng = w->rng * 1103515245u + 12345u;
    delay = delay / 2 + (int)((w->rng >> 8) % (unsigned)(delay / 2 + 1));
    tito_worker__sleep(w, delay, give_up_level);
    if (tito_worker__stopping(w) >= give_up_level)
        return W_HANDBACK;
    if (svc == W_SVC_STORE && w->store)
        tito_store_reset(w->store, &e);
    else if (svc == W_SVC_QUEUE && w->queue)
        tito_queue_reset(w->queue, &e);
    return 0;
}

void tito_worker__recovered(tito_worker *w, w_service svc)
{
    if (w->down[svc]) {
        w->down[svc] = 0;
        tito_worker__log(w, "%s is back", service_names[svc]);
        if (svc == W_SVC_STORE)
            w->need_register = 1;
    }
}

void tito_worker__reap(void)
{
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
}

/* Parent pid of a process, from /proc/PID/stat ("pid (comm) state ppid ..."). */
static pid_t parent_of(pid_t pid)
{
    char path[64], buf[512];
    FILE *f;
    size_t n;
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *close = strrchr(buf, ')');
    int ppid;
    if (!close || sscanf(close + 1, " %*c %d", &ppid) != 1)
        return -1;
    return (pid_t)ppid;
}

void tito_worker__kill_children(void)
{
    pid_t self = getpid();
    /* Two passes: killing a child can orphan its children to us. */
    for (int pass = 0; pass < 3; pass++) {
        DIR *d = opendir("/proc");
        struct dirent *e;
        int found = 0;
        if (!d)
            break;
        while ((e = readdir(d))) {
            if (!isdigit((unsigned char)e->d_name[0]))
                continue;
            pid_t pid = (pid_t)atoi(e->d_name);
            if (parent_of(pid) != self)
                continue;
            found = 1;
            /* Pipeline processes lead their own process group (proc.c):
             * kill the group, then the process itself. */
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
        closedir(d);
        if (!found)
            break;
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
        tito_worker__reap();
    }
    tito_worker__reap();
}

/* --- the loop ------------------------------------------------------------- */

/* rm -rf of everything inside dir (stale job dirs of a killed predecessor). */
static void empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = tito_fs_join(dir, e->d_name);
        if (!p)
            break;
        struct stat st;
        /* lstat: a symlink a job left behind is removed, never followed. */
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            empty_dir(p);
            rmdir(p);
        } else {
            unlink(p);
        }
        free(p);
    }
    closedir(d);
}

/* Removes the slot dirs of workers that died without cleaning up (SIGKILL,
 * power loss): each slot dir holds ".owner" with its pid; a dir whose owner
 * is gone is removed. Then claims this slot's own dir. */
static void sweep_work_dirs(tito_worker *w)
{
    char *parent = tito_fs_dirname(w->work_root), *owner = NULL;
    DIR *d = parent ? opendir(parent) : NULL;
    struct dirent *e;
    char pidtext[32];

    while (d && (e = readdir(d))) {
        char *slot = NULL, *file = NULL, *text = NULL;
        if (e->d_name[0] == '.')
            continue;
        if ((slot = tito_fs_join(parent, e->d_name)) && (file = tito_fs_join(slot, ".owner")) &&
            strcmp(slot, w->work_root) != 0 && tito_fs_read_file(&text, NULL, file, NULL) == 0) {
            long pid = strtol(text, NULL, 10);
            if (pid > 0 && kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
                empty_dir(slot);
                rmdir(slot);
            }
        }
        free(text);
        free(file);
        free(slot);
    }
    if (d)
        closedir(d);
    /* Another live process with the same --id: keep off its job dirs. */
    char *file = tito_fs_join(w->work_root, ".owner"), *text = NULL;
    if (file && tito_fs_read_file(&text, NULL, file, NULL) == 0) {
        long pid = strtol(text, NULL, 10);
        if (pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) == 0) {
            size_t n = strlen(w->work_root) + 24;
            char *mine = malloc(n);
            if (mine) {
                snprintf(mine, n, "%s-%d", w->work_root, (int)getpid());
                tito_worker__log(w, "work dir %s belongs to live pid %ld (same --id?); using %s",
                                 w->work_root, pid, mine);
                free(w->work_root);
                w->work_root = mine;
                w->o.work_dir = mine;
                tito_fs_mkdirs(mine, NULL);
            }
        }
    }
    free(text);
    free(file);
    empty_dir(w->work_root);
    snprintf(pidtext, sizeof(pidtext), "%d\n", (int)getpid());
    if ((owner = tito_fs_join(w->work_root, ".owner")))
        tito_fs_write_atomic(owner, pidtext, strlen(pidtext), NULL);
    free(owner);
    free(parent);
}

/* Connects both services, retrying while they are down. Returns 0,
 * W_HANDBACK when stopped meanwhile, negative on a hard error (bad URL,
 * authentication). */
static int connect_all(tito_worker *w, tito_error *err)
{
    int error = 0;

    if (!w->store) {
        W_RETRY(w, W_SVC_STORE, 1, err, tito_store_new(&w->store, w->database_url, err));
        if (error)
            return error;
        W_RETRY(w, W_SVC_STORE, 1, err, tito_store_migrate(w->store, NULL, err));
        if (error)
            return error;
    }
    if (!w->queue) {
        W_RETRY(w, W_SVC_QUEUE, 1, err,
                tito_queue_new(&w->queue, w->redis_url, w->queue_name, w->id, err));
        if (error)
            return error;
    }
    W_RETRY(w, W_SVC_STORE, 1, err,
            tito_store_worker_register(w->store, w->id, w->host, (int)getpid(), TITO_VERSION, err));
    if (error)
        return error;
    w->need_register = 0;
    w->next_heartbeat_ms = tito_worker__now_ms() + w->o.heartbeat_ms;
    return 0;
}

/* Autoclaims at most one entry idle past the lease (one: the slot works on
 * one job at a time, and a claimed entry it cannot start at once would sit
 * idle and be claimed again by someone else, counting a delivery). */
static int claim_one(tito_worker *w, int *got, tito_error *err)
{
    tito_queue_msg *msgs = NULL;
    size_t n = 0;
    int error;

    *got = 0;
    error = tito_queue_autoclaim(w->queue, &msgs, &n, w->o.lease_ms, 1, err);
    if (error < 0)
        return error;
    for (size_t i = 0; i < n && error >= 0; i++) {
        *got = 1;
        if (msgs[i].deliveries > w->o.max_attempts)
            error = tito_worker__dead_lost(w, &msgs[i], err);
        else
            error = tito_worker__handle(w, &msgs[i], err);
    }
    tito_queue_msgs_free(msgs, n);
    return error < 0 ? error : 0;
}

static int read_one(tito_worker *w, int *got, tito_error *err)
{
    tito_queue_msg *m = NULL;
    int error;

    *got = 0;
    if ((error = tito_queue_read(w->queue, &m, w->o.block_ms, err)) < 0)
        return error;
    if (m) {
        *got = 1;
        error = tito_worker__handle(w, m, err);
        tito_queue_msgs_free(m, 1);
    }
    return error < 0 ? error : 0;
}

/* 1 when the stream holds nothing waiting or pending. */
static int stream_empty(tito_worker *w, tito_error *err)
{
    tito_queue_stats st;
    if (tito_queue_stats_get(w->queue, &st, err) < 0)
        return 0;
    return st.length == 0;
}

int tito_worker_run(tito_worker *w, tito_error *err)
{
    tito_error e = TITO_ERROR_INIT;
    int error = 0, qfail = 0, handled = 0;

    /* Orphans of a killed pipeline (its grandchildren) come back to the slot,
     * which can then kill them instead of leaving them running. */
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    if ((error = tito_fs_mkdirs(w->work_root, err)) < 0)
        goto cleanup;
    sweep_work_dirs(w);
    if ((error = tito_cache_new(&w->cache, w->cache_dir, err)) < 0)
        goto cleanup;

    error = connect_all(w, err);
    if (error == W_HANDBACK) {
        error = 0;
        goto cleanup;
    }
    if (error < 0)
        goto cleanup;
    tito_worker__log(w, "ready: queue %s, lease %d ms, max attempts %d, sandbox %s", w->queue_name,
                     w->o.lease_ms, w->o.max_attempts, w->o.sandbox ? "on" : "off (--no-sandbox)");
    w->next_autoclaim_ms = 0; /* at once: a restarted worker picks up the dead's jobs */

    while (tito_worker__stopping(w) == 0) {
        int got = 0;
        tito_error_clear(&e);
        tito_worker__tick(w);
        tito_worker__reap();
        if (tito_worker__now_ms() >= w->next_autoclaim_ms) {
            w->next_autoclaim_ms = tito_worker__now_ms() + w->o.lease_ms / 2.0;
            error = claim_one(w, &got, &e);
        }
        if (error == 0 && !got)
            error = read_one(w, &got, &e);
        if (error == TITO_EUNAVAIL) {
            if (tito_worker__backoff(w, qfail++, W_SVC_QUEUE, &e, 1) == W_HANDBACK)
                break;
            error = 0;
            continue;
        }
        if (error < 0 && error != TITO_ENOMEM) {
            /* Something odd from Redis (not an outage): say so, pause, go on. */
            tito_worker__log(w, "queue error: %s", e.message);
            tito_worker__sleep(w, 1000, 1);
            error = 0;
            continue;
        }
        if (error < 0) {
            tito_error_set(err, error, e.klass, "%s", e.message);
            goto cleanup;
        }
        if (qfail) {
            tito_worker__recovered(w, W_SVC_QUEUE);
            qfail = 0;
        }
        if (got) {
            handled++;
            if (w->o.once)
                break;
            continue;
        }
        if (w->o.until_empty && stream_empty(w, &e))
            break;
    }
    error = 0;
    if (w->store && tito_store_worker_unregister(w->store, w->id, &e) < 0)
        tito_worker__log(w, "could not deregister: %s", e.message);
    tito_worker__log(w, "stopped after %d %s", handled, handled == 1 ? "entry" : "entries");
cleanup:
    tito_worker__kill_children();
    /* A clean stop leaves no slot dir behind (unless kept for debugging). */
    if (!getenv("TITO_WORKER_KEEP_WORKDIR")) {
        empty_dir(w->work_root);
        rmdir(w->work_root);
    }
    return error;
}
