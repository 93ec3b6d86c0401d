/* The machinery of a queued run, shared by `tito batch` and `tito grade`
 * (batch_run.h): services, artifacts, enqueue, local workers, following. */

#include "batch_run.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "export/export.h"
#include "job/bundle.h"
#include "nb/nb.h"
#include "sandbox/sandbox.h"
#include "services/services.h"
#include "util/buf.h"
#include "util/fs.h"

volatile sig_atomic_t tito_run_interrupted;

static void on_signal(int sig)
{
    (void)sig;
    tito_run_interrupted = 1;
}

double tito_run_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tito_run_fmt_dur(char *buf, size_t n, double s)
{
    if (s < 0)
        snprintf(buf, n, "--");
    else if (s < 60)
        snprintf(buf, n, "%.1f s", s);
    else
        snprintf(buf, n, "%dm%02ds", (int)(s / 60), (int)s % 60);
}

int tito_run_is_final(const char *s)
{
    return s && strcmp(s, "queued") && strcmp(s, "running");
}

int tito_run_parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

char *tito_run_find_course_dir(void)
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

int tito_run_module_number(const tito_course *c, const char *spec, long *out)
{
    const tito_module_info *m = tito_course_find(c, spec);
    if (m)
        return tito_run_parse_int(m->id, 0, 9999, out);
    return tito_run_parse_int(spec, 0, 9999, out);
}

void tito_run_jobs_dispose(tito_run_job *jobs, size_t n)
{
    for (size_t i = 0; jobs && i < n; i++) {
        free(jobs[i].error);
        free(jobs[i].export_sha);
        jobs[i].error = jobs[i].export_sha = NULL;
    }
}

/* --- flags and the course ------------------------------------------------ */

void tito_run_flags_init(tito_run_flags *f)
{
    tito_limits_req unset = TITO_LIMITS_REQ_INIT;
    memset(f, 0, sizeof(*f));
    f->workers = -1;
    f->sandbox = -1;
    f->limits = unset;
}

int tito_run_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "tito %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see --help)\n");
    return TITO_EXIT_USAGE;
}

int tito_run_flag(tito_run_flags *f, const char *cmd, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    tito_error lerr = TITO_ERROR_INIT;
    long v;
    int k = tito_cli__conn_flag(&f->conn, argc, argv, i);
    if (k < 0)
        return tito_run_usage_error(cmd, "%s needs a value", a);
    if (k)
        return 1;
    if ((k = tito_limits_flag(&f->limits, argc, argv, i, &lerr)) != 0)
        return k < 0 ? tito_run_usage_error(cmd, "%s", lerr.message) : 1;
    if (!strcmp(a, "--json")) {
        f->json = 1;
    } else if (!strcmp(a, "--sandbox")) {
        f->sandbox = 1;
    } else if (!strcmp(a, "--no-sandbox")) {
        f->sandbox = 0;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
        f->quiet = 1;
    } else if (!strcmp(a, "--course") || !strcmp(a, "--workers") || !strcmp(a, "--queue") ||
               !strcmp(a, "--max-attempts")) {
        if (*i + 1 >= argc)
            return tito_run_usage_error(cmd, "%s needs a value", a);
        const char *val = argv[++*i];
        if (!strcmp(a, "--course")) {
            f->course = val;
        } else if (!strcmp(a, "--queue")) {
            f->queue = val;
        } else if (!strcmp(a, "--workers")) {
            if (tito_run_parse_int(val, 0, TITO_RUN_MAX_WORKERS, &v))
                return tito_run_usage_error(cmd, "--workers needs a number 0..64, not '%s'", val);
            f->workers = (int)v;
        } else {
            if (tito_run_parse_int(val, 1, 1000, &v))
                return tito_run_usage_error(cmd, "--max-attempts needs a number 1..1000, not '%s'", val);
            f->max_attempts = (int)v;
        }
    } else {
        return 0;
    }
    return 1;
}

int tito_run_open_course(tito_course **course, char **course_dir, size_t **sel, size_t *nsel, const char *cmd,
                         const char *course_flag, const char *from_arg, const char *to_arg)
{
    tito_error err = TITO_ERROR_INIT;
    int rc;
    *nsel = 0;
    *course_dir = course_flag ? tito_fs_abspath(course_flag) : tito_run_find_course_dir();
    if (!*course_dir) {
        fprintf(stderr, "tito %s: no course here (no modules/ folder); use --course DIR\n", cmd);
        return TITO_EXIT_USAGE;
    }
    if ((rc = tito_course_open(course, *course_dir, &err)) < 0) {
        fprintf(stderr, "tito %s: %s\n", cmd, err.message);
        return tito_cli__exit_for(rc);
    }
    long from = 0, to = 99999;
    if ((from_arg && tito_run_module_number(*course, from_arg, &from)) ||
        (to_arg && tito_run_module_number(*course, to_arg, &to))) {
        fprintf(stderr, "tito %s: bad module range '%s%s%s'\n", cmd, from_arg, to_arg ? " " : "",
                to_arg ? to_arg : "");
        return TITO_EXIT_USAGE;
    }
    size_t nm = tito_course_nmodules(*course);
    if (!(*sel = calloc(nm ? nm : 1, sizeof(**sel)))) {
        fprintf(stderr, "tito %s: out of memory\n", cmd);
        return TITO_EXIT_ENV;
    }
    for (size_t i = 0; i < nm; i++) {
        long id;
        if (tito_run_parse_int(tito_course_module_at(*course, i)->id, 0, 9999, &id) == 0 && id >= from && id <= to)
            (*sel)[(*nsel)++] = i;
    }
    if (!*nsel) {
        fprintf(stderr, "tito %s: no module of %s in the range %ld..%ld\n", cmd, *course_dir, from, to);
        return TITO_EXIT_USAGE;
    }
    return 0;
}

/* --- services ------------------------------------------------------------ */

void tito_run_init(tito_run *r, const char *cmd, const tito_run_flags *f)
{
    memset(r, 0, sizeof(*r));
    r->cmd = cmd;
    r->quiet = f->quiet;
    r->json = f->json;
    r->msg = stderr;
    r->tty = isatty(2) && !f->quiet;
    r->t0 = tito_run_now();
    r->max_attempts = f->max_attempts;
}

/* Limits of module (NULL: the run's): the coordinator's tito.ini < the
 * course's tito.ini [limits] < [limits.MODULE] (lc: NULL for no course) <
 * flags. */
static void run_limits_of(const tito_run *r, tito_limits_req *out, const tito_limits_course *lc, const char *module,
                          const tito_limits_req *flags)
{
    *out = r->cfg->limits_req;
    if (lc)
        tito_limits_course_apply(lc, module, out);
    if (flags)
        tito_limits_req_overlay(out, flags);
}

int tito_run_setup(tito_run *r, const tito_run_flags *f, const char *course_dir, tito_run_job *jobs, size_t n,
                   tito_limits_req *run_limits, int workers)
{
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_run_config(r, &f->conn);
    if (rc != 0)
        return rc;
    /* The course's tito.ini is read (and all of it checked) once, before
     * anything is created: a typo is a usage error, not a run of failed jobs. */
    tito_limits_course *lc = NULL;
    if (course_dir)
        rc = tito_limits_course_load(&lc, course_dir, &err);
    if (rc == 0) {
        run_limits_of(r, run_limits, lc, NULL, &f->limits);
        for (size_t i = 0; i < n; i++)
            run_limits_of(r, &jobs[i].limits, lc, jobs[i].m->name, &f->limits);
    }
    tito_limits_course_free(lc);
    if (rc < 0) {
        fprintf(stderr, "tito %s: %s\n", r->cmd, err.message);
        return tito_cli__exit_for(rc);
    }
    return tito_run_connect(r, f->queue, workers, f->sandbox);
}

int tito_run_fail(tito_run *r, int rc, const tito_error *err)
{
    if (err)
        fprintf(stderr, "tito %s: %s\n", r->cmd, err->message);
    if (r->run_id && r->st)
        tito_store_run_finish(r->st, r->run_id, "error", NULL);
    return rc == TITO_EINVALID || rc == TITO_ENOTFOUND ? TITO_EXIT_USAGE : TITO_EXIT_ENV;
}

int tito_run_config(tito_run *r, const tito_cli_conn *conn)
{
    if (!r->msg)
        r->msg = stderr;
    if (r->t0 == 0)
        r->t0 = tito_run_now();
    return tito_cli__config(&r->cfg, conn, r->cmd);
}


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

int tito_run_connect(tito_run *r, const char *queue_flag, int workers, int sandbox)
{
    tito_error err = TITO_ERROR_INIT;
    tito_config *cfg = r->cfg;
    int external = cfg->redis_url || cfg->database_url;
    r->nworkers = workers >= 0 ? workers : external ? 0 : cfg->workers > 0 ? cfg->workers : 2;
    if (r->nworkers > TITO_RUN_MAX_WORKERS)
        r->nworkers = TITO_RUN_MAX_WORKERS;
    /* A copy: tito_config_set below frees cfg->queue. */
    if (!(r->queue = strdup(queue_flag ? queue_flag : cfg->queue ? cfg->queue : "default"))) {
        fprintf(stderr, "tito %s: out of memory\n", r->cmd);
        return TITO_EXIT_ENV;
    }
    if (tito_services_resolve(&r->redis, &r->db, cfg, &err) < 0 ||
        tito_config_set(cfg, "redis_url", r->redis, &err) < 0 ||
        tito_config_set(cfg, "database_url", r->db, &err) < 0 ||
        tito_config_set(cfg, "queue", r->queue, &err) < 0 ||
        tito_services_connect(&r->st, NULL, cfg, NULL, &err) < 0 ||
        tito_queue_new(&r->q, r->redis, r->queue, NULL, &err) < 0) {
        fprintf(stderr, "tito %s: %s\n", r->cmd, err.message);
        return TITO_EXIT_ENV;
    }
    tito_queue_server_id(r->q, r->server_id, NULL);
    if (r->nworkers > 0) {
        tito_error se = TITO_ERROR_INIT;
        int ok = tito_sandbox_check(&se) == 0;
        if (sandbox == 1 && !ok) {
            fprintf(stderr, "tito %s: --sandbox: the sandbox is not available: %s\n", r->cmd, se.message);
            return TITO_EXIT_ENV;
        }
        r->sandbox = sandbox == 0 ? 0 : ok;
        if (!(r->wbin = worker_binary())) {
            fprintf(stderr, "tito %s: out of memory\n", r->cmd);
            return TITO_EXIT_ENV;
        }
        if (access(r->wbin, X_OK) != 0) {
            fprintf(stderr, "tito %s: worker program %s: %s\n", r->cmd, r->wbin, strerror(errno));
            return TITO_EXIT_ENV;
        }
    }
    return 0;
}

int tito_run_create(tito_run *r, const char *kind, const char *params_json)
{
    tito_error err = TITO_ERROR_INIT;
    if (tito_store_run_create(r->st, &r->run_id, kind, params_json, &err) < 0) {
        fprintf(stderr, "tito %s: %s\n", r->cmd, err.message);
        return TITO_EXIT_ENV;
    }
    return 0;
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

void tito_run_rm_tree(const char *dir)
{
    if (dir && dir[0])
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int tito_run_put_bundle(tito_store *st, char sha[65], const char *root, int (*filter)(const char *, void *),
                        void *ctx, tito_error *err)
{
    tito_buf b = {0};
    int rc = tito_bundle_pack(&b, root, filter, ctx, err);
    if (rc == 0)
        rc = tito_store_artifact_put(st, sha, b.ptr, b.len, err);
    tito_buf_dispose(&b);
    return rc;
}

int tito_run_course_bundle(tito_run *r, char sha[65], const tito_course *c, tito_error *err)
{
    bundle_filter bf = {tito_course_lib_name(c)};
    return tito_run_put_bundle(r->st, sha, tito_course_dir(c), course_filter, &bf, err);
}

/* Every module notebook of the course exported (export only) into
 * TMP/<lib>/, bundled: the package the jobs put first on PYTHONPATH. */
int tito_run_reference_package(tito_run *r, char sha[65], const tito_course *c, tito_error *err)
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
        int x = tito_nb_load(&nb, m->notebook, &e);
        if (x == 0)
            x = tito_export_notebook(NULL, nb, &eo, &e);
        tito_nb_free(nb);
        /* A notebook that cannot be exported only costs its dependants: its
         * own job reports the problem. */
        if (x < 0 && r->msg)
            fprintf(r->msg, "tito %s: reference package: %s: %s\n", r->cmd, m->name, e.message);
    }
    rc = tito_run_put_bundle(r->st, sha, tmpl, NULL, NULL, err);
cleanup:
    free(lib);
    tito_run_rm_tree(tmpl);
    return rc;
}

/* --- jobs ---------------------------------------------------------------- */

int tito_run_make_spec(char **out, const tito_run_job *jb, const char *run_id, tito_job_kind kind,
                       const char *submission_sha, const char *course_sha, const char *deps_sha,
                       int deps_own, tito_error *err)
{
    tito_job *j = NULL;
    int rc = tito_job_new(&j);
    if (rc < 0)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    j->id = strdup(jb->id);
    j->run_id = strdup(run_id);
    j->student = strdup(jb->student ? jb->student : "");
    j->module = strdup(jb->m->name);
    j->kind = kind;
    j->submission_sha = submission_sha ? strdup(submission_sha) : NULL;
    j->course_sha = course_sha ? strdup(course_sha) : NULL;
    j->deps_sha = deps_sha ? strdup(deps_sha) : NULL;
    j->deps = deps_own ? TITO_DEPS_OWN : TITO_DEPS_SOLUTION;
    j->limits = jb->limits;
    if (!j->id || !j->run_id || !j->student || !j->module || (submission_sha && !j->submission_sha) ||
        (course_sha && !j->course_sha) || (deps_sha && !j->deps_sha))
        rc = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    else
        rc = tito_job_encode(out, j, err);
    tito_job_free(j);
    return rc;
}

int tito_run_enqueue_jobs(tito_run *r, tito_run_job *jobs, const size_t *order, size_t n, tito_job_kind kind,
                          char (*submissions)[65], const char *course_sha, const char *deps_sha, tito_error *err)
{
    int rc = 0;
    tito_job_row *rows = calloc(n ? n : 1, sizeof(*rows));
    char **specs = calloc(n ? n : 1, sizeof(*specs));
    const char **ids = calloc(n ? n : 1, sizeof(*ids));
    if (!rows || !specs || !ids) {
        rc = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = order ? order[k] : k;
        const char *sub = submissions ? submissions[i] : NULL;
        if ((rc = tito_run_make_spec(&specs[k], &jobs[i], r->run_id, kind, sub, course_sha, deps_sha, 0, err)) < 0)
            goto cleanup;
        rows[k].id = ids[k] = jobs[i].id;
        rows[k].student = jobs[i].student ? jobs[i].student : "";
        rows[k].module = jobs[i].m->name;
        rows[k].submission_sha = sub;
        rows[k].spec_json = specs[k];
    }
    if (n && (rc = tito_run_enqueue(r, rows, ids, (const char *const *)specs, n, err)) < 0)
        goto cleanup;
    for (size_t i = 0; i < n; i++)
        jobs[i].enqueued = 1;
cleanup:
    for (size_t k = 0; specs && k < n; k++)
        free(specs[k]);
    free(specs);
    free(rows);
    free(ids);
    return rc;
}

/* Both steps are safe to repeat: an insert that committed before its
 * connection broke reports ECONFLICT on the retry (the COPY is atomic: all
 * rows are there), and an XADD batch cut short is completed by reconcile (a
 * job in the stream twice is harmless). */
int tito_run_enqueue(tito_run *r, const tito_job_row *rows, const char *const *ids, const char *const *specs,
                     size_t n, tito_error *err)
{
    int rc;
    for (int tries = 0;; tries++) {
        rc = tito_store_jobs_insert(r->st, r->run_id, rows, n, err);
        if (rc == TITO_ECONFLICT && tries > 0)
            rc = 0;
        if (rc != TITO_EUNAVAIL || tries > 150 || tito_run_interrupted)
            break;
        usleep(200000);
    }
    if (rc < 0)
        return rc;
    rc = tito_queue_enqueue(r->q, NULL, ids, specs, n, err);
    for (int tries = 0; rc == TITO_EUNAVAIL && tries < 150 && !tito_run_interrupted; tries++) {
        usleep(200000);
        size_t re = 0;
        if ((rc = tito_queue_reset(r->q, err)) == 0)
            rc = tito_services_reconcile(&re, NULL, r->st, r->q, r->run_id, err);
    }
    return rc;
}

/* --- local workers ------------------------------------------------------- */

void tito_run_catch_signals(tito_run *r)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &r->old_int);
    sigaction(SIGTERM, &sa, &r->old_term);
    r->signals_caught = 1;
}

static pid_t spawn_worker(const tito_run *r, const char *id)
{
    char lease[32], attempts[32];
    snprintf(lease, sizeof(lease), "%d", r->lease_ms > 0 ? r->lease_ms : 30000);
    const char *argv[20];
    int n = 0;
    argv[n++] = r->wbin;
    argv[n++] = "--redis";
    argv[n++] = r->redis;
    argv[n++] = "--db";
    argv[n++] = r->db;
    argv[n++] = "--queue";
    argv[n++] = r->queue;
    argv[n++] = "--id";
    argv[n++] = id;
    argv[n++] = "--lease-ms";
    argv[n++] = lease;
    if (r->max_attempts > 0) {
        snprintf(attempts, sizeof(attempts), "%d", r->max_attempts);
        argv[n++] = "--max-attempts";
        argv[n++] = attempts;
    }
    if (!r->sandbox)
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
    int fd = open(r->wlog, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
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
    execv(r->wbin, (char *const *)argv);
    fprintf(stderr, "tito %s: cannot run %s: %s\n", r->cmd, r->wbin, strerror(errno));
    _exit(127);
}

int tito_run_start_workers(tito_run *r)
{
    if (r->nworkers <= 0) {
        if (!r->quiet && !r->json)
            fprintf(r->msg, "tito %s: no local workers: waiting for workers on queue '%s'\n", r->cmd, r->queue);
        return 0;
    }
    /* Their logs go to a file so they do not garble ours. */
    char *state = tito_fs_abspath(r->cfg->state_dir ? r->cfg->state_dir : ".tito");
    snprintf(r->wlog, sizeof(r->wlog), "%s/logs", state ? state : ".tito");
    tito_fs_mkdirs(r->wlog, NULL);
    size_t l = strlen(r->wlog);
    snprintf(r->wlog + l, sizeof(r->wlog) - l, "/%s-%s-workers.log", r->cmd, r->run_id);
    free(state);
    for (int i = 0; i < r->nworkers; i++) {
        snprintf(r->workers[i].id, sizeof(r->workers[i].id), "%s-r%s-w%d-%d", r->cmd, r->run_id, i + 1,
                 (int)getpid());
        r->workers[i].pid = spawn_worker(r, r->workers[i].id);
        r->workers[i].started = tito_run_now();
        if (r->workers[i].pid < 0) {
            fprintf(stderr, "tito %s: fork: %s\n", r->cmd, strerror(errno));
            return TITO_EXIT_ENV;
        }
    }
    return 0;
}

/* Restarts workers that died (SIGKILL, crash): the run must finish anyway,
 * and their jobs come back to the others once the lease expires. A worker
 * that refuses to start (exit 2: configuration or sandbox) is not restarted,
 * and one that keeps dying is restarted at most once a second. Returns the
 * number of workers still alive or to be restarted. */
static int reap_workers(tito_run *r)
{
    int alive = 0;
    double now = tito_run_now();
    for (int i = 0; i < r->nworkers; i++) {
        tito_run_worker *w = &r->workers[i];
        int status;
        if (w->pid > 0 && waitpid(w->pid, &status, WNOHANG) == w->pid) {
            w->pid = 0;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
                w->pid = -1;
                fprintf(r->msg, "\ntito %s: worker %s cannot start (exit 2), see %s\n", r->cmd, w->id,
                        r->wlog);
            }
        }
        if (w->pid == 0 && now - w->started >= 1.0) {
            w->pid = spawn_worker(r, w->id);
            w->started = now;
        }
        alive += w->pid >= 0;
    }
    return alive;
}

void tito_run_stop(tito_run *r)
{
    tito_run_worker *w = r->workers;
    for (int i = 0; i < r->nworkers; i++)
        if (w[i].pid > 0)
            kill(w[i].pid, SIGTERM);
    /* Every job is final by now, so a worker stops within a poll interval;
     * after 10 s it is killed (its entry, if any, stays for another worker). */
    for (int t = 0; t < 200; t++) {
        int alive = 0;
        for (int i = 0; i < r->nworkers; i++) {
            if (w[i].pid > 0 && waitpid(w[i].pid, NULL, WNOHANG) == 0)
                alive = 1;
            else
                w[i].pid = 0;
        }
        if (!alive)
            break;
        usleep(50000);
    }
    for (int i = 0; i < r->nworkers; i++)
        if (w[i].pid > 0) {
            kill(w[i].pid, SIGKILL);
            waitpid(w[i].pid, NULL, 0);
            w[i].pid = 0;
        }
}

/* --- following the run --------------------------------------------------- */

static void set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = v ? strdup(v) : NULL;
}

int tito_run_refresh(tito_run *r, tito_run_job *jobs, size_t n, tito_error *err)
{
    tito_rows *rows = NULL;
    tito_results_filter f = TITO_RESULTS_FILTER_INIT;
    f.run_id = r->run_id;
    int rc = tito_store_query_results(r->st, &rows, &f, err);
    if (rc < 0)
        return rc;
    /* Both are in (student, module, job id) order more or less; a hint
     * keeps a cohort's refresh linear instead of quadratic. */
    size_t hint = 0;
    for (size_t i = 0; i < tito_rows_count(rows); i++) {
        const char *id = tito_rows_getn(rows, i, "job_id");
        for (size_t c = 0; id && c < n; c++) {
            size_t k = (hint + c) % n;
            if (strcmp(jobs[k].id, id))
                continue;
            hint = k + 1;
            const char *s = tito_rows_getn(rows, i, "status");
            snprintf(jobs[k].status, sizeof(jobs[k].status), "%s", s ? s : "?");
            jobs[k].final = tito_run_is_final(s);
            const char *v;
            jobs[k].tests_passed = (v = tito_rows_getn(rows, i, "tests_passed")) ? atoi(v) : 0;
            jobs[k].tests_total = (v = tito_rows_getn(rows, i, "tests_total")) ? atoi(v) : 0;
            jobs[k].points = (v = tito_rows_getn(rows, i, "points")) ? atof(v) : 0;
            jobs[k].max_points = (v = tito_rows_getn(rows, i, "max_points")) ? atof(v) : 0;
            jobs[k].duration_ms = (v = tito_rows_getn(rows, i, "duration_ms")) ? atof(v) : 0;
            set_str(&jobs[k].error, tito_rows_getn(rows, i, "error"));
            set_str(&jobs[k].export_sha, tito_rows_getn(rows, i, "export_sha"));
            break;
        }
    }
    tito_rows_free(rows);
    return 0;
}

/* Redis restarted (new run_id) or was unreachable: reconnect and re-enqueue
 * what it lost. */
static void check_redis(tito_run *r)
{
    char id[41];
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_queue_server_id(r->q, id, &err);
    if (rc == TITO_EUNAVAIL) {
        tito_queue_reset(r->q, NULL);
        return;
    }
    if (rc < 0 || !strcmp(id, r->server_id))
        return;
    size_t re = 0;
    if (tito_services_reconcile(&re, NULL, r->st, r->q, r->run_id, &err) < 0)
        return; /* retried on the next check: server_id not updated */
    if (re)
        fprintf(r->msg, "%stito %s: Redis restarted: re-enqueued %zu job%s\n", r->tty ? "\r\033[K" : "",
                r->cmd, re, re == 1 ? "" : "s");
    memcpy(r->server_id, id, 41);
}

static void live_line(FILE *f, long done, long failed, long running, long total, double elapsed)
{
    char eta[32] = "--", el[32];
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    if (done > 0 && done < total)
        tito_run_fmt_dur(eta, sizeof(eta), (double)(total - done) / rate);
    else if (done >= total)
        snprintf(eta, sizeof(eta), "0 s");
    tito_run_fmt_dur(el, sizeof(el), elapsed);
    fprintf(f, "\r\033[K[%ld/%ld] done %ld, failed %ld, running %ld | %.2f jobs/s | %s | ETA %s", done,
            total, done, failed, running, rate, el, eta);
    fflush(f);
}

int tito_run_follow(tito_run *r, tito_run_job *jobs, size_t n, int per_job, tito_run_advance_fn advance,
                    void *ctx, tito_error *err)
{
    size_t reported = 0;
    double last_redis = 0;
    int rc;
    for (;;) {
        double now = tito_run_now();
        if (tito_run_interrupted)
            break;
        if (now - last_redis > 1.0) {
            check_redis(r);
            last_redis = now;
        }
        long nfinal = 0, nfail = 0, nrun = 0;
        if (per_job) {
            if ((rc = tito_run_refresh(r, jobs, n, err)) < 0) {
                if (rc != TITO_EUNAVAIL)
                    return rc;
                usleep(300000); /* PostgreSQL restarting: the store reconnects by itself */
                continue;
            }
            if (advance && (rc = advance(r, jobs, n, ctx, err)) < 0 && rc != TITO_EUNAVAIL)
                return rc;
            for (size_t i = 0; i < n; i++) {
                nfinal += jobs[i].final;
                nfail += jobs[i].final && strcmp(jobs[i].status, "passed");
                nrun += !strcmp(jobs[i].status, "running");
                if (jobs[i].final && !jobs[i].reported && !r->tty && !r->quiet) {
                    char dur[32];
                    const char *s = jobs[i].student ? jobs[i].student : "";
                    tito_run_fmt_dur(dur, sizeof(dur), jobs[i].duration_ms / 1000);
                    fprintf(r->msg, "[%zu/%zu] %s%s%s %s (%d/%d tests, %s)\n", ++reported, n, s, s[0] ? " " : "",
                            jobs[i].m->name, jobs[i].status, jobs[i].tests_passed, jobs[i].tests_total, dur);
                }
                jobs[i].reported |= jobs[i].final;
            }
        } else {
            tito_run_counts c;
            if ((rc = tito_store_run_counts(r->st, &c, r->run_id, err)) < 0) {
                if (rc != TITO_EUNAVAIL)
                    return rc;
                usleep(300000);
                continue;
            }
            nfinal = (long)(c.total - c.queued - c.running);
            nfail = nfinal - (long)c.passed;
            nrun = (long)c.running;
        }
        if (r->tty)
            live_line(r->msg, nfinal, nfail, nrun, (long)n, now - r->t0);
        if ((size_t)nfinal >= n)
            break;
        if (r->nworkers > 0 && reap_workers(r) == 0) {
            fprintf(stderr, "tito %s: no worker could start; see %s\n", r->cmd, r->wlog);
            return TITO_ERROR;
        }
        /* Counting a big run is a real query: poll it gently, the workers
         * share the CPU with PostgreSQL. */
        usleep(per_job ? 150000 : 250000);
    }
    if (r->tty)
        fputs("\n", r->msg);
    return 0;
}

int tito_run_work(tito_run *r, tito_run_job *jobs, size_t n, int per_job, tito_run_advance_fn advance, void *ctx,
                  tito_error *err)
{
    if (tito_run_start_workers(r) != 0)
        return TITO_ERROR;
    int rc = tito_run_follow(r, jobs, n, per_job, advance, ctx, err);
    tito_run_stop(r);
    return rc;
}

void tito_run_cancel(tito_run *r, tito_run_job *jobs, size_t n)
{
    tito_queue_cancel(r->q, r->run_id, NULL);
    /* Followed by counts, the jobs' own states are stale: a finished job
     * must keep its result. */
    tito_run_refresh(r, jobs, n, NULL);
    for (size_t i = 0; i < n; i++)
        if (!jobs[i].final && !strcmp(jobs[i].status, "queued"))
            tito_store_job_set_status(r->st, jobs[i].id, "cancelled", "run interrupted", NULL);
    tito_store_run_finish(r->st, r->run_id, "cancelled", NULL);
    fprintf(stderr, "tito %s: interrupted; run %s cancelled\n", r->cmd, r->run_id);
}

void tito_run_finish(tito_run *r, const char *status)
{
    tito_store_run_finish(r->st, r->run_id, status, NULL);
    tito_queue_run_cleanup(r->q, r->run_id, NULL);
}

void tito_run_dispose(tito_run *r)
{
    tito_run_stop(r);
    /* Only now: a second ^C while the run is being cancelled or reported
     * must not kill us half-way (the run would stay "running"). */
    if (r->signals_caught) {
        sigaction(SIGINT, &r->old_int, NULL);
        sigaction(SIGTERM, &r->old_term, NULL);
        r->signals_caught = 0;
    }
    tito_queue_free(r->q);
    tito_store_free(r->st);
    tito_config_free(r->cfg);
    free(r->redis);
    free(r->db);
    free(r->queue);
    free(r->wbin);
    free(r->run_id);
    r->q = NULL;
    r->st = NULL;
    r->cfg = NULL;
    r->redis = r->db = r->queue = r->wbin = r->run_id = NULL;
}
