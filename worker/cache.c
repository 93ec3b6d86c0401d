/* tito_cache: see cache.h. */
#include "cache.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/sha256.h"

struct tito_cache {
    char *dir;
};

/* Removes temporary files (".<sha>.tmp.XXXXXX") older than ten minutes
 * that a worker killed mid-write left in DIR/xx/. */
static void sweep_temps(const char *dir)
{
    DIR *top = opendir(dir), *sub;
    struct dirent *e, *f;
    time_t now = time(NULL);

    while (top && (e = readdir(top))) {
        if (strlen(e->d_name) != 2 || e->d_name[0] == '.')
            continue;
        char *subdir = tito_fs_join(dir, e->d_name);
        if (!subdir || !(sub = opendir(subdir))) {
            free(subdir);
            continue;
        }
        while ((f = readdir(sub))) {
            struct stat st;
            if (f->d_name[0] != '.' || !strstr(f->d_name, ".tmp."))
                continue;
            char *p = tito_fs_join(subdir, f->d_name);
            if (p && lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 600)
                unlink(p);
            free(p);
        }
        closedir(sub);
        free(subdir);
    }
    if (top)
        closedir(top);
}

int tito_cache_new(tito_cache **out, const char *dir, tito_error *err)
{
    tito_cache *c = NULL;
    int error;

    *out = NULL;
    if ((error = tito_fs_mkdirs(dir, err)) < 0)
        return error;
    sweep_temps(dir);
    c = calloc(1, sizeof(*c));
    TITO_CHECK_ALLOC(c, err);
    if (!(c->dir = strdup(dir))) {
        free(c);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    *out = c;
    return 0;
}

void tito_cache_free(tito_cache *c)
{
    if (!c)
        return;
    free(c->dir);
    free(c);
}

static int hash_matches(const void *data, size_t len, const char *sha)
{
    char hex[65];
    tito_sha256_hex(hex, data, len);
    return strcmp(hex, sha) == 0;
}

/* DIR/ab/abcdef...; NULL when out of memory. */
static char *blob_path(const tito_cache *c, const char *sha)
{
    char sub[3] = {sha[0], sha[1], '\0'};
    char *d = tito_fs_join(c->dir, sub), *p = NULL;
    if (d)
        p = tito_fs_join(d, sha);
    free(d);
    return p;
}

int tito_cache_get(tito_cache *c, void **out, size_t *out_len, int *out_hit, tito_store *store,
                   const char *sha, tito_error *err)
{
    char *path = NULL, *dir = NULL, *data = NULL;
    void *blob = NULL;
    size_t len = 0;
    int error = 0;
    tito_error ignored = TITO_ERROR_INIT;

    *out = NULL;
    *out_len = 0;
    if (out_hit)
        *out_hit = 0;
    if (!sha || strlen(sha) != 64)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "cache: bad sha256 '%s'",
                              sha ? sha : "(null)");
    if (!(path = blob_path(c, sha)))
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");

    if (tito_fs_read_file(&data, &len, path, &ignored) == 0) {
        if (hash_matches(data, len, sha)) {
            *out = data;
            *out_len = len;
            if (out_hit)
                *out_hit = 1;
            data = NULL;
            goto cleanup;
        }
        /* Damaged on disk: forget it and fetch again. */
        unlink(path);
        free(data);
        data = NULL;
    }

    if ((error = tito_store_artifact_get(store, &blob, &len, sha, err)) < 0)
        goto cleanup;
    if (!hash_matches(blob, len, sha)) {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                               "artifact %.12s is corrupt: its %zu bytes do not hash to its sha256",
                               sha, len);
        goto cleanup;
    }
    /* Best effort: a full or read-only cache only costs a refetch next time. */
    if ((dir = tito_fs_dirname(path)) && tito_fs_mkdirs(dir, &ignored) == 0)
        tito_fs_write_atomic(path, blob, len, &ignored);
    *out = blob;
    *out_len = len;
    blob = NULL;
cleanup:
    free(blob);
    free(data);
    free(dir);
    free(path);
    return error;
}
