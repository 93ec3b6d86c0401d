/* The Python harness, driven the way the runner drives it: the embedded copy
 * written to a temp dir, run through tito_proc_run, its report judged by
 * tito_runner__judge. Fixtures are small py:percent modules in fixtures/. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/harness.h"
#include "job/result.h"
#include "runner/runner_private.h"

#include "helpers.h"

static char workdir[] = "/tmp/tito-harness-XXXXXX";
static char harness_path[PATH_MAX];

static void setup(void)
{
    strcpy(workdir, "/tmp/tito-harness-XXXXXX");
    cr_assert_not_null(mkdtemp(workdir));
    snprintf(harness_path, sizeof harness_path, "%s/tito_harness.py", workdir);
    FILE *f = fopen(harness_path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(tito_harness_py, 1, tito_harness_py_len, f), tito_harness_py_len);
    fclose(f);
}

static void teardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", workdir);
    cr_expect_eq(system(cmd), 0);
}

typedef struct {
    const char *mode;
    const char *timeout;
    const char *hidden;
    const char *points; /* JSON text or NULL */
    int wall_ms;
} run_opts;

static tito_result *run_fixture(const char *fixture, run_opts ro, tito_proc_result *keep)
{
    char module[PATH_MAX], hidden[PATH_MAX], points_path[PATH_MAX];
    cr_assert_not_null(realpath("fixtures", module));
    strcat(module, "/");
    strcat(module, fixture);
    tito_json *points = NULL;
    tito_error err = TITO_ERROR_INIT;
    snprintf(points_path, sizeof points_path, "%s/points.json", workdir);
    FILE *f = fopen(points_path, "w");
    fputs(ro.points != NULL ? ro.points : "{}", f);
    fclose(f);
    if (ro.points != NULL)
        cr_assert_eq(tito_json_parse(&points, ro.points, strlen(ro.points), &err), 0);

    const char *argv[20];
    int a = 0;
    argv[a++] = "/usr/bin/python3";
    argv[a++] = "-X";
    argv[a++] = "utf8";
    argv[a++] = harness_path;
    argv[a++] = "--report-fd";
    argv[a++] = "3";
    argv[a++] = "--mode";
    argv[a++] = ro.mode != NULL ? ro.mode : "per-test";
    argv[a++] = "--per-test-timeout";
    argv[a++] = ro.timeout != NULL ? ro.timeout : "5";
    argv[a++] = "--points";
    argv[a++] = points_path;
    tito_buf hid = TITO_BUF_INIT;
    if (ro.hidden != NULL) {
        cr_assert_not_null(realpath(ro.hidden, hidden));
        hidden_args(argv, &a, hidden, &hid);
    }
    argv[a++] = module;
    argv[a] = NULL;
    const char *envp[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1", NULL};

    tito_proc_opts po;
    memset(&po, 0, sizeof po);
    tito_limits lim = TITO_LIMITS_DEFAULT;
    lim.timeout_ms = ro.wall_ms > 0 ? ro.wall_ms : 30000;
    po.argv = argv;
    po.envp = envp;
    po.cwd = workdir;
    po.limits = lim;
    if (ro.hidden != NULL)
        with_hidden(&po, &hid);
    tito_proc_result pr;
    cr_assert_eq(tito_proc_run(&pr, &po, &err), 0, "%s", err.message);
    tito_buf_dispose(&hid);

    tito_result *r = NULL;
    cr_assert_eq(tito_result_new(&r), 0);
    r->exit_code = pr.exit_code;
    cr_assert_eq(tito_runner__judge(r, &pr, strcmp(argv[7], "script") == 0 ? TITO_TEST_MODE_SCRIPT
                                                                             : TITO_TEST_MODE_PER_TEST,
                                    points, &lim, &err),
                 0, "%s", err.message);
    tito_json_free(points);
    if (keep != NULL)
        *keep = pr;
    else
        tito_proc_result_dispose(&pr);
    return r;
}

TestSuite(harness, .init = setup, .fini = teardown, .timeout = 120);

Test(harness, all_pass_with_points)
{
    run_opts ro = {0};
    ro.points = "{\"test_unit_add\": 10}";
    tito_proc_result pr;
    tito_result *r = run_fixture("all_pass.py", ro, &pr);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_null(r->message);
    cr_expect_eq(r->ntests, 3);
    const tito_test_result *t = test_named(r, "test_unit_add");
    cr_expect_eq(t->outcome, TITO_OUTCOME_PASSED);
    cr_expect_float_eq(t->points, 10, 1e-9);
    cr_expect_float_eq(t->max_points, 10, 1e-9);
    cr_expect_float_eq(test_named(r, "test_module")->max_points, 0, 1e-9);
    /* the student's stdout stays on stdout, the report on fd 3 only */
    cr_expect(has(pr.out, "add works"));
    cr_expect(!has(pr.out, "\"event\""));
    tito_proc_result_dispose(&pr);
    tito_result_free(r);
}

Test(harness, one_assert_fails_others_still_run)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("assert_fail.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(test_named(r, "test_unit_ok")->outcome, TITO_OUTCOME_PASSED);
    const tito_test_result *t = test_named(r, "test_unit_mul");
    cr_expect_eq(t->outcome, TITO_OUTCOME_FAILED);
    cr_expect(has(t->message, "mul(2, 3) should be 6"), "%s", t->message);
    cr_expect_eq(test_named(r, "test_unit_after")->outcome, TITO_OUTCOME_PASSED);
    cr_expect(has(r->message, "test_unit_mul"), "%s", r->message);
    tito_result_free(r);
}

Test(harness, syntax_error_is_an_error_result)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("syntax_error.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(r->message, "SyntaxError"), "%s", r->message);
    cr_expect(has(test_named(r, "syntax error")->message, "line 6"));
    tito_result_free(r);
}

Test(harness, import_error_is_an_error_and_later_tests_still_run)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("import_error.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(r->message, "import at line 2"), "%s", r->message);
    cr_expect(has(r->message, "ModuleNotFoundError"), "%s", r->message);
    cr_expect_eq(test_named(r, "test_unit_a")->outcome, TITO_OUTCOME_ERROR);
    cr_expect_eq(test_named(r, "test_unit_b")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(harness, infinite_loop_hits_per_test_timeout)
{
    run_opts ro = {0};
    ro.timeout = "1";
    tito_result *r = run_fixture("infinite_loop.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_TIMEOUT);
    cr_expect_eq(test_named(r, "test_unit_loops")->outcome, TITO_OUTCOME_TIMEOUT);
    cr_expect_eq(test_named(r, "test_unit_quick")->outcome, TITO_OUTCOME_PASSED);
    /* swallows TestTimeout with a bare except: still a timeout, harness stops */
    cr_expect_eq(test_named(r, "test_unit_swallows")->outcome, TITO_OUTCOME_TIMEOUT);
    tito_result_free(r);
}

Test(harness, whole_run_timeout_fails_closed)
{
    run_opts ro = {0};
    ro.timeout = "0"; /* no per-test budget: only the wall clock stops it */
    ro.wall_ms = 1500;
    tito_result *r = run_fixture("infinite_loop.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_TIMEOUT);
    for (size_t i = 0; i < r->ntests; i++) {
        cr_expect_eq(r->tests[i].outcome, TITO_OUTCOME_ERROR, "%s", r->tests[i].name);
        cr_expect(has(r->tests[i].message, "timed out after 1 s"), "%s", r->tests[i].message);
    }
    cr_expect_eq(r->ntests, 3);
    tito_result_free(r);
}

Test(harness, sys_exit_zero_at_top_level_does_not_skip_tests)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("sys_exit_top.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(test_named(r, "test_unit_wrong")->outcome, TITO_OUTCOME_FAILED);
    tito_result_free(r);
}

Test(harness, systemexit_and_keyboardinterrupt_in_tests_do_not_end_the_run)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("raise_exit.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    const tito_test_result *t = test_named(r, "test_unit_exits");
    cr_expect_eq(t->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(t->message, "sys.exit(3)"), "%s", t->message);
    t = test_named(r, "test_unit_interrupts");
    cr_expect_eq(t->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(t->message, "KeyboardInterrupt"), "%s", t->message);
    cr_expect_eq(test_named(r, "test_unit_good")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(harness, fake_checkmarks_do_not_pass)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("fake_check.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(test_named(r, "test_unit_liar")->outcome, TITO_OUTCOME_FAILED);
    tito_result_free(r);

    /* Script mode: upstream would count the check mark as a pass despite the
     * crash; we fail closed. */
    ro.mode = "script";
    r = run_fixture("fake_check.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR, "%s", tito_outcome_str(r->outcome));
    cr_expect_eq(test_named(r, "liar works correctly!")->outcome, TITO_OUTCOME_PASSED);
    const tito_test_result *t = test_named(r, "module_execution");
    cr_expect_eq(t->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(t->message, "Traceback"), "%s", t->message);
    tito_result_free(r);
}

Test(harness, main_block_that_raises_is_named_after_its_line)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("main_raises.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    const tito_test_result *t = test_named(r, "__main__ block at line 9");
    cr_expect_eq(t->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(t->message, "demo exploded"), "%s", t->message);
    cr_expect_eq(test_named(r, "test_unit_fine")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(harness, never_called_tests_run_after_the_module)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("never_called.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(test_named(r, "test_unit_not_called")->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(test_named(r, "test_helper_with_args")->outcome, TITO_OUTCOME_SKIPPED);
    tito_result_free(r);
}

Test(harness, report_channel_survives_hostile_student_code)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("hostile.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_eq(test_named(r, "test_unit_fine")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(harness, module_without_tests_passes)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("no_tests.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED);
    cr_expect_eq(r->ntests, 0);
    tito_result_free(r);
    ro.mode = "script";
    r = run_fixture("no_tests.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED);
    cr_expect_eq(test_named(r, "module_execution")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(harness, hidden_tests_see_the_student_namespace)
{
    run_opts ro = {0};
    ro.hidden = "fixtures/hidden";
    ro.points = "{\"test_square.py::test_hidden_square\": 5}";
    tito_result *r = run_fixture("hidden_target.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED);
    cr_expect_eq(test_named(r, "test_unit_square")->outcome, TITO_OUTCOME_PASSED);
    const tito_test_result *t = test_named(r, "test_square.py::test_hidden_square");
    cr_expect_eq(t->outcome, TITO_OUTCOME_PASSED);
    cr_expect_float_eq(t->points, 5, 1e-9);
    cr_expect_eq(test_named(r, "test_square.py::test_hidden_module")->outcome, TITO_OUTCOME_PASSED);
    t = test_named(r, "test_square.py::test_hidden_fails");
    cr_expect_eq(t->outcome, TITO_OUTCOME_FAILED);
    cr_expect(has(t->message, "hidden check failed"));
    tito_result_free(r);
}

Test(harness, script_mode_parses_marks_like_upstream)
{
    run_opts ro = {0};
    ro.mode = "script";
    tito_result *r = run_fixture("assert_fail.py", ro, NULL);
    /* "✅ ok works!" -> name "ok works!"; the crash on mul is an error */
    cr_expect_eq(test_named(r, "ok works!")->outcome, TITO_OUTCOME_PASSED);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(r->message, "AssertionError"), "%s", r->message);
    tito_result_free(r);

    r = run_fixture("all_pass.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_eq(r->ntests, 3); /* repeated marks merge by name */
    tito_result_free(r);
}

Test(harness, closing_the_report_channel_fails_closed)
{
    run_opts ro = {0};
    tito_result *r = run_fixture("closes_fds.py", ro, NULL);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR, "%s", tito_outcome_str(r->outcome));
    const tito_test_result *t = test_named(r, "test_unit_after_close");
    cr_expect_eq(t->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(t->message, "report channel"), "%s", t->message);
    tito_result_free(r);
}
