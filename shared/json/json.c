/* The JSON value tree and its parser/writers.
 *
 * Why a hand-written parser rather than json-c's tokener: json-c 0.16 clamps
 * integers beyond 64 bits to UINT64_MAX, replaces lone surrogate escapes with
 * U+FFFD, accepts raw control characters inside strings even in strict mode
 * and reports positions only as a byte offset with a generic message. Python's
 * json.loads (the reference behaviour, jupytext spec §1) differs on all of
 * these, and a small recursive-descent parser matching Python's grammar is
 * shorter than the pre-checks needed to fix json-c up. So json-c is not used
 * at all. */
#include "json/json.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json/json_private.h"

/* Python 3.11's int() refuses decimal strings longer than this
 * (sys.get_int_max_str_digits), so json.loads does too. */
#define PY_INT_MAX_DIGITS 4300
/* Objects with at least this many members get a hash index; smaller ones
 * (almost all metadata) are scanned linearly, which is faster at that size. */
#define INDEX_MIN 16

struct member {
    char *key;
    size_t klen;
    tito_json *val;
};

struct tito_json {
    tito_json_type type;
    union {
        int b;
        double d;
        struct {
            char *p; /* NUL-terminated; for INT the decimal text */
            size_t len;
        } s;
        struct {
            tito_json **items;
            size_t len, cap;
        } a;
        struct {
            struct member *m;
            size_t len, cap;
            size_t *slots; /* open addressing, member index + 1, 0 = empty */
            size_t nslots; /* 0 or a power of two >= 2 * len */
        } o;
    } u;
};

/* ------------------------------------------------------------------ arena */

/* The parse arena of tito_json__parse_arena (json_private.h): values, strings
 * and arrays of a read-only tree are carved from big chunks, so building the
 * tree costs no malloc per value and dropping it one free per chunk. */
struct tito_json__arena {
    struct arena_chunk *head;
};

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

#define ARENA_CHUNK (64 * 1024)

static void *arena_alloc(tito_json__arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > ((size_t)-1) / 2)
        return NULL;
    n = (n + align - 1) & ~(align - 1);
    struct arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        if (!(c = malloc(sizeof(*c) + cap)))
            return NULL;
        c->used = 0;
        c->cap = cap;
        if (a->head && n > ARENA_CHUNK / 4) {
            /* a big block gets its own chunk; keep filling the current one */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

void tito_json__arena_free(tito_json__arena *a)
{
    if (!a)
        return;
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

/* malloc / realloc / free, or their arena forms when a is not NULL (arena
 * memory is never freed piecemeal). */
static void *mem_alloc(tito_json__arena *a, size_t n)
{
    return a ? arena_alloc(a, n) : malloc(n);
}

static void *mem_realloc(tito_json__arena *a, void *old, size_t oldn, size_t n)
{
    if (!a)
        return realloc(old, n);
    void *p = arena_alloc(a, n);
    if (p && oldn)
        memcpy(p, old, oldn);
    return p;
}

static void mem_free(tito_json__arena *a, void *p)
{
    if (!a)
        free(p);
}

/* ------------------------------------------------------------------ values */

static tito_json *new_value_in(tito_json__arena *a, tito_json_type t)
{
    tito_json *v = mem_alloc(a, sizeof(*v));
    if (v) {
        memset(v, 0, sizeof(*v));
        v->type = t;
    }
    return v;
}

static tito_json *new_value(tito_json_type t)
{
    return new_value_in(NULL, t);
}

/* Strings and integer texts never change once made, so their bytes live in
 * the same allocation as the value (right after it): one malloc and one free
 * per string, which is most of the values of a notebook. */
static tito_json *new_text_value_in(tito_json__arena *a, tito_json_type t, const char *s,
                                    size_t len)
{
    if (len > ((size_t)-1) / 2 - sizeof(tito_json))
        return NULL;
    tito_json *v = mem_alloc(a, sizeof(*v) + len + 1);
    if (!v)
        return NULL;
    memset(v, 0, sizeof(*v));
    v->type = t;
    v->u.s.p = (char *)(v + 1);
    if (len)
        memcpy(v->u.s.p, s, len);
    v->u.s.p[len] = '\0';
    v->u.s.len = len;
    return v;
}

static tito_json *new_text_value(tito_json_type t, const char *s, size_t len)
{
    return new_text_value_in(NULL, t, s, len);
}

void tito_json_free(tito_json *v)
{
    if (!v)
        return;
    switch (v->type) {
    case TITO_JSON_ARRAY:
        for (size_t i = 0; i < v->u.a.len; i++)
            tito_json_free(v->u.a.items[i]);
        free(v->u.a.items);
        break;
    case TITO_JSON_OBJECT:
        for (size_t i = 0; i < v->u.o.len; i++) {
            free(v->u.o.m[i].key);
            tito_json_free(v->u.o.m[i].val);
        }
        free(v->u.o.m);
        free(v->u.o.slots);
        break;
    default:
        break;
    }
    free(v);
}

tito_json_type tito_json_type_of(const tito_json *v)
{
    return v ? v->type : TITO_JSON_NULL;
}

const char *tito_json_type_name(tito_json_type t)
{
    switch (t) {
    case TITO_JSON_NULL: return "null";
    case TITO_JSON_BOOL: return "boolean";
    case TITO_JSON_INT: return "integer";
    case TITO_JSON_FLOAT: return "number";
    case TITO_JSON_STRING: return "string";
    case TITO_JSON_ARRAY: return "array";
    case TITO_JSON_OBJECT: return "object";
    }
    return "unknown";
}

int tito_json_bool(const tito_json *v)
{
    return v && v->type == TITO_JSON_BOOL ? v->u.b : 0;
}

const char *tito_json_int_text(const tito_json *v)
{
    return v && v->type == TITO_JSON_INT ? v->u.s.p : NULL;
}

int tito_json_int64(const tito_json *v, int64_t *out)
{
    if (!v || v->type != TITO_JSON_INT)
        return TITO_EINVALID;
    errno = 0;
    char *end = NULL;
    long long x = strtoll(v->u.s.p, &end, 10);
    if (errno == ERANGE || !end || *end != '\0')
        return TITO_EINVALID;
    *out = (int64_t)x;
    return 0;
}

double tito_json_float(const tito_json *v)
{
    if (!v)
        return 0.0;
    if (v->type == TITO_JSON_FLOAT)
        return v->u.d;
    if (v->type == TITO_JSON_INT)
        return strtod(v->u.s.p, NULL);
    return 0.0;
}

const char *tito_json_string(const tito_json *v, size_t *len)
{
    if (!v || v->type != TITO_JSON_STRING)
        return NULL;
    if (len)
        *len = v->u.s.len;
    return v->u.s.p;
}

size_t tito_json_len(const tito_json *v)
{
    if (!v)
        return 0;
    if (v->type == TITO_JSON_ARRAY)
        return v->u.a.len;
    if (v->type == TITO_JSON_OBJECT)
        return v->u.o.len;
    return 0;
}

tito_json *tito_json_at(const tito_json *v, size_t i)
{
    if (!v)
        return NULL;
    if (v->type == TITO_JSON_ARRAY)
        return i < v->u.a.len ? v->u.a.items[i] : NULL;
    if (v->type == TITO_JSON_OBJECT)
        return i < v->u.o.len ? v->u.o.m[i].val : NULL;
    return NULL;
}

const char *tito_json_key_at(const tito_json *v, size_t i, size_t *keylen)
{
    if (!v || v->type != TITO_JSON_OBJECT || i >= v->u.o.len)
        return NULL;
    if (keylen)
        *keylen = v->u.o.m[i].klen;
    return v->u.o.m[i].key;
}

static size_t hash_key(const char *k, size_t n)
{
    size_t h = (size_t)1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

/* Index of key in obj, or (size_t)-1. */
static size_t find_member(const tito_json *obj, const char *key, size_t klen)
{
    if (obj->u.o.nslots) {
        size_t mask = obj->u.o.nslots - 1;
        for (size_t s = hash_key(key, klen) & mask;; s = (s + 1) & mask) {
            size_t e = obj->u.o.slots[s];
            if (e == 0)
                return (size_t)-1;
            const struct member *m = &obj->u.o.m[e - 1];
            if (m->klen == klen && memcmp(m->key, key, klen) == 0)
                return e - 1;
        }
    }
    for (size_t i = 0; i < obj->u.o.len; i++) {
        const struct member *m = &obj->u.o.m[i];
        if (m->klen == klen && memcmp(m->key, key, klen) == 0)
            return i;
    }
    return (size_t)-1;
}

static void index_insert(tito_json *obj, size_t i)
{
    size_t mask = obj->u.o.nslots - 1;
    size_t s = hash_key(obj->u.o.m[i].key, obj->u.o.m[i].klen) & mask;
    while (obj->u.o.slots[s])
        s = (s + 1) & mask;
    obj->u.o.slots[s] = i + 1;
}

/* (Re)builds the index for the current members; below INDEX_MIN drops it. */
static int index_rebuild_in(tito_json__arena *a, tito_json *obj, size_t want_len)
{
    mem_free(a, obj->u.o.slots);
    obj->u.o.slots = NULL;
    obj->u.o.nslots = 0;
    if (want_len < INDEX_MIN)
        return 0;
    size_t n = 64;
    while (n < want_len * 2)
        n *= 2;
    if (n > ((size_t)-1) / sizeof(size_t) || !(obj->u.o.slots = mem_alloc(a, n * sizeof(size_t))))
        return TITO_ENOMEM;
    memset(obj->u.o.slots, 0, n * sizeof(size_t));
    obj->u.o.nslots = n;
    for (size_t i = 0; i < obj->u.o.len; i++)
        index_insert(obj, i);
    return 0;
}

static int index_rebuild(tito_json *obj, size_t want_len)
{
    return index_rebuild_in(NULL, obj, want_len);
}

tito_json *tito_json_get(const tito_json *obj, const char *key)
{
    if (!obj || obj->type != TITO_JSON_OBJECT || !key)
        return NULL;
    size_t i = find_member(obj, key, strlen(key));
    return i == (size_t)-1 ? NULL : obj->u.o.m[i].val;
}

const char *tito_json_get_string(const tito_json *obj, const char *key)
{
    return tito_json_string(tito_json_get(obj, key), NULL);
}

tito_json *tito_json_new_null(void)
{
    return new_value(TITO_JSON_NULL);
}

tito_json *tito_json_new_bool(int b)
{
    tito_json *v = new_value(TITO_JSON_BOOL);
    if (v)
        v->u.b = b ? 1 : 0;
    return v;
}

tito_json *tito_json_new_int(int64_t i)
{
    char tmp[32];
    snprintf(tmp, sizeof(tmp), "%lld", (long long)i);
    return tito_json_new_int_text(tmp);
}

tito_json *tito_json_new_int_text(const char *digits)
{
    return new_text_value(TITO_JSON_INT, digits, strlen(digits));
}

tito_json *tito_json_new_float(double d)
{
    tito_json *v = new_value(TITO_JSON_FLOAT);
    if (v)
        v->u.d = d;
    return v;
}

tito_json *tito_json_new_string(const char *s)
{
    return tito_json_new_stringn(s, strlen(s));
}

tito_json *tito_json_new_stringn(const char *s, size_t len)
{
    return new_text_value(TITO_JSON_STRING, s, len);
}

tito_json *tito_json_new_array(void)
{
    return new_value(TITO_JSON_ARRAY);
}

tito_json *tito_json_new_object(void)
{
    return new_value(TITO_JSON_OBJECT);
}

tito_json *tito_json_copy(const tito_json *v)
{
    if (!v)
        return NULL;
    tito_json *c = NULL;
    switch (v->type) {
    case TITO_JSON_NULL: return tito_json_new_null();
    case TITO_JSON_BOOL: return tito_json_new_bool(v->u.b);
    case TITO_JSON_FLOAT: return tito_json_new_float(v->u.d);
    case TITO_JSON_INT: return tito_json_new_int_text(v->u.s.p);
    case TITO_JSON_STRING: return tito_json_new_stringn(v->u.s.p, v->u.s.len);
    case TITO_JSON_ARRAY:
        if (!(c = tito_json_new_array()))
            return NULL;
        for (size_t i = 0; i < v->u.a.len; i++) {
            tito_json *e = tito_json_copy(v->u.a.items[i]);
            if (!e || tito_json_array_append(c, e) < 0)
                goto fail;
        }
        return c;
    case TITO_JSON_OBJECT:
        if (!(c = tito_json_new_object()))
            return NULL;
        for (size_t i = 0; i < v->u.o.len; i++) {
            tito_json *e = tito_json_copy(v->u.o.m[i].val);
            if (!e || tito_json_object_setn(c, v->u.o.m[i].key, v->u.o.m[i].klen, e) < 0)
                goto fail;
        }
        return c;
    }
fail:
    tito_json_free(c);
    return NULL;
}

/* Adds or replaces key; takes ownership of key (malloc'd, NUL-terminated)
 * and val in all cases. */
/* Takes key and val (arena ones when a is not NULL). */
static int object_put_in(tito_json__arena *a, tito_json *obj, char *key, size_t keylen,
                         tito_json *val)
{
    size_t i = find_member(obj, key, keylen);
    if (i != (size_t)-1) {
        mem_free(a, key);
        if (!a)
            tito_json_free(obj->u.o.m[i].val);
        obj->u.o.m[i].val = val;
        return 0;
    }
    if (obj->u.o.len == obj->u.o.cap) {
        size_t ncap = obj->u.o.cap ? obj->u.o.cap * 2 : 4;
        struct member *m =
            mem_realloc(a, obj->u.o.m, obj->u.o.len * sizeof(*m), ncap * sizeof(*m));
        if (!m) {
            mem_free(a, key);
            if (!a)
                tito_json_free(val);
            return TITO_ENOMEM;
        }
        obj->u.o.m = m;
        obj->u.o.cap = ncap;
    }
    size_t n = obj->u.o.len++;
    obj->u.o.m[n] = (struct member){key, keylen, val};
    if (obj->u.o.len >= INDEX_MIN) {
        if (obj->u.o.len * 2 > obj->u.o.nslots) {
            /* Doubling the table keeps inserts amortised O(1); a failed
             * rebuild only loses speed, lookups fall back to scanning. */
            (void)index_rebuild_in(a, obj, obj->u.o.len * 2);
        } else {
            index_insert(obj, n);
        }
    }
    return 0;
}

static int object_put(tito_json *obj, char *key, size_t keylen, tito_json *val)
{
    return object_put_in(NULL, obj, key, keylen, val);
}

int tito_json_object_setn(tito_json *obj, const char *key, size_t keylen, tito_json *val)
{
    if (!obj || obj->type != TITO_JSON_OBJECT || !key || !val) {
        tito_json_free(val);
        return TITO_EINVALID;
    }
    char *k = malloc(keylen + 1);
    if (!k) {
        tito_json_free(val);
        return TITO_ENOMEM;
    }
    if (keylen)
        memcpy(k, key, keylen);
    k[keylen] = '\0';
    return object_put(obj, k, keylen, val);
}

int tito_json_object_set(tito_json *obj, const char *key, tito_json *val)
{
    if (!key) {
        tito_json_free(val);
        return TITO_EINVALID;
    }
    return tito_json_object_setn(obj, key, strlen(key), val);
}

int tito_json_object_take(tito_json *obj, const char *key, tito_json **out)
{
    *out = NULL;
    if (!obj || obj->type != TITO_JSON_OBJECT || !key)
        return TITO_ENOTFOUND;
    size_t i = find_member(obj, key, strlen(key));
    if (i == (size_t)-1)
        return TITO_ENOTFOUND;
    *out = obj->u.o.m[i].val;
    free(obj->u.o.m[i].key);
    memmove(&obj->u.o.m[i], &obj->u.o.m[i + 1], (obj->u.o.len - i - 1) * sizeof(struct member));
    obj->u.o.len--;
    if (obj->u.o.nslots)
        (void)index_rebuild(obj, obj->u.o.len);
    return 0;
}

int tito_json_object_remove(tito_json *obj, const char *key)
{
    tito_json *v = NULL;
    int rc = tito_json_object_take(obj, key, &v);
    tito_json_free(v);
    return rc;
}

/* Appends val (an arena value when a is not NULL; not freed on failure then). */
static int array_push_in(tito_json__arena *a, tito_json *arr, tito_json *val)
{
    if (arr->u.a.len == arr->u.a.cap) {
        size_t ncap = arr->u.a.cap ? arr->u.a.cap * 2 : 4;
        tito_json **items = mem_realloc(a, arr->u.a.items, arr->u.a.len * sizeof(*items),
                                        ncap * sizeof(*items));
        if (!items) {
            if (!a)
                tito_json_free(val);
            return TITO_ENOMEM;
        }
        arr->u.a.items = items;
        arr->u.a.cap = ncap;
    }
    arr->u.a.items[arr->u.a.len++] = val;
    return 0;
}

int tito_json_array_append(tito_json *arr, tito_json *val)
{
    if (!arr || arr->type != TITO_JSON_ARRAY || !val) {
        tito_json_free(val);
        return TITO_EINVALID;
    }
    return array_push_in(NULL, arr, val);
}

/* ------------------------------------------------------------------ UTF-8 */

/* Length of the valid strict UTF-8 sequence at s (s < end), or 0. */
static size_t utf8_seq(const unsigned char *s, const unsigned char *end)
{
    unsigned c = s[0];
    size_t avail = (size_t)(end - s);
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

static void position(const char *start, const char *at, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (const char *p = start; p < at; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++; /* count characters, not continuation bytes */
        }
    }
    *line = l;
    *col = c;
}

int tito_json__utf8_check(const char *buf, size_t len, size_t *line, size_t *col)
{
    const unsigned char *s = (const unsigned char *)buf, *end = s + len;
    while (s < end) {
        /* Notebooks are mostly ASCII: skip 8 bytes at a time while no byte
         * has its high bit set (a quarter of the instructions of the byte loop). */
#ifdef __SSE2__
        while (end - s >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
            if (_mm_movemask_epi8(v))
                break;
            s += 16;
        }
#endif
        while (end - s >= 8) {
            uint64_t w;
            memcpy(&w, s, 8);
            if (w & 0x8080808080808080u)
                break;
            s += 8;
        }
        if (s >= end)
            break;
        if (*s < 0x80) {
            s++;
            continue;
        }
        size_t n = utf8_seq(s, end);
        if (n == 0) {
            position(buf, (const char *)s, line, col);
            return -1;
        }
        s += n;
    }
    return 0;
}

/* ------------------------------------------------------------------ parser */

typedef struct {
    const char *start, *p, *end;
    int depth;
    tito_error *err;
    tito_buf scratch; /* parse_string decodes escapes here, reused for every string */
    tito_json__arena *arena; /* NULL: a normal malloc'd tree */
} parser;

static int fail_at(parser *ps, const char *at, const char *what)
{
    size_t line, col;
    position(ps->start, at, &line, &col);
    return tito_error_set(ps->err, TITO_EINVALID, TITO_ERROR_JSON, "line %zu, column %zu: %s", line,
                          col, what);
}

static int fail_eof(parser *ps)
{
    return fail_at(ps, ps->end, "unexpected end of input (truncated file?)");
}

static int nomem(parser *ps)
{
    return tito_error_set(ps->err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads 4 hex digits at p (bounds already checked); -1 if not hex. */
static long hex4(const char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Encodes cp; lone surrogates get the 3-byte generalised form (WTF-8) so that
 * a string Python would hold as "\ud800" round-trips through dumps_py. */
static int put_cp(tito_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return tito_buf_put(b, u, n);
}

/* Bytes that end a run of plain string characters: '"', '\\' and the control
 * characters JSON forbids raw. */
static const unsigned char STRING_STOP[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

#define ONES ((uint64_t)0x0101010101010101u)
#define HIGHS ((uint64_t)0x8080808080808080u)

/* Word-at-a-time byte tests (the classic bit tricks): each sets the high bit
 * of the matching bytes of w. A borrow between bytes only starts at a byte
 * that really matches, so the LOWEST set bit always marks the first match
 * (bytes above it may be false hits).
 *
 * Bytes of w below n (n <= 128). */
static uint64_t has_byte_below(uint64_t w, unsigned n)
{
    return (w - ONES * n) & ~w & HIGHS;
}

/* Bytes of w equal to c. */
static uint64_t has_byte(uint64_t w, unsigned char c)
{
    return has_byte_below(w ^ (ONES * c), 1);
}

/* Byte offset in the word of the first hit of a nonzero mask: on
 * little-endian machines the lowest byte is the first in memory; elsewhere 0
 * (the caller then goes on byte by byte). */
static size_t first_hit(uint64_t mask)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(mask) / 8;
#else
    (void)mask;
    return 0;
#endif
}

/* Copies n bytes into a new NUL-terminated string (malloc'd or in the arena). */
static char *dup_bytes(parser *ps, const char *s, size_t n)
{
    char *p = mem_alloc(ps->arena, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Appends to the scratch buffer; with room left (the usual case once it has
 * grown to the longest string) without a call. */
static void scratch_put(tito_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len > n) {
        memcpy(b->ptr + b->len, s, n);
        b->len += n;
        b->ptr[b->len] = '\0';
    } else {
        tito_buf_put(b, s, n);
    }
}

static void scratch_putc(tito_buf *b, char c)
{
    scratch_put(b, &c, 1);
}

/* ps->p is at the opening quote. On success *out points to the *outlen decoded
 * bytes, valid until the next parse_string: into the input itself when the
 * string has no escapes, else into ps->scratch where the escapes are decoded.
 * The caller copies them once, to their exact size. */
static int parse_string(parser *ps, const char **out, size_t *outlen)
{
    const char *open = ps->p++;
    const char *run = ps->p;
    const unsigned char *end = (const unsigned char *)ps->end;
    tito_buf *b = &ps->scratch;
    int escaped = 0;

    b->len = 0;
    for (;;) {
        const unsigned char *q = (const unsigned char *)run;
#ifdef __SSE2__
        /* 16 bytes at a time (SSE2 is part of x86-64): the string scan was the
         * biggest single cost of reading a notebook (callgrind). */
        const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
        const __m128i ctl = _mm_set1_epi8(0x1F);
        while (end - q >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash));
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v)); /* v <= 0x1F */
            unsigned mask = (unsigned)_mm_movemask_epi8(hit);
            if (mask) {
                q += __builtin_ctz(mask);
                break;
            }
            q += 16;
        }
#endif
        /* 8 bytes at a time while none is a stop byte (these word tests are
         * exact about whether SOME byte matches); then byte by byte. */
        while (end - q >= 8) {
            uint64_t w;
            memcpy(&w, q, 8);
            uint64_t m = has_byte_below(w, 0x20) | has_byte(w, '"') | has_byte(w, '\\');
            if (m) {
                q += first_hit(m);
                break;
            }
            q += 8;
        }
        while (q < end && !STRING_STOP[*q])
            q++;
        if (q >= end)
            return fail_at(ps, open, "unterminated string");
        if (*q == '"' && !escaped) {
            ps->p = (const char *)q + 1;
            *outlen = (size_t)((const char *)q - run);
            *out = run;
            return 0;
        }
        scratch_put(b, run, (size_t)((const char *)q - run));
        if (*q == '"') {
            ps->p = (const char *)q + 1;
            break;
        }
        if (*q != '\\')
            return fail_at(ps, (const char *)q,
                           "invalid control character in string (escape it, e.g. \\n or \\t)");
        escaped = 1;
        /* escape */
        if ((const char *)q + 1 >= ps->end)
            return fail_at(ps, open, "unterminated string");
        char e = (char)q[1];
        const char *next = (const char *)q + 2;
        switch (e) {
        case '"': scratch_putc(b, '"'); break;
        case '\\': scratch_putc(b, '\\'); break;
        case '/': scratch_putc(b, '/'); break;
        case 'b': scratch_putc(b, '\b'); break;
        case 'f': scratch_putc(b, '\f'); break;
        case 'n': scratch_putc(b, '\n'); break;
        case 'r': scratch_putc(b, '\r'); break;
        case 't': scratch_putc(b, '\t'); break;
        case 'u': {
            long cp = ps->end - next >= 4 ? hex4(next) : -1;
            if (cp < 0)
                return fail_at(ps, (const char *)q, "invalid \\uXXXX escape");
            next += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && ps->end - next >= 6 && next[0] == '\\' &&
                next[1] == 'u') {
                long lo = hex4(next + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    next += 6;
                }
            }
            put_cp(b, (unsigned long)cp);
            break;
        }
        default:
            return fail_at(ps, (const char *)q, "invalid escape in string");
        }
        run = next;
    }
    if (b->failed)
        return nomem(ps);
    *outlen = b->len;
    *out = b->ptr ? b->ptr : "";
    return 0;
}

/* Python's NUMBER_RE: (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)? */
static int parse_number(parser *ps, tito_json **out)
{
    const char *s = ps->p, *q = s;
    int is_float = 0;
    if (q < ps->end && *q == '-')
        q++;
    if (q >= ps->end)
        return fail_eof(ps);
    if (!is_digit(*q))
        return fail_at(ps, s, "expected a value");
    if (*q == '0') {
        q++;
    } else {
        while (q < ps->end && is_digit(*q))
            q++;
    }
    if (q + 1 < ps->end && *q == '.' && is_digit(q[1])) {
        is_float = 1;
        q += 2;
        while (q < ps->end && is_digit(*q))
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        const char *r = q + 1;
        if (r < ps->end && (*r == '+' || *r == '-'))
            r++;
        if (r < ps->end && is_digit(*r)) {
            is_float = 1;
            while (r < ps->end && is_digit(*r))
                r++;
            q = r;
        }
    }
    ps->p = q;
    size_t n = (size_t)(q - s);
    char small[64];
    char *text = n < sizeof(small) ? small : malloc(n + 1);
    if (!text)
        return nomem(ps);
    memcpy(text, s, n);
    text[n] = '\0';
    int rc = 0;
    if (is_float) {
        if ((*out = new_value_in(ps->arena, TITO_JSON_FLOAT)) != NULL)
            (*out)->u.d = strtod(text, NULL);
    } else {
        const char *digits = text[0] == '-' ? text + 1 : text;
        if (strlen(digits) > PY_INT_MAX_DIGITS) {
            rc = fail_at(ps, s, "integer has more than 4300 digits (Python refuses to read it)");
            goto cleanup;
        }
        const char *t = strcmp(text, "-0") == 0 ? "0" : text;
        *out = new_text_value_in(ps->arena, TITO_JSON_INT, t, strlen(t));
    }
    if (!*out)
        rc = nomem(ps);
cleanup:
    if (text != small)
        free(text);
    return rc;
}

static int parse_value(parser *ps, tito_json **out);

/* Matches the literal word at ps->p and makes its value (type t; b or d). */
static int literal(parser *ps, const char *word, tito_json_type t, int b, double d,
                   tito_json **out)
{
    size_t n = strlen(word);
    size_t avail = (size_t)(ps->end - ps->p);
    if (avail < n) {
        if (memcmp(ps->p, word, avail) == 0)
            return fail_eof(ps);
    } else if (memcmp(ps->p, word, n) == 0) {
        tito_json *v = new_value_in(ps->arena, t);
        if (!v)
            return nomem(ps);
        if (t == TITO_JSON_BOOL)
            v->u.b = b;
        else if (t == TITO_JSON_FLOAT)
            v->u.d = d;
        ps->p += n;
        *out = v;
        return 0;
    }
    return fail_at(ps, ps->p, "expected a value");
}

/* Drops a value of the tree being built (arena values go with the arena). */
static void drop(parser *ps, tito_json *v)
{
    if (!ps->arena)
        tito_json_free(v);
}

static int enter(parser *ps)
{
    if (++ps->depth > TITO_JSON_MAX_DEPTH) {
        char what[80];
        snprintf(what, sizeof(what), "nesting deeper than %d levels", TITO_JSON_MAX_DEPTH);
        return fail_at(ps, ps->p, what);
    }
    return 0;
}

static int parse_array(parser *ps, tito_json **out)
{
    int rc;
    tito_json *arr = NULL;
    if ((rc = enter(ps)) < 0)
        return rc;
    ps->p++;
    if (!(arr = new_value_in(ps->arena, TITO_JSON_ARRAY))) {
        rc = nomem(ps);
        goto cleanup;
    }
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        goto done;
    }
    for (;;) {
        tito_json *v = NULL;
        if ((rc = parse_value(ps, &v)) < 0)
            goto cleanup;
        if ((rc = array_push_in(ps->arena, arr, v)) < 0) {
            rc = nomem(ps);
            goto cleanup;
        }
        skip_ws(ps);
        if (ps->p >= ps->end) {
            rc = fail_eof(ps);
            goto cleanup;
        }
        if (*ps->p == ']') {
            ps->p++;
            break;
        }
        if (*ps->p != ',') {
            rc = fail_at(ps, ps->p, "expected ',' or ']'");
            goto cleanup;
        }
        ps->p++;
    }
done:
    ps->depth--;
    *out = arr;
    return 0;
cleanup:
    drop(ps, arr);
    return rc;
}

static int parse_object(parser *ps, tito_json **out)
{
    int rc;
    tito_json *obj = NULL;
    char *key = NULL;
    size_t klen = 0;
    if ((rc = enter(ps)) < 0)
        return rc;
    ps->p++;
    if (!(obj = new_value_in(ps->arena, TITO_JSON_OBJECT))) {
        rc = nomem(ps);
        goto cleanup;
    }
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        goto done;
    }
    for (;;) {
        if (ps->p >= ps->end) {
            rc = fail_eof(ps);
            goto cleanup;
        }
        if (*ps->p != '"') {
            rc = fail_at(ps, ps->p, "expected a property name in double quotes");
            goto cleanup;
        }
        const char *k;
        if ((rc = parse_string(ps, &k, &klen)) < 0)
            goto cleanup;
        if (!(key = dup_bytes(ps, k, klen))) {
            rc = nomem(ps);
            goto cleanup;
        }
        skip_ws(ps);
        if (ps->p >= ps->end) {
            rc = fail_eof(ps);
            goto cleanup;
        }
        if (*ps->p != ':') {
            rc = fail_at(ps, ps->p, "expected ':'");
            goto cleanup;
        }
        ps->p++;
        tito_json *v = NULL;
        if ((rc = parse_value(ps, &v)) < 0)
            goto cleanup;
        /* A duplicate key keeps its first position and takes the last value,
         * as a Python dict does. */
        rc = object_put_in(ps->arena, obj, key, klen, v);
        key = NULL;
        if (rc < 0) {
            rc = nomem(ps);
            goto cleanup;
        }
        skip_ws(ps);
        if (ps->p >= ps->end) {
            rc = fail_eof(ps);
            goto cleanup;
        }
        if (*ps->p == '}') {
            ps->p++;
            break;
        }
        if (*ps->p != ',') {
            rc = fail_at(ps, ps->p, "expected ',' or '}'");
            goto cleanup;
        }
        ps->p++;
        skip_ws(ps);
    }
done:
    ps->depth--;
    *out = obj;
    return 0;
cleanup:
    mem_free(ps->arena, key);
    drop(ps, obj);
    return rc;
}

static int parse_value(parser *ps, tito_json **out)
{
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail_eof(ps);
    switch (*ps->p) {
    case '{': return parse_object(ps, out);
    case '[': return parse_array(ps, out);
    case '"': {
        const char *s = NULL;
        size_t n = 0;
        int rc = parse_string(ps, &s, &n);
        if (rc < 0)
            return rc;
        if (!(*out = new_text_value_in(ps->arena, TITO_JSON_STRING, s, n)))
            return nomem(ps);
        return 0;
    }
    case 'n': return literal(ps, "null", TITO_JSON_NULL, 0, 0, out);
    case 't': return literal(ps, "true", TITO_JSON_BOOL, 1, 0, out);
    case 'f': return literal(ps, "false", TITO_JSON_BOOL, 0, 0, out);
    case 'N': return literal(ps, "NaN", TITO_JSON_FLOAT, 0, NAN, out);
    case 'I': return literal(ps, "Infinity", TITO_JSON_FLOAT, 0, INFINITY, out);
    case '-':
        if (ps->p + 1 < ps->end && ps->p[1] == 'I')
            return literal(ps, "-Infinity", TITO_JSON_FLOAT, 0, -INFINITY, out);
        return parse_number(ps, out);
    default:
        if (is_digit(*ps->p))
            return parse_number(ps, out);
        return fail_at(ps, ps->p, "expected a value");
    }
}

static int parse_all(tito_json **out, const char *buf, size_t len, tito_error *err,
                     tito_json__arena *arena);

int tito_json_parse(tito_json **out, const char *buf, size_t len, tito_error *err)
{
    size_t line, col;

    *out = NULL;
    if (!buf && len)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "no input");
    if (tito_json__utf8_check(buf, len, &line, &col) < 0)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON,
                              "line %zu, column %zu: invalid UTF-8", line, col);
    return tito_json__parse_utf8(out, buf, len, err);
}

int tito_json__parse_utf8(tito_json **out, const char *buf, size_t len, tito_error *err)
{
    return parse_all(out, buf, len, err, NULL);
}

int tito_json__parse_arena(tito_json **out, const char *buf, size_t len, tito_error *err,
                           tito_json__arena **arena)
{
    *out = NULL;
    if (!(*arena = calloc(1, sizeof(**arena))))
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    return parse_all(out, buf, len, err, *arena);
}

static int parse_all(tito_json **out, const char *buf, size_t len, tito_error *err,
                     tito_json__arena *arena)
{
    *out = NULL;
    parser ps = {buf, buf, buf + len, 0, err, TITO_BUF_INIT, arena};
    tito_json *v = NULL;
    int rc;

    if (!buf && len)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "no input");
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        return fail_at(&ps, buf, "unexpected UTF-8 byte order mark (save the file without a BOM)");
    skip_ws(&ps);
    if (ps.p >= ps.end)
        return fail_at(&ps, ps.p, len ? "no JSON value, only whitespace" : "empty input");
    rc = parse_value(&ps, &v);
    tito_buf_dispose(&ps.scratch);
    if (rc < 0)
        return rc;
    skip_ws(&ps);
    if (ps.p < ps.end) {
        drop(&ps, v);
        return fail_at(&ps, ps.p, "unexpected data after the JSON value");
    }
    *out = v;
    return 0;
}

/* ------------------------------------------------------------------ writers */

void tito_json_float_repr(char *buf, size_t size, double d)
{
    if (isnan(d)) {
        snprintf(buf, size, "nan");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, size, d < 0 ? "-inf" : "inf");
        return;
    }
    if (d == 0) {
        snprintf(buf, size, signbit(d) ? "-0.0" : "0.0");
        return;
    }
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    /* tmp = [-]D[.DDD]e[+-]XX: split into sign, digit string and exponent. */
    char digits[24];
    size_t nd = 0;
    const char *p = tmp;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    for (; *p && *p != 'e'; p++)
        if (is_digit(*p) && nd < sizeof(digits) - 1)
            digits[nd++] = *p;
    int exp10 = *p == 'e' ? atoi(p + 1) : 0;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';

    char out[64];
    size_t o = 0;
#define PUT(c) (o < sizeof(out) - 1 ? (void)(out[o++] = (c)) : (void)0)
    if (neg)
        PUT('-');
    if (exp10 < -4 || exp10 >= 16) {
        PUT(digits[0]);
        if (nd > 1) {
            PUT('.');
            for (size_t i = 1; i < nd; i++)
                PUT(digits[i]);
        }
        char e[16];
        snprintf(e, sizeof(e), "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        for (char *q = e; *q; q++)
            PUT(*q);
    } else if (exp10 < 0) {
        PUT('0');
        PUT('.');
        for (int i = 0; i < -exp10 - 1; i++)
            PUT('0');
        for (size_t i = 0; i < nd; i++)
            PUT(digits[i]);
    } else {
        size_t decpt = (size_t)exp10 + 1;
        for (size_t i = 0; i < decpt; i++)
            PUT(i < nd ? digits[i] : '0');
        PUT('.');
        if (decpt >= nd) {
            PUT('0');
        } else {
            for (size_t i = decpt; i < nd; i++)
                PUT(digits[i]);
        }
    }
#undef PUT
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

static const char HEX[] = "0123456789abcdef";

static void put_u16(tito_buf *b, unsigned v)
{
    char e[6] = {'\\', 'u', HEX[(v >> 12) & 15], HEX[(v >> 8) & 15], HEX[(v >> 4) & 15], HEX[v & 15]};
    tito_buf_put(b, e, 6);
}

/* Decodes one code point at s, accepting the WTF-8 surrogate forms put_cp
 * writes; returns its length, or 0 for a byte that starts no sequence. */
static size_t decode_cp(const unsigned char *s, const unsigned char *end, unsigned long *cp)
{
    size_t n = utf8_seq(s, end);
    if (n == 0 && s[0] == 0xED && end - s >= 3 && (s[1] & 0xE0) == 0xA0 && (s[2] & 0xC0) == 0x80)
        n = 3;
    switch (n) {
    case 1: *cp = s[0]; break;
    case 2: *cp = ((unsigned long)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); break;
    case 3:
        *cp = ((unsigned long)(s[0] & 0x0F) << 12) | ((unsigned long)(s[1] & 0x3F) << 6) |
              (s[2] & 0x3F);
        break;
    case 4:
        *cp = ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3F) << 12) |
              ((unsigned long)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        break;
    default: break;
    }
    return n;
}

/* Python's py_encode_basestring_ascii. Bytes that are not UTF-8 (possible only
 * in strings built through the API) are written as U+FFFD. */
static void put_string(tito_buf *b, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    tito_buf_putc(b, '"');
    while (s < end) {
        const unsigned char *run = s;
        while (s < end && *s >= 0x20 && *s < 0x7F && *s != '"' && *s != '\\')
            s++;
        if (s > run)
            tito_buf_put(b, run, (size_t)(s - run));
        if (s >= end)
            break;
        unsigned char c = *s;
        if (c < 0x80) {
            switch (c) {
            case '"': tito_buf_puts(b, "\\\""); break;
            case '\\': tito_buf_puts(b, "\\\\"); break;
            case '\n': tito_buf_puts(b, "\\n"); break;
            case '\r': tito_buf_puts(b, "\\r"); break;
            case '\t': tito_buf_puts(b, "\\t"); break;
            case '\b': tito_buf_puts(b, "\\b"); break;
            case '\f': tito_buf_puts(b, "\\f"); break;
            default: put_u16(b, c); break;
            }
            s++;
            continue;
        }
        unsigned long cp = 0xFFFD;
        size_t n = decode_cp(s, end, &cp);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (cp >= 0x10000) {
            unsigned long v = cp - 0x10000;
            put_u16(b, (unsigned)(0xD800 | (v >> 10)));
            put_u16(b, (unsigned)(0xDC00 | (v & 0x3FF)));
        } else {
            put_u16(b, (unsigned)cp);
        }
        s += n;
    }
    tito_buf_putc(b, '"');
}

typedef struct {
    int py;     /* Python dumps: ", " / ": ", NaN literals */
    int indent; /* > 0: pretty layout */
} wstyle;

static void newline(tito_buf *b, int indent, int level)
{
    tito_buf_putc(b, '\n');
    for (int i = 0; i < indent * level; i++)
        tito_buf_putc(b, ' ');
}

static void put_value(tito_buf *b, const tito_json *v, const wstyle *st, int level)
{
    char num[40];
    switch (v->type) {
    case TITO_JSON_NULL: tito_buf_puts(b, "null"); break;
    case TITO_JSON_BOOL: tito_buf_puts(b, v->u.b ? "true" : "false"); break;
    case TITO_JSON_INT: tito_buf_put(b, v->u.s.p, v->u.s.len); break;
    case TITO_JSON_FLOAT:
        if (isnan(v->u.d))
            tito_buf_puts(b, st->py ? "NaN" : "null");
        else if (isinf(v->u.d))
            tito_buf_puts(b, st->py ? (v->u.d < 0 ? "-Infinity" : "Infinity") : "null");
        else {
            tito_json_float_repr(num, sizeof(num), v->u.d);
            tito_buf_puts(b, num);
        }
        break;
    case TITO_JSON_STRING: put_string(b, v->u.s.p, v->u.s.len); break;
    case TITO_JSON_ARRAY:
    case TITO_JSON_OBJECT: {
        int isobj = v->type == TITO_JSON_OBJECT;
        size_t n = isobj ? v->u.o.len : v->u.a.len;
        tito_buf_putc(b, isobj ? '{' : '[');
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                tito_buf_puts(b, st->py && st->indent <= 0 ? ", " : ",");
            if (st->indent > 0)
                newline(b, st->indent, level + 1);
            if (isobj) {
                put_string(b, v->u.o.m[i].key, v->u.o.m[i].klen);
                tito_buf_puts(b, st->py || st->indent > 0 ? ": " : ":");
                put_value(b, v->u.o.m[i].val, st, level + 1);
            } else {
                put_value(b, v->u.a.items[i], st, level + 1);
            }
        }
        if (n > 0 && st->indent > 0)
            newline(b, st->indent, level);
        tito_buf_putc(b, isobj ? '}' : ']');
        break;
    }
    }
}

static int write_styled(tito_buf *out, const tito_json *v, const wstyle *st)
{
    if (!v)
        return TITO_EINVALID;
    put_value(out, v, st, 0);
    return out->failed ? TITO_ENOMEM : 0;
}

int tito_json_dumps_py(tito_buf *out, const tito_json *v)
{
    wstyle st = {1, 0};
    return write_styled(out, v, &st);
}

int tito_json_write(tito_buf *out, const tito_json *v, int indent)
{
    wstyle st = {0, indent};
    return write_styled(out, v, &st);
}
