/* tito_store against a real PostgreSQL started by the fixture. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TITO_SVC_FIXTURE_MAIN
#include "../support/svc_fixture.h"
#include "job/result.h"
#include "store/store.h"


static tito_services_info info;
static tito_store *st;
static tito_error err = TITO_ERROR_INIT;

static void setup(void)
{
    svc_fixture_start(&info);
    cr_assert_eq(tito_store_new(&st, info.database_url, &err), 0, "%s", err.message);
}

static void teardown(void)
{
    tito_store_free(st);
    st = NULL;
}

TestSuite(store, .init = setup, .fini = teardown, .timeout = 120);

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A run with n jobs "<prefix>-<i>" for module "01_tensor". */
static char *make_run(char ids[][64], size_t n)
{
    char *run = NULL, prefix[40];
    cr_assert_eq(tito_store_run_create(st, &run, "test", "{\"from\": 1}", &err), 0, "%s", err.message);
    svc_fixture_unique(prefix, sizeof(prefix), "j");
    tito_job_row *rows = calloc(n ? n : 1, sizeof(*rows));
    for (size_t i = 0; i < n; i++) {
        snprintf(ids[i], 64, "%s-%zu", prefix, i);
        rows[i].id = ids[i];
        rows[i].student = "alice";
        rows[i].module = "01_tensor";
        rows[i].spec_json = "{\"kind\": \"complete\"}";
    }
    cr_assert_eq(tito_store_jobs_insert(st, run, rows, n, &err), 0, "%s", err.message);
    free(rows);
    return run;
}

Test(store, migrate_twice_is_a_noop)
{
    int applied = -1;
    cr_assert_eq(tito_store_migrate(st, &applied, &err), 0, "%s", err.message);
    cr_assert_eq(applied, 0);
    cr_assert_eq(tito_store_migrate(st, &applied, &err), 0, "%s", err.message);
    cr_assert_eq(applied, 0);
}

Test(store, migrate_from_four_processes_at_once)
{
    char db[64], cmd[8400], conn[4400];
    svc_fixture_unique(db, sizeof(db), "mig");
    for (char *p = db; *p; p++)
        if (*p == '-')
            *p = '_';
    snprintf(cmd, sizeof(cmd), "psql -q '%s' -c 'CREATE DATABASE %s' >/dev/null", info.database_url, db);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    snprintf(conn, sizeof(conn), "%s", info.database_url);
    char *d = strstr(conn, "dbname=tito");
    cr_assert_not_null(d);
    snprintf(d, sizeof(conn) - (size_t)(d - conn), "dbname=%s user=tito", db);

    pid_t kids[4];
    for (int i = 0; i < 4; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            tito_store *s = NULL;
            tito_error e = TITO_ERROR_INIT;
            int applied = 0;
            if (tito_store_new(&s, conn, &e) < 0 || tito_store_migrate(s, &applied, &e) < 0) {
                fprintf(stderr, "child: %s\n", e.message);
                _exit(100);
            }
            tito_store_free(s);
            _exit(applied);
        }
    }
    int total = 0;
    for (int i = 0; i < 4; i++) {
        int status;
        waitpid(kids[i], &status, 0);
        cr_assert(WIFEXITED(status));
        cr_assert_neq(WEXITSTATUS(status), 100, "a concurrent migrate failed");
        total += WEXITSTATUS(status);
    }
    cr_assert_geq(total, 1);
    /* Each migration applied exactly once overall; a fifth run applies none. */
    tito_store *s = NULL;
    int applied = -1;
    cr_assert_eq(tito_store_new(&s, conn, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_migrate(s, &applied, &err), 0, "%s", err.message);
    cr_assert_eq(applied, 0);
    tito_store_free(s);
    /* Together they applied each migration file exactly once. */
    const char *src = getenv("TITO_SOURCE_DIR");
    if (src) {
        char ls[4200];
        snprintf(ls, sizeof(ls), "ls '%s'/schema/[0-9]*.sql | wc -l", src);
        FILE *p = popen(ls, "r");
        int nfiles = -1;
        cr_assert_eq(fscanf(p, "%d", &nfiles), 1);
        pclose(p);
        cr_assert_eq(total, nfiles);
    }
}

Test(store, artifact_round_trip)
{
    char sha[65];
    const char data[] = "abc";
    cr_assert_eq(tito_store_artifact_put(st, sha, data, 3, &err), 0, "%s", err.message);
    cr_assert_str_eq(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* binary with NULs, stored twice */
    unsigned char blob[1000];
    for (size_t i = 0; i < sizeof(blob); i++)
        blob[i] = (unsigned char)(i * 7);
    cr_assert_eq(tito_store_artifact_put(st, sha, blob, sizeof(blob), &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_artifact_put(st, sha, blob, sizeof(blob), &err), 0, "%s", err.message);
    void *got = NULL;
    size_t len = 0;
    cr_assert_eq(tito_store_artifact_get(st, &got, &len, sha, &err), 0, "%s", err.message);
    cr_assert_eq(len, sizeof(blob));
    cr_assert_eq(memcmp(got, blob, len), 0);
    free(got);
    int exists = 0;
    cr_assert_eq(tito_store_artifact_exists(st, &exists, sha, &err), 0);
    cr_assert_eq(exists, 1);
    cr_assert_eq(tito_store_artifact_get(st, &got, &len,
                                         "0000000000000000000000000000000000000000000000000000000000000000", &err),
                 TITO_ENOTFOUND);
    cr_assert_null(got);
}

static tito_result *sample_result(void)
{
    tito_result *r = NULL;
    cr_assert_eq(tito_result_new(&r), 0);
    r->outcome = TITO_OUTCOME_FAILED;
    r->message = strdup("1 of 2 tests failed");
    r->exit_code = 1;
    r->duration_ms = 1234.5;
    r->log = strdup("converting...\nbad bytes: \xff\xfe end\n");
    r->sandboxed = 1;
    cr_assert_eq(tito_result_add_test(r, "test_unit_a", TITO_OUTCOME_PASSED, 10.5, NULL, 1, 1), 0);
    cr_assert_eq(tito_result_add_test(r, "test_unit_b", TITO_OUTCOME_FAILED, 3, "assert \"x\" == {1,2}\\", 0, 2), 0);
    return r;
}

Test(store, result_write_is_idempotent_per_attempt)
{
    char ids[1][64];
    char *run = make_run(ids, 1);
    int attempt = 0, already = -1;
    cr_assert_eq(tito_store_job_start(st, &attempt, ids[0], "w1", &err), 0, "%s", err.message);
    cr_assert_eq(attempt, 1);

    tito_result *r = sample_result();
    tito_store_log extra[] = {{"stderr", "Traceback..."}};
    tito_store_attempt a = TITO_STORE_ATTEMPT_INIT;
    a.job_id = ids[0];
    a.attempt = attempt;
    a.worker = "w1";
    a.logs = extra;
    a.nlogs = 1;
    cr_assert_eq(tito_store_result_record(st, &already, &a, r, &err), 0, "%s", err.message);
    cr_assert_eq(already, 0);
    cr_assert_eq(tito_store_result_record(st, &already, &a, r, &err), 0, "%s", err.message);
    cr_assert_eq(already, 1);

    /* redelivery after commit: job_start says final */
    cr_assert_eq(tito_store_job_start(st, &attempt, ids[0], "w2", &err), TITO_ECONFLICT);

    tito_results_filter f = TITO_RESULTS_FILTER_INIT;
    f.run_id = run;
    tito_rows *rows = NULL;
    cr_assert_eq(tito_store_query_results(st, &rows, &f, &err), 0, "%s", err.message);
    cr_assert_eq(tito_rows_count(rows), 1);
    cr_assert_str_eq(tito_rows_getn(rows, 0, "status"), "failed");
    cr_assert_str_eq(tito_rows_getn(rows, 0, "tests_passed"), "1");
    cr_assert_str_eq(tito_rows_getn(rows, 0, "tests_total"), "2");
    cr_assert_str_eq(tito_rows_getn(rows, 0, "max_points"), "3");
    cr_assert_str_eq(tito_rows_getn(rows, 0, "error"), "1 of 2 tests failed");
    tito_rows_free(rows);

    f.module = "1";
    cr_assert_eq(tito_store_query_tests(st, &rows, &f, &err), 0, "%s", err.message);
    cr_assert_eq(tito_rows_count(rows), 2);
    cr_assert_str_eq(tito_rows_getn(rows, 0, "name"), "test_unit_a");
    cr_assert_str_eq(tito_rows_getn(rows, 1, "outcome"), "failed");
    cr_assert_str_eq(tito_rows_getn(rows, 1, "message"), "assert \"x\" == {1,2}\\");
    tito_rows_free(rows);

    f.module = "02";
    cr_assert_eq(tito_store_query_tests(st, &rows, &f, &err), 0, "%s", err.message);
    cr_assert_eq(tito_rows_count(rows), 0);
    tito_rows_free(rows);

    cr_assert_eq(tito_store_query_logs(st, &rows, ids[0], 0, &err), 0, "%s", err.message);
    cr_assert_eq(tito_rows_count(rows), 2);
    cr_assert_str_eq(tito_rows_getn(rows, 0, "stream"), "log");
    cr_assert_not_null(strstr(tito_rows_getn(rows, 0, "content"), "bad bytes: \xef\xbf\xbd\xef\xbf\xbd end"));
    cr_assert_str_eq(tito_rows_getn(rows, 1, "stream"), "stderr");
    tito_rows_free(rows);

    tito_run_counts c;
    cr_assert_eq(tito_store_run_counts(st, &c, run, &err), 0, "%s", err.message);
    cr_assert_eq(c.total, 1);
    cr_assert_eq(c.failed, 1);
    cr_assert_eq(tito_store_run_finish(st, run, "failed", &err), 0, "%s", err.message);
    tito_result_free(r);
    free(run);
}

Test(store, bulk_insert_10000_jobs)
{
    enum { N = 10000 };
    static char ids[N][64];
    double t0 = now_ms();
    char *run = make_run(ids, N);
    double ms = now_ms() - t0;
    fprintf(stderr, "store: inserted %d jobs in %.1f ms (%.0f jobs/s)\n", N, ms, N / (ms / 1000));
    tito_run_counts c;
    cr_assert_eq(tito_store_run_counts(st, &c, run, &err), 0, "%s", err.message);
    cr_assert_eq(c.total, N);
    cr_assert_eq(c.queued, N);
    tito_rows *rows = NULL;
    cr_assert_eq(tito_store_query_unfinished(st, &rows, run, &err), 0, "%s", err.message);
    cr_assert_eq(tito_rows_count(rows), N);
    cr_assert_str_eq(tito_rows_getn(rows, 0, "spec"), "{\"kind\": \"complete\"}");
    tito_rows_free(rows);
    /* duplicate ids: nothing inserted, ECONFLICT */
    tito_job_row dup = {ids[0], "bob", "02_x", NULL, NULL};
    cr_assert_eq(tito_store_jobs_insert(st, run, &dup, 1, &err), TITO_ECONFLICT);
    /* connection still usable */
    cr_assert_eq(tito_store_run_counts(st, &c, run, &err), 0, "%s", err.message);
    free(run);
}

Test(store, job_lifecycle_errors_and_dead_letter)
{
    char ids[2][64];
    char *run = make_run(ids, 2);
    int attempt = 0;
    cr_assert_eq(tito_store_job_start(st, &attempt, "no-such-job", "w", &err), TITO_ENOTFOUND);
    cr_assert_eq(tito_store_job_start(st, &attempt, ids[0], "w1", &err), 0);
    cr_assert_eq(tito_store_job_start(st, &attempt, ids[0], "w2", &err), 0);
    cr_assert_eq(attempt, 2);
    cr_assert_eq(tito_store_job_dead(st, ids[0], "delivered 3 times; worker lost", &err), 0, "%s", err.message);
    tito_rows *rows = NULL;
    cr_assert_eq(tito_store_query_job(st, &rows, ids[0], &err), 0, "%s", err.message);
    cr_assert_str_eq(tito_rows_getn(rows, 0, "status"), "dead");
    cr_assert_str_eq(tito_rows_getn(rows, 0, "error"), "delivered 3 times; worker lost");
    tito_rows_free(rows);
    cr_assert_eq(tito_store_job_set_status(st, ids[1], "blocked", "01 failed", &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_job_set_status(st, ids[1], "bogus", NULL, &err), TITO_EINVALID);
    cr_assert_eq(tito_store_job_set_status(st, "nope", "blocked", NULL, &err), TITO_ENOTFOUND);
    /* prefix lookup */
    char prefix[64];
    snprintf(prefix, sizeof(prefix), "%.*s", (int)(strlen(ids[1]) - 2), ids[1]);
    cr_assert_eq(tito_store_query_job(st, &rows, prefix, &err), TITO_ECONFLICT);
    cr_assert_eq(tito_store_query_status(st, &rows, &err), 0, "%s", err.message);
    cr_assert_geq(atoi(tito_rows_getn(rows, 0, "dead_letters")), 1);
    tito_rows_free(rows);
    free(run);
}

Test(store, workers_and_runs)
{
    char wid[64];
    svc_fixture_unique(wid, sizeof(wid), "worker-");
    cr_assert_eq(tito_store_worker_register(st, wid, "host1", 42, "0.1.0", &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_worker_heartbeat(st, wid, &err), 0, "%s", err.message);
    tito_rows *rows = NULL;
    cr_assert_eq(tito_store_query_workers(st, &rows, 30, &err), 0, "%s", err.message);
    int found = 0;
    for (size_t i = 0; i < tito_rows_count(rows); i++)
        found |= !strcmp(tito_rows_get(rows, i, 0), wid);
    cr_assert(found);
    tito_rows_free(rows);
    cr_assert_eq(tito_store_worker_unregister(st, wid, &err), 0);

    char ids[1][64];
    char *run = make_run(ids, 1), *last = NULL;
    cr_assert_eq(tito_store_run_last(st, &last, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_query_runs(st, &rows, 0, &err), 0, "%s", err.message);
    cr_assert_geq(tito_rows_count(rows), 1);
    tito_rows_free(rows);
    free(last);
    free(run);
    cr_assert_eq(tito_store_run_finish(st, "no-such-run", "passed", &err), TITO_ENOTFOUND);
}

Test(store, unreachable_server_is_eunavail)
{
    tito_store *s = NULL;
    int rc = tito_store_new(&s, "host=/nonexistent-tito-dir dbname=tito user=tito", &err);
    cr_assert_eq(rc, TITO_EUNAVAIL, "rc %d: %s", rc, err.message);
    cr_assert_null(s);
}

/* The whole per-job path of the queue protocol against both real servers:
 * insert + XADD (enqueue), then per job XREADGROUP, job_start, renew,
 * result_record (5 tests + log), XACK. Goal: well under 5 ms per job. */
#include "queue/queue.h"

Test(store, per_job_queue_and_store_overhead)
{
    enum { N = 500 };
    static char ids[N][64];
    char qn[64];
    svc_fixture_unique(qn, sizeof(qn), "bench");
    tito_queue *q = NULL;
    cr_assert_eq(tito_queue_new(&q, info.redis_url, qn, "bench-worker", &err), 0, "%s", err.message);
    double t0 = now_ms();
    char *run = make_run(ids, N);
    const char *idp[N], *specs[N];
    for (int i = 0; i < N; i++) {
        idp[i] = ids[i];
        specs[i] = "{\"kind\": \"complete\"}";
    }
    cr_assert_eq(tito_queue_enqueue(q, NULL, idp, specs, N, &err), 0, "%s", err.message);
    double t1 = now_ms();
    tito_result *r = sample_result();
    for (int i = 0; i < N; i++) {
        tito_queue_msg *m = NULL;
        int attempt = 0, already = 0, ours = 0;
        cr_assert_eq(tito_queue_read(q, &m, 1000, &err), 0, "%s", err.message);
        cr_assert_not_null(m);
        cr_assert_eq(tito_store_job_start(st, &attempt, m->job_id, "bench-worker", &err), 0, "%s", err.message);
        cr_assert_eq(tito_queue_renew(q, &ours, m->entry_id, &err), 0, "%s", err.message);
        tito_store_attempt a = TITO_STORE_ATTEMPT_INIT;
        a.job_id = m->job_id;
        a.attempt = attempt;
        a.worker = "bench-worker";
        cr_assert_eq(tito_store_result_record(st, &already, &a, r, &err), 0, "%s", err.message);
        cr_assert_eq(tito_queue_ack(q, m->entry_id, &err), 0, "%s", err.message);
        tito_queue_msgs_free(m, 1);
    }
    double t2 = now_ms();
    fprintf(stderr, "store+queue: enqueue %d jobs in %.1f ms (%.0f/s); per job read+start+renew+record+ack %.2f ms\n",
            N, t1 - t0, N / ((t1 - t0) / 1000), (t2 - t1) / N);
    tito_run_counts c;
    cr_assert_eq(tito_store_run_counts(st, &c, run, &err), 0);
    cr_assert_eq(c.failed, N);
    tito_result_free(r);
    tito_queue_free(q);
    free(run);
}

Test(store, jobs_insert_needs_an_existing_run)
{
    tito_job_row row = {"orphan-job", "", "01_x", NULL, "{}"};
    cr_assert_eq(tito_store_jobs_insert(st, "no-such-run", &row, 1, &err), TITO_ENOTFOUND);
}

Test(store, reconcile_reenqueues_what_no_stream_holds)
{
    char ids[3][64], qn[64];
    char *run = make_run(ids, 3);
    svc_fixture_unique(qn, sizeof(qn), "rec");
    tito_queue *q = NULL;
    cr_assert_eq(tito_queue_new(&q, info.redis_url, qn, "w", &err), 0, "%s", err.message);
    const char *id0[1] = {ids[0]}, *spec0[1] = {"{\"kind\": \"complete\"}"};
    cr_assert_eq(tito_queue_enqueue(q, NULL, id0, spec0, 1, &err), 0, "%s", err.message);
    size_t re = 0, unf = 0;
    cr_assert_eq(tito_services_reconcile(&re, &unf, st, q, run, &err), 0, "%s", err.message);
    cr_assert_eq(unf, 3);
    cr_assert_eq(re, 2);
    cr_assert_eq(tito_services_reconcile(&re, &unf, st, q, run, &err), 0, "%s", err.message);
    cr_assert_eq(re, 0);
    tito_queue_stats s;
    cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0);
    cr_assert_eq(s.length, 3);
    tito_queue_msg *m = NULL;
    cr_assert_eq(tito_queue_read(q, &m, 100, &err), 0);
    cr_assert_str_eq(m->job, "{\"kind\": \"complete\"}"); /* the stored document, byte-exact */
    tito_queue_msgs_free(m, 1);
    tito_queue_free(q);
    free(run);
}
