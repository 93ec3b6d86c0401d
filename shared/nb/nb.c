/* Notebook reading: JSON -> the subset of nbformat 4 jupytext looks at.
 * Cells are numbered from 1 in error messages, as a person counts them. */
#include "nb/nb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json/json_private.h"

struct cell {
    tito_cell_type type;
    char *type_name;
    char *source;
    size_t source_len;
    tito_json *metadata;
    char *id;
};

struct tito_nb {
    int minor;
    tito_json *metadata;
    struct cell *cells;
    size_t ncells;
};

void tito_nb_free(tito_nb *nb)
{
    if (!nb)
        return;
    for (size_t i = 0; i < nb->ncells; i++) {
        free(nb->cells[i].source);
        free(nb->cells[i].type_name);
        tito_json_free(nb->cells[i].metadata);
        free(nb->cells[i].id);
    }
    free(nb->cells);
    tito_json_free(nb->metadata);
    free(nb);
}

static int bad(tito_error *err, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(tito_error *err, const char *name, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_NOTEBOOK, "%s: %s", name, what);
}

static int nomem(tito_error *err)
{
    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

/* Copies "metadata" out of obj (the parse tree lives in an arena that is
 * dropped at the end of tito_nb_parse). TITO_ENOTFOUND when absent (nbformat
 * refuses that too), TITO_EINVALID when not an object, TITO_ENOMEM. */
static int copy_metadata(const tito_json *obj, tito_json **out)
{
    const tito_json *md = tito_json_get(obj, "metadata");
    *out = NULL;
    if (!md)
        return TITO_ENOTFOUND;
    if (tito_json_type_of(md) != TITO_JSON_OBJECT)
        return TITO_EINVALID;
    if (!(*out = tito_json_copy(md)))
        return TITO_ENOMEM;
    return 0;
}

/* Joins a string or a list of strings; -1 for any other shape. The total
 * length is summed first so the result is allocated once, at its size. */
static int join_source(const tito_json *src, char **out, size_t *outlen)
{
    size_t n, total = 0, count = 1;
    const char *s;
    int is_list = tito_json_type_of(src) == TITO_JSON_ARRAY;
    if (is_list) {
        count = tito_json_len(src);
        for (size_t i = 0; i < count; i++) {
            if (!tito_json_string(tito_json_at(src, i), &n))
                return TITO_EINVALID;
            total += n;
        }
    } else if (tito_json_string(src, &total) == NULL) {
        return TITO_EINVALID;
    }
    char *p = malloc(total + 1);
    if (!p)
        return TITO_ENOMEM;
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        s = tito_json_string(is_list ? tito_json_at(src, i) : src, &n);
        memcpy(p + at, s, n);
        at += n;
    }
    p[at] = '\0';
    *outlen = at;
    *out = p;
    return 0;
}

static int read_cell(struct cell *c, const tito_json *jc, size_t no, const char *name,
                     tito_error *err)
{
    if (tito_json_type_of(jc) != TITO_JSON_OBJECT)
        return bad(err, name, "cell %zu: expected an object, found %s", no,
                   tito_json_type_name(tito_json_type_of(jc)));
    const tito_json *jt = tito_json_get(jc, "cell_type");
    if (!jt)
        return bad(err, name, "cell %zu: 'cell_type' is missing", no);
    const char *t = tito_json_string(jt, NULL);
    if (!t)
        return bad(err, name, "cell %zu: 'cell_type' must be a string", no);
    if (strcmp(t, "code") == 0)
        c->type = TITO_CELL_CODE;
    else if (strcmp(t, "markdown") == 0)
        c->type = TITO_CELL_MARKDOWN;
    else if (strcmp(t, "raw") == 0)
        c->type = TITO_CELL_RAW;
    else
        c->type = TITO_CELL_OTHER;
    if (!(c->type_name = strdup(t)))
        return nomem(err);

    const tito_json *src = tito_json_get(jc, "source");
    if (!src)
        return bad(err, name, "cell %zu: 'source' is missing", no);
    int rc = join_source(src, &c->source, &c->source_len);
    if (rc == TITO_ENOMEM)
        return nomem(err);
    if (rc < 0)
        return bad(err, name, "cell %zu: 'source' must be a string or a list of strings", no);

    /* jupytext never looks at ids, so one of the wrong type is ignored
     * rather than refused. */
    const char *id = tito_json_get_string(jc, "id");
    if (id && !(c->id = strdup(id)))
        return nomem(err);

    rc = copy_metadata(jc, &c->metadata);
    if (rc == TITO_ENOMEM)
        return nomem(err);
    if (rc == TITO_ENOTFOUND)
        return bad(err, name, "cell %zu: 'metadata' is missing", no);
    if (rc < 0)
        return bad(err, name, "cell %zu: 'metadata' must be an object", no);
    tito_json_object_remove(c->metadata, "trusted");
    return 0;
}

int tito_nb_parse(tito_nb **out, const char *buf, size_t len, const char *name, tito_error *err)
{
    /* The whole notebook, outputs included, is only looked at here: an arena
     * tree makes building and dropping it cheap (no malloc/free per value). */
    tito_json__arena *arena = NULL;
    tito_json *root = NULL;
    tito_nb *nb = NULL;
    size_t line, col;
    int64_t major = 0, minor = 0;
    int rc;

    *out = NULL;
    if (!name)
        name = "<notebook>";
    if (len == 0)
        return bad(err, name, "empty file (0 bytes)");
    if (!buf)
        return bad(err, name, "no data");
    /* Python decodes the whole file before parsing, so report bad UTF-8 first
     * and in our own words. */
    if (tito_json__utf8_check(buf, len, &line, &col) < 0)
        return bad(err, name, "invalid UTF-8 at line %zu, column %zu", line, col);
    if ((rc = tito_json__parse_arena(&root, buf, len, err, &arena)) < 0) {
        tito_error_prefix(err, "%s", name);
        if (err)
            err->klass = rc == TITO_ENOMEM ? TITO_ERROR_NOMEM : TITO_ERROR_NOTEBOOK;
        goto cleanup;
    }
    if (tito_json_type_of(root) != TITO_JSON_OBJECT) {
        rc = bad(err, name, "not a notebook: the top-level value is %s, expected an object",
                 tito_json_type_name(tito_json_type_of(root)));
        goto cleanup;
    }
    const tito_json *jmaj = tito_json_get(root, "nbformat");
    if (!jmaj) {
        rc = bad(err, name, "not a notebook: 'nbformat' is missing");
        goto cleanup;
    }
    if (tito_json_int64(jmaj, &major) < 0) {
        rc = bad(err, name, "not a notebook: 'nbformat' must be an integer");
        goto cleanup;
    }
    if (major != 4) {
        rc = bad(err, name, "nbformat %lld is not supported (tito reads nbformat 4)",
                 (long long)major);
        goto cleanup;
    }
    const tito_json *jmin = tito_json_get(root, "nbformat_minor");
    if (!jmin) {
        rc = bad(err, name, "not a notebook: 'nbformat_minor' is missing");
        goto cleanup;
    }
    if (tito_json_int64(jmin, &minor) < 0) {
        rc = bad(err, name, "'nbformat_minor' must be an integer");
        goto cleanup;
    }
    if (minor < -1000000 || minor > 1000000) {
        rc = bad(err, name, "'nbformat_minor' %lld is out of range", (long long)minor);
        goto cleanup;
    }
    tito_json *jcells = tito_json_get(root, "cells");
    if (!jcells) {
        rc = bad(err, name, "not a notebook: 'cells' is missing");
        goto cleanup;
    }
    /* jupytext only iterates over 'cells', so an empty object or empty string
     * is a notebook without cells; non-empty ones fail inside jupytext. */
    size_t slen = 1;
    int no_cells = (tito_json_type_of(jcells) == TITO_JSON_OBJECT && tito_json_len(jcells) == 0) ||
                   (tito_json_string(jcells, &slen) && slen == 0);
    if (tito_json_type_of(jcells) != TITO_JSON_ARRAY && !no_cells) {
        rc = bad(err, name, "'cells' must be a list, found %s",
                 tito_json_type_name(tito_json_type_of(jcells)));
        goto cleanup;
    }

    if (!(nb = calloc(1, sizeof(*nb)))) {
        rc = nomem(err);
        goto cleanup;
    }
    nb->minor = (int)minor;
    size_t n = no_cells ? 0 : tito_json_len(jcells);
    if (n && !(nb->cells = calloc(n, sizeof(*nb->cells)))) {
        rc = nomem(err);
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        nb->ncells = i + 1; /* so tito_nb_free releases a half-read cell */
        if ((rc = read_cell(&nb->cells[i], tito_json_at(jcells, i), i + 1, name, err)) < 0)
            goto cleanup;
    }

    rc = copy_metadata(root, &nb->metadata);
    if (rc == TITO_ENOMEM) {
        rc = nomem(err);
        goto cleanup;
    }
    if (rc == TITO_ENOTFOUND) {
        rc = bad(err, name, "not a notebook: 'metadata' is missing");
        goto cleanup;
    }
    if (rc < 0) {
        rc = bad(err, name, "notebook 'metadata' must be an object");
        goto cleanup;
    }
    tito_json_object_remove(nb->metadata, "orig_nbformat");
    tito_json_object_remove(nb->metadata, "orig_nbformat_minor");
    tito_json_object_remove(nb->metadata, "signature");

    *out = nb;
    nb = NULL;
    rc = 0;
cleanup:
    tito_nb_free(nb);
    tito_json__arena_free(arena);
    return rc;
}

int tito_nb_load(tito_nb **out, const char *path, tito_error *err)
{
    char *data = NULL;
    int fd = -1, rc;
    struct stat st;

    *out = NULL;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        if (errno == ENOENT)
            return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_OS, "%s: no such file", path);
        return tito_error_set_os(err, TITO_EIO, "%s: cannot open", path);
    }
    if (fstat(fd, &st) < 0) {
        rc = tito_error_set_os(err, TITO_EIO, "%s: cannot stat", path);
        goto cleanup;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = tito_error_set(err, TITO_EIO, TITO_ERROR_OS, "%s: is a directory, not a notebook",
                            path);
        goto cleanup;
    }
    /* Read until EOF rather than trusting st_size: pipes and /proc report 0. */
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    size_t len = 0;
    if (!(data = malloc(cap))) {
        rc = nomem(err);
        goto cleanup;
    }
    for (;;) {
        if (len == cap) {
            char *bigger = realloc(data, cap * 2);
            if (!bigger) {
                rc = nomem(err);
                goto cleanup;
            }
            data = bigger;
            cap *= 2;
        }
        ssize_t r = read(fd, data + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            rc = tito_error_set_os(err, TITO_EIO, "%s: read failed", path);
            goto cleanup;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    rc = tito_nb_parse(out, data, len, path, err);
cleanup:
    free(data);
    if (fd >= 0)
        close(fd);
    return rc;
}

int tito_nb_nbformat_minor(const tito_nb *nb)
{
    return nb ? nb->minor : 0;
}

const tito_json *tito_nb_metadata(const tito_nb *nb)
{
    return nb ? nb->metadata : NULL;
}

size_t tito_nb_ncells(const tito_nb *nb)
{
    return nb ? nb->ncells : 0;
}

tito_cell_type tito_nb_cell_type(const tito_nb *nb, size_t i)
{
    return nb && i < nb->ncells ? nb->cells[i].type : TITO_CELL_CODE;
}

const char *tito_nb_cell_type_name(const tito_nb *nb, size_t i)
{
    return nb && i < nb->ncells ? nb->cells[i].type_name : NULL;
}

const char *tito_nb_cell_source(const tito_nb *nb, size_t i, size_t *len)
{
    if (!nb || i >= nb->ncells) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = nb->cells[i].source_len;
    return nb->cells[i].source;
}

const tito_json *tito_nb_cell_metadata(const tito_nb *nb, size_t i)
{
    return nb && i < nb->ncells ? nb->cells[i].metadata : NULL;
}

const char *tito_nb_cell_id(const tito_nb *nb, size_t i)
{
    return nb && i < nb->ncells ? nb->cells[i].id : NULL;
}
