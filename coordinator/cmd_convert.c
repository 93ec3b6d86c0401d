/* `tito convert`: notebook -> jupytext py:percent text, a drop-in for
 * `jupytext --to py:percent NB.ipynb` (same bytes, including the final
 * newline). The conversion itself lives in shared/jupytext; this file only
 * handles arguments, reading, warnings and the atomic write. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "jupytext/jupytext.h"
#include "nb/nb.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tito convert NB.ipynb [-o OUT] [--no-version] [--jupytext-version V]\n"
            "\n"
            "Converts a Jupyter notebook to jupytext's py:percent text, byte for byte what\n"
            "`jupytext --to py:percent` %s writes.\n"
            "\n"
            "  NB.ipynb                the notebook; `-` reads it from stdin\n"
            "  -o, --output OUT        write to OUT (atomically: temporary file in the same\n"
            "                          directory, then rename); `-o -` or no -o: stdout\n"
            "  --no-version            omit the `jupytext: text_representation:` header block\n"
            "                          (jupytext's test-suite mode, as in its expected files)\n"
            "  --jupytext-version V    version written in that block (default %s)\n"
            "  -h, --help              show this help\n"
            "\n"
            "Warnings (metadata that cannot be exported) go to stderr.\n"
            "Exit status: 0 converted; 2 usage error or bad input (missing file, malformed\n"
            "notebook, a notebook jupytext rejects); 3 output could not be written.\n",
            TITO_JUPYTEXT_VERSION, TITO_JUPYTEXT_VERSION);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tito convert: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see `tito convert --help`)\n");
    return TITO_EXIT_USAGE;
}

/* Reads all of stdin; nbformat accepts `-` for stdin and so do we. */
static int read_stdin(tito_buf *out, tito_error *err)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
        if (tito_buf_put(out, chunk, n) < 0)
            return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    if (ferror(stdin))
        return tito_error_set_os(err, TITO_EIO, "<stdin>: read failed");
    return 0;
}

static int load(tito_nb **out, const char *path, tito_error *err)
{
    tito_buf in = TITO_BUF_INIT;
    struct stat st;
    int error = 0;

    *out = NULL;
    if (!strcmp(path, "-")) {
        if ((error = read_stdin(&in, err)) < 0)
            goto cleanup;
        error = tito_nb_parse(out, in.ptr ? in.ptr : "", in.len, "<stdin>", err);
        goto cleanup;
    }
    /* Checked up front so that a directory is reported as bad input with a
     * clear message rather than as whatever read() on it happens to say. */
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_NOTEBOOK,
                               "%s: is a directory, not a notebook", path);
        goto cleanup;
    }
    error = tito_nb_load(out, path, err);

cleanup:
    tito_buf_dispose(&in);
    return error;
}

/* Writes data to path through tito_fs_write_atomic_at, so readers never see
 * a half-written file and a failure leaves any old file intact (the mode of
 * an existing file is kept; a new one gets 0666 & ~umask, as if jupytext had
 * written it). TITO_FS_NO_FSYNC: jupytext does not sync either, a convert is
 * cheap to redo, and scripts/bench-convert holds it to >= 200x jupytext.
 * TITO_FS_FOLLOW_SYMLINK: an existing symlink is written through (its target
 * is replaced), as a plain open() would, instead of being replaced by a
 * regular file. */
static int write_atomic(const char *path, const char *data, size_t len, tito_error *err)
{
    const tito_fs_write_opts opts = {TITO_FS_NO_FSYNC | TITO_FS_FOLLOW_SYMLINK, 0, NULL};
    return tito_fs_write_atomic_at(AT_FDCWD, path, data, len, &opts, err);
}

static int write_stdout(const char *data, size_t len, tito_error *err)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
        return tito_error_set_os(err, TITO_EIO, "<stdout>: write failed");
    return 0;
}

/* Prints the converter's warnings (one per line) with our prefix. */
static void print_warnings(const tito_buf *w)
{
    const char *p = tito_buf_cstr(w), *end = p + w->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n > 0)
            fprintf(stderr, "tito convert: warning: %.*s\n", (int)n, p);
        p += n + 1;
    }
}

int tito_cmd_convert(int argc, char **argv)
{
    const char *input = NULL, *output = NULL;
    tito_jupytext_opts opts = TITO_JUPYTEXT_OPTS_INIT;
    tito_error err = TITO_ERROR_INIT;
    tito_buf text = TITO_BUF_INIT, warnings = TITO_BUF_INIT;
    tito_nb *nb = NULL;
    int status = TITO_EXIT_OK, only_positional = 0, rc;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_positional || a[0] != '-' || !strcmp(a, "-")) {
            if (input) {
                status = usage_error("unexpected argument '%s': one notebook at a time", a);
                goto cleanup;
            }
            input = a;
        } else if (!strcmp(a, "--")) {
            only_positional = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            goto cleanup;
        } else if (!strcmp(a, "--no-version")) {
            opts.version = NULL;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc) {
                status = usage_error("%s needs a value", a);
                goto cleanup;
            }
            output = argv[++i];
        } else if (!strcmp(a, "--jupytext-version")) {
            if (i + 1 >= argc) {
                status = usage_error("%s needs a value", a);
                goto cleanup;
            }
            opts.version = argv[++i];
        } else if (!strncmp(a, "--output=", 9)) {
            output = a + 9;
        } else if (!strncmp(a, "--jupytext-version=", 19)) {
            opts.version = a + 19;
        } else if (!strncmp(a, "-o", 2)) {
            output = a + 2;
        } else {
            status = usage_error("unknown option '%s'", a);
            goto cleanup;
        }
    }
    if (!input) {
        status = usage_error("%s", "missing notebook argument");
        goto cleanup;
    }
    if (output && *output == '\0') {
        status = usage_error("%s", "empty output path");
        goto cleanup;
    }
    if (opts.version && *opts.version == '\0') {
        status = usage_error("%s", "empty --jupytext-version");
        goto cleanup;
    }

    if ((rc = load(&nb, input, &err)) < 0) {
        /* A missing or malformed notebook is the user's input; a read error
         * on an existing file (permissions, I/O) is the environment. */
        status = (rc == TITO_EIO || rc == TITO_ENOMEM) ? TITO_EXIT_ENV : TITO_EXIT_USAGE;
        fprintf(stderr, "tito convert: %s\n", err.message);
        goto cleanup;
    }

    rc = tito_jupytext_write(&text, nb, &opts, &warnings, &err);
    print_warnings(&warnings);
    if (rc < 0) {
        status = rc == TITO_ENOMEM ? TITO_EXIT_ENV : TITO_EXIT_USAGE;
        fprintf(stderr, "tito convert: %s: %s\n", strcmp(input, "-") ? input : "<stdin>", err.message);
        goto cleanup;
    }
    if (text.failed) {
        status = TITO_EXIT_ENV;
        fprintf(stderr, "tito convert: out of memory\n");
        goto cleanup;
    }

    if (!output || !strcmp(output, "-"))
        rc = write_stdout(text.ptr ? text.ptr : "", text.len, &err);
    else
        rc = write_atomic(output, text.ptr ? text.ptr : "", text.len, &err);
    if (rc < 0) {
        status = TITO_EXIT_ENV;
        fprintf(stderr, "tito convert: %s\n", err.message);
        goto cleanup;
    }

cleanup:
    tito_nb_free(nb);
    tito_buf_dispose(&text);
    tito_buf_dispose(&warnings);
    return status;
}
