/* tito_job: the one encoder and the one decoder of the job wire format.
 *
 * Wire form (compact JSON object; the encoder writes the keys in this order
 * and null for absent shas):
 *
 *   {"id": "r1-01_tensor", "run_id": "1", "kind": "complete", "student": "",
 *    "module": "01_tensor", "submission": null | "<sha256>",
 *    "course": "<sha256>", "deps": "solution" | "own", "deps_sha": null | "<sha256>",
 *    "skip_tests": false, "skip_export": false,
 *    "limits": {"timeout_s": 60, "memory_mb": 512, ...}, "attempt": 0}
 *
 * Decoding is strict about what it understands: a job with a missing id, an
 * unknown kind or a field of the wrong type is rejected with TITO_EINVALID and
 * a message naming the field, because a worker must never run something it
 * half understood. Unknown keys are ignored so a newer coordinator can add
 * fields without stopping older workers. Optional keys and their defaults:
 * kind "complete", student "", submission/deps_sha null, deps "solution",
 * skip_* false, limits {} (each limit absent: the worker's configured one;
 * limits/limits.h), attempt 0. A top-level "timeout_s" (the wire format
 * before "limits") is read as limits.timeout_s; 0 there means unset.
 * "module" and "course" are required for kind "complete" only. */
#include "job/job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest id/module/student we accept: they end up in file names and rows. */
#define MAX_NAME 256

int tito_job_new(tito_job **out)
{
    tito_job *job = calloc(1, sizeof(*job));
    tito_limits_req unset = TITO_LIMITS_REQ_INIT;
    *out = job;
    if (!job)
        return TITO_ENOMEM;
    job->limits = unset;
    return 0;
}

void tito_job_free(tito_job *job)
{
    if (!job)
        return;
    free(job->id);
    free(job->run_id);
    free(job->student);
    free(job->module);
    free(job->submission_sha);
    free(job->course_sha);
    free(job->deps_sha);
    free(job);
}

static const char *kind_str(tito_job_kind k)
{
    return k == TITO_JOB_KIND_NOOP ? "noop" : "complete";
}

static tito_json *str_or_null(const char *s)
{
    return s ? tito_json_new_string(s) : tito_json_new_null();
}

static void put(tito_json *o, const char *key, tito_json *v, int *failed)
{
    if (!v || tito_json_object_set(o, key, v) < 0)
        *failed = 1;
}

int tito_job_to_json(tito_json **out, const tito_job *job, tito_error *err)
{
    tito_json *o = NULL;
    int failed = 0;

    *out = NULL;
    if (!job || !job->id)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "job: 'id' is missing");
    if (!(o = tito_json_new_object()))
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    put(o, "id", tito_json_new_string(job->id), &failed);
    put(o, "run_id", tito_json_new_string(job->run_id ? job->run_id : ""), &failed);
    put(o, "kind", tito_json_new_string(kind_str(job->kind)), &failed);
    put(o, "student", tito_json_new_string(job->student ? job->student : ""), &failed);
    put(o, "module", tito_json_new_string(job->module ? job->module : ""), &failed);
    put(o, "submission", str_or_null(job->submission_sha), &failed);
    put(o, "course", str_or_null(job->course_sha), &failed);
    put(o, "deps", tito_json_new_string(job->deps == TITO_DEPS_OWN ? "own" : "solution"), &failed);
    put(o, "deps_sha", str_or_null(job->deps_sha), &failed);
    put(o, "skip_tests", tito_json_new_bool(job->skip_tests), &failed);
    put(o, "skip_export", tito_json_new_bool(job->skip_export), &failed);
    put(o, "limits", tito_limits_req_to_json(&job->limits), &failed);
    put(o, "attempt", tito_json_new_int(job->attempt), &failed);
    if (failed) {
        tito_json_free(o);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    *out = o;
    return 0;
}

static int bad(tito_error *err, const char *key, const char *what)
{
    return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "job: '%s' %s", key, what);
}

/* A string member. required: absent/null is an error; otherwise *out stays
 * NULL. A string holding NUL bytes or longer than max is rejected: these
 * values become file names, SQL text and log lines. */
static int get_str(char **out, const tito_json *o, const char *key, int required, size_t max,
                   tito_error *err)
{
    const tito_json *v = tito_json_get(o, key);
    size_t len;
    const char *s;

    *out = NULL;
    if (!v || tito_json_type_of(v) == TITO_JSON_NULL)
        return required ? bad(err, key, "is missing") : 0;
    if (tito_json_type_of(v) != TITO_JSON_STRING) {
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "job: '%s' must be a string, not %s", key,
                              tito_json_type_name(tito_json_type_of(v)));
    }
    s = tito_json_string(v, &len);
    if (memchr(s, '\0', len))
        return bad(err, key, "contains a NUL byte");
    if (max && len > max)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "job: '%s' is longer than %zu bytes", key, max);
    *out = strdup(s);
    TITO_CHECK_ALLOC(*out, err);
    return 0;
}

static int is_sha256(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    }
    return n == 64;
}

static int get_sha(char **out, const tito_json *o, const char *key, int required, tito_error *err)
{
    int error = get_str(out, o, key, required, 64, err);
    if (error < 0)
        return error;
    if (*out && !is_sha256(*out)) {
        free(*out);
        *out = NULL;
        return bad(err, key, "is not a sha256 (64 lowercase hex digits)");
    }
    return 0;
}

static int get_bool(int *out, const tito_json *o, const char *key, tito_error *err)
{
    const tito_json *v = tito_json_get(o, key);
    *out = 0;
    if (!v || tito_json_type_of(v) == TITO_JSON_NULL)
        return 0;
    if (tito_json_type_of(v) != TITO_JSON_BOOL) {
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "job: '%s' must be a boolean, not %s", key,
                              tito_json_type_name(tito_json_type_of(v)));
    }
    *out = tito_json_bool(v);
    return 0;
}

/* A non-negative int that fits an int. */
static int get_count(int *out, const tito_json *o, const char *key, tito_error *err)
{
    const tito_json *v = tito_json_get(o, key);
    int64_t n;
    *out = 0;
    if (!v || tito_json_type_of(v) == TITO_JSON_NULL)
        return 0;
    if (tito_json_type_of(v) != TITO_JSON_INT) {
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "job: '%s' must be an integer, not %s", key,
                              tito_json_type_name(tito_json_type_of(v)));
    }
    if (tito_json_int64(v, &n) < 0 || n < 0 || n > 1000000000)
        return bad(err, key, "is out of range (0..1000000000)");
    *out = (int)n;
    return 0;
}

static int get_limits(tito_limits_req *out, const tito_json *o, tito_error *err)
{
    const tito_json *v = tito_json_get(o, "limits");
    int legacy, error;
    tito_limits_req unset = TITO_LIMITS_REQ_INIT;

    *out = unset;
    if ((error = get_count(&legacy, o, "timeout_s", err)) < 0)
        return error;
    if (legacy > 0 && (error = tito_limits_req_set_int(out, "timeout_s", legacy, err)) < 0)
        goto bad;
    if (!v || tito_json_type_of(v) == TITO_JSON_NULL)
        return 0;
    if ((error = tito_limits_req_from_json(out, v, err)) < 0)
        goto bad;
    return 0;
bad:
    tito_error_prefix(err, "job: 'limits'");
    return TITO_EINVALID;
}

/* A module name becomes a path component under modules/: no separators, no
 * "." or "..". */
static int check_module(const char *m, tito_error *err)
{
    if (!*m)
        return bad(err, "module", "is empty");
    if (strchr(m, '/') || !strcmp(m, ".") || !strcmp(m, ".."))
        return bad(err, "module", "is not a module folder name");
    return 0;
}

int tito_job_from_json(tito_job **out, const tito_json *j, tito_error *err)
{
    tito_job *job = NULL;
    char *s = NULL;
    int error;

    *out = NULL;
    if (!j || tito_json_type_of(j) != TITO_JSON_OBJECT) {
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "job: must be a JSON object, not %s",
                              j ? tito_json_type_name(tito_json_type_of(j)) : "nothing");
    }
    if (tito_job_new(&job) < 0)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");

    if ((error = get_str(&job->id, j, "id", 1, MAX_NAME, err)) < 0)
        goto cleanup;
    if (!*job->id) {
        error = bad(err, "id", "is empty");
        goto cleanup;
    }
    if ((error = get_str(&s, j, "kind", 0, MAX_NAME, err)) < 0)
        goto cleanup;
    if (!s || !strcmp(s, "complete")) {
        job->kind = TITO_JOB_KIND_COMPLETE;
    } else if (!strcmp(s, "noop")) {
        job->kind = TITO_JOB_KIND_NOOP;
    } else {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                               "job: unknown 'kind' \"%.64s\" (expected \"complete\" or \"noop\")", s);
        goto cleanup;
    }
    free(s);
    s = NULL;

    int complete = job->kind == TITO_JOB_KIND_COMPLETE;
    if ((error = get_str(&job->run_id, j, "run_id", 0, MAX_NAME, err)) < 0 ||
        (error = get_str(&job->student, j, "student", 0, MAX_NAME, err)) < 0 ||
        (error = get_str(&job->module, j, "module", complete, MAX_NAME, err)) < 0 ||
        (error = get_sha(&job->submission_sha, j, "submission", 0, err)) < 0 ||
        (error = get_sha(&job->course_sha, j, "course", complete, err)) < 0 ||
        (error = get_sha(&job->deps_sha, j, "deps_sha", 0, err)) < 0 ||
        (error = get_bool(&job->skip_tests, j, "skip_tests", err)) < 0 ||
        (error = get_bool(&job->skip_export, j, "skip_export", err)) < 0 ||
        (error = get_count(&job->attempt, j, "attempt", err)) < 0)
        goto cleanup;
    if (job->module && (complete || *job->module) && (error = check_module(job->module, err)) < 0)
        goto cleanup;
    if ((error = get_limits(&job->limits, j, err)) < 0)
        goto cleanup;

    if ((error = get_str(&s, j, "deps", 0, MAX_NAME, err)) < 0)
        goto cleanup;
    if (!s || !strcmp(s, "solution")) {
        job->deps = TITO_DEPS_SOLUTION;
    } else if (!strcmp(s, "own")) {
        job->deps = TITO_DEPS_OWN;
    } else {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                               "job: unknown 'deps' \"%.64s\" (expected \"solution\" or \"own\")", s);
        goto cleanup;
    }

    /* Absent optional strings become "" where the rest of tito expects text. */
    if (!job->run_id && !(job->run_id = strdup("")))
        goto nomem;
    if (!job->student && !(job->student = strdup("")))
        goto nomem;
    if (!job->module && !(job->module = strdup("")))
        goto nomem;

    *out = job;
    job = NULL;
    error = 0;
    goto cleanup;
nomem:
    error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
cleanup:
    free(s);
    tito_job_free(job);
    return error;
}

int tito_job_encode(char **out, const tito_job *job, tito_error *err)
{
    tito_json *j = NULL;
    tito_buf b = TITO_BUF_INIT;
    int error;

    *out = NULL;
    if ((error = tito_job_to_json(&j, job, err)) < 0)
        return error;
    if (tito_json_write(&b, j, 0) < 0 || !(*out = tito_buf_detach(&b, NULL)))
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    tito_json_free(j);
    tito_buf_dispose(&b);
    return error;
}

int tito_job_decode(tito_job **out, const char *text, size_t len, tito_error *err)
{
    tito_json *j = NULL;
    int error;

    *out = NULL;
    if (!text)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "job: no document");
    if ((error = tito_json_parse(&j, text, len, err)) < 0) {
        tito_error_prefix(err, "job: not valid JSON");
        return TITO_EINVALID;
    }
    error = tito_job_from_json(out, j, err);
    tito_json_free(j);
    return error;
}
