/* util/fs: the atomic writer (tito_fs_write_atomic_at and its flags) and
 * tito_fs_write_temp. What every write must guarantee: the new bytes or the
 * old, the right mode, a symlink replaced or followed as asked, and never a
 * temporary file left behind, also when the write fails. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/fs.h"

static char dir[PATH_MAX];

/* fsync is interposed to count calls and to make one fail on request: the
 * test executable's definition wins over libc's for the library too. */
static int fsync_calls;
static int fsync_fail_errno;

int fsync(int fd)
{
    fsync_calls++;
    if (fsync_fail_errno) {
        errno = fsync_fail_errno;
        return -1;
    }
    return (int)syscall(SYS_fsync, fd);
}

static void setup(void)
{
    char tmpl[] = "/tmp/tito-fs-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    snprintf(dir, sizeof(dir), "%s", tmpl);
    fsync_calls = 0;
    fsync_fail_errno = 0;
}

static void teardown(void)
{
    char cmd[PATH_MAX + 32];
    umount2(dir, MNT_DETACH); /* the tmpfs tests; harmless elsewhere */
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(fs, .init = setup, .fini = teardown);

static char *at(const char *rel)
{
    static char bufs[4][PATH_MAX + 300];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof(bufs[0]), "%s/%s", dir, rel);
    return b;
}

static void put(const char *rel, const char *text, mode_t mode)
{
    FILE *f = fopen(at(rel), "w");
    cr_assert_not_null(f, "cannot write %s", rel);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(chmod(at(rel), mode), 0);
}

static char *get(const char *rel)
{
    char *s = NULL;
    if (tito_fs_read_file(&s, NULL, at(rel), NULL) < 0)
        return NULL;
    return s;
}

static mode_t mode_of(const char *rel)
{
    struct stat st;
    cr_assert_eq(stat(at(rel), &st), 0, "stat %s", rel);
    return st.st_mode & 07777;
}

/* Names in the folder rel (NULL: the test's folder) starting with '.'. */
static int hidden_files(const char *rel)
{
    DIR *d = opendir(rel ? at(rel) : dir);
    cr_assert_not_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static int write_at(int dirfd, const char *path, const char *text, unsigned flags, mode_t mode,
                    tito_error *err)
{
    tito_fs_write_opts o = {flags, mode, NULL};
    return tito_fs_write_atomic_at(dirfd, path, text, strlen(text), &o, err);
}

Test(fs, default_writes_fsyncs_keeps_mode_and_replaces_a_symlink)
{
    tito_error err = TITO_ERROR_INIT;
    umask(022);
    cr_assert_eq(tito_fs_write_atomic(at("new.txt"), "one", 3, &err), 0, "%s", err.message);
    cr_expect_str_eq(get("new.txt"), "one");
    cr_expect_eq(mode_of("new.txt"), 0644, "a new file gets 0666 & ~umask");
    cr_expect_eq(fsync_calls, 1);

    put("old.txt", "old", 0640);
    cr_assert_eq(tito_fs_write_atomic(at("old.txt"), "two", 3, &err), 0, "%s", err.message);
    cr_expect_str_eq(get("old.txt"), "two");
    cr_expect_eq(mode_of("old.txt"), 0640, "an existing file's mode is kept");

    put("target.txt", "target", 0600);
    cr_assert_eq(symlink("target.txt", at("link.txt")), 0);
    cr_assert_eq(tito_fs_write_atomic(at("link.txt"), "three", 5, &err), 0, "%s", err.message);
    struct stat st;
    cr_assert_eq(lstat(at("link.txt"), &st), 0);
    cr_expect(S_ISREG(st.st_mode), "the symlink is replaced by a regular file");
    cr_expect_str_eq(get("link.txt"), "three");
    cr_expect_str_eq(get("target.txt"), "target", "its target is left alone");
    cr_expect_eq(hidden_files(NULL), 0, "no temporary file is left");
}

Test(fs, no_fsync_skips_fsync_only)
{
    tito_error err = TITO_ERROR_INIT;
    put("f.txt", "old", 0604);
    cr_assert_eq(write_at(AT_FDCWD, at("f.txt"), "new", TITO_FS_NO_FSYNC, 0, &err), 0, "%s",
                 err.message);
    cr_expect_eq(fsync_calls, 0);
    cr_expect_str_eq(get("f.txt"), "new");
    cr_expect_eq(mode_of("f.txt"), 0604);
    cr_expect_eq(hidden_files(NULL), 0);

    /* Without the flag a failing fsync fails the write, and nothing changes. */
    fsync_fail_errno = EIO;
    cr_expect_eq(write_at(AT_FDCWD, at("f.txt"), "newer", 0, 0, &err), TITO_EIO);
    cr_expect(strstr(err.message, at("f.txt")) && strstr(err.message, "fsync failed") &&
                  strstr(err.message, "old contents kept"),
              "message: %s", err.message);
    cr_expect_str_eq(get("f.txt"), "new");
    cr_expect_eq(hidden_files(NULL), 0, "the temporary file is removed on failure");
    /* ... and with it, the fsync is never asked for. */
    cr_expect_eq(write_at(AT_FDCWD, at("f.txt"), "newer", TITO_FS_NO_FSYNC, 0, &err), 0);
    cr_expect_str_eq(get("f.txt"), "newer");
}

Test(fs, follow_symlink_replaces_the_target_and_keeps_the_link)
{
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(mkdir(at("real"), 0755), 0);
    cr_assert_eq(mkdir(at("links"), 0755), 0);
    put("real/target.py", "old", 0640);
    cr_assert_eq(symlink("../real/target.py", at("links/out.py")), 0);

    cr_assert_eq(write_at(AT_FDCWD, at("links/out.py"), "new", TITO_FS_FOLLOW_SYMLINK, 0, &err), 0,
                 "%s", err.message);
    struct stat st;
    cr_assert_eq(lstat(at("links/out.py"), &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link stays a link");
    cr_expect_str_eq(get("real/target.py"), "new", "its target gets the new contents");
    cr_expect_eq(mode_of("real/target.py"), 0640, "the target's mode is kept");
    cr_expect_eq(hidden_files("real"), 0);
    cr_expect_eq(hidden_files("links"), 0);

    /* A chain of links ends at the same target. */
    cr_assert_eq(symlink("out.py", at("links/again.py")), 0);
    cr_assert_eq(write_at(AT_FDCWD, at("links/again.py"), "newer", TITO_FS_FOLLOW_SYMLINK, 0, &err),
                 0, "%s", err.message);
    cr_expect_str_eq(get("real/target.py"), "newer");

    /* A dangling link is replaced by a regular file. */
    cr_assert_eq(symlink("nowhere.py", at("links/dangling.py")), 0);
    cr_assert_eq(write_at(AT_FDCWD, at("links/dangling.py"), "x", TITO_FS_FOLLOW_SYMLINK, 0, &err), 0,
                 "%s", err.message);
    cr_assert_eq(lstat(at("links/dangling.py"), &st), 0);
    cr_expect(S_ISREG(st.st_mode));

    /* A plain file is written as without the flag. */
    put("plain.txt", "a", 0600);
    cr_assert_eq(write_at(AT_FDCWD, at("plain.txt"), "b", TITO_FS_FOLLOW_SYMLINK, 0, &err), 0);
    cr_expect_str_eq(get("plain.txt"), "b");
    cr_expect_eq(mode_of("plain.txt"), 0600);

    /* Relative to a dirfd it cannot be honoured: refused, nothing written. */
    int dfd = open(at("links"), O_RDONLY | O_DIRECTORY);
    cr_assert_geq(dfd, 0);
    cr_expect_eq(write_at(dfd, "out.py", "no", TITO_FS_FOLLOW_SYMLINK, 0, &err), TITO_EINVALID);
    close(dfd);
    cr_expect_str_eq(get("real/target.py"), "newer");
}

Test(fs, mode_sets_the_exact_mode)
{
    tito_error err = TITO_ERROR_INIT;
    umask(077);
    cr_assert_eq(write_at(AT_FDCWD, at("run.sh"), "#!/bin/sh\n", TITO_FS_MODE, 0755, &err), 0, "%s",
                 err.message);
    cr_expect_eq(mode_of("run.sh"), 0755, "the umask has no say");
    put("data.txt", "old", 0600);
    cr_assert_eq(write_at(AT_FDCWD, at("data.txt"), "new", TITO_FS_MODE, 0644, &err), 0, "%s",
                 err.message);
    cr_expect_eq(mode_of("data.txt"), 0644, "nor has the old file's mode");
    cr_assert_eq(write_at(AT_FDCWD, at("data.txt"), "x", TITO_FS_MODE, 0100644, &err), 0);
    cr_expect_eq(mode_of("data.txt"), 0644, "only the permission bits are used");
    cr_expect_eq(hidden_files(NULL), 0);
}

Test(fs, dirfd_relative_write_replaces_a_symlink_and_uses_display)
{
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(mkdir(at("d"), 0755), 0);
    put("victim.txt", "untouched", 0644);
    cr_assert_eq(symlink(at("victim.txt"), at("d/f.txt")), 0);
    int dfd = open(at("d"), O_RDONLY | O_DIRECTORY);
    cr_assert_geq(dfd, 0);
    cr_assert_eq(write_at(dfd, "f.txt", "new", TITO_FS_NO_FSYNC | TITO_FS_MODE, 0644, &err), 0, "%s",
                 err.message);
    cr_expect_str_eq(get("d/f.txt"), "new");
    cr_expect_str_eq(get("victim.txt"), "untouched");

    cr_assert_eq(mkdir(at("d/sub"), 0755), 0);
    tito_fs_write_opts o = {0, 0, "course/d/sub"};
    errno = 0;
    cr_expect_eq(tito_fs_write_atomic_at(dfd, "sub", "x", 1, &o, &err), TITO_EIO);
    cr_expect_eq(errno, EISDIR, "errno tells a directory in the way from other failures");
    cr_expect(strstr(err.message, "course/d/sub: is a directory"), "message: %s", err.message);
    close(dfd);
    cr_expect_eq(hidden_files("d"), 0);
    cr_expect_eq(hidden_files("d/sub"), 0);
}

Test(fs, failures_name_the_file_and_leave_nothing_behind)
{
    tito_error err = TITO_ERROR_INIT;
    /* Missing folder: says which file and what the folder needs. */
    cr_expect_eq(tito_fs_write_atomic(at("no/such/out.py"), "x", 1, &err), TITO_EIO);
    cr_expect(strstr(err.message, at("no/such/out.py")) && strstr(err.message, "must exist"),
              "message: %s", err.message);
    /* A trailing slash names a directory, never a file. */
    cr_expect_eq(tito_fs_write_atomic(at("gone/"), "x", 1, &err), TITO_EIO);
    cr_expect(strstr(err.message, "is a directory"), "message: %s", err.message);
    cr_expect_eq(hidden_files(NULL), 0);

    /* A name as long as a name may be still gets a temporary file. */
    char longname[256];
    memset(longname, 'n', 255);
    longname[255] = '\0';
    cr_assert_eq(tito_fs_write_atomic(at(longname), "long", 4, &err), 0, "%s", err.message);
    cr_expect_str_eq(get(longname), "long");
    cr_expect_eq(hidden_files(NULL), 0);
}

Test(fs, write_temp_leaves_the_target_alone)
{
    tito_error err = TITO_ERROR_INIT;
    char *tmp = NULL;
    put("t.txt", "old", 0640);
    cr_assert_eq(tito_fs_write_temp(&tmp, at("t.txt"), "new", 3, &err), 0, "%s", err.message);
    cr_assert_not_null(tmp);
    cr_expect_str_eq(get("t.txt"), "old");
    cr_expect_eq(hidden_files(NULL), 1);
    cr_expect_eq(rename(tmp, at("t.txt")), 0);
    cr_expect_str_eq(get("t.txt"), "new");
    cr_expect_eq(mode_of("t.txt"), 0640);
    free(tmp);
}

/* A private mount namespace with a small tmpfs on the test's folder; skips
 * where this process may not mount (not root, no CAP_SYS_ADMIN). */
static void small_tmpfs(const char *size)
{
    char opts[64];
    snprintf(opts, sizeof(opts), "size=%s,mode=0755", size);
    if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("tmpfs", dir, "tmpfs", 0, opts) < 0)
        cr_skip_test("cannot mount a tmpfs here (%s)", strerror(errno));
}

Test(fs, full_tmpfs_keeps_the_old_file_and_no_temporary)
{
    small_tmpfs("64k");
    tito_error err = TITO_ERROR_INIT;
    put("out.txt", "old", 0644);
    size_t big = 1 << 20;
    char *data = malloc(big);
    cr_assert_not_null(data);
    memset(data, 'x', big);
    for (unsigned flags = 0; flags <= TITO_FS_NO_FSYNC; flags += TITO_FS_NO_FSYNC) {
        tito_fs_write_opts o = {flags, 0, NULL};
        cr_expect_eq(tito_fs_write_atomic_at(AT_FDCWD, at("out.txt"), data, big, &o, &err), TITO_EIO);
        cr_expect(strstr(err.message, at("out.txt")) && strstr(err.message, "old contents kept") &&
                      strstr(err.message, strerror(ENOSPC)),
                  "message: %s", err.message);
        cr_expect_str_eq(get("out.txt"), "old");
        cr_expect_eq(hidden_files(NULL), 0, "the temporary file is removed on failure");
    }
    free(data);
}

Test(fs, read_only_folder_keeps_the_old_file)
{
    small_tmpfs("1m");
    tito_error err = TITO_ERROR_INIT;
    put("out.txt", "old", 0644);
    if (mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0)
        cr_skip_test("cannot remount read-only (%s)", strerror(errno));
    cr_expect_eq(write_at(AT_FDCWD, at("out.txt"), "new", TITO_FS_NO_FSYNC, 0, &err), TITO_EIO);
    cr_expect(strstr(err.message, at("out.txt")) && strstr(err.message, "writable"),
              "message: %s", err.message);
    cr_expect_str_eq(get("out.txt"), "old");
    cr_expect_eq(hidden_files(NULL), 0);
}
