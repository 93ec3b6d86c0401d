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

/* The block-wise scans (16 and 8 bytes at a time) must agree with a byte by
 * byte reading wherever the line break or quote falls in a block, with ASCII
 * and non-ASCII text around it (E2 94 80 and C2 A0 share lead bytes with
 * U+2028 and U+0085 but are not breaks). */
static const char *const FILLERS[] = {"x", "\xc3\xa9", "\xe2\x94\x80", "\xc2\xa0", "\t", "\xe2\x80\x8b"};

static size_t fill(char *out, const char *f, size_t k)
{
    size_t fl = strlen(f);
    for (size_t i = 0; i < k; i++)
        memcpy(out + i * fl, f, fl);
    return k * fl;
}

Test(jupytext_text, splitlines_any_alignment)
{
    static const char *const breaks[] = {"\n", "\r\n", "\r", "\x0b", "\x1e", "\xc2\x85",
                                         "\xe2\x80\xa8", "\xe2\x80\xa9"};
    static const size_t tails[] = {0, 1, 17};
    char s[512], a[256], b[256];
    for (size_t bi = 0; bi < sizeof(breaks) / sizeof(*breaks); bi++)
        for (size_t fi = 0; fi < sizeof(FILLERS) / sizeof(*FILLERS); fi++)
            for (size_t k = 0; k <= 40; k++)
                for (size_t ti = 0; ti < 3; ti++) {
                    size_t an = fill(a, FILLERS[fi], k), bn = fill(b, FILLERS[fi], tails[ti]);
                    size_t brk = strlen(breaks[bi]), n = 0;
                    memcpy(s, a, an);
                    memcpy(s + an, breaks[bi], brk);
                    memcpy(s + an + brk, b, bn);
                    n = an + brk + bn;
                    tito_jupytext__lines l = TITO_JUPYTEXT__LINES_INIT;
                    cr_assert_eq(tito_jupytext__splitlines(&l, s, n), 0);
                    cr_assert_eq(l.len, bn ? 2u : 1u, "break %zu filler %zu k %zu", bi, fi, k);
                    cr_expect(l.v[0].n == an && memcmp(l.v[0].s, a, an) == 0);
                    if (bn)
                        cr_expect(l.v[1].n == bn && memcmp(l.v[1].s, b, bn) == 0);
                    tito_jupytext__lines_dispose(&l);
                }
}

Test(jupytext_text, find_quote_any_alignment)
{
    static const char hits[] = {'"', '\'', '#'};
    char s[256];
    for (size_t fi = 0; fi < sizeof(FILLERS) / sizeof(*FILLERS); fi++)
        for (size_t k = 0; k <= 40; k++)
            for (size_t h = 0; h < sizeof(hits); h++) {
                size_t an = fill(s, FILLERS[fi], k);
                s[an] = hits[h];
                size_t n = an + 1 + fill(s + an + 1, FILLERS[fi], 20);
                cr_expect_eq(tito_jupytext__find_quote(s, 0, n, '#'), an);
                cr_expect_eq(tito_jupytext__find_quote(s, 0, n, 0), hits[h] == '#' ? n : an);
                cr_expect_eq(tito_jupytext__find_quote(s, an + 1, n, '#'), n);
            }
}
