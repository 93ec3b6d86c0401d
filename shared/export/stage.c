/* The set of files one export writes. Contents are kept in memory until
 * commit, which writes them all to temporary names first and renames them
 * only when every write succeeded, so a failure (disk full, permission
 * denied, a file in the way of a directory) leaves the package as it was. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export_private.h"
#include "util/fs.h"

typedef struct entry {
    char *path;
    char *data;
    size_t len;
    char *tmp;
} entry;

struct tito_export__stage {
    entry *e;
    size_t n;
    char **disk_cache_path; /* files read from disk, kept for borrowed reads */
    char **disk_cache_data;
    size_t *disk_cache_len;
    size_t ncache;
    char **made_dirs;
    size_t nmade;
};

/* Fault injection for the tests: the n-th temporary write of the next
 * commits fails (0: never). */
static int write_fault_at;

void tito_export__set_write_fault(int nth) { write_fault_at = nth; }

int tito_export__stage_new(tito_export__stage **out)
{
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : TITO_ENOMEM;
}

void tito_export__stage_free(tito_export__stage *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++) {
        if (st->e[i].tmp)
            unlink(st->e[i].tmp);
        free(st->e[i].tmp);
        free(st->e[i].path);
        free(st->e[i].data);
    }
    free(st->e);
    for (size_t i = 0; i < st->ncache; i++) {
        free(st->disk_cache_path[i]);
        free(st->disk_cache_data[i]);
    }
    free(st->disk_cache_path);
    free(st->disk_cache_data);
    free(st->disk_cache_len);
    for (size_t i = 0; i < st->nmade; i++)
        free(st->made_dirs[i]);
    free(st->made_dirs);
    free(st);
}

static entry *find(const tito_export__stage *st, const char *path)
{
    for (size_t i = 0; i < st->n; i++)
        if (strcmp(st->e[i].path, path) == 0)
            return &st->e[i];
    return NULL;
}

int tito_export__stage_read(const tito_export__stage *cst, const char *path, const char **data, size_t *len,
                            tito_error *err)
{
    tito_export__stage *st = (tito_export__stage *)cst; /* the disk cache is an implementation detail */
    *data = NULL;
    if (len)
        *len = 0;
    entry *e = find(st, path);
    if (e) {
        *data = e->data;
        if (len)
            *len = e->len;
        return 0;
    }
    for (size_t i = 0; i < st->ncache; i++)
        if (strcmp(st->disk_cache_path[i], path) == 0) {
            *data = st->disk_cache_data[i];
            if (len)
                *len = st->disk_cache_len[i];
            return 0;
        }
    char *buf = NULL;
    size_t n = 0;
    int error = tito_fs_read_file(&buf, &n, path, err);
    if (error == TITO_ENOTFOUND) {
        tito_error_clear(err);
        return 0;
    }
    if (error < 0)
        return error;
    char **p = realloc(st->disk_cache_path, (st->ncache + 1) * sizeof(*p));
    if (p)
        st->disk_cache_path = p;
    char **d = realloc(st->disk_cache_data, (st->ncache + 1) * sizeof(*d));
    if (d)
        st->disk_cache_data = d;
    size_t *l = realloc(st->disk_cache_len, (st->ncache + 1) * sizeof(*l));
    if (l)
        st->disk_cache_len = l;
    char *pc = strdup(path);
    if (!p || !d || !l || !pc) {
        free(pc);
        free(buf);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    st->disk_cache_path[st->ncache] = pc;
    st->disk_cache_data[st->ncache] = buf;
    st->disk_cache_len[st->ncache] = n;
    st->ncache++;
    *data = buf;
    if (len)
        *len = n;
    return 0;
}

int tito_export__stage_put(tito_export__stage *st, const char *path, const char *data, size_t len,
                           tito_error *err)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    if (len > 0)
        memcpy(copy, data, len);
    copy[len] = '\0';
    entry *e = find(st, path);
    if (e) {
        free(e->data);
        e->data = copy;
        e->len = len;
        return 0;
    }
    entry *p = realloc(st->e, (st->n + 1) * sizeof(*p));
    char *pc = strdup(path);
    if (!p || !pc) {
        if (p)
            st->e = p;
        free(pc);
        free(copy);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    st->e = p;
    p[st->n].path = pc;
    p[st->n].data = copy;
    p[st->n].len = len;
    p[st->n].tmp = NULL;
    st->n++;
    return 0;
}

size_t tito_export__stage_count(const tito_export__stage *st) { return st->n; }
const char *tito_export__stage_path(const tito_export__stage *st, size_t i) { return st->e[i].path; }

/* mkdir -p that remembers which directories it created (to undo). */
static int make_dirs(tito_export__stage *st, const char *dir, tito_error *err)
{
    if (tito_fs_is_dir(dir))
        return 0;
    char *parent = tito_fs_dirname(dir);
    if (!parent)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    int error = 0;
    if (strcmp(parent, dir) != 0 && strcmp(parent, ".") != 0)
        error = make_dirs(st, parent, err);
    free(parent);
    if (error < 0)
        return error;
    if ((error = tito_fs_mkdirs(dir, err)) < 0)
        return error;
    char **p = realloc(st->made_dirs, (st->nmade + 1) * sizeof(*p));
    char *d = strdup(dir);
    if (!p || !d) {
        if (p)
            st->made_dirs = p;
        free(d);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    st->made_dirs = p;
    p[st->nmade++] = d;
    return 0;
}

int tito_export__stage_commit(tito_export__stage *st, tito_error *err)
{
    int error = 0;
    size_t i;
    for (i = 0; i < st->n; i++) {
        entry *e = &st->e[i];
        char *dir = tito_fs_dirname(e->path);
        if (!dir) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto fail;
        }
        error = make_dirs(st, dir, err);
        free(dir);
        if (error < 0)
            goto fail;
        if (write_fault_at > 0 && (size_t)write_fault_at == i + 1) {
            error = tito_error_set(err, TITO_EIO, TITO_ERROR_OS, "%s: write failed: injected fault", e->path);
            goto fail;
        }
        if ((error = tito_fs_write_temp(&e->tmp, e->path, e->data, e->len, err)) < 0)
            goto fail;
    }
    /* Every file is on disk under its temporary name: now swap them in. A
     * rename within one directory does not fail for lack of space; it can
     * only fail if the target turned into a directory meanwhile. */
    for (i = 0; i < st->n; i++) {
        entry *e = &st->e[i];
        if (rename(e->tmp, e->path) < 0) {
            error = tito_error_set_os(err, TITO_EIO, "cannot rename %s to %s", e->tmp, e->path);
            goto fail;
        }
        free(e->tmp);
        e->tmp = NULL;
    }
    return 0;
fail:
    for (size_t k = 0; k < st->n; k++)
        if (st->e[k].tmp) {
            unlink(st->e[k].tmp);
            free(st->e[k].tmp);
            st->e[k].tmp = NULL;
        }
    /* remove the directories we created, deepest first (only if empty) */
    for (size_t k = st->nmade; k > 0; k--)
        rmdir(st->made_dirs[k - 1]);
    return error;
}
