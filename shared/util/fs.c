#include "util/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"

static int nomem(tito_error *err)
{
    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

int tito_fs_read_file(char **out, size_t *len, const char *path, tito_error *err)
{
    tito_buf b = TITO_BUF_INIT;
    int fd = -1, error = 0;
    *out = NULL;
    if (len)
        *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = tito_error_set_os(err, (errno == ENOENT || errno == ENOTDIR) ? TITO_ENOTFOUND : TITO_EIO, "%s", path);
        goto cleanup;
    }
    for (;;) {
        if (tito_buf_grow(&b, 65536) < 0) {
            error = nomem(err);
            goto cleanup;
        }
        ssize_t n = read(fd, b.ptr + b.len, b.cap - b.len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = tito_error_set_os(err, TITO_EIO, "%s: read failed", path);
            goto cleanup;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
        b.ptr[b.len] = '\0';
    }
    if (tito_buf_put(&b, "", 0) < 0) { /* makes an empty file "" rather than NULL */
        error = nomem(err);
        goto cleanup;
    }
    if (len)
        *len = b.len;
    *out = tito_buf_detach(&b, NULL);
    if (!*out)
        error = nomem(err);
cleanup:
    if (fd >= 0)
        close(fd);
    tito_buf_dispose(&b);
    return error;
}

int tito_fs_mkdirs(const char *path, tito_error *err)
{
    char *p = strdup(path);
    int error = 0;
    if (!p)
        return nomem(err);
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    for (char *s = p + 1;; s++) {
        int end = (*s == '\0');
        if (*s == '/' || end) {
            char saved = *s;
            *s = '\0';
            if (mkdir(p, 0777) < 0) {
                if (errno != EEXIST) {
                    error = tito_error_set_os(err, TITO_EIO, "cannot create directory %s", p);
                    goto cleanup;
                }
                if (!tito_fs_is_dir(p)) {
                    error = tito_error_set(err, TITO_EIO, TITO_ERROR_OS,
                                           "cannot create directory %s: a file is in the way", p);
                    goto cleanup;
                }
            }
            *s = saved;
            if (end)
                break;
        }
    }
cleanup:
    free(p);
    return error;
}

/* How much of the target's name goes into the temporary name, so that
 * ".<name>.tmp.XXXXXX" stays within NAME_MAX (255) for any valid name. */
#define TMP_NAME_KEEP 200

/* One atomic write as tito_fs_write_atomic_at documents it. With tmp_out
 * (tito_fs_write_temp) it stops before the rename and hands the temporary
 * file's name to the caller. */
static int write_atomic(int dirfd, const char *path, const void *data, size_t len,
                        const tito_fs_write_opts *opts, char **tmp_out, tito_error *err)
{
    unsigned flags = opts ? opts->flags : 0;
    const char *name = opts && opts->display ? opts->display : path;
    char *resolved = NULL, *dir = NULL, *tmp = NULL;
    int fd = -1, error = 0, saved_errno = 0, exists, set_mode = 0;
    mode_t mode = 0;
    struct stat st;

    if (tmp_out)
        *tmp_out = NULL;
    if ((flags & TITO_FS_FOLLOW_SYMLINK) && dirfd != AT_FDCWD && path[0] != '/') {
        saved_errno = EINVAL;
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_OS,
                               "%s: TITO_FS_FOLLOW_SYMLINK needs a path not relative to a dirfd",
                               name);
        goto cleanup;
    }
    exists = fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
    if ((flags & TITO_FS_FOLLOW_SYMLINK) && exists && S_ISLNK(st.st_mode) &&
        (resolved = realpath(path, NULL)) != NULL) {
        path = resolved; /* absolute: dirfd no longer matters */
        exists = lstat(path, &st) == 0;
    } /* else a dangling link is replaced, as rename() would */
    const char *base = tito_fs_basename(path);
    if (*base == '\0' || (exists && S_ISDIR(st.st_mode))) {
        saved_errno = EISDIR;
        error = tito_error_set(err, TITO_EIO, TITO_ERROR_OS,
                               "%s: is a directory; a file cannot be written there", name);
        goto cleanup;
    }
    if (flags & TITO_FS_MODE) {
        mode = opts->mode & 07777;
        set_mode = 1;
    } else if (exists && S_ISLNK(st.st_mode)) {
        struct stat target;
        if (fstatat(dirfd, path, &target, 0) == 0) {
            mode = target.st_mode & 07777;
            set_mode = 1;
        }
    } else if (exists) {
        mode = st.st_mode & 07777;
        set_mode = 1;
    }

    if (!(dir = tito_fs_dirname(path))) {
        saved_errno = ENOMEM;
        error = nomem(err);
        goto cleanup;
    }
    size_t need = strlen(dir) + TMP_NAME_KEEP + 32;
    if (!(tmp = malloc(need))) {
        saved_errno = ENOMEM;
        error = nomem(err);
        goto cleanup;
    }
    /* O_EXCL under a fresh name, mode 0666 so that the umask applies (mkstemp
     * would give 0600, and reading the umask is not thread-safe). */
    static unsigned long counter;
    for (int attempt = 0;; attempt++) {
        unsigned long r = (unsigned long)getpid() * 2654435761u ^ (unsigned long)time(NULL) ^
                          (__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED) * 40503u);
        snprintf(tmp, need, "%s/.%.*s.tmp.%06lx", dir, TMP_NAME_KEEP, base, r & 0xFFFFFFu);
        fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0)
            break;
        if (errno != EEXIST || attempt > 100) {
            saved_errno = errno;
            free(tmp);
            tmp = NULL; /* nothing to unlink */
            errno = saved_errno;
            if (resolved)
                error = tito_error_set_os(err, TITO_EIO,
                                          "%s: cannot create a temporary file in %s, the folder "
                                          "of the symlink's target (it must exist and be writable)",
                                          name, dir);
            else
                error = tito_error_set_os(err, TITO_EIO,
                                          "%s: cannot create a temporary file in its folder (it "
                                          "must exist and be writable)",
                                          name);
            goto cleanup;
        }
    }
    if (set_mode && fchmod(fd, mode) < 0) {
        saved_errno = errno;
        error = tito_error_set_os(err, TITO_EIO, "%s: cannot set the new file's mode (old contents kept)",
                                  name);
        goto cleanup;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            saved_errno = errno;
            error = tito_error_set_os(err, TITO_EIO, "%s: write failed (old contents kept)", name);
            goto cleanup;
        }
        p += n;
        left -= (size_t)n;
    }
    if (!(flags & TITO_FS_NO_FSYNC) && fsync(fd) < 0 && errno != EINVAL && errno != EROFS) {
        saved_errno = errno;
        error = tito_error_set_os(err, TITO_EIO, "%s: fsync failed (old contents kept)", name);
        goto cleanup;
    }
    int closed = close(fd);
    fd = -1;
    if (closed < 0) {
        saved_errno = errno;
        error = tito_error_set_os(err, TITO_EIO, "%s: write failed (old contents kept)", name);
        goto cleanup;
    }
    if (tmp_out) {
        *tmp_out = tmp;
        tmp = NULL;
        goto cleanup;
    }
    if (renameat(dirfd, tmp, dirfd, path) < 0) {
        saved_errno = errno;
        error = tito_error_set_os(err, TITO_EIO,
                                  "%s: cannot replace it with the new file (old contents kept)", name);
        goto cleanup;
    }
    free(tmp);
    tmp = NULL;

cleanup:
    /* errno as the failing call left it, not as close/unlink/free leave it. */
    if (error >= 0)
        saved_errno = errno;
    if (fd >= 0)
        close(fd);
    if (tmp)
        unlinkat(dirfd, tmp, 0);
    free(tmp);
    free(dir);
    free(resolved);
    errno = saved_errno;
    return error;
}

int tito_fs_write_atomic_at(int dirfd, const char *path, const void *data, size_t len,
                            const tito_fs_write_opts *opts, tito_error *err)
{
    return write_atomic(dirfd, path, data, len, opts, NULL, err);
}

int tito_fs_write_atomic(const char *path, const void *data, size_t len, tito_error *err)
{
    return write_atomic(AT_FDCWD, path, data, len, NULL, NULL, err);
}

int tito_fs_write_temp(char **tmp_out, const char *path, const void *data, size_t len,
                       tito_error *err)
{
    return write_atomic(AT_FDCWD, path, data, len, NULL, tmp_out, err);
}

int tito_fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int tito_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *tito_fs_join(const char *a, const char *b)
{
    if (b[0] == '/' || a[0] == '\0')
        return strdup(b);
    size_t la = strlen(a), lb = strlen(b);
    int slash = a[la - 1] != '/';
    char *r = malloc(la + lb + 2);
    if (!r)
        return NULL;
    memcpy(r, a, la);
    if (slash)
        r[la] = '/';
    memcpy(r + la + slash, b, lb + 1);
    return r;
}

char *tito_fs_normpath(const char *path)
{
    if (!*path)
        return strdup(".");
    size_t n = strlen(path);
    int absolute = path[0] == '/';
    /* Components, each a (start, len) into path. */
    const char **comp = malloc((n / 1 + 1) * sizeof(*comp));
    size_t *clen = malloc((n / 1 + 1) * sizeof(*clen));
    char *r = NULL;
    if (!comp || !clen)
        goto cleanup;
    size_t nc = 0;
    const char *s = path;
    while (*s) {
        while (*s == '/')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != '/')
            e++;
        size_t l = (size_t)(e - s);
        if (l == 1 && s[0] == '.') {
            /* skip */
        } else if (l == 2 && s[0] == '.' && s[1] == '.') {
            if (nc > 0 && !(clen[nc - 1] == 2 && comp[nc - 1][0] == '.' && comp[nc - 1][1] == '.'))
                nc--;
            else if (!absolute) {
                comp[nc] = s;
                clen[nc++] = l;
            }
        } else {
            comp[nc] = s;
            clen[nc++] = l;
        }
        s = e;
    }
    r = malloc(n + 3);
    if (!r)
        goto cleanup;
    size_t o = 0;
    if (absolute)
        r[o++] = '/';
    for (size_t i = 0; i < nc; i++) {
        if (i)
            r[o++] = '/';
        memcpy(r + o, comp[i], clen[i]);
        o += clen[i];
    }
    if (o == 0)
        r[o++] = '.';
    r[o] = '\0';
cleanup:
    free(comp);
    free(clen);
    return r;
}

char *tito_fs_abspath(const char *path)
{
    if (path[0] == '/')
        return tito_fs_normpath(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return NULL;
    char *j = tito_fs_join(cwd, path);
    if (!j)
        return NULL;
    char *r = tito_fs_normpath(j);
    free(j);
    return r;
}

char *tito_fs_resolve(const char *path)
{
    char *abs = tito_fs_abspath(path);
    if (!abs)
        return NULL;
    char *real = realpath(abs, NULL);
    if (real) {
        free(abs);
        return real;
    }
    /* Resolve the longest existing prefix, append the rest. */
    size_t n = strlen(abs);
    char *r = NULL;
    for (size_t cut = n; cut > 0; cut--) {
        if (abs[cut] != '/' && abs[cut] != '\0')
            continue;
        char saved = abs[cut];
        abs[cut] = '\0';
        char *pre = realpath(abs, NULL);
        abs[cut] = saved;
        if (pre) {
            char *j = tito_fs_join(pre, abs + cut + (abs[cut] == '/'));
            free(pre);
            if (j) {
                r = tito_fs_normpath(j);
                free(j);
            }
            break;
        }
    }
    if (!r)
        r = strdup(abs);
    free(abs);
    return r;
}

char *tito_fs_relpath(const char *path, const char *start)
{
    char *a = tito_fs_abspath(path), *b = tito_fs_abspath(start);
    tito_buf out = TITO_BUF_INIT;
    char *r = NULL;
    if (!a || !b)
        goto cleanup;
    /* Count the common leading components. */
    const char *pa = a, *pb = b;
    size_t ia = 0, ib = 0, common_a = 0, common_b = 0;
    for (;;) {
        while (pa[ia] == '/')
            ia++;
        while (pb[ib] == '/')
            ib++;
        size_t ea = ia, eb = ib;
        while (pa[ea] && pa[ea] != '/')
            ea++;
        while (pb[eb] && pb[eb] != '/')
            eb++;
        if (ea == ia || eb == ib || ea - ia != eb - ib || memcmp(pa + ia, pb + ib, ea - ia) != 0)
            break;
        ia = ea;
        ib = eb;
        common_a = ia;
        common_b = ib;
    }
    /* ".." for each remaining component of start. */
    int first = 1;
    for (size_t i = common_b; pb[i];) {
        while (pb[i] == '/')
            i++;
        if (!pb[i])
            break;
        while (pb[i] && pb[i] != '/')
            i++;
        tito_buf_puts(&out, first ? ".." : "/..");
        first = 0;
    }
    const char *rest = pa + common_a;
    while (*rest == '/')
        rest++;
    if (*rest) {
        if (!first)
            tito_buf_putc(&out, '/');
        tito_buf_puts(&out, rest);
        first = 0;
    }
    if (first)
        tito_buf_putc(&out, '.');
    if (out.failed)
        goto cleanup;
    r = tito_buf_detach(&out, NULL);
cleanup:
    tito_buf_dispose(&out);
    free(a);
    free(b);
    return r;
}

char *tito_fs_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = (size_t)(slash - path);
    while (n > 0 && path[n - 1] == '/')
        n--;
    if (n == 0)
        return strdup("/");
    char *r = malloc(n + 1);
    if (!r)
        return NULL;
    memcpy(r, path, n);
    r[n] = '\0';
    return r;
}

const char *tito_fs_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
