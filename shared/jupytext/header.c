/* Notebook metadata and the YAML header (spec §2 steps 1-6, §3): legacy
 * metadata moves (formats.py rearrange_jupytext_metadata), the formats list,
 * the default language, format options from metadata.jupytext, the
 * shebang/encoding lines and the commented YAML header (header.py). */
#include "jupytext/jupytext_private.h"

#include <string.h>

#include "jupytext/yaml.h"

static const char *const format_options[] = {
    "comment_magics", "hide_notebook_metadata", "root_level_metadata_as_raw_cell",
    "split_at_heading", "rst2md", "cell_metadata_json", "use_runtools",
    "doxygen_equation_markers", "notebook_metadata_filter", "root_level_metadata_filter",
    "cell_metadata_filter", "cell_markers", "custom_cell_magics", "custom_language_magics"};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))
#define MAX_BLANK_LINES 10000000L

/* position of the last c in s[0..n), or (size_t)-1 */
static size_t rfind(const char *s, size_t n, char c)
{
    for (size_t i = n; i-- > 0;)
        if (s[i] == c)
            return i;
    return (size_t)-1;
}

static int is_type(const tito_json *v, tito_json_type t)
{
    return v && tito_json_type_of(v) == t;
}

/* ---- rearrange_jupytext_metadata ----------------------------------------- */

static int move_key(tito_jupytext__ctx *ctx, tito_json *from, const char *key, tito_json *to,
                    const char *newkey)
{
    tito_json *v = NULL;
    tito_json_object_take(from, key, &v);
    if (!v)
        return 0;
    if (tito_json_object_set(to, newkey, v) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

static int rearrange(tito_jupytext__ctx *ctx, tito_json *md)
{
    tito_json *jm = NULL, *v = NULL;
    int rc = 0, attached = 0;

    if ((rc = move_key(ctx, md, "nbrmd_formats", md, "jupytext_formats")) < 0 ||
        (rc = move_key(ctx, md, "nbrmd_format_version", md, "jupytext_format_version")) < 0)
        return rc;
    jm = tito_json_get(md, "jupytext");
    if (jm) {
        if (!is_type(jm, TITO_JSON_OBJECT))
            return tito_jupytext__invalid(ctx, "notebook metadata 'jupytext' must be a mapping, "
                                               "not %s",
                                          tito_json_type_name(tito_json_type_of(jm)));
        attached = 1;
    } else {
        jm = tito_json_new_object();
        if (!jm)
            return tito_jupytext__nomem(ctx);
    }
    if ((rc = move_key(ctx, md, "jupytext_formats", jm, "formats")) < 0)
        goto cleanup;
    tito_json_object_take(md, "jupytext_format_version", &v);
    if (v) {
        tito_json *tr = tito_json_new_object();
        if (!tr || tito_json_object_set(tr, "format_version", v) < 0) {
            v = NULL;
            tito_json_free(tr);
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        v = NULL;
        if (tito_json_object_set(jm, "text_representation", tr) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if ((rc = move_key(ctx, md, "main_language", jm, "main_language")) < 0 ||
        (rc = move_key(ctx, md, "encoding", jm, "encoding")) < 0 ||
        (rc = move_key(ctx, md, "executable", jm, "executable")) < 0)
        goto cleanup;

    tito_json_object_take(jm, "metadata_filter", &v);
    if (v) {
        if (is_type(v, TITO_JSON_OBJECT)) {
            const tito_json *nbf = tito_json_get(v, "notebook");
            const tito_json *cf = tito_json_get(v, "cells");
            tito_json *c;
            if (nbf) {
                c = tito_json_copy(nbf);
                if (!c || tito_json_object_set(jm, "notebook_metadata_filter", c) < 0) {
                    rc = tito_jupytext__nomem(ctx);
                    goto cleanup;
                }
            }
            if (cf) {
                c = tito_json_copy(cf);
                if (!c || tito_json_object_set(jm, "cell_metadata_filter", c) < 0) {
                    rc = tito_jupytext__nomem(ctx);
                    goto cleanup;
                }
            }
        } else {
            int bad = 1;
            size_t n = 0;
            const char *s = tito_json_string(v, &n);
            if (s) {
                bad = memmem(s, n, "notebook", 8) || memmem(s, n, "cells", 5);
            } else if (is_type(v, TITO_JSON_ARRAY)) {
                bad = 0;
                for (size_t i = 0; i < tito_json_len(v); i++) {
                    const char *e = tito_json_string(tito_json_at(v, i), &n);
                    if (e && (tito_jupytext__eq(e, n, "notebook") || tito_jupytext__eq(e, n, "cells")))
                        bad = 1;
                }
            }
            if (bad) {
                rc = tito_jupytext__invalid(ctx, "jupytext.metadata_filter must be a mapping");
                goto cleanup;
            }
        }
        tito_json_free(v);
        v = NULL;
    }
    static const char *const levels[] = {"notebook_metadata_filter", "cell_metadata_filter"};
    for (size_t i = 0; i < 2; i++) {
        tito_json *f = tito_json_get(jm, levels[i]);
        tito_json *s = NULL;
        if (!f)
            continue;
        if ((rc = tito_jupytext__filter_dict_to_string(ctx, f, &s)) < 0)
            goto cleanup;
        if (s && tito_json_object_set(jm, levels[i], s) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    const tito_json *tr = tito_json_get(jm, "text_representation");
    if (tr && !is_type(tr, TITO_JSON_OBJECT)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.text_representation must be a mapping");
        goto cleanup;
    }
    const tito_json *jv = tr ? tito_json_get(tr, "jupytext_version") : NULL;
    if (jv && !is_type(jv, TITO_JSON_STRING)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.text_representation.jupytext_version must be "
                                         "a string");
        goto cleanup;
    }
    size_t jvn = 0;
    const char *jvs = jv ? tito_json_string(jv, &jvn) : NULL;
    const tito_json *formats = tito_json_get(jm, "formats");
    if (jvs && tito_jupytext__starts(jvs, jvn, "0.") && tito_jupytext__truthy(formats)) {
        size_t n = 0;
        const char *s = tito_json_string(formats, &n);
        if (!s) {
            rc = tito_jupytext__invalid(ctx, "jupytext.formats must be a string");
            goto cleanup;
        }
        tito_buf b = TITO_BUF_INIT;
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ',')
                continue;
            if (start)
                tito_buf_putc(&b, ',');
            size_t d = rfind(s + start, i - start, '.');
            if (d != (size_t)-1 && d > 0)
                tito_buf_putc(&b, '.');
            tito_buf_put(&b, s + start, i - start);
            start = i + 1;
        }
        tito_json *nf = b.failed ? NULL : tito_json_new_stringn(b.ptr ? b.ptr : "", b.len);
        tito_buf_dispose(&b);
        if (!nf || tito_json_object_set(jm, "formats", nf) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        formats = tito_json_get(jm, "formats");
    }
    if (tito_jupytext__truthy(formats)) {
        tito_json *nf = NULL;
        if ((rc = tito_jupytext__normalize_formats(ctx, formats, md, attached ? jm : NULL,
                                                   &nf)) < 0)
            goto cleanup;
        if (tito_json_object_set(jm, "formats", nf) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (!attached && tito_json_len(jm)) {
        rc = tito_json_object_set(md, "jupytext", jm);
        jm = NULL;
        attached = 1;
        if (rc < 0)
            rc = tito_jupytext__nomem(ctx);
    }
cleanup:
    if (!attached)
        tito_json_free(jm);
    tito_json_free(v);
    return rc;
}

/* ---- language and options ------------------------------------------------ */

static int default_language(tito_jupytext__ctx *ctx)
{
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    const tito_json *ks = tito_json_get(ctx->md, "kernelspec");
    const tito_json *main = jm ? tito_json_get(jm, "main_language") : NULL;
    const tito_json *kl = NULL;
    if (ks && !is_type(ks, TITO_JSON_OBJECT))
        return tito_jupytext__invalid(ctx, "notebook metadata 'kernelspec' must be a mapping, "
                                           "not %s",
                                      tito_json_type_name(tito_json_type_of(ks)));
    kl = ks ? tito_json_get(ks, "language") : NULL;
    const tito_json *lang = tito_jupytext__truthy(main) ? main
                            : tito_jupytext__truthy(kl) ? kl
                                                        : NULL;
    size_t n = 6;
    const char *s = "python";
    if (lang) {
        s = tito_json_string(lang, &n);
        if (!s)
            return tito_jupytext__invalid(ctx, "the notebook language must be a string, not %s",
                                          tito_json_type_name(tito_json_type_of(lang)));
        s = tito_jupytext__cat(&ctx->arena, s, n, "", 0, &n);
        if (!s)
            return tito_jupytext__nomem(ctx);
    }
    /* pop main_language when it equals the kernel (or extension) language */
    if (main && is_type(main, TITO_JSON_STRING)) {
        size_t mn = 0, dn = 6;
        const char *ms = tito_json_string(main, &mn);
        const char *ds = "python";
        if (tito_jupytext__truthy(kl))
            ds = tito_json_string(kl, &dn);
        if (ds && mn == dn && memcmp(ms, ds, mn) == 0)
            tito_json_object_remove(jm, "main_language");
    }
    if (tito_jupytext__eq(s, n, "R") || tito_jupytext__eq(s, n, "sas")) {
        ctx->default_language = s;
        ctx->default_language_len = n;
        return 0;
    }
    if (tito_jupytext__starts(s, n, "C++")) {
        ctx->default_language = "c++";
        ctx->default_language_len = 3;
        return 0;
    }
    size_t ln = 0;
    const char *low = tito_jupytext__lower(&ctx->arena, s, n, &ln);
    if (!low)
        return tito_jupytext__nomem(ctx);
    /* .replace("#", "sharp") */
    size_t hashes = 0;
    for (size_t i = 0; i < ln; i++)
        hashes += low[i] == '#';
    char *o = tito_jupytext__alloc(&ctx->arena, ln + 4 * hashes);
    if (!o)
        return tito_jupytext__nomem(ctx);
    size_t k = 0;
    for (size_t i = 0; i < ln; i++) {
        if (low[i] == '#') {
            memcpy(o + k, "sharp", 5);
            k += 5;
        } else {
            o[k++] = low[i];
        }
    }
    ctx->default_language = o;
    ctx->default_language_len = k;
    return 0;
}

/* update_fmt_with_notebook_options() */
static int format_options_from_metadata(tito_jupytext__ctx *ctx)
{
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    ctx->fmt = tito_json_new_object();
    if (!ctx->fmt)
        return tito_jupytext__nomem(ctx);
    tito_json *e = tito_json_new_string(".py"), *f = tito_json_new_string("percent");
    if (tito_json_object_set(ctx->fmt, "extension", e) < 0 ||
        tito_json_object_set(ctx->fmt, "format_name", f) < 0)
        return tito_jupytext__nomem(ctx);
    if (!jm)
        return 0;
    for (size_t i = 0; i < COUNT(format_options); i++) {
        const tito_json *v = tito_json_get(jm, format_options[i]);
        tito_json *c;
        if (!v)
            continue;
        c = tito_json_copy(v);
        if (!c || tito_json_object_set(ctx->fmt, format_options[i], c) < 0)
            return tito_jupytext__nomem(ctx);
    }
    const tito_json *tr = tito_json_get(jm, "text_representation");
    if (tr) {
        const tito_json *te = tito_json_get(tr, "extension");
        const tito_json *tf = tito_json_get(tr, "format_name");
        const char *tes = te ? tito_json_string(te, NULL) : NULL;
        const char *tfs = tf ? tito_json_string(tf, NULL) : NULL;
        size_t ten = 0, tfn = 0;
        if (tes)
            tito_json_string(te, &ten);
        if (tfs)
            tito_json_string(tf, &tfn);
        if (tes && tfs && tito_jupytext__eq(tes, ten, ".py") &&
            tito_jupytext__eq(tfs, tfn, "percent")) {
            for (size_t i = 0; i < tito_json_len(tr); i++) {
                size_t kn = 0;
                const char *k = tito_json_key_at(tr, i, &kn);
                tito_json *c = tito_json_copy(tito_json_at(tr, i));
                if (!c || tito_json_object_setn(ctx->fmt, k, kn, c) < 0)
                    return tito_jupytext__nomem(ctx);
            }
        }
    }
    const tito_json *rst = tito_json_get(jm, "rst2md");
    if (is_type(rst, TITO_JSON_BOOL) && tito_json_bool(rst)) {
        tito_json *fb = tito_json_new_bool(0);
        if (tito_json_object_set(jm, "rst2md", fb) < 0)
            return tito_jupytext__nomem(ctx);
    }
    return 0;
}

static int resolve_options(tito_jupytext__ctx *ctx)
{
    const tito_json *v = tito_json_get(ctx->fmt, "comment_magics");
    ctx->comment_magics = v ? tito_jupytext__truthy(v) : 1;
    ctx->cell_metadata_json = tito_jupytext__truthy(tito_json_get(ctx->fmt, "cell_metadata_json"));
    ctx->cell_markers = tito_json_get(ctx->fmt, "cell_markers");
    static const char *const customs[] = {"custom_cell_magics", "custom_language_magics"};
    for (size_t k = 0; k < 2; k++) {
        v = tito_json_get(ctx->fmt, customs[k]);
        size_t n = 0;
        const char *s = "";
        if (v) {
            s = tito_json_string(v, &n);
            if (!s) {
                ctx->custom_magics_error = 1;
                continue;
            }
        }
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ',')
                continue;
            if (tito_jupytext__lines_push(&ctx->custom_magics, s + start, i - start) < 0)
                return tito_jupytext__nomem(ctx);
            start = i + 1;
        }
    }
    return 0;
}

int tito_jupytext__prepare(tito_jupytext__ctx *ctx, tito_jupytext__lines *pre)
{
    int rc;
    tito_json *jm;
    ctx->md = tito_json_copy(tito_nb_metadata(ctx->nb));
    if (!ctx->md)
        return tito_jupytext__nomem(ctx);
    if (!is_type(ctx->md, TITO_JSON_OBJECT))
        return tito_jupytext__invalid(ctx, "notebook metadata must be a mapping");
    /* jupytext.read() rearranges once, jupytext.writes() once more */
    if ((rc = rearrange(ctx, ctx->md)) < 0 || (rc = rearrange(ctx, ctx->md)) < 0 ||
        (rc = tito_jupytext__update_formats(ctx)) < 0 || (rc = default_language(ctx)) < 0 ||
        (rc = format_options_from_metadata(ctx)) < 0 || (rc = resolve_options(ctx)) < 0)
        return rc;

    /* encoding_and_executable() */
    jm = tito_json_get(ctx->md, "jupytext");
    if (jm) {
        tito_json *v = NULL;
        tito_json_object_take(jm, "executable", &v);
        if (v) {
            size_t n = 0;
            const char *s = tito_json_string(v, &n);
            const char *l = s ? tito_jupytext__cat(&ctx->arena, "#!", 2, s, n, &n) : NULL;
            tito_json_free(v);
            if (!s)
                return tito_jupytext__invalid(ctx, "jupytext.executable must be a string");
            if (!l || tito_jupytext__lines_push(pre, l, n) < 0)
                return tito_jupytext__nomem(ctx);
        }
        v = NULL;
        tito_json_object_take(jm, "encoding", &v);
        if (v) {
            size_t n = 0;
            const char *s = tito_json_string(v, &n);
            const char *l = s ? tito_jupytext__cat(&ctx->arena, s, n, "", 0, &n) : NULL;
            tito_json_free(v);
            if (!s)
                return tito_jupytext__invalid(ctx, "jupytext.encoding must be a string");
            if (!l || tito_jupytext__lines_push(pre, l, n) < 0)
                return tito_jupytext__nomem(ctx);
            return 0;
        }
    }
    if (!tito_jupytext__eq(ctx->default_language, ctx->default_language_len, "python")) {
        for (size_t i = 0; i < tito_nb_ncells(ctx->nb); i++) {
            size_t n = 0;
            const char *s = tito_nb_cell_source(ctx->nb, i, &n);
            int ascii = 1;
            for (size_t k = 0; k < n && ascii; k++)
                ascii = (unsigned char)s[k] < 0x80;
            if (!ascii) {
                if (tito_jupytext__lines_push(pre, "# -*- coding: utf-8 -*-", 23) < 0)
                    return tito_jupytext__nomem(ctx);
                break;
            }
        }
    }
    return 0;
}

/* ---- the header -------------------------------------------------------- */

int tito_jupytext__blank_count(tito_jupytext__ctx *ctx, const tito_json *v, long *out)
{
    int64_t n = 0;
    *out = -1;
    if (!v || is_type(v, TITO_JSON_NULL))
        return 0;
    if (is_type(v, TITO_JSON_BOOL)) {
        *out = tito_json_bool(v);
        return 0;
    }
    if (!is_type(v, TITO_JSON_INT))
        return tito_jupytext__invalid(ctx, "cell metadata 'lines_to_next_cell' must be an "
                                           "integer, not %s",
                                      tito_json_type_name(tito_json_type_of(v)));
    const char *t = tito_json_int_text(v);
    if (t && t[0] == '-') {
        *out = 0;
        return 0;
    }
    if (tito_json_int64(v, &n) < 0 || n > MAX_BLANK_LINES)
        return tito_jupytext__invalid(ctx, "cell metadata 'lines_to_next_cell' is too large");
    *out = (long)n;
    return 0;
}

/* ^---\s*$ */
static int header_rule(const char *s, size_t n)
{
    return tito_jupytext__starts(s, n, "---") && tito_jupytext__blank(s + 3, n - 3);
}

static int push_commented(tito_jupytext__ctx *ctx, tito_jupytext__lines *out, const char *s,
                          size_t n)
{
    if (!n)
        return tito_jupytext__lines_push(out, "#", 1) < 0 ? tito_jupytext__nomem(ctx) : 0;
    const char *l = tito_jupytext__cat(&ctx->arena, "# ", 2, s, n, &n);
    if (!l || tito_jupytext__lines_push(out, l, n) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

int tito_jupytext__header(tito_jupytext__ctx *ctx, tito_jupytext__lines *out, int *first_cell_used,
                          long *blank_override)
{
    tito_json *root = NULL, *filtered = NULL, *rlm = NULL;
    tito_jupytext__lines fm = TITO_JUPYTEXT__LINES_INIT, ylines = TITO_JUPYTEXT__LINES_INIT;
    tito_jupytext__filter nbfilter;
    tito_buf yaml = TITO_BUF_INIT;
    int rc = 0, has_front = 0;
    memset(&nbfilter, 0, sizeof(nbfilter));
    *first_cell_used = 0;
    *blank_override = -1;

    const tito_json *raw_opt = tito_json_get(ctx->fmt, "root_level_metadata_as_raw_cell");
    int as_raw_cell = raw_opt ? tito_jupytext__truthy(raw_opt) : 1;
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    if (!as_raw_cell) {
        if (jm)
            tito_json_object_take(jm, "root_level_metadata", &rlm);
    } else if (tito_nb_ncells(ctx->nb) && tito_nb_cell_type(ctx->nb, 0) == TITO_CELL_RAW) {
        size_t n = 0;
        const char *s = tito_nb_cell_source(ctx->nb, 0, &n);
        while (n && (s[0] == '\n' || s[0] == '\t' || s[0] == ' ')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == ' '))
            n--;
        if ((rc = tito_jupytext__splitlines(&fm, s, n)) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (fm.len >= 2 && header_rule(fm.v[0].s, fm.v[0].n) &&
            header_rule(fm.v[fm.len - 1].s, fm.v[fm.len - 1].n)) {
            has_front = 1;
            *first_cell_used = 1;
            const tito_json *md0 = tito_nb_cell_metadata(ctx->nb, 0);
            if ((rc = tito_jupytext__blank_count(ctx, tito_json_get(md0, "lines_to_next_cell"),
                                                 blank_override)) < 0)
                goto cleanup;
        }
    }

    /* insert_jupytext_info_and_filter_metadata() */
    if (ctx->version) {
        tito_json *tr = tito_json_new_object();
        if (!tr || tito_json_object_set(tr, "extension", tito_json_new_string(".py")) < 0 ||
            tito_json_object_set(tr, "format_name", tito_json_new_string("percent")) < 0 ||
            tito_json_object_set(tr, "format_version", tito_json_new_string("1.3")) < 0 ||
            tito_json_object_set(tr, "jupytext_version", tito_json_new_string(ctx->version)) < 0) {
            tito_json_free(tr);
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (!jm) {
            jm = tito_json_new_object();
            if (!jm || tito_json_object_set(ctx->md, "jupytext", jm) < 0) {
                tito_json_free(tr);
                rc = tito_jupytext__nomem(ctx);
                goto cleanup;
            }
        }
        if (tito_json_object_set(jm, "text_representation", tr) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (jm && !tito_json_len(jm))
        tito_json_object_remove(ctx->md, "jupytext");
    if ((rc = tito_jupytext__filter_parse(ctx, tito_json_get(ctx->fmt, "notebook_metadata_filter"),
                                          &nbfilter)) < 0 ||
        (rc = tito_jupytext__filter_metadata(ctx, ctx->md, &nbfilter, 1, &filtered)) < 0)
        goto cleanup;

    if (rlm && tito_jupytext__truthy(rlm) && !is_type(rlm, TITO_JSON_OBJECT) &&
        tito_json_len(filtered)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.root_level_metadata must be a mapping");
        goto cleanup;
    }
    if (rlm && !tito_jupytext__truthy(rlm) && !is_type(rlm, TITO_JSON_OBJECT) &&
        tito_json_len(filtered)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.root_level_metadata must be a mapping");
        goto cleanup;
    }
    if (rlm && (is_type(rlm, TITO_JSON_OBJECT) || !tito_json_len(filtered))) {
        root = rlm;
        rlm = NULL;
    } else {
        root = tito_json_new_object();
        if (!root) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (tito_json_len(filtered)) {
        rc = tito_json_object_set(root, "jupyter", filtered);
        filtered = NULL;
        if (rc < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (tito_jupytext__truthy(root)) {
        if ((rc = tito_yaml_dump(&yaml, root)) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (tito_jupytext__splitlines(&ylines, yaml.ptr, yaml.len) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    /* "---\n---" front matter with nothing else: no header at all */
    if (!(has_front && fm.len > 2) && !ylines.len)
        goto cleanup;
    if ((rc = push_commented(ctx, out, "---", 3)) < 0)
        goto cleanup;
    for (size_t i = 1; has_front && i + 1 < fm.len; i++)
        if ((rc = push_commented(ctx, out, fm.v[i].s, fm.v[i].n)) < 0)
            goto cleanup;
    for (size_t i = 0; i < ylines.len; i++) {
        /* the YAML text dies with this function: copy it */
        const char *c = tito_jupytext__cat(&ctx->arena, "# ", 2, ylines.v[i].s, ylines.v[i].n,
                                           &ylines.v[i].n);
        if (!c) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (ylines.v[i].n == 2)
            ylines.v[i].n = 1; /* "#" for an empty line */
        if (tito_jupytext__lines_push(out, c, ylines.v[i].n) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    rc = push_commented(ctx, out, "---", 3);
cleanup:
    tito_json_free(root);
    tito_json_free(filtered);
    tito_json_free(rlm);
    tito_jupytext__lines_dispose(&fm);
    tito_jupytext__lines_dispose(&ylines);
    tito_jupytext__filter_dispose(&nbfilter);
    tito_buf_dispose(&yaml);
    return rc;
}
