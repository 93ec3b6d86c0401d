/* Metadata filters (jupytext metadata_filter.py, spec §4, §10.2) and the
 * options of the "# %%" marker line (cell_metadata.py, spec §6). */
#include "jupytext/jupytext_private.h"

#include <string.h>

static const char *const jupytext_cell_metadata[] = {"skipline", "noskipline", "cell_marker",
                                                     "lines_to_next_cell",
                                                     "lines_to_end_of_cell_marker"};
static const char *const ignore_cell_metadata[] = {
    "autoscroll", "collapsed", "scrolled", "trusted", "execution", "ExecuteTime",
    "skipline",   "noskipline", "cell_marker", "lines_to_next_cell", "lines_to_end_of_cell_marker"};
static const char *const default_notebook_metadata[] = {"jupytext", "kernelspec", "kernel_info",
                                                        "orphan", "tocdepth"};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

static int in_table(const char *s, size_t n, const char *const *t, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (tito_jupytext__eq(s, n, t[i]))
            return 1;
    return 0;
}

/* ^[a-zA-Z0-9_.@/-]+$ ("$" also matches before a final "\n"). */
int tito_jupytext__valid_key(const char *s, size_t n)
{
    if (n && s[n - 1] == '\n')
        n--;
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '@' || c == '/' || c == '-'))
            return 0;
    }
    return 1;
}

/* ---- filter parsing ------------------------------------------------------ */

void tito_jupytext__filter_dispose(tito_jupytext__filter *f)
{
    tito_jupytext__lines_dispose(&f->additional.names);
    tito_jupytext__lines_dispose(&f->excluded.names);
    memset(f, 0, sizeof(*f));
}

static int section_has(const tito_jupytext__filter_section *sec, const char *s, size_t n)
{
    for (size_t i = 0; i < sec->names.len; i++)
        if (sec->names.v[i].n == n && memcmp(sec->names.v[i].s, s, n) == 0)
            return 1;
    return 0;
}

/* A dict-form section value: "all", a list of strings, a string (iterated as
 * characters by Python's set()). */
static int section_from_json(tito_jupytext__ctx *ctx, const tito_json *v,
                             tito_jupytext__filter_section *sec)
{
    size_t n = 0;
    const char *s;
    if (tito_json_type_of(v) == TITO_JSON_STRING) {
        s = tito_json_string(v, &n);
        if (tito_jupytext__eq(s, n, "all")) {
            sec->all = 1;
            return 0;
        }
        size_t i = 0;
        while (i < n) {
            size_t st = i;
            tito_jupytext__utf8_next(s, n, &i);
            if (tito_jupytext__lines_push(&sec->names, s + st, i - st) < 0)
                return tito_jupytext__nomem(ctx);
        }
        return 0;
    }
    if (tito_json_type_of(v) != TITO_JSON_ARRAY)
        return tito_jupytext__invalid(ctx, "a metadata filter section must be 'all' or a list");
    for (size_t i = 0; i < tito_json_len(v); i++) {
        const tito_json *e = tito_json_at(v, i);
        if (tito_json_type_of(e) != TITO_JSON_STRING)
            return tito_jupytext__invalid(ctx, "a metadata filter must list strings");
        s = tito_json_string(e, &n);
        if (tito_jupytext__lines_push(&sec->names, s, n) < 0)
            return tito_jupytext__nomem(ctx);
    }
    return 0;
}

int tito_jupytext__filter_parse(tito_jupytext__ctx *ctx, const tito_json *v,
                                tito_jupytext__filter *out)
{
    memset(out, 0, sizeof(*out));
    if (!v || tito_json_type_of(v) == TITO_JSON_NULL)
        return 0;
    if (tito_json_type_of(v) == TITO_JSON_BOOL) {
        if (tito_json_bool(v))
            out->additional.all = 1;
        else
            out->excluded.all = 1;
        return 0;
    }
    if (tito_json_type_of(v) == TITO_JSON_OBJECT) {
        for (size_t i = 0; i < tito_json_len(v); i++) {
            size_t kn = 0;
            const char *k = tito_json_key_at(v, i, &kn);
            int rc;
            if (tito_jupytext__eq(k, kn, "additional"))
                rc = section_from_json(ctx, tito_json_at(v, i), &out->additional);
            else if (tito_jupytext__eq(k, kn, "excluded"))
                rc = section_from_json(ctx, tito_json_at(v, i), &out->excluded);
            else
                rc = tito_jupytext__invalid(ctx, "a metadata filter dict may only have the keys "
                                                 "'additional' and 'excluded'");
            if (rc < 0)
                return rc;
        }
        return 0;
    }
    if (tito_json_type_of(v) != TITO_JSON_STRING)
        return tito_jupytext__invalid(ctx, "metadata filters must be strings (jupytext: "
                                           "'%s' object has no attribute 'split')",
                                      tito_json_type_name(tito_json_type_of(v)));
    size_t n = 0;
    const char *s = tito_json_string(v, &n);
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ',')
            continue;
        const char *k = s + start;
        size_t kn = i - start;
        start = i + 1;
        size_t l = tito_jupytext__lspace(k, kn);
        k += l;
        kn -= l;
        kn -= tito_jupytext__rspace(k, kn);
        tito_jupytext__filter_section *sec = &out->additional;
        if (kn && (k[0] == '-' || k[0] == '+')) {
            sec = k[0] == '-' ? &out->excluded : &out->additional;
            k++;
            kn--;
            l = tito_jupytext__lspace(k, kn);
            k += l;
            kn -= l;
            kn -= tito_jupytext__rspace(k, kn);
        }
        if (tito_jupytext__eq(k, kn, "all"))
            sec->all = 1;
        else if (kn && tito_jupytext__lines_push(&sec->names, k, kn) < 0)
            return tito_jupytext__nomem(ctx);
    }
    return 0;
}

/* metadata_filter_as_string(dict) */
int tito_jupytext__filter_dict_to_string(tito_jupytext__ctx *ctx, const tito_json *v,
                                         tito_json **out)
{
    tito_buf b = TITO_BUF_INIT;
    int rc = 0, first = 1;
    *out = NULL;
    if (tito_json_type_of(v) != TITO_JSON_OBJECT)
        return 0;
    const tito_json *add = tito_json_get(v, "additional");
    const tito_json *exc = tito_json_get(v, "excluded");
    size_t n = 0;
    const char *s;
    if (add) {
        s = tito_json_string(add, &n);
        if (s && tito_jupytext__eq(s, n, "all")) {
            tito_buf_puts(&b, "all");
            first = 0;
        } else if (tito_json_type_of(add) == TITO_JSON_ARRAY) {
            for (size_t i = 0; i < tito_json_len(add); i++) {
                s = tito_json_string(tito_json_at(add, i), &n);
                if (!s) {
                    rc = tito_jupytext__invalid(ctx, "metadata filter entries must be strings");
                    goto cleanup;
                }
                if (in_table(s, n, jupytext_cell_metadata, COUNT(jupytext_cell_metadata)))
                    continue;
                if (!first)
                    tito_buf_putc(&b, ',');
                tito_buf_put(&b, s, n);
                first = 0;
            }
        } else if (s) {
            /* a string is iterated character by character */
            size_t i = 0;
            while (i < n) {
                size_t st = i;
                tito_jupytext__utf8_next(s, n, &i);
                if (!first)
                    tito_buf_putc(&b, ',');
                tito_buf_put(&b, s + st, i - st);
                first = 0;
            }
        } else {
            rc = tito_jupytext__invalid(ctx, "metadata filter 'additional' must be a list");
            goto cleanup;
        }
    }
    if (exc) {
        s = tito_json_string(exc, &n);
        if (s && tito_jupytext__eq(s, n, "all")) {
            if (!first)
                tito_buf_putc(&b, ',');
            tito_buf_puts(&b, "-all");
        } else if (tito_json_type_of(exc) == TITO_JSON_ARRAY) {
            for (size_t i = 0; i < tito_json_len(exc); i++) {
                s = tito_json_string(tito_json_at(exc, i), &n);
                if (!s) {
                    rc = tito_jupytext__invalid(ctx, "metadata filter entries must be strings");
                    goto cleanup;
                }
                if (!first)
                    tito_buf_putc(&b, ',');
                tito_buf_putc(&b, '-');
                tito_buf_put(&b, s, n);
                first = 0;
            }
        } else if (s) {
            size_t i = 0;
            while (i < n) {
                size_t st = i;
                tito_jupytext__utf8_next(s, n, &i);
                if (!first)
                    tito_buf_putc(&b, ',');
                tito_buf_putc(&b, '-');
                tito_buf_put(&b, s + st, i - st);
                first = 0;
            }
        } else {
            rc = tito_jupytext__invalid(ctx, "metadata filter 'excluded' must be a list");
            goto cleanup;
        }
    }
    if (b.failed) {
        rc = tito_jupytext__nomem(ctx);
        goto cleanup;
    }
    *out = tito_json_new_stringn(b.ptr ? b.ptr : "", b.len);
    if (!*out)
        rc = tito_jupytext__nomem(ctx);
cleanup:
    tito_buf_dispose(&b);
    return rc;
}

/* ---- subset_metadata ------------------------------------------------------- */

/* A name set: a list of names, or "all" iterated as its characters. */
typedef struct names {
    const tito_jupytext__lines *list;
    const tito_jupytext__lines *list2; /* union with this one (may be NULL) */
    int chars_of_all;                  /* exclude == "all": the keys 'a', 'l' */
} names;

static int names_has(const names *ns, const char *s, size_t n)
{
    if (ns->chars_of_all)
        return tito_jupytext__eq(s, n, "a") || tito_jupytext__eq(s, n, "l");
    const tito_jupytext__lines *ls[2] = {ns->list, ns->list2};
    for (int j = 0; j < 2; j++) {
        if (!ls[j])
            continue;
        for (size_t i = 0; i < ls[j]->len; i++)
            if (ls[j]->v[i].n == n && memcmp(ls[j]->v[i].s, s, n) == 0)
                return 1;
    }
    return 0;
}

/* second_level(names)[key]: the names "key.rest" -> "rest". */
static int second_level(tito_jupytext__ctx *ctx, const names *ns, const char *key, size_t kn,
                        tito_jupytext__lines *out, int *any)
{
    *any = 0;
    if (ns->chars_of_all)
        return 0;
    const tito_jupytext__lines *ls[2] = {ns->list, ns->list2};
    for (int j = 0; j < 2; j++) {
        if (!ls[j])
            continue;
        for (size_t i = 0; i < ls[j]->len; i++) {
            const char *s = ls[j]->v[i].s;
            size_t n = ls[j]->v[i].n;
            const char *dot = memchr(s, '.', n);
            if (!dot || (size_t)(dot - s) != kn || memcmp(s, key, kn) != 0)
                continue;
            *any = 1;
            if (tito_jupytext__lines_push(out, dot + 1, n - kn - 1) < 0)
                return tito_jupytext__nomem(ctx);
        }
    }
    return 0;
}

static int has_second_level(const names *ns, const char *key, size_t kn)
{
    if (ns->chars_of_all)
        return 0;
    const tito_jupytext__lines *ls[2] = {ns->list, ns->list2};
    for (int j = 0; j < 2; j++) {
        if (!ls[j])
            continue;
        for (size_t i = 0; i < ls[j]->len; i++) {
            const char *s = ls[j]->v[i].s;
            const char *dot = memchr(s, '.', ls[j]->v[i].n);
            if (dot && (size_t)(dot - s) == kn && memcmp(s, key, kn) == 0)
                return 1;
        }
    }
    return 0;
}

static int add_copy(tito_jupytext__ctx *ctx, tito_json *obj, const char *k, size_t kn,
                    const tito_json *v)
{
    tito_json *c = tito_json_copy(v);
    if (!c || tito_json_object_setn(obj, k, kn, c) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

static int subset(tito_jupytext__ctx *ctx, const tito_json *md, const names *keep_only,
                  const names *exclude, int depth, tito_json **out);

/* Keys of a non-dict value, as Python's `for key in value` gives them; any use
 * of value[key] then fails in jupytext. */
static int nondict_subset(tito_jupytext__ctx *ctx, const tito_json *md, const names *keep_only,
                          tito_json **out)
{
    tito_json_type t = tito_json_type_of(md);
    size_t n = 0;
    const char *s;
    int used = 0;
    if (t == TITO_JSON_STRING) {
        s = tito_json_string(md, &n);
        size_t i = 0;
        while (i < n) {
            size_t st = i;
            tito_jupytext__utf8_next(s, n, &i);
            if (!tito_jupytext__valid_key(s + st, i - st)) {
                if (tito_jupytext__add_unsupported(ctx, s + st, i - st) < 0)
                    return TITO_ENOMEM;
                continue;
            }
            if (!keep_only || names_has(keep_only, s + st, i - st) ||
                has_second_level(keep_only, s + st, i - st))
                used = 1;
        }
    } else if (t == TITO_JSON_ARRAY) {
        for (size_t i = 0; i < tito_json_len(md); i++) {
            s = tito_json_string(tito_json_at(md, i), &n);
            if (!s)
                return tito_jupytext__invalid(ctx, "cannot filter metadata: a nested value is a "
                                                   "list of non-strings");
            if (!tito_jupytext__valid_key(s, n)) {
                if (tito_jupytext__add_unsupported(ctx, s, n) < 0)
                    return TITO_ENOMEM;
                continue;
            }
            if (!keep_only || names_has(keep_only, s, n) || has_second_level(keep_only, s, n))
                used = 1;
        }
    } else {
        return tito_jupytext__invalid(ctx, "cannot filter metadata: a nested value is a %s, "
                                           "not a mapping",
                                      tito_json_type_name(t));
    }
    if (used)
        return tito_jupytext__invalid(ctx, "cannot filter metadata: a nested value is a %s, "
                                           "not a mapping",
                                      tito_json_type_name(t));
    /* second-level keys would need value[key] too */
    *out = tito_json_new_object();
    return *out ? 0 : tito_jupytext__nomem(ctx);
}

static int subset(tito_jupytext__ctx *ctx, const tito_json *md, const names *keep_only,
                  const names *exclude, int depth, tito_json **out)
{
    tito_json *f = NULL;
    tito_jupytext__lines sub = TITO_JUPYTEXT__LINES_INIT;
    int rc = 0;
    *out = NULL;
    if (depth > 900) {
        rc = tito_jupytext__invalid(ctx, "metadata filter nests too deeply");
        goto cleanup;
    }
    if (tito_json_type_of(md) != TITO_JSON_OBJECT) {
        rc = nondict_subset(ctx, md, keep_only, out);
        goto cleanup;
    }
    f = tito_json_new_object();
    if (!f) {
        rc = tito_jupytext__nomem(ctx);
        goto cleanup;
    }
    size_t len = tito_json_len(md);
    for (size_t i = 0; i < len; i++) {
        size_t kn = 0;
        const char *k = tito_json_key_at(md, i, &kn);
        if (!tito_jupytext__valid_key(k, kn)) {
            if ((rc = tito_jupytext__add_unsupported(ctx, k, kn)) < 0)
                goto cleanup;
            continue;
        }
        if (keep_only && !names_has(keep_only, k, kn))
            continue;
        if ((rc = add_copy(ctx, f, k, kn, tito_json_at(md, i))) < 0)
            goto cleanup;
    }
    if (keep_only) {
        for (size_t i = 0; i < len; i++) {
            size_t kn = 0;
            int any = 0;
            const char *k = tito_json_key_at(md, i, &kn);
            if (!tito_jupytext__valid_key(k, kn))
                continue;
            sub.len = 0;
            if ((rc = second_level(ctx, keep_only, k, kn, &sub, &any)) < 0)
                goto cleanup;
            if (!any)
                continue;
            names ns = {&sub, NULL, 0};
            tito_json *child = NULL;
            if ((rc = subset(ctx, tito_json_at(md, i), &ns, NULL, depth + 1, &child)) < 0)
                goto cleanup;
            if (tito_json_object_setn(f, k, kn, child) < 0) {
                rc = tito_jupytext__nomem(ctx);
                goto cleanup;
            }
        }
    }
    if (exclude) {
        tito_json *g = tito_json_new_object();
        if (!g) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        for (size_t i = 0; i < tito_json_len(f); i++) {
            size_t kn = 0;
            const char *k = tito_json_key_at(f, i, &kn);
            if (names_has(exclude, k, kn))
                continue;
            tito_json *v = tito_json_at(f, i);
            int any = 0;
            sub.len = 0;
            if ((rc = second_level(ctx, exclude, k, kn, &sub, &any)) < 0) {
                tito_json_free(g);
                goto cleanup;
            }
            tito_json *nv = NULL;
            if (any) {
                names ns = {&sub, NULL, 0};
                if ((rc = subset(ctx, v, NULL, &ns, depth + 1, &nv)) < 0) {
                    tito_json_free(g);
                    goto cleanup;
                }
            } else {
                nv = tito_json_copy(v);
            }
            if (!nv || tito_json_object_setn(g, k, kn, nv) < 0) {
                tito_json_free(g);
                rc = tito_jupytext__nomem(ctx);
                goto cleanup;
            }
        }
        tito_json_free(f);
        f = g;
    }
    *out = f;
    f = NULL;
cleanup:
    tito_json_free(f);
    tito_jupytext__lines_dispose(&sub);
    return rc;
}

static tito_jupytext__lines table_lines(const char *const *t, size_t count,
                                        tito_jupytext__str *storage)
{
    tito_jupytext__lines l = {storage, count, count};
    for (size_t i = 0; i < count; i++) {
        storage[i].s = t[i];
        storage[i].n = strlen(t[i]);
    }
    return l;
}

int tito_jupytext__filter_metadata(tito_jupytext__ctx *ctx, const tito_json *md,
                                   const tito_jupytext__filter *user, int notebook,
                                   tito_json **out)
{
    tito_jupytext__str storage[COUNT(ignore_cell_metadata)];
    tito_json *tmp = NULL;
    int rc;
    *out = NULL;
    if (notebook) {
        tito_jupytext__lines defaults =
            table_lines(default_notebook_metadata, COUNT(default_notebook_metadata), storage);
        if (user->additional.all) {
            names ex = {&user->excluded.names, NULL, user->excluded.all};
            return subset(ctx, md, NULL, &ex, 0, out);
        }
        if (user->excluded.all) {
            names keep = {&user->additional.names, NULL, 0};
            return subset(ctx, md, &keep, NULL, 0, out);
        }
        names keep = {&user->additional.names, &defaults, 0};
        names ex = {&user->excluded.names, NULL, 0};
        return subset(ctx, md, &keep, &ex, 0, out);
    }
    if (user->additional.all) {
        names ex = {&user->excluded.names, NULL, user->excluded.all};
        return subset(ctx, md, NULL, &ex, 0, out);
    }
    if (user->excluded.all) {
        names keep = {&user->additional.names, NULL, 0};
        return subset(ctx, md, &keep, NULL, 0, out);
    }
    /* default exclusions minus user inclusions, plus user exclusions */
    tito_jupytext__lines ex_list = TITO_JUPYTEXT__LINES_INIT;
    for (size_t i = 0; i < COUNT(ignore_cell_metadata); i++) {
        const char *s = ignore_cell_metadata[i];
        if (section_has(&user->additional, s, strlen(s)))
            continue;
        if (tito_jupytext__lines_push(&ex_list, s, strlen(s)) < 0) {
            tito_jupytext__lines_dispose(&ex_list);
            return tito_jupytext__nomem(ctx);
        }
    }
    const tito_json *tags = tito_json_get(md, "tags");
    if (tags && !tito_jupytext__truthy(tags)) {
        tmp = tito_json_copy(md);
        if (!tmp) {
            tito_jupytext__lines_dispose(&ex_list);
            return tito_jupytext__nomem(ctx);
        }
        tito_json_object_remove(tmp, "tags");
        md = tmp;
    }
    names ex = {&user->excluded.names, &ex_list, 0};
    rc = subset(ctx, md, NULL, &ex, 0, out);
    tito_json_free(tmp);
    tito_jupytext__lines_dispose(&ex_list);
    return rc;
}

/* ---- the marker line options ------------------------------------------------ */

int tito_jupytext__marker_options(tito_jupytext__ctx *ctx, tito_json *md, int plain_json,
                                  tito_buf *out)
{
    tito_json *title = NULL, *depth = NULL, *ctype = NULL, *region = NULL;
    tito_buf head = TITO_BUF_INIT;
    int rc = 0, parts = 0;

    tito_json_object_take(md, "title", &title);
    tito_json_object_take(md, "cell_depth", &depth);
    if (title && tito_json_type_of(title) != TITO_JSON_STRING) {
        rc = tito_jupytext__invalid(ctx, "cell metadata 'title' must be a string, not %s",
                                    tito_json_type_name(tito_json_type_of(title)));
        goto cleanup;
    }
    if (depth) {
        int64_t d = 0;
        if (tito_json_type_of(depth) == TITO_JSON_BOOL) {
            d = tito_json_bool(depth);
        } else if (tito_json_type_of(depth) != TITO_JSON_INT) {
            rc = tito_jupytext__invalid(ctx, "cell metadata 'cell_depth' must be an integer, "
                                             "not %s",
                                        tito_json_type_name(tito_json_type_of(depth)));
            goto cleanup;
        } else if (tito_json_int64(depth, &d) < 0 || d > 10000000) {
            rc = tito_jupytext__invalid(ctx, "cell metadata 'cell_depth' is too large");
            goto cleanup;
        }
        for (int64_t i = 0; i < d; i++)
            tito_buf_putc(&head, '%');
        parts++;
    }
    if (title) {
        size_t n = 0;
        const char *s = tito_json_string(title, &n);
        if (parts)
            tito_buf_putc(&head, ' ');
        tito_buf_put(&head, s, n);
        parts++;
    }
    if (tito_json_get(md, "cell_type")) {
        tito_json_object_take(md, "region_name", &region);
        tito_json_object_take(md, "cell_type", &ctype);
        if (parts)
            tito_buf_putc(&head, ' ');
        tito_buf_putc(&head, '[');
        if ((rc = tito_jupytext__py_str(&head, region ? region : ctype)) < 0) {
            if (rc == TITO_EINVALID)
                rc = tito_jupytext__invalid(ctx, "cell metadata nests too deeply");
            goto cleanup;
        }
        tito_buf_putc(&head, ']');
    }
    if (head.failed) {
        rc = tito_jupytext__nomem(ctx);
        goto cleanup;
    }

    /* metadata_to_text(head, md, plain_json) */
    int first = 1;
    if (head.len) {
        tito_buf_put(out, head.ptr, head.len);
        first = 0;
    }
    if (plain_json) {
        /* dumps() of the dict without the jupytext-internal keys */
        tito_json *d = tito_json_new_object();
        if (!d) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        for (size_t i = 0; i < tito_json_len(md); i++) {
            size_t kn = 0;
            const char *k = tito_json_key_at(md, i, &kn);
            if (in_table(k, kn, jupytext_cell_metadata, COUNT(jupytext_cell_metadata)))
                continue;
            if ((rc = add_copy(ctx, d, k, kn, tito_json_at(md, i))) < 0) {
                tito_json_free(d);
                goto cleanup;
            }
        }
        if (tito_json_len(d)) {
            if (!first)
                tito_buf_putc(out, ' ');
            rc = tito_json_dumps_py(out, d);
        }
        tito_json_free(d);
        if (rc < 0) {
            rc = tito_jupytext__invalid(ctx, "cannot write cell metadata as JSON");
            goto cleanup;
        }
    } else {
        for (size_t i = 0; i < tito_json_len(md); i++) {
            size_t kn = 0;
            const char *k = tito_json_key_at(md, i, &kn);
            const tito_json *v = tito_json_at(md, i);
            if (in_table(k, kn, jupytext_cell_metadata, COUNT(jupytext_cell_metadata)))
                continue;
            if (!first)
                tito_buf_putc(out, ' ');
            first = 0;
            if (tito_jupytext__eq(k, kn, "incorrectly_encoded_metadata")) {
                size_t n = 0;
                const char *s = tito_json_string(v, &n);
                if (!s) {
                    rc = tito_jupytext__invalid(ctx, "cell metadata "
                                                     "'incorrectly_encoded_metadata' must be a "
                                                     "string");
                    goto cleanup;
                }
                tito_buf_put(out, s, n);
            } else if (tito_json_type_of(v) == TITO_JSON_NULL) {
                tito_buf_put(out, k, kn);
            } else {
                tito_buf_put(out, k, kn);
                tito_buf_putc(out, '=');
                if ((rc = tito_json_dumps_py(out, v)) < 0) {
                    rc = tito_jupytext__invalid(ctx, "cannot write cell metadata as JSON");
                    goto cleanup;
                }
            }
        }
    }
    if (out->failed)
        rc = tito_jupytext__nomem(ctx);
cleanup:
    tito_json_free(title);
    tito_json_free(depth);
    tito_json_free(ctype);
    tito_json_free(region);
    tito_buf_dispose(&head);
    return rc;
}
