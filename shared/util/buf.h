/* tito_buf: a growable byte buffer, always NUL-terminated. A value type (no
 * _new): initialise with TITO_BUF_INIT, release with tito_buf_dispose. Append
 * functions return 0 or TITO_ENOMEM; after a failed append the buffer is
 * marked failed and later appends are no-ops, so a caller may check once. */
#ifndef TITO_UTIL_BUF_H
#define TITO_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct tito_buf {
    char *ptr;
    size_t len;
    size_t cap;
    int failed;
} tito_buf;

#define TITO_BUF_INIT {NULL, 0, 0, 0}

int tito_buf_grow(tito_buf *b, size_t extra);
int tito_buf_put(tito_buf *b, const void *data, size_t len);
int tito_buf_puts(tito_buf *b, const char *s);
int tito_buf_putc(tito_buf *b, char c);
int tito_buf_printf(tito_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tito_buf_vprintf(tito_buf *b, const char *fmt, va_list ap);
void tito_buf_clear(tito_buf *b);           /* len = 0, keeps memory */
void tito_buf_truncate(tito_buf *b, size_t len);
/* Hands the string to the caller (free() it); the buffer is reset. Never NULL
 * unless out of memory. */
char *tito_buf_detach(tito_buf *b, size_t *len);
void tito_buf_dispose(tito_buf *b);
/* Returns the contents ("" when empty), valid until the next append. */
const char *tito_buf_cstr(const tito_buf *b);

#endif
