/* `tito export NB.ipynb --to PKGDIR`: nbdev_export of one notebook into a
 * package folder (shared/export does the work; this file is arguments and
 * reporting). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "export/export.h"
#include "nb/nb.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tito export NB.ipynb --to PKGDIR [options]\n"
            "\n"
            "Exports the notebook's `#| export` cells into the Python package PKGDIR the way\n"
            "nbdev 2.4.11's `nbdev_export --path NB.ipynb` does: one module per\n"
            "`#| default_exp a.b` (PKGDIR/a/b.py), `__all__`, relative imports of the package,\n"
            "`__init__.py` files with `__version__`, and PKGDIR/_modidx.py. All files are\n"
            "replaced together or not at all.\n"
            "\n"
            "  --to PKGDIR            the package folder (e.g. COURSE/tinytorch)\n"
            "  --lib-name NAME        package import name (default: PKGDIR's folder name)\n"
            "  --course DIR           course root: settings.ini is read from it and doc anchors\n"
            "                         are relative to DIR/modules (default: PKGDIR's parent)\n"
            "  --settings FILE        settings.ini to read instead of COURSE/settings.ini\n"
            "  --nbs-path DIR         notebooks root for _modidx anchors\n"
            "  --version V            __version__ to write (default: settings.ini `version`, else\n"
            "                         \"0.0.1\" when __init__.py has none)\n"
            "  --no-modidx            leave _modidx.py alone\n"
            "  --json                 print the result as JSON\n"
            "  -h, --help             show this help\n"
            "\n"
            "Exit status: 0 exported; 2 usage error or a notebook nbdev cannot export (no\n"
            "`#| default_exp`, bad directive, relative import, invalid Python in an exported\n"
            "cell); 3 a file could not be read or written.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tito export: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see `tito export --help`)\n");
    return TITO_EXIT_USAGE;
}

static void json_str(tito_buf *b, const char *s)
{
    tito_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            tito_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            tito_buf_printf(b, "\\u%04x", c);
        else
            tito_buf_putc(b, (char)c);
    }
    tito_buf_putc(b, '"');
}

static int exit_for(int code)
{
    if (code == TITO_EIO || code == TITO_ENOMEM)
        return TITO_EXIT_ENV;
    return TITO_EXIT_USAGE;
}

int tito_cmd_export(int argc, char **argv)
{
    const char *nb_path = NULL;
    tito_export_opts o = {NULL, NULL, NULL, NULL};
    tito_export_settings set = TITO_EXPORT_SETTINGS_INIT;
    int json = 0, rc = TITO_EXIT_OK;
    tito_nb *nb = NULL;
    tito_export_result *res = NULL;
    tito_error err = TITO_ERROR_INIT;
    char *course = NULL;
    tito_buf out = TITO_BUF_INIT;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return TITO_EXIT_OK;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
            continue;
        } else if (strcmp(a, "--no-modidx") == 0) {
            set.no_modidx = 1;
            continue;
        } else if (strcmp(a, "--to") == 0) {
            slot = &o.lib_path;
        } else if (strcmp(a, "--lib-name") == 0) {
            slot = &o.lib_name;
        } else if (strcmp(a, "--course") == 0) {
            slot = &o.course_dir;
        } else if (strcmp(a, "--settings") == 0) {
            slot = &set.settings_ini;
        } else if (strcmp(a, "--nbs-path") == 0) {
            slot = &set.nbs_path;
        } else if (strcmp(a, "--version") == 0) {
            slot = &set.version;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option %s", a);
        } else {
            if (nb_path)
                return usage_error("more than one notebook given (%s)", a);
            nb_path = a;
            continue;
        }
        if (i + 1 >= argc)
            return usage_error("%s needs a value", a);
        *slot = argv[++i];
    }
    if (!nb_path)
        return usage_error("%s", "no notebook given");
    if (!o.lib_path)
        return usage_error("%s", "--to PKGDIR is required");
    o.nb_path = nb_path;
    if (!o.course_dir) {
        char *abs = tito_fs_abspath(o.lib_path);
        course = abs ? tito_fs_dirname(abs) : NULL;
        free(abs);
        if (!course) {
            fprintf(stderr, "tito export: out of memory\n");
            return TITO_EXIT_ENV;
        }
        o.course_dir = course;
    }
    if (!o.lib_name)
        o.lib_name = tito_fs_basename(o.lib_path);

    int e = tito_nb_load(&nb, nb_path, &err);
    if (e < 0) {
        fprintf(stderr, "tito export: %s\n", err.message);
        rc = e == TITO_EIO || e == TITO_ENOMEM ? TITO_EXIT_ENV : TITO_EXIT_USAGE;
        goto cleanup;
    }
    e = tito_export_notebook_ext(&res, nb, &o, &set, &err);
    if (e < 0) {
        fprintf(stderr, "tito export: %s\n", err.message);
        rc = exit_for(e);
        goto cleanup;
    }
    if (json) {
        tito_buf_puts(&out, "{\"notebook\": ");
        json_str(&out, nb_path);
        tito_buf_puts(&out, ", \"default_exp\": ");
        if (res->default_exp)
            json_str(&out, res->default_exp);
        else
            tito_buf_puts(&out, "null");
        tito_buf_puts(&out, ", \"modules\": [");
        for (size_t i = 0; i < res->nmodules; i++) {
            tito_buf_puts(&out, i ? ", {\"path\": " : "{\"path\": ");
            json_str(&out, res->files[i]);
            tito_buf_printf(&out, ", \"cells\": %zu}", res->cells[i]);
        }
        tito_buf_puts(&out, "], \"files\": [");
        for (size_t i = 0; i < res->nfiles; i++) {
            if (i)
                tito_buf_puts(&out, ", ");
            json_str(&out, res->files[i]);
        }
        tito_buf_puts(&out, "]}\n");
        fputs(tito_buf_cstr(&out), stdout);
    } else {
        if (res->nmodules == 0)
            printf("exported 0 cells (no `#| export` cells in %s)\n", nb_path);
        for (size_t i = 0; i < res->nmodules; i++)
            printf("exported %zu cell%s to %s\n", res->cells[i], res->cells[i] == 1 ? "" : "s", res->files[i]);
        for (size_t i = res->nmodules; i < res->nfiles; i++)
            printf("updated %s\n", res->files[i]);
    }
    if (fflush(stdout) != 0)
        rc = TITO_EXIT_ENV;
cleanup:
    tito_buf_dispose(&out);
    tito_export_result_free(res);
    tito_nb_free(nb);
    free(course);
    return rc;
}
