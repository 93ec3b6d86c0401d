/* Magic detection (spec §8 table), magic commenting with continuations and
 * strings, and the Python string tracker. Expected values are oracle outputs. */
#include <criterion/criterion.h>
#include <string.h>

#include "jupytext/jupytext_private.h"

static tito_jupytext__arena arena;

static void setup(void) { memset(&arena, 0, sizeof(arena)); }
static void teardown(void) { tito_jupytext__arena_dispose(&arena); }

static int magic(const char *line, const char *lang, int flag)
{
    tito_jupytext__magic_lang m;
    cr_assert_eq(tito_jupytext__magic_lang_init(&m, &arena, lang, strlen(lang)), 0);
    return tito_jupytext__is_magic(&m, line, strlen(line), flag, 1);
}

/* comment_magic on a one-line python cell, as the oracle prints it */
static const struct {
    const char *in, *out;
} table[] = {
    {"%matplotlib inline", "# %matplotlib inline"},
    {"!ls -l", "# !ls -l"},
    {"ls", "# ls"},
    {"cd ..", "# cd .."},
    {"obj.method??", "# obj.method??"},
    {"# why?", "# # why?"},
    {"# %time x", "# # %time x"},
    {"%%time x", "# %%time x"},
    {"%time x  # noescape", "%time x  # noescape"},
    {"  %pylab", "  # %pylab"},
    {"ls = 3", "ls = 3"},
    {"cat = 42", "cat = 42"},
    {"x = !pwd", "# x = !pwd"},
    {"y = %time f()", "# y = %time f()"},
    {"?obj", "# ?obj"},
    {"# ls the files", "# # ls the files"},
    {"#ls", "# #ls"},
    {"'what?'", "'what?'"},
    {"print(x)?", "# print(x)?"},
    {"x = 1  # escape", "x = 1  # escape"},
    {"%load_ext autoreload  # escape", "# %load_ext autoreload  # escape"},
    {"rmdir x", "# rmdir x"},
    {"ls, x", "ls, x"},
    {"%%%x", "# %%%x"},
    {"%%%%x", "%%%%x"},
    {"print(1)", "print(1)"},
    {"", ""},
};

Test(jupytext_magics, spec_table, .init = setup, .fini = teardown)
{
    for (size_t i = 0; i < sizeof(table) / sizeof(*table); i++) {
        int expect = strcmp(table[i].in, table[i].out) != 0;
        cr_expect_eq(magic(table[i].in, "python", 1), expect, "is_magic(%s)", table[i].in);
    }
}

Test(jupytext_magics, escape_flag_off, .init = setup, .fini = teardown)
{
    /* comment_magics: false keeps only the "# escape" rule */
    cr_expect_eq(magic("%matplotlib inline", "python", 0), 0);
    cr_expect_eq(magic("!ls", "python", 0), 0);
    cr_expect_eq(magic("%load_ext x  # escape", "python", 0), 1);
}

Test(jupytext_magics, other_languages, .init = setup, .fini = teardown)
{
    cr_expect_eq(magic("%R x", "R", 1), 1);       /* generic % rule */
    cr_expect_eq(magic("!ls", "R", 1), 0);        /* python-only rules */
    cr_expect_eq(magic("%x", "matlab", 1), 0);    /* never for matlab/octave/sas */
    cr_expect_eq(magic("%x", "python3", 1), 0);   /* not a script language */
    cr_expect_eq(magic(":dep x", "rust", 1), 1);  /* rust magics start with ':' */
    cr_expect_eq(magic("#!csharp", "c#", 1), 1);  /* c# -> csharp */
    cr_expect_eq(magic("!*go", "go", 1), 1);
}

static void comment(const char **in, size_t n, const char **expect)
{
    tito_jupytext__ctx ctx;
    tito_error err = TITO_ERROR_INIT;
    tito_jupytext__lines l = TITO_JUPYTEXT__LINES_INIT;
    memset(&ctx, 0, sizeof(ctx));
    ctx.err = &err;
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(tito_jupytext__lines_push(&l, in[i], strlen(in[i])), 0);
    cr_assert_eq(tito_jupytext__comment_magic(&ctx, &l, "python", 6, 1), 0);
    for (size_t i = 0; i < n; i++)
        cr_expect(l.v[i].n == strlen(expect[i]) && memcmp(l.v[i].s, expect[i], l.v[i].n) == 0,
                  "line %zu: got '%.*s' expected '%s'", i, (int)l.v[i].n, l.v[i].s, expect[i]);
    tito_jupytext__lines_dispose(&l);
    tito_jupytext__arena_dispose(&ctx.arena);
}

Test(jupytext_magics, continuation_lines)
{
    const char *in[] = {"!echo a \\", "    b \\", "  c", "ls"};
    const char *out[] = {"# !echo a \\", "#     b \\", "#   c", "# ls"};
    comment(in, 4, out);
}

Test(jupytext_magics, parenthesised_lines_are_commented_anyway)
{
    const char *in[] = {"s = ('a'", "     %locals())"};
    const char *out[] = {"s = ('a'", "     # %locals())"};
    comment(in, 2, out);
}

Test(jupytext_magics, lines_inside_triple_strings_are_untouched)
{
    const char *in[] = {"s = '''", "%time x", "'''", "%time y"};
    const char *out[] = {"s = '''", "%time x", "'''", "# %time y"};
    comment(in, 4, out);
}

static int quoted_after(const char *const *lines, size_t n)
{
    tito_jupytext__strparser p;
    tito_jupytext__strparser_init_python(&p);
    for (size_t i = 0; i < n; i++)
        tito_jupytext__strparser_read(&p, lines[i], strlen(lines[i]));
    return tito_jupytext__strparser_quoted(&p);
}

Test(jupytext_strparser, triple_quotes)
{
    const char *a[] = {"x = \"\"\"doc"};
    cr_expect(quoted_after(a, 1));
    const char *b[] = {"x = \"\"\"doc", "end\"\"\""};
    cr_expect(!quoted_after(b, 2));
    const char *c[] = {"x = '''a''' + '''"};
    cr_expect(quoted_after(c, 1));
    /* a different triple quote inside a triple string does not close it */
    const char *d[] = {"'''", "\"\"\""};
    cr_expect(quoted_after(d, 2));
}

Test(jupytext_strparser, single_quotes_end_with_the_line)
{
    const char *a[] = {"x = 'abc"};
    cr_expect(!quoted_after(a, 1));
}

Test(jupytext_strparser, comments_and_escapes)
{
    const char *a[] = {"# '''"};
    cr_expect(!quoted_after(a, 1)); /* comment lines are ignored */
    const char *b[] = {"x = 1 # '''"};
    cr_expect(!quoted_after(b, 1)); /* scanning stops at '#' */
    /* one-char look-back: "'" opens, "\'" is skipped, "'" closes, then "'"
     * opens a single quote, "'" closes it, and the third quote (after two
     * quotes) opens a triple string: the oracle's StringParser agrees */
    const char *c[] = {"x = '\\''''"};
    cr_expect(quoted_after(c, 1));
    const char *d[] = {"\"# \"\"\""};
    cr_expect(!quoted_after(d, 1)); /* '#' inside a string does not stop the scan */
}

Test(jupytext_strparser, r_language_never_opens_strings)
{
    /* StringParser("R") skips quotes entirely (python == False) */
    tito_jupytext__strparser p;
    tito_jupytext__strparser_init(&p, "R", 1);
    tito_jupytext__strparser_read(&p, "x <- '''abc", 11);
    cr_expect(!tito_jupytext__strparser_quoted(&p));
}
