/* tito_jupytext_write: the py:percent pipeline (spec §2) and the cell writer
 * (jupytext cell_to_text.py DoublePercentCellExporter, spec §4-§7). */
#include "jupytext/jupytext.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jupytext/jupytext_private.h"

#define MAX_TAIL_BLANKS 3

int tito_jupytext__invalid(tito_jupytext__ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tito_error_setv(ctx->err, TITO_EINVALID, TITO_ERROR_CONVERT, fmt, ap);
    va_end(ap);
    return TITO_EINVALID;
}

int tito_jupytext__nomem(tito_jupytext__ctx *ctx)
{
    return tito_error_set(ctx->err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

int tito_jupytext__add_unsupported(tito_jupytext__ctx *ctx, const char *s, size_t n)
{
    /* duplicates are removed when the warning is written */
    tito_jupytext__keyset *k = &ctx->unsupported;
    if (k->len && k->v[k->len - 1].n == n && memcmp(k->v[k->len - 1].s, s, n) == 0)
        return 0;
    if (k->len == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 8;
        tito_jupytext__str *v = realloc(k->v, cap * sizeof(*v));
        if (!v)
            return tito_jupytext__nomem(ctx);
        k->v = v;
        k->cap = cap;
    }
    const char *c = tito_jupytext__cat(&ctx->arena, s, n, "", 0, &n);
    if (!c)
        return tito_jupytext__nomem(ctx);
    k->v[k->len].s = c;
    k->v[k->len].n = n;
    k->len++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    const tito_jupytext__str *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    if (c)
        return c;
    return x->n < y->n ? -1 : x->n > y->n;
}

static int warn_unsupported(tito_jupytext__ctx *ctx)
{
    tito_jupytext__keyset *k = &ctx->unsupported;
    if (!k->len || !ctx->warnings)
        return 0;
    qsort(k->v, k->len, sizeof(*k->v), cmp_str);
    tito_buf_puts(ctx->warnings, "The following metadata cannot be exported to the text notebook: [");
    for (size_t i = 0; i < k->len; i++) {
        if (i && cmp_str(&k->v[i - 1], &k->v[i]) == 0)
            continue;
        if (i)
            tito_buf_puts(ctx->warnings, ", ");
        tito_jupytext__py_repr_str(ctx->warnings, k->v[i].s, k->v[i].n);
    }
    tito_buf_puts(ctx->warnings, "]\n");
    return ctx->warnings->failed ? tito_jupytext__nomem(ctx) : 0;
}

/* ---- one cell ------------------------------------------------------------- */

/* The first tag starting with "active-" (Python iteration of the tags value;
 * a non-string before it makes jupytext crash). */
static int active_tag(tito_jupytext__ctx *ctx, const tito_json *md, tito_jupytext__str *out)
{
    const tito_json *tags = tito_json_get(md, "tags");
    out->s = NULL;
    out->n = 0;
    if (!tags)
        return 0;
    switch (tito_json_type_of(tags)) {
    case TITO_JSON_STRING:
        return 0; /* iterated as characters: none starts with "active-" */
    case TITO_JSON_ARRAY:
        for (size_t i = 0; i < tito_json_len(tags); i++) {
            size_t n = 0;
            const char *s = tito_json_string(tito_json_at(tags, i), &n);
            if (!s)
                return tito_jupytext__invalid(ctx, "cell tags must be strings");
            if (tito_jupytext__starts(s, n, "active-")) {
                out->s = s;
                out->n = n;
                return 0;
            }
        }
        return 0;
    case TITO_JSON_OBJECT:
        for (size_t i = 0; i < tito_json_len(tags); i++) {
            size_t n = 0;
            const char *s = tito_json_key_at(tags, i, &n);
            if (tito_jupytext__starts(s, n, "active-")) {
                out->s = s;
                out->n = n;
                return 0;
            }
        }
        return 0;
    default:
        return tito_jupytext__invalid(ctx, "cell metadata 'tags' must be a list, not %s",
                                      tito_json_type_name(tito_json_type_of(tags)));
    }
}

/* "py" in text.split(seps) for the separator characters in seps */
static int has_py_part(const char *s, size_t n, const char *seps)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && (s[i] == '\0' || !strchr(seps, s[i])))
            continue;
        if (tito_jupytext__eq(s + start, i - start, "py"))
            return 1;
        start = i + 1;
    }
    return 0;
}

/* is_active(".py", metadata, default) */
static int is_active(tito_jupytext__ctx *ctx, const tito_json *md, int dflt, int *out)
{
    const tito_json *rc = tito_json_get(md, "run_control");
    tito_jupytext__str tag;
    int err;
    if (rc) {
        if (tito_json_type_of(rc) != TITO_JSON_OBJECT)
            return tito_jupytext__invalid(ctx, "cell metadata 'run_control' must be a mapping");
        const tito_json *fr = tito_json_get(rc, "frozen");
        if (fr && tito_json_type_of(fr) == TITO_JSON_BOOL && tito_json_bool(fr)) {
            *out = 0;
            return 0;
        }
    }
    if ((err = active_tag(ctx, md, &tag)) < 0)
        return err;
    if (tag.s) {
        *out = has_py_part(tag.s, tag.n, "-");
        return 0;
    }
    const tito_json *active = tito_json_get(md, "active");
    if (!active) {
        *out = dflt;
        return 0;
    }
    size_t n = 0;
    const char *s = tito_json_string(active, &n);
    if (!s)
        return tito_jupytext__invalid(ctx, "cell metadata 'active' must be a string");
    *out = has_py_part(s, n, ".,");
    return 0;
}

/* Go: re.sub(r"^(//\s*)*(%%\s*$|%%\s+-.*$)", r"\1//gonb:\2", line) */
static int go_escape(tito_jupytext__ctx *ctx, tito_jupytext__str *line)
{
    const char *s = line->s;
    size_t n = line->n, i = 0, g1 = 0, g1n = 0;
    while (i + 2 <= n && s[i] == '/' && s[i + 1] == '/') {
        g1 = i;
        i += 2;
        i += tito_jupytext__lspace(s + i, n - i);
        g1n = i - g1;
    }
    if (!tito_jupytext__starts(s + i, n - i, "%%"))
        return 0;
    size_t ws = tito_jupytext__lspace(s + i + 2, n - i - 2);
    int ok = i + 2 + ws == n || (ws && s[i + 2 + ws] == '-');
    if (!ok)
        return 0;
    size_t g2 = i, g2n = n - i;
    size_t outn = g1n + 7 + g2n;
    char *o = tito_jupytext__alloc(&ctx->arena, outn);
    if (!o)
        return tito_jupytext__nomem(ctx);
    memcpy(o, s + g1, g1n);
    memcpy(o + g1n, "//gonb:", 7);
    memcpy(o + g1n + 7, s + g2, g2n);
    line->s = o;
    line->n = outn;
    return 0;
}

static int set_string(tito_jupytext__ctx *ctx, tito_json *obj, const char *key, const char *s,
                      size_t n)
{
    tito_json *v = tito_json_new_stringn(s, n);
    if (!v || tito_json_object_set(obj, key, v) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

/* markdown_to_text(): triple quotes or "# " comments. */
static int commented_body(tito_jupytext__ctx *ctx, const tito_json *unfiltered,
                          tito_jupytext__lines *src, tito_jupytext__lines *text)
{
    const tito_json *m = tito_json_get(unfiltered, "cell_marker");
    if (!m)
        m = ctx->cell_markers;
    if (tito_jupytext__truthy(m)) {
        size_t mn = 0;
        const char *ms = tito_json_string(m, &mn);
        const char *left, *right;
        size_t ln, rn;
        if (!ms)
            return tito_jupytext__invalid(ctx, "cell markers must be a string");
        const char *comma = memchr(ms, ',', mn);
        if (comma) {
            left = ms;
            ln = (size_t)(comma - ms);
            right = comma + 1;
            rn = mn - ln - 1;
        } else {
            left = tito_jupytext__cat(&ctx->arena, ms, mn, "\n", 1, &ln);
            if (!left)
                return tito_jupytext__nomem(ctx);
            const char *body = ms;
            size_t bn = mn;
            if (bn && (body[0] == 'r' || body[0] == 'R')) {
                body++;
                bn--;
            }
            right = tito_jupytext__cat(&ctx->arena, "\n", 1, body, bn, &rn);
            if (!right)
                return tito_jupytext__nomem(ctx);
        }
        int quotes = rn >= 3 && (memcmp(right + rn - 3, "\"\"\"", 3) == 0 ||
                                 memcmp(right + rn - 3, "'''", 3) == 0);
        int rpre = ln >= 1 && (left[0] == 'r' || left[0] == 'R');
        int same = (ln >= 3 && memcmp(left, right + rn - 3, 3) == 0) ||
                   (rpre && ln >= 4 && memcmp(left + 1, right + rn - 3, 3) == 0);
        if (quotes && same) {
            if (!src->len)
                return tito_jupytext__invalid(ctx, "cannot write an empty cell between triple "
                                                   "quotes (jupytext fails with an IndexError)");
            if (!rpre) {
                int backslash = 0;
                for (size_t i = 0; i < src->len && !backslash; i++)
                    backslash = memchr(src->v[i].s, '\\', src->v[i].n) != NULL;
                if (backslash) {
                    left = tito_jupytext__cat(&ctx->arena, "r", 1, left, ln, &ln);
                    if (!left)
                        return tito_jupytext__nomem(ctx);
                }
            }
            tito_jupytext__str *first = &src->v[0];
            first->s = tito_jupytext__cat(&ctx->arena, left, ln, first->s, first->n, &first->n);
            if (!first->s)
                return tito_jupytext__nomem(ctx);
            tito_jupytext__str *last = &src->v[src->len - 1];
            last->s = tito_jupytext__cat(&ctx->arena, last->s, last->n, right, rn, &last->n);
            if (!last->s)
                return tito_jupytext__nomem(ctx);
            for (size_t i = 0; i < src->len; i++)
                if (tito_jupytext__lines_push(text, src->v[i].s, src->v[i].n) < 0)
                    return tito_jupytext__nomem(ctx);
            return 0;
        }
    }
    for (size_t i = 0; i < src->len; i++) {
        const char *s = "#";
        size_t n = 1;
        if (src->v[i].n) {
            s = tito_jupytext__cat(&ctx->arena, "# ", 2, src->v[i].s, src->v[i].n, &n);
            if (!s)
                return tito_jupytext__nomem(ctx);
        }
        if (tito_jupytext__lines_push(text, s, n) < 0)
            return tito_jupytext__nomem(ctx);
    }
    return 0;
}

static int cell_to_text(tito_jupytext__ctx *ctx, size_t idx, tito_jupytext__lines *text)
{
    tito_jupytext__lines src = TITO_JUPYTEXT__LINES_INIT;
    tito_json *md = NULL;
    tito_buf opts = TITO_BUF_INIT;
    int rc = 0;
    size_t n = 0;
    const char *source = tito_nb_cell_source(ctx->nb, idx, &n);
    const tito_json *unfiltered = tito_nb_cell_metadata(ctx->nb, idx);
    tito_cell_type type = tito_nb_cell_type(ctx->nb, idx);
    const char *type_name = tito_nb_cell_type_name(ctx->nb, idx);

    if (tito_jupytext__cell_lines(&src, source ? source : "", source ? n : 0) < 0) {
        rc = tito_jupytext__nomem(ctx);
        goto cleanup;
    }
    if (ctx->custom_magics_error) {
        rc = tito_jupytext__invalid(ctx, "jupytext.custom_cell_magics and custom_language_magics "
                                         "must be strings");
        goto cleanup;
    }
    if ((rc = tito_jupytext__filter_metadata(ctx, unfiltered, &ctx->cell_filter, 0, &md)) < 0)
        goto cleanup;

    /* the cell language, from a %%lang first line or the metadata */
    tito_jupytext__str lang, args;
    int found = 0;
    if ((rc = tito_jupytext__cell_language(ctx, &src, &lang, &args, &found)) < 0)
        goto cleanup;
    if (found && args.n && (rc = set_string(ctx, md, "magic_args", args.s, args.n)) < 0)
        goto cleanup;
    if (found && lang.n && (rc = set_string(ctx, md, "language", lang.s, lang.n)) < 0)
        goto cleanup;
    const char *language = lang.s;
    size_t language_n = lang.n;
    if (!(found && lang.n)) {
        const tito_json *ml = tito_json_get(unfiltered, "language");
        if (ml) {
            language = tito_json_string(ml, &language_n);
            if (!language) {
                rc = tito_jupytext__invalid(ctx, "cell metadata 'language' must be a string, "
                                                 "not %s",
                                            tito_json_type_name(tito_json_type_of(ml)));
                goto cleanup;
            }
        } else {
            language = ctx->default_language;
            language_n = ctx->default_language_len;
        }
    }

    tito_jupytext__str tag;
    if (type == TITO_CELL_RAW && !tito_json_get(md, "active")) {
        if ((rc = active_tag(ctx, md, &tag)) < 0)
            goto cleanup;
        if (!tag.s && (rc = set_string(ctx, md, "active", "", 0)) < 0)
            goto cleanup;
    }

    /* DoublePercentCellExporter.cell_to_text() */
    if (tito_jupytext__eq(ctx->default_language, ctx->default_language_len, "go") &&
        tito_jupytext__eq(language, language_n, "go")) {
        for (size_t i = 0; i < src.len; i++)
            if ((rc = go_escape(ctx, &src.v[i])) < 0)
                goto cleanup;
    }
    int same = 0, active = 0;
    if (tito_jupytext__same_language(&ctx->arena, language, language_n, ctx->default_language,
                                     ctx->default_language_len, &same) < 0) {
        rc = tito_jupytext__nomem(ctx);
        goto cleanup;
    }
    if ((rc = is_active(ctx, md, same, &active)) < 0)
        goto cleanup;
    if (type == TITO_CELL_RAW) {
        const tito_json *a = tito_json_get(md, "active");
        size_t an = 1;
        if (a && tito_json_string(a, &an) && an == 0)
            tito_json_object_remove(md, "active");
    }
    int is_code = type == TITO_CELL_CODE || (type == TITO_CELL_RAW && tito_json_get(md, "active"));
    if (!is_code) {
        if ((rc = active_tag(ctx, md, &tag)) < 0)
            goto cleanup;
        is_code = tag.s != NULL;
    }
    if (!is_code && (rc = set_string(ctx, md, "cell_type", type_name, strlen(type_name))) < 0)
        goto cleanup;
    if ((rc = tito_jupytext__marker_options(ctx, md, ctx->cell_metadata_json, &opts)) < 0)
        goto cleanup;

    size_t indent = 0;
    if (is_code && active && src.len && !tito_jupytext__blank(src.v[0].s, src.v[0].n))
        indent = tito_jupytext__lspace(src.v[0].s, src.v[0].n);
    {
        tito_buf m = TITO_BUF_INIT;
        tito_buf_put(&m, src.len ? src.v[0].s : "", indent);
        tito_buf_puts(&m, "# %%");
        if (opts.len && opts.ptr[0] != '%')
            tito_buf_putc(&m, ' ');
        tito_buf_put(&m, opts.ptr ? opts.ptr : "", opts.len);
        const char *l = m.failed ? NULL
                                 : tito_jupytext__cat(&ctx->arena, m.ptr, m.len, "", 0, &n);
        tito_buf_dispose(&m);
        if (!l || tito_jupytext__lines_push(text, l, n) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (is_code && active) {
        if ((rc = tito_jupytext__comment_magic(ctx, &src, language, language_n,
                                               ctx->comment_magics)) < 0)
            goto cleanup;
        if (src.len == 1 && src.v[0].n == 0)
            goto cleanup;
        for (size_t i = 0; i < src.len; i++)
            if (tito_jupytext__lines_push(text, src.v[i].s, src.v[i].n) < 0) {
                rc = tito_jupytext__nomem(ctx);
                goto cleanup;
            }
        goto cleanup;
    }
    rc = commented_body(ctx, unfiltered, &src, text);
cleanup:
    tito_jupytext__lines_dispose(&src);
    tito_json_free(md);
    tito_buf_dispose(&opts);
    return rc;
}

/* ---- the whole file --------------------------------------------------------- */

static int put_lines(tito_buf *out, const tito_jupytext__lines *l, int *first)
{
    for (size_t i = 0; i < l->len; i++) {
        if (!*first)
            tito_buf_putc(out, '\n');
        *first = 0;
        tito_buf_put(out, l->v[i].s, l->v[i].n);
    }
    return 0;
}

static int put_blanks(tito_buf *out, long n, int *first)
{
    for (long i = 0; i < n; i++) {
        if (!*first)
            tito_buf_putc(out, '\n');
        *first = 0;
    }
    return 0;
}

static int tail_prepend(tito_jupytext__pep8_tail *tail, const tito_jupytext__lines *text, long blanks)
{
    /* more than a few stacked blank lines leave the scans' answers unchanged */
    for (long b = 0; b < blanks && b < MAX_TAIL_BLANKS; b++)
        if (tito_jupytext__pep8_prepend(tail, "", 0) < 0)
            return TITO_ENOMEM;
    for (size_t i = text->len; i-- > 0;)
        if (tito_jupytext__pep8_prepend(tail, text->v[i].s, text->v[i].n) < 0)
            return TITO_ENOMEM;
    return 0;
}

int tito_jupytext_write(tito_buf *out, const tito_nb *nb, const tito_jupytext_opts *opts,
                        tito_buf *warnings, tito_error *err)
{
    tito_jupytext__ctx ctx;
    tito_jupytext__lines pre = TITO_JUPYTEXT__LINES_INIT, hdr = TITO_JUPYTEXT__LINES_INIT;
    tito_jupytext__lines *texts = NULL;
    long *blanks = NULL;
    tito_jupytext__pep8_tail tail = {0};
    size_t ncells = 0, first_cell = 0, start = out ? out->len : 0;
    int rc = 0, used = 0;
    long header_blanks = -1;

    memset(&ctx, 0, sizeof(ctx));
    ctx.err = err;
    ctx.warnings = warnings;
    ctx.nb = nb;
    ctx.version = opts ? opts->version : TITO_JUPYTEXT_VERSION;
    if (!out || !nb) {
        rc = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "tito_jupytext_write: "
                                                                   "missing argument");
        goto cleanup;
    }
    if (warnings && tito_nb_nbformat_minor(nb) > 5)
        tito_buf_printf(warnings, "Notebooks in nbformat version 4.%d have not been tested with "
                                  "Jupytext version %s.\n",
                        tito_nb_nbformat_minor(nb), TITO_JUPYTEXT_VERSION);

    if ((rc = tito_jupytext__prepare(&ctx, &pre)) < 0 ||
        (rc = tito_jupytext__header(&ctx, &hdr, &used, &header_blanks)) < 0)
        goto cleanup;

    ncells = tito_nb_ncells(nb);
    first_cell = used ? 1 : 0;
    if (ncells > first_cell) {
        if ((rc = tito_jupytext__filter_parse(&ctx, tito_json_get(ctx.fmt, "cell_metadata_filter"),
                                              &ctx.cell_filter)) < 0)
            goto cleanup;
        texts = calloc(ncells, sizeof(*texts));
        blanks = calloc(ncells, sizeof(*blanks));
        if (!texts || !blanks) {
            rc = tito_jupytext__nomem(&ctx);
            goto cleanup;
        }
    }
    for (size_t i = first_cell; i < ncells; i++) {
        const tito_json *md = tito_nb_cell_metadata(nb, i);
        if ((rc = tito_jupytext__blank_count(&ctx, tito_json_get(md, "lines_to_next_cell"),
                                             &blanks[i])) < 0 ||
            (rc = cell_to_text(&ctx, i, &texts[i])) < 0)
            goto cleanup;
    }
    if ((rc = warn_unsupported(&ctx)) < 0)
        goto cleanup;

    /* blank lines, from the last cell to the first */
    for (size_t i = ncells; i-- > first_cell;) {
        if (blanks[i] < 0) {
            int n = tito_jupytext__pep8_lines(&texts[i], &tail);
            if (n < 0) {
                rc = tito_jupytext__nomem(&ctx);
                goto cleanup;
            }
            blanks[i] = n;
        }
        if (tail_prepend(&tail, &texts[i], blanks[i]) < 0) {
            rc = tito_jupytext__nomem(&ctx);
            goto cleanup;
        }
    }
    if (header_blanks < 0) {
        int n = tito_jupytext__pep8_lines(&hdr, &tail);
        if (n < 0) {
            rc = tito_jupytext__nomem(&ctx);
            goto cleanup;
        }
        header_blanks = n;
    }

    int first = 1;
    put_lines(out, &pre, &first);
    put_lines(out, &hdr, &first);
    put_blanks(out, header_blanks, &first);
    for (size_t i = first_cell; i < ncells; i++) {
        put_lines(out, &texts[i], &first);
        put_blanks(out, blanks[i], &first);
    }
    if (out->len == start || out->ptr[out->len - 1] != '\n')
        tito_buf_putc(out, '\n');
    if (out->failed) {
        rc = tito_jupytext__nomem(&ctx);
        goto cleanup;
    }
    /* A lone surrogate (\udXXX in the JSON, WTF-8 in memory) cannot be
     * encoded as UTF-8: jupytext fails when it writes the file. */
    for (const char *p = out->ptr + start, *end = out->ptr + out->len;
         (p = memchr(p, '\xED', (size_t)(end - p))) != NULL; p++) {
        if (p + 1 < end && (unsigned char)p[1] >= 0xA0 && (unsigned char)p[1] <= 0xBF) {
            rc = tito_jupytext__invalid(&ctx, "the notebook text contains a lone surrogate "
                                              "(\\ud800-\\udfff), which cannot be written "
                                              "as UTF-8");
            goto cleanup;
        }
    }

cleanup:
    if (rc < 0 && out && !out->failed)
        tito_buf_truncate(out, start);
    if (texts)
        for (size_t i = 0; i < ncells; i++)
            tito_jupytext__lines_dispose(&texts[i]);
    free(texts);
    free(blanks);
    tito_jupytext__pep8_dispose(&tail);
    tito_jupytext__lines_dispose(&pre);
    tito_jupytext__lines_dispose(&hdr);
    tito_jupytext__lines_dispose(&ctx.custom_magics);
    tito_jupytext__filter_dispose(&ctx.cell_filter);
    free(ctx.unsupported.v);
    tito_json_free(ctx.md);
    tito_json_free(ctx.fmt);
    tito_jupytext__arena_dispose(&ctx.arena);
    return rc;
}
