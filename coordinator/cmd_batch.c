/* `tito batch [FROM [TO]]`: grade every module of a course through the queue
 * (design §3, §4): one `complete` job per module, run by tito-worker
 * processes, results in PostgreSQL; then the course is updated as `tito
 * module complete` would (generated .py, exports, progress.json) and the old
 * process_all_modules.py summary is printed.
 *
 * Order of writes (design §4): job rows go to PostgreSQL before their XADD,
 * so a job in the stream always has a row to record into, and reconcile can
 * re-enqueue anything Redis lost. */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_run.h"
#include "cmd_data.h"
#include "commands.h"
#include "course/course.h"
#include "export/export.h"
#include "job/bundle.h"
#include "job/job.h"
#include "nb/nb.h"
#include "progress/progress.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/fs.h"

typedef struct batch_opts {
    tito_run_flags f;     /* the flags tito grade has too */
    const char *from, *to;
    const char *log_dir;
    int deps_own;
    int lease_ms;
    long noop;            /* >0: that many no-op jobs (queue benchmark) */
} batch_opts;

/* One module's job as the coordinator tracks it. */
typedef tito_run_job bjob;

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
    return tito_run_usage_error("batch", fmt, arg);
}

static int parse_args(batch_opts *o, int argc, char **argv, int *done)
{
    memset(o, 0, sizeof(*o));
    tito_run_flags_init(&o->f);
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v;
        int f = tito_run_flag(&o->f, "batch", argc, argv, &i);
        if (f > 1)
            return f; /* a usage error, said */
        if (f)
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            *done = 1;
            return 0;
        } else if (!strcmp(a, "--log-dir") || !strcmp(a, "--deps") || !strcmp(a, "--lease-ms") ||
                   !strcmp(a, "--noop")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            const char *val = argv[++i];
            if (!strcmp(a, "--log-dir")) {
                o->log_dir = val;
            } else if (!strcmp(a, "--deps")) {
                if (!strcmp(val, "own"))
                    o->deps_own = 1;
                else if (strcmp(val, "solution"))
                    return usage_error("--deps must be 'solution' or 'own', not '%s'", val);
            } else if (!strcmp(a, "--lease-ms")) {
                if (tito_run_parse_int(val, 100, 86400000, &v))
                    return usage_error("--lease-ms needs a number of milliseconds, not '%s'", val);
                o->lease_ms = (int)v;
            } else {
                if (tito_run_parse_int(val, 1, 10000000, &v))
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
        rc = tito_run_put_bundle(st, sha, tmpl, under_prefix, &pf, err);
    }
cleanup:
    tito_run_rm_tree(tmpl);
    return rc;
}

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
        tito_run_fmt_dur(dur, sizeof(dur), jobs[i].final && jobs[i].duration_ms > 0 ? jobs[i].duration_ms / 1000 : -1);
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
    tito_run_fmt_dur(el, sizeof(el), elapsed);
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
        free(jb->error);
        jb->error = strdup(why);
    }
    return rc;
}

typedef struct own_ctx {
    const char *course_sha;
    const char *lib_name;
} own_ctx;

/* --deps own (a tito_run_advance_fn): enqueues the next module once every
 * earlier one is final, or blocks it when one of them did not pass. */
static int advance_own(tito_run *r, bjob *jobs, size_t n, void *ctx, tito_error *err)
{
    const own_ctx *oc = ctx;
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
        if (!bad && (rc = own_package(r->st, deps, &has, jobs, k, oc->lib_name, err)) < 0)
            return rc;
        if ((rc = tito_run_make_spec(&spec, &jobs[k], r->run_id, TITO_JOB_KIND_COMPLETE, NULL, oc->course_sha,
                                     has ? deps : NULL, 1, err)) < 0)
            return rc;
        if (bad) {
            char why[256];
            snprintf(why, sizeof(why), "blocked: prerequisite %s %s", bad->m->name, bad->status);
            rc = block_job(r->st, r->run_id, &jobs[k], spec, why, err);
        } else {
            tito_job_row row = {jobs[k].id, "", jobs[k].m->name, NULL, spec};
            const char *id = jobs[k].id, *sp = spec;
            rc = tito_run_enqueue(r, &row, &id, &sp, 1, err);
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

/* Enqueues every job at once (--deps solution, --noop), longest first. */
static int enqueue_all(tito_run *r, bjob *jobs, size_t njobs, int noop, const char *course_sha,
                       const char *deps_sha, tito_error *err)
{
    size_t *order = NULL;
    if (!noop) {
        if (!(order = calloc(njobs, sizeof(*order))))
            return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        order_by_history(r->st, jobs, njobs, order);
    }
    int rc = tito_run_enqueue_jobs(r, jobs, order, njobs, noop ? TITO_JOB_KIND_NOOP : TITO_JOB_KIND_COMPLETE, NULL,
                                   noop ? NULL : course_sha, noop ? NULL : deps_sha, err);
    free(order);
    return rc;
}

static void print_noop(tito_run *r, const tito_run_counts *c, size_t njobs, int json, double t_enq,
                       double t_work)
{
    int nw = r->nworkers;
    double per_ms = t_work * 1000 / (double)njobs;
    if (json)
        printf("{\"run_id\":\"%s\",\"jobs\":%zu,\"workers\":%d,\"passed\":%lld,\"enqueue_s\":%.4f,"
               "\"enqueue_jobs_per_s\":%.1f,\"process_s\":%.4f,\"jobs_per_s\":%.1f,"
               "\"wall_ms_per_job\":%.4f,\"worker_ms_per_job\":%.4f}\n",
               r->run_id, njobs, nw, (long long)c->passed, t_enq, (double)njobs / t_enq, t_work,
               (double)njobs / t_work, per_ms, per_ms * (nw > 0 ? nw : 1));
    else
        printf("%zu no-op jobs: enqueue %.3f s (%.0f jobs/s); processed in %.3f s by %d worker%s "
               "(%.0f jobs/s, %.3f ms/job wall, %.3f ms/job per worker); %lld passed\n",
               njobs, t_enq, (double)njobs / t_enq, t_work, nw, nw == 1 ? "" : "s", (double)njobs / t_work,
               per_ms, per_ms * (nw > 0 ? nw : 1), (long long)c->passed);
}

/* The run's params: {"course", "modules", "deps", "workers", "sandboxed", "limits"}. */
static char *run_params(const batch_opts *o, const char *course_dir, size_t njobs, const tito_run *r,
                        const tito_limits_req *run_limits)
{
    tito_buf p = {0};
    tito_json *cs = course_dir ? tito_json_new_string(course_dir) : tito_json_new_null();
    tito_buf_puts(&p, "{\"course\":");
    tito_json_write(&p, cs, 0);
    tito_json_free(cs);
    tito_buf_printf(&p, ",\"modules\":%zu,\"deps\":\"%s\",\"workers\":%d,\"sandboxed\":%s%s,\"limits\":", njobs,
                    o->deps_own ? "own" : "solution", r->nworkers, r->sandbox ? "true" : "false",
                    o->noop ? ",\"noop\":true" : "");
    tito_json *lj = tito_limits_req_to_json(run_limits);
    if (!lj || tito_json_write(&p, lj, 0) < 0)
        p.failed = 1;
    tito_json_free(lj);
    tito_buf_puts(&p, "}");
    if (p.failed) {
        tito_buf_dispose(&p);
        return NULL;
    }
    return p.ptr;
}

int tito_cmd_batch(int argc, char **argv)
{
    batch_opts o;
    int done = 0, rc = parse_args(&o, argc, argv, &done);
    if (rc || done)
        return rc;
    int status = TITO_EXIT_ENV;
    tito_error err = TITO_ERROR_INIT;
    tito_run r;
    tito_course *course = NULL;
    char *course_dir = NULL, *params = NULL;
    bjob *jobs = NULL;
    size_t njobs = 0, nsel = 0, *sel = NULL;
    char course_sha[65] = "", deps_sha[65] = "";
    tito_limits_req run_limits = TITO_LIMITS_REQ_INIT;
    static tito_module_info noop_module = {"00", "noop", NULL, NULL, NULL, NULL};
    const char *nc = getenv("NO_COLOR");
    int color = isatty(1) && !(nc && nc[0]) && !o.f.json;
    double t_enq = 0, t_work = 0;

    tito_run_init(&r, "batch", &o.f);
    r.lease_ms = o.lease_ms;

    /* The course and the modules FROM..TO. */
    if (!o.noop) {
        if ((status = tito_run_open_course(&course, &course_dir, &sel, &nsel, "batch", o.f.course, o.from, o.to)) != 0)
            goto cleanup;
        status = TITO_EXIT_ENV;
        if (!(jobs = calloc(nsel, sizeof(*jobs))))
            goto oom;
        for (size_t i = 0; i < nsel; i++)
            jobs[njobs++].m = tito_course_module_at(course, sel[i]);
    } else {
        njobs = (size_t)o.noop;
        if (!(jobs = calloc(njobs, sizeof(*jobs))))
            goto oom;
        for (size_t i = 0; i < njobs; i++)
            jobs[i].m = &noop_module;
    }
    for (size_t i = 0; i < njobs; i++)
        jobs[i].student = "";

    /* Services; limits first: a typo in a course's tito.ini is a usage
     * error, not a run of failed jobs. */
    if ((status = tito_run_setup(&r, &o.f, o.noop ? NULL : course_dir, jobs, njobs, &run_limits, o.f.workers)) != 0)
        goto cleanup;
    status = TITO_EXIT_ENV;

    /* The run, its artifacts and its jobs. */
    if (!(params = run_params(&o, course_dir, njobs, &r, &run_limits)))
        goto oom;
    if ((rc = tito_run_create(&r, "batch", params)) != 0) {
        status = rc;
        goto cleanup;
    }
    for (size_t i = 0; i < njobs; i++) {
        if (o.noop)
            snprintf(jobs[i].id, sizeof(jobs[i].id), "r%s-noop-%zu", r.run_id, i);
        else
            snprintf(jobs[i].id, sizeof(jobs[i].id), "r%s-%s", r.run_id, jobs[i].m->name);
        snprintf(jobs[i].status, sizeof(jobs[i].status), "queued");
    }
    if (!o.f.json && !o.f.quiet)
        fprintf(r.msg, "tito batch: run %s: %zu %s%s, %d worker%s%s\n", r.run_id, njobs,
                o.noop ? "no-op job" : "module", njobs == 1 ? "" : "s", r.nworkers, r.nworkers == 1 ? "" : "s",
                o.noop ? "" : o.deps_own ? ", deps own" : ", deps solution");
    if (!o.noop && ((rc = tito_run_course_bundle(&r, course_sha, course, &err)) < 0 ||
                    (!o.deps_own && (rc = tito_run_reference_package(&r, deps_sha, course, &err)) < 0)))
        goto fail_run_msg;

    tito_run_catch_signals(&r);
    double te = tito_run_now();
    own_ctx oc = {course_sha, course ? tito_course_lib_name(course) : NULL};
    if (!o.deps_own)
        rc = enqueue_all(&r, jobs, njobs, (int)(o.noop > 0), course_sha, deps_sha, &err);
    else
        rc = advance_own(&r, jobs, njobs, &oc, &err);
    if (rc < 0)
        goto fail_run_msg;
    t_enq = tito_run_now() - te;

    double tw = tito_run_now();
    /* Follow the run until every job is final. */
    rc = tito_run_work(&r, jobs, njobs, njobs <= 2000, o.deps_own ? advance_own : NULL, &oc, &err);
    if (rc == TITO_ERROR)
        goto fail_run; /* said */
    if (rc < 0)
        goto fail_run_msg;
    t_work = tito_run_now() - tw;
    double elapsed = tito_run_now() - r.t0;

    if (tito_run_interrupted) {
        tito_run_cancel(&r, jobs, njobs);
        status = 130;
        goto cleanup;
    }

    int all_passed = 1;
    if (o.noop) {
        tito_run_counts c;
        if (tito_store_run_counts(r.st, &c, r.run_id, &err) < 0) {
            fprintf(stderr, "tito batch: %s\n", err.message);
            goto cleanup;
        }
        all_passed = c.passed == (int64_t)njobs;
        print_noop(&r, &c, njobs, o.f.json, t_enq, t_work);
    } else {
        int werr = write_back(r.st, course, jobs, njobs, r.msg);
        if (o.log_dir)
            werr |= write_logs(r.st, o.log_dir, jobs, njobs, r.msg);
        for (size_t i = 0; i < njobs; i++)
            all_passed &= !strcmp(jobs[i].status, "passed");
        if (o.f.json) {
            tito_json *j = report_json(r.run_id, course_dir, jobs, njobs, elapsed, r.nworkers, o.deps_own,
                                       r.sandbox);
            if (!j || tito_cli__print_json(j, "batch") != 0)
                goto cleanup;
        } else {
            summary_table(stdout, jobs, njobs, elapsed, r.nworkers, o.deps_own, color);
        }
        if (werr)
            all_passed = 0;
    }
    tito_run_finish(&r, all_passed ? "passed" : "failed");
    status = all_passed ? TITO_EXIT_OK : TITO_EXIT_FAILED;
    goto cleanup;

oom:
    rc = tito_error_set(&err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
fail_run_msg:
    status = tito_run_fail(&r, rc, &err);
    goto cleanup;
fail_run:
    status = tito_run_fail(&r, rc, NULL);
cleanup:
    tito_run_dispose(&r);
    tito_run_jobs_dispose(jobs, njobs);
    free(jobs);
    tito_course_free(course);
    free(course_dir);
    free(sel);
    free(params);
    return status;
}
