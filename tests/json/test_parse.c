/* Parser semantics and error messages. Python reference behaviour noted per
 * test where it matters. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"

static tito_json *parse_ok(const char *s)
{
    tito_json *v = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_json_parse(&v, s, strlen(s), &err);
    cr_assert_eq(rc, 0, "<%s>: %s", s, err.message);
    return v;
}

static void expect_error(const char *s, size_t len, const char *message)
{
    tito_json *v = (tito_json *)0x1;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_json_parse(&v, s, len, &err);
    cr_expect_eq(rc, TITO_EINVALID);
    cr_expect_null(v);
    cr_expect_str_eq(err.message, message);
    cr_expect_eq(err.code, TITO_EINVALID);
}

#define EXPECT_ERROR(s, msg) expect_error((s), sizeof(s) - 1, (msg))

Test(json_parse, error_positions_are_line_and_character_column)
{
    EXPECT_ERROR("{\n  \"a\": 1\n  \"b\": 2}", "line 3, column 3: expected ',' or '}'");
    EXPECT_ERROR("[1 2]", "line 1, column 4: expected ',' or ']'");
    /* columns count characters, not bytes: "é" is one column */
    EXPECT_ERROR("[\"\xc3\xa9\xc3\xa9\" x]", "line 1, column 7: expected ',' or ']'");
    EXPECT_ERROR("{\"a\" 1}", "line 1, column 6: expected ':'");
    EXPECT_ERROR("{\"a\":1,}", "line 1, column 8: expected a property name in double quotes");
    EXPECT_ERROR("[1,]", "line 1, column 4: expected a value");
    EXPECT_ERROR("[1] x", "line 1, column 5: unexpected data after the JSON value");
    EXPECT_ERROR("\n\n  \"abc", "line 3, column 3: unterminated string");
    EXPECT_ERROR("\"a\tb\"", "line 1, column 3: invalid control character in string (escape it, e.g. \\n or \\t)");
    EXPECT_ERROR("\"\\x\"", "line 1, column 2: invalid escape in string");
    EXPECT_ERROR("\"\\u12g4\"", "line 1, column 2: invalid \\uXXXX escape");
}

Test(json_parse, empty_truncated_and_whitespace)
{
    EXPECT_ERROR("", "line 1, column 1: empty input");
    EXPECT_ERROR(" \n ", "line 2, column 2: no JSON value, only whitespace");
    EXPECT_ERROR("{\"cells\": [1, 2", "line 1, column 16: unexpected end of input (truncated file?)");
    EXPECT_ERROR("[tru", "line 1, column 5: unexpected end of input (truncated file?)");
    EXPECT_ERROR("-", "line 1, column 2: unexpected end of input (truncated file?)");
}

Test(json_parse, rejects_invalid_utf8_and_bom)
{
    EXPECT_ERROR("[\"ok\",\n \"\xff\"]", "line 2, column 3: invalid UTF-8");
    EXPECT_ERROR("\"\xed\xa0\x80\"", "line 1, column 2: invalid UTF-8");   /* encoded surrogate */
    EXPECT_ERROR("\"\xc0\xaf\"", "line 1, column 2: invalid UTF-8");       /* overlong */
    EXPECT_ERROR("\"\xe2\x82\"", "line 1, column 2: invalid UTF-8");       /* truncated sequence */
    EXPECT_ERROR("\xef\xbb\xbf{}", "line 1, column 1: unexpected UTF-8 byte order mark (save the file without a BOM)");
}

Test(json_parse, rejects_json_c_and_javascript_extensions)
{
    EXPECT_ERROR("[1]/*c*/", "line 1, column 4: unexpected data after the JSON value");
    EXPECT_ERROR("['a']", "line 1, column 2: expected a value");
    EXPECT_ERROR("{a:1}", "line 1, column 2: expected a property name in double quotes");
    EXPECT_ERROR("nan", "line 1, column 1: expected a value");
    EXPECT_ERROR("[+1]", "line 1, column 2: expected a value");
    EXPECT_ERROR("01", "line 1, column 2: unexpected data after the JSON value");
}

Test(json_parse, nesting_1000_ok_1001_error_deep_no_crash)
{
    size_t n = 1000;
    char *s = malloc(2 * 200000 + 1);
    for (size_t i = 0; i < n; i++) {
        s[i] = '[';
        s[2 * n - 1 - i] = ']';
    }
    tito_json *v = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_json_parse(&v, s, 2 * n, &err), 0, "%s", err.message);
    tito_buf b = TITO_BUF_INIT;
    cr_assert_eq(tito_json_dumps_py(&b, v), 0);
    cr_expect_eq(b.len, 2 * n);
    tito_buf_dispose(&b);
    tito_json *c = tito_json_copy(v);
    cr_expect_not_null(c);
    tito_json_free(c);
    tito_json_free(v);

    n = 1001;
    for (size_t i = 0; i < n; i++) {
        s[i] = '[';
        s[2 * n - 1 - i] = ']';
    }
    expect_error(s, 2 * n, "line 1, column 1001: nesting deeper than 1000 levels");

    n = 200000; /* far deeper: must fail cleanly, not overflow the stack */
    for (size_t i = 0; i < n; i++)
        s[i] = i % 2 ? '[' : '{';
    v = NULL;
    cr_expect_eq(tito_json_parse(&v, s, n, &err), TITO_EINVALID);
    cr_expect_null(v);
    free(s);
}

Test(json_parse, numbers_keep_python_types)
{
    tito_json *v = parse_ok("[-0, 123456789012345678901234567890, 1.0, 1e2, 7, NaN, -Infinity]");
    cr_expect_str_eq(tito_json_int_text(tito_json_at(v, 0)), "0");
    cr_expect_str_eq(tito_json_int_text(tito_json_at(v, 1)), "123456789012345678901234567890");
    int64_t x = 0;
    cr_expect_eq(tito_json_int64(tito_json_at(v, 1), &x), TITO_EINVALID);
    cr_expect_eq(tito_json_type_of(tito_json_at(v, 2)), TITO_JSON_FLOAT);
    cr_expect_eq(tito_json_type_of(tito_json_at(v, 3)), TITO_JSON_FLOAT);
    cr_expect_eq(tito_json_int64(tito_json_at(v, 4), &x), 0);
    cr_expect_eq(x, 7);
    cr_expect_float_eq(tito_json_float(tito_json_at(v, 4)), 7.0, 1e-12);
    cr_expect(isnan(tito_json_float(tito_json_at(v, 5))));
    cr_expect(isinf(tito_json_float(tito_json_at(v, 6))) && tito_json_float(tito_json_at(v, 6)) < 0);
    cr_expect_null(tito_json_int_text(tito_json_at(v, 2)));
    tito_json_free(v);

    /* Python 3.11 refuses int strings over 4300 digits */
    char big[4302];
    memset(big, '7', sizeof(big));
    tito_json *w = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_expect_eq(tito_json_parse(&w, big, 4300, &err), 0);
    cr_expect_eq(strlen(tito_json_int_text(w)), 4300);
    tito_json_free(w);
    w = NULL;
    cr_expect_eq(tito_json_parse(&w, big, 4301, &err), TITO_EINVALID);
    cr_expect_str_eq(err.message, "line 1, column 1: integer has more than 4300 digits (Python refuses to read it)");
}

Test(json_parse, duplicate_key_last_value_first_position)
{
    tito_json *v = parse_ok("{\"a\": 1, \"b\": 2, \"a\": {\"x\": 3}}");
    cr_assert_eq(tito_json_len(v), 2);
    cr_expect_str_eq(tito_json_key_at(v, 0, NULL), "a");
    cr_expect_str_eq(tito_json_key_at(v, 1, NULL), "b");
    cr_expect_eq(tito_json_type_of(tito_json_get(v, "a")), TITO_JSON_OBJECT);
    tito_json_free(v);
}

Test(json_parse, strings_with_nul_and_surrogates)
{
    tito_json *v = parse_ok("{\"k\\u0000ey\": \"a\\u0000b\", \"s\": \"\\ud83d\\ude00\"}");
    size_t klen = 0, len = 0;
    const char *k = tito_json_key_at(v, 0, &klen);
    cr_expect_eq(klen, 4);
    cr_expect(memcmp(k, "k\0ey", 4) == 0);
    const char *s = tito_json_string(tito_json_at(v, 0), &len);
    cr_expect_eq(len, 3);
    cr_expect(memcmp(s, "a\0b", 3) == 0);
    cr_expect_str_eq(tito_json_get_string(v, "s"), "\xf0\x9f\x98\x80");
    cr_expect_null(tito_json_get_string(v, "missing"));
    tito_json_free(v);
}

Test(json_parse, type_names_and_accessors_on_wrong_types)
{
    cr_expect_str_eq(tito_json_type_name(TITO_JSON_OBJECT), "object");
    cr_expect_str_eq(tito_json_type_name(TITO_JSON_ARRAY), "array");
    cr_expect_str_eq(tito_json_type_name(TITO_JSON_STRING), "string");
    cr_expect_str_eq(tito_json_type_name(TITO_JSON_BOOL), "boolean");
    tito_json *v = parse_ok("[true, \"s\"]");
    cr_expect_eq(tito_json_bool(tito_json_at(v, 0)), 1);
    cr_expect_eq(tito_json_bool(tito_json_at(v, 1)), 0);
    cr_expect_null(tito_json_string(tito_json_at(v, 0), NULL));
    cr_expect_null(tito_json_get(v, "x"));
    cr_expect_null(tito_json_at(v, 2));
    cr_expect_null(tito_json_key_at(v, 0, NULL));
    cr_expect_eq(tito_json_len(tito_json_at(v, 1)), 0);
    tito_json_free(v);
    tito_json_free(NULL);
}

/* The arena parse (nb.c's) builds the same tree and reports the same errors
 * as tito_json_parse. */
#include "json/json_private.h"

static void expect_same_in_arena(const char *s)
{
    tito_json *a = NULL, *b = NULL;
    tito_json__arena *arena = NULL;
    tito_error ea = TITO_ERROR_INIT, eb = TITO_ERROR_INIT;
    int ra = tito_json_parse(&a, s, strlen(s), &ea);
    int rb = tito_json__parse_arena(&b, s, strlen(s), &eb, &arena);
    cr_expect_eq(ra, rb, "<%s>", s);
    if (ra == 0) {
        tito_buf da = TITO_BUF_INIT, db = TITO_BUF_INIT;
        tito_json_dumps_py(&da, a);
        tito_json_dumps_py(&db, b);
        cr_expect_str_eq(tito_buf_cstr(&db), tito_buf_cstr(&da), "<%s>", s);
        tito_buf_dispose(&da);
        tito_buf_dispose(&db);
    } else {
        cr_expect_null(b);
        cr_expect_str_eq(eb.message, ea.message);
    }
    tito_json_free(a);
    tito_json__arena_free(arena);
}

Test(json_parse, arena_tree_matches_malloc_tree)
{
    expect_same_in_arena("{\"a\": [1, 2.5, -0, 1e400, NaN, -Infinity, true, false, null], \"b\": {}}");
    expect_same_in_arena("{\"k\": 1, \"k\": \"x\\ny\\u00e9\\ud83d\\ude00\\udfff\", \"j\": [[], [[]]]}");
    expect_same_in_arena("[\"a\\u0000b\", \"\", 123456789012345678901234567890]");
    /* 40 members (hash index) with a duplicate, and a long array */
    tito_buf b = TITO_BUF_INIT;
    tito_buf_puts(&b, "{");
    for (int i = 0; i < 40; i++)
        tito_buf_printf(&b, "\"m%d\": [%d, \"%*s\"], ", i % 37, i, i * 50, "x");
    tito_buf_puts(&b, "\"last\": [");
    for (int i = 0; i < 3000; i++)
        tito_buf_printf(&b, "%s%d", i ? ", " : "", i);
    tito_buf_puts(&b, "]}");
    expect_same_in_arena(tito_buf_cstr(&b));
    tito_buf_dispose(&b);
    expect_same_in_arena("{\"a\": [1, 2");
    expect_same_in_arena("{\"a\": tru}");
    expect_same_in_arena("[1] 2");
    expect_same_in_arena("{\"a\" 1}");
    expect_same_in_arena("\"\\x\"");
}

/* The block-wise string scan (16 and 8 bytes at a time) must find an escape,
 * the closing quote or a raw control character wherever it falls. */
Test(json_parse, string_scan_any_alignment)
{
    static const char *const fillers[] = {"x", "\xc3\xa9", "\xe2\x94\x80", " "};
    char in[512], want[512];
    for (size_t fi = 0; fi < 4; fi++)
        for (size_t k = 0; k <= 40; k++)
            for (size_t m = 0; m <= 20; m += 10) {
                size_t fl = strlen(fillers[fi]), n = 0, w = 0;
                in[n++] = '"';
                for (size_t i = 0; i < k; i++, n += fl, w += fl) {
                    memcpy(in + n, fillers[fi], fl);
                    memcpy(want + w, fillers[fi], fl);
                }
                memcpy(in + n, "\\n", 2);
                n += 2;
                want[w++] = '\n';
                for (size_t i = 0; i < m; i++, n += fl, w += fl) {
                    memcpy(in + n, fillers[fi], fl);
                    memcpy(want + w, fillers[fi], fl);
                }
                in[n++] = '"';
                tito_json *v = NULL;
                tito_error err = TITO_ERROR_INIT;
                cr_assert_eq(tito_json_parse(&v, in, n, &err), 0, "%s", err.message);
                size_t len = 0;
                const char *got = tito_json_string(v, &len);
                cr_expect(len == w && memcmp(got, want, w) == 0, "filler %zu k %zu m %zu", fi, k, m);
                tito_json_free(v);
                /* a raw control character at the same place is refused */
                in[1 + k * fl] = '\t';
                cr_expect_eq(tito_json_parse(&v, in, n, &err), TITO_EINVALID);
            }
}
