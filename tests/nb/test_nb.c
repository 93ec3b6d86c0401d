/* Notebook reading: good notebooks against what nbformat hands jupytext
 * (good/ *.expected.json, from gen_expected.py), bad inputs against exact
 * error messages. Runs in tests/nb (ctest working directory). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nb/nb.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    tito_buf b = TITO_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        tito_buf_put(&b, chunk, n);
    fclose(f);
    return tito_buf_detach(&b, len);
}

static const char *type_str(tito_cell_type t)
{
    return t == TITO_CELL_CODE ? "code" : t == TITO_CELL_MARKDOWN ? "markdown" : t == TITO_CELL_RAW ? "raw" : "other";
}

/* Rebuilds the expected.json shape from what tito_nb exposes. */
static char *reduce(const tito_nb *nb)
{
    tito_json *root = tito_json_new_object();
    tito_json_object_set(root, "nbformat_minor", tito_json_new_int(tito_nb_nbformat_minor(nb)));
    tito_json_object_set(root, "metadata", tito_json_copy(tito_nb_metadata(nb)));
    tito_json *cells = tito_json_new_array();
    for (size_t i = 0; i < tito_nb_ncells(nb); i++) {
        tito_json *c = tito_json_new_object();
        size_t len;
        const char *src = tito_nb_cell_source(nb, i, &len);
        const char *id = tito_nb_cell_id(nb, i);
        tito_json_object_set(c, "cell_type", tito_json_new_string(type_str(tito_nb_cell_type(nb, i))));
        tito_json_object_set(c, "id", id ? tito_json_new_string(id) : tito_json_new_null());
        tito_json_object_set(c, "metadata", tito_json_copy(tito_nb_cell_metadata(nb, i)));
        tito_json_object_set(c, "source", tito_json_new_stringn(src, len));
        tito_json_array_append(cells, c);
    }
    tito_json_object_set(root, "cells", cells);
    tito_buf b = TITO_BUF_INIT;
    cr_assert_eq(tito_json_dumps_py(&b, root), 0);
    tito_json_free(root);
    return tito_buf_detach(&b, NULL);
}

static void check_good(const char *stem)
{
    char path[256], exp_path[256];
    snprintf(path, sizeof(path), "good/%s.ipynb", stem);
    snprintf(exp_path, sizeof(exp_path), "good/%s.expected.json", stem);
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_nb_load(&nb, path, &err), 0, "%s: %s", path, err.message);
    char *got = reduce(nb);
    char *want = slurp(exp_path, NULL);
    cr_expect_str_eq(got, want, "%s differs from nbformat's reading", path);
    free(got);
    free(want);
    tito_nb_free(nb);
}

Test(nb_good, tinytorch_01_tensor) { check_good("01_tensor"); }
Test(nb_good, edge_cases) { check_good("edge_cases"); }
Test(nb_good, frozen_cell) { check_good("frozen_cell"); }
Test(nb_good, metadata_long_cells) { check_good("metadata_long_cells"); }
Test(nb_good, raw_flavors) { check_good("raw_flavors"); }

Test(nb_good, edge_cases_details)
{
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_nb_load(&nb, "good/edge_cases.ipynb", &err), 0, "%s", err.message);
    cr_assert_eq(tito_nb_ncells(nb), 4);
    cr_expect_eq(tito_nb_cell_type(nb, 0), TITO_CELL_MARKDOWN);
    cr_expect_eq(tito_nb_cell_type(nb, 2), TITO_CELL_RAW);
    size_t len = 99;
    cr_expect_str_eq(tito_nb_cell_source(nb, 2, &len), "");
    cr_expect_eq(len, 0);
    cr_expect_eq(tito_json_len(tito_nb_cell_metadata(nb, 1)), 0); /* trusted dropped */
    cr_expect_null(tito_json_get(tito_nb_metadata(nb), "signature"));
    cr_expect_null(tito_nb_cell_source(nb, 4, &len));
    cr_expect_null(tito_nb_cell_metadata(nb, 4));
    tito_nb_free(nb);
    tito_nb_free(NULL);
}

/* jupytext keeps cells of any other cell_type (written like markdown), so they load. */
Test(nb_good, unknown_cell_type)
{
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_nb_load(&nb, "good/unknown_cell_type.ipynb", &err), 0, "%s", err.message);
    cr_assert_eq(tito_nb_ncells(nb), 1);
    cr_expect_eq(tito_nb_cell_type(nb, 0), TITO_CELL_OTHER);
    cr_expect_str_eq(tito_nb_cell_type_name(nb, 0), "heading");
    cr_expect_str_eq(tito_nb_cell_source(nb, 0, NULL), "# x");
    cr_expect_null(tito_nb_cell_type_name(nb, 1));
    tito_nb_free(nb);
}

Test(nb_good, cell_type_names)
{
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_nb_load(&nb, "good/edge_cases.ipynb", &err), 0, "%s", err.message);
    cr_expect_str_eq(tito_nb_cell_type_name(nb, 0), "markdown");
    cr_expect_str_eq(tito_nb_cell_type_name(nb, 2), "raw");
    tito_nb_free(nb);
}

static void expect_bad(const char *file, int code, const char *message)
{
    char path[256];
    snprintf(path, sizeof(path), "bad/%s", file);
    tito_nb *nb = (tito_nb *)0x1;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_nb_load(&nb, path, &err);
    cr_expect_eq(rc, code, "%s: rc %d (%s)", path, rc, err.message);
    cr_expect_null(nb);
    cr_expect_str_eq(err.message, message);
}

/* Positions are the ones Python json.loads reports for the same files. */
Test(nb_bad, json_errors_name_file_and_position)
{
    expect_bad("not_json.ipynb", TITO_EINVALID, "bad/not_json.ipynb: line 1, column 1: expected a value");
    expect_bad("missing_comma.ipynb", TITO_EINVALID, "bad/missing_comma.ipynb: line 3, column 24: expected ',' or '}'");
    expect_bad("truncated.ipynb", TITO_EINVALID, "bad/truncated.ipynb: line 91, column 5: unterminated string");
    expect_bad("empty.ipynb", TITO_EINVALID, "bad/empty.ipynb: empty file (0 bytes)");
    expect_bad("invalid_utf8.ipynb", TITO_EINVALID, "bad/invalid_utf8.ipynb: invalid UTF-8 at line 2, column 68");
    expect_bad("deep_5000.ipynb", TITO_EINVALID, "bad/deep_5000.ipynb: line 1, column 6021: nesting deeper than 1000 levels");
}

Test(nb_bad, structure_errors)
{
    expect_bad("nbformat3.ipynb", TITO_EINVALID, "bad/nbformat3.ipynb: nbformat 3 is not supported (tito reads nbformat 4)");
    expect_bad("nbformat_string.ipynb", TITO_EINVALID, "bad/nbformat_string.ipynb: not a notebook: 'nbformat' must be an integer");
    expect_bad("cells_missing.ipynb", TITO_EINVALID, "bad/cells_missing.ipynb: not a notebook: 'cells' is missing");
    expect_bad("cells_not_list.ipynb", TITO_EINVALID, "bad/cells_not_list.ipynb: 'cells' must be a list, found object");
    expect_bad("top_level_list.ipynb", TITO_EINVALID, "bad/top_level_list.ipynb: not a notebook: the top-level value is array, expected an object");
    expect_bad("no_cell_type.ipynb", TITO_EINVALID, "bad/no_cell_type.ipynb: cell 2: 'cell_type' is missing");
    expect_bad("source_number.ipynb", TITO_EINVALID, "bad/source_number.ipynb: cell 4: 'source' must be a string or a list of strings");
    expect_bad("source_list_null.ipynb", TITO_EINVALID, "bad/source_list_null.ipynb: cell 1: 'source' must be a string or a list of strings");
    expect_bad("cell_metadata_list.ipynb", TITO_EINVALID, "bad/cell_metadata_list.ipynb: cell 1: 'metadata' must be an object");
    expect_bad("cell_metadata_missing.ipynb", TITO_EINVALID, "bad/cell_metadata_missing.ipynb: cell 2: 'metadata' is missing");
    expect_bad("nb_metadata_missing.ipynb", TITO_EINVALID, "bad/nb_metadata_missing.ipynb: not a notebook: 'metadata' is missing");
    expect_bad("nbformat_minor_missing.ipynb", TITO_EINVALID, "bad/nbformat_minor_missing.ipynb: not a notebook: 'nbformat_minor' is missing");
    expect_bad("nb_metadata_string.ipynb", TITO_EINVALID, "bad/nb_metadata_string.ipynb: notebook 'metadata' must be an object");
}

/* Accepted like nbformat + jupytext accept them (checked with
 * tools/jupytext-oracle): ids of any type (never used), negative minor. */
Test(nb_good, lenient_where_jupytext_is)
{
    const char *s = "{\"cells\": [{\"cell_type\": \"code\", \"id\": 5, \"metadata\": {}, \"source\": \"x\"}], "
                    "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": -1, \"extra\": [1]}";
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_nb_parse(&nb, s, strlen(s), "x.ipynb", &err), 0, "%s", err.message);
    cr_expect_null(tito_nb_cell_id(nb, 0));
    cr_expect_eq(tito_nb_nbformat_minor(nb), -1);
    tito_nb_free(nb);
}

Test(nb_bad, io_errors)
{
    expect_bad("no_such.ipynb", TITO_ENOTFOUND, "bad/no_such.ipynb: no such file");
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_expect_eq(tito_nb_load(&nb, "bad", &err), TITO_EIO);
    cr_expect_str_eq(err.message, "bad: is a directory, not a notebook");
    cr_expect_null(nb);
}

Test(nb_bad, every_prefix_of_a_real_notebook_fails_cleanly)
{
    size_t len;
    char *data = slurp("good/frozen_cell.ipynb", &len);
    for (size_t n = 0; n < len; n++) {
        tito_nb *nb = NULL;
        tito_error err = TITO_ERROR_INIT;
        int rc = tito_nb_parse(&nb, data, n, "x.ipynb", &err);
        /* the notebook ends "}\n": the prefix without the newline is still valid */
        if (n == len - 1) {
            cr_expect_eq(rc, 0, "%s", err.message);
        } else {
            cr_expect_eq(rc, TITO_EINVALID, "prefix %zu", n);
            cr_expect(strncmp(err.message, "x.ipynb: ", 9) == 0, "%s", err.message);
        }
        tito_nb_free(nb);
    }
    free(data);
}

Test(nb_good, big_notebook_parses_fast)
{
    /* ~30 MB: 3000 cells of 10 KB lines, plus a 100k-key metadata object */
    tito_buf b = TITO_BUF_INIT;
    tito_buf_puts(&b, "{\"metadata\": {\"big\": {");
    for (int i = 0; i < 100000; i++)
        tito_buf_printf(&b, "%s\"key%d\": %d", i ? ", " : "", i, i);
    tito_buf_puts(&b, "}}, \"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [");
    char line[10001];
    memset(line, 'x', 10000);
    line[10000] = '\0';
    for (int i = 0; i < 3000; i++)
        tito_buf_printf(&b, "%s{\"cell_type\": \"code\", \"metadata\": {}, \"source\": [\"%s\\n\", \"# %d\"], \"outputs\": []}",
                        i ? ", " : "", line, i);
    tito_buf_puts(&b, "]}");
    cr_assert(!b.failed);
    tito_nb *nb = NULL;
    tito_error err = TITO_ERROR_INIT;
    clock_t t0 = clock();
    cr_assert_eq(tito_nb_parse(&nb, b.ptr, b.len, "big.ipynb", &err), 0, "%s", err.message);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cr_expect_eq(tito_nb_ncells(nb), 3000);
    size_t len;
    const char *src = tito_nb_cell_source(nb, 2999, &len);
    cr_expect_eq(len, 10001 + 6);
    cr_expect_str_eq(src + 10001, "# 2999");
    const tito_json *big = tito_json_get(tito_nb_metadata(nb), "big");
    cr_expect_eq(tito_json_len(big), 100000);
    cr_expect_not_null(tito_json_get(big, "key99999"));
    /* generous bound (sanitizer/valgrind builds are slower); quadratic
     * behaviour would take minutes */
    cr_expect_lt(secs, 20.0, "parse took %.1fs", secs);
    tito_nb_free(nb);
    tito_buf_dispose(&b);
}
