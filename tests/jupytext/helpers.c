/* Shared helpers of the jupytext tests: convert a notebook given as JSON. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "jupytext/jupytext.h"

char *tito_test_convert(const char *json, int cli, int *rc, char **errmsg, char **warnings)
{
    tito_error err = TITO_ERROR_INIT;
    tito_nb *nb = NULL;
    tito_buf out = TITO_BUF_INIT, w = TITO_BUF_INIT;
    tito_jupytext_opts o = TITO_JUPYTEXT_OPTS_INIT;
    if (!cli)
        o.version = NULL;
    *rc = tito_nb_parse(&nb, json, strlen(json), "t.ipynb", &err);
    if (*rc == 0)
        *rc = tito_jupytext_write(&out, nb, &o, &w, &err);
    tito_nb_free(nb);
    if (warnings)
        *warnings = tito_buf_detach(&w, NULL);
    tito_buf_dispose(&w);
    if (errmsg)
        *errmsg = strdup(err.message);
    if (*rc < 0) {
        tito_buf_dispose(&out);
        return NULL;
    }
    return tito_buf_detach(&out, NULL);
}

/* cells: "c:" code, "m:" markdown, "r:" raw, joined with '|' */
char *tito_test_nb_json(const char *cells)
{
    tito_buf b = TITO_BUF_INIT;
    tito_buf_puts(&b, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [");
    const char *p = cells;
    int first = 1;
    while (*p) {
        const char *end = strchr(p, '|');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *type = p[0] == 'c' ? "code" : p[0] == 'm' ? "markdown" : "raw";
        tito_buf_printf(&b, "%s{\"cell_type\": \"%s\", \"metadata\": {}, \"source\": \"", first ? "" : ", ", type);
        for (size_t i = 2; i < n; i++) {
            if (p[i] == '\n')
                tito_buf_puts(&b, "\\n");
            else if (p[i] == '"')
                tito_buf_puts(&b, "\\\"");
            else
                tito_buf_putc(&b, p[i]);
        }
        tito_buf_puts(&b, "\"");
        if (type[0] == 'c')
            tito_buf_puts(&b, ", \"outputs\": [], \"execution_count\": null");
        tito_buf_puts(&b, "}");
        first = 0;
        p += n;
        if (*p == '|')
            p++;
    }
    tito_buf_puts(&b, "]}");
    return tito_buf_detach(&b, NULL);
}

