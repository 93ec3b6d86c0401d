/* tito_bundle: pack a directory tree into one deterministic byte string and
 * unpack it safely.
 *
 *   "TITOBND1"
 *   repeated:  u32 path_len | path (path_len bytes, '/'-separated, relative)
 *              u32 mode (0755 or 0644) | u64 size | size bytes of content
 *   (integers little endian)
 *
 * Packing: regular files only (symlinks and special files are skipped, and
 * symlinked directories are not followed, so a course cannot smuggle in
 * /etc/passwd); entries sorted bytewise by path; modes reduced to 0755/0644;
 * no times, owners or directory entries, so equal trees give equal bytes.
 *
 * Unpacking treats the bundle as hostile (it may come from anyone who can
 * write an artifact): every path is checked (relative, no empty, "." or ".."
 * components, no NUL), entries must be strictly sorted (which also rejects
 * duplicates), sizes are checked against the bytes left, and every directory
 * component is opened with O_NOFOLLOW relative to the previous one, so a
 * symlink already present in the target cannot redirect a write. Files are
 * written to a temporary name and renamed over the target, which replaces a
 * symlink instead of following it. */
#include "job/bundle.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fs.h"

#define MAGIC "TITOBND1"
#define MAGIC_LEN 8
#define MAX_PATH 4096
#define MAX_COMPONENT 255

/* --- packing -------------------------------------------------------------- */

typedef struct entry {
    char *rel;
    int exec;
} entry;

typedef struct walk {
    entry *v;
    size_t n, cap;
    int (*filter)(const char *, void *);
    void *ctx;
} walk;

static int add_entry(walk *w, const char *rel, int exec, tito_error *err)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        entry *v = realloc(w->v, cap * sizeof(*v));
        TITO_CHECK_ALLOC(v, err);
        w->v = v;
        w->cap = cap;
    }
    w->v[w->n].rel = strdup(rel);
    TITO_CHECK_ALLOC(w->v[w->n].rel, err);
    w->v[w->n].exec = exec;
    w->n++;
    return 0;
}

/* Collects regular files under root/rel (rel "" for the root itself). */
static int scan(walk *w, const char *root, const char *rel, tito_error *err)
{
    char *dirpath = *rel ? tito_fs_join(root, rel) : strdup(root);
    DIR *d = NULL;
    struct dirent *e;
    int error = 0;

    TITO_CHECK_ALLOC(dirpath, err);
    if (!(d = opendir(dirpath))) {
        error = tito_error_set_os(err, errno == ENOENT ? TITO_ENOTFOUND : TITO_EIO,
                                  "bundle: cannot open directory %s", dirpath);
        goto cleanup;
    }
    while ((e = readdir(d))) {
        struct stat st;
        char *child = NULL, *full = NULL;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (*rel) {
            child = tito_fs_join(rel, e->d_name);
        } else {
            child = strdup(e->d_name);
        }
        full = child ? tito_fs_join(root, child) : NULL;
        if (!child || !full) {
            free(child);
            free(full);
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        if (lstat(full, &st) < 0) {
            /* Vanished while we walked: not part of the snapshot. */
            if (errno != ENOENT)
                error = tito_error_set_os(err, TITO_EIO, "bundle: cannot stat %s", full);
        } else if (S_ISDIR(st.st_mode)) {
            error = scan(w, root, child, err);
        } else if (S_ISREG(st.st_mode)) {
            if (strlen(child) > MAX_PATH)
                error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                                       "bundle: path too long: %.100s...", child);
            else if (!w->filter || w->filter(child, w->ctx))
                error = add_entry(w, child, (st.st_mode & 0111) != 0, err);
        }
        free(child);
        free(full);
        if (error < 0)
            goto cleanup;
    }
cleanup:
    if (d)
        closedir(d);
    free(dirpath);
    return error;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

static void put_u32(tito_buf *b, uint32_t v)
{
    unsigned char p[4];
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    tito_buf_put(b, p, 4);
}

static void put_u64(tito_buf *b, uint64_t v)
{
    unsigned char p[8];
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    tito_buf_put(b, p, 8);
}

int tito_bundle_pack(tito_buf *out, const char *root, int (*filter)(const char *relpath, void *ctx),
                     void *ctx, tito_error *err)
{
    walk w = {NULL, 0, 0, filter, ctx};
    char *data = NULL;
    int error = 0;

    if (!tito_fs_is_dir(root)) {
        return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_OS, "bundle: %s is not a directory",
                              root);
    }
    if ((error = scan(&w, root, "", err)) < 0)
        goto cleanup;
    /* Directory order is whatever the file system says: sort for determinism. */
    if (w.n > 1)
        qsort(w.v, w.n, sizeof(*w.v), cmp_entry);
    tito_buf_put(out, MAGIC, MAGIC_LEN);
    for (size_t i = 0; i < w.n; i++) {
        char *full = tito_fs_join(root, w.v[i].rel);
        size_t len = 0;
        if (!full) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        error = tito_fs_read_file(&data, &len, full, err);
        free(full);
        if (error < 0)
            goto cleanup;
        put_u32(out, (uint32_t)strlen(w.v[i].rel));
        tito_buf_puts(out, w.v[i].rel);
        put_u32(out, w.v[i].exec ? 0755 : 0644);
        put_u64(out, (uint64_t)len);
        tito_buf_put(out, data, len);
        free(data);
        data = NULL;
    }
    if (out->failed)
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
cleanup:
    free(data);
    for (size_t i = 0; i < w.n; i++)
        free(w.v[i].rel);
    free(w.v);
    return error;
}

/* --- unpacking ------------------------------------------------------------ */

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static int bad(tito_error *err, size_t index, const char *what)
{
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "bundle: entry %zu: %s", index,
                          what);
}

/* Relative, '/'-separated, no empty / "." / ".." components, no NUL. */
static int check_path(const char *p, size_t len, size_t index, tito_error *err)
{
    size_t start = 0;
    if (len == 0)
        return bad(err, index, "empty path");
    if (memchr(p, '\0', len))
        return bad(err, index, "path contains a NUL byte");
    if (p[0] == '/')
        return bad(err, index, "absolute path");
    for (size_t i = 0; i <= len; i++) {
        if (i < len && p[i] != '/')
            continue;
        size_t n = i - start;
        if (n == 0)
            return bad(err, index, "empty path component");
        if ((n == 1 && p[start] == '.') || (n == 2 && p[start] == '.' && p[start + 1] == '.'))
            return bad(err, index, "\".\" or \"..\" path component");
        if (n > MAX_COMPONENT)
            return bad(err, index, "path component too long");
        start = i + 1;
    }
    return 0;
}

/* Opens (creating as needed) the directory holding path's last component,
 * relative to rootfd, never following a symlink. *out_name points at the
 * last component inside path (which is modified). */
static int open_parent(int *out_fd, char **out_name, int rootfd, char *path, size_t index,
                       tito_error *err)
{
    int fd = dup(rootfd);
    char *comp = path, *slash;

    *out_fd = -1;
    if (fd < 0)
        return tito_error_set_os(err, TITO_EIO, "bundle: dup");
    while ((slash = strchr(comp, '/'))) {
        *slash = '\0';
        if (mkdirat(fd, comp, 0755) < 0 && errno != EEXIST) {
            int e = errno == ENOTDIR ? TITO_EINVALID : TITO_EIO;
            tito_error_set_os(err, e, "bundle: entry %zu: cannot create directory %s", index, path);
            close(fd);
            return e;
        }
        int next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            /* ELOOP/ENOTDIR: a symlink or a file sits where a directory should. */
            int e = (errno == ELOOP || errno == ENOTDIR) ? TITO_EINVALID : TITO_EIO;
            tito_error_set_os(err, e, "bundle: entry %zu: %s is not a directory", index, path);
            close(fd);
            return e;
        }
        close(fd);
        fd = next;
        *slash = '/';
        comp = slash + 1;
    }
    *out_fd = fd;
    *out_name = comp;
    return 0;
}

/* Writes one entry through tito_fs_write_atomic_at in the directory
 * open_parent opened without following symlinks; its temporary file + rename
 * replaces a symlink at the name instead of following it. TITO_FS_MODE: the
 * umask must not decide what the job sees. TITO_FS_NO_FSYNC: an unpacked
 * tree is scratch that is unpacked again from the store after a crash. */
static int write_entry(int rootfd, char *path, mode_t mode, const unsigned char *data, size_t size,
                       size_t index, tito_error *err)
{
    int dirfd = -1, error;
    char *name = NULL;

    if ((error = open_parent(&dirfd, &name, rootfd, path, index, err)) < 0)
        return error;
    const tito_fs_write_opts opts = {TITO_FS_NO_FSYNC | TITO_FS_MODE, mode, path};
    error = tito_fs_write_atomic_at(dirfd, name, data, size, &opts, err);
    if (error == TITO_EIO && (errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST)) {
        /* A directory where the bundle has a file: the bundle's doing. */
        error = TITO_EINVALID;
        if (err)
            err->code = TITO_EINVALID;
    }
    if (error < 0)
        tito_error_prefix(err, "bundle: entry %zu", index);
    close(dirfd);
    return error;
}

int tito_bundle_unpack(const char *data, size_t len, const char *dir, tito_error *err)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t off = MAGIC_LEN, index = 0;
    char *path = NULL, *prev = NULL;
    int rootfd = -1, error = 0;

    if (!data || len < MAGIC_LEN || memcmp(data, MAGIC, MAGIC_LEN) != 0)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "bundle: not a tito bundle (bad magic)");
    if ((error = tito_fs_mkdirs(dir, err)) < 0)
        return error;
    if ((rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return tito_error_set_os(err, TITO_EIO, "bundle: cannot open %s", dir);

    while (off < len) {
        index++;
        if (len - off < 4) {
            error = bad(err, index, "truncated path length");
            goto cleanup;
        }
        uint32_t plen = get_u32(p + off);
        off += 4;
        if (plen > MAX_PATH) {
            error = bad(err, index, "path too long");
            goto cleanup;
        }
        if (len - off < plen) {
            error = bad(err, index, "truncated path");
            goto cleanup;
        }
        if ((error = check_path((const char *)p + off, plen, index, err)) < 0)
            goto cleanup;
        free(path);
        if (!(path = malloc(plen + 1))) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        memcpy(path, p + off, plen);
        path[plen] = '\0';
        off += plen;
        if (prev && strcmp(prev, path) >= 0) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                                   "bundle: entry %zu: %s is a duplicate or out of order", index,
                                   path);
            goto cleanup;
        }
        if (len - off < 12) {
            error = bad(err, index, "truncated header");
            goto cleanup;
        }
        uint32_t mode = get_u32(p + off);
        uint64_t size = get_u64(p + off + 4);
        off += 12;
        if (size > len - off) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                                   "bundle: entry %zu: %s claims %llu bytes but only %zu remain",
                                   index, path, (unsigned long long)size, len - off);
            goto cleanup;
        }
        /* Only the execute bit survives: no setuid, no world-writable files. */
        mode_t m = (mode & 0111) ? 0755 : 0644;
        if ((error = write_entry(rootfd, path, m, p + off, (size_t)size, index, err)) < 0)
            goto cleanup;
        off += (size_t)size;
        free(prev);
        prev = path;
        path = NULL;
    }
cleanup:
    free(path);
    free(prev);
    close(rootfd);
    return error;
}
