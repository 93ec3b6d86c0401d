/* Python str semantics on UTF-8: splitlines, cell_source, isspace, repr. */
#include <criterion/criterion.h>
#include <string.h>

#include "jupytext/jupytext_private.h"

static void split(const char *s, size_t n, int cell, const char *const *expect, size_t count)
{
    tito_jupytext__lines l = TITO_JUPYTEXT__LINES_INIT;
    if (cell)
        cr_assert_eq(tito_jupytext__cell_lines(&l, s, n), 0);
    else
        cr_assert_eq(tito_jupytext__splitlines(&l, s, n), 0);
    cr_assert_eq(l.len, count, "%zu lines instead of %zu", l.len, count);
    for (size_t i = 0; i < count; i++)
        cr_expect(l.v[i].n == strlen(expect[i]) && memcmp(l.v[i].s, expect[i], l.v[i].n) == 0,
                  "line %zu is '%.*s'", i, (int)l.v[i].n, l.v[i].s);
    tito_jupytext__lines_dispose(&l);
}

Test(jupytext_text, splitlines_breaks_on_all_python_line_boundaries)
{
    const char s[] = "a\r\nb\rc\x0b" "d\x0c" "e\x1c" "f\x1d" "g\x1e" "h\xc2\x85i\xe2\x80\xa8j\xe2\x80\xa9k\x1fl";
    const char *const e[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k\x1fl"};
    split(s, sizeof(s) - 1, 0, e, 11);
}

Test(jupytext_text, cell_source)
{
    split("", 0, 1, (const char *const[]){""}, 1);
    split("\n", 1, 1, (const char *const[]){"", ""}, 2);
    split("c\r", 2, 1, (const char *const[]){"c"}, 1);
    split("a\nb\n", 4, 1, (const char *const[]){"a", "b", ""}, 3);
    tito_jupytext__lines l = TITO_JUPYTEXT__LINES_INIT;
    cr_assert_eq(tito_jupytext__cell_lines(&l, "a\0b", 3), 0);
    cr_expect(l.len == 1 && l.v[0].n == 3); /* NUL is not a line break */
    tito_jupytext__lines_dispose(&l);
}

Test(jupytext_text, whitespace_and_truthiness)
{
    cr_expect(tito_jupytext__blank(" \t\xc2\xa0\xe3\x80\x80\x1f", 8));
    cr_expect(!tito_jupytext__blank(" x ", 3));
    cr_expect(!tito_jupytext__blank("\xe2\x80\x8b", 3)); /* zero width space is not \s */
    cr_expect_eq(tito_jupytext__lspace("  \xe2\x80\x83x", 6), 5);
    cr_expect_eq(tito_jupytext__rspace("x \xc2\x85", 4), 3);
}

Test(jupytext_text, py_repr)
{
    tito_buf b = TITO_BUF_INIT;
    tito_jupytext__py_repr_str(&b, "it's", 4);
    tito_jupytext__py_repr_str(&b, "a\"b'\\\n\x01\xc3\xa9\xc2\xa0", 11);
    cr_expect_str_eq(b.ptr, "\"it's\"'a\"b\\'\\\\\\n\\x01\xc3\xa9\\xa0'");
    tito_buf_dispose(&b);
}

Test(jupytext_text, valid_metadata_keys)
{
    cr_expect(tito_jupytext__valid_key("a.b@c/d-e_1", 11));
    cr_expect(tito_jupytext__valid_key("abc\n", 4)); /* re's $ before a final newline */
    cr_expect(!tito_jupytext__valid_key("bad key", 7));
    cr_expect(!tito_jupytext__valid_key("", 0));
    cr_expect(!tito_jupytext__valid_key("\n", 1));
}
