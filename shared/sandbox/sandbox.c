/* tito_sandbox_run: the child in fresh pid, mount, network, ipc and uts
 * namespaces, a fresh cgroup, a minimal read-only root, an unprivileged uid,
 * no_new_privs, no capabilities, a seccomp filter, rlimits.
 *
 * Process tree:
 *   caller ── clone(NEW{PID,NS,NET,IPC,UTS}) ──> init (pid 1, root)
 *                                                  joins the cgroup, builds the
 *                                                  root (rootfs.c), forks:
 *                                                └─> job (pid 2): drops to the
 *                                                    sandbox uid, seccomp, exec
 * init only reaps; when the job exits it reports the job's wait status (and
 * whether the disk tmpfs is full) on a status pipe and exits, and the kernel
 * kills everything left in the pid namespace: setsid/double-fork escapees and
 * background processes cannot survive a run. Timeouts and caps kill init
 * (SIGKILL from the parent namespace cannot be ignored), with the same effect.
 * The job is not pid 1 itself because pid 1 ignores signals it has no handler
 * for, which would change how student code dies.
 *
 * Capture, deadline and output caps are proc.c's loop (tito_proc__supervise).
 * Any setup failure is an infrastructure error: nothing ever runs
 * unsandboxed when the sandbox was asked for. */
#include "sandbox/sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc/proc_private.h"
#include "sandbox/sandbox_private.h"

#define NS_FLAGS (CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS)
#define DEFAULT_OPEN_FILES 256
/* Free space under which the work/tmp tmpfs counts as "filled". */
#define DISK_FULL_SLACK (64 * 1024)
/* Leftovers of killed workers older than this are removed by the check. */
#define SWEEP_AGE_S 600

enum { MSG_DONE = 1, MSG_SETUP = 2 };

/* init/job -> parent on the status pipe; one write each, < PIPE_BUF. */
typedef struct msg {
    int kind;
    int status;    /* MSG_DONE: the job's wait status */
    int disk_full; /* MSG_DONE */
    int err;       /* MSG_SETUP: errno */
    char step[112];
} msg;

/* The run's state, shared by the parent and (copied by clone) the child. */
typedef struct sb {
    const tito_proc_opts *opts;
    char root[64];
    tito_cgroup cg;
    int out[2], errp[2], rep[2], status[2];
    int devnull;
    int fd4; /* opts->fd4_data as a sealed memfd, or -1 */
    pid_t init;
    double next_cpu_check;
} sb;

static void close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- child side: async-signal-safe from here to execve ---- */

static void send_msg(int fd, const msg *m)
{
    ssize_t w = write(fd, m, sizeof *m);
    (void)w;
}

static void __attribute__((noreturn)) setup_fail(int fd, const char *step)
{
    msg m;
    memset(&m, 0, sizeof m);
    m.kind = MSG_SETUP;
    m.err = errno;
    size_t n = strlen(step);
    if (n >= sizeof m.step)
        n = sizeof m.step - 1;
    memcpy(m.step, step, n);
    send_msg(fd, &m);
    _exit(127);
}

static void set_limit(int resource, rlim_t v)
{
    struct rlimit rl = {v, v};
    (void)setrlimit(resource, &rl);
}

static void __attribute__((noreturn)) job_main(sb *s)
{
    const tito_proc_opts *o = s->opts;
    const tito_limits *l = &o->limits;
    int wfd[3] = {s->out[1], s->errp[1], s->rep[1]};
    int sfd = tito_proc__child_stdio(s->devnull, wfd, s->fd4, s->status[1]);
    if (sfd < 0)
        setup_fail(s->status[1], "set up fds");

    if (l->cpu_ms > 0) {
        rlim_t sec = (rlim_t)((l->cpu_ms + 999) / 1000);
        /* Soft: SIGXCPU (cpu_exceeded); hard one second later: SIGKILL. */
        struct rlimit rl = {sec, sec + 1};
        (void)setrlimit(RLIMIT_CPU, &rl);
    }
    /* Memory is the cgroup's job: RLIMIT_AS counts reserved address space,
     * which numpy's thread pools inflate far beyond what they touch. */
    if (l->disk_bytes > 0)
        set_limit(RLIMIT_FSIZE, (rlim_t)l->disk_bytes);
    set_limit(RLIMIT_NOFILE, (rlim_t)(l->open_files > 0 ? l->open_files : DEFAULT_OPEN_FILES));
    set_limit(RLIMIT_CORE, 0);
    /* Not RLIMIT_NPROC: per uid, so shared by concurrent jobs; pids.max of
     * the job's cgroup bounds fork bombs instead. */
    /* init's -1000 is inherited: the job must be the OOM killer's choice. */
    int oom = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (oom < 0 || write(oom, "0", 1) != 1)
        setup_fail(sfd, "reset oom_score_adj");
    close(oom);

    /* Capabilities: empty the bounding set (needs CAP_SETPCAP, so before the
     * uid change); the change of all uids from 0 clears the rest. */
    for (int c = 0; c <= CAP_LAST_CAP; c++) {
        if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
            setup_fail(sfd, "drop capability bounding set");
    }
    if (setgroups(0, NULL) < 0 || setresgid(TITO_SANDBOX_GID, TITO_SANDBOX_GID, TITO_SANDBOX_GID) < 0)
        setup_fail(sfd, "setresgid");
    if (setresuid(TITO_SANDBOX_UID, TITO_SANDBOX_UID, TITO_SANDBOX_UID) < 0)
        setup_fail(sfd, "setresuid");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        setup_fail(sfd, "no_new_privs");
    const char *cwd = o->cwd != NULL ? o->cwd : o->work_dir != NULL ? o->work_dir : "/tmp";
    if (chdir(cwd) < 0)
        setup_fail(sfd, "chdir to the job's cwd");
    if (tito_sandbox__seccomp() < 0)
        setup_fail(sfd, "load the seccomp filter");
    static const char *const empty_env[] = {NULL};
    execve(o->argv[0], (char *const *)o->argv, (char *const *)(o->envp != NULL ? o->envp : empty_env));
    setup_fail(sfd, "exec");
}

static int __attribute__((noreturn)) init_main(sb *s)
{
    int sfd = s->status[1];
    close_fd(&s->out[0]);
    close_fd(&s->errp[0]);
    close_fd(&s->rep[0]);
    close_fd(&s->status[0]);
    if (tito_sandbox__cg_join(&s->cg) < 0)
        setup_fail(sfd, "join the job's cgroup");
    tito_sandbox__cg_close_fds(&s->cg);
    /* A cgroup namespace rooted at the job's cgroup: /proc/self/cgroup shows
     * "/", not the host's hierarchy. (After joining: the root is fixed then.) */
    if (unshare(CLONE_NEWCGROUP) < 0)
        setup_fail(sfd, "unshare the cgroup namespace");
    /* If the worker dies, so does the job (and with init, the namespace).
     * getppid() is 0 across the pid namespace boundary, so the race with a
     * parent that died before the prctl is closed by the status pipe: a
     * pipe's write end polls POLLERR once its reader is gone. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
        setup_fail(sfd, "set the parent-death signal");
    struct pollfd pfd = {sfd, POLLOUT, 0};
    if (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLERR | POLLHUP)))
        _exit(127);
    /* The OOM killer must pick the job, never its init. */
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t w = write(fd, "-1000", 5);
        (void)w;
        close(fd);
    }
    if (sethostname("tito", 4) < 0)
        setup_fail(sfd, "sethostname");
    int scratch = -1;
    const char *step = "rootfs";
    if (tito_sandbox__rootfs(s->opts, s->root, &scratch, &step) < 0)
        setup_fail(sfd, step);

    /* vfork: the job borrows init's memory until its execve instead of
     * copying it (a copy of the whole worker's address space, made a moment
     * ago by clone). init waits meanwhile, and job_main only reads *s and
     * writes its own stack and fds (scratch is close-on-exec). */
    pid_t job = vfork();
    if (job < 0)
        setup_fail(sfd, "fork the job");
    if (job == 0)
        job_main(s);
    close_fd(&s->out[1]);
    close_fd(&s->errp[1]);
    close_fd(&s->rep[1]);
    close_fd(&s->devnull);

    msg m;
    memset(&m, 0, sizeof m);
    m.kind = MSG_DONE;
    for (;;) {
        int st = 0;
        pid_t p = waitpid(-1, &st, 0);
        if (p < 0 && errno == EINTR)
            continue;
        if (p < 0) {
            m.status = 0x7f00; /* cannot happen: the job is our child */
            break;
        }
        if (p == job) {
            m.status = st;
            break;
        }
    }
    struct statfs sf;
    if (scratch >= 0 && fstatfs(scratch, &sf) == 0)
        m.disk_full = (unsigned long long)sf.f_bavail * (unsigned long long)sf.f_bsize < DISK_FULL_SLACK;
    send_msg(sfd, &m);
    /* Exiting kills whatever the job left in the namespace. */
    _exit(0);
}

/* ---- parent side ---- */

static void kill_init(void *ctx)
{
    sb *s = ctx;
    if (s->init > 0)
        kill(s->init, SIGKILL); /* unreaped until wait4: cannot be a reused pid */
}

static int tick(void *ctx, tito_proc_result *res)
{
    sb *s = ctx;
    int cpu_ms = s->opts->limits.cpu_ms;
    /* RLIMIT_CPU is per process; the cgroup sums all the job's processes.
     * Read at most every 50 ms (a chatty job wakes the loop far more often). */
    double t = now_ms();
    if (cpu_ms <= 0 || t < s->next_cpu_check)
        return 0;
    s->next_cpu_check = t + 50;
    if (tito_sandbox__cg_cpu_ms(&s->cg) >= cpu_ms) {
        res->cpu_exceeded = 1;
        return 1;
    }
    return 0;
}

static int make_pipe(int p[2], tito_error *err)
{
    if (pipe2(p, O_CLOEXEC) < 0)
        return tito_error_set_os(err, TITO_EIO, "sandbox: pipe");
    return 0;
}

static int validate(const tito_proc_opts *o, tito_error *err)
{
    if (o->argv == NULL || o->argv[0] == NULL || o->argv[0][0] != '/')
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "sandbox: argv[0] must be an absolute path");
    if ((o->work_dir != NULL && o->work_dir[0] != '/') || (o->cwd != NULL && o->cwd[0] != '/') ||
        (o->hidden_dir != NULL && o->hidden_dir[0] != '/'))
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "sandbox: work_dir, cwd and hidden_dir must be absolute paths");
    return 0;
}

static void classify(tito_proc_result *res, sb *s, const msg *done, int status)
{
    const tito_limits *l = &s->opts->limits;
    int st = done != NULL ? done->status : status;
    if (done != NULL && WIFEXITED(st)) {
        res->exit_code = WEXITSTATUS(st);
    } else {
        /* Killed by us (init got the SIGKILL) or by a signal of its own. */
        int sig = WIFSIGNALED(st) ? WTERMSIG(st) : SIGKILL;
        res->exit_code = -1;
        res->term_signal = sig;
        if (sig == SIGXCPU)
            res->cpu_exceeded = 1;
        else if (sig == SIGXFSZ)
            res->disk_exceeded = 1;
        else if (sig == SIGSYS)
            res->violation = 1;
    }
    /* Limits hit are reported even when the job coped (a test caught the
     * MemoryError of a child's OOM kill, or the OSError of a full disk):
     * the run used up what it was given. */
    if (tito_sandbox__cg_oom_kills(&s->cg) > 0)
        res->oom_killed = 1;
    if (done != NULL && done->disk_full)
        res->disk_exceeded = 1;
    if (res->exit_code != 0 && l->cpu_ms > 0 && !res->timed_out && tito_sandbox__cg_cpu_ms(&s->cg) >= l->cpu_ms)
        res->cpu_exceeded = 1;
}

int tito_sandbox_run(tito_proc_result *res, const tito_proc_opts *opts, tito_error *err)
{
    sb s;
    int error = 0, have_root = 0, have_cg = 0;
    double start = now_ms();

    memset(&s, 0, sizeof s);
    s.opts = opts;
    s.out[0] = s.out[1] = s.errp[0] = s.errp[1] = s.rep[0] = s.rep[1] = s.status[0] = s.status[1] = -1;
    s.devnull = -1;
    s.fd4 = -1;
    s.init = -1;
    for (int i = 0; i < TITO_CG_MAXH; i++)
        s.cg.procs_fd[i] = -1;

    if ((error = validate(opts, err)) < 0 || (error = tito_sandbox__seccomp_prepare(err)) < 0)
        goto cleanup;
    /* The new root's mount point: an empty host dir, only ever mounted on in
     * the child's private mount namespace. Its name names the cgroup too. */
    snprintf(s.root, sizeof s.root, "/tmp/tito-sandbox.XXXXXX");
    if (mkdtemp(s.root) == NULL) {
        error = tito_error_set_os(err, TITO_EIO, "sandbox: mkdtemp");
        goto cleanup;
    }
    have_root = 1;
    if ((error = tito_sandbox__cg_create(&s.cg, strrchr(s.root, '/') + 1, &opts->limits, err)) < 0) {
        have_cg = 1;
        goto cleanup;
    }
    have_cg = 1;
    if ((error = make_pipe(s.out, err)) < 0 || (error = make_pipe(s.errp, err)) < 0 ||
        (error = make_pipe(s.rep, err)) < 0 || (error = make_pipe(s.status, err)) < 0)
        goto cleanup;
    s.devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (s.devnull < 0) {
        error = tito_error_set_os(err, TITO_EIO, "sandbox: open /dev/null");
        goto cleanup;
    }
    if (opts->fd4_data != NULL && (s.fd4 = tito_proc__memfd(opts->fd4_data, opts->fd4_len, err)) < 0) {
        error = s.fd4;
        s.fd4 = -1;
        goto cleanup;
    }

    /* clone without a new stack behaves like fork (the child runs on a copy
     * of ours) and, unlike unshare+fork, puts the child itself in the new pid
     * namespace as its pid 1. */
    s.init = (pid_t)syscall(SYS_clone, (unsigned long)(NS_FLAGS | SIGCHLD), NULL, NULL, NULL, 0UL);
    if (s.init < 0) {
        error = tito_error_set_os(err, TITO_ERROR, "sandbox: clone into new namespaces");
        goto cleanup;
    }
    if (s.init == 0)
        init_main(&s);

    close_fd(&s.out[1]);
    close_fd(&s.errp[1]);
    close_fd(&s.rep[1]);
    close_fd(&s.status[1]);
    close_fd(&s.devnull);
    close_fd(&s.fd4);
    tito_sandbox__cg_close_fds(&s.cg);

    {
        int fds[3] = {s.out[0], s.errp[0], s.rep[0]};
        s.out[0] = s.errp[0] = s.rep[0] = -1; /* owned by supervise */
        tito_proc__watch w = {s.init, kill_init, tick, &s};
        int status = 0;
        struct rusage ru;
        error = tito_proc__supervise(res, &opts->limits, &w, fds, &status, &ru, err);
        s.init = -1;
        if (error < 0)
            goto cleanup;

        msg m, done;
        int have_done = 0, have_setup = 0;
        msg setup;
        fcntl(s.status[0], F_SETFL, O_NONBLOCK);
        while (read(s.status[0], &m, sizeof m) == (ssize_t)sizeof m) {
            if (m.kind == MSG_DONE) {
                done = m;
                have_done = 1;
            } else if (m.kind == MSG_SETUP && !have_setup) {
                setup = m;
                have_setup = 1;
            }
        }
        if (have_setup) {
            setup.step[sizeof setup.step - 1] = '\0';
            errno = setup.err;
            error = tito_error_set_os(err, TITO_ERROR, "sandbox: %s", setup.step);
            goto cleanup;
        }
        if (!have_done && !res->timed_out && !res->output_truncated && !res->cpu_exceeded) {
            error = tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX,
                                   "sandbox: the sandbox's init died (wait status %#x) without a report", status);
            goto cleanup;
        }
        classify(res, &s, have_done ? &done : NULL, status);
    }

cleanup:
    if (s.init > 0) {
        kill(s.init, SIGKILL);
        while (waitpid(s.init, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    close_fd(&s.out[0]);
    close_fd(&s.out[1]);
    close_fd(&s.errp[0]);
    close_fd(&s.errp[1]);
    close_fd(&s.rep[0]);
    close_fd(&s.rep[1]);
    close_fd(&s.status[0]);
    close_fd(&s.status[1]);
    close_fd(&s.devnull);
    close_fd(&s.fd4);
    if (have_cg)
        tito_sandbox__cg_destroy(&s.cg);
    if (have_root)
        rmdir(s.root);
    res->wall_ms = now_ms() - start;
    return error;
}

/* ---- check ---- */

static int have_caps(char *missing, size_t n)
{
    static const struct {
        int cap;
        const char *name;
    } need[] = {{CAP_SYS_ADMIN, "CAP_SYS_ADMIN"}, {CAP_SETUID, "CAP_SETUID"},
                {CAP_SETGID, "CAP_SETGID"},       {CAP_CHOWN, "CAP_CHOWN"},
                {CAP_SETPCAP, "CAP_SETPCAP"}};
    char buf[4096];
    unsigned long long eff = 0;
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t r = read(fd, buf, sizeof buf - 1);
        close(fd);
        buf[r > 0 ? r : 0] = '\0';
        char *p = strstr(buf, "CapEff:");
        if (p != NULL)
            eff = strtoull(p + 7, NULL, 16);
    }
    missing[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        if (eff & (1ULL << need[i].cap))
            continue;
        int k = snprintf(missing + used, n - used, "%s%s", used ? ", " : "", need[i].name);
        if (k > 0 && (size_t)k < n - used)
            used += (size_t)k;
    }
    return missing[0] == '\0';
}

/* What killed workers left: empty job cgroups, and the host-side mount
 * point dirs (empty: the mounts lived in the job's namespace) of jobs whose
 * cgroups are gone. Only old ones: a young one may be a job being set up by
 * another worker, and rmdir of a live job's mount point would detach its
 * root. */
static void sweep(void)
{
    tito_sandbox__cg_sweep(SWEEP_AGE_S);
    DIR *d = opendir("/tmp");
    if (d == NULL)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char p[300];
        struct stat st;
        if (strncmp(e->d_name, "tito-sandbox.", 13) != 0 || tito_sandbox__cg_exists(e->d_name))
            continue;
        snprintf(p, sizeof p, "/tmp/%s", e->d_name);
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && now - st.st_mtime >= SWEEP_AGE_S)
            (void)rmdir(p);
    }
    closedir(d);
}

int tito_sandbox_check(tito_error *err)
{
    char missing[512];
    if (!have_caps(missing, sizeof missing))
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX,
                              "sandbox: need root (missing %s); run the worker as root or use --no-sandbox", missing);
    if (tito_sandbox__cg_detect(missing, sizeof missing) == 0)
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX, "sandbox: %s; or use --no-sandbox", missing);
    sweep();
    /* Namespaces, mounts, seccomp, cgroup limits: the only proof they all work
     * here (a container may forbid any of them) is a real run. */
    static const char *const argv[] = {"/bin/sh", "-c", "exit 0", NULL};
    tito_proc_opts o;
    memset(&o, 0, sizeof o);
    o.argv = argv;
    o.cwd = "/";
    tito_limits l = TITO_LIMITS_DEFAULT;
    l.timeout_ms = 10000;
    l.memory_bytes = (int64_t)64 << 20;
    l.pids = 8;
    l.disk_bytes = (int64_t)1 << 20;
    o.limits = l;
    tito_proc_result res;
    memset(&res, 0, sizeof res);
    tito_error e = TITO_ERROR_INIT;
    int rc = tito_sandbox_run(&res, &o, &e);
    int code = res.exit_code;
    tito_proc_result_dispose(&res);
    if (rc < 0)
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX,
                              "sandbox: cannot create a sandbox here (%s); or use --no-sandbox", e.message);
    if (code != 0)
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX,
                              "sandbox: a trivial sandboxed command failed (exit %d); or use --no-sandbox", code);
    return 0;
}
