/* The vendored TinyTorch course through the worker: 01_tensor from the
 * course alone, then 02_activations with its prerequisite package coming
 * from 01's export bundle as the deps bundle (--deps own), the way a
 * coordinator chains a student's modules. */
#include "helpers.h"

static wt t;

static void setup(void)
{
    wt_setup(&t);
    wt_course(&t, "examples/tinytorch");
}

static void teardown(void)
{
    wt_teardown(&t);
}

TestSuite(worker_tinytorch, .init = setup, .fini = teardown, .timeout = 400);

Test(worker_tinytorch, tensor_then_activations_on_its_export)
{
    char a[128], b[128];
    wt_job(&t, a, sizeof(a), "01_tensor", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 300);
    char *log = wt_log(&t, "w1");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);
    char *s = wt_status(&t, a);
    cr_assert_str_eq(s, "passed", "log:\n%s", log);
    free(s);
    char *deps = wt_sql(&t, "SELECT export_sha FROM jobs WHERE id = $1", a);
    cr_assert_not_null(deps);
    free(log);

    wt_job_full(&t, b, sizeof(b), "02_activations", NULL, deps, TITO_JOB_KIND_COMPLETE);
    w = wt_worker(&t, "w2", "--until-empty", NULL);
    st = wt_wait_exit(w, 300);
    log = wt_log(&t, "w2");
    cr_assert(WT_EXITED_OK(st), "log:\n%s", log);
    s = wt_status(&t, b);
    char *e = wt_sql(&t, "SELECT error FROM jobs WHERE id = $1", b);
    cr_expect_str_eq(s, "passed", "error: %s; log:\n%s", e ? e : "-", log);
    free(e);
    free(s);
    free(deps);
    free(log);
}
