#include "limits/limits.h"

#include <errno.h>
#include <limits.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct field {
    const char *key;
    const char *flag; /* the per-run flag setting it */
    const char *unit; /* as in "a whole number of <unit>" */
    int64_t min, max;
    size_t off;
} field;

#define F(k, fl, u, lo, hi) {#k, fl, u, lo, hi, offsetof(tito_limits_req, k)}
static const field FIELDS[] = {
    F(timeout_s, "--timeout", "seconds", 1, 86400),
    F(memory_mb, "--memory", "MB", 32, 1048576),
    F(pids, "--pids", "processes", 1, 65536),
    F(output_kb, "--output", "KB", 1, 1048576),
    F(disk_mb, "--disk", "MB", 1, 1048576),
};
#undef F
#define NFIELDS (sizeof(FIELDS) / sizeof(FIELDS[0]))
#define KNOWN "timeout_s, memory_mb, pids, output_kb, disk_mb"

static int64_t *slot(tito_limits_req *r, const field *f)
{
    return (int64_t *)(void *)((char *)r + f->off);
}

static int64_t get(const tito_limits_req *r, const field *f)
{
    return *(const int64_t *)(const void *)((const char *)r + f->off);
}

static const field *find(const char *key)
{
    for (size_t i = 0; i < NFIELDS; i++)
        if (!strcmp(FIELDS[i].key, key))
            return &FIELDS[i];
    return NULL;
}

static int unknown(const char *key, tito_error *err)
{
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "unknown limit '%.64s' (known: " KNOWN ")",
                          key);
}

static int out_of_range(const field *f, const char *shown, tito_error *err)
{
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG,
                          "%s must be a whole number of %s from %lld to %lld, not '%.64s'", f->key, f->unit,
                          (long long)f->min, (long long)f->max, shown);
}

int tito_limits_req_empty(const tito_limits_req *r)
{
    for (size_t i = 0; i < NFIELDS; i++)
        if (get(r, &FIELDS[i]) >= 0)
            return 0;
    return 1;
}

int tito_limits_req_set_int(tito_limits_req *r, const char *key, int64_t value, tito_error *err)
{
    const field *f = find(key);
    if (!f)
        return unknown(key, err);
    if (value < f->min || value > f->max) {
        char shown[32];
        snprintf(shown, sizeof(shown), "%lld", (long long)value);
        return out_of_range(f, shown, err);
    }
    *slot(r, f) = value;
    return 0;
}

int tito_limits_req_set(tito_limits_req *r, const char *key, const char *value, tito_error *err)
{
    const field *f = find(key);
    if (!f)
        return unknown(key, err);
    char *end;
    errno = 0;
    long long n = strtoll(value, &end, 10);
    /* Only plain digits: "1e3", " 5", "0x10" and "-1" are mistakes worth naming. */
    if (!*value || *value < '0' || *value > '9' || *end || errno || n < f->min || n > f->max)
        return out_of_range(f, value, err);
    *slot(r, f) = n;
    return 0;
}

void tito_limits_req_overlay(tito_limits_req *dst, const tito_limits_req *src)
{
    for (size_t i = 0; i < NFIELDS; i++)
        if (get(src, &FIELDS[i]) >= 0)
            *slot(dst, &FIELDS[i]) = get(src, &FIELDS[i]);
}

void tito_limits_apply(tito_limits *l, const tito_limits_req *r)
{
    if (r->timeout_s >= 0)
        l->timeout_ms = (int)(r->timeout_s * 1000);
    /* The CPU time of all the job's processes together may reach the wall
     * clock times this machine's CPUs: a job busy on every core (numpy's BLAS
     * threads) is not cut short before its wall-clock limit, and the cap still
     * bounds a job whose wall clock were somehow not enforced. */
    if (l->timeout_ms > 0) {
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        int64_t cpu = (int64_t)l->timeout_ms * (ncpu > 0 ? ncpu : 1);
        l->cpu_ms = cpu < INT_MAX ? (int)cpu : INT_MAX;
    }
    if (r->memory_mb >= 0)
        l->memory_bytes = r->memory_mb << 20;
    if (r->pids >= 0)
        l->pids = (int)r->pids;
    if (r->output_kb >= 0)
        l->output_bytes = r->output_kb << 10;
    if (r->disk_mb >= 0)
        l->disk_bytes = r->disk_mb << 20;
}

tito_json *tito_limits_req_to_json(const tito_limits_req *r)
{
    tito_json *o = tito_json_new_object();
    for (size_t i = 0; o && i < NFIELDS; i++) {
        int64_t v = get(r, &FIELDS[i]);
        if (v >= 0 && tito_json_object_set(o, FIELDS[i].key, tito_json_new_int(v)) < 0) {
            tito_json_free(o);
            return NULL;
        }
    }
    return o;
}

int tito_limits_req_from_json(tito_limits_req *r, const tito_json *j, tito_error *err)
{
    if (!j || tito_json_type_of(j) != TITO_JSON_OBJECT)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "limits must be an object, not %s",
                              j ? tito_json_type_name(tito_json_type_of(j)) : "nothing");
    for (size_t i = 0; i < NFIELDS; i++) {
        const tito_json *v = tito_json_get(j, FIELDS[i].key);
        int64_t n;
        if (!v || tito_json_type_of(v) == TITO_JSON_NULL)
            continue;
        if (tito_json_type_of(v) != TITO_JSON_INT)
            return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                                  "%s must be a whole number of %s from %lld to %lld, not a JSON %s",
                                  FIELDS[i].key, FIELDS[i].unit, (long long)FIELDS[i].min,
                                  (long long)FIELDS[i].max, tito_json_type_name(tito_json_type_of(v)));
        if (tito_json_int64(v, &n) < 0)
            return out_of_range(&FIELDS[i], tito_json_int_text(v), err);
        int error = tito_limits_req_set_int(r, FIELDS[i].key, n, err);
        if (error < 0)
            return error;
    }
    return 0;
}

tito_json *tito_limits_to_json(const tito_limits *l)
{
    tito_json *o = tito_json_new_object();
    if (!o)
        return NULL;
    int failed = 0;
    failed |= tito_json_object_set(o, "timeout_s", tito_json_new_int(l->timeout_ms / 1000)) < 0;
    failed |= tito_json_object_set(o, "cpu_s", tito_json_new_int(l->cpu_ms / 1000)) < 0;
    failed |= tito_json_object_set(o, "memory_mb", tito_json_new_int(l->memory_bytes >> 20)) < 0;
    failed |= tito_json_object_set(o, "pids", tito_json_new_int(l->pids)) < 0;
    failed |= tito_json_object_set(o, "output_kb", tito_json_new_int(l->output_bytes >> 10)) < 0;
    failed |= tito_json_object_set(o, "disk_mb", tito_json_new_int(l->disk_bytes >> 20)) < 0;
    if (failed) {
        tito_json_free(o);
        return NULL;
    }
    return o;
}

void tito_limits_describe(char *buf, size_t n, const tito_limits *l)
{
    char t[32] = "none", m[32] = "none", p[32] = "no limit on processes", d[32] = "none";
    if (l->timeout_ms > 0)
        snprintf(t, sizeof(t), "%d s", l->timeout_ms / 1000);
    if (l->memory_bytes > 0)
        snprintf(m, sizeof(m), "%lld MB", (long long)(l->memory_bytes >> 20));
    if (l->pids > 0)
        snprintf(p, sizeof(p), "%d processes", l->pids);
    if (l->disk_bytes > 0)
        snprintf(d, sizeof(d), "%lld MB", (long long)(l->disk_bytes >> 20));
    long long out_kb = (l->output_bytes > 0 ? l->output_bytes : (int64_t)1 << 20) >> 10;
    snprintf(buf, n, "time %s, memory %s, %s, output %lld KB per stream, disk %s", t, m, p, out_kb, d);
}

int tito_limits_flag(tito_limits_req *r, int argc, char **argv, int *i, tito_error *err)
{
    const char *a = argv[*i];
    for (size_t k = 0; k < NFIELDS; k++) {
        const field *f = &FIELDS[k];
        size_t n = strlen(f->flag);
        const char *v;
        if (strncmp(a, f->flag, n) || (a[n] != '\0' && a[n] != '='))
            continue;
        if (a[n] == '=')
            v = a + n + 1;
        else
            v = *i + 1 < argc ? argv[++*i] : NULL;
        tito_error scratch = TITO_ERROR_INIT;
        if (v && tito_limits_req_set(r, f->key, v, &scratch) == 0)
            return 1;
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG,
                              "%s takes a whole number of %s from %lld to %lld, %s%.64s%s", f->flag,
                              f->unit, (long long)f->min, (long long)f->max, v ? "not '" : "but none was given",
                              v ? v : "", v ? "'" : "");
    }
    return 0;
}

int tito_limits_is_module_section(const char *section)
{
    return !strncmp(section, "limits.", 7) && section[7];
}

/* Does section suffix `want` name the module folder `module` ("07_training")? */
static int names_module(const char *want, const char *module)
{
    if (!strcmp(want, module))
        return 1;
    size_t nd = strspn(module, "0123456789");
    if (nd == 0)
        return 0;
    if (module[nd] == '_' && !strcmp(want, module + nd + 1))
        return 1;
    /* Numbers compare by value: "7", "07" and "007" name 07_training. */
    size_t wd = strspn(want, "0123456789");
    if (wd == 0 || want[wd])
        return 0;
    while (wd > 1 && *want == '0')
        want++, wd--;
    const char *m = module;
    while (nd > 1 && *m == '0')
        m++, nd--;
    return wd == nd && !strncmp(want, m, nd);
}

/* One [limits.M] section as it appears in the file (a header given twice is
 * two entries): applied in file order, so the later of two sections naming
 * the same module wins, as within one section the later key does. */
typedef struct module_section {
    char *name; /* M */
    tito_limits_req req;
} module_section;

struct tito_limits_course {
    tito_limits_req base;
    module_section *sections;
    size_t n;
};

struct course_ctx {
    tito_limits_course *lc;
    tito_error *err;
    char where[96];
    int failed; /* 0, TITO_EINVALID (a bad setting) or TITO_ENOMEM */
};

static int on_course_ini(void *user, const char *section, const char *key, const char *value)
{
    struct course_ctx *ctx = user;
    tito_limits_course *lc = ctx->lc;
    tito_limits_req *into;
    if (ctx->failed)
        return 0;
    if (!strcmp(section, "limits")) {
        into = &lc->base;
    } else if (tito_limits_is_module_section(section)) {
        /* A new entry unless this key continues the section just read. */
        if (lc->n == 0 || strcmp(lc->sections[lc->n - 1].name, section + 7) != 0) {
            module_section *grown = realloc(lc->sections, (lc->n + 1) * sizeof(*grown));
            char *name = strdup(section + 7);
            if (grown)
                lc->sections = grown;
            if (!grown || !name) {
                free(name);
                tito_error_set(ctx->err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                ctx->failed = TITO_ENOMEM;
                return 0;
            }
            tito_limits_req unset = TITO_LIMITS_REQ_INIT;
            lc->sections[lc->n].name = name;
            lc->sections[lc->n].req = unset;
            lc->n++;
        }
        /* Sections of every module are checked now: a typo should not wait
         * for the day its module is graded. */
        into = &lc->sections[lc->n - 1].req;
    } else {
        return 1;
    }
    if (tito_limits_req_set(into, key, value, ctx->err) < 0) {
        snprintf(ctx->where, sizeof(ctx->where), "[%.80s]", section);
        ctx->failed = TITO_EINVALID;
        return 0;
    }
    return 1;
}

void tito_limits_course_free(tito_limits_course *lc)
{
    if (!lc)
        return;
    for (size_t i = 0; i < lc->n; i++)
        free(lc->sections[i].name);
    free(lc->sections);
    free(lc);
}

int tito_limits_course_load(tito_limits_course **out, const char *course_dir, tito_error *err)
{
    tito_limits_req unset = TITO_LIMITS_REQ_INIT;
    tito_limits_course *lc = calloc(1, sizeof(*lc));
    size_t n = strlen(course_dir) + sizeof("/tito.ini");
    char *path = malloc(n);
    FILE *f = NULL;
    int error = 0;

    *out = NULL;
    if (!lc || !path) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    lc->base = unset;
    snprintf(path, n, "%s/tito.ini", course_dir);
    if (!(f = fopen(path, "r"))) {
        if (errno != ENOENT)
            error = tito_error_set_os(err, TITO_EIO, "cannot read %s", path);
        goto cleanup;
    }
    struct course_ctx ctx = {lc, err, "", 0};
    int line = ini_parse_file(f, on_course_ini, &ctx);
    if (ctx.failed) {
        if (ctx.failed == TITO_EINVALID)
            tito_error_prefix(err, "%s: %s", path, ctx.where);
        error = ctx.failed;
    } else if (line != 0) {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "%s: line %d: syntax error", path, line);
    }
cleanup:
    if (f)
        fclose(f);
    free(path);
    if (error == 0)
        *out = lc;
    else
        tito_limits_course_free(lc);
    return error;
}

void tito_limits_course_apply(const tito_limits_course *lc, const char *module, tito_limits_req *r)
{
    tito_limits_req_overlay(r, &lc->base);
    for (size_t i = 0; module && i < lc->n; i++)
        if (names_module(lc->sections[i].name, module))
            tito_limits_req_overlay(r, &lc->sections[i].req);
}

int tito_limits_load_course(tito_limits_req *r, const char *course_dir, const char *module, tito_error *err)
{
    tito_limits_course *lc = NULL;
    int error = tito_limits_course_load(&lc, course_dir, err);
    if (error == 0)
        tito_limits_course_apply(lc, module, r);
    tito_limits_course_free(lc);
    return error;
}
