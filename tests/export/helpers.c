/* Paths here are short temp folders; silence GCC's worst-case truncation math. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#include "helpers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nb/nb.h"

char xt_root[PATH_MAX];

void xt_src(char *out, size_t size, const char *rel)
{
    const char *src = getenv("TITO_SOURCE_DIR");
    if (src)
        snprintf(out, size, "%s/tests/export/%s", src, rel);
    else
        snprintf(out, size, "%s", rel); /* ctest runs us in tests/export */
}

void xt_setup(void)
{
    char tmpl[] = "/tmp/tito-export-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    cr_assert_not_null(realpath(tmpl, xt_root));
}

void xt_teardown(void)
{
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", xt_root, xt_root);
    if (xt_root[0])
        cr_assert_eq(system(cmd), 0);
}

void xt_copy_fixture(const char *rel, const char *dest)
{
    char src[PATH_MAX], cmd[3 * PATH_MAX];
    xt_src(src, sizeof(src), rel);
    snprintf(cmd, sizeof(cmd), "mkdir -p \"%s/%s\" && cp -R \"%s\"/. \"%s/%s\"/", xt_root, dest, src, xt_root, dest);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

int xt_export(const char *course, const char *nb, const char *lib, tito_error *err, tito_export_result **res)
{
    char nbp[PATH_MAX], libp[PATH_MAX], coursep[PATH_MAX];
    snprintf(nbp, sizeof(nbp), "%s/%s", xt_root, nb);
    snprintf(libp, sizeof(libp), "%s/%s", xt_root, lib);
    snprintf(coursep, sizeof(coursep), "%s/%s", xt_root, course);
    tito_nb *n = NULL;
    int rc = tito_nb_load(&n, nbp, err);
    cr_assert_eq(rc, 0, "load %s: %s", nbp, err->message);
    tito_export_opts o = {nbp, libp, NULL, coursep};
    rc = tito_export_notebook_ext(res, n, &o, NULL, err);
    tito_nb_free(n);
    return rc;
}

char *xt_read(const char *rel, size_t *len)
{
    char p[PATH_MAX];
    snprintf(p, sizeof(p), "%s/%s", xt_root, rel);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

void xt_write(const char *rel, const char *content)
{
    char p[PATH_MAX];
    snprintf(p, sizeof(p), "%s/%s", xt_root, rel);
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f, "cannot write %s", p);
    fputs(content, f);
    fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, f);
    fclose(f);
    b[got] = '\0';
    *len = got;
    return b;
}

/* Lists the regular files under dir as paths relative to it, sorted. */
static void list_files(const char *dir, const char *prefix, char ***out, size_t *n)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s%s%s", dir, *prefix ? "/" : "", prefix);
    DIR *d = opendir(path);
    cr_assert_not_null(d, "cannot list %s", path);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 || strcmp(de->d_name, "__pycache__") == 0)
            continue;
        char rel[PATH_MAX], full[PATH_MAX];
        snprintf(rel, sizeof(rel), "%s%s%s", prefix, *prefix ? "/" : "", de->d_name);
        snprintf(full, sizeof(full), "%s/%s", dir, rel);
        struct stat st;
        cr_assert_eq(stat(full, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            list_files(dir, rel, out, n);
        } else {
            *out = realloc(*out, (*n + 1) * sizeof(**out));
            (*out)[(*n)++] = strdup(rel);
        }
    }
    closedir(d);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void xt_assert_tree(const char *actual, const char *expected)
{
    char adir[PATH_MAX], edir[PATH_MAX];
    snprintf(adir, sizeof(adir), "%s/%s", xt_root, actual);
    xt_src(edir, sizeof(edir), expected);
    char **af = NULL, **ef = NULL;
    size_t an = 0, en = 0;
    list_files(adir, "", &af, &an);
    list_files(edir, "", &ef, &en);
    qsort(af, an, sizeof(*af), cmp);
    qsort(ef, en, sizeof(*ef), cmp);
    for (size_t i = 0; i < an || i < en; i++) {
        cr_assert(i < an && i < en && strcmp(af[i], ef[i]) == 0, "file lists differ at %zu: got %s, expected %s", i,
                  i < an ? af[i] : "(none)", i < en ? ef[i] : "(none)");
        char ap[PATH_MAX], ep[PATH_MAX];
        snprintf(ap, sizeof(ap), "%s/%s", adir, af[i]);
        snprintf(ep, sizeof(ep), "%s/%s", edir, ef[i]);
        size_t al = 0, el = 0;
        char *a = slurp(ap, &al), *e = slurp(ep, &el);
        cr_assert_not_null(a);
        cr_assert_not_null(e);
        if (al != el || memcmp(a, e, al) != 0) {
            size_t k = 0;
            while (k < al && k < el && a[k] == e[k])
                k++;
            size_t from = k > 60 ? k - 60 : 0;
            cr_assert_fail("%s differs from %s at byte %zu:\n--- got:\n%.*s\n--- expected:\n%.*s", ap, ep, k,
                           (int)((al - from) < 160 ? al - from : 160), a + from,
                           (int)((el - from) < 160 ? el - from : 160), e + from);
        }
        free(a);
        free(e);
    }
    for (size_t i = 0; i < an; i++)
        free(af[i]);
    for (size_t i = 0; i < en; i++)
        free(ef[i]);
    free(af);
    free(ef);
}

const char *xt_python(void)
{
    static const char *const candidates[] = {"/usr/bin/python3", "python3", NULL};
    for (int i = 0; candidates[i]; i++) {
        char cmd[256];
        snprintf(cmd, sizeof(cmd), "%s -c 'import numpy' >/dev/null 2>&1", candidates[i]);
        if (system(cmd) == 0)
            return candidates[i];
    }
    return NULL;
}
