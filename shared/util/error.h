/* Errors, the libgit2 way: functions return int (0 ok, negative TITO_E* code a
 * caller can branch on) and fill a caller-owned tito_error with one line a user
 * can act on. The library never prints and never exits. */
#ifndef TITO_UTIL_ERROR_H
#define TITO_UTIL_ERROR_H

#include <stdarg.h>

enum {
    TITO_OK = 0,
    TITO_ERROR = -1,     /* generic failure */
    TITO_ENOTFOUND = -2, /* file, module, job, row not found */
    TITO_EINVALID = -3,  /* bad input: malformed notebook, bad argument */
    TITO_ETIMEOUT = -4,
    TITO_ECONFLICT = -5, /* already exists / concurrent update */
    TITO_ENOMEM = -6,
    TITO_EIO = -7,       /* OS-level I/O failure */
    TITO_EUNAVAIL = -8   /* a service (Redis, PostgreSQL) is unreachable: retry later */
};

/* Error classes say which subsystem failed. */
enum {
    TITO_ERROR_NONE = 0,
    TITO_ERROR_OS,
    TITO_ERROR_NOMEM,
    TITO_ERROR_JSON,
    TITO_ERROR_NOTEBOOK,
    TITO_ERROR_CONVERT,
    TITO_ERROR_EXPORT,
    TITO_ERROR_CONFIG,
    TITO_ERROR_COURSE,
    TITO_ERROR_QUEUE,
    TITO_ERROR_DB,
    TITO_ERROR_SANDBOX,
    TITO_ERROR_INVALID
};

typedef struct tito_error {
    int klass;
    int code;           /* the TITO_E* value returned alongside */
    char message[512];
} tito_error;

#define TITO_ERROR_INIT {0, 0, {0}}

/* Sets err (if non-NULL) and returns code, so call sites can write
 * `return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "...")`. */
int tito_error_set(tito_error *err, int code, int klass, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int tito_error_setv(tito_error *err, int code, int klass, const char *fmt, va_list ap);
/* Like tito_error_set, appending ": strerror(errno)". */
int tito_error_set_os(tito_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prepends "prefix: " to the existing message (for adding context upward). */
void tito_error_prefix(tito_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tito_error_clear(tito_error *err);

#define TITO_CHECK_ALLOC(p, err)                                                              \
    do {                                                                                      \
        if ((p) == NULL)                                                                      \
            return tito_error_set((err), TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");    \
    } while (0)

#endif
