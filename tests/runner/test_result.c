/* tito_result: outcome names, add_test, and the JSON encoder/decoder pair. */
#include <criterion/criterion.h>
#include <string.h>

#include "job/result.h"

Test(result, outcome_names_round_trip)
{
    static const char *names[] = {"passed", "failed", "error", "timeout", "memory_limit", "output_limit",
                                  "signaled", "violation", "infra_error", "blocked", "skipped"};
    for (int i = 0; i <= TITO_OUTCOME_SKIPPED; i++) {
        cr_expect_str_eq(tito_outcome_str((tito_outcome)i), names[i]);
        tito_outcome o;
        cr_expect_eq(tito_outcome_parse(&o, names[i]), 0);
        cr_expect_eq((int)o, i);
    }
    tito_outcome o;
    cr_expect_eq(tito_outcome_parse(&o, "PASSED"), TITO_EINVALID);
    cr_expect_eq(tito_outcome_parse(&o, NULL), TITO_EINVALID);
}

Test(result, new_is_fail_closed)
{
    tito_result *r = NULL;
    cr_assert_eq(tito_result_new(&r), 0);
    cr_expect_eq(r->outcome, TITO_OUTCOME_ERROR);
    cr_expect_eq(r->exit_code, -1);
    tito_result_free(r);
    tito_result_free(NULL);
}

Test(result, json_round_trip)
{
    tito_result *r = NULL, *back = NULL;
    tito_json *j = NULL, *j2 = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_result_new(&r), 0);
    r->outcome = TITO_OUTCOME_FAILED;
    r->message = strdup("1 of 2 tests failed");
    r->exit_code = 0;
    r->term_signal = 0;
    r->duration_ms = 1234.5;
    r->log = strdup("line\n\xe2\x9c\x85 unicode\n");
    r->py_path = strdup("modules/01_tensor/01_tensor.py");
    r->sandboxed = 1;
    r->exports = calloc(2, sizeof *r->exports);
    r->exports[0] = strdup("tinytorch/core/tensor.py");
    r->exports[1] = strdup("tinytorch/_modidx.py");
    r->nexports = 2;
    r->limits = tito_json_new_object();
    tito_json_object_set(r->limits, "timeout_s", tito_json_new_int(600));
    cr_assert_eq(tito_result_add_test(r, "test_a", TITO_OUTCOME_PASSED, 1.5, NULL, 10, 10), 0);
    cr_assert_eq(tito_result_add_test(r, "test_b", TITO_OUTCOME_FAILED, 2.25, "AssertionError: x", 0, 5), 0);

    cr_assert_eq(tito_result_to_json(&j, r, &err), 0, "%s", err.message);
    tito_buf b = TITO_BUF_INIT;
    tito_json_write(&b, j, 0);
    cr_expect(strstr(b.ptr, "\"outcome\":\"failed\"") != NULL, "%s", b.ptr);
    tito_buf_dispose(&b);

    /* through text, as the store and the wire see it */
    tito_buf text = TITO_BUF_INIT;
    tito_json_write(&text, j, 2);
    cr_assert_eq(tito_json_parse(&j2, text.ptr, text.len, &err), 0, "%s", err.message);
    tito_buf_dispose(&text);
    cr_assert_eq(tito_result_from_json(&back, j2, &err), 0, "%s", err.message);
    cr_expect_eq(back->outcome, TITO_OUTCOME_FAILED);
    cr_expect_str_eq(back->message, "1 of 2 tests failed");
    cr_expect_eq(back->exit_code, 0);
    cr_expect_float_eq(back->duration_ms, 1234.5, 1e-9);
    cr_expect_str_eq(back->log, r->log);
    cr_expect_str_eq(back->py_path, r->py_path);
    cr_expect_eq(back->sandboxed, 1);
    cr_assert_eq(back->nexports, 2);
    cr_expect_str_eq(back->exports[1], "tinytorch/_modidx.py");
    cr_assert_eq(back->ntests, 2);
    cr_expect_str_eq(back->tests[1].name, "test_b");
    cr_expect_eq(back->tests[1].outcome, TITO_OUTCOME_FAILED);
    cr_expect_str_eq(back->tests[1].message, "AssertionError: x");
    cr_expect_null(back->tests[0].message);
    cr_expect_float_eq(back->tests[0].points, 10, 1e-9);
    cr_expect_float_eq(back->tests[1].max_points, 5, 1e-9);
    cr_expect_float_eq(back->tests[1].duration_ms, 2.25, 1e-9);
    cr_expect_eq(tito_json_int64(tito_json_get(back->limits, "timeout_s"), &(int64_t){0}), 0);

    tito_result_free(r);
    tito_result_free(back);
    tito_json_free(j);
    tito_json_free(j2);
}

static int decode(const char *text, tito_result **out, tito_error *err)
{
    tito_json *j = NULL;
    cr_assert_eq(tito_json_parse(&j, text, strlen(text), err), 0, "%s", err->message);
    int rc = tito_result_from_json(out, j, err);
    tito_json_free(j);
    return rc;
}

Test(result, decoder_rejects_bad_input_and_ignores_unknown_keys)
{
    tito_result *r = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_expect_eq(decode("[]", &r, &err), TITO_EINVALID);
    cr_expect_null(r);
    cr_expect_eq(decode("{}", &r, &err), TITO_EINVALID);
    cr_expect(strstr(err.message, "outcome") != NULL, "%s", err.message);
    cr_expect_eq(decode("{\"outcome\": \"great\"}", &r, &err), TITO_EINVALID);
    cr_expect_eq(decode("{\"outcome\": \"passed\", \"tests\": [{\"name\": \"t\", \"outcome\": \"nope\"}]}", &r, &err),
                 TITO_EINVALID);
    cr_expect_eq(decode("{\"outcome\": \"passed\", \"tests\": [{\"outcome\": \"passed\"}]}", &r, &err),
                 TITO_EINVALID);
    cr_expect_eq(decode("{\"outcome\": \"passed\", \"message\": 3}", &r, &err), TITO_EINVALID);
    cr_expect_eq(decode("{\"outcome\": \"passed\", \"exports\": [1]}", &r, &err), TITO_EINVALID);
    cr_expect_null(r);
    cr_expect_eq(decode("{\"outcome\": \"timeout\", \"future_field\": {\"x\": 1}}", &r, &err), 0);
    cr_expect_eq(r->outcome, TITO_OUTCOME_TIMEOUT);
    cr_expect_eq(r->exit_code, -1);
    cr_expect_eq(r->ntests, 0);
    tito_result_free(r);
}
