/* tito_runner__judge on synthetic process results: the mapping from what the
 * process did to outcomes, without running Python. */
#include <criterion/criterion.h>
#include <signal.h>
#include <string.h>

#include "runner/runner_private.h"

static tito_result *judge(tito_proc_result *pr, tito_test_mode mode, const char *points)
{
    tito_result *r = NULL;
    tito_error err = TITO_ERROR_INIT;
    tito_json *pts = NULL;
    tito_limits lim = TITO_LIMITS_DEFAULT;
    if (points != NULL)
        cr_assert_eq(tito_json_parse(&pts, points, strlen(points), &err), 0);
    if (pr->out == NULL)
        pr->out = (char *)"";
    if (pr->err == NULL)
        pr->err = (char *)"";
    if (pr->report == NULL)
        pr->report = (char *)"";
    pr->out_len = strlen(pr->out);
    pr->err_len = strlen(pr->err);
    pr->report_len = strlen(pr->report);
    cr_assert_eq(tito_result_new(&r), 0);
    cr_assert_eq(tito_runner__judge(r, pr, mode, pts, &lim, &err), 0, "%s", err.message);
    tito_json_free(pts);
    return r;
}

static const tito_test_result *named(const tito_result *r, const char *name)
{
    for (size_t i = 0; i < r->ntests; i++)
        if (strcmp(r->tests[i].name, name) == 0)
            return &r->tests[i];
    cr_assert_fail("no test %s", name);
    return NULL;
}

#define DISC "{\"event\": \"discovered\", \"tests\": [\"test_a\", \"test_b\"]}\n"
#define PASS_A "{\"name\": \"test_a\", \"outcome\": \"passed\", \"duration_ms\": 1, \"message\": null}\n"
#define DONE "{\"event\": \"done\"}\n"

Test(judge, unreported_tests_fail_closed_on_timeout)
{
    tito_proc_result pr = {0};
    pr.exit_code = -1;
    pr.term_signal = SIGKILL;
    pr.timed_out = 1;
    pr.report = (char *)(DISC PASS_A "{\"name\": \"test_b\", \"outc"); /* cut mid-line */
    tito_result *r = judge(&pr, TITO_TEST_MODE_PER_TEST, "{\"test_b\": 7}");
    cr_expect_eq(r->outcome, TITO_OUTCOME_TIMEOUT);
    cr_expect_eq(named(r, "test_a")->outcome, TITO_OUTCOME_PASSED);
    const tito_test_result *b = named(r, "test_b");
    cr_expect_eq(b->outcome, TITO_OUTCOME_ERROR);
    cr_expect_str_eq(b->message, "not run: the process timed out after 600 s");
    cr_expect_float_eq(b->max_points, 7, 1e-9);
    cr_expect_float_eq(b->points, 0, 1e-9);
    tito_result_free(r);
}

Test(judge, crash_signal_and_limits)
{
    tito_proc_result pr = {0};
    pr.exit_code = -1;
    pr.term_signal = SIGSEGV;
    pr.report = (char *)DISC;
    tito_result *r = judge(&pr, TITO_TEST_MODE_PER_TEST, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_SIGNALED);
    cr_expect(strstr(named(r, "test_a")->message, "crashed with signal 11") != NULL);
    tito_result_free(r);

    tito_proc_result p2 = {0};
    p2.exit_code = -1;
    p2.term_signal = SIGKILL;
    p2.oom_killed = 1;
    p2.report = (char *)DISC;
    r = judge(&p2, TITO_TEST_MODE_PER_TEST, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_MEMORY);
    cr_expect_str_eq(named(r, "test_b")->message, "killed: memory limit");
    tito_result_free(r);

    tito_proc_result p3 = {0};
    p3.exit_code = -1;
    p3.output_truncated = 1;
    p3.term_signal = SIGKILL;
    p3.report = (char *)DISC;
    r = judge(&p3, TITO_TEST_MODE_PER_TEST, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_OUTPUT_LIMIT);
    tito_result_free(r);

    tito_proc_result p4 = {0};
    p4.exit_code = -1;
    p4.violation = 1;
    p4.term_signal = SIGSYS;
    r = judge(&p4, TITO_TEST_MODE_PER_TEST, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_VIOLATION);
    tito_result_free(r);
}

Test(judge, missing_done_is_never_a_pass)
{
    tito_proc_result pr = {0};
    pr.exit_code = 0;
    pr.report = (char *)("{\"event\": \"discovered\", \"tests\": [\"test_a\"]}\n" PASS_A);
    tito_result *r = judge(&pr, TITO_TEST_MODE_PER_TEST, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    tito_result_free(r);

    tito_proc_result p2 = {0};
    p2.exit_code = 0;
    r = judge(&p2, TITO_TEST_MODE_PER_TEST, NULL); /* empty report: harness never ran */
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    tito_result_free(r);
}

Test(judge, worst_call_wins_and_points)
{
    tito_proc_result pr = {0};
    pr.exit_code = 0;
    pr.report = (char *)(DISC PASS_A "{\"name\": \"test_b\", \"outcome\": \"passed\", \"duration_ms\": 1}\n"
                         "{\"name\": \"test_a\", \"outcome\": \"failed\", \"duration_ms\": 2, \"message\": \"AssertionError: second call\"}\n"
                         "{\"name\": \"test_a\", \"outcome\": \"passed\", \"duration_ms\": 1}\n" DONE);
    tito_result *r = judge(&pr, TITO_TEST_MODE_PER_TEST, "{\"test_a\": 10, \"test_b\": 5}");
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(r->ntests, 2);
    const tito_test_result *a = named(r, "test_a");
    cr_expect_eq(a->outcome, TITO_OUTCOME_FAILED);
    cr_expect_str_eq(a->message, "AssertionError: second call");
    cr_expect_float_eq(a->points, 0, 1e-9);
    cr_expect_float_eq(a->max_points, 10, 1e-9);
    cr_expect_float_eq(named(r, "test_b")->points, 5, 1e-9);
    tito_result_free(r);
}

Test(judge, script_mode_rules)
{
    /* a cross anywhere fails; names are line[2:] up to ':' */
    tito_proc_result pr = {0};
    pr.exit_code = 0;
    pr.out = (char *)("  \xe2\x9c\x85 Tensor creation works: all good\n"
                      "noise \xe2\x9d\x8c not at line start\n"
                      "\xe2\x9d\x8c Matmul: shapes wrong\n");
    tito_result *r = judge(&pr, TITO_TEST_MODE_SCRIPT, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(r->ntests, 2);
    cr_expect_eq(named(r, "Tensor creation works")->outcome, TITO_OUTCOME_PASSED);
    const tito_test_result *m = named(r, "Matmul");
    cr_expect_eq(m->outcome, TITO_OUTCOME_FAILED);
    cr_expect_str_eq(m->message, "shapes wrong");
    tito_result_free(r);

    /* no marks, exit 0, output: one passing module_execution */
    tito_proc_result p2 = {0};
    p2.out = (char *)"hello\n";
    r = judge(&p2, TITO_TEST_MODE_SCRIPT, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED);
    cr_expect_eq(named(r, "module_execution")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);

    /* no output at all: zero tests, pass */
    tito_proc_result p3 = {0};
    r = judge(&p3, TITO_TEST_MODE_SCRIPT, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED);
    cr_expect_eq(r->ntests, 0);
    tito_result_free(r);

    /* non-zero exit: error with the first 5 lines of stderr */
    tito_proc_result p4 = {0};
    p4.exit_code = 1;
    p4.out = (char *)"\xe2\x9c\x85 a: ok\n";
    p4.err = (char *)"l1\nl2\nl3\nl4\nl5\nl6\nNameError: x\n";
    r = judge(&p4, TITO_TEST_MODE_SCRIPT, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect_str_eq(named(r, "module_execution")->message, "l1\nl2\nl3\nl4\nl5");
    cr_expect(strstr(r->message, "NameError: x") != NULL, "%s", r->message);
    tito_result_free(r);
}
