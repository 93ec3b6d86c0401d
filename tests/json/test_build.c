/* Building and editing trees through the API; writers. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"

static char *dump(const tito_json *v, int py, int indent)
{
    tito_buf b = TITO_BUF_INIT;
    int rc = py ? tito_json_dumps_py(&b, v) : tito_json_write(&b, v, indent);
    cr_assert_eq(rc, 0);
    return tito_buf_detach(&b, NULL);
}

Test(json_build, set_replace_remove_take_keep_order)
{
    tito_json *o = tito_json_new_object();
    cr_assert_eq(tito_json_object_set(o, "z", tito_json_new_int(1)), 0);
    cr_assert_eq(tito_json_object_set(o, "a", tito_json_new_string("x")), 0);
    cr_assert_eq(tito_json_object_set(o, "m", tito_json_new_null()), 0);
    cr_assert_eq(tito_json_object_set(o, "z", tito_json_new_bool(1)), 0);
    char *s = dump(o, 1, 0);
    cr_expect_str_eq(s, "{\"z\": true, \"a\": \"x\", \"m\": null}");
    free(s);
    cr_expect_eq(tito_json_object_remove(o, "a"), 0);
    cr_expect_eq(tito_json_object_remove(o, "a"), TITO_ENOTFOUND);
    tito_json *t = NULL;
    cr_expect_eq(tito_json_object_take(o, "z", &t), 0);
    cr_expect_eq(tito_json_bool(t), 1);
    tito_json_free(t);
    cr_expect_eq(tito_json_object_take(o, "z", &t), TITO_ENOTFOUND);
    cr_expect_null(t);
    s = dump(o, 1, 0);
    cr_expect_str_eq(s, "{\"m\": null}");
    free(s);
    /* wrong container type: value is freed (ownership taken), error returned */
    cr_expect_eq(tito_json_array_append(o, tito_json_new_int(3)), TITO_EINVALID);
    tito_json_free(o);
}

Test(json_build, large_object_uses_index_and_stays_consistent)
{
    tito_json *o = tito_json_new_object();
    char key[32];
    const size_t n = 100000;
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof(key), "k%zu", i);
        cr_assert_eq(tito_json_object_set(o, key, tito_json_new_int((int64_t)i)), 0);
    }
    cr_assert_eq(tito_json_len(o), n);
    for (size_t i = 0; i < n; i += 997) {
        snprintf(key, sizeof(key), "k%zu", i);
        int64_t x = -1;
        cr_assert_eq(tito_json_int64(tito_json_get(o, key), &x), 0);
        cr_assert_eq(x, (int64_t)i);
    }
    /* removal shifts positions; lookups must still find the right member */
    for (size_t i = 0; i < 50; i++) {
        snprintf(key, sizeof(key), "k%zu", i * 3);
        cr_assert_eq(tito_json_object_remove(o, key), 0);
    }
    cr_expect_null(tito_json_get(o, "k3"));
    int64_t x = 0;
    cr_expect_eq(tito_json_int64(tito_json_get(o, "k4"), &x), 0);
    cr_expect_eq(x, 4);
    cr_expect_str_eq(tito_json_key_at(o, 0, NULL), "k1");
    tito_json *c = tito_json_copy(o);
    cr_expect_eq(tito_json_len(c), n - 50);
    cr_expect_not_null(tito_json_get(c, "k99999"));
    tito_json_free(c);
    tito_json_free(o);
}

Test(json_build, write_compact_and_indented)
{
    tito_json *v = NULL;
    tito_error err = TITO_ERROR_INIT;
    const char *in = "{\"a\": [1, 2.5, NaN, Infinity, \"\xc3\xa9\"], \"b\": {}, \"c\": [], \"d\": {\"e\": null}}";
    cr_assert_eq(tito_json_parse(&v, in, strlen(in), &err), 0, "%s", err.message);
    char *s = dump(v, 0, 0);
    cr_expect_str_eq(s, "{\"a\":[1,2.5,null,null,\"\\u00e9\"],\"b\":{},\"c\":[],\"d\":{\"e\":null}}");
    free(s);
    s = dump(v, 0, 1);
    /* python3 -c 'import json; print(json.dumps({"a": [1, 2.5, None, None, "é"], "b": {}, "c": [], "d": {"e": None}}, indent=1))' */
    cr_expect_str_eq(s, "{\n \"a\": [\n  1,\n  2.5,\n  null,\n  null,\n  \"\\u00e9\"\n ],\n \"b\": {},\n \"c\": [],\n \"d\": {\n  \"e\": null\n }\n}");
    free(s);
    s = dump(v, 1, 0);
    cr_expect_str_eq(s, "{\"a\": [1, 2.5, NaN, Infinity, \"\\u00e9\"], \"b\": {}, \"c\": [], \"d\": {\"e\": null}}");
    free(s);
    tito_json_free(v);
}

Test(json_build, constructors_and_non_utf8_bytes)
{
    tito_json *a = tito_json_new_array();
    tito_json_array_append(a, tito_json_new_int(-9223372036854775807LL - 1));
    tito_json_array_append(a, tito_json_new_int_text("18446744073709551616"));
    tito_json_array_append(a, tito_json_new_float(-0.0));
    tito_json_array_append(a, tito_json_new_float(1e-7));
    tito_json_array_append(a, tito_json_new_stringn("a\0\xff", 3));
    tito_json_array_append(a, tito_json_new_string(""));
    char *s = dump(a, 1, 0);
    cr_expect_str_eq(s, "[-9223372036854775808, 18446744073709551616, -0.0, 1e-07, \"a\\u0000\\ufffd\", \"\"]");
    free(s);
    int64_t x;
    cr_expect_eq(tito_json_int64(tito_json_at(a, 0), &x), 0);
    cr_expect_eq(x, INT64_MIN);
    cr_expect_eq(tito_json_int64(tito_json_at(a, 1), &x), TITO_EINVALID);
    tito_json_free(a);
}

Test(json_build, float_repr_specials)
{
    char b[32];
    tito_json_float_repr(b, sizeof(b), NAN);
    cr_expect_str_eq(b, "nan");
    tito_json_float_repr(b, sizeof(b), -INFINITY);
    cr_expect_str_eq(b, "-inf");
    tito_json_float_repr(b, sizeof(b), 2.0);
    cr_expect_str_eq(b, "2.0");
    tito_json_float_repr(b, sizeof(b), 1e16);
    cr_expect_str_eq(b, "1e+16");
    tito_json_float_repr(b, sizeof(b), 1e-5);
    cr_expect_str_eq(b, "1e-05");
}
