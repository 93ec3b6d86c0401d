/* Per-job cgroups, v2 where the host offers memory+pids+cpu on the unified
 * hierarchy, v1 otherwise (memory, pids, cpu, and cpuacct for the usage).
 *
 * Each job gets a fresh cgroup (never reused, so no CPU time or memory
 * failcnt carries over between jobs, the isolate bug) under a "tito" parent:
 *   v1: <mount>/<ctrl>/tito/<job>  memory.limit_in_bytes, memory.memsw.limit_in_bytes
 *       (= the same, i.e. no swap; memory.swappiness=0 where memsw is missing),
 *       pids.max, a cpu cgroup of its own (<mount>/cpu/<job>, no parent),
 *       usage from cpuacct.usage;
 *   v2: <mount>[/<our cgroup>]/tito/<job>  memory.max, memory.swap.max=0,
 *       pids.max, the cpu controller, usage from cpu.stat.
 * CPU: the job's cgroup is one scheduling entity weighing as much as one busy
 * task per CPU (cpu.shares / cpu.weight), so concurrent jobs share the cores
 * fairly however many threads each runs, and a job competes with the host's
 * other tasks no worse than unsandboxed code with up to that many threads; and
 * limits.cpu_ms caps the CPU time summed over all its processes (read by the
 * capture loop's tick). Deliberately no bandwidth quota (cfs_quota/cpu.max):
 * a throttled job stalls up to a whole period at a time, which under load
 * turned a 0.1 s numpy import into 0.8 s and would skew per-test timeouts.
 * The child joins by writing "0" to fds opened here (v1: tasks, v2:
 * cgroup.procs), before it forks anything, so nothing of the job ever runs
 * outside. */
#include "sandbox/sandbox_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CG_ROOT "/sys/fs/cgroup"

/* snprintf for paths; a truncated path is cut, and then fails to exist. */
void tito_sandbox__pf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    if (k < 0)
        buf[0] = '\0';
}

static int write_file(const char *dir, const char *file, const char *val)
{
    char p[512];
    tito_sandbox__pf(p, sizeof p, "%s/%s", dir, file);
    int fd = open(p, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t n = strlen(val);
    ssize_t w = write(fd, val, n);
    int e = errno;
    close(fd);
    errno = e;
    return w == (ssize_t)n ? 0 : -1;
}

static int read_file(const char *dir, const char *file, char *buf, size_t n)
{
    char p[512];
    tito_sandbox__pf(p, sizeof p, "%s/%s", dir, file);
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t r = read(fd, buf, n - 1);
    close(fd);
    if (r < 0)
        return -1;
    buf[r] = '\0';
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += n) {
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ' || p[n] == '\n'))
            return 1;
    }
    return 0;
}

/* Our own v2 cgroup path ("/..."), from the "0::" line of /proc/self/cgroup. */
static void own_v2_path(char *out, size_t n)
{
    char buf[4096];
    tito_sandbox__pf(out, n, "/");
    if (read_file("/proc/self", "cgroup", buf, sizeof buf) < 0)
        return;
    char *p = strstr(buf, "0::");
    if (p == NULL || (p != buf && p[-1] != '\n'))
        return;
    p += 3;
    char *e = strchr(p, '\n');
    if (e != NULL)
        *e = '\0';
    tito_sandbox__pf(out, n, "%s", p);
}

#define V2_LEAF "tito-worker"

/* The cgroup we delegate from, "<mount>[/<our cgroup>]": our own, except when
 * we are in the V2_LEAF that enable_v2 moved the worker's processes to: then
 * its parent. (A process forked after the move, i.e. the next job's worker
 * side or a new worker started by the old one, starts in the leaf; taking the
 * leaf as the base would nest one more leaf and tito parent per job.) */
static void v2_base(const char *mnt, char *out, size_t n)
{
    char own[256];
    own_v2_path(own, sizeof own);
    size_t k = strlen(own), lk = strlen("/" V2_LEAF);
    if (k >= lk && strcmp(own + k - lk, "/" V2_LEAF) == 0)
        own[k - lk] = '\0';
    tito_sandbox__pf(out, n, "%s%s", mnt, strcmp(own, "/") == 0 ? "" : own);
}

/* The unified hierarchy's mount point if it offers memory, pids and cpu. */
static const char *v2_mount(void)
{
    static const char *const cands[] = {CG_ROOT, CG_ROOT "/unified"};
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
        char buf[512];
        if (read_file(cands[i], "cgroup.controllers", buf, sizeof buf) == 0 && has_word(buf, "memory") &&
            has_word(buf, "pids") && has_word(buf, "cpu"))
            return cands[i];
    }
    return NULL;
}

/* Which of memory, pids, cpu the list lacks, ", "-separated ("" if none). */
static void lacking(const char *list, char *out, size_t n)
{
    static const char *const need[] = {"memory", "pids", "cpu"};
    out[0] = '\0';
    for (size_t i = 0; i < 3; i++) {
        if (!has_word(list, need[i])) {
            size_t k = strlen(out);
            tito_sandbox__pf(out + k, n - k, "%s%s", k ? ", " : "", need[i]);
        }
    }
}

int tito_sandbox__cg_detect(char *missing, size_t n)
{
    const char *mnt = v2_mount();
    if (mnt != NULL) {
        /* The root offers them; our own cgroup must have them too (under
         * systemd: only with Delegate=yes in the worker's unit). */
        char base[512], ctl[256] = "", lack[64];
        v2_base(mnt, base, sizeof base);
        if (read_file(base, "cgroup.controllers", ctl, sizeof ctl) < 0) {
            tito_sandbox__pf(missing, n,
                             "cgroup v2: cannot read %s/cgroup.controllers (%s)", base, strerror(errno));
            return 0;
        }
        lacking(ctl, lack, sizeof lack);
        if (lack[0] == '\0')
            return TITO_CG_V2;
        tito_sandbox__pf(missing, n,
           "cgroup v2: the worker's cgroup %s lacks the %s controller(s) (its parent does not delegate them); "
           "run the worker in a cgroup that has them (systemd: Delegate=yes in its unit, as in "
           "deploy/systemd) or in the root cgroup",
           base, lack);
        return 0;
    }
    static const char *const need[] = {"memory", "pids", "cpu"};
    char miss[128] = "";
    for (size_t i = 0; i < 3; i++) {
        char p[256];
        tito_sandbox__pf(p, sizeof p, CG_ROOT "/%s/cgroup.procs", need[i]);
        if (!exists(p) || access(p, W_OK) != 0) {
            strcat(miss, miss[0] ? ", " : "");
            strcat(miss, need[i]);
        }
    }
    if (miss[0] == '\0')
        return TITO_CG_V1;
    /* Name what the unified hierarchy lacks too: on a pure v2 host that is
     * the actual problem, the v1 part only matters on v1/hybrid hosts. */
    char v2[200] = "no cgroup v2 hierarchy", ctl[256];
    static const char *const cands[] = {CG_ROOT, CG_ROOT "/unified"};
    for (size_t i = 0; i < 2; i++) {
        if (read_file(cands[i], "cgroup.controllers", ctl, sizeof ctl) == 0) {
            char lack[64];
            lacking(ctl, lack, sizeof lack);
            tito_sandbox__pf(v2, sizeof v2, "the cgroup v2 hierarchy at %s lacks %s", cands[i], lack);
            break;
        }
    }
    tito_sandbox__pf(missing, n,
       "no usable cgroup controllers: %s, and cgroup v1 %s not mounted writable under " CG_ROOT
       "; give the worker memory, pids and cpu (a privileged container, or root on the host)",
       v2, miss);
    return 0;
}

/* The job's CPU weight is that of as many busy tasks as there are CPUs: a
 * job with up to that many threads competes with the host's other tasks as
 * it would unsandboxed, while all jobs weigh the same between themselves. */
static long online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

static int mkdir_ok(const char *p)
{
    return mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* join_file: what the child writes "0" to (see tito_sandbox__cg_join). */
static int add_dir(tito_cgroup *cg, const char *dir, const char *join_file, tito_error *err)
{
    if (mkdir(dir, 0755) < 0)
        return tito_error_set_os(err, TITO_ERROR, "sandbox: create cgroup %s", dir);
    tito_sandbox__pf(cg->dirs[cg->ndirs], sizeof cg->dirs[0], "%s", dir);
    char p[512];
    tito_sandbox__pf(p, sizeof p, "%s/%s", dir, join_file);
    cg->procs_fd[cg->ndirs] = open(p, O_WRONLY | O_CLOEXEC);
    cg->ndirs++;
    if (cg->procs_fd[cg->ndirs - 1] < 0)
        return tito_error_set_os(err, TITO_ERROR, "sandbox: open %s", p);
    return 0;
}

static int set(const char *dir, const char *file, const char *val, tito_error *err)
{
    if (write_file(dir, file, val) < 0)
        return tito_error_set_os(err, TITO_ERROR, "sandbox: cgroup %s/%s = %s", dir, file, val);
    return 0;
}

static int create_v1(tito_cgroup *cg, const char *name, const tito_limits *l, tito_error *err)
{
    static const char *const ctrls[] = {"memory", "pids", "cpu", "cpuacct"};
    char v[64];
    int error;
    for (size_t i = 0; i < 4; i++) {
        char parent[256], dir[256];
        /* The cpu cgroup at the hierarchy's root, beside the host's tasks:
         * under a common parent of the default weight, all jobs on the
         * machine together weighed one task against the host's, and under
         * load a sandboxed numpy import took 2-3x as long as a plain one. */
        tito_sandbox__pf(parent, sizeof parent, i == 2 ? CG_ROOT "/%s" : CG_ROOT "/%s/tito", ctrls[i]);
        /* cpu and cpuacct may share one hierarchy (cpu,cpuacct). */
        if (i == 3 && exists(CG_ROOT "/cpu/cpuacct.usage")) {
            tito_sandbox__pf(cg->cpuacct, sizeof cg->cpuacct, "%s", cg->dirs[2]);
            break;
        }
        if (i == 3 && !exists(CG_ROOT "/cpuacct/cpuacct.usage"))
            break;
        if (mkdir_ok(parent) < 0)
            return tito_error_set_os(err, TITO_ERROR, "sandbox: create cgroup %s", parent);
        tito_sandbox__pf(dir, sizeof dir, "%s/%s", parent, name);
        /* "tasks", not cgroup.procs: a cgroup.procs write takes the global
         * cgroup_threadgroup_rwsem for writing, i.e. waits for an RCU grace
         * period (10-19 ms measured here) unless another such write happened
         * within the last one; moving the calling thread alone ("0" to
         * tasks) does not. The child is single-threaded when it joins (a
         * fresh clone), so the thread is the whole process. */
        if ((error = add_dir(cg, dir, "tasks", err)) < 0)
            return error;
        if (i == 3)
            tito_sandbox__pf(cg->cpuacct, sizeof cg->cpuacct, "%s", dir);
    }
    tito_sandbox__pf(cg->mem, sizeof cg->mem, "%s", cg->dirs[0]);
    tito_sandbox__pf(cg->pids, sizeof cg->pids, "%s", cg->dirs[1]);
    if (l->memory_bytes > 0) {
        tito_sandbox__pf(v, sizeof v, "%" PRId64, l->memory_bytes);
        if ((error = set(cg->mem, "memory.limit_in_bytes", v, err)) < 0)
            return error;
        /* Swap would let a job use far more than its limit (and thrash the
         * host): memory+swap capped at the memory limit means no swap. */
        char p[512];
        tito_sandbox__pf(p, sizeof p, "%s/memory.memsw.limit_in_bytes", cg->mem);
        if (exists(p)) {
            if ((error = set(cg->mem, "memory.memsw.limit_in_bytes", v, err)) < 0)
                return error;
        } else if ((error = set(cg->mem, "memory.swappiness", "0", err)) < 0) {
            return error;
        }
    }
    tito_sandbox__pf(v, sizeof v, "%d", l->pids > 0 ? l->pids + 1 : 4096); /* +1: our init */
    if ((error = set(cg->pids, "pids.max", v, err)) < 0)
        return error;
    tito_sandbox__pf(v, sizeof v, "%ld", 1024 * online_cpus());
    return set(cg->dirs[2], "cpu.shares", v, err);
}

/* Moves every process of dir into dir/leaf (v2 "no internal processes": a
 * cgroup that holds processes cannot hand controllers to its children). */
static int move_all(const char *dir, const char *leaf)
{
    char buf[8192];
    if (read_file(dir, "cgroup.procs", buf, sizeof buf) < 0)
        return -1;
    for (char *p = buf; *p != '\0';) {
        char *end;
        long pid = strtol(p, &end, 10);
        if (end == p)
            break;
        char v[32];
        tito_sandbox__pf(v, sizeof v, "%ld", pid);
        /* A process that exited meanwhile is not an error. */
        if (write_file(leaf, "cgroup.procs", v) < 0 && errno != ESRCH)
            return -1;
        p = end;
        while (*p == '\n')
            p++;
    }
    return 0;
}

/* "pid (comm) state, ..." of the first processes of dir, for an error. */
static void stuck(const char *dir, char *out, size_t n)
{
    char buf[4096];
    tito_sandbox__pf(out, n, "none");
    if (read_file(dir, "cgroup.procs", buf, sizeof buf) < 0)
        return;
    out[0] = '\0';
    int k = 0;
    for (char *p = buf; *p != '\0' && k < 4; k++) {
        char *end, stat[512] = "", path[64];
        long pid = strtol(p, &end, 10);
        if (end == p)
            break;
        tito_sandbox__pf(path, sizeof path, "/proc/%ld", pid);
        (void)read_file(path, "stat", stat, sizeof stat);
        char *c = strchr(stat, '(');
        char *r = strrchr(stat, ')');
        size_t used = strlen(out);
        if (c != NULL && r != NULL && r > c && r[1] == ' ')
            tito_sandbox__pf(out + used, n - used,
                             "%s%ld %.*s %c", k ? ", " : "", pid, (int)(r - c + 1), c, r[2]);
        else
            tito_sandbox__pf(out + used, n - used, "%s%ld", k ? ", " : "", pid);
        p = end;
        while (*p == '\n')
            p++;
    }
    if (out[0] == '\0')
        tito_sandbox__pf(out, n, "none");
}

/* Enables the controllers for the children of dir; if dir holds processes
 * (the worker's own cgroup under systemd or in a container), they move to a
 * leaf V2_LEAF first. */
static int enable_v2(const char *dir, tito_error *err)
{
    static const char ctl[] = "+memory +pids +cpu";
    if (write_file(dir, "cgroup.subtree_control", ctl) == 0)
        return 0;
    if (errno != EBUSY)
        return tito_error_set_os(err, TITO_ERROR, "sandbox: enable memory, pids, cpu in %s/cgroup.subtree_control",
                                 dir);
    char leaf[512];
    tito_sandbox__pf(leaf, sizeof leaf, "%s/" V2_LEAF, dir);
    if (mkdir_ok(leaf) < 0)
        return tito_error_set_os(err, TITO_ERROR, "sandbox: create cgroup %s (for the worker's processes)", leaf);
    /* A process that forks while we move the others may leave its child
     * behind, and so may another worker moving them at the same time (seen
     * once in the VM test, two workers starting together): move again, with
     * a pause, for up to ~1 s until the enabling sticks. */
    for (int tries = 0; tries < 50; tries++) {
        if (move_all(dir, leaf) < 0)
            return tito_error_set_os(err, TITO_ERROR, "sandbox: move the processes of %s into %s", dir, leaf);
        if (write_file(dir, "cgroup.subtree_control", ctl) == 0)
            return 0;
        if (errno != EBUSY)
            break;
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
    int e = errno;
    char left[256];
    stuck(dir, left, sizeof left);
    errno = e;
    return tito_error_set_os(err, TITO_ERROR,
                             "sandbox: enable memory, pids, cpu in %s/cgroup.subtree_control after moving its "
                             "processes to %s (still there: %s)",
                             dir, leaf, left);
}

static int create_v2(tito_cgroup *cg, const char *name, const tito_limits *l, tito_error *err)
{
    const char *mnt = v2_mount();
    char base[512], parent[512], dir[512], v[64];
    int error;
    if (mnt == NULL)
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX, "sandbox: cgroup v2 controllers gone");
    v2_base(mnt, base, sizeof base);
    tito_sandbox__pf(parent, sizeof parent, "%s/tito", base);
    char ctl[256] = "";
    if (read_file(parent, "cgroup.subtree_control", ctl, sizeof ctl) < 0 || !has_word(ctl, "memory") ||
        !has_word(ctl, "pids") || !has_word(ctl, "cpu")) {
        if ((error = enable_v2(base, err)) < 0)
            return error;
        if (mkdir_ok(parent) < 0)
            return tito_error_set_os(err, TITO_ERROR, "sandbox: create cgroup %s", parent);
        if ((error = enable_v2(parent, err)) < 0)
            return error;
    }
    tito_sandbox__pf(dir, sizeof dir, "%s/%s", parent, name);
    if ((error = add_dir(cg, dir, "cgroup.procs", err)) < 0)
        return error;
    tito_sandbox__pf(cg->mem, sizeof cg->mem, "%s", dir);
    tito_sandbox__pf(cg->pids, sizeof cg->pids, "%s", dir);
    tito_sandbox__pf(cg->cpuacct, sizeof cg->cpuacct, "%s", dir);
    if (l->memory_bytes > 0) {
        tito_sandbox__pf(v, sizeof v, "%" PRId64, l->memory_bytes);
        if ((error = set(dir, "memory.max", v, err)) < 0)
            return error;
        char p[600];
        tito_sandbox__pf(p, sizeof p, "%s/memory.swap.max", dir);
        if (exists(p) && (error = set(dir, "memory.swap.max", "0", err)) < 0)
            return error;
        /* An OOM kill takes the whole job, not one process of it (init is
         * exempt: oom_score_adj -1000), so no half-dead job runs on. */
        tito_sandbox__pf(p, sizeof p, "%s/memory.oom.group", dir);
        if (exists(p) && (error = set(dir, "memory.oom.group", "1", err)) < 0)
            return error;
    }
    tito_sandbox__pf(v, sizeof v, "%d", l->pids > 0 ? l->pids + 1 : 4096);
    if ((error = set(dir, "pids.max", v, err)) < 0)
        return error;
    long w = 100 * online_cpus();
    tito_sandbox__pf(v, sizeof v, "%ld", w > 10000 ? 10000 : w);
    return set(dir, "cpu.weight", v, err);
}

int tito_sandbox__cg_create(tito_cgroup *cg, const char *name, const tito_limits *l, tito_error *err)
{
    char missing[256];
    memset(cg, 0, sizeof *cg);
    for (int i = 0; i < TITO_CG_MAXH; i++)
        cg->procs_fd[i] = -1;
    cg->version = tito_sandbox__cg_detect(missing, sizeof missing);
    if (cg->version == TITO_CG_V2)
        return create_v2(cg, name, l, err);
    if (cg->version == TITO_CG_V1)
        return create_v1(cg, name, l, err);
    return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX, "sandbox: %s", missing);
}

int tito_sandbox__cg_join(const tito_cgroup *cg)
{
    for (int i = 0; i < cg->ndirs; i++) {
        if (write(cg->procs_fd[i], "0", 1) != 1)
            return -1;
    }
    return 0;
}

void tito_sandbox__cg_close_fds(tito_cgroup *cg)
{
    for (int i = 0; i < TITO_CG_MAXH; i++) {
        if (cg->procs_fd[i] >= 0)
            close(cg->procs_fd[i]);
        cg->procs_fd[i] = -1;
    }
}

/* Sends SIGKILL to every pid listed; returns how many were listed. */
static int kill_listed(const char *dir)
{
    char buf[8192];
    if (read_file(dir, "cgroup.procs", buf, sizeof buf) < 0)
        return 0;
    int n = 0;
    for (char *p = buf; *p != '\0';) {
        char *end;
        long pid = strtol(p, &end, 10);
        if (end == p)
            break;
        if (pid > 0) {
            kill((pid_t)pid, SIGKILL);
            n++;
        }
        p = end;
        while (*p == '\n')
            p++;
    }
    return n;
}

void tito_sandbox__cg_kill(const tito_cgroup *cg)
{
    if (cg->ndirs == 0)
        return;
    if (cg->version == TITO_CG_V2 && write_file(cg->dirs[0], "cgroup.kill", "1") == 0)
        return;
    /* v1: every job process is in the job's pid namespace, which dies with its
     * init; this loop is the second line (a fork racing the kill is caught by
     * the next round). */
    kill_listed(cg->pids);
}

int tito_sandbox__cg_oom_kills(const tito_cgroup *cg)
{
    char buf[1024];
    const char *file = cg->version == TITO_CG_V2 ? "memory.events" : "memory.oom_control";
    if (cg->mem[0] == '\0' || read_file(cg->mem, file, buf, sizeof buf) < 0)
        return 0;
    char *p = strstr(buf, "oom_kill ");
    if (p != NULL && (p == buf || p[-1] == '\n'))
        return atoi(p + 9);
    return 0;
}

int64_t tito_sandbox__cg_cpu_ms(const tito_cgroup *cg)
{
    char buf[1024];
    if (cg->cpuacct[0] == '\0')
        return -1;
    if (cg->version == TITO_CG_V2) {
        if (read_file(cg->cpuacct, "cpu.stat", buf, sizeof buf) < 0)
            return -1;
        char *p = strstr(buf, "usage_usec ");
        return p != NULL ? strtoll(p + 11, NULL, 10) / 1000 : -1;
    }
    if (read_file(cg->cpuacct, "cpuacct.usage", buf, sizeof buf) < 0)
        return -1;
    return strtoll(buf, NULL, 10) / 1000000;
}

void tito_sandbox__cg_destroy(tito_cgroup *cg)
{
    tito_sandbox__cg_close_fds(cg);
    for (int i = cg->ndirs - 1; i >= 0; i--) {
        /* Tasks leave a cgroup asynchronously after they are killed: retry
         * for up to ~1 s. */
        for (int tries = 0; tries < 200; tries++) {
            if (rmdir(cg->dirs[i]) == 0 || errno == ENOENT)
                break;
            if (errno != EBUSY)
                break;
            tito_sandbox__cg_kill(cg);
            kill_listed(cg->dirs[i]);
            struct timespec ts = {0, 5 * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    cg->ndirs = 0;
}

/* The dirs job cgroups live in: the fixed ones (v1; CG_ROOT "/cpu/tito":
 * where older versions put the cpu cgroup), and the v2 one under our own
 * cgroup, not a fixed path. Returns how many. */
#define JOB_PARENTS_MAX 8
static size_t job_parents(char out[][512], size_t max)
{
    static const char *const fixed[] = {CG_ROOT "/memory/tito", CG_ROOT "/pids/tito", CG_ROOT "/cpu",
                                        CG_ROOT "/cpu/tito",    CG_ROOT "/cpuacct/tito", CG_ROOT "/tito",
                                        CG_ROOT "/unified/tito"};
    size_t k = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && k < max; i++)
        tito_sandbox__pf(out[k++], sizeof out[0], "%s", fixed[i]);
    const char *mnt = v2_mount();
    if (mnt != NULL && k < max) {
        char base[512];
        v2_base(mnt, base, sizeof base);
        tito_sandbox__pf(out[k++], sizeof out[0], "%s/tito", base);
    }
    return k;
}

int tito_sandbox__cg_exists(const char *name)
{
    char parents[JOB_PARENTS_MAX][512];
    size_t np = job_parents(parents, JOB_PARENTS_MAX);
    for (size_t i = 0; i < np; i++) {
        char p[600];
        tito_sandbox__pf(p, sizeof p, "%s/%s", parents[i], name);
        if (exists(p))
            return 1;
    }
    return 0;
}

void tito_sandbox__cg_sweep(int min_age_s)
{
    time_t now = time(NULL);
    char parents[JOB_PARENTS_MAX][512];
    size_t np = job_parents(parents, JOB_PARENTS_MAX);
    for (size_t i = 0; i < np; i++) {
        DIR *d = opendir(parents[i]);
        if (d == NULL)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char p[600];
            struct stat st;
            if (strncmp(e->d_name, "tito-sandbox.", 13) != 0)
                continue;
            tito_sandbox__pf(p, sizeof p, "%s/%s", parents[i], e->d_name);
            /* Young ones may be a job being set up; busy ones fail EBUSY. */
            if (stat(p, &st) == 0 && now - st.st_mtime >= min_age_s)
                (void)rmdir(p);
        }
        closedir(d);
    }
}
