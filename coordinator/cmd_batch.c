/* `tito batch [FROM [TO]]`: grade every module of a course through the queue
 * (design §3, §4): one `complete` job per module, run by tito-worker
 * processes, results in PostgreSQL; then the course is updated as `tito
 * module complete` would (generated .py, exports, progress.json) and the old
 * process_all_modules.py summary is printed.
 *
 * Order of writes (design §4): job rows go to PostgreSQL before their XADD,
 * so a job in the stream always has a row to record into, and reconcile can
 * re-enqueue anything Redis lost. */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd_data.h"
#include "commands.h"
#include "course/course.h"
#include "export/export.h"
#include "job/bundle.h"
#include "job/job.h"
#include "nb/nb.h"
#include "progress/progress.h"
#include "queue/queue.h"
#include "sandbox/sandbox.h"
#include "services/services.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/fs.h"

#define MAX_WORKERS 64

typedef struct batch_opts {
    tito_cli_conn conn;
    const char *from, *to;
    const char *course;
    const char *log_dir;
    const char *queue;
    int workers;          /* -1: default */
    int json;
    int deps_own;
    int sandbox;          /* -1: auto, 0: off, 1: required */
    int lease_ms;
    int max_attempts;     /* 0: the worker's default */
    tito_limits_req limits; /* the limit flags (limits/limits.h) */
    long noop;            /* >0: that many no-op jobs (queue benchmark) */
    int quiet;
} batch_opts;

/* One module's job as the coordinator tracks it. */
typedef struct bjob {
    const tito_module_info *m;
    char id[96];
    char status[24];
    int enqueued;        /* row inserted and XADDed */
    int final;
    int reported;        /* plain progress line printed */
    int tests_passed, tests_total;
    double duration_ms;
    char *error;
    char *export_sha;
    tito_limits_req limits; /* what this module's job asks: tito.ini < course < flags */
} bjob;

typedef struct worker_proc {
    pid_t pid;           /* 0: to be restarted, -1: given up */
    double started;
    char id[64];
} worker_proc;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tito batch [FROM [TO]] [--course DIR] [--workers N] [--log-dir DIR] [--json]\n"
            "                  [--deps solution|own] [--sandbox | --no-sandbox] [--lease-ms N]\n"
            "                  [--max-attempts N] [--queue NAME] [--timeout S] [--memory MB]\n"
            "                  [--pids N] [--output KB] [--disk MB]\n"
            "                  [--redis URL] [--db URL] [--state-dir DIR]\n"
            "\n"
            "Runs `complete` (convert, test, export) for modules FROM..TO of the course (default:\n"
            "all; FROM alone: FROM to the last) as one job per module through Redis and\n"
            "PostgreSQL, then updates the course as `tito module complete` does (generated .py,\n"
            "exports, progress.json) and prints a summary table.\n"
            "\n"
            "  --course DIR      the course (default: the current folder or the nearest parent\n"
            "                    holding modules/)\n"
            "  --workers N       local tito-worker processes (default: [workers] count, else the\n"
            "                    number of CPUs; with TITO_REDIS_URL/TITO_DATABASE_URL configured,\n"
            "                    none unless given: remote workers do the work)\n"
            "  --log-dir DIR     also write DIR/module_XX_complete.log with each job's full log\n"
            "  --deps solution   (default) earlier modules come from the reference package: every\n"
            "                    module notebook exported before enqueuing; all jobs run in parallel\n"
            "  --deps own        earlier modules come from this run's exports: a module waits for\n"
            "                    all earlier ones; when one fails its dependants are `blocked`\n"
            "  --sandbox         require the sandbox; --no-sandbox: never (default: if available)\n"
            "  --lease-ms N      job lease of the spawned workers (default 30000)\n"
            "  --max-attempts N  deliveries before a job is dead-lettered (spawned workers; default 3)\n"
            "  --timeout S       limits of each job: wall clock (and CPU) of its test run,\n"
            "  --memory MB       memory, processes + threads, output per stream, writable\n"
            "  --pids N          space (work dir + /tmp). They override COURSE/tito.ini\n"
            "  --output KB       [limits.NN_name] and [limits], which override [limits] of\n"
            "  --disk MB         ./tito.ini; unset ones are the worker's own (defaults 600 s,\n"
            "                    2048 MB, 256, 1024 KB, 256 MB). Each result records its limits.\n"
            "  --json            a JSON report on stdout instead of the table\n"
            "  --quiet, -q       no progress output\n"
            "  --noop N          instead of a course: N no-op jobs through the queue and the\n"
            "                    database (the queue benchmark; scripts/bench-batch)\n"
            "\n"
            "Progress: a live line on a terminal (done/failed/running, rate, ETA), plain lines\n"
            "otherwise. Results: `tito results --run last`, logs: `tito logs JOB`.\n"
            "Exit status: 0 every module passed, 1 some module did not, 2 usage or bad input,\n"
            "3 services or environment (e.g. no worker could start), 130 interrupted (the run is\n"
            "cancelled). Spawned workers log to STATE/logs/batch-RUN-workers.log.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tito batch: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see --help)\n");
    return TITO_EXIT_USAGE;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_args(batch_opts *o, int argc, char **argv, int *done)
{
    memset(o, 0, sizeof(*o));
    o->workers = -1;
    {
        tito_limits_req unset = TITO_LIMITS_REQ_INIT;
        o->limits = unset;
    }
    o->sandbox = -1;
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int f = tito_cli__conn_flag(&o->conn, argc, argv, &i);
        if (f < 0)
            return usage_error("%s needs a value", a);
        if (f)
            continue;
        long v;
        tito_error lerr = TITO_ERROR_INIT;
        if ((f = tito_limits_flag(&o->limits, argc, argv, &i, &lerr)) != 0) {
            if (f < 0)
                return usage_error("%s", lerr.message);
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            *done = 1;
            return 0;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--sandbox")) {
            o->sandbox = 1;
        } else if (!strcmp(a, "--no-sandbox")) {
            o->sandbox = 0;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = 1;
        } else if (!strcmp(a, "--course") || !strcmp(a, "--workers") || !strcmp(a, "--log-dir") ||
                   !strcmp(a, "--deps") || !strcmp(a, "--lease-ms") ||
                   !strcmp(a, "--queue") || !strcmp(a, "--noop") || !strcmp(a, "--max-attempts")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            const char *val = argv[++i];
            if (!strcmp(a, "--course")) {
                o->course = val;
            } else if (!strcmp(a, "--log-dir")) {
                o->log_dir = val;
            } else if (!strcmp(a, "--queue")) {
                o->queue = val;
            } else if (!strcmp(a, "--deps")) {
                if (!strcmp(val, "own"))
                    o->deps_own = 1;
                else if (strcmp(val, "solution"))
                    return usage_error("--deps must be 'solution' or 'own', not '%s'", val);
            } else if (!strcmp(a, "--workers")) {
                if (parse_int(val, 0, MAX_WORKERS, &v))
                    return usage_error("--workers needs a number 0..64, not '%s'", val);
                o->workers = (int)v;
            } else if (!strcmp(a, "--lease-ms")) {
                if (parse_int(val, 100, 86400000, &v))
                    return usage_error("--lease-ms needs a number of milliseconds, not '%s'", val);
                o->lease_ms = (int)v;
            } else if (!strcmp(a, "--max-attempts")) {
                if (parse_int(val, 1, 1000, &v))
                    return usage_error("--max-attempts needs a number 1..1000, not '%s'", val);
                o->max_attempts = (int)v;
            } else {
                if (parse_int(val, 1, 10000000, &v))
                    return usage_error("--noop needs a job count, not '%s'", val);
                o->noop = v;
            }
        } else if (a[0] != '-' && !o->from) {
            o->from = a;
        } else if (a[0] != '-' && !o->to) {
            o->to = a;
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    return 0;
}

/* Nearest ancestor of the current folder (itself included) holding modules/. */
static char *find_course_dir(void)
{
    char dir[PATH_MAX], probe[PATH_MAX + 16];
    if (!getcwd(dir, sizeof(dir)))
        return NULL;
    for (;;) {
        snprintf(probe, sizeof(probe), "%s/modules", strcmp(dir, "/") ? dir : "");
        if (tito_fs_is_dir(probe))
            return strdup(dir);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            break;
        *slash = '\0';
    }
    return NULL;
}

/* Module number of a FROM/TO argument: "5", "05", "05_autograd". */
static int module_number(const tito_course *c, const char *spec, long *out)
{
    const tito_module_info *m = tito_course_find(c, spec);
    if (m)
        return parse_int(m->id, 0, 9999, out);
    return parse_int(spec, 0, 9999, out);
}

/* --- course bundle and reference package -------------------------------- */

typedef struct bundle_filter {
    const char *lib_name;
} bundle_filter;

/* What a worker needs of the course: the modules, settings.ini, tests/ and
 * whatever else the maintainer keeps there -- but not this machine's state
 * (.tito, .git, caches), nor the package and progress.json the run itself
 * produces (jobs must not depend on a previous run's exports). */
static int course_filter(const char *rel, void *ctx)
{
    const bundle_filter *bf = ctx;
    size_t ln = strlen(bf->lib_name);
    if (!strncmp(rel, bf->lib_name, ln) && (rel[ln] == '/' || !rel[ln]))
        return 0;
    if (rel[0] == '.' || strstr(rel, "/.") || strstr(rel, "__pycache__"))
        return 0;
    if (!strcmp(rel, "progress.json"))
        return 0;
    size_t n = strlen(rel);
    if (n > 4 && !strcmp(rel + n - 4, ".pyc"))
        return 0;
    return 1;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void rm_tree(const char *dir)
{
    if (dir && dir[0])
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int put_bundle(tito_store *st, char sha[65], const char *root, int (*filter)(const char *, void *),
                      void *ctx, tito_error *err)
{
    tito_buf b = {0};
    int rc = tito_bundle_pack(&b, root, filter, ctx, err);
    if (rc == 0)
        rc = tito_store_artifact_put(st, sha, b.ptr, b.len, err);
    tito_buf_dispose(&b);
    return rc;
}

/* --deps solution: every module notebook of the course exported (export only)
 * into TMP/<lib>/, bundled: the package the jobs put first on PYTHONPATH. */
static int reference_package(tito_store *st, char sha[65], const tito_course *c, FILE *msg, tito_error *err)
{
    char tmpl[] = "/tmp/tito-refpkg.XXXXXX";
    char *lib = NULL;
    int rc = 0;
    if (!mkdtemp(tmpl))
        return tito_error_set_os(err, TITO_EIO, "creating a temporary folder");
    if (!(lib = tito_fs_join(tmpl, tito_course_lib_name(c)))) {
        rc = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < tito_course_nmodules(c); i++) {
        const tito_module_info *m = tito_course_module_at(c, i);
        tito_nb *nb = NULL;
        tito_error e = TITO_ERROR_INIT;
        if (!m->notebook)
            continue;
        tito_export_opts eo = {m->notebook, lib, tito_course_lib_name(c), tito_course_dir(c)};
        int r = tito_nb_load(&nb, m->notebook, &e);
        if (r == 0)
            r = tito_export_notebook(NULL, nb, &eo, &e);
        tito_nb_free(nb);
        /* A notebook that cannot be exported only costs its dependants: its
         * own job reports the problem. */
        if (r < 0 && msg)
            fprintf(msg, "tito batch: reference package: %s: %s\n", m->name, e.message);
    }
    rc = put_bundle(st, sha, tmpl, NULL, NULL, err);
cleanup:
    free(lib);
    rm_tree(tmpl);
    return rc;
}

typedef struct prefix_filter {
    const char *prefix;
} prefix_filter;

static int under_prefix(const char *rel, void *ctx)
{
    const prefix_filter *pf = ctx;
    size_t n = strlen(pf->prefix);
    return !strncmp(rel, pf->prefix, n) && rel[n] == '/';
}

/* --deps own: the package made of this run's exports of jobs[0..upto), in
 * module order (a later module's export of a shared file wins, as running
 * them in order locally would). *has = 0 when none exported anything. */
static int own_package(tito_store *st, char sha[65], int *has, const bjob *jobs, size_t upto,
                       const char *lib_name, tito_error *err)
{
    char tmpl[] = "/tmp/tito-ownpkg.XXXXXX";
    int rc = 0;
    *has = 0;
    if (!mkdtemp(tmpl))
        return tito_error_set_os(err, TITO_EIO, "creating a temporary folder");
    for (size_t i = 0; i < upto; i++) {
        void *data = NULL;
        size_t len = 0;
        if (!jobs[i].export_sha)
            continue;
        if ((rc = tito_store_artifact_get(st, &data, &len, jobs[i].export_sha, err)) < 0)
            goto cleanup;
        rc = tito_bundle_unpack(data, len, tmpl, err);
        free(data);
        if (rc < 0)
            goto cleanup;
        *has = 1;
    }
    if (*has) {
        prefix_filter pf = {lib_name};
        rc = put_bundle(st, sha, tmpl, under_prefix, &pf, err);
    }
cleanup:
    rm_tree(tmpl);
    return rc;
}

/* --- jobs ---------------------------------------------------------------- */

static int make_spec(char **out, const char *id, const char *run_id, const char *module,
                     tito_job_kind kind, const char *course_sha, const char *deps_sha, int deps_own,
                     const tito_limits_req *limits, tito_error *err)
{
    tito_job *j = NULL;
    int rc = tito_job_new(&j);
    if (rc < 0)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    j->id = strdup(id);
    j->run_id = strdup(run_id);
    j->student = strdup("");
    j->module = strdup(module);
    j->kind = kind;
    j->course_sha = course_sha ? strdup(course_sha) : NULL;
    j->deps_sha = deps_sha ? strdup(deps_sha) : NULL;
    j->deps = deps_own ? TITO_DEPS_OWN : TITO_DEPS_SOLUTION;
    if (limits)
        j->limits = *limits;
    if (!j->id || !j->run_id || !j->student || !j->module || (course_sha && !j->course_sha) ||
        (deps_sha && !j->deps_sha))
        rc = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    else
        rc = tito_job_encode(out, j, err);
    tito_job_free(j);
    return rc;
}

/* Inserts rows then XADDs (PostgreSQL first: design §4). Retries while a
 * service is briefly unavailable. Both steps are safe to repeat: an insert
 * that committed before its connection broke reports ECONFLICT on the retry
 * (the COPY is atomic: all rows are there), and an XADD batch cut short is
 * completed by reconcile (a job in the stream twice is harmless). */
static int enqueue_jobs(tito_store *st, tito_queue *q, const char *run_id, const tito_job_row *rows,
                        const char *const *ids, const char *const *specs, size_t n, tito_error *err)
{
    int rc;
    for (int tries = 0;; tries++) {
        rc = tito_store_jobs_insert(st, run_id, rows, n, err);
        if (rc == TITO_ECONFLICT && tries > 0)
            rc = 0;
        if (rc != TITO_EUNAVAIL || tries > 150 || interrupted)
            break;
        usleep(200000);
    }
    if (rc < 0)
        return rc;
    rc = tito_queue_enqueue(q, NULL, ids, specs, n, err);
    for (int tries = 0; rc == TITO_EUNAVAIL && tries < 150 && !interrupted; tries++) {
        usleep(200000);
        size_t re = 0;
        if ((rc = tito_queue_reset(q, err)) == 0)
            rc = tito_services_reconcile(&re, NULL, st, q, run_id, err);
    }
    return rc;
}

/* --- local workers ------------------------------------------------------- */

static char *worker_binary(void)
{
    const char *env = getenv("TITO_WORKER_BIN");
    if (env && env[0])
        return strdup(env);
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return strdup("tito-worker");
    self[n] = '\0';
    char *dir = tito_fs_dirname(self);
    char *bin = dir ? tito_fs_join(dir, "tito-worker") : NULL;
    free(dir);
    return bin;
}

typedef struct spawn_ctx {
    const char *bin, *redis, *db, *queue, *log_path;
    int sandbox, lease_ms, max_attempts;
} spawn_ctx;

static pid_t spawn_worker(const spawn_ctx *sc, const char *id)
{
    char lease[32];
    snprintf(lease, sizeof(lease), "%d", sc->lease_ms > 0 ? sc->lease_ms : 30000);
    const char *argv[20];
    int n = 0;
    argv[n++] = sc->bin;
    argv[n++] = "--redis";
    argv[n++] = sc->redis;
    argv[n++] = "--db";
    argv[n++] = sc->db;
    argv[n++] = "--queue";
    argv[n++] = sc->queue;
    argv[n++] = "--id";
    argv[n++] = id;
    argv[n++] = "--lease-ms";
    argv[n++] = lease;
    char attempts[32];
    if (sc->max_attempts > 0) {
        snprintf(attempts, sizeof(attempts), "%d", sc->max_attempts);
        argv[n++] = "--max-attempts";
        argv[n++] = attempts;
    }
    if (!sc->sandbox)
        argv[n++] = "--no-sandbox";
    argv[n] = NULL;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    /* A coordinator that dies must not leave workers behind. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(1);
    /* Out of the terminal's process group: ^C reaches only the coordinator,
     * which cancels the run and stops us itself. */
    setpgid(0, 0);
    int fd = open(sc->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        dup2(fd, 2);
        close(fd);
    }
    int nul = open("/dev/null", O_RDWR);
    if (nul >= 0) {
        dup2(nul, 0);
        dup2(nul, 1);
        close(nul);
    }
    execv(sc->bin, (char *const *)argv);
    fprintf(stderr, "tito batch: cannot run %s: %s\n", sc->bin, strerror(errno));
    _exit(127);
}

/* Restarts workers that died (SIGKILL, crash): the batch must finish anyway,
 * and their jobs come back to the others once the lease expires. A worker
 * that refuses to start (exit 2: configuration or sandbox) is not restarted,
 * and one that keeps dying is restarted at most once a second. Returns the
 * number of workers still alive or to be restarted. */
static int reap_workers(worker_proc *w, int nw, const spawn_ctx *sc, FILE *msg)
{
    int alive = 0;
    double now = now_s();
    for (int i = 0; i < nw; i++) {
        int status;
        if (w[i].pid > 0 && waitpid(w[i].pid, &status, WNOHANG) == w[i].pid) {
            w[i].pid = 0;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
                w[i].pid = -1;
                fprintf(msg, "\ntito batch: worker %s cannot start (exit 2), see %s\n", w[i].id,
                        sc->log_path);
            }
        }
        if (w[i].pid == 0 && now - w[i].started >= 1.0) {
            w[i].pid = spawn_worker(sc, w[i].id);
            w[i].started = now;
        }
        alive += w[i].pid >= 0;
    }
    return alive;
}

static void stop_workers(worker_proc *w, int nw)
{
    for (int i = 0; i < nw; i++)
        if (w[i].pid > 0)
            kill(w[i].pid, SIGTERM);
    /* Every job is final by now, so a worker stops within a poll interval;
     * after 10 s it is killed (its entry, if any, stays for another worker). */
    for (int t = 0; t < 200; t++) {
        int alive = 0;
        for (int i = 0; i < nw; i++) {
            if (w[i].pid > 0 && waitpid(w[i].pid, NULL, WNOHANG) == 0)
                alive = 1;
            else
                w[i].pid = 0;
        }
        if (!alive)
            return;
        usleep(50000);
    }
    for (int i = 0; i < nw; i++)
        if (w[i].pid > 0) {
            kill(w[i].pid, SIGKILL);
            waitpid(w[i].pid, NULL, 0);
            w[i].pid = 0;
        }
}

/* --- progress ------------------------------------------------------------ */

static int is_final(const char *s)
{
    return s && strcmp(s, "queued") && strcmp(s, "running");
}

static void fmt_dur(char *buf, size_t n, double s)
{
    if (s < 0)
        snprintf(buf, n, "--");
    else if (s < 60)
        snprintf(buf, n, "%.1f s", s);
    else
        snprintf(buf, n, "%dm%02ds", (int)(s / 60), (int)s % 60);
}

static void live_line(FILE *f, long done, long failed, long running, long total, double elapsed)
{
    char eta[32] = "--", el[32];
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    if (done > 0 && done < total)
        fmt_dur(eta, sizeof(eta), (double)(total - done) / rate);
    else if (done >= total)
        snprintf(eta, sizeof(eta), "0 s");
    fmt_dur(el, sizeof(el), elapsed);
    fprintf(f, "\r\033[K[%ld/%ld] done %ld, failed %ld, running %ld | %.2f jobs/s | %s | ETA %s", done,
            total, done, failed, running, rate, el, eta);
    fflush(f);
}

/* --- results ------------------------------------------------------------- */

static void set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = v ? strdup(v) : NULL;
}

/* Refreshes the jobs' state from PostgreSQL. */
static int refresh(tito_store *st, const char *run_id, bjob *jobs, size_t n, tito_error *err)
{
    tito_rows *r = NULL;
    tito_results_filter f = TITO_RESULTS_FILTER_INIT;
    f.run_id = run_id;
    int rc = tito_store_query_results(st, &r, &f, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < tito_rows_count(r); i++) {
        const char *id = tito_rows_getn(r, i, "job_id");
        for (size_t k = 0; k < n; k++) {
            if (!id || strcmp(jobs[k].id, id))
                continue;
            const char *s = tito_rows_getn(r, i, "status");
            snprintf(jobs[k].status, sizeof(jobs[k].status), "%s", s ? s : "?");
            jobs[k].final = is_final(s);
            const char *v;
            jobs[k].tests_passed = (v = tito_rows_getn(r, i, "tests_passed")) ? atoi(v) : 0;
            jobs[k].tests_total = (v = tito_rows_getn(r, i, "tests_total")) ? atoi(v) : 0;
            jobs[k].duration_ms = (v = tito_rows_getn(r, i, "duration_ms")) ? atof(v) : 0;
            set_str(&jobs[k].error, tito_rows_getn(r, i, "error"));
            set_str(&jobs[k].export_sha, tito_rows_getn(r, i, "export_sha"));
            break;
        }
    }
    tito_rows_free(r);
    return 0;
}

/* The job's logs, all streams, "log" first. */
static int job_log(tito_store *st, tito_buf *out, const char *job_id, tito_error *err)
{
    tito_rows *r = NULL;
    int rc = tito_store_query_logs(st, &r, job_id, 0, err);
    if (rc < 0)
        return rc;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < tito_rows_count(r); i++) {
            const char *s = tito_rows_getn(r, i, "stream");
            const char *c = tito_rows_getn(r, i, "content");
            int is_log = s && !strcmp(s, "log");
            if (!c || (pass == 0) != is_log)
                continue;
            if (!is_log)
                tito_buf_printf(out, "\n--- %s ---\n", s ? s : "?");
            tito_buf_puts(out, c);
        }
    tito_rows_free(r);
    return 0;
}

/* Writes the run's outcome into the course as `tito module complete` does. */
static int write_back(tito_store *st, const tito_course *c, bjob *jobs, size_t n, FILE *msg)
{
    tito_progress *p = NULL;
    tito_error err = TITO_ERROR_INIT;
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        void *data = NULL;
        size_t len = 0;
        if (!jobs[i].export_sha)
            continue;
        if (tito_store_artifact_get(st, &data, &len, jobs[i].export_sha, &err) < 0 ||
            tito_bundle_unpack(data, len, tito_course_dir(c), &err) < 0) {
            fprintf(msg, "tito batch: %s: writing its files into the course: %s\n", jobs[i].m->name,
                    err.message);
            bad = 1;
        }
        free(data);
    }
    /* Each job exported into a package holding only its own module, so the
     * _modidx.py it shipped lists that module alone. Exporting the last
     * module again here (export only, milliseconds) rebuilds _modidx.py from
     * every module now in the package, as running them in order locally
     * would have left it. */
    for (size_t i = n; i-- > 0;) {
        tito_nb *nb = NULL;
        if (!jobs[i].export_sha || strcmp(jobs[i].status, "passed") || !jobs[i].m->notebook)
            continue;
        char *lib = tito_fs_join(tito_course_dir(c), tito_course_lib_name(c));
        tito_export_opts eo = {jobs[i].m->notebook, lib, tito_course_lib_name(c), tito_course_dir(c)};
        if (!lib || tito_nb_load(&nb, jobs[i].m->notebook, &err) < 0 ||
            tito_export_notebook(NULL, nb, &eo, &err) < 0)
            fprintf(msg, "tito batch: rebuilding the package index: %s\n", lib ? err.message : "out of memory");
        tito_nb_free(nb);
        free(lib);
        break;
    }
    if (tito_progress_load_course(&p, tito_course_dir(c), &err) < 0)
        goto fail;
    int changed = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(jobs[i].status, "passed")) {
            if (tito_progress_mark_completed(p, jobs[i].m->id, &err) < 0)
                goto fail;
            changed = 1;
        }
    if (changed && tito_progress_save(p, &err) < 0)
        goto fail;
    tito_progress_free(p);
    return bad;
fail:
    fprintf(msg, "tito batch: progress.json: %s\n", err.message);
    tito_progress_free(p);
    return 1;
}

static int write_logs(tito_store *st, const char *dir, const bjob *jobs, size_t n, FILE *msg)
{
    tito_error err = TITO_ERROR_INIT;
    int bad = 0;
    if (tito_fs_mkdirs(dir, &err) < 0) {
        fprintf(msg, "tito batch: --log-dir: %s\n", err.message);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX];
        tito_buf b = {0};
        snprintf(path, sizeof(path), "%s/module_%s_complete.log", dir, jobs[i].m->id);
        int rc = job_log(st, &b, jobs[i].id, &err);
        if (rc == TITO_ENOTFOUND || (rc == 0 && b.len == 0)) {
            tito_buf_clear(&b);
            tito_buf_printf(&b, "module %s: %s%s%s\n", jobs[i].m->name, jobs[i].status,
                            jobs[i].error ? ": " : "", jobs[i].error ? jobs[i].error : "");
            rc = 0;
        }
        if (rc == 0)
            rc = tito_fs_write_atomic(path, b.ptr ? b.ptr : "", b.len, &err);
        if (rc < 0) {
            fprintf(msg, "tito batch: %s: %s\n", path, err.message);
            bad = 1;
        }
        tito_buf_dispose(&b);
    }
    return bad;
}

static const char *status_mark(const char *s, int color)
{
    if (!color)
        return "";
    if (!strcmp(s, "passed"))
        return "\033[32m";
    if (!strcmp(s, "blocked") || !strcmp(s, "cancelled"))
        return "\033[33m";
    return "\033[31m";
}

static void summary_table(FILE *f, const bjob *jobs, size_t n, double elapsed, int nworkers,
                          int deps_own, int color)
{
    size_t w = 6, npass = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(jobs[i].m->name) > w)
            w = strlen(jobs[i].m->name);
    fprintf(f, "\n%-*s  %-10s %7s  %8s\n", (int)w, "Module", "Status", "Tests", "Time");
    for (size_t i = 0; i < w + 32; i++)
        fputc('-', f);
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        char tests[32], dur[32];
        int ok = !strcmp(jobs[i].status, "passed");
        npass += ok;
        snprintf(tests, sizeof(tests), "%d/%d", jobs[i].tests_passed, jobs[i].tests_total);
        fmt_dur(dur, sizeof(dur), jobs[i].final && jobs[i].duration_ms > 0 ? jobs[i].duration_ms / 1000 : -1);
        fprintf(f, "%-*s  %s%-10s%s %7s  %8s", (int)w, jobs[i].m->name, status_mark(jobs[i].status, color),
                jobs[i].status, color ? "\033[0m" : "", tests, dur);
        if (!ok && jobs[i].error && jobs[i].error[0]) {
            const char *e = jobs[i].error;
            size_t el = strcspn(e, "\n");
            fprintf(f, "  %.*s%s", (int)(el > 70 ? 70 : el), e, el > 70 ? "..." : "");
        }
        fputc('\n', f);
    }
    char el[32];
    fmt_dur(el, sizeof(el), elapsed);
    fprintf(f, "\nSuccessful: %zu/%zu modules\n", npass, n);
    fprintf(f, "Failed:     %zu/%zu modules", n - npass, n);
    if (npass < n) {
        fprintf(f, " (");
        int first = 1;
        for (size_t i = 0; i < n; i++)
            if (strcmp(jobs[i].status, "passed")) {
                fprintf(f, "%s%s", first ? "" : ", ", jobs[i].m->id);
                first = 0;
            }
        fprintf(f, ")");
    }
    fprintf(f, "\nTotal time: %s with %d worker%s, deps %s\n", el, nworkers, nworkers == 1 ? "" : "s",
            deps_own ? "own" : "solution");
}

static tito_json *report_json(const char *run_id, const char *course_dir, const bjob *jobs, size_t n,
                              double elapsed, int nworkers, int deps_own, int sandbox)
{
    tito_buf b = {0};
    tito_json *j = NULL;
    size_t npass = 0;
    tito_buf_printf(&b, "{\"run_id\":\"%s\",\"course\":", run_id);
    tito_json *cs = tito_json_new_string(course_dir);
    if (cs)
        tito_json_write(&b, cs, 0);
    tito_json_free(cs);
    tito_buf_printf(&b, ",\"workers\":%d,\"deps\":\"%s\",\"sandboxed\":%s,\"duration_s\":%.3f,\"modules\":[",
                    nworkers, deps_own ? "own" : "solution", sandbox ? "true" : "false", elapsed);
    for (size_t i = 0; i < n; i++) {
        npass += !strcmp(jobs[i].status, "passed");
        tito_buf_printf(&b,
                        "%s{\"module\":\"%s\",\"id\":\"%s\",\"job_id\":\"%s\",\"status\":\"%s\","
                        "\"tests_passed\":%d,\"tests_total\":%d,\"duration_ms\":%.1f,\"error\":",
                        i ? "," : "", jobs[i].m->name, jobs[i].m->id, jobs[i].id, jobs[i].status,
                        jobs[i].tests_passed, jobs[i].tests_total, jobs[i].duration_ms);
        tito_json *e = jobs[i].error ? tito_json_new_string(jobs[i].error) : NULL;
        /* Also as "message", the name the per-test results use for it. */
        for (int k = 0; k < 2; k++) {
            if (k)
                tito_buf_puts(&b, ",\"message\":");
            if (e)
                tito_json_write(&b, e, 0);
            else
                tito_buf_puts(&b, "null");
        }
        tito_json_free(e);
        tito_buf_puts(&b, "}");
    }
    tito_buf_printf(&b, "],\"passed\":%zu,\"failed\":%zu}", npass, n - npass);
    tito_json_parse(&j, b.ptr, b.len, NULL);
    tito_buf_dispose(&b);
    return j;
}

/* --- the command --------------------------------------------------------- */

/* Enqueue order for independent jobs: longest first, by each module's last
 * recorded duration (modules never run first of all). Two workers then do
 * not end with one of them alone on a 40 s module enqueued last -- the
 * classic longest-processing-time rule. order[k] = index into jobs. */
static void order_by_history(tito_store *st, const bjob *jobs, size_t n, size_t *order)
{
    double *est = calloc(n, sizeof(*est));
    tito_rows *r = NULL;
    tito_results_filter f = TITO_RESULTS_FILTER_INIT;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    if (!est)
        return;
    f.student = "";
    for (size_t i = 0; i < n; i++)
        est[i] = 1e300;
    if (tito_store_query_results(st, &r, &f, NULL) == 0) {
        for (size_t k = 0; k < tito_rows_count(r); k++) {
            const char *m = tito_rows_getn(r, k, "module");
            const char *d = tito_rows_getn(r, k, "duration_ms");
            for (size_t i = 0; m && d && i < n; i++)
                if (!strcmp(jobs[i].m->name, m))
                    est[i] = atof(d);
        }
    }
    tito_rows_free(r);
    for (size_t i = 1; i < n; i++) { /* stable insertion sort, n is a course's module count */
        size_t v = order[i], k = i;
        for (; k > 0 && est[order[k - 1]] < est[v]; k--)
            order[k] = order[k - 1];
        order[k] = v;
    }
    free(est);
}

/* Marks job k of an --deps own run blocked: its row is inserted (so the run
 * lists every module) and set final at once. */
static int block_job(tito_store *st, const char *run_id, bjob *jb, const char *spec, const char *why,
                     tito_error *err)
{
    tito_job_row row = {jb->id, "", jb->m->name, NULL, spec};
    int rc = tito_store_jobs_insert(st, run_id, &row, 1, err);
    if (rc == 0 || rc == TITO_ECONFLICT)
        rc = tito_store_job_set_status(st, jb->id, "blocked", why, err);
    if (rc == 0) {
        jb->enqueued = 1;
        jb->final = 1;
        snprintf(jb->status, sizeof(jb->status), "blocked");
        set_str(&jb->error, why);
    }
    return rc;
}

/* --deps own: enqueues the next module once every earlier one is final, or
 * blocks it when one of them did not pass. */
static int advance_own(tito_store *st, tito_queue *q, const char *run_id, bjob *jobs, size_t n,
                       const char *course_sha, const char *lib_name, tito_error *err)
{
    for (size_t k = 0; k < n; k++) {
        if (jobs[k].enqueued)
            continue;
        const bjob *bad = NULL;
        for (size_t i = 0; i < k; i++) {
            if (!jobs[i].final)
                return 0;
            if (!bad && strcmp(jobs[i].status, "passed"))
                bad = &jobs[i];
        }
        char *spec = NULL;
        char deps[65];
        int has = 0, rc = 0;
        if (!bad && (rc = own_package(st, deps, &has, jobs, k, lib_name, err)) < 0)
            return rc;
        if ((rc = make_spec(&spec, jobs[k].id, run_id, jobs[k].m->name, TITO_JOB_KIND_COMPLETE,
                            course_sha, has ? deps : NULL, 1, &jobs[k].limits, err)) < 0)
            return rc;
        if (bad) {
            char why[256];
            snprintf(why, sizeof(why), "blocked: prerequisite %s %s", bad->m->name, bad->status);
            rc = block_job(st, run_id, &jobs[k], spec, why, err);
        } else {
            tito_job_row row = {jobs[k].id, "", jobs[k].m->name, NULL, spec};
            const char *id = jobs[k].id, *sp = spec;
            rc = enqueue_jobs(st, q, run_id, &row, &id, &sp, 1, err);
            if (rc == 0)
                jobs[k].enqueued = 1;
        }
        free(spec);
        if (rc < 0)
            return rc;
        if (!bad)
            return 0; /* one at a time: the next needs this one's export */
    }
    return 0;
}

/* Redis restarted (new run_id) or was unreachable: reconnect and re-enqueue
 * what it lost. */
static void check_redis(tito_store *st, tito_queue *q, const char *run_id, char server_id[41], FILE *msg,
                        int tty)
{
    char id[41];
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_queue_server_id(q, id, &err);
    if (rc == TITO_EUNAVAIL) {
        tito_queue_reset(q, NULL);
        return;
    }
    if (rc < 0 || !strcmp(id, server_id))
        return;
    size_t re = 0;
    if (tito_services_reconcile(&re, NULL, st, q, run_id, &err) < 0)
        return; /* retried on the next check: server_id not updated */
    if (re)
        fprintf(msg, "%stito batch: Redis restarted: re-enqueued %zu job%s\n", tty ? "\r\033[K" : "", re,
                re == 1 ? "" : "s");
    memcpy(server_id, id, 41);
}

int tito_cmd_batch(int argc, char **argv)
{
    batch_opts o;
    int done = 0, rc = parse_args(&o, argc, argv, &done);
    if (rc || done)
        return rc;
    int status = TITO_EXIT_ENV;
    tito_error err = TITO_ERROR_INIT;
    tito_config *cfg = NULL;
    tito_course *course = NULL;
    tito_store *st = NULL;
    tito_queue *q = NULL;
    char *queue = NULL, *course_dir = NULL, *redis = NULL, *db = NULL, *run_id = NULL, *wbin = NULL;
    bjob *jobs = NULL;
    size_t njobs = 0;
    worker_proc workers[MAX_WORKERS];
    int nworkers = 0, sandbox = 0;
    char course_sha[65] = "", deps_sha[65] = "", server_id[41] = "";
    char wlog[PATH_MAX] = "";
    tito_job_row *rows = NULL;
    tito_limits_req run_limits = TITO_LIMITS_REQ_INIT;
    char **specs = NULL;
    const char **ids = NULL;
    static tito_module_info noop_module = {"00", "noop", NULL, NULL, NULL, NULL};
    struct sigaction sa, old_int, old_term;
    memset(workers, 0, sizeof(workers));
    int tty = isatty(2) && !o.quiet;
    const char *nc = getenv("NO_COLOR");
    int color = isatty(1) && !(nc && nc[0]) && !o.json;
    FILE *msg = stderr;
    double t0 = now_s(), t_enq = 0, t_work = 0;

    /* The course and the modules FROM..TO. */
    if (!o.noop) {
        course_dir = o.course ? tito_fs_abspath(o.course) : find_course_dir();
        if (!course_dir) {
            fprintf(stderr, "tito batch: no course here (no modules/ folder); use --course DIR\n");
            status = TITO_EXIT_USAGE;
            goto cleanup;
        }
        if ((rc = tito_course_open(&course, course_dir, &err)) < 0) {
            fprintf(stderr, "tito batch: %s\n", err.message);
            status = tito_cli__exit_for(rc);
            goto cleanup;
        }
        long from = 0, to = 99999;
        if ((o.from && module_number(course, o.from, &from)) || (o.to && module_number(course, o.to, &to))) {
            fprintf(stderr, "tito batch: bad module range '%s%s%s'\n", o.from, o.to ? " " : "",
                    o.to ? o.to : "");
            status = TITO_EXIT_USAGE;
            goto cleanup;
        }
        size_t nm = tito_course_nmodules(course);
        if (!(jobs = calloc(nm ? nm : 1, sizeof(*jobs))))
            goto oom;
        for (size_t i = 0; i < nm; i++) {
            const tito_module_info *m = tito_course_module_at(course, i);
            long id;
            if (parse_int(m->id, 0, 9999, &id) == 0 && id >= from && id <= to)
                jobs[njobs++].m = m;
        }
        if (!njobs) {
            fprintf(stderr, "tito batch: no module of %s in the range %ld..%ld\n", course_dir, from, to);
            status = TITO_EXIT_USAGE;
            goto cleanup;
        }
    } else {
        njobs = (size_t)o.noop;
        if (!(jobs = calloc(njobs, sizeof(*jobs))))
            goto oom;
        for (size_t i = 0; i < njobs; i++)
            jobs[i].m = &noop_module;
    }

    /* Services. */
    if ((rc = tito_cli__config(&cfg, &o.conn, "batch")) != 0) {
        status = rc;
        goto cleanup;
    }
    /* Limits: checked before anything is created, so a typo in a course's
     * tito.ini is a usage error, not a run of failed jobs. */
    run_limits = cfg->limits_req;
    if (!o.noop && (rc = tito_limits_load_course(&run_limits, course_dir, NULL, &err)) < 0) {
        fprintf(stderr, "tito batch: %s\n", err.message);
        status = tito_cli__exit_for(rc);
        goto cleanup;
    }
    tito_limits_req_overlay(&run_limits, &o.limits);
    for (size_t i = 0; i < njobs; i++) {
        jobs[i].limits = cfg->limits_req;
        if (!o.noop && (rc = tito_limits_load_course(&jobs[i].limits, course_dir, jobs[i].m->name, &err)) < 0) {
            fprintf(stderr, "tito batch: %s\n", err.message);
            status = tito_cli__exit_for(rc);
            goto cleanup;
        }
        tito_limits_req_overlay(&jobs[i].limits, &o.limits);
    }
    int external = cfg->redis_url || cfg->database_url;
    nworkers = o.workers >= 0 ? o.workers : external ? 0 : cfg->workers > 0 ? cfg->workers : 2;
    if (nworkers > MAX_WORKERS)
        nworkers = MAX_WORKERS;
    /* A copy: tito_config_set below frees cfg->queue. */
    if (!(queue = strdup(o.queue ? o.queue : cfg->queue ? cfg->queue : "default")))
        goto oom;
    if ((rc = tito_services_resolve(&redis, &db, cfg, &err)) < 0 ||
        (rc = tito_config_set(cfg, "redis_url", redis, &err)) < 0 ||
        (rc = tito_config_set(cfg, "database_url", db, &err)) < 0 ||
        (rc = tito_config_set(cfg, "queue", queue, &err)) < 0 ||
        (rc = tito_services_connect(&st, NULL, cfg, NULL, &err)) < 0 ||
        (rc = tito_queue_new(&q, redis, queue, NULL, &err)) < 0) {
        fprintf(stderr, "tito batch: %s\n", err.message);
        goto cleanup;
    }
    tito_queue_server_id(q, server_id, NULL);

    if (nworkers > 0) {
        tito_error se = TITO_ERROR_INIT;
        int ok = tito_sandbox_check(&se) == 0;
        if (o.sandbox == 1 && !ok) {
            fprintf(stderr, "tito batch: --sandbox: the sandbox is not available: %s\n", se.message);
            goto cleanup;
        }
        sandbox = o.sandbox == 0 ? 0 : ok;
        if (!(wbin = worker_binary()))
            goto oom;
        if (access(wbin, X_OK) != 0) {
            fprintf(stderr, "tito batch: worker program %s: %s\n", wbin, strerror(errno));
            goto cleanup;
        }
    }

    /* The run, its artifacts and its jobs. */
    {
        tito_buf p = {0};
        tito_json *cs = course_dir ? tito_json_new_string(course_dir) : tito_json_new_null();
        tito_buf_puts(&p, "{\"course\":");
        tito_json_write(&p, cs, 0);
        tito_json_free(cs);
        tito_buf_printf(&p, ",\"modules\":%zu,\"deps\":\"%s\",\"workers\":%d,\"sandboxed\":%s%s,\"limits\":", njobs,
                        o.deps_own ? "own" : "solution", nworkers, sandbox ? "true" : "false",
                        o.noop ? ",\"noop\":true" : "");
        tito_json *lj = tito_limits_req_to_json(&run_limits);
        if (!lj || tito_json_write(&p, lj, 0) < 0)
            p.failed = 1;
        tito_json_free(lj);
        tito_buf_puts(&p, "}");
        rc = tito_store_run_create(st, &run_id, "batch", p.ptr, &err);
        tito_buf_dispose(&p);
        if (rc < 0) {
            fprintf(stderr, "tito batch: %s\n", err.message);
            goto cleanup;
        }
    }
    for (size_t i = 0; i < njobs; i++) {
        if (o.noop)
            snprintf(jobs[i].id, sizeof(jobs[i].id), "r%s-noop-%zu", run_id, i);
        else
            snprintf(jobs[i].id, sizeof(jobs[i].id), "r%s-%s", run_id, jobs[i].m->name);
        snprintf(jobs[i].status, sizeof(jobs[i].status), "queued");
    }
    if (!o.json && !o.quiet)
        fprintf(msg, "tito batch: run %s: %zu %s%s, %d worker%s%s\n", run_id, njobs,
                o.noop ? "no-op job" : "module", njobs == 1 ? "" : "s", nworkers, nworkers == 1 ? "" : "s",
                o.noop ? "" : o.deps_own ? ", deps own" : ", deps solution");
    if (!o.noop) {
        bundle_filter bf = {tito_course_lib_name(course)};
        if ((rc = put_bundle(st, course_sha, course_dir, course_filter, &bf, &err)) < 0 ||
            (!o.deps_own && (rc = reference_package(st, deps_sha, course, msg, &err)) < 0)) {
            fprintf(stderr, "tito batch: %s\n", err.message);
            goto fail_run;
        }
    }

    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    double te = now_s();
    if (!o.deps_own) {
        if (!(rows = calloc(njobs, sizeof(*rows))) || !(specs = calloc(njobs, sizeof(*specs))) ||
            !(ids = calloc(njobs, sizeof(*ids))))
            goto oom;
        size_t *order = calloc(njobs, sizeof(*order));
        if (!order)
            goto oom;
        if (o.noop) {
            for (size_t k = 0; k < njobs; k++)
                order[k] = k;
        } else {
            order_by_history(st, jobs, njobs, order);
        }
        for (size_t k = 0; k < njobs; k++) {
            size_t i = order[k];
            if ((rc = make_spec(&specs[i], jobs[i].id, run_id, jobs[i].m->name,
                                o.noop ? TITO_JOB_KIND_NOOP : TITO_JOB_KIND_COMPLETE,
                                o.noop ? NULL : course_sha, o.noop ? NULL : deps_sha, 0, &jobs[i].limits,
                                &err)) < 0) {
                free(order);
                goto fail_run_msg;
            }
            rows[k].id = ids[k] = jobs[i].id;
            rows[k].student = "";
            rows[k].module = jobs[i].m->name;
            rows[k].spec_json = specs[i];
        }
        const char **sp = (const char **)calloc(njobs, sizeof(*sp));
        if (!sp) {
            free(order);
            goto oom;
        }
        for (size_t k = 0; k < njobs; k++)
            sp[k] = specs[order[k]];
        free(order);
        rc = enqueue_jobs(st, q, run_id, rows, ids, sp, njobs, &err);
        free(sp);
        if (rc < 0)
            goto fail_run_msg;
        for (size_t i = 0; i < njobs; i++)
            jobs[i].enqueued = 1;
    } else if ((rc = advance_own(st, q, run_id, jobs, njobs, course_sha, tito_course_lib_name(course),
                                 &err)) < 0) {
        goto fail_run_msg;
    }
    t_enq = now_s() - te;

    /* Local workers; their logs go to a file so they do not garble ours. */
    spawn_ctx sc = {wbin, redis, db, queue, wlog, sandbox, o.lease_ms, o.max_attempts};
    if (nworkers > 0) {
        char *state = tito_fs_abspath(cfg->state_dir ? cfg->state_dir : ".tito");
        snprintf(wlog, sizeof(wlog), "%s/logs", state ? state : ".tito");
        tito_fs_mkdirs(wlog, NULL);
        snprintf(wlog + strlen(wlog), sizeof(wlog) - strlen(wlog), "/batch-%s-workers.log", run_id);
        free(state);
        for (int i = 0; i < nworkers; i++) {
            snprintf(workers[i].id, sizeof(workers[i].id), "batch-r%s-w%d-%d", run_id, i + 1, (int)getpid());
            workers[i].pid = spawn_worker(&sc, workers[i].id);
            workers[i].started = now_s();
            if (workers[i].pid < 0) {
                fprintf(stderr, "tito batch: fork: %s\n", strerror(errno));
                goto fail_run;
            }
        }
    }
    double tw = now_s();
    if (nworkers == 0 && !o.quiet && !o.json)
        fprintf(msg, "tito batch: no local workers: waiting for workers on queue '%s'\n", queue);

    /* Follow the run until every job is final. */
    int per_job = njobs <= 2000;
    size_t reported = 0;
    double last_redis = 0;
    for (;;) {
        double now = now_s();
        if (interrupted)
            break;
        if (now - last_redis > 1.0) {
            check_redis(st, q, run_id, server_id, msg, tty);
            last_redis = now;
        }
        long nfinal = 0, nfail = 0, nrun = 0;
        if (per_job) {
            if ((rc = refresh(st, run_id, jobs, njobs, &err)) < 0) {
                if (rc != TITO_EUNAVAIL)
                    goto fail_run_msg;
                usleep(300000); /* PostgreSQL restarting: the store reconnects by itself */
                continue;
            }
            if (o.deps_own && (rc = advance_own(st, q, run_id, jobs, njobs, course_sha,
                                                tito_course_lib_name(course), &err)) < 0 &&
                rc != TITO_EUNAVAIL)
                goto fail_run_msg;
            for (size_t i = 0; i < njobs; i++) {
                nfinal += jobs[i].final;
                nfail += jobs[i].final && strcmp(jobs[i].status, "passed");
                nrun += !strcmp(jobs[i].status, "running");
                if (jobs[i].final && !jobs[i].reported && !tty && !o.quiet) {
                    char dur[32];
                    fmt_dur(dur, sizeof(dur), jobs[i].duration_ms / 1000);
                    fprintf(msg, "[%zu/%zu] %s %s (%d/%d tests, %s)\n", ++reported, njobs, jobs[i].m->name,
                            jobs[i].status, jobs[i].tests_passed, jobs[i].tests_total, dur);
                }
                jobs[i].reported |= jobs[i].final;
            }
        } else {
            tito_run_counts c;
            if ((rc = tito_store_run_counts(st, &c, run_id, &err)) < 0) {
                if (rc != TITO_EUNAVAIL)
                    goto fail_run_msg;
                usleep(300000);
                continue;
            }
            nfinal = (long)(c.total - c.queued - c.running);
            nfail = nfinal - (long)c.passed;
            nrun = (long)c.running;
        }
        if (tty)
            live_line(msg, nfinal, nfail, nrun, (long)njobs, now - t0);
        if ((size_t)nfinal >= njobs)
            break;
        if (nworkers > 0 && reap_workers(workers, nworkers, &sc, msg) == 0) {
            fprintf(stderr, "tito batch: no worker could start; see %s\n", wlog);
            rc = TITO_ERROR;
            goto fail_run;
        }
        /* Counting a big run is a real query: poll it gently, the workers
         * share the CPU with PostgreSQL. */
        usleep(per_job ? 150000 : 250000);
    }
    t_work = now_s() - tw;
    if (tty)
        fputs("\n", msg);
    stop_workers(workers, nworkers);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    double elapsed = now_s() - t0;

    if (interrupted) {
        tito_queue_cancel(q, run_id, NULL);
        for (size_t i = 0; i < njobs; i++)
            if (!jobs[i].final && !strcmp(jobs[i].status, "queued"))
                tito_store_job_set_status(st, jobs[i].id, "cancelled", "run interrupted", NULL);
        tito_store_run_finish(st, run_id, "cancelled", NULL);
        fprintf(stderr, "tito batch: interrupted; run %s cancelled\n", run_id);
        status = 130;
        goto cleanup;
    }

    int all_passed = 1;
    if (o.noop) {
        tito_run_counts c;
        if (tito_store_run_counts(st, &c, run_id, &err) < 0) {
            fprintf(stderr, "tito batch: %s\n", err.message);
            goto cleanup;
        }
        all_passed = c.passed == (int64_t)njobs;
        double per_ms = t_work * 1000 / (double)njobs;
        if (o.json)
            printf("{\"run_id\":\"%s\",\"jobs\":%zu,\"workers\":%d,\"passed\":%lld,\"enqueue_s\":%.4f,"
                   "\"enqueue_jobs_per_s\":%.1f,\"process_s\":%.4f,\"jobs_per_s\":%.1f,"
                   "\"wall_ms_per_job\":%.4f,\"worker_ms_per_job\":%.4f}\n",
                   run_id, njobs, nworkers, (long long)c.passed, t_enq, (double)njobs / t_enq, t_work,
                   (double)njobs / t_work, per_ms, per_ms * (nworkers > 0 ? nworkers : 1));
        else
            printf("%zu no-op jobs: enqueue %.3f s (%.0f jobs/s); processed in %.3f s by %d worker%s "
                   "(%.0f jobs/s, %.3f ms/job wall, %.3f ms/job per worker); %lld passed\n",
                   njobs, t_enq, (double)njobs / t_enq, t_work, nworkers, nworkers == 1 ? "" : "s",
                   (double)njobs / t_work, per_ms, per_ms * (nworkers > 0 ? nworkers : 1),
                   (long long)c.passed);
    } else {
        int werr = write_back(st, course, jobs, njobs, msg);
        if (o.log_dir)
            werr |= write_logs(st, o.log_dir, jobs, njobs, msg);
        for (size_t i = 0; i < njobs; i++)
            all_passed &= !strcmp(jobs[i].status, "passed");
        if (o.json) {
            tito_json *j = report_json(run_id, course_dir, jobs, njobs, elapsed, nworkers, o.deps_own, sandbox);
            if (!j || tito_cli__print_json(j, "batch") != 0)
                goto cleanup;
        } else {
            summary_table(stdout, jobs, njobs, elapsed, nworkers, o.deps_own, color);
        }
        if (werr)
            all_passed = 0;
    }
    tito_store_run_finish(st, run_id, all_passed ? "passed" : "failed", NULL);
    tito_queue_run_cleanup(q, run_id, NULL);
    status = all_passed ? TITO_EXIT_OK : TITO_EXIT_FAILED;
    goto cleanup;

oom:
    fprintf(stderr, "tito batch: out of memory\n");
    goto fail_run;
fail_run_msg:
    fprintf(stderr, "tito batch: %s\n", err.message);
fail_run:
    if (run_id && st)
        tito_store_run_finish(st, run_id, "error", NULL);
    status = rc == TITO_EINVALID || rc == TITO_ENOTFOUND ? TITO_EXIT_USAGE : TITO_EXIT_ENV;
cleanup:
    stop_workers(workers, nworkers);
    if (specs)
        for (size_t i = 0; i < njobs; i++)
            free(specs[i]);
    free(specs);
    free(rows);
    free(ids);
    for (size_t i = 0; jobs && i < njobs; i++) {
        free(jobs[i].error);
        free(jobs[i].export_sha);
    }
    free(jobs);
    tito_queue_free(q);
    tito_store_free(st);
    tito_course_free(course);
    tito_config_free(cfg);
    free(course_dir);
    free(redis);
    free(db);
    free(run_id);
    free(wbin);
    free(queue);
    return status;
}
