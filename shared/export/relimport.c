/* Absolute imports of the package made relative, as nbdev's maker.py does:
 *
 *   relative_import(name, fname):      # fname = module dir relative to the
 *       sname = name.replace('.','/')  #   package's parent, "tinytorch/core"
 *       if not commonpath([sname, fname]): return name
 *       rel = relpath(sname, fname); "." stays "."
 *       res = rel.replace("../", "."); prefix "." unless all dots; "/" -> "."
 *
 *   update_import: for each top-level ImportFrom, take the text
 *       line[col_offset:end_col_offset] of its *first* line (ast offsets are
 *       UTF-8 byte offsets, used by Python as character indices), substitute
 *       r"(from +){dots}{module}" by r"\1{new}" in it, and replace that text
 *       in the line. A parenthesised import spanning lines thus only changes
 *       when its last line is long enough, exactly as in nbdev. */
#include <stdlib.h>
#include <string.h>

#include "export/export_private.h"
#include "util/buf.h"

static size_t ncomponents(const char *p)
{
    size_t n = 0;
    for (const char *s = p; *s;) {
        while (*s == '/')
            s++;
        if (!*s)
            break;
        n++;
        while (*s && *s != '/')
            s++;
    }
    return n;
}

/* Component i of p as (start, len). */
static const char *component(const char *p, size_t i, size_t *len)
{
    size_t n = 0;
    for (const char *s = p; *s;) {
        while (*s == '/')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != '/')
            e++;
        if (n++ == i) {
            *len = (size_t)(e - s);
            return s;
        }
        s = e;
    }
    *len = 0;
    return NULL;
}

char *tito_export__relative_import(const char *name, const char *mod_dir)
{
    tito_buf sname = TITO_BUF_INIT, rel = TITO_BUF_INIT, res = TITO_BUF_INIT;
    char *r = NULL;
    for (const char *c = name; *c; c++)
        tito_buf_putc(&sname, *c == '.' ? '/' : *c);
    tito_buf_put(&sname, "", 0);
    if (sname.failed)
        goto cleanup;
    size_t na = ncomponents(sname.ptr), nb = ncomponents(mod_dir), common = 0;
    while (common < na && common < nb) {
        size_t la, lb;
        const char *a = component(sname.ptr, common, &la), *b = component(mod_dir, common, &lb);
        if (la != lb || memcmp(a, b, la) != 0)
            break;
        common++;
    }
    if (common == 0) {
        r = strdup(name);
        goto cleanup;
    }
    /* os.path.relpath(sname, mod_dir) */
    for (size_t i = common; i < nb; i++)
        tito_buf_puts(&rel, rel.len ? "/.." : "..");
    for (size_t i = common; i < na; i++) {
        size_t l;
        const char *c = component(sname.ptr, i, &l);
        if (rel.len)
            tito_buf_putc(&rel, '/');
        tito_buf_put(&rel, c, l);
    }
    tito_buf_put(&rel, "", 0);
    if (rel.failed)
        goto cleanup;
    if (rel.len == 0) {
        r = strdup(".");
        goto cleanup;
    }
    /* rel.replace("../", ".") */
    for (size_t i = 0; i < rel.len;) {
        if (i + 3 <= rel.len && memcmp(rel.ptr + i, "../", 3) == 0) {
            tito_buf_putc(&res, '.');
            i += 3;
        } else {
            tito_buf_putc(&res, rel.ptr[i]);
            i++;
        }
    }
    int all_dots = 1;
    for (size_t i = 0; i < res.len; i++)
        if (res.ptr[i] != '.')
            all_dots = 0;
    tito_buf out = TITO_BUF_INIT;
    if (!all_dots)
        tito_buf_putc(&out, '.');
    for (size_t i = 0; i < res.len; i++)
        tito_buf_putc(&out, res.ptr[i] == '/' ? '.' : res.ptr[i]);
    tito_buf_put(&out, "", 0);
    if (!out.failed)
        r = tito_buf_detach(&out, NULL);
    tito_buf_dispose(&out);
cleanup:
    tito_buf_dispose(&sname);
    tito_buf_dispose(&rel);
    tito_buf_dispose(&res);
    return r;
}

/* Byte offset of code point index `idx` in s[0..len) (clamped to len). */
static size_t cp_offset(const char *s, size_t len, size_t idx)
{
    size_t i = 0, n = 0;
    while (i < len && n < idx) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    return i;
}

/* re.sub(f"(from +){'.'*level}{module}", r"\1{nmod}", sec): the module's
 * dots are regex wildcards, so they match any character but a newline. */
static void sub_from(tito_buf *out, const char *sec, size_t n, int level, const char *module, const char *nmod)
{
    size_t ml = strlen(module);
    size_t i = 0;
    while (i < n) {
        if (i + 4 <= n && memcmp(sec + i, "from", 4) == 0) {
            size_t j = i + 4, spaces = 0;
            while (j < n && sec[j] == ' ') {
                j++;
                spaces++;
            }
            int ok = spaces > 0;
            /* the dots of the level, then the module: '.' matches any char */
            size_t k = j;
            for (int d = 0; ok && d < level; d++, k++)
                if (k >= n || sec[k] == '\n')
                    ok = 0;
            for (size_t m = 0; ok && m < ml; m++, k++) {
                if (k >= n)
                    ok = 0;
                else if (module[m] == '.' ? sec[k] == '\n' : sec[k] != module[m])
                    ok = 0;
            }
            /* a regex-wildcard '.' in module can eat a multibyte char only as
             * one char; names are ASCII in practice, so bytes are fine. */
            if (ok) {
                tito_buf_put(out, sec + i, j - i);
                tito_buf_puts(out, nmod);
                i = k;
                continue;
            }
        }
        tito_buf_putc(out, sec[i]);
        i++;
    }
}

/* str.replace(old, new) on line, all occurrences. */
static void replace_all(tito_buf *out, const char *line, size_t n, const char *old, size_t on, const char *nw,
                        size_t nn)
{
    if (on == 0) { /* Python inserts new between every char; sec is never empty here */
        tito_buf_put(out, line, n);
        return;
    }
    size_t i = 0;
    while (i < n) {
        if (i + on <= n && memcmp(line + i, old, on) == 0) {
            tito_buf_put(out, nw, nn);
            i += on;
        } else {
            tito_buf_putc(out, line[i]);
            i++;
        }
    }
}

int tito_export__rewrite_imports(char **out, const char *src, const tito_pyscan *scan, const char *mod_dir,
                                 tito_error *err)
{
    size_t len = strlen(src);
    /* lines as splitlines(True) */
    size_t nlines = 0, cap = 16;
    size_t *starts = NULL, *lens = NULL;
    char **owned = NULL; /* replaced lines */
    int error = 0, changed = 0;
    *out = NULL;
    if (scan->syntax_error || scan->nstmts == 0)
        return 0;
    int any = 0;
    for (size_t i = 0; i < scan->nstmts; i++)
        if (scan->stmts[i].kind == TITO_PYSTMT_IMPORTFROM)
            any = 1;
    if (!any)
        return 0;
    starts = malloc(cap * sizeof(*starts));
    lens = malloc(cap * sizeof(*lens));
    if (!starts || !lens)
        goto nomem;
    for (size_t i = 0; i < len;) {
        size_t l = tito_export__line_len(src + i, len - i);
        if (nlines == cap) {
            cap *= 2;
            size_t *a = realloc(starts, cap * sizeof(*a));
            if (!a)
                goto nomem;
            starts = a;
            size_t *b = realloc(lens, cap * sizeof(*b));
            if (!b)
                goto nomem;
            lens = b;
        }
        starts[nlines] = i;
        lens[nlines++] = l;
        i += l;
    }
    owned = calloc(nlines + 1, sizeof(*owned));
    if (!owned)
        goto nomem;
    for (size_t i = 0; i < scan->nstmts; i++) {
        const tito_pystmt *st = &scan->stmts[i];
        if (st->kind != TITO_PYSTMT_IMPORTFROM)
            continue;
        if (st->level > 0) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                   "nbdev export does not support relative imports: module=%s, export_path=%s",
                                   st->module ? st->module : "None", mod_dir);
            goto cleanup;
        }
        char *nmod = tito_export__relative_import(st->module, mod_dir);
        if (!nmod)
            goto nomem;
        size_t lin = st->line - 1;
        if (lin >= nlines) {
            free(nmod);
            continue;
        }
        const char *line = owned[lin] ? owned[lin] : src + starts[lin];
        size_t ll = owned[lin] ? strlen(owned[lin]) : lens[lin];
        size_t a = cp_offset(line, ll, st->col), b = cp_offset(line, ll, st->end_col);
        if (b < a)
            b = a;
        tito_buf newsec = TITO_BUF_INIT, newline = TITO_BUF_INIT;
        sub_from(&newsec, line + a, b - a, st->level, st->module, nmod);
        if (b > a)
            replace_all(&newline, line, ll, line + a, b - a, newsec.ptr ? newsec.ptr : "", newsec.len);
        else
            tito_buf_put(&newline, line, ll); /* ''.replace inserts everywhere; never happens for an import */
        tito_buf_put(&newline, "", 0);
        free(nmod);
        tito_buf_dispose(&newsec);
        if (newline.failed) {
            tito_buf_dispose(&newline);
            goto nomem;
        }
        if (newline.len != ll || memcmp(newline.ptr, line, ll) != 0)
            changed = 1;
        free(owned[lin]);
        owned[lin] = tito_buf_detach(&newline, NULL);
        tito_buf_dispose(&newline);
        if (!owned[lin])
            goto nomem;
    }
    if (changed) {
        tito_buf res = TITO_BUF_INIT;
        for (size_t i = 0; i < nlines; i++) {
            if (owned[i])
                tito_buf_puts(&res, owned[i]);
            else
                tito_buf_put(&res, src + starts[i], lens[i]);
        }
        tito_buf_put(&res, "", 0);
        if (res.failed) {
            tito_buf_dispose(&res);
            goto nomem;
        }
        *out = tito_buf_detach(&res, NULL);
    }
    goto cleanup;
nomem:
    error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
cleanup:
    if (owned)
        for (size_t i = 0; i < nlines; i++)
            free(owned[i]);
    free(owned);
    free(starts);
    free(lens);
    return error;
}
