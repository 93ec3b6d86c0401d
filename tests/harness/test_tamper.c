/* Student code trying to forge its results, against the signed report
 * channel (--key-file + tito_runner__judge_signed) as the runner uses it.
 * Each fixture in fixtures/tamper/ is one attack; every one must end as a
 * violation (caught) or as the genuine failure (fail closed), never passed. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/harness.h"
#include "job/result.h"
#include "runner/runner_private.h"

#include "helpers.h"

static char tdir[] = "/tmp/tito-tamper-XXXXXX";
static char tharness[PATH_MAX];
static const char KEY[] = "6b3a1f0c9d2e4b5a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b";

static void tsetup(void)
{
    strcpy(tdir, "/tmp/tito-tamper-XXXXXX");
    cr_assert_not_null(mkdtemp(tdir));
    snprintf(tharness, sizeof tharness, "%s/tito_harness.py", tdir);
    FILE *f = fopen(tharness, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(tito_harness_py, 1, tito_harness_py_len, f), tito_harness_py_len);
    fclose(f);
}

static void tteardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tdir);
    cr_expect_eq(system(cmd), 0);
}

/* Runs fixtures/tamper/<fixture> through the harness with a key file and
 * judges it with the key. hidden: a dir under fixtures/tamper or NULL. */
static tito_result *run_signed(const char *fixture, const char *hidden, tito_proc_result *keep)
{
    char module[PATH_MAX], hid[PATH_MAX], key_path[PATH_MAX], points_path[PATH_MAX];
    tito_error err = TITO_ERROR_INIT;
    tito_buf hidbuf = TITO_BUF_INIT;
    cr_assert_not_null(realpath("fixtures/tamper", module));
    strcat(module, "/");
    strcat(module, fixture);
    snprintf(key_path, sizeof key_path, "%s/tito_key", tdir);
    snprintf(points_path, sizeof points_path, "%s/points.json", tdir);
    FILE *f = fopen(key_path, "w");
    cr_assert_not_null(f);
    fputs(KEY, f);
    fclose(f);
    f = fopen(points_path, "w");
    fputs("{}", f);
    fclose(f);

    const char *argv[20];
    int a = 0;
    argv[a++] = "/usr/bin/python3";
    argv[a++] = "-X";
    argv[a++] = "utf8";
    argv[a++] = tharness;
    argv[a++] = "--report-fd";
    argv[a++] = "3";
    argv[a++] = "--per-test-timeout";
    argv[a++] = "10";
    argv[a++] = "--points";
    argv[a++] = points_path;
    argv[a++] = "--key-file";
    argv[a++] = key_path;
    if (hidden != NULL) {
        char rel[PATH_MAX];
        snprintf(rel, sizeof rel, "fixtures/tamper/%s", hidden);
        cr_assert_not_null(realpath(rel, hid));
        hidden_args(argv, &a, hid, &hidbuf);
    }
    argv[a++] = module;
    argv[a] = NULL;
    const char *envp[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1", NULL};

    tito_proc_opts po;
    memset(&po, 0, sizeof po);
    tito_limits lim = TITO_LIMITS_DEFAULT;
    lim.timeout_ms = 30000;
    po.argv = argv;
    po.envp = envp;
    po.cwd = tdir;
    po.limits = lim;
    if (hidden != NULL)
        with_hidden(&po, &hidbuf);
    tito_proc_result pr;
    cr_assert_eq(tito_proc_run(&pr, &po, &err), 0, "%s", err.message);
    tito_buf_dispose(&hidbuf);
    tito_result *r = NULL;
    cr_assert_eq(tito_result_new(&r), 0);
    r->exit_code = pr.exit_code;
    cr_assert_eq(tito_runner__judge_signed(r, &pr, TITO_TEST_MODE_PER_TEST, NULL, &lim, KEY, &err), 0, "%s",
                 err.message);
    if (keep != NULL)
        *keep = pr;
    else
        tito_proc_result_dispose(&pr);
    return r;
}

static void expect_violation(const char *fixture, const char *why)
{
    tito_result *r = run_signed(fixture, NULL, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_VIOLATION, "%s: %s: %s", fixture, tito_outcome_str(r->outcome),
                 r->message);
    cr_expect(has(r->message, "tampered with the harness's report channel"), "%s", r->message);
    cr_expect(has(r->message, why), "%s: %s", fixture, r->message);
    for (size_t i = 0; i < r->ntests; i++)
        cr_expect_neq(r->tests[i].outcome, TITO_OUTCOME_PASSED, "%s: %s passed", fixture, r->tests[i].name);
    tito_result_free(r);
}

TestSuite(tamper, .init = tsetup, .fini = tteardown, .timeout = 120);

Test(tamper, signed_happy_path_passes_and_key_file_is_deleted)
{
    tito_proc_result pr;
    tito_result *r = run_signed("read_key.py", NULL, &pr);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_eq(test_named(r, "test_unit_key_is_gone")->outcome, TITO_OUTCOME_PASSED);
    /* every report line is "<64 hex> {json}" */
    cr_expect(pr.report_len > 66 && pr.report[64] == ' ' && pr.report[65] == '{', "%.*s", (int)pr.report_len,
              pr.report);
    char key_path[PATH_MAX];
    snprintf(key_path, sizeof key_path, "%s/tito_key", tdir);
    cr_expect_neq(access(key_path, F_OK), 0, "the harness left the key file");
    tito_proc_result_dispose(&pr);
    tito_result_free(r);
}

Test(tamper, fake_lines_written_into_the_pipe_are_a_violation)
{
    expect_violation("forge_fd.py", "without a valid signature");
}

Test(tamper, a_made_up_signature_is_a_violation)
{
    expect_violation("replay.py", "does not verify");
}

Test(tamper, reporter_replaced_through_gc_is_a_violation)
{
    expect_violation("replace_report.py", "foreign code");
}

Test(tamper, reporter_function_wrapped_is_a_violation)
{
    expect_violation("replace_send.py", "foreign code");
}

Test(tamper, signer_called_directly_is_a_violation)
{
    expect_violation("call_signer.py", "foreign code");
}

Test(tamper, call_test_replaced_is_a_violation)
{
    expect_violation("patch_call_test.py", "foreign code");
}

Test(tamper, dropped_reports_fail_closed)
{
    tito_result *r = run_signed("drop_reports.py", NULL, NULL);
    cr_expect_neq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_neq(test_named(r, "test_unit_fails")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(tamper, monkeypatched_tests_still_run_their_own_code)
{
    tito_result *r = run_signed("monkeypatch.py", NULL, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED, "%s: %s", tito_outcome_str(r->outcome), r->message);
    const tito_test_result *t = test_named(r, "test_unit_patched");
    cr_expect_eq(t->outcome, TITO_OUTCOME_FAILED);
    cr_expect(has(t->message, "the real test fails"), "%s", t->message);
    cr_expect_eq(test_named(r, "test_unit_rebound")->outcome, TITO_OUTCOME_FAILED);
    tito_result_free(r);
}

Test(tamper, os_exit_before_the_tests_fails_closed)
{
    tito_result *r = run_signed("os_exit.py", NULL, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR, "%s", r->message);
    cr_expect(has(r->message, "exited with status 0"), "%s", r->message);
    cr_expect_eq(test_named(r, "test_unit_never_runs")->outcome, TITO_OUTCOME_ERROR);
    tito_result_free(r);
}

Test(tamper, hidden_tests_run_with_the_real_builtins)
{
    tito_result *r = run_signed("builtins_patch.py", "hidden", NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED, "%s: %s", tito_outcome_str(r->outcome), r->message);
    cr_expect_eq(test_named(r, "test_builtins.py::test_answer")->outcome, TITO_OUTCOME_FAILED);
    tito_result_free(r);
}

Test(tamper, a_forked_child_returning_into_the_harness_stays_silent)
{
    tito_result *r = run_signed("fork_returns.py", NULL, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s: %s", tito_outcome_str(r->outcome), r->message);
    tito_result_free(r);
}

Test(tamper, unsigned_lines_are_rejected_when_a_key_is_expected)
{
    /* A harness too old to sign (or a student who killed it and wrote its
     * own run) is judged against the key: the first line is already bad. */
    static const char rep[] = "{\"event\": \"discovered\", \"tests\": [\"test_a\"]}\n"
                              "{\"name\": \"test_a\", \"outcome\": \"passed\", \"duration_ms\": 1}\n"
                              "{\"event\": \"done\"}\n";
    tito_proc_result pr;
    memset(&pr, 0, sizeof pr);
    pr.report = (char *)rep;
    pr.report_len = sizeof rep - 1;
    tito_limits lim = TITO_LIMITS_DEFAULT;
    tito_result *r = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_result_new(&r), 0);
    cr_assert_eq(tito_runner__judge_signed(r, &pr, TITO_TEST_MODE_PER_TEST, NULL, &lim, KEY, &err), 0);
    cr_expect_eq(r->outcome, TITO_OUTCOME_VIOLATION, "%s", r->message);
    tito_result_free(r);
}
