/* Query commands over PostgreSQL (and Redis for status/reconcile):
 * `tito runs [reconcile]`, `tito results`, `tito logs JOB`, `tito status`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_data.h"
#include "commands.h"
#include "queue/queue.h"
#include "services/services.h"
#include "store/store.h"

/* Parsed flags common to the query commands. */
typedef struct qopts {
    tito_cli_conn conn;
    int json, csv, limit, attempt;
    const char *run, *module, *student, *stream;
    const char *pos[4];
    int npos;
} qopts;

/* Returns 0 to continue, or an exit status (help printed -> 0 via *done). */
static int parse(qopts *o, int argc, char **argv, const char *cmd, void (*usage)(FILE *), int *done)
{
    memset(o, 0, sizeof(*o));
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int f = tito_cli__conn_flag(&o->conn, argc, argv, &i);
        if (f < 0)
            goto missing;
        if (f)
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            *done = 1;
            return 0;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--csv")) {
            o->csv = 1;
        } else if (!strcmp(a, "--run") || !strcmp(a, "--module") || !strcmp(a, "--student") ||
                   !strcmp(a, "--stream") || !strcmp(a, "--limit") || !strcmp(a, "--attempt")) {
            if (i + 1 >= argc)
                goto missing;
            const char *v = argv[++i];
            if (!strcmp(a, "--run"))
                o->run = v;
            else if (!strcmp(a, "--module"))
                o->module = v;
            else if (!strcmp(a, "--student"))
                o->student = v;
            else if (!strcmp(a, "--stream"))
                o->stream = v;
            else if (!strcmp(a, "--limit"))
                o->limit = atoi(v);
            else
                o->attempt = atoi(v);
        } else if (a[0] != '-' && o->npos < 4) {
            o->pos[o->npos++] = a;
        } else {
            fprintf(stderr, "tito %s: unexpected argument '%s' (see --help)\n", cmd, a);
            return TITO_EXIT_USAGE;
        }
        continue;
missing:
        fprintf(stderr, "tito %s: %s needs a value\n", cmd, a);
        return TITO_EXIT_USAGE;
    }
    if (o->json && o->csv) {
        fprintf(stderr, "tito %s: --json and --csv are exclusive\n", cmd);
        return TITO_EXIT_USAGE;
    }
    return 0;
}

static int open_services(tito_store **st, tito_queue **q, const qopts *o, const char *cmd)
{
    tito_config *cfg = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_cli__config(&cfg, &o->conn, cmd);
    if (rc)
        return rc;
    rc = tito_services_connect(st, q, cfg, NULL, &err);
    tito_config_free(cfg);
    if (rc < 0) {
        fprintf(stderr, "tito %s: %s\n", cmd, err.message);
        return TITO_EXIT_ENV;
    }
    return 0;
}

static int fail(const char *cmd, int code, const tito_error *err)
{
    fprintf(stderr, "tito %s: %s\n", cmd, err->message);
    return tito_cli__exit_for(code);
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* --- tito runs ----------------------------------------------------------- */

static void runs_usage(FILE *f)
{
    fprintf(f,
            "usage: tito runs [--limit N] [--json]\n"
            "       tito runs reconcile [--run ID]\n"
            "\n"
            "Lists runs, newest first, with their job counts. `reconcile` re-enqueues the jobs\n"
            "PostgreSQL holds as queued or running but that no Redis stream holds (after a Redis\n"
            "loss); a job enqueued twice is harmless (results are idempotent per attempt).\n"
            "Connection: --redis URL, --db URL, --state-dir DIR (else TITO_* / tito.ini / embedded).\n");
}

static int reconcile(const qopts *o)
{
    tito_store *st = NULL;
    tito_queue *q = NULL;
    tito_error err = TITO_ERROR_INIT;
    size_t n = 0, missing = 0;
    int rc;

    if ((rc = open_services(&st, &q, o, "runs reconcile")) != 0)
        return rc;
    if ((rc = tito_services_reconcile(&missing, &n, st, q, o->run, &err)) < 0) {
        rc = fail("runs reconcile", rc, &err);
        goto cleanup;
    }
    if (o->json) {
        tito_json *out = tito_json_new_object();
        if (out) {
            tito_json_object_set(out, "unfinished", tito_json_new_int((int64_t)n));
            tito_json_object_set(out, "in_stream", tito_json_new_int((int64_t)(n - missing)));
            tito_json_object_set(out, "reenqueued", tito_json_new_int((int64_t)missing));
        }
        rc = tito_cli__print_json(out, "runs reconcile");
    } else {
        printf("%zu unfinished job%s; %zu already in the queue; re-enqueued %zu\n", n,
               n == 1 ? "" : "s", n - missing, missing);
        rc = 0;
    }
cleanup:
    tito_queue_free(q);
    tito_store_free(st);
    return rc;
}

int tito_cmd_runs(int argc, char **argv)
{
    static const char *const ints[] = {"total", "queued", "running", "passed", "failed", "other", NULL};
    tito_store *st = NULL;
    tito_rows *rows = NULL;
    tito_error err = TITO_ERROR_INIT;
    qopts o;
    int done, rc;

    if ((rc = parse(&o, argc, argv, "runs", runs_usage, &done)) != 0 || done)
        return rc;
    if (o.npos == 1 && !strcmp(o.pos[0], "reconcile"))
        return reconcile(&o);
    if (o.npos) {
        fprintf(stderr, "tito runs: unknown subcommand '%s' (see --help)\n", o.pos[0]);
        return TITO_EXIT_USAGE;
    }
    if ((rc = open_services(&st, NULL, &o, "runs")) != 0)
        return rc;
    if ((rc = tito_store_query_runs(st, &rows, o.limit > 0 ? (size_t)o.limit : 0, &err)) < 0) {
        rc = fail("runs", rc, &err);
        goto cleanup;
    }
    size_t n = tito_rows_count(rows);
    if (o.json) {
        tito_json *arr = tito_json_new_array();
        for (size_t i = 0; arr && i < n; i++)
            tito_json_array_append(arr, tito_cli__row_json(rows, i, ints, NULL));
        rc = tito_cli__print_json(arr, "runs");
    } else if (o.csv) {
        for (size_t c = 0; c < tito_rows_ncols(rows); c++)
            tito_cli__csv_field(stdout, tito_rows_colname(rows, c), c + 1 < tito_rows_ncols(rows) ? ',' : '\n');
        for (size_t i = 0; i < n; i++)
            for (size_t c = 0; c < tito_rows_ncols(rows); c++)
                tito_cli__csv_field(stdout, tito_rows_get(rows, i, c), c + 1 < tito_rows_ncols(rows) ? ',' : '\n');
    } else if (n == 0) {
        printf("no runs yet\n");
    } else {
        printf("%-6s %-8s %-10s %-20s %-20s %6s %6s %7s %6s %6s %6s\n", "RUN", "KIND", "STATUS",
               "CREATED", "FINISHED", "JOBS", "QUEUED", "RUNNING", "PASSED", "FAILED", "OTHER");
        for (size_t i = 0; i < n; i++)
            printf("%-6s %-8s %-10s %-20s %-20s %6s %6s %7s %6s %6s %6s\n", tito_rows_getn(rows, i, "id"),
                   tito_rows_getn(rows, i, "kind"), tito_rows_getn(rows, i, "status"),
                   nz(tito_rows_getn(rows, i, "created_at")), nz(tito_rows_getn(rows, i, "finished_at")),
                   tito_rows_getn(rows, i, "total"), tito_rows_getn(rows, i, "queued"),
                   tito_rows_getn(rows, i, "running"), tito_rows_getn(rows, i, "passed"),
                   tito_rows_getn(rows, i, "failed"), tito_rows_getn(rows, i, "other"));
    }
cleanup:
    tito_rows_free(rows);
    tito_store_free(st);
    return rc;
}

/* --- tito results -------------------------------------------------------- */

static void results_usage(FILE *f)
{
    fprintf(f,
            "usage: tito results [--run ID|last] [--module NN] [--student S] [--json|--csv]\n"
            "\n"
            "Results with per-test outcomes. Without --run: the latest result of every\n"
            "(student, module) across runs; --run last: the most recent run. --module takes\n"
            "01_tensor, 01 or 1. --json prints an array of jobs with a \"tests\" array; --csv\n"
            "one row per test (jobs without tests get one row with empty test columns).\n");
}

static const char *const RES_INTS[] = {"attempts", "exit_code", "tests_passed", "tests_total", NULL};
static const char *const RES_NUMS[] = {"duration_ms", "points", "max_points", NULL};

/* The recorded attempt's sandboxed flag and limits as JSON values, not text. */
static void typed_attempt_fields(tito_json *j)
{
    const char *sb = tito_json_get_string(j, "sandboxed");
    if (sb)
        tito_json_object_set(j, "sandboxed", tito_json_new_bool(!strcmp(sb, "t")));
    const char *lim = tito_json_get_string(j, "limits");
    tito_json *parsed = NULL;
    if (lim && tito_json_parse(&parsed, lim, strlen(lim), NULL) == 0)
        tito_json_object_set(j, "limits", parsed);
}

int tito_cmd_results(int argc, char **argv)
{
    tito_store *st = NULL;
    tito_rows *jobs = NULL, *tests = NULL;
    tito_error err = TITO_ERROR_INIT;
    char *last = NULL;
    qopts o;
    int done, rc;

    if ((rc = parse(&o, argc, argv, "results", results_usage, &done)) != 0 || done)
        return rc;
    if (o.npos) {
        fprintf(stderr, "tito results: unexpected argument '%s' (see --help)\n", o.pos[0]);
        return TITO_EXIT_USAGE;
    }
    if ((rc = open_services(&st, NULL, &o, "results")) != 0)
        return rc;
    tito_results_filter f = TITO_RESULTS_FILTER_INIT;
    f.run_id = o.run;
    f.module = o.module;
    f.student = o.student;
    if (o.run && !strcmp(o.run, "last")) {
        if ((rc = tito_store_run_last(st, &last, &err)) < 0) {
            rc = fail("results", rc, &err);
            goto cleanup;
        }
        f.run_id = last;
    }
    if ((rc = tito_store_query_results(st, &jobs, &f, &err)) < 0 ||
        (rc = tito_store_query_tests(st, &tests, &f, &err)) < 0) {
        rc = fail("results", rc, &err);
        goto cleanup;
    }
    size_t nj = tito_rows_count(jobs), nt = tito_rows_count(tests), t = 0;
    /* Both are ordered by (student, module, job id) with the same filter, so
     * the tests of job i are the next run of rows with its id: a merge. */
    if (o.json) {
        static const char *const tnums[] = {"duration_ms", "points", "max_points", NULL};
        tito_json *arr = tito_json_new_array();
        for (size_t i = 0; arr && i < nj; i++) {
            tito_json *j = tito_cli__row_json(jobs, i, RES_INTS, RES_NUMS), *ta = tito_json_new_array();
            const char *id = tito_rows_getn(jobs, i, "job_id");
            for (; t < nt && !strcmp(tito_rows_getn(tests, t, "job_id"), id); t++) {
                tito_json *tj = tito_cli__row_json(tests, t, NULL, tnums);
                if (tj) {
                    tito_json_object_remove(tj, "job_id");
                    tito_json_object_remove(tj, "student");
                    tito_json_object_remove(tj, "module");
                }
                if (ta)
                    tito_json_array_append(ta, tj);
                else
                    tito_json_free(tj);
            }
            if (j)
                typed_attempt_fields(j);
            if (j && ta)
                tito_json_object_set(j, "tests", ta);
            else
                tito_json_free(ta);
            tito_json_array_append(arr, j);
        }
        rc = tito_cli__print_json(arr, "results");
        goto cleanup;
    }
    if (o.csv) {
        printf("run_id,student,module,job_id,status,attempts,duration_ms,tests_passed,tests_total,"
               "points,max_points,error,test,outcome,test_duration_ms,test_points,test_max_points,"
               "message\n");
        for (size_t i = 0; i < nj; i++) {
            const char *id = tito_rows_getn(jobs, i, "job_id");
            static const char *const jc[] = {"run_id", "student", "module", "job_id", "status",
                                             "attempts", "duration_ms", "tests_passed", "tests_total",
                                             "points", "max_points", "error"};
            size_t k0 = t;
            while (t < nt && !strcmp(tito_rows_getn(tests, t, "job_id"), id))
                t++;
            for (size_t k = k0; k < t || k == k0; k++) {
                int match = k < t;
                for (size_t c = 0; c < sizeof(jc) / sizeof(jc[0]); c++)
                    tito_cli__csv_field(stdout, tito_rows_getn(jobs, i, jc[c]), ',');
                tito_cli__csv_field(stdout, match ? tito_rows_getn(tests, k, "name") : NULL, ',');
                tito_cli__csv_field(stdout, match ? tito_rows_getn(tests, k, "outcome") : NULL, ',');
                tito_cli__csv_field(stdout, match ? tito_rows_getn(tests, k, "duration_ms") : NULL, ',');
                tito_cli__csv_field(stdout, match ? tito_rows_getn(tests, k, "points") : NULL, ',');
                tito_cli__csv_field(stdout, match ? tito_rows_getn(tests, k, "max_points") : NULL, ',');
                tito_cli__csv_field(stdout, match ? tito_rows_getn(tests, k, "message") : NULL, '\n');
                if (!match)
                    break;
            }
        }
        rc = 0;
        goto cleanup;
    }
    if (nj == 0) {
        printf("no results%s\n", f.run_id ? " for this run" : " yet");
        rc = 0;
        goto cleanup;
    }
    int students = 0;
    for (size_t i = 0; i < nj; i++)
        students |= nz(tito_rows_getn(jobs, i, "student"))[0] != 0;
    if (students)
        printf("%-16s ", "STUDENT");
    printf("%-24s %-13s %7s %9s %10s  %s\n", "MODULE", "STATUS", "TESTS", "POINTS", "TIME", "JOB");
    for (size_t i = 0; i < nj; i++) {
        const char *id = tito_rows_getn(jobs, i, "job_id"), *dur = tito_rows_getn(jobs, i, "duration_ms");
        char tests_s[32], pts[48], time_s[32];
        snprintf(tests_s, sizeof(tests_s), "%s/%s", tito_rows_getn(jobs, i, "tests_passed"),
                 tito_rows_getn(jobs, i, "tests_total"));
        snprintf(pts, sizeof(pts), "%g/%g", strtod(tito_rows_getn(jobs, i, "points"), NULL),
                 strtod(tito_rows_getn(jobs, i, "max_points"), NULL));
        if (dur)
            snprintf(time_s, sizeof(time_s), "%.1fs", strtod(dur, NULL) / 1000);
        else
            snprintf(time_s, sizeof(time_s), "-");
        if (students)
            printf("%-16s ", nz(tito_rows_getn(jobs, i, "student")));
        printf("%-24s %-13s %7s %9s %10s  %s\n", tito_rows_getn(jobs, i, "module"),
               tito_rows_getn(jobs, i, "status"), tests_s, pts, time_s, id);
        const char *e = tito_rows_getn(jobs, i, "error");
        if (e && *e)
            printf("    %.*s\n", (int)strcspn(e, "\n"), e);
        for (; t < nt && !strcmp(tito_rows_getn(tests, t, "job_id"), id); t++) {
            const char *oc = tito_rows_getn(tests, t, "outcome"), *msg = tito_rows_getn(tests, t, "message");
            printf("    %-7s %s", !strcmp(oc, "passed") ? "ok" : oc, tito_rows_getn(tests, t, "name"));
            if (msg && *msg && strcmp(oc, "passed"))
                printf(": %.*s", (int)(strcspn(msg, "\n") < 100 ? strcspn(msg, "\n") : 100), msg);
            printf("\n");
        }
    }
    rc = 0;
cleanup:
    free(last);
    tito_rows_free(jobs);
    tito_rows_free(tests);
    tito_store_free(st);
    return rc;
}

/* --- tito logs ----------------------------------------------------------- */

static void logs_usage(FILE *f)
{
    fprintf(f, "usage: tito logs JOB [--attempt N] [--stream log|stdout|stderr|...] [--json]\n"
               "\n"
               "Prints the stored logs of a job (JOB: its id or a unique prefix), by default of\n"
               "its latest attempt. With --stream, only that stream's raw content.\n");
}

int tito_cmd_logs(int argc, char **argv)
{
    tito_store *st = NULL;
    tito_rows *rows = NULL;
    tito_error err = TITO_ERROR_INIT;
    qopts o;
    int done, rc;

    if ((rc = parse(&o, argc, argv, "logs", logs_usage, &done)) != 0 || done)
        return rc;
    if (o.npos != 1) {
        logs_usage(stderr);
        return TITO_EXIT_USAGE;
    }
    if ((rc = open_services(&st, NULL, &o, "logs")) != 0)
        return rc;
    if ((rc = tito_store_query_logs(st, &rows, o.pos[0], o.attempt, &err)) < 0) {
        rc = fail("logs", rc, &err);
        goto cleanup;
    }
    size_t n = tito_rows_count(rows);
    if (o.json) {
        static const char *const ints[] = {"attempt", NULL};
        tito_json *arr = tito_json_new_array();
        for (size_t i = 0; arr && i < n; i++)
            if (!o.stream || !strcmp(o.stream, tito_rows_getn(rows, i, "stream")))
                tito_json_array_append(arr, tito_cli__row_json(rows, i, ints, NULL));
        rc = tito_cli__print_json(arr, "logs");
        goto cleanup;
    }
    if (n == 0) {
        fprintf(stderr, "tito logs: job %s has no logs yet\n", o.pos[0]);
        rc = TITO_EXIT_FAILED;
        goto cleanup;
    }
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        const char *stream = tito_rows_getn(rows, i, "stream"), *c = nz(tito_rows_getn(rows, i, "content"));
        if (o.stream && strcmp(o.stream, stream))
            continue;
        if (!o.stream)
            printf("==> %s (job %s, attempt %s) <==\n", stream, tito_rows_getn(rows, i, "job_id"),
                   tito_rows_getn(rows, i, "attempt"));
        fputs(c, stdout);
        if (*c && c[strlen(c) - 1] != '\n')
            fputc('\n', stdout);
        shown++;
    }
    if (!shown) {
        fprintf(stderr, "tito logs: no stream '%s' for job %s\n", o.stream, o.pos[0]);
        rc = TITO_EXIT_USAGE;
    }
cleanup:
    tito_rows_free(rows);
    tito_store_free(st);
    return rc;
}

/* --- tito status --------------------------------------------------------- */

static void status_usage(FILE *f)
{
    fprintf(f, "usage: tito status [--json]\n"
               "\n"
               "Queue depth (waiting), pending (delivered, not acked), dead letters, job counts,\n"
               "runs in progress and the workers seen in the last 30 s.\n");
}

int tito_cmd_status(int argc, char **argv)
{
    static const char *const ints[] = {"queued", "running", "finished", "dead", "dead_letters",
                                       "runs_running", "pid", "age_s", NULL};
    tito_store *st = NULL;
    tito_queue *q = NULL;
    tito_rows *counts = NULL, *workers = NULL;
    tito_queue_stats qs;
    tito_error err = TITO_ERROR_INIT;
    qopts o;
    int done, rc;

    if ((rc = parse(&o, argc, argv, "status", status_usage, &done)) != 0 || done)
        return rc;
    if ((rc = open_services(&st, &q, &o, "status")) != 0)
        return rc;
    if ((rc = tito_queue_stats_get(q, &qs, &err)) < 0 ||
        (rc = tito_store_query_status(st, &counts, &err)) < 0 ||
        (rc = tito_store_query_workers(st, &workers, 30, &err)) < 0) {
        rc = fail("status", rc, &err);
        goto cleanup;
    }
    size_t nw = tito_rows_count(workers);
    if (o.json) {
        tito_json *out = tito_json_new_object(), *qj = tito_json_new_object(), *wa = tito_json_new_array();
        if (!out || !qj || !wa) {
            tito_json_free(out);
            tito_json_free(qj);
            tito_json_free(wa);
            rc = tito_cli__print_json(NULL, "status");
            goto cleanup;
        }
        tito_json_object_set(qj, "length", tito_json_new_int(qs.length));
        tito_json_object_set(qj, "waiting", tito_json_new_int(qs.waiting));
        tito_json_object_set(qj, "pending", tito_json_new_int(qs.pending));
        tito_json_object_set(qj, "dead", tito_json_new_int(qs.dead));
        tito_json_object_set(qj, "consumers", tito_json_new_int(qs.consumers));
        tito_json_object_set(out, "queue", qj);
        tito_json_object_set(out, "jobs", tito_cli__row_json(counts, 0, ints, NULL));
        for (size_t i = 0; i < nw; i++)
            tito_json_array_append(wa, tito_cli__row_json(workers, i, ints, NULL));
        tito_json_object_set(out, "workers_alive", tito_json_new_int((int64_t)nw));
        tito_json_object_set(out, "workers", wa);
        rc = tito_cli__print_json(out, "status");
        goto cleanup;
    }
    printf("queue:   %lld waiting, %lld pending (delivered, not acked), %lld dead-lettered\n",
           (long long)qs.waiting, (long long)qs.pending, (long long)qs.dead);
    printf("jobs:    %s queued, %s running, %s finished, %s dead (%s dead letters)\n",
           tito_rows_getn(counts, 0, "queued"), tito_rows_getn(counts, 0, "running"),
           tito_rows_getn(counts, 0, "finished"), tito_rows_getn(counts, 0, "dead"),
           tito_rows_getn(counts, 0, "dead_letters"));
    printf("runs:    %s in progress\n", tito_rows_getn(counts, 0, "runs_running"));
    printf("workers: %zu alive\n", nw);
    for (size_t i = 0; i < nw; i++)
        printf("  %-32s %-20s pid %-7s %s  seen %ss ago\n", tito_rows_getn(workers, i, "id"),
               tito_rows_getn(workers, i, "host"), tito_rows_getn(workers, i, "pid"),
               tito_rows_getn(workers, i, "version"), tito_rows_getn(workers, i, "age_s"));
    rc = 0;
cleanup:
    tito_rows_free(counts);
    tito_rows_free(workers);
    tito_queue_free(q);
    tito_store_free(st);
    return rc;
}
