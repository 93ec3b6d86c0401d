#include "config/config.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int set_str(char **slot, const char *value)
{
    char *copy = NULL;
    if (value && !(copy = strdup(value)))
        return TITO_ENOMEM;
    free(*slot);
    *slot = copy;
    return 0;
}

/* Parses a positive integer setting; returns -1 when it is not one. */
static long parse_pos(const char *v)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < 0)
        return -1;
    return n;
}

struct ini_ctx {
    tito_config *c;
    tito_error *err;
    int failed;
};

static int apply(tito_config *c, const char *section, const char *key, const char *value, tito_error *err)
{
    long n;
#define NUM()                                                                                      \
    do {                                                                                           \
        if ((n = parse_pos(value)) < 0)                                                            \
            return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG,                           \
                                  "[%s] %s must be a non-negative integer, got '%s'", section, key, value); \
    } while (0)
    if (!strcmp(section, "services")) {
        if (!strcmp(key, "redis_url"))
            return set_str(&c->redis_url, *value ? value : NULL);
        if (!strcmp(key, "database_url"))
            return set_str(&c->database_url, *value ? value : NULL);
        if (!strcmp(key, "state_dir"))
            return set_str(&c->state_dir, value);
    } else if (!strcmp(section, "workers")) {
        if (!strcmp(key, "count")) {
            NUM();
            c->workers = (int)n;
            return 0;
        }
        if (!strcmp(key, "queue"))
            return set_str(&c->queue, value);
    } else if (!strcmp(section, "limits") || tito_limits_is_module_section(section)) {
        /* [limits.MODULE] belongs to a course's tito.ini (limits.h); checked
         * here too so a typo is reported whichever way the file is read. */
        tito_limits_req scratch = TITO_LIMITS_REQ_INIT;
        int own = !strcmp(section, "limits");
        if (tito_limits_req_set(own ? &c->limits_req : &scratch, key, value, err) < 0) {
            tito_error_prefix(err, "[%s]", section);
            return TITO_EINVALID;
        }
        if (own)
            tito_limits_apply(&c->limits, &c->limits_req);
        return 0;
    }
#undef NUM
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "unknown setting [%s] %s", section, key);
}

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    struct ini_ctx *ctx = user;
    if (ctx->failed)
        return 0;
    if (apply(ctx->c, section, key, value, ctx->err) < 0) {
        ctx->failed = 1;
        return 0;
    }
    return 1;
}

static int accept_all(void *user, const char *section, const char *key, const char *value)
{
    (void)user, (void)section, (void)key, (void)value;
    return 1;
}

int tito_config_load(tito_config **out, const char *ini_path, tito_error *err)
{
    int error = 0;
    tito_config *c = calloc(1, sizeof(*c));
    *out = NULL;
    TITO_CHECK_ALLOC(c, err);
    tito_limits defaults = TITO_LIMITS_DEFAULT;
    tito_limits_req unset = TITO_LIMITS_REQ_INIT;
    c->limits = defaults;
    c->limits_req = unset;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    c->workers = ncpu > 0 ? (int)ncpu : 1;
    if ((error = set_str(&c->state_dir, ".tito")) < 0 || (error = set_str(&c->queue, "default")) < 0)
        goto nomem;

    const char *path = ini_path ? ini_path : getenv("TITO_CONFIG");
    int must_exist = path != NULL;
    if (!path)
        path = "tito.ini";
    FILE *f = fopen(path, "r");
    if (!f) {
        if (must_exist) {
            error = tito_error_set_os(err, TITO_ENOTFOUND, "cannot read config file %s", path);
            goto cleanup;
        }
    } else {
        /* First pass only finds syntax errors, which inih otherwise reports on the
         * same footing as a rejected key. */
        int line = ini_parse_file(f, accept_all, NULL);
        struct ini_ctx ctx = {c, err, 0};
        if (line == 0) {
            rewind(f);
            ini_parse_file(f, on_ini, &ctx);
        }
        fclose(f);
        /* A syntax error is reported first: it usually causes the odd keys after it. */
        if (line != 0) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "%s: line %d: syntax error", path, line);
            goto cleanup;
        }
        if (ctx.failed) {
            tito_error_prefix(err, "%s", path);
            error = TITO_EINVALID;
            goto cleanup;
        }
    }

    const char *v;
    if ((v = getenv("TITO_REDIS_URL")) && *v && (error = set_str(&c->redis_url, v)) < 0)
        goto nomem;
    if ((v = getenv("TITO_DATABASE_URL")) && *v && (error = set_str(&c->database_url, v)) < 0)
        goto nomem;
    if ((v = getenv("TITO_STATE_DIR")) && *v && (error = set_str(&c->state_dir, v)) < 0)
        goto nomem;
    if ((v = getenv("TITO_WORKERS")) && *v) {
        long n = parse_pos(v);
        if (n <= 0) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG,
                                   "TITO_WORKERS must be a positive integer, got '%s'", v);
            goto cleanup;
        }
        c->workers = (int)n;
    }
    *out = c;
    return 0;
nomem:
    error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
cleanup:
    tito_config_free(c);
    return error;
}

void tito_config_free(tito_config *c)
{
    if (!c)
        return;
    free(c->redis_url);
    free(c->database_url);
    free(c->state_dir);
    free(c->queue);
    free(c);
}

int tito_config_set(tito_config *c, const char *key, const char *value, tito_error *err)
{
    int rc;
    if (!strcmp(key, "redis_url"))
        rc = set_str(&c->redis_url, value);
    else if (!strcmp(key, "database_url"))
        rc = set_str(&c->database_url, value);
    else if (!strcmp(key, "state_dir"))
        rc = set_str(&c->state_dir, value);
    else if (!strcmp(key, "queue"))
        rc = set_str(&c->queue, value);
    else
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "unknown setting %s", key);
    if (rc < 0)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    return 0;
}
