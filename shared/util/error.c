#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int tito_error_setv(tito_error *err, int code, int klass, const char *fmt, va_list ap)
{
    if (err) {
        err->klass = klass;
        err->code = code;
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
    }
    return code;
}

int tito_error_set(tito_error *err, int code, int klass, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tito_error_setv(err, code, klass, fmt, ap);
    va_end(ap);
    return code;
}

int tito_error_set_os(tito_error *err, int code, const char *fmt, ...)
{
    int saved = errno;
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        tito_error_setv(err, code, TITO_ERROR_OS, fmt, ap);
        va_end(ap);
        size_t n = strlen(err->message);
        snprintf(err->message + n, sizeof(err->message) - n, ": %s", strerror(saved));
    }
    return code;
}

void tito_error_prefix(tito_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[256], old[sizeof(err->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof(old));
    /* Truncation is fine: the message is for a person, and stays NUL-terminated. */
    size_t n = strlen(prefix);
    if (n > sizeof(err->message) - 3)
        n = sizeof(err->message) - 3;
    memcpy(err->message, prefix, n);
    memcpy(err->message + n, ": ", 2);
    size_t room = sizeof(err->message) - n - 3;
    size_t m = strnlen(old, room);
    memcpy(err->message + n + 2, old, m);
    err->message[n + 2 + m] = '\0';
}

void tito_error_clear(tito_error *err)
{
    if (err) {
        err->klass = TITO_ERROR_NONE;
        err->code = 0;
        err->message[0] = '\0';
    }
}
