/* Driver for scripts/bench-sandbox (skipped unless TITO_BENCH_SANDBOX is set):
 * the same job run unsandboxed and sandboxed, interleaved, N rounds each;
 * prints one JSON line per job with the medians. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc/proc.h"
#include "sandbox/sandbox.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double once(const tito_proc_opts *o)
{
    tito_proc_result r;
    tito_error err = TITO_ERROR_INIT;
    double t0 = now_ms();
    int rc = tito_proc_run(&r, o, &err);
    double t = now_ms() - t0;
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(r.exit_code, 0, "job failed: %s", r.err);
    tito_proc_result_dispose(&r);
    return t;
}

static void bench(const char *name, const char *const *argv, int n)
{
    char work[] = "/tmp/tito-bench.XXXXXX";
    cr_assert_not_null(mkdtemp(work));
    static const char *const envp[] = {"PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", NULL};
    tito_proc_opts o;
    memset(&o, 0, sizeof o);
    tito_limits l = TITO_LIMITS_DEFAULT;
    l.timeout_ms = 30000;
    o.argv = argv;
    o.envp = envp;
    o.cwd = work;
    o.work_dir = work;
    o.limits = l;
    double *plain = calloc((size_t)n, sizeof *plain), *sand = calloc((size_t)n, sizeof *sand);
    cr_assert(plain != NULL && sand != NULL);
    /* One warm-up of each (page cache, cgroup parents), then interleaved,
     * alternating which goes first, so load changes hit both alike. */
    o.sandbox = 0;
    once(&o);
    o.sandbox = 1;
    once(&o);
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
            int sb = (i + k) % 2;
            o.sandbox = sb;
            (sb ? sand : plain)[i] = once(&o);
        }
    }
    double mp = median(plain, n), ms = median(sand, n); /* sorts both */
    printf("{\"job\": \"%s\", \"rounds\": %d, \"plain_ms\": %.2f, \"sandbox_ms\": %.2f, \"overhead_ms\": %.2f, "
           "\"ratio\": %.3f, \"plain_min_ms\": %.2f, \"sandbox_min_ms\": %.2f}\n",
           name, n, mp, ms, ms - mp, ms / mp, plain[0], sand[0]);
    fflush(stdout);
    free(plain);
    free(sand);
    rmdir(work);
}

Test(bench, sandbox_overhead)
{
    const char *on = getenv("TITO_BENCH_SANDBOX");
    if (on == NULL || *on == '\0')
        cr_skip_test("set TITO_BENCH_SANDBOX=ROUNDS (scripts/bench-sandbox)");
    tito_error err = TITO_ERROR_INIT;
    if (tito_sandbox_check(&err) < 0)
        cr_skip_test("%s", err.message);
    int n = atoi(on) > 0 ? atoi(on) : 20;
    static const char *const tru[] = {"/bin/true", NULL};
    static const char *const pass[] = {"/usr/bin/python3", "-c", "pass", NULL};
    static const char *const np[] = {"/usr/bin/python3", "-c", "import numpy", NULL};
    bench("/bin/true", tru, n);
    bench("python3 -c pass", pass, n);
    bench("python3 -c 'import numpy'", np, n);
}
