/* tito-worker end to end against real Redis and PostgreSQL: a passing job
 * with its export bundle, a student submission, the no-op kind, and every
 * way a job can be broken (malformed entries, unknown module, missing or
 * corrupt notebook) -- each an error result or a dead letter, after which the
 * worker keeps going. */
#define TITO_SVC_FIXTURE_MAIN
#include "helpers.h"

#include <dirent.h>

static wt t;

static void setup(void)
{
    wt_setup(&t);
}

static void teardown(void)
{
    wt_teardown(&t);
}

TestSuite(worker_e2e, .init = setup, .fini = teardown, .timeout = 240);

Test(worker_e2e, job_end_to_end)
{
    char id[128];
    tito_error err = TITO_ERROR_INIT;

    wt_job(&t, id, sizeof(id), "01_tiny", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 120);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "worker status %d; log:\n%s", st, log);

    char *status = wt_status(&t, id);
    cr_expect_str_eq(status, "passed", "log:\n%s", log);
    cr_expect(strstr(log, "01_tiny attempt 1: passed 2/2 tests in"), "log:\n%s", log);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 1);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM test_results WHERE job_id = $1", id), 2);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_logs WHERE job_id = $1 AND stream = 'worker'", id), 1);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1 AND NOT sandboxed", id), 1);
    /* Deregistered on exit. */
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM workers WHERE id = $1", wt_id(&t, "w1")), 0);
    /* The stream is empty: acked entries are deleted. */
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    cr_expect_eq(qs.pending, 0);

    /* The export bundle holds the .py and the exported module. */
    char *sha = wt_sql(&t, "SELECT export_sha FROM jobs WHERE id = $1", id);
    cr_assert_not_null(sha, "no export_sha; log:\n%s", log);
    void *blob = NULL;
    size_t len = 0;
    char out[PATH_MAX + 16], path[2 * PATH_MAX];
    cr_assert_eq(tito_store_artifact_get(t.store, &blob, &len, sha, &err), 0, "%s", err.message);
    snprintf(out, sizeof(out), "%s/export", t.tmp);
    cr_assert_eq(tito_bundle_unpack(blob, len, out, &err), 0, "%s", err.message);
    snprintf(path, sizeof(path), "%s/modules/01_tiny/01_tiny.py", out);
    cr_expect(tito_fs_exists(path), "no %s", path);
    snprintf(path, sizeof(path), "%s/tinytorch/core/tiny.py", out);
    cr_expect(tito_fs_exists(path), "no %s", path);
    /* Nothing else: the bundle is what the coordinator needs back. */
    snprintf(path, sizeof(path), "%s/modules/01_tiny/01_tiny.ipynb", out);
    cr_expect(!tito_fs_exists(path));

    /* Progress events for the coordinator: started, then finished. */
    tito_queue_event *ev = NULL;
    size_t nev = 0;
    cr_assert_eq(tito_queue_events_read(t.queue, &ev, &nev, t.run_id, "0", 0, 100, &err), 0, "%s",
                 err.message);
    cr_assert_eq(nev, 2);
    cr_expect(strstr(ev[0].json, "\"type\":\"started\"") && strstr(ev[0].json, id), "%s", ev[0].json);
    cr_expect(strstr(ev[1].json, "\"type\":\"finished\"") && strstr(ev[1].json, "\"status\":\"passed\"") &&
              strstr(ev[1].json, "\"tests_passed\":2") && strstr(ev[1].json, "\"attempt\":1"),
              "%s", ev[1].json);
    tito_queue_events_free(ev, nev);

    /* The work dir is gone (a clean stop removes the slot dir too), the
     * course is cached by its sha. */
    snprintf(path, sizeof(path), "%s/work/%s", t.tmp, wt_id(&t, "w1"));
    cr_expect(!tito_fs_exists(path), "work dir left behind: %s", path);
    snprintf(path, sizeof(path), "%s/cache/%.2s/%s", t.tmp, t.course_sha, t.course_sha);
    cr_expect(tito_fs_exists(path), "course not cached at %s", path);
    free(blob);
    free(sha);
    free(status);
    free(log);
}

/* A student's notebook is graded in place of the course's: here one test fails. */
Test(worker_e2e, submission_failing_test)
{
    char id[128], sha[65], *nb = NULL;
    size_t len = 0;
    tito_error err = TITO_ERROR_INIT;

    cr_assert_eq(tito_fs_read_file(&nb, &len, "fixtures/course/modules/01_tiny/01_tiny.ipynb", &err), 0);
    char *p = strstr(nb, "return 2 * x");
    cr_assert_not_null(p);
    memcpy(p, "return x + 2", 12); /* right for 2, wrong for 3 */
    wt_put(&t, sha, nb, len);
    wt_job(&t, id, sizeof(id), "01_tiny", sha, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 120);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);
    char *status = wt_status(&t, id);
    cr_expect_str_eq(status, "failed", "log:\n%s", log);
    cr_expect(strstr(log, "failed 1/2 tests"), "log:\n%s", log);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM test_results WHERE job_id = $1 AND outcome = 'failed'", id), 1);
    free(status);
    free(log);
    free(nb);
}

Test(worker_e2e, noop_and_once)
{
    char a[128], b[128];
    wt_job(&t, a, sizeof(a), "", NULL, TITO_JOB_KIND_NOOP);
    wt_job(&t, b, sizeof(b), "", NULL, TITO_JOB_KIND_NOOP);
    pid_t w = wt_worker(&t, "w1", "--once", NULL);
    int st = wt_wait_exit(w, 30);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);
    char *sa = wt_status(&t, a), *sb = wt_status(&t, b);
    cr_expect_str_eq(sa, "passed", "log:\n%s", log);
    cr_expect_str_eq(sb, "queued", "--once handled more than one entry; log:\n%s", log);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 1);
    free(sa);
    free(sb);
    free(log);
}

Test(worker_e2e, malformed_entries_dead_lettered_worker_keeps_going)
{
    char good[128], known[128];
    svc_fixture_unique(known, sizeof(known), "known-");
    wt_row(&t, known, "01_tiny");
    /* No such job anywhere, not even JSON. */
    wt_raw(&t, "ghost", "this is not json");
    /* A job the database knows, with a document missing its course. */
    char doc[512];
    snprintf(doc, sizeof(doc), "{\"id\":\"%s\",\"module\":\"01_tiny\",\"kind\":\"complete\"}", known);
    wt_raw(&t, known, doc);
    /* Unknown kind. */
    wt_raw(&t, "ghost2", "{\"id\":\"ghost2\",\"kind\":\"explode\"}");
    /* A valid document whose job has no row (never inserted). */
    char norow[128], doc2[512];
    svc_fixture_unique(norow, sizeof(norow), "norow-");
    snprintf(doc2, sizeof(doc2), "{\"id\":\"%s\",\"module\":\"01_tiny\",\"course\":\"%s\"}", norow,
             t.course_sha);
    wt_raw(&t, norow, doc2);
    wt_job(&t, good, sizeof(good), "", NULL, TITO_JOB_KIND_NOOP);

    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 60);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);

    char *s = wt_status(&t, good);
    cr_expect_str_eq(s, "passed", "log:\n%s", log);
    free(s);
    s = wt_status(&t, known);
    cr_expect_str_eq(s, "error", "log:\n%s", log);
    free(s);
    s = wt_sql(&t, "SELECT error FROM jobs WHERE id = $1", known);
    cr_expect(s && strstr(s, "malformed job: job: 'course' is missing"), "error: %s", s ? s : "(null)");
    free(s);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM dead_letters WHERE job_id = $1", known), 1);
    cr_expect(strstr(log, "dead-lettered: malformed job: job: not valid JSON"), "log:\n%s", log);
    cr_expect(strstr(log, "unknown 'kind' \"explode\""), "log:\n%s", log);
    cr_expect(strstr(log, "is not in the database"), "log:\n%s", log);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    cr_expect_eq(qs.dead, 4);
    free(log);
}

static void expect_error_result(const char *module, const char *submission_sha, const char *want)
{
    char id[128];
    wt_job(&t, id, sizeof(id), module, submission_sha, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 120);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "error", "log:\n%s", log);
    char *e = wt_sql(&t, "SELECT error FROM jobs WHERE id = $1", id);
    cr_expect(e && strstr(e, want), "error '%s' lacks '%s'; log:\n%s", e ? e : "(null)", want, log);
    /* Paths are course-relative, not the worker's temporary ones. */
    cr_expect(e && !strstr(e, t.tmp), "error names a work dir: %s", e ? e : "(null)");
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 1);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    free(s);
    free(e);
    free(log);
}

Test(worker_e2e, unknown_module)
{
    expect_error_result("07_nothere", NULL, "unknown module '07_nothere' (the course has: 01_tiny, 02_slow)");
}

Test(worker_e2e, missing_notebook_artifact)
{
    expect_error_result("01_tiny", "1111111111111111111111111111111111111111111111111111111111111111",
                        "submission notebook artifact 1111111111111111111111111111111111111111111111111111111111111111 is missing");
}

Test(worker_e2e, corrupt_notebook)
{
    char sha[65];
    const char *bad = "{\"cells\": [ this is not a notebook";
    wt_put(&t, sha, bad, strlen(bad));
    expect_error_result("01_tiny", sha, "modules/01_tiny/01_tiny.ipynb: line 1, column");
}

/* A damaged cache file is detected by its hash and fetched again. */
Test(worker_e2e, corrupt_cache_refetched)
{
    char id[128], dir[PATH_MAX + 16], path[PATH_MAX + 100];
    tito_error err = TITO_ERROR_INIT;
    snprintf(dir, sizeof(dir), "%s/cache/%.2s", t.tmp, t.course_sha);
    cr_assert_eq(tito_fs_mkdirs(dir, &err), 0);
    snprintf(path, sizeof(path), "%s/%s", dir, t.course_sha);
    cr_assert_eq(tito_fs_write_atomic(path, "garbage", 7, &err), 0);
    wt_job(&t, id, sizeof(id), "01_tiny", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 120);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "passed", "log:\n%s", log);
    char *cached = NULL;
    size_t len = 0;
    cr_assert_eq(tito_fs_read_file(&cached, &len, path, &err), 0);
    cr_expect_gt(len, 7);
    free(cached);
    free(s);
    free(log);
}

#include "sandbox/sandbox.h"

/* Without --no-sandbox the worker starts only if it can sandbox jobs. */
Test(worker_e2e, sandbox_required_unless_no_sandbox)
{
    static char cmd[32768];
    tito_error err = TITO_ERROR_INIT;
    int can = tito_sandbox_check(&err) == 0;
    snprintf(cmd, sizeof(cmd),
             "timeout 20 '%s' --redis '%s' --db '%s' --queue '%s' --id '%s' --cache-dir '%s/cache' "
             "--work-dir '%s/work' --once > '%s/sb.out' 2>&1",
             getenv("TITO_WORKER_BIN"), t.info.redis_url, t.info.database_url, t.queue_name,
             wt_id(&t, "sb"), t.tmp, t.tmp, t.tmp);
    if (!can) {
        int st = system(cmd);
        char path[PATH_MAX + 16], *out = NULL;
        snprintf(path, sizeof(path), "%s/sb.out", t.tmp);
        tito_fs_read_file(&out, NULL, path, NULL);
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "status %d: %s", st, out ? out : "");
        cr_expect(out && strstr(out, "cannot sandbox jobs") && strstr(out, "--no-sandbox"), "%s",
                  out ? out : "");
        free(out);
    } else {
        /* A sandboxing host: the worker runs and records sandboxed results. */
        char id[128];
        wt_job(&t, id, sizeof(id), "", NULL, TITO_JOB_KIND_NOOP);
        int st = system(cmd);
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
        cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1 AND sandboxed", id), 1);
    }
}
