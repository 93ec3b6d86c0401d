/* Submission discovery for `tito grade` (discover.h). */
#include "grade/discover.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/fs.h"

#define MAX_ID 64

int tito_grade_student_id_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > MAX_ID)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return 0;
    }
    return 1;
}

/* "01_tensor" -> "tensor"; a name without '_' is its own bare name. */
static const char *bare_name(const char *module)
{
    const char *u = strchr(module, '_');
    return u && u[1] ? u + 1 : module;
}

/* 1: a regular file; 0: nothing (or not a file); -1: a symbolic link. A
 * submission is a file the student handed in, never followed elsewhere (a
 * link to another student's work, or to a file of the grading machine). */
static int file_kind(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    if (S_ISLNK(st.st_mode))
        return -1;
    return S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The entries of dir but hidden ones, sorted; *out NULL with *n 0 when dir
 * cannot be read. */
static int list_dir(char ***out, size_t *n, const char *dir, tito_error *err)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            char **g = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof(*g));
            if (!g)
                goto oom;
            names = g;
        }
        if (!(names[*n] = strdup(e->d_name)))
            goto oom;
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof(*names), by_name);
    *out = names;
    return 0;
oom:
    closedir(d);
    free_names(names, *n);
    *n = 0;
    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

static int add_note(tito_grade_cohort *c, tito_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    char **g = realloc(c->notes, (c->nnotes + 1) * sizeof(*g));
    if (!g || !(g[c->nnotes] = strdup(tmp))) {
        if (g)
            c->notes = g;
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    c->notes = g;
    c->nnotes++;
    return 0;
}

/* What a module's folder holds: 1 and *path when it names a notebook, 2
 * and *note when it is ambiguous, 0 when it holds none. */
static int pick_in_folder(char **path, char **note, const char *dir, const char *shown, const char *module,
                          tito_error *err)
{
    char **names = NULL;
    size_t n = 0, nnb = 0;
    const char *only = NULL, *named = NULL;
    char want[600], want_bare[600];
    int rc = list_dir(&names, &n, dir, err);
    if (rc < 0)
        return rc;
    snprintf(want, sizeof(want), "%s.ipynb", module);
    snprintf(want_bare, sizeof(want_bare), "%s.ipynb", bare_name(module));
    tito_buf list = {0};
    for (size_t i = 0; i < n; i++) {
        char *p = tito_fs_join(dir, names[i]);
        int nb = p && ends_with(names[i], ".ipynb") && file_kind(p) == 1;
        free(p);
        if (!nb)
            continue;
        tito_buf_printf(&list, "%s%s", nnb ? ", " : "", names[i]);
        nnb++;
        only = names[i];
        if (!strcmp(names[i], want))
            named = names[i];
        else if (!named && !strcmp(names[i], want_bare))
            named = names[i];
    }
    if (named || nnb == 1) {
        rc = (*path = tito_fs_join(dir, named ? named : only)) ? 1 : TITO_ENOMEM;
    } else if (nnb > 1) {
        tito_buf b = {0};
        tito_buf_printf(&b, "%s/ holds %zu notebooks (%s) and none is named %s: keep one, or rename the one to grade",
                        shown, nnb, list.ptr ? list.ptr : "", want);
        rc = !b.failed && (*note = b.ptr) ? 2 : TITO_ENOMEM;
        if (rc < 0)
            tito_buf_dispose(&b);
    }
    tito_buf_dispose(&list);
    free_names(names, n);
    if (rc == TITO_ENOMEM)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    return rc;
}

/* The number of modules whose bare name is bare. */
static size_t bare_count(const char *const *modules, size_t nmodules, const char *bare)
{
    size_t k = 0;
    for (size_t i = 0; i < nmodules; i++)
        k += !strcmp(bare_name(modules[i]), bare);
    return k;
}

/* One module of one student: the cell. */
static int find_module(tito_grade_cell *cell, const char *sdir, const char *sid, const char *module,
                       const char *const *modules, size_t nmodules, tito_error *err)
{
    char *cand[4] = {NULL, NULL, NULL, NULL}, *link = NULL;
    char shown[4][1200];
    size_t nc = 0;
    int rc = 0;
    char rel[512];
    /* The folder layouts. */
    for (int layout = 0; layout < 2; layout++) {
        if (layout == 0)
            snprintf(rel, sizeof(rel), "modules/%s", module);
        else
            snprintf(rel, sizeof(rel), "%s", module);
        char *dir = tito_fs_join(sdir, rel);
        if (!dir)
            goto oom;
        if (tito_fs_is_dir(dir)) {
            char folder[1024], *p = NULL, *note = NULL;
            snprintf(folder, sizeof(folder), "%s/%s", sid, rel);
            int got = pick_in_folder(&p, &note, dir, folder, module, err);
            if (got == 2) {
                free(dir);
                cell->found = TITO_GRADE_AMBIGUOUS;
                cell->note = note;
                rc = 0;
                goto cleanup;
            }
            if (got == 1) {
                snprintf(shown[nc], sizeof(shown[nc]), "%s/%s", folder, tito_fs_basename(p));
                cand[nc++] = p;
            }
            if (got < 0) {
                free(dir);
                rc = got;
                goto cleanup;
            }
        }
        free(dir);
    }
    /* The flat layouts; the bare name only when it names this module alone. */
    for (int layout = 0; layout < 2; layout++) {
        const char *stem = layout == 0 ? module : bare_name(module);
        if (layout == 1 && (stem == module || bare_count(modules, nmodules, stem) != 1))
            break;
        snprintf(rel, sizeof(rel), "%s.ipynb", stem);
        char *p = tito_fs_join(sdir, rel);
        if (!p)
            goto oom;
        int kind = file_kind(p);
        if (kind == 1) {
            snprintf(shown[nc], sizeof(shown[nc]), "%s/%s", sid, rel);
            cand[nc++] = p;
        } else {
            if (kind < 0 && !link) {
                char why[700];
                snprintf(why, sizeof(why), "%s/%s is a symbolic link: not followed (hand in the file itself)", sid,
                         rel);
                if (!(link = strdup(why))) {
                    free(p);
                    goto oom;
                }
            }
            free(p);
        }
    }
    if (nc == 0) {
        cell->note = link; /* a hint why it is missing, or NULL */
        link = NULL;
    } else if (nc == 1) {
        cell->found = TITO_GRADE_FOUND;
        cell->path = cand[0];
        cand[0] = NULL;
    } else if (nc > 1) {
        tito_buf b = {0};
        tito_buf_printf(&b, "module %s is submitted %zu times (", module, nc);
        for (size_t i = 0; i < nc; i++)
            tito_buf_printf(&b, "%s%s", i ? ", " : "", shown[i]);
        tito_buf_puts(&b, "): keep one");
        if (b.failed) {
            tito_buf_dispose(&b);
            goto oom;
        }
        cell->found = TITO_GRADE_AMBIGUOUS;
        cell->note = b.ptr;
    }
cleanup:
    for (size_t i = 0; i < 4; i++)
        free(cand[i]);
    free(link);
    return rc;
oom:
    rc = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    goto cleanup;
}

/* Top-level notebooks of a student's folder that name no module. */
static int note_strays(tito_grade_cohort *c, const char *sdir, const char *sid, const char *const *modules,
                       size_t nmodules, tito_error *err)
{
    char **names = NULL;
    size_t n = 0;
    int rc = list_dir(&names, &n, sdir, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!ends_with(names[i], ".ipynb"))
            continue;
        char stem[600];
        snprintf(stem, sizeof(stem), "%.*s", (int)(strlen(names[i]) - 6), names[i]);
        int known = 0;
        for (size_t m = 0; m < nmodules && !known; m++)
            known = !strcmp(modules[m], stem);
        size_t nb = bare_count(modules, nmodules, stem);
        if (known || nb == 1)
            continue;
        if (nb > 1)
            rc = add_note(c, err, "%s/%s: '%s' names %zu modules of the course; ignored (name it NN_%s.ipynb)",
                          sid, names[i], stem, nb, stem);
        else
            rc = add_note(c, err, "%s/%s: names no module of the course; ignored (expected e.g. %s.ipynb)", sid,
                          names[i], nmodules ? modules[0] : "NN_name");
    }
    free_names(names, n);
    return rc;
}

int tito_grade_discover(tito_grade_cohort **out, const char *dir, const char *const *modules, size_t nmodules,
                        tito_error *err)
{
    tito_grade_cohort *c = NULL;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    *out = NULL;
    if (!tito_fs_is_dir(dir))
        return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_INVALID,
                              "%s: not a folder (SUBMISSIONS holds one folder per student)", dir);
    if (!(c = calloc(1, sizeof(*c))))
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    c->nmodules = nmodules;
    if ((rc = list_dir(&names, &n, dir, err)) < 0)
        goto cleanup;
    if (n && !(c->students = calloc(n, sizeof(*c->students))))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        char *sdir = tito_fs_join(dir, names[i]);
        if (!sdir)
            goto oom;
        if (!tito_fs_is_dir(sdir)) {
            /* A README beside the students is fine; a notebook there is
             * likely a student's work put in the wrong place. */
            free(sdir);
            if (ends_with(names[i], ".ipynb") &&
                (rc = add_note(c, err,
                               "skipped '%s': a notebook outside any student folder (each student needs a "
                               "folder of their own: SUBMISSIONS/STUDENT/)",
                               names[i])) < 0)
                goto cleanup;
            continue;
        }
        if (!tito_grade_student_id_ok(names[i])) {
            free(sdir);
            if ((rc = add_note(c, err,
                               "skipped '%s': a student id is 1 to 64 letters, digits, '.', '_' or '-', "
                               "starting with a letter or digit; rename the folder",
                               names[i])) < 0)
                goto cleanup;
            continue;
        }
        tito_grade_student *s = &c->students[c->nstudents++];
        if (!(s->id = strdup(names[i])) || !(s->cells = calloc(nmodules ? nmodules : 1, sizeof(*s->cells)))) {
            free(sdir);
            goto oom;
        }
        for (size_t m = 0; rc == 0 && m < nmodules; m++)
            rc = find_module(&s->cells[m], sdir, s->id, modules[m], modules, nmodules, err);
        if (rc == 0)
            rc = note_strays(c, sdir, s->id, modules, nmodules, err);
        free(sdir);
        if (rc < 0)
            goto cleanup;
    }
cleanup:
    free_names(names, n);
    if (rc < 0)
        tito_grade_cohort_free(c);
    else
        *out = c;
    return rc;
oom:
    rc = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    goto cleanup;
}

void tito_grade_cohort_free(tito_grade_cohort *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nstudents; i++) {
        for (size_t m = 0; c->students[i].cells && m < c->nmodules; m++) {
            free(c->students[i].cells[m].path);
            free(c->students[i].cells[m].note);
        }
        free(c->students[i].cells);
        free(c->students[i].id);
    }
    free(c->students);
    free_names(c->notes, c->nnotes);
    free(c);
}
