/* tito_proc_run without the sandbox: fork/exec in a fresh process group with
 * rlimits, stdin from /dev/null, stdout/stderr/fd 3 captured through pipes into
 * capped buffers, and a wall-clock deadline enforced by killing the group.
 *
 * The group is killed (SIGKILL) whenever the run ends -- normal exit, timeout,
 * output overflow -- before the direct child is reaped: while the child is an
 * unreaped zombie its pid, which is also the group id, cannot be reused, so
 * killpg() can never hit an unrelated group. A grandchild that calls setsid()
 * escapes the group; only the sandbox (pid namespace) closes that hole. */
#include "proc/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc/proc_private.h"
#include "sandbox/sandbox.h"
#include "util/buf.h"

#define DEFAULT_OUTPUT_BYTES ((int64_t)1 << 20)
#define DEFAULT_OPEN_FILES 256
/* After the child exits, how long we keep draining pipes that a (now killed)
 * grandchild may still hold; the kernel closes them as soon as it dies. */
#define DRAIN_MS 2000

enum { S_OUT = 0, S_ERR = 1, S_REP = 2, S_N = 3 };

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

/* Child side, between fork and exec: async-signal-safe calls only. Writes the
 * errno of the failing step to errfd and exits 127. */
static void child_fail(int errfd, int what)
{
    int e[2] = {what, errno};
    ssize_t w = write(errfd, e, sizeof e);
    (void)w;
    _exit(127);
}

static void set_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit rl = {soft, hard};
    /* Best effort: lowering a limit only fails when it is already lower. */
    (void)setrlimit(resource, &rl);
}

static void child_close_from(int lowfd)
{
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0) == 0)
        return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = lowfd; fd < max; fd++)
        close(fd);
}

int tito_proc__memfd(const char *data, size_t len, tito_error *err)
{
    int fd = memfd_create("tito-fd4", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return tito_error_set_os(err, TITO_EIO, "proc: memfd_create");
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            tito_error_set_os(err, TITO_EIO, "proc: write memfd");
            close(fd);
            return TITO_EIO;
        }
        done += (size_t)w;
    }
    if (lseek(fd, 0, SEEK_SET) != 0 ||
        fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0) {
        tito_error_set_os(err, TITO_EIO, "proc: seal memfd");
        close(fd);
        return TITO_EIO;
    }
    return fd;
}

int tito_proc__child_stdio(int devnull, const int wfd[3], int fd4, int errfd)
{
    /* Move everything we need above 10 first, so the dup2 calls below cannot
     * clobber one another whatever numbers the parent's fds had. */
    int hi_null = fcntl(devnull, F_DUPFD, 10);
    int hi_out = fcntl(wfd[S_OUT], F_DUPFD, 10);
    int hi_err = fcntl(wfd[S_ERR], F_DUPFD, 10);
    int hi_rep = fcntl(wfd[S_REP], F_DUPFD, 10);
    int hi_fd4 = fd4 >= 0 ? fcntl(fd4, F_DUPFD, 10) : -1;
    int hi_errfd = fcntl(errfd, F_DUPFD_CLOEXEC, 10);
    if (hi_null < 0 || hi_out < 0 || hi_err < 0 || hi_rep < 0 || hi_errfd < 0 || (fd4 >= 0 && hi_fd4 < 0))
        return -1;
    errfd = hi_errfd;
    if (dup2(hi_null, 0) < 0 || dup2(hi_out, 1) < 0 || dup2(hi_err, 2) < 0 || dup2(hi_rep, 3) < 0)
        return -1;
    if (hi_fd4 >= 0 && dup2(hi_fd4, 4) < 0) /* dup2 leaves fd 4 open across exec */
        return -1;
    /* Close everything else but keep errfd (close-on-exec) until exec. */
    for (int fd = hi_fd4 >= 0 ? 5 : 4; fd < errfd; fd++)
        close(fd);
    child_close_from(errfd + 1);

    /* Signals: the caller may ignore or block some (SIGPIPE, SIGCHLD, ...);
     * ignored dispositions and the mask survive exec, student code must start
     * from the defaults. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int s = 1; s < NSIG; s++) {
        if (s == SIGKILL || s == SIGSTOP)
            continue;
        signal(s, SIG_DFL);
    }
    return errfd;
}

static void child_exec(const tito_proc_opts *opts, int devnull, const int wfd[S_N], int fd4, int errfd)
{
    int hi = tito_proc__child_stdio(devnull, wfd, fd4, errfd);
    if (hi < 0)
        child_fail(errfd, 1);
    errfd = hi;

    const tito_limits *l = &opts->limits;
    if (l->cpu_ms > 0) {
        rlim_t s = (rlim_t)((l->cpu_ms + 999) / 1000);
        /* Soft limit sends SIGXCPU (classified as cpu_exceeded); the hard
         * limit one second later is the SIGKILL backstop for code that
         * catches SIGXCPU. */
        set_limit(RLIMIT_CPU, s, s + 1);
    }
    if (l->memory_bytes > 0)
        set_limit(RLIMIT_AS, (rlim_t)l->memory_bytes, (rlim_t)l->memory_bytes);
    if (l->disk_bytes > 0)
        set_limit(RLIMIT_FSIZE, (rlim_t)l->disk_bytes, (rlim_t)l->disk_bytes);
    rlim_t nofile = (rlim_t)(l->open_files > 0 ? l->open_files : DEFAULT_OPEN_FILES);
    set_limit(RLIMIT_NOFILE, nofile, nofile);
    set_limit(RLIMIT_CORE, 0, 0);
    /* RLIMIT_NPROC is deliberately not set here: it counts every process and
     * thread of the real uid, not of this job, so on a developer's machine
     * (or under a worker running other jobs as the same user) it would make
     * numpy's thread pool or a plain fork fail for reasons unrelated to the
     * student's code, and for root it is ignored anyway. The sandbox enforces
     * `pids` with a cgroup. */

    if (opts->cwd != NULL && chdir(opts->cwd) < 0)
        child_fail(errfd, 2);
    static const char *const empty_env[] = {NULL};
    execve(opts->argv[0], (char *const *)opts->argv,
           (char *const *)(opts->envp != NULL ? opts->envp : empty_env));
    child_fail(errfd, 3);
}

/* Appends up to what the cap allows; returns 1 when data had to be dropped. */
static int take(tito_buf *b, const char *data, size_t n, size_t cap)
{
    size_t room = b->len < cap ? cap - b->len : 0;
    size_t keep = n < room ? n : room;
    if (keep > 0)
        tito_buf_put(b, data, keep);
    return keep < n;
}

static void kill_group(pid_t pid)
{
    if (killpg(pid, SIGKILL) < 0 && errno == ESRCH)
        kill(pid, SIGKILL);
}

/* Has the child exited? Does not reap it (WNOWAIT), see the file comment. */
static int child_exited(pid_t pid)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    for (;;) {
        if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0)
            return si.si_pid == pid;
        if (errno != EINTR)
            return 1; /* ECHILD: someone else reaped it; treat as gone */
    }
}

static void kill_direct(void *ctx)
{
    kill_group(*(const pid_t *)ctx);
}

int tito_proc__supervise(tito_proc_result *res, const tito_limits *l, const tito_proc__watch *w, int fds[3],
                         int *status, struct rusage *ru, tito_error *err)
{
    tito_buf bufs[S_N] = {TITO_BUF_INIT, TITO_BUF_INIT, TITO_BUF_INIT};
    size_t cap = (size_t)(l->output_bytes > 0 ? l->output_bytes : DEFAULT_OUTPUT_BYTES);
    pid_t pid = w->pid;
    int error = 0;
    double start = now_ms();
    double deadline = l->timeout_ms > 0 ? start + l->timeout_ms : 0;
    double drain_until = 0;
    int exited = 0, pidfd = -1;
    char chunk[65536];

    *status = 0;
    memset(ru, 0, sizeof *ru);
    /* A pidfd polls readable the moment the child exits: no waiting for the
     * next 50 ms round (Linux >= 5.3; without it, the rounds). */
#ifdef SYS_pidfd_open
    pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
    for (;;) {
        struct pollfd pfd[S_N + 1];
        int nfds = 0, map[S_N + 1];
        if (!exited && child_exited(pid)) {
            exited = 1;
            /* The direct child is done; anything left behind is a straggler
             * holding our pipes open. */
            w->kill(w->ctx);
            drain_until = now_ms() + DRAIN_MS;
        }
        for (int i = 0; i < S_N; i++) {
            if (fds[i] >= 0) {
                pfd[nfds].fd = fds[i];
                pfd[nfds].events = POLLIN;
                pfd[nfds].revents = 0;
                map[nfds++] = i;
            }
        }
        if (nfds == 0 && exited)
            break;
        double t = now_ms();
        if (exited && t >= drain_until)
            break;
        if (!exited && deadline > 0 && t >= deadline) {
            res->timed_out = 1;
            w->kill(w->ctx);
            exited = 1; /* the SIGKILL ends it; wait4 below collects it */
            drain_until = t + DRAIN_MS;
            continue;
        }
        if (!exited && w->tick != NULL && w->tick(w->ctx, res)) {
            w->kill(w->ctx);
            exited = 1;
            drain_until = t + DRAIN_MS;
            continue;
        }
        /* Wake up regularly: we learn of the exit by polling waitid (or the
         * pidfd), not by SIGCHLD, so nothing process-wide (signal handlers)
         * is touched. */
        int wait_ms = 50;
        if (!exited && deadline > 0 && deadline - t < wait_ms)
            wait_ms = (int)(deadline - t) + 1;
        int data_fds = nfds;
        if (!exited && pidfd >= 0) {
            pfd[nfds].fd = pidfd;
            pfd[nfds].events = POLLIN;
            pfd[nfds].revents = 0;
            map[nfds++] = -1;
        }
        if (nfds == 0) {
            struct timespec ts = {0, (long)wait_ms * 1000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        int pr = poll(pfd, (nfds_t)nfds, wait_ms);
        if (pr < 0) {
            if (errno == EINTR)
                continue;
            w->kill(w->ctx);
            error = tito_error_set_os(err, TITO_EIO, "proc: poll");
            goto cleanup;
        }
        for (int k = 0; k < data_fds; k++) {
            if (pfd[k].revents == 0)
                continue;
            int i = map[k];
            ssize_t n = read(fds[i], chunk, sizeof chunk);
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN)
                    continue;
                close_fd(&fds[i]);
                continue;
            }
            if (n == 0) {
                close_fd(&fds[i]);
                continue;
            }
            if (take(&bufs[i], chunk, (size_t)n, cap) && !res->output_truncated) {
                res->output_truncated = 1;
                w->kill(w->ctx);
            }
        }
    }

    {
        w->kill(w->ctx); /* still a zombie or running: safe, see file comment */
        pid_t r;
        do
            r = wait4(pid, status, 0, ru);
        while (r < 0 && errno == EINTR);
        pid = -1;
        if (r < 0) {
            error = tito_error_set_os(err, TITO_ERROR, "proc: wait");
            goto cleanup;
        }
    }

cleanup:
    if (pid > 0) {
        w->kill(w->ctx);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    for (int i = 0; i < S_N; i++)
        close_fd(&fds[i]);
    close_fd(&pidfd);
    if (error == 0) {
        res->out = tito_buf_detach(&bufs[S_OUT], &res->out_len);
        res->err = tito_buf_detach(&bufs[S_ERR], &res->err_len);
        res->report = tito_buf_detach(&bufs[S_REP], &res->report_len);
        if (res->out == NULL || res->err == NULL || res->report == NULL)
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    for (int i = 0; i < S_N; i++)
        tito_buf_dispose(&bufs[i]);
    return error;
}

static int run_direct(tito_proc_result *res, const tito_proc_opts *opts, tito_error *err)
{
    int pipes[S_N][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
    int errpipe[2] = {-1, -1};
    int devnull = -1, fd4 = -1;
    pid_t pid = -1;
    int error = 0;
    double start = now_ms();

    const tito_limits *l = &opts->limits;

    if (opts->argv == NULL || opts->argv[0] == NULL || opts->argv[0][0] != '/') {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "proc: argv[0] must be an absolute path");
        goto cleanup;
    }
    devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0) {
        error = tito_error_set_os(err, TITO_EIO, "proc: open /dev/null");
        goto cleanup;
    }
    if (opts->fd4_data != NULL && (fd4 = tito_proc__memfd(opts->fd4_data, opts->fd4_len, err)) < 0) {
        error = fd4;
        fd4 = -1;
        goto cleanup;
    }
    for (int i = 0; i < S_N; i++) {
        if (pipe2(pipes[i], O_CLOEXEC) < 0) {
            error = tito_error_set_os(err, TITO_EIO, "proc: pipe");
            goto cleanup;
        }
    }
    if (pipe2(errpipe, O_CLOEXEC) < 0) {
        error = tito_error_set_os(err, TITO_EIO, "proc: pipe");
        goto cleanup;
    }

    pid_t parent = getpid();
    pid = fork();
    if (pid < 0) {
        error = tito_error_set_os(err, TITO_EIO, "proc: fork");
        goto cleanup;
    }
    if (pid == 0) {
        setpgid(0, 0);
        /* If the caller dies (SIGKILLed worker or `tito module complete`),
         * student code must not run on as an orphan. getppid() closes the
         * race with a parent that died before the prctl. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 || getppid() != parent)
            _exit(127);
        int wfd[S_N] = {pipes[S_OUT][1], pipes[S_ERR][1], pipes[S_REP][1]};
        child_exec(opts, devnull, wfd, fd4, errpipe[1]);
    }
    /* Also in the parent: whichever runs first, the group exists before we
     * could ever need to kill it. EACCES after exec is harmless. */
    setpgid(pid, pid);
    for (int i = 0; i < S_N; i++)
        close_fd(&pipes[i][1]);
    close_fd(&errpipe[1]);
    close_fd(&devnull);
    close_fd(&fd4);

    /* Exec failure is an infrastructure problem (python missing), not a result. */
    {
        int e[2] = {0, 0};
        ssize_t n;
        do
            n = read(errpipe[0], e, sizeof e);
        while (n < 0 && errno == EINTR);
        if (n == (ssize_t)sizeof e) {
            waitpid(pid, NULL, 0);
            pid = -1;
            errno = e[1];
            error = tito_error_set_os(err, TITO_ERROR, "proc: %s %s",
                                      e[0] == 2 ? "chdir to" : e[0] == 3 ? "exec" : "set up fds for",
                                      e[0] == 2 ? (opts->cwd ? opts->cwd : "") : opts->argv[0]);
            goto cleanup;
        }
        close_fd(&errpipe[0]);
    }

    {
        int status = 0;
        struct rusage ru;
        int fds[S_N] = {pipes[S_OUT][0], pipes[S_ERR][0], pipes[S_REP][0]};
        tito_proc__watch w = {pid, kill_direct, NULL, &pid};
        for (int i = 0; i < S_N; i++)
            pipes[i][0] = -1; /* owned by supervise now */
        error = tito_proc__supervise(res, l, &w, fds, &status, &ru, err);
        pid = -1;
        if (error < 0)
            goto cleanup;
        if (WIFEXITED(status)) {
            res->exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            int sig = WTERMSIG(status);
            res->exit_code = -1;
            res->term_signal = sig;
            double cpu = (double)ru.ru_utime.tv_sec * 1000.0 + ru.ru_utime.tv_usec / 1000.0 +
                         (double)ru.ru_stime.tv_sec * 1000.0 + ru.ru_stime.tv_usec / 1000.0;
            if (sig == SIGXCPU || (sig == SIGKILL && l->cpu_ms > 0 && cpu >= l->cpu_ms && !res->timed_out))
                res->cpu_exceeded = 1;
            else if (sig == SIGXFSZ)
                res->disk_exceeded = 1;
            else if (sig == SIGSYS)
                res->violation = 1;
            /* A plain SIGKILL we did not send might be the kernel's OOM
             * killer, but without a cgroup we cannot tell: it stays
             * "signaled" (MemoryError is recognised by the harness). */
        }
    }

cleanup:
    if (pid > 0) {
        kill_group(pid);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    for (int i = 0; i < S_N; i++) {
        close_fd(&pipes[i][0]);
        close_fd(&pipes[i][1]);
    }
    close_fd(&errpipe[0]);
    close_fd(&errpipe[1]);
    close_fd(&devnull);
    close_fd(&fd4);
    res->wall_ms = now_ms() - start;
    return error;
}

int tito_proc_run(tito_proc_result *res, const tito_proc_opts *opts, tito_error *err)
{
    memset(res, 0, sizeof *res);
    res->exit_code = -1;
    int error;
    if (opts->sandbox)
        error = tito_sandbox_run(res, opts, err);
    else
        error = run_direct(res, opts, err);
    if (error < 0)
        tito_proc_result_dispose(res);
    return error;
}

void tito_proc_result_dispose(tito_proc_result *res)
{
    if (res == NULL)
        return;
    free(res->out);
    free(res->err);
    free(res->report);
    res->out = res->err = res->report = NULL;
    res->out_len = res->err_len = res->report_len = 0;
}
