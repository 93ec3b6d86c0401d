/* progress.json, TinyTorch's format (see progress.h). */
#include "progress/progress.h"

#include "util/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct tito_progress {
    char *path;
    tito_json *doc; /* always an object holding the five keys */
};

/* upstream's default dict, in upstream's key order */
static const char *const default_keys[] = {"started_modules", "completed_modules", "last_worked", "last_completed",
                                           "last_updated"};

static int oom(tito_error *err)
{
    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

/* Makes doc hold every key upstream's code indexes, keeping what is there. */
static int complete_doc(tito_json *doc, tito_error *err)
{
    for (size_t i = 0; i < sizeof(default_keys) / sizeof(default_keys[0]); i++) {
        const tito_json *v = tito_json_get(doc, default_keys[i]);
        int is_list = i < 2;
        if (v && (!is_list || tito_json_type_of(v) == TITO_JSON_ARRAY))
            continue;
        tito_json *nv = is_list ? tito_json_new_array() : tito_json_new_null();
        if (!nv || tito_json_object_set(doc, default_keys[i], nv) < 0)
            return oom(err);
    }
    return 0;
}

static int read_file(char **out, size_t *len, const char *path, tito_error *err)
{
    FILE *f = NULL;
    tito_buf b = TITO_BUF_INIT;
    char chunk[8192];
    size_t n;
    int error = 0;

    *out = NULL;
    *len = 0;
    if ((f = fopen(path, "rb")) == NULL) {
        if (errno == ENOENT)
            return 0;
        return tito_error_set_os(err, TITO_EIO, "cannot open %s", path);
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        tito_buf_put(&b, chunk, n);
    if (ferror(f)) {
        error = tito_error_set_os(err, TITO_EIO, "cannot read %s", path);
        goto cleanup;
    }
    if (b.failed) {
        error = oom(err);
        goto cleanup;
    }
    *out = tito_buf_detach(&b, len);
    if (!*out)
        error = oom(err);

cleanup:
    tito_buf_dispose(&b);
    fclose(f);
    return error;
}

int tito_progress_load(tito_progress **out, const char *path, tito_error *err)
{
    tito_progress *p = NULL;
    char *text = NULL;
    size_t len = 0;
    tito_error ignored = TITO_ERROR_INIT;
    int error = 0;

    *out = NULL;
    p = calloc(1, sizeof(*p));
    TITO_CHECK_ALLOC(p, err);
    if ((p->path = strdup(path)) == NULL) {
        error = oom(err);
        goto cleanup;
    }
    if ((error = read_file(&text, &len, path, err)) < 0)
        goto cleanup;
    /* Unparseable or not an object: upstream falls back to the default dict
     * (its json.load is wrapped in try/except), and so do we. */
    if (text && tito_json_parse(&p->doc, text, len, &ignored) == 0 &&
        tito_json_type_of(p->doc) != TITO_JSON_OBJECT) {
        tito_json_free(p->doc);
        p->doc = NULL;
    }
    if (!p->doc && (p->doc = tito_json_new_object()) == NULL) {
        error = oom(err);
        goto cleanup;
    }
    if ((error = complete_doc(p->doc, err)) < 0)
        goto cleanup;
    *out = p;
    p = NULL;

cleanup:
    free(text);
    tito_progress_free(p);
    return error;
}

int tito_progress_load_course(tito_progress **out, const char *course_dir, tito_error *err)
{
    size_t n = strlen(course_dir) + sizeof("/progress.json");
    char *path = malloc(n);
    int error;

    *out = NULL;
    TITO_CHECK_ALLOC(path, err);
    snprintf(path, n, "%s/progress.json", course_dir);
    error = tito_progress_load(out, path, err);
    free(path);
    return error;
}

void tito_progress_free(tito_progress *p)
{
    if (!p)
        return;
    tito_json_free(p->doc);
    free(p->path);
    free(p);
}

/* Index of the string id in list, or -1. */
static long list_find(const tito_json *list, const char *id)
{
    size_t n = tito_json_len(list);
    for (size_t i = 0; i < n; i++) {
        const char *s = tito_json_string(tito_json_at(list, i), NULL);
        if (s && !strcmp(s, id))
            return (long)i;
    }
    return -1;
}

int tito_progress_is_started(const tito_progress *p, const char *id)
{
    return list_find(tito_json_get(p->doc, "started_modules"), id) >= 0;
}

int tito_progress_is_completed(const tito_progress *p, const char *id)
{
    return list_find(tito_json_get(p->doc, "completed_modules"), id) >= 0;
}

size_t tito_progress_ncompleted(const tito_progress *p)
{
    return tito_json_len(tito_json_get(p->doc, "completed_modules"));
}

const char *tito_progress_last_worked(const tito_progress *p)
{
    return tito_json_get_string(p->doc, "last_worked");
}

const char *tito_progress_last_completed(const tito_progress *p)
{
    return tito_json_get_string(p->doc, "last_completed");
}

static int append_once(tito_json *list, const char *id, tito_error *err)
{
    tito_json *s;
    if (list_find(list, id) >= 0)
        return 0;
    if ((s = tito_json_new_string(id)) == NULL || tito_json_array_append(list, s) < 0)
        return oom(err);
    return 0;
}

static int set_string(tito_json *doc, const char *key, const char *value, tito_error *err)
{
    tito_json *s = tito_json_new_string(value);
    if (!s || tito_json_object_set(doc, key, s) < 0)
        return oom(err);
    return 0;
}

int tito_progress_mark_started(tito_progress *p, const char *id, tito_error *err)
{
    int error;
    if ((error = append_once(tito_json_get(p->doc, "started_modules"), id, err)) < 0)
        return error;
    return set_string(p->doc, "last_worked", id, err);
}

/* json.h has no array removal, so rebuild the list without id. */
static int list_remove(tito_json *doc, const char *key, const char *id, tito_error *err)
{
    const tito_json *list = tito_json_get(doc, key);
    tito_json *copy = NULL;

    if (list_find(list, id) < 0)
        return 0;
    if ((copy = tito_json_new_array()) == NULL)
        return oom(err);
    for (size_t i = 0, removed = 0; i < tito_json_len(list); i++) {
        const tito_json *v = tito_json_at(list, i);
        const char *s = tito_json_string(v, NULL);
        tito_json *c;
        /* Python's list.remove drops only the first match. */
        if (!removed && s && !strcmp(s, id)) {
            removed = 1;
            continue;
        }
        if ((c = tito_json_copy(v)) == NULL || tito_json_array_append(copy, c) < 0) {
            tito_json_free(copy);
            return oom(err);
        }
    }
    if (tito_json_object_set(doc, key, copy) < 0)
        return oom(err);
    return 0;
}

int tito_progress_mark_completed(tito_progress *p, const char *id, tito_error *err)
{
    int error;
    if ((error = append_once(tito_json_get(p->doc, "completed_modules"), id, err)) < 0 ||
        (error = list_remove(p->doc, "started_modules", id, err)) < 0)
        return error;
    return set_string(p->doc, "last_completed", id, err);
}

void tito_progress_isoformat(char *buf, size_t size, long long sec, long usec)
{
    time_t t = (time_t)sec;
    struct tm tm;
    char base[32];

    localtime_r(&t, &tm);
    strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
    if (usec)
        snprintf(buf, size, "%s.%06ld", base, usec);
    else
        snprintf(buf, size, "%s", base);
}

int tito_progress_format(tito_buf *out, const tito_progress *p)
{
    return tito_json_write(out, p->doc, 2);
}

int tito_progress_save(tito_progress *p, tito_error *err)
{
    struct timespec ts;
    char stamp[40];
    tito_buf text = TITO_BUF_INIT;
    int error = 0;

    clock_gettime(CLOCK_REALTIME, &ts);
    tito_progress_isoformat(stamp, sizeof(stamp), (long long)ts.tv_sec, ts.tv_nsec / 1000);
    if ((error = set_string(p->doc, "last_updated", stamp, err)) < 0)
        goto cleanup;
    if (tito_progress_format(&text, p) < 0 || text.failed) {
        error = oom(err);
        goto cleanup;
    }
    /* Python's open(path, "w") keeps an existing file's mode, else 0666 & ~umask:
     * tito_fs_write_atomic does the same, and readers never see half a file. */
    error = tito_fs_write_atomic(p->path, tito_buf_cstr(&text), text.len, err);

cleanup:
    tito_buf_dispose(&text);
    return error;
}

const tito_json *tito_progress_json(const tito_progress *p)
{
    return p->doc;
}

const char *tito_progress_path(const tito_progress *p)
{
    return p->path;
}
