/* tito_jupytext: write a notebook as jupytext py:percent text, byte-identical
 * to `jupytext --to py:percent` 1.19 (spec: ../shared/spec/jupytext-percent.md). */
#ifndef TITO_JUPYTEXT_JUPYTEXT_H
#define TITO_JUPYTEXT_JUPYTEXT_H

#include "nb/nb.h"
#include "util/buf.h"
#include "util/error.h"

#define TITO_JUPYTEXT_VERSION "1.19.5.dev0"

typedef struct tito_jupytext_opts {
    /* NULL: test mode (jupytext's --no-version / the conformance files: no
     * text_representation block). Otherwise the jupytext_version written in
     * the text_representation block (CLI mode), normally TITO_JUPYTEXT_VERSION. */
    const char *version;
} tito_jupytext_opts;

#define TITO_JUPYTEXT_OPTS_INIT {TITO_JUPYTEXT_VERSION}

/* Appends the whole py:percent file (with its final newline, as the jupytext
 * CLI writes it) to out. Warnings jupytext prints (dropped metadata keys) are
 * appended, one line each, to warnings if non-NULL. Returns 0, TITO_EINVALID
 * for notebooks jupytext itself rejects (message says why), TITO_ENOMEM. */
int tito_jupytext_write(tito_buf *out, const tito_nb *nb, const tito_jupytext_opts *opts,
                        tito_buf *warnings, tito_error *err);

#endif
