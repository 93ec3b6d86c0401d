/* tito_proc_run without the sandbox: exit codes, signals, capture, the fd 3
 * channel, limits, and that nothing of the child's group survives a run. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/proc.h"

static tito_proc_opts sh_opts(const char *script)
{
    static const char *argv[4];
    static const char *const envp[] = {"PATH=/usr/bin:/bin", "TITO_TEST_VAR=hello", NULL};
    argv[0] = "/bin/sh";
    argv[1] = "-c";
    argv[2] = script;
    argv[3] = NULL;
    tito_proc_opts o;
    memset(&o, 0, sizeof o);
    tito_limits l = TITO_LIMITS_DEFAULT;
    l.timeout_ms = 20000;
    o.argv = argv;
    o.envp = envp;
    o.cwd = "/tmp";
    o.limits = l;
    return o;
}

static void run(tito_proc_result *res, const tito_proc_opts *o)
{
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_proc_run(res, o, &err);
    cr_assert_eq(rc, 0, "tito_proc_run: %s", err.message);
}

/* A pid is gone when kill(0) says so or it is a zombie waiting for init. */
static int pid_gone(pid_t pid)
{
    for (int i = 0; i < 100; i++) {
        if (kill(pid, 0) < 0 && errno == ESRCH)
            return 1;
        char path[64], buf[256];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            return 1;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        char *rp = strrchr(buf, ')');
        if (rp != NULL && rp[1] == ' ' && (rp[2] == 'Z' || rp[2] == 'X'))
            return 1;
        usleep(20000);
    }
    return 0;
}

Test(proc, exit_code_and_streams)
{
    tito_proc_opts o = sh_opts("echo out; echo err >&2; echo rep >&3; echo $TITO_TEST_VAR; exit 3");
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.exit_code, 3);
    cr_expect_eq(r.term_signal, 0);
    cr_expect_str_eq(r.out, "out\nhello\n");
    cr_expect_str_eq(r.err, "err\n");
    cr_expect_str_eq(r.report, "rep\n");
    cr_expect_eq(r.timed_out, 0);
    cr_expect_eq(r.output_truncated, 0);
    tito_proc_result_dispose(&r);
}

Test(proc, stdin_is_dev_null_and_cwd_applies)
{
    tito_proc_opts o = sh_opts("cat; pwd");
    o.cwd = "/usr";
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.exit_code, 0);
    cr_expect_str_eq(r.out, "/usr\n");
    tito_proc_result_dispose(&r);
}

Test(proc, killed_by_signal)
{
    tito_proc_opts o = sh_opts("kill -SEGV $$");
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.exit_code, -1);
    cr_expect_eq(r.term_signal, SIGSEGV);
    cr_expect_eq(r.timed_out, 0);
    tito_proc_result_dispose(&r);
}

Test(proc, sigsys_is_a_violation)
{
    tito_proc_opts o = sh_opts("kill -SYS $$");
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.term_signal, SIGSYS);
    cr_expect_eq(r.violation, 1);
    tito_proc_result_dispose(&r);
}

Test(proc, timeout_kills_whole_group_including_grandchild, .timeout = 30)
{
    tito_proc_opts o = sh_opts("sleep 100 & echo $! >&3; sleep 100");
    o.limits.timeout_ms = 500;
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.timed_out, 1);
    cr_expect_eq(r.term_signal, SIGKILL);
    cr_expect_eq(r.exit_code, -1);
    cr_expect_lt(r.wall_ms, 5000);
    int gc = atoi(r.report);
    cr_assert_gt(gc, 1);
    cr_expect(pid_gone(gc), "grandchild %d survived the timeout", gc);
    tito_proc_result_dispose(&r);
}

Test(proc, grandchild_holding_pipes_is_killed_after_normal_exit, .timeout = 30)
{
    /* The background sleep keeps stdout open: without the group kill the
     * run would last 100 s. */
    tito_proc_opts o = sh_opts("sleep 100 & echo $! >&3; echo done");
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.exit_code, 0);
    cr_expect_eq(r.timed_out, 0);
    cr_expect_lt(r.wall_ms, 5000);
    cr_expect_str_eq(r.out, "done\n");
    int gc = atoi(r.report);
    cr_assert_gt(gc, 1);
    cr_expect(pid_gone(gc), "grandchild %d survived", gc);
    tito_proc_result_dispose(&r);
}

Test(proc, output_cap_truncates_and_kills, .timeout = 30)
{
    tito_proc_opts o = sh_opts("yes");
    o.limits.output_bytes = 1000;
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.output_truncated, 1);
    cr_expect_eq(r.out_len, 1000);
    cr_expect_eq(r.term_signal, SIGKILL);
    cr_expect_eq(r.timed_out, 0);
    tito_proc_result_dispose(&r);
}

Test(proc, cpu_limit, .timeout = 30)
{
    tito_proc_opts o = sh_opts("while :; do :; done");
    o.limits.cpu_ms = 1000;
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.cpu_exceeded, 1);
    cr_expect_eq(r.timed_out, 0);
    cr_expect_neq(r.term_signal, 0);
    tito_proc_result_dispose(&r);
}

Test(proc, file_size_limit)
{
    char dir[] = "/tmp/tito-proc-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    tito_proc_opts o = sh_opts("head -c 100000 /dev/zero > big; echo after");
    o.cwd = dir;
    o.limits.disk_bytes = 1000;
    tito_proc_result r;
    run(&r, &o);
    /* sh's child head gets SIGXFSZ; sh itself goes on. What matters: the
     * file stays capped. */
    char path[128];
    snprintf(path, sizeof path, "%s/big", dir);
    struct stat st;
    cr_expect_eq(stat(path, &st), 0);
    cr_expect_leq(st.st_size, 1000);
    unlink(path);
    rmdir(dir);
    tito_proc_result_dispose(&r);

    o = sh_opts("exec head -c 100000 /dev/zero > big");
    o.cwd = dir;
    cr_assert_eq(mkdir(dir, 0700), 0);
    o.limits.disk_bytes = 1000;
    run(&r, &o);
    cr_expect_eq(r.term_signal, SIGXFSZ);
    cr_expect_eq(r.disk_exceeded, 1);
    unlink(path);
    rmdir(dir);
    tito_proc_result_dispose(&r);
}

Test(proc, other_fds_are_closed_in_child)
{
    int fd = open("/dev/null", O_RDONLY); /* deliberately inheritable */
    cr_assert_geq(fd, 0);
    char script[128];
    snprintf(script, sizeof script, "if [ -e /proc/self/fd/%d ]; then echo leaked; else echo closed; fi", fd);
    tito_proc_opts o = sh_opts(script);
    tito_proc_result r;
    run(&r, &o);
    cr_expect_str_eq(r.out, "closed\n");
    close(fd);
    tito_proc_result_dispose(&r);
}

Test(proc, fd4_carries_its_data_and_is_closed_without)
{
    tito_proc_opts o = sh_opts("cat <&4; echo; if [ -e /proc/self/fd/4 ]; then echo open; fi; "
                               "echo more >&4 2>/dev/null || echo sealed");
    static const char data[] = "line one\nline two";
    o.fd4_data = data;
    o.fd4_len = sizeof data - 1;
    tito_proc_result r;
    run(&r, &o);
    cr_expect_str_eq(r.out, "line one\nline two\nopen\nsealed\n");
    tito_proc_result_dispose(&r);

    o = sh_opts("if [ -e /proc/self/fd/4 ]; then echo open; else echo closed; fi");
    run(&r, &o);
    cr_expect_str_eq(r.out, "closed\n", "no fd4_data: no fd 4");
    tito_proc_result_dispose(&r);
}

Test(proc, ignored_signals_are_reset_in_child)
{
    signal(SIGTERM, SIG_IGN);
    tito_proc_opts o = sh_opts("kill -TERM $$; echo survived");
    tito_proc_result r;
    run(&r, &o);
    signal(SIGTERM, SIG_DFL);
    cr_expect_eq(r.term_signal, SIGTERM);
    tito_proc_result_dispose(&r);
}

Test(proc, exec_failure_is_an_infrastructure_error)
{
    const char *argv[] = {"/nonexistent/python3", NULL};
    tito_proc_opts o = sh_opts("true");
    o.argv = argv;
    tito_proc_result r;
    tito_error err = TITO_ERROR_INIT;
    cr_expect_lt(tito_proc_run(&r, &o, &err), 0);
    cr_expect(strstr(err.message, "/nonexistent/python3") != NULL, "%s", err.message);
    cr_expect_null(r.out);

    const char *rel[] = {"python3", NULL};
    o.argv = rel;
    cr_expect_eq(tito_proc_run(&r, &o, &err), TITO_EINVALID);

    o = sh_opts("true");
    o.cwd = "/nonexistent-dir";
    cr_expect_lt(tito_proc_run(&r, &o, &err), 0);
    cr_expect(strstr(err.message, "chdir") != NULL, "%s", err.message);
}

Test(proc, large_output_on_all_streams_without_deadlock, .timeout = 60)
{
    tito_proc_opts o = sh_opts("head -c 300000 /dev/zero | tr '\\0' a >&2; head -c 300000 /dev/zero | tr '\\0' b;"
                               "head -c 300000 /dev/zero | tr '\\0' c >&3");
    tito_proc_result r;
    run(&r, &o);
    cr_expect_eq(r.exit_code, 0);
    cr_expect_eq(r.out_len, 300000);
    cr_expect_eq(r.err_len, 300000);
    cr_expect_eq(r.report_len, 300000);
    tito_proc_result_dispose(&r);
}

Test(proc, sandbox_delegates)
{
    tito_proc_opts o = sh_opts("true");
    o.sandbox = 1;
    tito_proc_result r;
    tito_error err = TITO_ERROR_INIT;
    /* Where the sandbox cannot run (no root, a chroot) the failure must come
     * from the sandbox and say so; elsewhere the child runs. */
    int rc = tito_proc_run(&r, &o, &err);
    if (rc < 0)
        cr_expect(err.klass == TITO_ERROR_SANDBOX || strncmp(err.message, "sandbox", 7) == 0, "%s",
                  err.message);
    else
        tito_proc_result_dispose(&r);
}
