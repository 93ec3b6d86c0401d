/* tito_runner_complete end to end on fixtures/course (tiny notebooks): convert,
 * test through the harness, export; each test works in a fresh copy. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner/runner.h"

static char tmp[] = "/tmp/tito-complete-XXXXXX";
static char course[PATH_MAX], work[PATH_MAX];

static void setup(void)
{
    char src[PATH_MAX], cmd[3 * PATH_MAX];
    strcpy(tmp, "/tmp/tito-complete-XXXXXX");
    cr_assert_not_null(mkdtemp(tmp));
    cr_assert_not_null(realpath("fixtures/course", src));
    snprintf(course, sizeof course, "%s/course", tmp);
    snprintf(work, sizeof work, "%s/work", tmp);
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s'", src, course);
    cr_assert_eq(system(cmd), 0);
}

static void teardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    cr_expect_eq(system(cmd), 0);
}

static char module_dir[2 * PATH_MAX];

static tito_runner_opts opts_for(const char *module)
{
    tito_runner_opts o = TITO_RUNNER_OPTS_INIT;
    snprintf(module_dir, sizeof module_dir, "%s/modules/%s", course, module);
    o.course_dir = course;
    o.module_dir = module_dir;
    o.work_dir = work;
    o.per_test_timeout_s = 20;
    o.limits.timeout_ms = 60000;
    return o;
}

static tito_result *complete(const tito_runner_opts *o)
{
    tito_result *r = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_runner_complete(&r, o, &err);
    cr_assert_eq(rc, 0, "tito_runner_complete: %s", err.message);
    cr_assert_not_null(r);
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

static int exists(const char *rel)
{
    char p[2 * PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", course, rel);
    return access(p, F_OK) == 0;
}

static int has(const char *hay, const char *needle)
{
    return hay != NULL && strstr(hay, needle) != NULL;
}

TestSuite(complete, .init = setup, .fini = teardown, .timeout = 180);

Test(complete, passing_module_converts_tests_and_exports)
{
    tito_runner_opts o = opts_for("01_alpha");
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s\n%s", r->message, r->log);
    cr_expect_eq(r->exit_code, 0);
    cr_expect_str_eq(r->py_path, "modules/01_alpha/01_alpha.py");
    cr_expect(exists("modules/01_alpha/01_alpha.py"));
    cr_expect_eq(r->ntests, 2);
    const tito_test_result *t = named(r, "test_unit_double");
    cr_expect_eq(t->outcome, TITO_OUTCOME_PASSED);
    cr_expect_float_eq(t->points, 10, 1e-9);
    cr_expect_float_eq(named(r, "test_module")->max_points, 5, 1e-9);
    cr_expect(exists("tinytorch/core/alpha.py"));
    int found = 0;
    for (size_t i = 0; i < r->nexports; i++)
        found |= strcmp(r->exports[i], "tinytorch/core/alpha.py") == 0;
    cr_expect(found, "exports do not list tinytorch/core/alpha.py");
    cr_expect(has(r->log, "Converted"), "%s", r->log);
    cr_expect(has(r->log, "double works correctly"), "%s", r->log);
    cr_expect(has(r->log, "Exported: tinytorch/core/alpha.py"), "%s", r->log);
    cr_expect_gt(r->duration_ms, 0);
    cr_expect_eq(r->sandboxed, 0);
    cr_expect_not_null(r->limits);
    tito_result_free(r);

    /* 02 imports what 01 exported (PYTHONPATH = course dir) */
    o = opts_for("02_beta");
    r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s\n%s", r->message, r->log);
    cr_expect(exists("tinytorch/core/beta.py"));
    tito_result_free(r);
}

Test(complete, script_mode_gives_the_same_verdict)
{
    tito_runner_opts o = opts_for("01_alpha");
    o.test_mode = TITO_TEST_MODE_SCRIPT;
    o.skip_export = 1;
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s\n%s", r->message, r->log);
    cr_expect_eq(named(r, "double works correctly!")->outcome, TITO_OUTCOME_PASSED);
    cr_expect(!exists("tinytorch/core/alpha.py"));
    tito_result_free(r);

    o = opts_for("03_gamma");
    o.test_mode = TITO_TEST_MODE_SCRIPT;
    r = complete(&o);
    cr_expect_neq(r->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(complete, failing_module_is_not_exported)
{
    tito_runner_opts o = opts_for("03_gamma");
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_FAILED, "%s", tito_outcome_str(r->outcome));
    const tito_test_result *t = named(r, "test_unit_half");
    cr_expect_eq(t->outcome, TITO_OUTCOME_FAILED);
    cr_expect(has(t->message, "half(4) should be 2"), "%s", t->message);
    cr_expect_float_eq(t->points, 0, 1e-9);
    cr_expect_float_eq(t->max_points, 4, 1e-9);
    cr_expect_eq(named(r, "test_unit_other")->outcome, TITO_OUTCOME_PASSED);
    cr_expect_float_eq(named(r, "test_unit_other")->points, 1, 1e-9);
    cr_expect(!exists("tinytorch/core/gamma.py"));
    cr_expect_eq(r->nexports, 0);
    cr_expect(has(r->message, "test_unit_half"), "%s", r->message);
    tito_result_free(r);
}

Test(complete, skip_tests_exports_without_running)
{
    tito_runner_opts o = opts_for("03_gamma");
    o.skip_tests = 1;
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_eq(r->ntests, 0);
    cr_expect_eq(r->exit_code, -1);
    cr_expect(exists("tinytorch/core/gamma.py"));
    tito_result_free(r);
}

Test(complete, whole_run_timeout_fails_closed)
{
    tito_runner_opts o = opts_for("04_delta");
    o.limits.timeout_ms = 1500;
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_TIMEOUT, "%s", tito_outcome_str(r->outcome));
    cr_expect_eq(named(r, "test_unit_fast")->outcome, TITO_OUTCOME_PASSED);
    const tito_test_result *t = named(r, "test_unit_never");
    cr_expect_eq(t->outcome, TITO_OUTCOME_ERROR);
    cr_expect_str_eq(t->message, "not run: the process timed out after 1 s");
    cr_expect(!exists("tinytorch/core/delta.py"));
    tito_result_free(r);
}

Test(complete, export_failure_is_an_error_result)
{
    tito_runner_opts o = opts_for("05_noexp");
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR, "%s", tito_outcome_str(r->outcome));
    cr_expect(has(r->message, "export failed"), "%s", r->message);
    cr_expect_eq(named(r, "test_unit_f")->outcome, TITO_OUTCOME_PASSED);
    tito_result_free(r);
}

Test(complete, bad_notebook_is_an_error_result)
{
    tito_runner_opts o = opts_for("06_bad");
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect_eq(r->exit_code, -1);
    cr_expect(has(r->message, "06_bad.ipynb"), "%s", r->message);
    cr_expect(has(r->message, "line 2"), "%s", r->message);
    cr_expect_null(r->py_path);
    cr_expect_eq(r->ntests, 0);
    tito_result_free(r);

    o = opts_for("07_missing");
    r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect(has(r->message, "no notebook"), "%s", r->message);
    tito_result_free(r);
}

Test(complete, py_out_and_explicit_notebook)
{
    char out[2 * PATH_MAX], nb[3 * PATH_MAX];
    tito_runner_opts o = opts_for("01_alpha");
    snprintf(out, sizeof out, "%s/elsewhere.py", tmp);
    snprintf(nb, sizeof nb, "%s/01_alpha.ipynb", module_dir);
    o.py_out = out;
    o.notebook = nb;
    o.skip_export = 1;
    tito_result *r = complete(&o);
    cr_expect_eq(r->outcome, TITO_OUTCOME_PASSED, "%s", r->message);
    cr_expect_eq(access(out, F_OK), 0);
    cr_expect(!exists("modules/01_alpha/01_alpha.py"));
    cr_expect_str_eq(r->py_path, out);
    tito_result_free(r);
}

Test(complete, infrastructure_failure_is_negative)
{
    tito_runner_opts o = opts_for("01_alpha");
    o.python = "/nonexistent/python3";
    tito_result *r = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_expect_lt(tito_runner_complete(&r, &o, &err), 0);
    cr_expect_null(r);
    cr_expect(has(err.message, "/nonexistent/python3"), "%s", err.message);
}
