/* tito_result: construction and the one JSON encoder/decoder of a job result.
 *
 * Wire form (keys in this order; absent pointers are written as null):
 *   {"outcome": "passed", "message": null, "exit_code": 0, "term_signal": 0,
 *    "duration_ms": 12.5, "sandboxed": false, "py_path": "modules/..py",
 *    "exports": ["tinytorch/core/tensor.py"], "limits": {...} | null,
 *    "tests": [{"name", "outcome", "duration_ms", "message", "points", "max_points"}],
 *    "log": "..."}
 * The decoder accepts any key order, ignores unknown keys (newer writers) and
 * rejects a missing or unknown outcome. */
#include "job/result.h"

#include <stdlib.h>
#include <string.h>

static const char *const outcome_names[] = {
    "passed", "failed", "error", "timeout", "memory_limit", "output_limit",
    "signaled", "violation", "infra_error", "blocked", "skipped",
};
#define NOUTCOMES (sizeof outcome_names / sizeof outcome_names[0])

const char *tito_outcome_str(tito_outcome o)
{
    if ((unsigned)o < NOUTCOMES)
        return outcome_names[o];
    return "error";
}

int tito_outcome_parse(tito_outcome *out, const char *s)
{
    if (s != NULL) {
        for (size_t i = 0; i < NOUTCOMES; i++) {
            if (strcmp(s, outcome_names[i]) == 0) {
                *out = (tito_outcome)i;
                return 0;
            }
        }
    }
    return TITO_EINVALID;
}

int tito_result_new(tito_result **out)
{
    tito_result *r = calloc(1, sizeof *r);
    *out = r;
    if (r == NULL)
        return TITO_ENOMEM;
    r->outcome = TITO_OUTCOME_ERROR; /* fail closed until someone says otherwise */
    r->exit_code = -1;
    return 0;
}

void tito_result_free(tito_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->ntests; i++) {
        free(r->tests[i].name);
        free(r->tests[i].message);
    }
    free(r->tests);
    for (size_t i = 0; i < r->nexports; i++)
        free(r->exports[i]);
    free(r->exports);
    free(r->message);
    free(r->log);
    free(r->py_path);
    tito_json_free(r->limits);
    free(r);
}

static char *dup_or_null(const char *s, int *failed)
{
    if (s == NULL)
        return NULL;
    char *d = strdup(s);
    if (d == NULL)
        *failed = 1;
    return d;
}

int tito_result_add_test(tito_result *r, const char *name, tito_outcome outcome, double duration_ms,
                         const char *message, double points, double max_points)
{
    int failed = 0;
    char *n = dup_or_null(name != NULL ? name : "", &failed);
    char *m = dup_or_null(message, &failed);
    tito_test_result *t = failed ? NULL : realloc(r->tests, (r->ntests + 1) * sizeof *r->tests);
    if (t == NULL) {
        free(n);
        free(m);
        return TITO_ENOMEM;
    }
    r->tests = t;
    t = &r->tests[r->ntests++];
    t->name = n;
    t->outcome = outcome;
    t->duration_ms = duration_ms;
    t->message = m;
    t->points = points;
    t->max_points = max_points;
    return 0;
}

/* ---- encoding ------------------------------------------------------------ */

static tito_json *str_or_null(const char *s)
{
    return s != NULL ? tito_json_new_string(s) : tito_json_new_null();
}

/* Sets key; a NULL value (constructor out of memory) marks *failed. */
static void put(tito_json *obj, const char *key, tito_json *val, int *failed)
{
    if (val == NULL || tito_json_object_set(obj, key, val) < 0)
        *failed = 1;
}

int tito_result_to_json(tito_json **out, const tito_result *r, tito_error *err)
{
    int failed = 0;
    tito_json *o = tito_json_new_object();
    tito_json *tests = NULL, *exports = NULL;
    *out = NULL;
    if (o == NULL)
        goto cleanup;
    put(o, "outcome", tito_json_new_string(tito_outcome_str(r->outcome)), &failed);
    put(o, "message", str_or_null(r->message), &failed);
    put(o, "exit_code", tito_json_new_int(r->exit_code), &failed);
    put(o, "term_signal", tito_json_new_int(r->term_signal), &failed);
    put(o, "duration_ms", tito_json_new_float(r->duration_ms), &failed);
    put(o, "sandboxed", tito_json_new_bool(r->sandboxed), &failed);
    put(o, "py_path", str_or_null(r->py_path), &failed);

    exports = tito_json_new_array();
    if (exports == NULL)
        goto cleanup;
    for (size_t i = 0; i < r->nexports; i++) {
        tito_json *s = tito_json_new_string(r->exports[i]);
        if (s == NULL || tito_json_array_append(exports, s) < 0)
            failed = 1;
    }
    put(o, "exports", exports, &failed);
    exports = NULL;
    put(o, "limits", r->limits != NULL ? tito_json_copy(r->limits) : tito_json_new_null(), &failed);

    tests = tito_json_new_array();
    if (tests == NULL)
        goto cleanup;
    for (size_t i = 0; i < r->ntests; i++) {
        const tito_test_result *t = &r->tests[i];
        tito_json *to = tito_json_new_object();
        if (to == NULL) {
            failed = 1;
            break;
        }
        put(to, "name", tito_json_new_string(t->name != NULL ? t->name : ""), &failed);
        put(to, "outcome", tito_json_new_string(tito_outcome_str(t->outcome)), &failed);
        put(to, "duration_ms", tito_json_new_float(t->duration_ms), &failed);
        put(to, "message", str_or_null(t->message), &failed);
        put(to, "points", tito_json_new_float(t->points), &failed);
        put(to, "max_points", tito_json_new_float(t->max_points), &failed);
        if (tito_json_array_append(tests, to) < 0)
            failed = 1;
    }
    put(o, "tests", tests, &failed);
    tests = NULL;
    put(o, "log", str_or_null(r->log), &failed);

cleanup:
    tito_json_free(tests);
    tito_json_free(exports);
    if (o == NULL || failed) {
        tito_json_free(o);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    *out = o;
    return 0;
}

/* ---- decoding ------------------------------------------------------------ */

static int bad(tito_error *err, const char *what)
{
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "result: %s", what);
}

/* Optional string member: absent or null -> NULL; a non-string is an error. */
static int get_str(char **out, const tito_json *o, const char *key, tito_error *err)
{
    *out = NULL;
    const tito_json *v = tito_json_get(o, key);
    if (v == NULL || tito_json_type_of(v) == TITO_JSON_NULL)
        return 0;
    if (tito_json_type_of(v) != TITO_JSON_STRING)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "result: '%s' is not a string", key);
    *out = strdup(tito_json_string(v, NULL));
    TITO_CHECK_ALLOC(*out, err);
    return 0;
}

static int get_num(double *out, const tito_json *o, const char *key, tito_error *err)
{
    const tito_json *v = tito_json_get(o, key);
    if (v == NULL || tito_json_type_of(v) == TITO_JSON_NULL)
        return 0;
    if (tito_json_type_of(v) != TITO_JSON_INT && tito_json_type_of(v) != TITO_JSON_FLOAT)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "result: '%s' is not a number", key);
    *out = tito_json_float(v);
    return 0;
}

static int get_outcome(tito_outcome *out, const tito_json *o, tito_error *err)
{
    const char *s = tito_json_get_string(o, "outcome");
    if (s == NULL)
        return bad(err, "'outcome' is missing");
    if (tito_outcome_parse(out, s) < 0)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_JSON, "result: unknown outcome '%s'", s);
    return 0;
}

int tito_result_from_json(tito_result **out, const tito_json *j, tito_error *err)
{
    tito_result *r = NULL;
    char *name = NULL, *msg = NULL;
    int error;
    double d;
    *out = NULL;

    if (j == NULL || tito_json_type_of(j) != TITO_JSON_OBJECT)
        return bad(err, "not an object");
    if ((error = tito_result_new(&r)) < 0) {
        tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = get_outcome(&r->outcome, j, err)) < 0 || (error = get_str(&r->message, j, "message", err)) < 0 ||
        (error = get_str(&r->log, j, "log", err)) < 0 || (error = get_str(&r->py_path, j, "py_path", err)) < 0 ||
        (error = get_num(&r->duration_ms, j, "duration_ms", err)) < 0)
        goto cleanup;
    d = r->exit_code;
    if ((error = get_num(&d, j, "exit_code", err)) < 0)
        goto cleanup;
    r->exit_code = (int)d;
    d = 0;
    if ((error = get_num(&d, j, "term_signal", err)) < 0)
        goto cleanup;
    r->term_signal = (int)d;
    r->sandboxed = tito_json_bool(tito_json_get(j, "sandboxed"));

    const tito_json *lim = tito_json_get(j, "limits");
    if (lim != NULL && tito_json_type_of(lim) != TITO_JSON_NULL) {
        r->limits = tito_json_copy(lim);
        if (r->limits == NULL) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    }

    const tito_json *ex = tito_json_get(j, "exports");
    if (ex != NULL && tito_json_type_of(ex) != TITO_JSON_NULL) {
        if (tito_json_type_of(ex) != TITO_JSON_ARRAY) {
            error = bad(err, "'exports' is not an array");
            goto cleanup;
        }
        size_t n = tito_json_len(ex);
        if (n > 0) {
            r->exports = calloc(n, sizeof *r->exports);
            if (r->exports == NULL) {
                error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                goto cleanup;
            }
        }
        for (size_t i = 0; i < n; i++) {
            const char *s = tito_json_string(tito_json_at(ex, i), NULL);
            if (s == NULL) {
                error = bad(err, "'exports' holds a non-string");
                goto cleanup;
            }
            r->exports[i] = strdup(s);
            if (r->exports[i] == NULL) {
                error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                goto cleanup;
            }
            r->nexports = i + 1;
        }
    }

    const tito_json *tests = tito_json_get(j, "tests");
    if (tests != NULL && tito_json_type_of(tests) != TITO_JSON_NULL) {
        if (tito_json_type_of(tests) != TITO_JSON_ARRAY) {
            error = bad(err, "'tests' is not an array");
            goto cleanup;
        }
        for (size_t i = 0; i < tito_json_len(tests); i++) {
            const tito_json *t = tito_json_at(tests, i);
            tito_outcome oc;
            double dur = 0, pts = 0, maxp = 0;
            if (tito_json_type_of(t) != TITO_JSON_OBJECT) {
                error = bad(err, "a test is not an object");
                goto cleanup;
            }
            if ((error = get_outcome(&oc, t, err)) < 0 || (error = get_str(&name, t, "name", err)) < 0 ||
                (error = get_str(&msg, t, "message", err)) < 0 ||
                (error = get_num(&dur, t, "duration_ms", err)) < 0 ||
                (error = get_num(&pts, t, "points", err)) < 0 ||
                (error = get_num(&maxp, t, "max_points", err)) < 0)
                goto cleanup;
            if (name == NULL) {
                error = bad(err, "a test has no name");
                goto cleanup;
            }
            if ((error = tito_result_add_test(r, name, oc, dur, msg, pts, maxp)) < 0) {
                tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
                goto cleanup;
            }
            free(name);
            free(msg);
            name = msg = NULL;
        }
    }
    *out = r;
    r = NULL;
    error = 0;

cleanup:
    free(name);
    free(msg);
    tito_result_free(r);
    return error;
}
