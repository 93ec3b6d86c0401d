/* The job's syscall filter (libseccomp), loaded last before execve.
 *
 * A deny list: what grading code never needs and what attacks the kernel or
 * escapes the sandbox. Two actions:
 *   KILL_PROCESS  (the process dies of SIGSYS, reported as `violation`) for
 *                 calls with no innocent use in a test: ptrace, mount, bpf,
 *                 kexec, module loading, keyrings, perf, new namespaces, ...
 *   an errno      for calls that ordinary libraries probe and handle:
 *                 socket() of any family but AF_UNIX (EAFNOSUPPORT; there is no
 *                 network in the namespace anyway), clone3 (ENOSYS, so glibc
 *                 falls back to clone, whose flags the filter can check).
 * Killing on a probe would misreport a normal Python run as a violation.
 *
 * Compiled once per process (tito_sandbox__seccomp_prepare, in the parent):
 * libseccomp's rule database and BPF generation cost ~0.4 ms, which every job
 * paid between fork and exec. The job loads the finished program with one
 * seccomp(2) call, which also keeps malloc out of the forked child. */
#include "sandbox/sandbox_private.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const unsigned long ns_flags[] = {CLONE_NEWNS,  CLONE_NEWUTS, CLONE_NEWIPC,    CLONE_NEWUSER,
                                         CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP, CLONE_NEWTIME};

static const char *const kill_list[] = {
    "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount", "umount2", "pivot_root", "chroot",
    "setns", "bpf", "kexec_load", "kexec_file_load", "keyctl", "add_key", "request_key", "perf_event_open",
    "init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff", "iopl", "ioperm",
    "userfaultfd", "open_by_handle_at", "name_to_handle_at", "fsopen", "fsmount", "fsconfig", "fspick",
    "move_mount", "open_tree", "mount_setattr", "quotactl", "acct", "settimeofday", "clock_settime",
    "clock_adjtime", "adjtimex", "sethostname", "setdomainname", "lookup_dcookie", "nfsservctl", "vhangup",
    "syslog", "uselib", "kcmp", "pidfd_getfd", "fanotify_init", "vm86", "vm86old", "create_module",
    "get_kernel_syms", "query_module", "_sysctl", "sysfs", "ustat",
};
/* Not here: mknod/mknodat (os.mkfifo uses them; device nodes need
 * CAP_MKNOD, which the job lacks), landlock (more sandboxing is harmless). */

/* io_uring bypasses the filter for the operations it runs; libraries probe
 * it and fall back on ENOSYS. */
static const char *const enosys_list[] = {"io_uring_setup", "io_uring_enter", "io_uring_register"};

static int add_kill(scmp_filter_ctx ctx, const char *name)
{
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR)
        return 0; /* not on this architecture/libseccomp: nothing to deny */
    int rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, nr, 0);
    return rc == -EFAULT || rc == -EDOM ? 0 : rc;
}

static int add_rules(scmp_filter_ctx ctx)
{
    for (size_t i = 0; i < sizeof kill_list / sizeof kill_list[0]; i++) {
        if (add_kill(ctx, kill_list[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof enosys_list / sizeof enosys_list[0]; i++) {
        int nr = seccomp_syscall_resolve_name(enosys_list[i]);
        if (nr != __NR_SCMP_ERROR && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0) < 0)
            return -1;
    }
    /* New namespaces: unshare always, clone with any CLONE_NEW* flag (one
     * rule per flag: libseccomp has no "masked not equal"). */
    if (seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(unshare), 0) < 0)
        return -1;
    for (size_t i = 0; i < sizeof ns_flags / sizeof ns_flags[0]; i++) {
        if (seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(clone), 1,
                             SCMP_A0(SCMP_CMP_MASKED_EQ, ns_flags[i], ns_flags[i])) < 0)
            return -1;
    }
    /* clone3 passes its flags in memory a filter cannot read: ENOSYS makes
     * glibc fall back to clone. */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) < 0)
        return -1;
    /* Sockets: AF_UNIX only (multiprocessing uses socketpair). */
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                         SCMP_A0(SCMP_CMP_NE, AF_UNIX)) < 0 ||
        seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socketpair), 1,
                         SCMP_A0(SCMP_CMP_NE, AF_UNIX)) < 0)
        return -1;
    return 0;
}

/* The compiled program; built once, never freed (a few hundred bytes). */
static struct sock_fprog prog;
static const char *prepare_step; /* NULL when prog is ready */
static pthread_once_t prepare_once = PTHREAD_ONCE_INIT;

/* ctx's BPF into prog (libseccomp 2.5 exports only to an fd). */
static const char *export_bpf(scmp_filter_ctx ctx)
{
    const char *step = "memfd_create";
    struct sock_filter *code = NULL;
    int fd = memfd_create("tito-seccomp", MFD_CLOEXEC);
    if (fd < 0)
        goto cleanup;
    step = "export the filter";
    if (seccomp_export_bpf(ctx, fd) < 0)
        goto cleanup;
    struct stat st;
    step = "read the exported filter";
    if (fstat(fd, &st) < 0 || st.st_size <= 0 || st.st_size % (off_t)sizeof *code != 0 ||
        st.st_size / (off_t)sizeof *code > BPF_MAXINSNS)
        goto cleanup;
    code = malloc((size_t)st.st_size);
    if (code == NULL || pread(fd, code, (size_t)st.st_size, 0) != (ssize_t)st.st_size)
        goto cleanup;
    prog.len = (unsigned short)(st.st_size / (off_t)sizeof *code);
    prog.filter = code;
    code = NULL;
    step = NULL;
cleanup:
    free(code);
    if (fd >= 0)
        close(fd);
    return step;
}

static void prepare(void)
{
    prepare_step = "seccomp_init";
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL)
        return;
    /* A binary tree of syscall numbers rather than a linear list: the
     * kernel runs the filter once per syscall number and architecture when
     * it is loaded (the always-allow cache, with interrupts off), and for
     * every call the cache cannot answer (clone, socket, ...). */
    prepare_step = "optimise the seccomp filter";
    if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0)
        goto cleanup;
    prepare_step = "add the seccomp rules";
    if (add_rules(ctx) == 0)
        prepare_step = export_bpf(ctx);
cleanup:
    seccomp_release(ctx);
}

int tito_sandbox__seccomp_prepare(tito_error *err)
{
    pthread_once(&prepare_once, prepare);
    if (prepare_step != NULL)
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX, "sandbox: seccomp: %s failed", prepare_step);
    return 0;
}

int tito_sandbox__seccomp(void)
{
    if (prog.filter == NULL) {
        errno = EINVAL;
        return -1;
    }
    /* What seccomp_load does with our attributes (no TSYNC, no LOG; the
     * caller has set no_new_privs). */
    return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0 ? -1 : 0;
}
