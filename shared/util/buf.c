#include "util/buf.h"

#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tito_buf_grow(tito_buf *b, size_t extra)
{
    if (b->failed)
        return TITO_ENOMEM;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return TITO_ENOMEM;
        }
        cap *= 2;
    }
    char *p = realloc(b->ptr, cap);
    if (!p) {
        b->failed = 1;
        return TITO_ENOMEM;
    }
    b->ptr = p;
    b->cap = cap;
    return 0;
}

int tito_buf_put(tito_buf *b, const void *data, size_t len)
{
    if (tito_buf_grow(b, len) < 0)
        return TITO_ENOMEM;
    if (len)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int tito_buf_puts(tito_buf *b, const char *s) { return tito_buf_put(b, s, strlen(s)); }

int tito_buf_putc(tito_buf *b, char c) { return tito_buf_put(b, &c, 1); }

int tito_buf_vprintf(tito_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || tito_buf_grow(b, (size_t)n) < 0)
        return TITO_ENOMEM;
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int tito_buf_printf(tito_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = tito_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void tito_buf_clear(tito_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void tito_buf_truncate(tito_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->ptr[len] = '\0';
    }
}

char *tito_buf_detach(tito_buf *b, size_t *len)
{
    char *p = b->ptr;
    if (!p && !b->failed)
        p = calloc(1, 1);
    if (len)
        *len = b->len;
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
    return p;
}

void tito_buf_dispose(tito_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

const char *tito_buf_cstr(const tito_buf *b) { return b->ptr ? b->ptr : ""; }
