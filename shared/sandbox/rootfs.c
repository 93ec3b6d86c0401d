/* The job's root filesystem, built by the sandbox's init (pid 1 of the new
 * namespaces, still root) in its private mount namespace, then pivot_root'ed
 * into. Everything here dies with the mount namespace: nothing to unmount.
 *
 *   /                 tmpfs (1 MiB, read-only once built)
 *   /usr              read-only bind (nosuid, nodev); /bin /lib /lib64 /sbin as
 *                     on the host: symlinks into usr (Debian usr-merge) or binds
 *   /etc              generated passwd/group (the sandbox ids, no shadow) plus
 *                     read-only binds of ld.so.cache, alternatives (numpy's BLAS
 *                     goes through it), localtime, python3*
 *   /dev              null zero full random urandom (binds), fd/std* links, shm
 *   /proc             fresh, of the new pid namespace, hidepid=2; no /sys
 *   ro_binds          read-only at the same paths
 *   work_dir, /tmp, /dev/shm   one tmpfs of disk_bytes shared by the three (the
 *                     job's inputs copied into work_dir), so no job can fill the
 *                     host's disk and nothing it writes outlives it
 *   hidden_dir        masked with its parent (every module's hidden tests) by
 *                     an empty tmpfs: the harness gets them on fd 4 instead
 *
 * Runs after clone, before exec: keeps to plain syscalls and stack buffers
 * (opendir is the exception; the worker forks from a single thread). */
#include "sandbox/sandbox_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define RO_FLAGS (MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
/* Deep trees or huge files in a work dir are not a job's input. */
#define COPY_MAX_DEPTH 8


/* The dirs of the scratch tmpfs. */
enum { SCRATCH_WORK, SCRATCH_TMP, SCRATCH_SHM, SCRATCH_N };
static const char *const scratch_sub[SCRATCH_N] = {"work", "tmp", "shm"};

typedef struct rfs {
    const char *root;
    const char **step;
    int sub[SCRATCH_N]; /* open scratch dirs, -1 if not */
} rfs;

static int fail(rfs *r, const char *step)
{
    *r->step = step;
    return -1;
}

/* root + path into buf. */
static void in_root(const rfs *r, const char *path, char *buf, size_t n)
{
    tito_sandbox__pf(buf, n, "%s%s", r->root, path);
}

static int mkdir_p(const char *path, mode_t mode)
{
    /* Usually the parent exists: one syscall. */
    if (mkdir(path, mode) == 0 || errno == EEXIST)
        return 0;
    if (errno != ENOENT)
        return -1;
    char tmp[4096];
    tito_sandbox__pf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, mode) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, mode) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* Creates the mount point for src (a dir or an empty file) at dst. */
static int make_target(const char *src, const char *dst)
{
    struct stat st;
    if (stat(src, &st) < 0)
        return -1;
    if (S_ISDIR(st.st_mode))
        return mkdir_p(dst, 0755);
    int fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        char parent[4096];
        tito_sandbox__pf(parent, sizeof parent, "%s", dst);
        char *slash = strrchr(parent, '/');
        if (slash != NULL && slash != parent) {
            *slash = '\0';
            if (mkdir_p(parent, 0755) < 0)
                return -1;
        }
        fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    }
    if (fd < 0)
        return errno == EEXIST || errno == EROFS ? 0 : -1;
    close(fd);
    return 0;
}

static int bind_ro(rfs *r, const char *src, const char *what)
{
    char dst[4096];
    in_root(r, src, dst, sizeof dst);
    if (make_target(src, dst) < 0)
        return fail(r, what);
    if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
        return fail(r, what);
    if (mount(NULL, dst, NULL, RO_FLAGS, NULL) < 0)
        return fail(r, what);
    return 0;
}

/* /bin, /lib, ...: the host's symlink recreated, or a read-only bind. */
static int top_entry(rfs *r, const char *name)
{
    struct stat st;
    if (lstat(name, &st) < 0)
        return 0;
    if (S_ISLNK(st.st_mode)) {
        char target[256], dst[4096];
        ssize_t n = readlink(name, target, sizeof target - 1);
        if (n < 0)
            return fail(r, "readlink");
        target[n] = '\0';
        in_root(r, name, dst, sizeof dst);
        if (symlink(target, dst) < 0)
            return fail(r, "symlink /bin, /lib...");
        return 0;
    }
    return S_ISDIR(st.st_mode) ? bind_ro(r, name, "bind /bin, /lib...") : 0;
}

static int write_small(const char *path, const char *data, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    size_t n = strlen(data);
    ssize_t w = write(fd, data, n);
    close(fd);
    return w == (ssize_t)n ? 0 : -1;
}

static int etc(rfs *r)
{
    char p[4096];
    in_root(r, "/etc", p, sizeof p);
    if (mkdir(p, 0755) < 0)
        return fail(r, "mkdir /etc");
    /* Python's getpass/pwd and `id` want a name for the uid; no shadow. */
    in_root(r, "/etc/passwd", p, sizeof p);
    if (write_small(p,
                    "root:x:0:0:root:/:/bin/false\n"
                    "student:x:65534:65534:student:/tmp:/bin/false\n",
                    0644) < 0)
        return fail(r, "write /etc/passwd");
    in_root(r, "/etc/group", p, sizeof p);
    if (write_small(p, "root:x:0:\nstudent:x:65534:\n", 0644) < 0)
        return fail(r, "write /etc/group");
    in_root(r, "/etc/hostname", p, sizeof p);
    if (write_small(p, "tito\n", 0644) < 0)
        return fail(r, "write /etc/hostname");
    static const char *const keep[] = {"/etc/ld.so.cache", "/etc/alternatives", "/etc/localtime"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        if (access(keep[i], F_OK) == 0 && bind_ro(r, keep[i], "bind /etc file") < 0)
            return -1;
    }
    /* Debian's python3.X reads /etc/python3.X/sitecustomize.py. */
    DIR *d = opendir("/etc");
    if (d == NULL)
        return fail(r, "opendir /etc");
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "python3", 7) != 0)
            continue;
        char src[300];
        tito_sandbox__pf(src, sizeof src, "/etc/%s", e->d_name);
        rc = bind_ro(r, src, "bind /etc/python3*");
    }
    closedir(d);
    return rc;
}

static int dev(rfs *r)
{
    char p[4096];
    in_root(r, "/dev", p, sizeof p);
    if (mkdir(p, 0755) < 0)
        return fail(r, "mkdir /dev");
    /* Binds of the host's nodes rather than mknod: works where the devices
     * cgroup of a container forbids mknod. */
    static const char *const nodes[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"};
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        char dst[4096];
        in_root(r, nodes[i], dst, sizeof dst);
        /* Writable (a bind keeps the node's own permissions, 0666); no
         * remount: nothing to exec or setuid in a character device. */
        int fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0)
            return fail(r, "create /dev node");
        close(fd);
        if (mount(nodes[i], dst, NULL, MS_BIND, NULL) < 0)
            return fail(r, "bind /dev node");
    }
    static const char *const links[][2] = {{"/proc/self/fd", "/dev/fd"},
                                           {"/proc/self/fd/0", "/dev/stdin"},
                                           {"/proc/self/fd/1", "/dev/stdout"},
                                           {"/proc/self/fd/2", "/dev/stderr"}};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        in_root(r, links[i][1], p, sizeof p);
        if (symlink(links[i][0], p) < 0)
            return fail(r, "symlink /dev/fd");
    }
    in_root(r, "/dev/shm", p, sizeof p);
    if (mkdir(p, 0755) < 0)
        return fail(r, "mkdir /dev/shm");
    return 0;
}

/* Copies the tree at src into dst (both open dirs), owned by uid/gid with
 * the given file mode (dirs get the x bits). Regular files, dirs, symlinks. */
static int copy_tree(int sfd, int dfd, uid_t uid, gid_t gid, mode_t fmode, int depth)
{
    if (depth > COPY_MAX_DEPTH)
        return -1;
    int dup_fd = dup(sfd);
    if (dup_fd < 0)
        return -1;
    DIR *d = fdopendir(dup_fd);
    if (d == NULL) {
        close(dup_fd);
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    char buf[65536];
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat st;
        if (fstatat(sfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
            rc = -1;
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            mode_t dmode = fmode | ((fmode & 0444) >> 2);
            if (mkdirat(dfd, e->d_name, dmode) < 0 || fchownat(dfd, e->d_name, uid, gid, 0) < 0 ||
                fchmodat(dfd, e->d_name, dmode, 0) < 0) {
                rc = -1;
                break;
            }
            int s2 = openat(sfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int d2 = openat(dfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            rc = s2 >= 0 && d2 >= 0 ? copy_tree(s2, d2, uid, gid, fmode, depth + 1) : -1;
            if (s2 >= 0)
                close(s2);
            if (d2 >= 0)
                close(d2);
        } else if (S_ISLNK(st.st_mode)) {
            char t[4096];
            ssize_t n = readlinkat(sfd, e->d_name, t, sizeof t - 1);
            if (n < 0) {
                rc = -1;
                break;
            }
            t[n] = '\0';
            if (symlinkat(t, dfd, e->d_name) < 0 || fchownat(dfd, e->d_name, uid, gid, AT_SYMLINK_NOFOLLOW) < 0)
                rc = -1;
        } else if (S_ISREG(st.st_mode)) {
            int in = openat(sfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            mode_t m = (st.st_mode & 0111) ? fmode | ((fmode & 0444) >> 2) : fmode;
            int out = in >= 0 ? openat(dfd, e->d_name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, m) : -1;
            ssize_t n = 0;
            while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0) {
                if (write(out, buf, (size_t)n) != n) {
                    n = -1;
                    break;
                }
            }
            if (in < 0 || out < 0 || n < 0 || fchown(out, uid, gid) < 0 || fchmod(out, m) < 0)
                rc = -1;
            if (in >= 0)
                close(in);
            if (out >= 0)
                close(out);
        }
    }
    closedir(d);
    return rc;
}

/* The work dir, /tmp and /dev/shm: three dirs of one size-limited tmpfs,
 * the job's inputs copied into the first. Mounted on the root's mount point
 * before the root tmpfs, which then covers it: its top is out of the job's
 * sight from the start, reached here through fds (r->sub), and it goes with
 * the old root's detach. (It used to be mounted inside the root and detached
 * on its own: every detach waits for an RCU grace period, 0.05-2.5 ms.) */
static int scratch_mount(rfs *r, const tito_proc_opts *opts, int *scratch_fd)
{
    char opt[64];
    long long size = opts->limits.disk_bytes > 0 ? (long long)opts->limits.disk_bytes : 256LL << 20;
    tito_sandbox__pf(opt, sizeof opt, "size=%lld,mode=0755", size);
    if (mount("tito-scratch", r->root, "tmpfs", MS_NOSUID | MS_NODEV, opt) < 0)
        return fail(r, "mount scratch tmpfs");
    *scratch_fd = open(r->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (*scratch_fd < 0)
        return fail(r, "open scratch");
    for (int i = 0; i < SCRATCH_N; i++) {
        if (mkdirat(*scratch_fd, scratch_sub[i], 0755) < 0)
            return fail(r, "mkdir scratch dir");
        if (i == SCRATCH_WORK ? fchownat(*scratch_fd, scratch_sub[i], TITO_SANDBOX_UID, TITO_SANDBOX_GID, 0) < 0
                              : fchmodat(*scratch_fd, scratch_sub[i], 01777, 0) < 0)
            return fail(r, "chmod scratch dir");
        r->sub[i] = openat(*scratch_fd, scratch_sub[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (r->sub[i] < 0)
            return fail(r, "open scratch dir");
    }
    return 0;
}

/* Binds scratch dir i (an fd: its path is covered) at path in the root. */
static int bind_sub(rfs *r, int i, const char *path, const char *what)
{
    char src[64], dst[4096];
    tito_sandbox__pf(src, sizeof src, "/proc/self/fd/%d", r->sub[i]);
    in_root(r, path, dst, sizeof dst);
    if (mkdir_p(dst, 0755) < 0 || mount(src, dst, NULL, MS_BIND, NULL) < 0)
        return fail(r, what);
    return 0;
}

/* After the ro_binds, which may lie under /tmp (the work dir may be below
 * one of them): the job's inputs copied in, and the work dir bound. */
static int scratch_work(rfs *r, const tito_proc_opts *opts)
{
    if (opts->work_dir == NULL)
        return 0;
    int src = open(opts->work_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = src >= 0 ? copy_tree(src, r->sub[SCRATCH_WORK], TITO_SANDBOX_UID, TITO_SANDBOX_GID, 0644, 0) : -1;
    int e = errno;
    if (src >= 0)
        close(src);
    errno = e;
    if (rc < 0)
        return fail(r, "copy the work dir into the sandbox (larger than the disk limit?)");
    return bind_sub(r, SCRATCH_WORK, opts->work_dir, "bind the work dir");
}

static int is_bind(const tito_proc_opts *opts, const char *path)
{
    for (const char *const *b = opts->ro_binds; b != NULL && *b != NULL; b++) {
        if (strcmp(*b, path) == 0)
            return 1;
    }
    return opts->work_dir != NULL && strcmp(opts->work_dir, path) == 0;
}

/* Masks the hidden tests' parent (every module's hidden tests) with an empty,
 * read-only tmpfs, or hidden_dir alone when the parent is something the job
 * needs whole. No path inside leads to them: the harness reads its module's
 * hidden tests from fd 4 (proc.h fd4_data) and closes it before any student
 * code runs. (A copy readable by a "hidden" gid the harness dropped after
 * reading was the first design: kernels before 6.8 reset the effective gid
 * to the real one at exec under NO_NEW_PRIVS, so the harness never had it.) */
static int hidden(rfs *r, const tito_proc_opts *opts, const char *dir)
{
    char parent[4096], dst[4096], p[4096];
    tito_sandbox__pf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (slash == NULL || slash == parent)
        return fail(r, "hidden tests dir must be an absolute path below /");
    *slash = '\0';
    in_root(r, dir, dst, sizeof dst);
    /* Mask the parent unless it is something the job needs whole. */
    const char *mask = dir;
    in_root(r, parent, p, sizeof p);
    struct stat st;
    if (!is_bind(opts, parent) && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
        mask = parent;
    } else if (mkdir_p(dst, 0755) < 0) {
        return fail(r, "mkdir hidden tests");
    }
    char mdst[4096];
    in_root(r, mask, mdst, sizeof mdst);
    if (mount("tito-hidden", mdst, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0755") < 0)
        return fail(r, "mount tmpfs over hidden tests");
    if (mount(NULL, mdst, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        return fail(r, "remount hidden tests");
    return 0;
}

static int build(rfs *r, const tito_proc_opts *opts, int *scratch_fd)
{
    char p[4096];
    /* Nothing we mount may propagate back to the host. */
    /* EINVAL: "/" is not a mount point (a chroot). Then our mounts could
     * propagate to the host through a shared parent mount we cannot name:
     * refuse (fail closed) rather than mount anything. */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        return fail(r, "make mounts private (in a chroot? the sandbox needs / to be a mount point)");
    if (scratch_mount(r, opts, scratch_fd) < 0)
        return -1;
    if (mount("tito-root", r->root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755") < 0)
        return fail(r, "mount root tmpfs");
    if (bind_ro(r, "/usr", "bind /usr") < 0)
        return -1;
    static const char *const top[] = {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"};
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) {
        if (top_entry(r, top[i]) < 0)
            return -1;
    }
    if (etc(r) < 0 || dev(r) < 0)
        return -1;
    in_root(r, "/proc", p, sizeof p);
    if (mkdir(p, 0555) < 0)
        return fail(r, "mkdir /proc");
    /* Our pid namespace's proc; hidepid=2 hides init (root) from the job. */
    if (mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") < 0)
        return fail(r, "mount /proc");
    if (bind_sub(r, SCRATCH_TMP, "/tmp", "bind /tmp") < 0 || bind_sub(r, SCRATCH_SHM, "/dev/shm", "bind /dev/shm") < 0)
        return -1;
    for (const char *const *b = opts->ro_binds; b != NULL && *b != NULL; b++) {
        if (opts->hidden_dir != NULL && strcmp(*b, opts->hidden_dir) == 0)
            continue;
        if ((*b)[0] != '/' || access(*b, F_OK) < 0)
            return fail(r, "ro_binds: not an existing absolute path");
        if (bind_ro(r, *b, "bind ro_binds") < 0)
            return -1;
    }
    if (scratch_work(r, opts) < 0)
        return -1;
    if (opts->hidden_dir != NULL) {
        if (hidden(r, opts, opts->hidden_dir) < 0)
            return -1;
    }
    if (mount(NULL, r->root, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
        return fail(r, "remount root read-only");
    /* pivot_root(".", ".") stacks the old root under the new one; detaching it
     * (and with it the scratch tmpfs's covered top) leaves nothing of the host
     * reachable. */
    if (chdir(r->root) < 0)
        return fail(r, "chdir new root");
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        return fail(r, "pivot_root");
    if (umount2(".", MNT_DETACH) < 0)
        return fail(r, "detach old root");
    if (chdir("/") < 0)
        return fail(r, "chdir /");
    return 0;
}

int tito_sandbox__rootfs(const tito_proc_opts *opts, const char *root, int *scratch_fd, const char **step)
{
    rfs r = {root, step, {-1, -1, -1}};
    *scratch_fd = -1;
    int rc = build(&r, opts, scratch_fd);
    int e = errno;
    for (int i = 0; i < SCRATCH_N; i++) {
        if (r.sub[i] >= 0)
            close(r.sub[i]);
    }
    errno = e;
    return rc;
}
