/* Python's own answers (fixtures/vectors.json, made with CPython 3.11:
 * repr(), textwrap.TextWrapper(width=120, subsequent_indent=11 spaces,
 * break_long_words=False), pprint.pformat(indent=2, compact=True) and
 * nbdev's make_all / patch_name on real `ast` trees) against ours. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_private.h"
#include "export/pyfmt.h"
#include "export/pyscan.h"
#include "helpers.h"
#include "json/json.h"
#include "util/buf.h"
#include "util/fs.h"

static tito_json *vectors;

static void load(void)
{
    char path[PATH_MAX];
    xt_src(path, sizeof(path), "fixtures/vectors.json");
    char *text = NULL;
    size_t len = 0;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_fs_read_file(&text, &len, path, &err), 0, "%s", err.message);
    cr_assert_eq(tito_json_parse(&vectors, text, len, &err), 0, "%s", err.message);
    free(text);
}

static void unload(void) { tito_json_free(vectors); }

TestSuite(vectors, .init = load, .fini = unload);

static const char *kind(const tito_json *c) { return tito_json_get_string(c, "kind"); }

Test(vectors, repr_of_str)
{
    size_t n = 0;
    for (size_t i = 0; i < tito_json_len(vectors); i++) {
        const tito_json *c = tito_json_at(vectors, i);
        if (strcmp(kind(c), "repr") != 0)
            continue;
        size_t len = 0;
        const char *in = tito_json_string(tito_json_get(c, "input"), &len);
        tito_buf b = TITO_BUF_INIT;
        cr_assert_eq(tito_pyfmt_repr_str(&b, in, len), 0);
        cr_assert_str_eq(tito_buf_cstr(&b), tito_json_get_string(c, "expect"), "repr #%zu", i);
        tito_buf_dispose(&b);
        n++;
    }
    cr_assert_gt(n, 10);
}

Test(vectors, all_wrapping)
{
    size_t n = 0;
    for (size_t i = 0; i < tito_json_len(vectors); i++) {
        const tito_json *c = tito_json_at(vectors, i);
        if (strcmp(kind(c), "wrap") != 0)
            continue;
        const tito_json *in = tito_json_get(c, "input");
        char **names = calloc(tito_json_len(in) + 1, sizeof(char *));
        for (size_t k = 0; k < tito_json_len(in); k++)
            names[k] = (char *)tito_json_string(tito_json_at(in, k), NULL);
        tito_buf r = TITO_BUF_INIT, w = TITO_BUF_INIT;
        cr_assert_eq(tito_pyfmt_repr_strlist(&r, names, tito_json_len(in)), 0);
        cr_assert_eq(tito_pyfmt_wrap(&w, tito_buf_cstr(&r), 120, 11), 0);
        cr_assert_str_eq(tito_buf_cstr(&w), tito_json_get_string(c, "expect"), "wrap #%zu", i);
        tito_buf_dispose(&r);
        tito_buf_dispose(&w);
        free(names);
        n++;
    }
    cr_assert_gt(n, 5);
}

static tito_pyval *to_pyval(const tito_json *j)
{
    if (tito_json_type_of(j) == TITO_JSON_STRING)
        return tito_pyval_str(tito_json_string(j, NULL));
    const tito_json *t = tito_json_get(j, "__tuple__");
    if (t) {
        tito_pyval *v = tito_pyval_tuple();
        for (size_t i = 0; i < tito_json_len(t); i++)
            cr_assert_eq(tito_pyval_tuple_add(v, to_pyval(tito_json_at(t, i))), 0);
        return v;
    }
    tito_pyval *d = tito_pyval_dict();
    for (size_t i = 0; i < tito_json_len(j); i++)
        cr_assert_eq(tito_pyval_dict_set(d, tito_json_key_at(j, i, NULL), to_pyval(tito_json_at(j, i))), 0);
    return d;
}

Test(vectors, pformat)
{
    size_t n = 0;
    for (size_t i = 0; i < tito_json_len(vectors); i++) {
        const tito_json *c = tito_json_at(vectors, i);
        if (strcmp(kind(c), "pformat") != 0)
            continue;
        int64_t width = 0;
        cr_assert_eq(tito_json_int64(tito_json_get(c, "width"), &width), 0);
        tito_pyval *v = to_pyval(tito_json_get(c, "input"));
        tito_buf b = TITO_BUF_INIT;
        cr_assert_eq(tito_pyfmt_pformat(&b, v, (size_t)width, 2), 0);
        cr_assert_str_eq(tito_buf_cstr(&b), tito_json_get_string(c, "expect"), "pformat #%zu (width %d)", i,
                         (int)width);
        tito_buf_dispose(&b);
        tito_pyval_free(v);
        n++;
    }
    cr_assert_gt(n, 20);
}

Test(vectors, all_names_and_index_symbols)
{
    size_t n = 0;
    for (size_t i = 0; i < tito_json_len(vectors); i++) {
        const tito_json *c = tito_json_at(vectors, i);
        if (strcmp(kind(c), "names") != 0)
            continue;
        const char *src = tito_json_get_string(c, "input");
        const tito_json *want = tito_json_get(c, "all");
        char **names = NULL;
        size_t nn = 0;
        tito_error err = TITO_ERROR_INIT;
        cr_assert_eq(tito_export__make_all_for(&names, &nn, &src, 1, &err), 0);
        tito_buf got = TITO_BUF_INIT, exp = TITO_BUF_INIT;
        for (size_t k = 0; k < nn; k++)
            tito_buf_printf(&got, "%s,", names[k]);
        for (size_t k = 0; k < tito_json_len(want); k++)
            tito_buf_printf(&exp, "%s,", tito_json_string(tito_json_at(want, k), NULL));
        cr_assert_str_eq(tito_buf_cstr(&got), tito_buf_cstr(&exp), "__all__ of:\n%s", src);
        for (size_t k = 0; k < nn; k++)
            free(names[k]);
        free(names);
        tito_buf_clear(&got);
        tito_buf_clear(&exp);

        tito_pyscan *s = NULL;
        cr_assert_eq(tito_pyscan_parse(&s, src, strlen(src)), 0);
        cr_assert_eq(s->syntax_error, 0, "%s: line %zu: %s", src, s->error_line, s->error);
        for (size_t k = 0; k < s->nstmts; k++) {
            const tito_pystmt *st = &s->stmts[k];
            if (st->kind != TITO_PYSTMT_DEF && st->kind != TITO_PYSTMT_CLASS)
                continue;
            for (size_t m = 0; m < st->nsym_names; m++)
                tito_buf_printf(&got, "%s,", st->sym_names[m]);
            for (size_t m = 0; m < st->nmembers; m++)
                tito_buf_printf(&got, "%s,", st->members[m]);
        }
        const tito_json *syms = tito_json_get(c, "syms");
        for (size_t k = 0; k < tito_json_len(syms); k++)
            tito_buf_printf(&exp, "%s,", tito_json_string(tito_json_at(syms, k), NULL));
        cr_assert_str_eq(tito_buf_cstr(&got), tito_buf_cstr(&exp), "index symbols of:\n%s", src);
        tito_buf_dispose(&got);
        tito_buf_dispose(&exp);
        tito_pyscan_free(s);
        n++;
    }
    cr_assert_gt(n, 15);
}

/* relative_import as nbdev computes it (maker.py), checked by hand against
 * os.path.relpath. */
Test(vectors, relative_import)
{
    static const char *const cases[][3] = {
        {"tinytorch.core.tensor", "tinytorch/core", ".tensor"},
        {"tinytorch.core", "tinytorch/core", "."},
        {"tinytorch", "tinytorch/core", ".."},
        {"tinytorch.data.loader", "tinytorch/core", "..data.loader"},
        {"tinytorch.core.tensor", "tinytorch", ".core.tensor"},
        {"tinytorch", "tinytorch", "."},
        {"tinytorch.a", "tinytorch/b/c", "...a"},
        {"tinytorch", "tinytorch/b/c", "..."},
        {"numpy", "tinytorch/core", "numpy"},
        {"tinytorchx.y", "tinytorch/core", "tinytorchx.y"},
        {"tinytorch.core.tensor.sub", "tinytorch/core", ".tensor.sub"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *r = tito_export__relative_import(cases[i][0], cases[i][1]);
        cr_assert_not_null(r);
        cr_assert_str_eq(r, cases[i][2], "relative_import(%s, %s)", cases[i][0], cases[i][1]);
        free(r);
    }
}

/* Python snippets that parse fine must not be flagged, and a few that do
 * not must be. */
Test(vectors, syntax_errors)
{
    static const char *const good[] = {
        "x = 1\n", "if x:\n    pass\nelse:\n    pass\n", "def f(\n  a):\n    return a\n",
        "s = '''\n  odd indent inside\n'''\n", "x = [\n1,\n  2]\n", "x = 1 \\\n  + 2\n",
        "class A:\n\n    # comment at col 0\n# and here\n    def f(self): pass\n", "x = 1\r\ny = 2\r\n",
        "@dec\n\n@dec2\ndef f(): pass\n", "", "# only a comment", "x = r'\\\\'\n",
        "f = f\"{x!r}\"\n", "a = b'\\x00'\n", "print(1) ; print(2)\n", "x = 1e-5 + 0x1F + 1_000j\n",
    };
    static const char *const bad[] = {
        "def f(:\n", "x = (1,\n", "x = 1\n    y = 2\n", "if x:\ny = 1\n", "x = 'abc\n", "%time x\n",
        "!ls\n", "x = ]\n", "s = '''never closed\n", "if x:\n", "@dec\nx = 1\n", "x = $\n",
        "def f():\n        a = 1\n    b = 2\n",
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        tito_pyscan *s = NULL;
        cr_assert_eq(tito_pyscan_parse(&s, good[i], strlen(good[i])), 0);
        cr_assert_eq(s->syntax_error, 0, "flagged valid code %zu: line %zu: %s", i, s->error_line, s->error);
        tito_pyscan_free(s);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tito_pyscan *s = NULL;
        cr_assert_eq(tito_pyscan_parse(&s, bad[i], strlen(bad[i])), 0);
        cr_assert_neq(s->syntax_error, 0, "missed the error in %zu: %s", i, bad[i]);
        tito_pyscan_free(s);
    }
}
