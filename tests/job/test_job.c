/* tito_job wire codec: round trips, defaults, and malformed documents that
 * must be rejected with a message naming the field. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job/job.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static tito_job *decode_ok(const char *text)
{
    tito_job *job = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_job_decode(&job, text, strlen(text), &err);
    cr_assert_eq(rc, 0, "decode failed: %s (%s)", err.message, text);
    cr_assert_not_null(job);
    return job;
}

/* Decoding must fail with TITO_EINVALID and a message containing want. */
static void decode_bad(const char *text, const char *want)
{
    tito_job *job = (tito_job *)0x1;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_job_decode(&job, text, strlen(text), &err);
    cr_assert_eq(rc, TITO_EINVALID, "expected EINVALID for %s, got %d", text, rc);
    cr_assert_null(job);
    cr_assert(strstr(err.message, want), "message '%s' lacks '%s' (input %s)", err.message, want,
              text);
}

Test(job_codec, round_trip_full)
{
    tito_job *job = NULL, *back = NULL;
    tito_error err = TITO_ERROR_INIT;
    char *text = NULL;

    cr_assert_eq(tito_job_new(&job), 0);
    job->id = strdup("run1-alice-01_tensor");
    job->run_id = strdup("1");
    job->kind = TITO_JOB_KIND_COMPLETE;
    job->student = strdup("alice");
    job->module = strdup("01_tensor");
    job->submission_sha = strdup(SHA_A);
    job->course_sha = strdup(SHA_B);
    job->deps_sha = strdup(SHA_A);
    job->deps = TITO_DEPS_OWN;
    job->skip_tests = 1;
    job->skip_export = 0;
    job->limits.timeout_s = 90;
    job->limits.memory_mb = 512;
    job->limits.disk_mb = 64;
    job->attempt = 2;
    cr_assert_eq(tito_job_encode(&text, job, &err), 0, "%s", err.message);
    back = decode_ok(text);
    cr_expect_str_eq(back->id, job->id);
    cr_expect_str_eq(back->run_id, "1");
    cr_expect_eq(back->kind, TITO_JOB_KIND_COMPLETE);
    cr_expect_str_eq(back->student, "alice");
    cr_expect_str_eq(back->module, "01_tensor");
    cr_expect_str_eq(back->submission_sha, SHA_A);
    cr_expect_str_eq(back->course_sha, SHA_B);
    cr_expect_str_eq(back->deps_sha, SHA_A);
    cr_expect_eq(back->deps, TITO_DEPS_OWN);
    cr_expect_eq(back->skip_tests, 1);
    cr_expect_eq(back->skip_export, 0);
    cr_expect_eq(back->limits.timeout_s, 90);
    cr_expect_eq(back->limits.memory_mb, 512);
    cr_expect_eq(back->limits.disk_mb, 64);
    cr_expect_eq(back->limits.pids, -1, "an unset limit stays unset");
    cr_expect_eq(back->limits.output_kb, -1);
    cr_expect_eq(back->attempt, 2);

    /* One encoder: encoding the decoded job gives the same bytes. */
    char *again = NULL;
    cr_assert_eq(tito_job_encode(&again, back, &err), 0);
    cr_expect_str_eq(again, text);
    free(again);
    free(text);
    tito_job_free(job);
    tito_job_free(back);
}

Test(job_codec, exact_encoding)
{
    tito_job *job = NULL;
    tito_error err = TITO_ERROR_INIT;
    char *text = NULL;
    cr_assert_eq(tito_job_new(&job), 0);
    job->id = strdup("j1");
    job->module = strdup("01_tensor");
    job->course_sha = strdup(SHA_B);
    cr_assert_eq(tito_job_encode(&text, job, &err), 0);
    cr_expect_str_eq(text, "{\"id\":\"j1\",\"run_id\":\"\",\"kind\":\"complete\",\"student\":\"\","
                           "\"module\":\"01_tensor\",\"submission\":null,\"course\":\"" SHA_B "\","
                           "\"deps\":\"solution\",\"deps_sha\":null,\"skip_tests\":false,"
                           "\"skip_export\":false,\"limits\":{},\"attempt\":0}");
    free(text);
    tito_job_free(job);
}

Test(job_codec, defaults_and_unknown_keys)
{
    tito_job *job = decode_ok("{\"id\":\"x\",\"module\":\"02_act\",\"course\":\"" SHA_B
                              "\",\"future_field\":[1,2,{}]}");
    cr_expect_eq(job->kind, TITO_JOB_KIND_COMPLETE);
    cr_expect_str_eq(job->run_id, "");
    cr_expect_str_eq(job->student, "");
    cr_expect_null(job->submission_sha);
    cr_expect_null(job->deps_sha);
    cr_expect_eq(job->deps, TITO_DEPS_SOLUTION);
    cr_expect_eq(job->skip_tests, 0);
    cr_expect(tito_limits_req_empty(&job->limits), "no limits asked: the worker's own apply");
    cr_expect_eq(job->attempt, 0);
    tito_job_free(job);
}

Test(job_codec, limits_and_the_older_timeout_field)
{
    tito_job *job = decode_ok("{\"id\":\"x\",\"module\":\"02_act\",\"course\":\"" SHA_B
                              "\",\"timeout_s\":45}");
    cr_expect_eq(job->limits.timeout_s, 45, "a job of the format before 'limits' keeps its timeout");
    cr_expect_eq(job->limits.memory_mb, -1);
    tito_job_free(job);
    job = decode_ok("{\"id\":\"x\",\"module\":\"02_act\",\"course\":\"" SHA_B
                    "\",\"timeout_s\":0,\"limits\":{\"pids\":64,\"output_kb\":null,\"later\":1}}");
    cr_expect_eq(job->limits.timeout_s, -1, "timeout_s 0 meant the worker's limit");
    cr_expect_eq(job->limits.pids, 64);
    cr_expect_eq(job->limits.output_kb, -1, "null is unset; unknown limits are ignored");
    tito_job_free(job);
    job = decode_ok("{\"id\":\"x\",\"module\":\"02_act\",\"course\":\"" SHA_B
                    "\",\"timeout_s\":30,\"limits\":{\"timeout_s\":7}}");
    cr_expect_eq(job->limits.timeout_s, 7, "'limits' wins over the older field");
    tito_job_free(job);
}

Test(job_codec, noop_needs_no_module_or_course)
{
    tito_job *job = decode_ok("{\"id\":\"n1\",\"run_id\":\"7\",\"kind\":\"noop\"}");
    cr_expect_eq(job->kind, TITO_JOB_KIND_NOOP);
    cr_expect_str_eq(job->module, "");
    cr_expect_null(job->course_sha);
    tito_job_free(job);
}

Test(job_codec, malformed)
{
    decode_bad("", "not valid JSON");
    decode_bad("{\"id\":", "not valid JSON");
    decode_bad("[1,2]", "must be a JSON object, not array");
    decode_bad("\"job\"", "must be a JSON object");
    decode_bad("{}", "'id' is missing");
    decode_bad("{\"id\":null}", "'id' is missing");
    decode_bad("{\"id\":\"\"}", "'id' is empty");
    decode_bad("{\"id\":42}", "'id' must be a string, not integer");
    decode_bad("{\"id\":\"a\\u0000b\",\"kind\":\"noop\"}", "'id' contains a NUL byte");
    decode_bad("{\"id\":\"x\",\"kind\":\"explode\"}", "unknown 'kind' \"explode\"");
    decode_bad("{\"id\":\"x\",\"kind\":3}", "'kind' must be a string");
    decode_bad("{\"id\":\"x\",\"course\":\"" SHA_B "\"}", "'module' is missing");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\"}", "'course' is missing");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"abc\"}", "'course' is not a sha256");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"submission\":\"" SHA_B
               "0\"}",
               "'submission' is longer than 64");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"submission\":7}",
               "'submission' must be a string, not integer");
    decode_bad("{\"id\":\"x\",\"module\":\"../etc\",\"course\":\"" SHA_B "\"}",
               "'module' is not a module folder name");
    decode_bad("{\"id\":\"x\",\"module\":\"..\",\"course\":\"" SHA_B "\"}",
               "'module' is not a module folder name");
    decode_bad("{\"id\":\"x\",\"module\":\"\",\"course\":\"" SHA_B "\"}", "'module' is empty");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"skip_tests\":1}",
               "'skip_tests' must be a boolean, not integer");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"timeout_s\":\"5\"}",
               "'timeout_s' must be an integer, not string");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"timeout_s\":1.5}",
               "'timeout_s' must be an integer, not number");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"timeout_s\":-1}",
               "'timeout_s' is out of range");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"limits\":[]}",
               "'limits': limits must be an object, not array");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"limits\":{\"memory_mb\":8}}",
               "'limits': memory_mb must be a whole number of MB from 32 to 1048576, not '8'");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"limits\":{\"pids\":\"9\"}}",
               "'limits': pids must be a whole number of processes from 1 to 65536, not a JSON string");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"limits\":{\"timeout_s\":0}}",
               "'limits': timeout_s must be a whole number of seconds from 1 to 86400, not '0'");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B
               "\",\"attempt\":99999999999999999999999}",
               "'attempt' is out of range");
    decode_bad("{\"id\":\"x\",\"module\":\"01_a\",\"course\":\"" SHA_B "\",\"deps\":\"theirs\"}",
               "unknown 'deps' \"theirs\"");
}

Test(job_codec, long_id_rejected)
{
    char text[1024];
    char id[300];
    memset(id, 'a', sizeof(id) - 1);
    id[sizeof(id) - 1] = '\0';
    snprintf(text, sizeof(text), "{\"id\":\"%s\",\"kind\":\"noop\"}", id);
    decode_bad(text, "'id' is longer than 256 bytes");
}

Test(job_codec, encode_requires_id)
{
    tito_job *job = NULL;
    char *text = (char *)0x1;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_job_new(&job), 0);
    cr_expect_eq(tito_job_encode(&text, job, &err), TITO_EINVALID);
    cr_expect_null(text);
    tito_job_free(job);
    tito_job_free(NULL);
}
