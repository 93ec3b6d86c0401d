/* tito_yaml_dump against PyYAML 6.0: every cases/NAME.json and random/NAME.json
 * is parsed, dumped and compared byte for byte with NAME.yaml, which
 * scripts/dev/gen-yaml-cases.py produced with yaml.safe_dump(...,
 * default_flow_style=False). Plus direct tests of the resolver and the
 * scalar-style chooser. The working directory is tests/yaml (ctest). */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"
#include "jupytext/yaml.h"
#include "jupytext/yaml_private.h"
#include "util/buf.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    tito_buf b = TITO_BUF_INIT;
    char chunk[4096];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        tito_buf_put(&b, chunk, n);
    fclose(f);
    tito_buf_putc(&b, '\0'); /* an empty file still gets a buffer */
    b.len--;
    return tito_buf_detach(&b, len);
}

/* Describes the first line where got and want differ into msg. */
static void first_difference(char *msg, size_t size, const char *got, size_t got_len,
                             const char *want, size_t want_len)
{
    size_t i = 0, line = 1, line_start = 0;

    while (i < got_len && i < want_len && got[i] == want[i]) {
        if (got[i] == '\n') {
            line++;
            line_start = i + 1;
        }
        i++;
    }
    const char *g = got + line_start, *w = want + line_start;
    const char *ge = memchr(g, '\n', got_len - line_start);
    const char *we = memchr(w, '\n', want_len - line_start);
    int gl = (int)(ge ? (size_t)(ge - g) : got_len - line_start);
    int wl = (int)(we ? (size_t)(we - w) : want_len - line_start);
    snprintf(msg, size, "line %zu differs (byte %zu)\n  got:  [%.*s]\n  want: [%.*s]", line, i,
             gl > 300 ? 300 : gl, g, wl > 300 ? 300 : wl, w);
}

/* Runs one NAME.json / NAME.yaml pair; returns 1 on a match. */
static int run_case(const char *dir, const char *name)
{
    char path[1024], msg[1024];
    char *json = NULL, *want = NULL;
    size_t json_len = 0, want_len = 0;
    tito_json *v = NULL;
    tito_error err = TITO_ERROR_INIT;
    tito_buf out = TITO_BUF_INIT;
    int ok = 0, rc;

    snprintf(path, sizeof(path), "%s/%s.json", dir, name);
    json = read_file(path, &json_len);
    snprintf(path, sizeof(path), "%s/%s.yaml", dir, name);
    want = read_file(path, &want_len);
    if (!json || !want) {
        cr_log_error("%s/%s: cannot read the case files", dir, name);
        goto cleanup;
    }
    if (tito_json_parse(&v, json, json_len, &err) < 0) {
        cr_log_error("%s/%s: JSON parse failed: %s", dir, name, err.message);
        goto cleanup;
    }
    if ((rc = tito_yaml_dump(&out, v)) < 0) {
        cr_log_error("%s/%s: tito_yaml_dump returned %d", dir, name, rc);
        goto cleanup;
    }
    if (out.len != want_len || memcmp(out.ptr, want, want_len) != 0) {
        first_difference(msg, sizeof(msg), tito_buf_cstr(&out), out.len, want, want_len);
        cr_log_error("%s/%s: %s", dir, name, msg);
        goto cleanup;
    }
    ok = 1;
cleanup:
    free(json);
    free(want);
    tito_json_free(v);
    tito_buf_dispose(&out);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every case in dir; *total gets the number of cases. */
static int run_dir(const char *dir, int *total)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int passed = 0;

    *total = 0;
    cr_assert_not_null(d, "cannot open %s (run from tests/yaml)", dir);
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof(*names));
            cr_assert_not_null(names);
        }
        names[n] = strndup(de->d_name, len - 5);
        cr_assert_not_null(names[n]);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), compare_names);
    for (size_t i = 0; i < n; i++) {
        passed += run_case(dir, names[i]);
        free(names[i]);
    }
    free(names);
    *total = (int)n;
    return passed;
}

Test(yaml_cases, fixed_cases_match_pyyaml)
{
    int total, passed = run_dir("cases", &total);
    cr_log_info("yaml cases: %d/%d match PyYAML", passed, total);
    cr_expect_geq(total, 120, "only %d cases found", total);
    cr_expect_eq(passed, total, "%d of %d cases differ from PyYAML", total - passed, total);
}

Test(yaml_cases, random_cases_match_pyyaml)
{
    int total, passed = run_dir("random", &total);
    cr_log_info("yaml random: %d/%d match PyYAML", passed, total);
    cr_expect_geq(total, 300, "only %d random cases found", total);
    cr_expect_eq(passed, total, "%d of %d random cases differ from PyYAML", total - passed, total);
}

/* ---- direct tests: expectations checked against PyYAML 6.0 by hand ---- */

static int style(const char *s) { return tito_yaml__string_style(s, strlen(s), 0); }
static int key_style(const char *s) { return tito_yaml__string_style(s, strlen(s), 1); }
static int resolves(const char *s) { return tito_yaml__resolves_implicitly(s, strlen(s)); }

Test(yaml_style, plain_strings)
{
    const char *plain[] = {"a", "1e3", "NaN", "y", "n", "1.19.5.dev0", "-x", "?x", "a:b",
                           "a#b", "Python [conda env:base]", "09", "0x1g", "1:60", "nan",
                           "it's", "0o17"};
    for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
        cr_expect_eq(style(plain[i]), TITO_YAML__PLAIN, "%s should be plain", plain[i]);
}

Test(yaml_style, single_quoted_strings)
{
    const char *single[] = {"1.3", "1_000", ".5", "on", "null", "=", "2001-12-14", "", " a",
                            "a ", "a: b", "a #b", "- x", "---x", "#x", "a\nb", "<<", "1:30", "2001-12-14 21:59:43.10 -5", "-.inf"};
    for (size_t i = 0; i < sizeof(single) / sizeof(*single); i++)
        cr_expect_eq(style(single[i]), TITO_YAML__SINGLE_QUOTED, "[%s] should be single-quoted",
                     single[i]);
}

Test(yaml_style, double_quoted_strings)
{
    const char *dbl[] = {"caf\xc3\xa9", "a\tb", "a \nb", "a\n b", "\xef\xbb\xbf", "\x7f",
                         "\xe2\x80\xa8", "\xc2\x85", "\xf0\x9f\x98\x80"};
    for (size_t i = 0; i < sizeof(dbl) / sizeof(*dbl); i++)
        cr_expect_eq(style(dbl[i]), TITO_YAML__DOUBLE_QUOTED, "[%s] should be double-quoted",
                     dbl[i]);
    cr_expect_eq(tito_yaml__string_style("a\0b", 3, 0), TITO_YAML__DOUBLE_QUOTED);
}

Test(yaml_style, simple_keys_never_multiline_single)
{
    /* A multiline key may be single-quoted only in the complex "? " form. */
    cr_expect_eq(key_style("a\nb"), TITO_YAML__DOUBLE_QUOTED);
    cr_expect_eq(key_style(""), TITO_YAML__SINGLE_QUOTED);
    cr_expect_eq(key_style("key"), TITO_YAML__PLAIN);
}

Test(yaml_resolver, implicit_types)
{
    const char *yes[] = {"yes", "OFF", "~", "NULL", "0", "-0", "+12", "0b1_1", "0_", "07",
                         "0x_F", "190:20:30", "1.", "-1.5e+3", ".5", ".5e+3", "+.inf",
                         ".NaN", "1:30.5", "2001-12-14", "2001-1-1 1:02:03",
                         "2001-12-14 21:59:43 +5:30", "2001-12-14t21:59:43.10-05:00",
                         "2001-12-15T02:59:43.1Z", "<<", "=", "!", "yes\n"};
    const char *no[] = {"y", "yEs", "nil", "08", "0x", "1:30:", "1e3", "1.0e3", "1.e+",
                        ".iNf", "-.nan", "1.2.3", "2001-12-1", "2001-12-14T21:59",
                        "2001-12-14 21:59:43 +5:3", "2001-12-14 21:59:43 ", "<<<", "\n",
                        "a"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
        cr_expect(resolves(yes[i]), "[%s] should resolve to a non-string type", yes[i]);
    for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
        cr_expect(!resolves(no[i]), "[%s] should stay a string", no[i]);
    cr_expect(tito_yaml__resolves_implicitly("", 0));
}

Test(yaml_dump, builds_from_constructed_tree)
{
    tito_json *root = tito_json_new_object();
    tito_json *ks = tito_json_new_object();
    tito_buf out = TITO_BUF_INIT;

    cr_assert_not_null(root);
    cr_assert_not_null(ks);
    cr_assert_eq(tito_json_object_set(ks, "name", tito_json_new_string("python3")), 0);
    cr_assert_eq(tito_json_object_set(ks, "display_name",
                                      tito_json_new_string("Python 3.10.4 64-bit ('base': conda)")),
                 0);
    cr_assert_eq(tito_json_object_set(ks, "language", tito_json_new_string("python")), 0);
    cr_assert_eq(tito_json_object_set(root, "kernelspec", ks), 0);
    cr_assert_eq(tito_yaml_dump(&out, root), 0);
    cr_expect_str_eq(tito_buf_cstr(&out),
                     "kernelspec:\n"
                     "  display_name: 'Python 3.10.4 64-bit (''base'': conda)'\n"
                     "  language: python\n"
                     "  name: python3\n");
    tito_buf_dispose(&out);
    tito_json_free(root);
}

Test(yaml_dump, appends_to_existing_buffer)
{
    tito_json *v = tito_json_new_string("x");
    tito_buf out = TITO_BUF_INIT;

    cr_assert_not_null(v);
    tito_buf_puts(&out, "# ");
    cr_assert_eq(tito_yaml_dump(&out, v), 0);
    cr_expect_str_eq(tito_buf_cstr(&out), "# x\n...\n");
    tito_buf_dispose(&out);
    tito_json_free(v);
}

Test(yaml_dump, reports_a_failed_buffer)
{
    tito_json *v = tito_json_new_string("x");
    tito_buf out = TITO_BUF_INIT;

    cr_assert_not_null(v);
    out.failed = 1; /* what tito_buf does after an allocation failed */
    cr_expect_eq(tito_yaml_dump(&out, v), TITO_ENOMEM);
    tito_buf_dispose(&out);
    tito_json_free(v);
}
