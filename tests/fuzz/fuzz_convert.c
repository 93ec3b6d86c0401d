/* libFuzzer target: bytes -> tito_nb_parse -> jupytext py:percent writer,
 * plus JSON round-trip invariants on the same bytes. Any crash, sanitizer
 * report, leak or broken invariant (abort) is a finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"
#include "nb/nb.h"
#ifdef TITO_FUZZ_HAVE_CONVERTER
#include "jupytext/jupytext.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_convert: invariant broken: %s: %s\n", what, detail);
    abort();
}

/* parse(dump(v)) must succeed and dump to the same bytes. */
static void check_roundtrip(const tito_json *v, int py)
{
    tito_buf a = TITO_BUF_INIT, b = TITO_BUF_INIT;
    tito_json *w = NULL;
    tito_error err = TITO_ERROR_INIT;
    if ((py ? tito_json_dumps_py(&a, v) : tito_json_write(&a, v, 1)) < 0)
        die("dump", "failed");
    if (tito_json_parse(&w, a.ptr, a.len, &err) < 0)
        die("reparse of our own output", err.message);
    if ((py ? tito_json_dumps_py(&b, w) : tito_json_write(&b, w, 1)) < 0)
        die("second dump", "failed");
    if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0)
        die("dump not stable", a.ptr);
    tito_json_free(w);
    tito_buf_dispose(&a);
    tito_buf_dispose(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    tito_error err = TITO_ERROR_INIT;
    tito_json *v = NULL;

    if (tito_json_parse(&v, buf, size, &err) == 0) {
        check_roundtrip(v, 1);
        check_roundtrip(v, 0);
        tito_json *c = tito_json_copy(v);
        if (!c)
            die("copy", "NULL");
        tito_json_free(c);
        tito_json_free(v);
    } else if (strncmp(err.message, "line ", 5) != 0) {
        die("json error message shape", err.message);
    }

    tito_nb *nb = NULL;
    tito_error_clear(&err);
    if (tito_nb_parse(&nb, buf, size, "fuzz.ipynb", &err) < 0) {
        if (strncmp(err.message, "fuzz.ipynb: ", 12) != 0 || nb)
            die("notebook error", err.message);
        return 0;
    }
    tito_buf out = TITO_BUF_INIT;
    tito_json_dumps_py(&out, tito_nb_metadata(nb));
    for (size_t i = 0; i < tito_nb_ncells(nb); i++) {
        size_t len = 0;
        if (!tito_nb_cell_source(nb, i, &len))
            die("cell source", "NULL");
        tito_json_dumps_py(&out, tito_nb_cell_metadata(nb, i));
    }
#ifdef TITO_FUZZ_HAVE_CONVERTER
    tito_jupytext_opts opts = TITO_JUPYTEXT_OPTS_INIT;
    tito_buf warnings = TITO_BUF_INIT;
    tito_buf_clear(&out);
    (void)tito_jupytext_write(&out, nb, &opts, &warnings, &err);
    tito_buf_clear(&out);
    opts.version = NULL;
    (void)tito_jupytext_write(&out, nb, &opts, NULL, &err);
    tito_buf_dispose(&warnings);
#endif
    tito_buf_dispose(&out);
    tito_nb_free(nb);
    return 0;
}
