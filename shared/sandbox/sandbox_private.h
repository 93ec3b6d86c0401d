/* Internals of the sandbox shared between its files: sandbox.c orchestrates,
 * cgroup.c (v1 and v2 backends), rootfs.c (mount namespace: the minimal root),
 * seccomp.c (the syscall filter). */
#ifndef TITO_SANDBOX_SANDBOX_PRIVATE_H
#define TITO_SANDBOX_SANDBOX_PRIVATE_H

#include <stdint.h>
#include <sys/types.h>

#include "proc/proc.h"
#include "util/error.h"

/* The student's ids inside the sandbox. No job can signal or ptrace another
 * job whatever the ids (separate pid namespaces, nothing of another job is
 * mounted), so one unprivileged id for all is enough. */
#define TITO_SANDBOX_UID 65534
#define TITO_SANDBOX_GID 65534

/* snprintf for paths (cgroup.c, rootfs.c): a path that does not fit is cut,
 * and then fails to exist; an encoding error leaves "". */
void tito_sandbox__pf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

enum { TITO_CG_NONE = 0, TITO_CG_V1 = 1, TITO_CG_V2 = 2 };
#define TITO_CG_MAXH 4 /* v1 hierarchies we use: memory, pids, cpu, cpuacct */

typedef struct tito_cgroup {
    int version;
    char dirs[TITO_CG_MAXH][256];  /* the job's cgroup dir per hierarchy ("" unused) */
    int ndirs;
    int procs_fd[TITO_CG_MAXH];    /* v1 tasks / v2 cgroup.procs of each, opened before clone */
    char mem[256], pids[256], cpuacct[256]; /* which dir holds which files */
} tito_cgroup;

/* Finds a usable cgroup setup: v2 with memory+pids+cpu available, else v1 with
 * memory, pids and cpu mounted. Returns TITO_CG_V1/V2, or 0 with `missing` set
 * to a description. */
int tito_sandbox__cg_detect(char *missing, size_t n);
/* Creates the job's cgroup(s) named `name` with the limits, opening
 * the files the child joins through (procs_fd). */
int tito_sandbox__cg_create(tito_cgroup *cg, const char *name, const tito_limits *l, tito_error *err);
/* Child side, single-threaded: join (writes "0" to every procs fd). -1 on
 * failure. */
int tito_sandbox__cg_join(const tito_cgroup *cg);
void tito_sandbox__cg_close_fds(tito_cgroup *cg);
/* Kills every task in the cgroup (cgroup.kill on v2, else SIGKILL loop). */
void tito_sandbox__cg_kill(const tito_cgroup *cg);
int tito_sandbox__cg_oom_kills(const tito_cgroup *cg);
/* CPU time used so far, ms; -1 if unknown. */
int64_t tito_sandbox__cg_cpu_ms(const tito_cgroup *cg);
/* Kills what is left and removes the dirs. */
void tito_sandbox__cg_destroy(tito_cgroup *cg);
/* Is there a cgroup (any hierarchy) of this job name? */
int tito_sandbox__cg_exists(const char *name);
/* Removes job cgroups older than min_age_s that hold no process (left by a
 * worker that was killed before its clean-up). */
void tito_sandbox__cg_sweep(int min_age_s);

/* Child side (pid 1 of the new namespaces, still root): builds the root under
 * `root` (an empty host dir) and pivots into it. On failure returns -1 with
 * *step naming what failed (static string) and errno set. *scratch_fd is an
 * fd on the work/tmp tmpfs (to tell "disk full" afterwards). */
int tito_sandbox__rootfs(const tito_proc_opts *opts, const char *root, int *scratch_fd, const char **step);

/* Parent side, before clone: compiles the filter (once per process). */
int tito_sandbox__seccomp_prepare(tito_error *err);
/* Child side, last step before execve: loads the filter compiled by
 * tito_sandbox__seccomp_prepare (needs no_new_privs). Async-signal-safe. */
int tito_sandbox__seccomp(void);

#endif
