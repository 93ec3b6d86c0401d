/* Python repr / textwrap / pprint emulation; see pyfmt.h. The pprint part
 * follows CPython's Lib/pprint.py (PrettyPrinter._format, _pprint_dict,
 * _format_dict_items, _pprint_tuple, _format_items, _pprint_str) step by
 * step, for the types tito_pyval can hold. */
#include "export/pyfmt.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/* ---- code points --------------------------------------------------- */

/* Decodes one UTF-8 sequence at s (n bytes left); sets *cp and returns its
 * length, or returns 1 with *cp = 0xDC00 + byte for an invalid byte. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (need == 0 || need > n)
        goto bad;
    unsigned long v = c & (0x3F >> (need - 1));
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((need == 3 && v < 0x800) || (need == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return need;
bad:
    *cp = 0xDC00 + c;
    return 1;
}

size_t tito_pyfmt_cplen(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        i += utf8_next((const unsigned char *)s + i, len - i, &cp);
        n++;
    }
    return n;
}

static size_t cplen(const tito_buf *b) { return tito_pyfmt_cplen(b->ptr ? b->ptr : "", b->len); }

/* str.isprintable() for one code point, without Unicode's tables: the
 * categories Python escapes (Cc, Cf, Co, Zl, Zp, Zs but space) in the
 * ranges where they occur; unassigned code points are taken as printable. */
static int printable(unsigned long cp)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD)
        return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB))
        return 0;
    if (cp == 0x061C || cp == 0x180E || (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x070F)
        return 0;
    if ((cp >= 0xD800 && cp <= 0xF8FF) || cp >= 0xF0000 || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE || (cp >= 0xE0000 && cp <= 0xE007F))
        return 0;
    return 1;
}

int tito_pyfmt_repr_str(tito_buf *out, const char *s, size_t len)
{
    int has_sq = memchr(s, '\'', len) != NULL, has_dq = memchr(s, '"', len) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    tito_buf_putc(out, q);
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        size_t n = utf8_next((const unsigned char *)s + i, len - i, &cp);
        if (cp == (unsigned long)(unsigned char)q || cp == '\\') {
            tito_buf_putc(out, '\\');
            tito_buf_putc(out, (char)cp);
        } else if (cp == '\t') {
            tito_buf_puts(out, "\\t");
        } else if (cp == '\n') {
            tito_buf_puts(out, "\\n");
        } else if (cp == '\r') {
            tito_buf_puts(out, "\\r");
        } else if (!printable(cp)) {
            if (cp < 0x100)
                tito_buf_printf(out, "\\x%02lx", cp);
            else if (cp < 0x10000)
                tito_buf_printf(out, "\\u%04lx", cp);
            else
                tito_buf_printf(out, "\\U%08lx", cp);
        } else {
            tito_buf_put(out, s + i, n);
        }
        i += n;
    }
    tito_buf_putc(out, q);
    return out->failed ? TITO_ENOMEM : 0;
}

int tito_pyfmt_repr_strlist(tito_buf *out, char *const *items, size_t n)
{
    tito_buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            tito_buf_puts(out, ", ");
        tito_pyfmt_repr_str(out, items[i], strlen(items[i]));
    }
    tito_buf_putc(out, ']');
    return out->failed ? TITO_ENOMEM : 0;
}

/* ---- textwrap ------------------------------------------------------ */

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

typedef struct chunk {
    const char *p;
    size_t n;      /* bytes */
    size_t w;      /* code points */
    int ws;
} chunk;

int tito_pyfmt_wrap(tito_buf *out, const char *text, size_t width, size_t indent)
{
    /* TextWrapper first expands tabs and turns each whitespace char into a
     * space; chunks are then maximal runs of spaces / non-spaces. */
    size_t len = strlen(text), nchunks = 0;
    chunk *chunks = malloc((len + 1) * sizeof(*chunks));
    if (!chunks)
        return TITO_ENOMEM;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        int ws = is_ws(text[i]);
        while (j < len && is_ws(text[j]) == ws)
            j++;
        chunks[nchunks].p = text + i;
        chunks[nchunks].n = j - i;
        chunks[nchunks].w = tito_pyfmt_cplen(text + i, j - i);
        chunks[nchunks].ws = ws;
        nchunks++;
        i = j;
    }
    size_t k = 0, nlines = 0;
    while (k < nchunks) {
        size_t ind = nlines ? indent : 0;
        size_t w = width > ind ? width - ind : 0;
        if (chunks[k].ws && nlines)
            k++; /* drop leading whitespace of all but the first line */
        size_t start = k, cur = 0;
        while (k < nchunks && cur + chunks[k].w <= w) {
            cur += chunks[k].w;
            k++;
        }
        if (k < nchunks && chunks[k].w > w && k == start) {
            k++; /* break_long_words=False: the long word goes on a line of its own */
        }
        size_t end = k;
        if (end > start && chunks[end - 1].ws)
            end--; /* drop trailing whitespace */
        if (end > start) {
            if (nlines)
                tito_buf_putc(out, '\n');
            for (size_t i = 0; i < ind; i++)
                tito_buf_putc(out, ' ');
            for (size_t i = start; i < end; i++)
                tito_buf_put(out, chunks[i].p, chunks[i].n);
            nlines++;
        }
    }
    free(chunks);
    return out->failed ? TITO_ENOMEM : 0;
}

/* ---- values -------------------------------------------------------- */

enum { PV_STR, PV_TUPLE, PV_DICT };

struct tito_pyval {
    int type;
    char *str;              /* PV_STR */
    tito_pyval **items;     /* PV_TUPLE: items; PV_DICT: values */
    char **keys;            /* PV_DICT */
    size_t n, cap;
};

static tito_pyval *new_val(int type)
{
    tito_pyval *v = calloc(1, sizeof(*v));
    if (v)
        v->type = type;
    return v;
}

tito_pyval *tito_pyval_str(const char *s)
{
    tito_pyval *v = new_val(PV_STR);
    if (v && !(v->str = strdup(s))) {
        free(v);
        v = NULL;
    }
    return v;
}

tito_pyval *tito_pyval_tuple(void) { return new_val(PV_TUPLE); }
tito_pyval *tito_pyval_dict(void) { return new_val(PV_DICT); }

static int grow(tito_pyval *v)
{
    if (v->n < v->cap)
        return 0;
    size_t cap = v->cap ? v->cap * 2 : 4;
    tito_pyval **items = realloc(v->items, cap * sizeof(*items));
    if (!items)
        return TITO_ENOMEM;
    v->items = items;
    if (v->type == PV_DICT) {
        char **keys = realloc(v->keys, cap * sizeof(*keys));
        if (!keys)
            return TITO_ENOMEM;
        v->keys = keys;
    }
    v->cap = cap;
    return 0;
}

int tito_pyval_tuple_add(tito_pyval *tuple, tito_pyval *item)
{
    if (!item || grow(tuple) < 0) {
        tito_pyval_free(item);
        return TITO_ENOMEM;
    }
    tuple->items[tuple->n++] = item;
    return 0;
}

tito_pyval *tito_pyval_dict_get(const tito_pyval *dict, const char *key)
{
    for (size_t i = 0; i < dict->n; i++)
        if (strcmp(dict->keys[i], key) == 0)
            return dict->items[i];
    return NULL;
}

int tito_pyval_dict_set(tito_pyval *dict, const char *key, tito_pyval *val)
{
    if (!val)
        return TITO_ENOMEM;
    for (size_t i = 0; i < dict->n; i++)
        if (strcmp(dict->keys[i], key) == 0) {
            tito_pyval_free(dict->items[i]);
            dict->items[i] = val;
            return 0;
        }
    char *k = strdup(key);
    if (!k || grow(dict) < 0) {
        free(k);
        tito_pyval_free(val);
        return TITO_ENOMEM;
    }
    dict->keys[dict->n] = k;
    dict->items[dict->n++] = val;
    return 0;
}

void tito_pyval_free(tito_pyval *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        tito_pyval_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    free(v);
}

/* ---- pprint -------------------------------------------------------- */

typedef struct pp {
    tito_buf *out;
    size_t width, indent_per_level;
} pp;

/* Dict entries sorted by key (Python compares str by code point, which
 * is UTF-8 byte order). */
static size_t *sorted_order(const tito_pyval *d)
{
    size_t *ord = malloc((d->n + 1) * sizeof(*ord));
    if (!ord)
        return NULL;
    for (size_t i = 0; i < d->n; i++)
        ord[i] = i;
    for (size_t i = 1; i < d->n; i++) { /* insertion sort: dicts here are small */
        size_t x = ord[i], j = i;
        while (j > 0 && strcmp(d->keys[ord[j - 1]], d->keys[x]) > 0) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = x;
    }
    return ord;
}

/* _safe_repr: the one-line repr. */
static int safe_repr(tito_buf *b, const tito_pyval *v)
{
    if (v->type == PV_STR)
        return tito_pyfmt_repr_str(b, v->str, strlen(v->str));
    if (v->type == PV_TUPLE) {
        tito_buf_putc(b, '(');
        for (size_t i = 0; i < v->n; i++) {
            if (i)
                tito_buf_puts(b, ", ");
            safe_repr(b, v->items[i]);
        }
        tito_buf_puts(b, v->n == 1 ? ",)" : ")");
        return b->failed ? TITO_ENOMEM : 0;
    }
    size_t *ord = sorted_order(v);
    if (!ord)
        return TITO_ENOMEM;
    tito_buf_putc(b, '{');
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            tito_buf_puts(b, ", ");
        tito_pyfmt_repr_str(b, v->keys[ord[i]], strlen(v->keys[ord[i]]));
        tito_buf_puts(b, ": ");
        safe_repr(b, v->items[ord[i]]);
    }
    tito_buf_putc(b, '}');
    free(ord);
    return b->failed ? TITO_ENOMEM : 0;
}

static int format_val(pp *p, const tito_pyval *v, size_t indent, size_t allowance, int level);

static long max_w(const pp *p, size_t indent, size_t allowance)
{
    return (long)p->width - (long)indent - (long)allowance;
}

static int is_py_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
           (c >= 0x1c && c <= 0x1f);
}

static size_t repr_len(const char *s, size_t n)
{
    tito_buf b = TITO_BUF_INIT;
    tito_pyfmt_repr_str(&b, s, n);
    size_t l = cplen(&b);
    tito_buf_dispose(&b);
    return l;
}

static int pprint_str(pp *p, const char *s, size_t indent, size_t allowance, int level)
{
    size_t len = strlen(s);
    tito_buf rep = TITO_BUF_INIT;
    /* chunks as (start, len) pairs into s */
    size_t *cs = malloc((2 * len + 2) * sizeof(*cs));
    size_t nch = 0;
    int error = 0;
    if (!cs)
        return TITO_ENOMEM;
    if (level == 1) {
        indent += 1;
        allowance += 1;
    }
    long max_width1 = (long)p->width - (long)indent, max_width = max_width1;
    /* str.splitlines(True) on the ASCII line breaks */
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != '\n' && s[j] != '\r' && s[j] != '\v' && s[j] != '\f' &&
               !(s[j] >= 0x1c && s[j] <= 0x1e))
            j++;
        if (j < len)
            j += (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n') ? 2 : 1;
        int last_line = j >= len;
        if (last_line)
            max_width1 -= (long)allowance;
        if ((long)repr_len(s + i, j - i) <= max_width1) {
            cs[nch * 2] = i;
            cs[nch * 2 + 1] = j - i;
            nch++;
        } else {
            /* re.findall(r'\S*\s*', line) */
            long max_width2 = max_width;
            size_t cur_a = i, cur_n = 0;
            size_t k = i;
            while (k < j) {
                size_t e = k;
                while (e < j && !is_py_space(s[e]))
                    e++;
                while (e < j && is_py_space(s[e]))
                    e++;
                int last_part = e >= j;
                if (last_part && last_line)
                    max_width2 -= (long)allowance;
                if ((long)repr_len(s + cur_a, cur_n + (e - k)) > max_width2) {
                    if (cur_n) {
                        cs[nch * 2] = cur_a;
                        cs[nch * 2 + 1] = cur_n;
                        nch++;
                    }
                    cur_a = k;
                    cur_n = e - k;
                } else {
                    cur_n += e - k;
                }
                k = e;
            }
            if (cur_n) {
                cs[nch * 2] = cur_a;
                cs[nch * 2 + 1] = cur_n;
                nch++;
            }
        }
        i = j;
    }
    if (nch <= 1) {
        error = tito_pyfmt_repr_str(p->out, s, len);
        goto cleanup;
    }
    if (level == 1)
        tito_buf_putc(p->out, '(');
    for (size_t c = 0; c < nch; c++) {
        if (c > 0) {
            tito_buf_putc(p->out, '\n');
            for (size_t k = 0; k < indent; k++)
                tito_buf_putc(p->out, ' ');
        }
        tito_pyfmt_repr_str(p->out, s + cs[c * 2], cs[c * 2 + 1]);
    }
    if (level == 1)
        tito_buf_putc(p->out, ')');
    error = p->out->failed ? TITO_ENOMEM : 0;
cleanup:
    free(cs);
    tito_buf_dispose(&rep);
    return error;
}

static void spaces(tito_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tito_buf_putc(b, ' ');
}

static int pprint_tuple(pp *p, const tito_pyval *v, size_t indent, size_t allowance, int level)
{
    const char *endchar = v->n == 1 ? ",)" : ")";
    tito_buf_putc(p->out, '(');
    /* _format_items */
    allowance += strlen(endchar);
    indent += p->indent_per_level;
    if (p->indent_per_level > 1)
        spaces(p->out, p->indent_per_level - 1);
    long width = (long)p->width - (long)indent + 1, max_width = width;
    int have_delim = 0, delim_nl = 0;
    for (size_t i = 0; i < v->n; i++) {
        int last = i + 1 == v->n;
        if (last) {
            max_width -= (long)allowance;
            width -= (long)allowance;
        }
        tito_buf rep = TITO_BUF_INIT;
        safe_repr(&rep, v->items[i]);
        if (rep.failed) {
            tito_buf_dispose(&rep);
            return TITO_ENOMEM;
        }
        long w = (long)cplen(&rep) + 2;
        if (width < w) {
            width = max_width;
            if (have_delim)
                delim_nl = 1;
        }
        if (width >= w) {
            width -= w;
            if (have_delim) {
                if (delim_nl) {
                    tito_buf_puts(p->out, ",\n");
                    spaces(p->out, indent);
                } else {
                    tito_buf_puts(p->out, ", ");
                }
            }
            have_delim = 1;
            delim_nl = 0;
            tito_buf_put(p->out, rep.ptr, rep.len);
            tito_buf_dispose(&rep);
            continue;
        }
        tito_buf_dispose(&rep);
        if (have_delim) {
            if (delim_nl) {
                tito_buf_puts(p->out, ",\n");
                spaces(p->out, indent);
            } else {
                tito_buf_puts(p->out, ", ");
            }
        }
        have_delim = 1;
        delim_nl = 1;
        int e = format_val(p, v->items[i], indent, last ? allowance : 1, level);
        if (e < 0)
            return e;
    }
    tito_buf_puts(p->out, endchar);
    return p->out->failed ? TITO_ENOMEM : 0;
}

static int pprint_dict(pp *p, const tito_pyval *v, size_t indent, size_t allowance, int level)
{
    tito_buf_putc(p->out, '{');
    if (p->indent_per_level > 1)
        spaces(p->out, p->indent_per_level - 1);
    if (v->n) {
        size_t *ord = sorted_order(v);
        if (!ord)
            return TITO_ENOMEM;
        allowance += 1;
        indent += p->indent_per_level;
        for (size_t i = 0; i < v->n; i++) {
            int last = i + 1 == v->n;
            const char *key = v->keys[ord[i]];
            tito_buf rep = TITO_BUF_INIT;
            tito_pyfmt_repr_str(&rep, key, strlen(key));
            size_t rl = cplen(&rep);
            tito_buf_put(p->out, rep.ptr ? rep.ptr : "", rep.len);
            tito_buf_dispose(&rep);
            tito_buf_puts(p->out, ": ");
            int e = format_val(p, v->items[ord[i]], indent + rl + 2, last ? allowance : 1, level);
            if (e < 0) {
                free(ord);
                return e;
            }
            if (!last) {
                tito_buf_puts(p->out, ",\n");
                spaces(p->out, indent);
            }
        }
        free(ord);
    }
    tito_buf_putc(p->out, '}');
    return p->out->failed ? TITO_ENOMEM : 0;
}

static int format_val(pp *p, const tito_pyval *v, size_t indent, size_t allowance, int level)
{
    tito_buf rep = TITO_BUF_INIT;
    if (safe_repr(&rep, v) < 0) {
        tito_buf_dispose(&rep);
        return TITO_ENOMEM;
    }
    int error = 0;
    if ((long)cplen(&rep) > max_w(p, indent, allowance)) {
        if (v->type == PV_STR)
            error = pprint_str(p, v->str, indent, allowance, level + 1);
        else if (v->type == PV_TUPLE)
            error = pprint_tuple(p, v, indent, allowance, level + 1);
        else
            error = pprint_dict(p, v, indent, allowance, level + 1);
    } else {
        tito_buf_put(p->out, rep.ptr, rep.len);
        error = p->out->failed ? TITO_ENOMEM : 0;
    }
    tito_buf_dispose(&rep);
    return error;
}

int tito_pyfmt_pformat(tito_buf *out, const tito_pyval *v, size_t width, size_t indent)
{
    pp p = {out, width, indent};
    return format_val(&p, v, 0, 0, 0);
}
