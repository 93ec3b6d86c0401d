/* Blank lines between cells (spec §9), through whole conversions so the
 * incremental "following lines" scans are exercised as they are used. */
#include <criterion/criterion.h>
#include <string.h>

#include "jupytext/jupytext.h"
#include "jupytext/jupytext_private.h"
#include "helpers.h"

static void check(const char *cells, const char *expect)
{
    char *json = tito_test_nb_json(cells);
    int rc = 0;
    char *msg = NULL;
    char *got = tito_test_convert(json, 0, &rc, &msg, NULL);
    cr_assert_eq(rc, 0, "%s", msg);
    cr_expect_str_eq(got, expect);
    free(got);
    free(json);
    free(msg);
}

Test(jupytext_pep8, two_blank_lines_around_functions)
{
    check("c:import os|c:def f():\n    return 1|c:f()",
          "# %%\nimport os\n\n\n# %%\ndef f():\n    return 1\n\n\n# %%\nf()\n");
}

Test(jupytext_pep8, double_blank_in_next_cell_stops_the_scan)
{
    check("c:def f():\n    pass|m:a|c:\n\nx = 1",
          "# %%\ndef f():\n    pass\n\n# %% [markdown]\n# a\n\n# %%\n\n\nx = 1\n");
}

Test(jupytext_pep8, no_code_after_function)
{
    check("c:def f():\n    pass|m:a|m:b",
          "# %%\ndef f():\n    pass\n\n# %% [markdown]\n# a\n\n# %% [markdown]\n# b\n");
}

Test(jupytext_pep8, class_markdown_code)
{
    check("c:class A: pass|m:text|c:x = 1",
          "# %%\nclass A: pass\n\n\n# %% [markdown]\n# text\n\n# %%\nx = 1\n");
}

Test(jupytext_pep8, decorated_function_follows_code)
{
    check("c:x = 1|c:@dec\ndef g():\n    pass",
          "# %%\nx = 1\n\n\n# %%\n@dec\ndef g():\n    pass\n");
}

Test(jupytext_pep8, nested_def_is_not_top_level)
{
    check("c:if True:\n    def k(): pass|c:v = 4",
          "# %%\nif True:\n    def k(): pass\n\n# %%\nv = 4\n");
}

Test(jupytext_pep8, closing_paren_then_class)
{
    check("c:f(\n    1\n)|c:class B: pass",
          "# %%\nf(\n    1\n)\n\n\n# %%\nclass B: pass\n");
}

Test(jupytext_pep8, trailing_newline_adds_a_line)
{
    check("c:def f():\n    return 1\n|c:x",
          "# %%\ndef f():\n    return 1\n\n\n\n# %%\nx\n");
}

Test(jupytext_pep8, long_chain_of_indented_cells_is_linear)
{
    /* each cell ends with code and the next ones start with indented lines:
     * jupytext rescans all following lines; the tail automaton must agree */
    tito_buf cells = TITO_BUF_INIT, expect = TITO_BUF_INIT;
    for (int i = 0; i < 2000; i++) {
        tito_buf_printf(&cells, "%sc:  a%d", i ? "|" : "", i);
        /* an active code cell's marker takes the first line's indent */
        tito_buf_printf(&expect, "  # %%%%\n  a%d\n%s", i, i < 1999 ? "\n" : "");
    }
    tito_buf_puts(&cells, "|c:def z(): pass");
    /* the last indented cell ends with code and is followed by a def: 2 blanks */
    tito_buf_puts(&expect, "\n\n# %%\ndef z(): pass\n");
    check(cells.ptr, expect.ptr);
    tito_buf_dispose(&cells);
    tito_buf_dispose(&expect);
}

Test(jupytext_pep8, helpers)
{
    tito_jupytext__lines l = TITO_JUPYTEXT__LINES_INIT;
    tito_jupytext__lines_push(&l, "def f():", 8);
    tito_jupytext__lines_push(&l, "    x = '''", 11);
    tito_jupytext__lines_push(&l, "y", 1); /* inside the string: skipped */
    tito_jupytext__lines_push(&l, "'''", 3);
    /* lines starting inside the string are dropped: the scan sees the def */
    cr_expect_eq(tito_jupytext__ends_with_function_or_class(&l), 1);
    l.len = 1;
    cr_expect_eq(tito_jupytext__ends_with_function_or_class(&l), 1);
    cr_expect_eq(tito_jupytext__ends_with_code(&l), 1);
    tito_jupytext__lines_dispose(&l);
}
