/* Text helpers for the jupytext writer: an arena for line text, line lists,
 * and the few Python str semantics jupytext relies on (isspace, strip,
 * splitlines, lower, truthiness, repr) applied to UTF-8 bytes. */
#include "jupytext/jupytext_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct tito_jupytext__chunk {
    tito_jupytext__chunk *next;
    size_t used;
    size_t cap;
    char data[];
};

#define CHUNK_SIZE (64 * 1024)

char *tito_jupytext__alloc(tito_jupytext__arena *a, size_t n)
{
    tito_jupytext__chunk *c = a->head;
    if (n > ((size_t)-1) / 2)
        return NULL;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK_SIZE ? n + 1 : CHUNK_SIZE;
        c = malloc(sizeof(*c) + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        if (a->head && n + 1 > CHUNK_SIZE / 4) {
            /* big block: keep the current chunk for small allocations */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    char *p = c->data + c->used;
    c->used += n + 1;
    p[n] = '\0';
    return p;
}

void tito_jupytext__arena_dispose(tito_jupytext__arena *a)
{
    tito_jupytext__chunk *c = a->head;
    while (c) {
        tito_jupytext__chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

const char *tito_jupytext__cat(tito_jupytext__arena *a, const char *x, size_t xn, const char *y,
                               size_t yn, size_t *outn)
{
    char *p = tito_jupytext__alloc(a, xn + yn);
    if (!p)
        return NULL;
    if (xn)
        memcpy(p, x, xn);
    if (yn)
        memcpy(p + xn, y, yn);
    *outn = xn + yn;
    return p;
}

static int lines_reserve(tito_jupytext__lines *l, size_t extra)
{
    if (l->len + extra <= l->cap)
        return 0;
    size_t cap = l->cap ? l->cap : 8;
    while (cap < l->len + extra)
        cap *= 2;
    tito_jupytext__str *v = realloc(l->v, cap * sizeof(*v));
    if (!v)
        return TITO_ENOMEM;
    l->v = v;
    l->cap = cap;
    return 0;
}

int tito_jupytext__lines_push(tito_jupytext__lines *l, const char *s, size_t n)
{
    if (lines_reserve(l, 1) < 0)
        return TITO_ENOMEM;
    l->v[l->len].s = s;
    l->v[l->len].n = n;
    l->len++;
    return 0;
}

void tito_jupytext__lines_remove_first(tito_jupytext__lines *l)
{
    if (!l->len)
        return;
    memmove(&l->v[0], &l->v[1], (l->len - 1) * sizeof(*l->v));
    l->len--;
}

void tito_jupytext__lines_dispose(tito_jupytext__lines *l)
{
    free(l->v);
    l->v = NULL;
    l->len = l->cap = 0;
}

uint32_t tito_jupytext__utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t k = *i;
    unsigned char c = s[k];
    if (c < 0x80) {
        *i = k + 1;
        return c;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || k + (size_t)len > n) {
        *i = k + 1;
        return c;
    }
    uint32_t cp = c & (0x3F >> (len - 1));
    for (int j = 1; j < len; j++) {
        if ((s[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return c;
        }
        cp = (cp << 6) | (s[k + j] & 0x3F);
    }
    *i = k + (size_t)len;
    return cp;
}

int tito_jupytext__py_isspace(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
    switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

size_t tito_jupytext__lspace(const char *s, size_t n)
{
    size_t i = 0;
    /* indentation: eight spaces at a time */
    while (n - i >= 8 && memcmp(s + i, "        ", 8) == 0)
        i += 8;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)))
                break;
            i++;
            continue;
        }
        size_t j = i;
        uint32_t cp = tito_jupytext__utf8_next(s, n, &j);
        if (!tito_jupytext__py_isspace(cp))
            break;
        i = j;
    }
    return i;
}

size_t tito_jupytext__rspace(const char *s, size_t n)
{
    /* walk forward remembering where the trailing whitespace run starts */
    size_t i = 0, start = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)))
                start = i + 1;
            i++;
            continue;
        }
        size_t j = i;
        uint32_t cp = tito_jupytext__utf8_next(s, n, &j);
        if (!tito_jupytext__py_isspace(cp))
            start = j;
        i = j;
    }
    return n - start;
}

int tito_jupytext__blank(const char *s, size_t n)
{
    return tito_jupytext__lspace(s, n) == n;
}

/* Length of the line break at s[i] (0 if none), as str.splitlines sees it. */
static size_t line_break(const char *str, size_t n, size_t i)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[i];
    if (c == '\r')
        return i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
    if (c == '\n' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E)
        return 1;
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0x85)
        return 2;
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* Bytes that may start a line break. */
static int break_start(unsigned char c)
{
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) ||
           c == 0xC2 || c == 0xE2;
}

/* Word-at-a-time byte tests (the classic bit tricks): each sets the high bit
 * of matching bytes of w. A borrow between bytes only starts at a byte that
 * really matches, so the LOWEST set bit always marks the first match (bytes
 * above it may be false hits). On little-endian machines that is the first
 * byte in memory, so first_hit() jumps straight to it. These scans dominate
 * converting big notebooks (callgrind: 03_layers spent 30% in them). */
#define ONES ((uint64_t)0x0101010101010101u)
#define HIGHS ((uint64_t)0x8080808080808080u)

static uint64_t has_zero_byte(uint64_t w)
{
    return (w - ONES) & ~w & HIGHS;
}

/* Bytes < 0x20 or >= 0x80 (a byte >= 0x80 sets its high bit in w itself). */
static uint64_t has_control_or_high(uint64_t w)
{
    return ((w - ONES * 0x20) | w) & HIGHS;
}

/* Byte offset in the word of the first hit of a nonzero mask, or 0 when the
 * byte order does not allow knowing it (the caller then scans bytewise). */
static size_t first_hit(uint64_t mask)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(mask) / 8;
#else
    (void)mask;
    return 0;
#endif
}

size_t tito_jupytext__find_quote(const char *s, size_t i, size_t n, char c0)
{
    uint64_t q1 = ONES * (unsigned char)'"', q2 = ONES * (unsigned char)'\'';
    uint64_t q3 = ONES * (unsigned char)(c0 ? c0 : '"');
#ifdef __SSE2__
    /* 16 bytes at a time where SSE2 exists (all of x86-64) */
    const __m128i v1 = _mm_set1_epi8('"'), v2 = _mm_set1_epi8('\'');
    const __m128i v3 = _mm_set1_epi8(c0 ? c0 : '"');
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, v1), _mm_cmpeq_epi8(v, v2));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(hit, _mm_cmpeq_epi8(v, v3)));
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t m = has_zero_byte(w ^ q1) | has_zero_byte(w ^ q2) | has_zero_byte(w ^ q3);
        if (m) {
            i += first_hit(m);
            break;
        }
        i += 8;
    }
    for (; i < n; i++)
        if (s[i] == '"' || s[i] == '\'' || (c0 && s[i] == c0))
            break;
    return i;
}

/* How many leading bytes of s surely do not start a line break; may stop
 * early (at worst at 0), the caller then checks byte by byte. */
static size_t plain_prefix(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time where SSE2 exists (all of x86-64): stops only at
     * control characters and at 0xC2 / 0xE2, the lead bytes of U+0085 and
     * U+2028/9, so text full of other non-ASCII (TinyTorch's box drawing
     * and emoji) still goes fast. */
    const __m128i c1f = _mm_set1_epi8(0x1F);
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v); /* v <= 0x1F */
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t m = has_control_or_high(w);
        if (m)
            return i + first_hit(m);
        i += 8;
    }
    return i;
}

int tito_jupytext__splitlines(tito_jupytext__lines *out, const char *s, size_t n)
{
    size_t start = 0, i = 0;
    while (i < n) {
        i += plain_prefix(s + i, n - i);
        if (i >= n)
            break;
        if (!break_start((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t b = line_break(s, n, i);
        if (b) {
            if (tito_jupytext__lines_push(out, s + start, i - start) < 0)
                return TITO_ENOMEM;
            i += b;
            start = i;
        } else {
            i++;
        }
    }
    if (start < n && tito_jupytext__lines_push(out, s + start, n - start) < 0)
        return TITO_ENOMEM;
    return 0;
}

int tito_jupytext__cell_lines(tito_jupytext__lines *out, const char *s, size_t n)
{
    if (n == 0)
        return tito_jupytext__lines_push(out, s, 0);
    if (tito_jupytext__splitlines(out, s, n) < 0)
        return TITO_ENOMEM;
    if (s[n - 1] == '\n')
        return tito_jupytext__lines_push(out, s + n, 0);
    return 0;
}

int tito_jupytext__truthy(const tito_json *v)
{
    if (!v)
        return 0;
    switch (tito_json_type_of(v)) {
    case TITO_JSON_NULL:
        return 0;
    case TITO_JSON_BOOL:
        return tito_json_bool(v);
    case TITO_JSON_INT: {
        const char *t = tito_json_int_text(v);
        return !(t && strcmp(t, "0") == 0);
    }
    case TITO_JSON_FLOAT:
        return tito_json_float(v) != 0.0;
    case TITO_JSON_STRING: {
        size_t n = 0;
        tito_json_string(v, &n);
        return n != 0;
    }
    case TITO_JSON_ARRAY:
    case TITO_JSON_OBJECT:
        return tito_json_len(v) != 0;
    }
    return 0;
}

/* Approximation of str.isprintable() for one code point. */
static int py_printable(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F)
        return 0;
    if (cp < 0x7F)
        return 1;
    if (cp <= 0xA0 || cp == 0xAD)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF || cp == 0x1680 ||
        (cp >= 0xD800 && cp <= 0xF8FF) || (cp >= 0xFFF0 && cp <= 0xFFFB) ||
        cp == 0xFFFE || cp == 0xFFFF || cp >= 0xE0000 || cp == 0x061C || cp == 0x180E)
        return 0;
    return 1;
}

int tito_jupytext__py_repr_str(tito_buf *out, const char *s, size_t n)
{
    int has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = has_sq && !has_dq ? '"' : '\'';
    tito_buf_putc(out, q);
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t cp = tito_jupytext__utf8_next(s, n, &i);
        if (cp == (uint32_t)q || cp == '\\') {
            tito_buf_putc(out, '\\');
            tito_buf_putc(out, (char)cp);
        } else if (cp == '\t') {
            tito_buf_puts(out, "\\t");
        } else if (cp == '\n') {
            tito_buf_puts(out, "\\n");
        } else if (cp == '\r') {
            tito_buf_puts(out, "\\r");
        } else if (py_printable(cp)) {
            tito_buf_put(out, s + start, i - start);
        } else if (cp <= 0xFF) {
            tito_buf_printf(out, "\\x%02x", (unsigned)cp);
        } else if (cp <= 0xFFFF) {
            tito_buf_printf(out, "\\u%04x", (unsigned)cp);
        } else {
            tito_buf_printf(out, "\\U%08x", (unsigned)cp);
        }
    }
    return tito_buf_putc(out, q);
}

static int py_repr(tito_buf *out, const tito_json *v, int depth)
{
    char tmp[64];
    size_t n = 0;
    const char *s;
    if (depth > 2000)
        return TITO_EINVALID;
    switch (tito_json_type_of(v)) {
    case TITO_JSON_NULL:
        return tito_buf_puts(out, "None");
    case TITO_JSON_BOOL:
        return tito_buf_puts(out, tito_json_bool(v) ? "True" : "False");
    case TITO_JSON_INT:
        return tito_buf_puts(out, tito_json_int_text(v));
    case TITO_JSON_FLOAT:
        tito_json_float_repr(tmp, sizeof(tmp), tito_json_float(v));
        return tito_buf_puts(out, tmp);
    case TITO_JSON_STRING:
        s = tito_json_string(v, &n);
        return tito_jupytext__py_repr_str(out, s, n);
    case TITO_JSON_ARRAY:
        tito_buf_putc(out, '[');
        for (size_t i = 0; i < tito_json_len(v); i++) {
            if (i)
                tito_buf_puts(out, ", ");
            if (py_repr(out, tito_json_at(v, i), depth + 1) < 0)
                return TITO_EINVALID;
        }
        return tito_buf_putc(out, ']');
    case TITO_JSON_OBJECT:
        tito_buf_putc(out, '{');
        for (size_t i = 0; i < tito_json_len(v); i++) {
            if (i)
                tito_buf_puts(out, ", ");
            s = tito_json_key_at(v, i, &n);
            tito_jupytext__py_repr_str(out, s, n);
            tito_buf_puts(out, ": ");
            if (py_repr(out, tito_json_at(v, i), depth + 1) < 0)
                return TITO_EINVALID;
        }
        return tito_buf_putc(out, '}');
    }
    return 0;
}

int tito_jupytext__py_repr(tito_buf *out, const tito_json *v)
{
    int rc = py_repr(out, v, 0);
    if (rc == 0 && out->failed)
        return TITO_ENOMEM;
    return rc;
}

int tito_jupytext__py_str(tito_buf *out, const tito_json *v)
{
    if (tito_json_type_of(v) == TITO_JSON_STRING) {
        size_t n = 0;
        const char *s = tito_json_string(v, &n);
        return tito_buf_put(out, s, n);
    }
    return tito_jupytext__py_repr(out, v);
}

const char *tito_jupytext__lower(tito_jupytext__arena *a, const char *s, size_t n, size_t *outn)
{
    /* worst case growth: U+0130 (2 bytes) -> "i\u0307" (3 bytes) */
    char *p = tito_jupytext__alloc(a, n * 2);
    size_t o = 0, i = 0;
    if (!p)
        return NULL;
    while (i < n) {
        size_t start = i;
        uint32_t cp = tito_jupytext__utf8_next(s, n, &i);
        if (cp >= 'A' && cp <= 'Z') {
            p[o++] = (char)(cp + 32);
        } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 && i - start == 2) {
            cp += 0x20;
            p[o++] = (char)(0xC0 | (cp >> 6));
            p[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp == 0x130 && i - start == 2) {
            memcpy(p + o, "i\xCC\x87", 3);
            o += 3;
        } else if (cp == 0x212A && i - start == 3) {
            p[o++] = 'k';
        } else {
            memcpy(p + o, s + start, i - start);
            o += i - start;
        }
    }
    p[o] = '\0';
    *outn = o;
    return p;
}
