/* tito_course: a course on disk. The module folders (modules/NN_name/) are the
 * only source of module names: upstream's hard-coded name maps went stale
 * (spec/tinytorch.md §1), so we never keep one. */
#include "course/course.h"

#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct tito_course {
    char *dir;      /* absolute, no trailing slash */
    char *lib_name;
    tito_module_info *modules;
    size_t nmodules;
};

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
    return p;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lf = strlen(suffix);
    return ls >= lf && !strcmp(s + ls - lf, suffix);
}

/* A Python identifier in ASCII: what `import <lib_name>` accepts. */
static int is_identifier(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

char *tito_course_normalize_id(const char *spec)
{
    if (!spec)
        return NULL;
    size_t n = strlen(spec);
    int digits = n > 0;
    for (size_t i = 0; i < n; i++)
        if (spec[i] < '0' || spec[i] > '9')
            digits = 0;
    if (!digits)
        return strdup(spec);
    /* Upstream: f"{int(x):02d}". Strip leading zeros ourselves so a long
     * number is never truncated by an integer conversion. */
    while (n > 2 && spec[0] == '0') {
        spec++;
        n--;
    }
    char *out = malloc(n + 2);
    if (!out)
        return NULL;
    if (n == 1)
        snprintf(out, n + 2, "0%s", spec);
    else
        memcpy(out, spec, n + 1);
    return out;
}

/* --- settings.ini -------------------------------------------------------- */

struct ini_state {
    char *lib_name;
    int oom;
};

static int on_ini_key(void *user, const char *section, const char *name, const char *value)
{
    struct ini_state *st = user;
    /* nbdev reads settings.ini with configparser and keeps its keys under
     * [DEFAULT]; accept keys before any section header too. */
    if ((!*section || !strcmp(section, "DEFAULT")) && !strcmp(name, "lib_name")) {
        free(st->lib_name);
        st->lib_name = strdup(value);
        if (!st->lib_name)
            st->oom = 1;
    }
    return 1;
}

static int read_lib_name(char **out, const char *course_dir, tito_error *err)
{
    struct ini_state st = {NULL, 0};
    char *path = join(course_dir, "settings.ini");
    int error = 0, rc;

    *out = NULL;
    if (!path)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    if (!is_file(path))
        goto cleanup; /* no settings.ini: not an error, fall back */
    rc = ini_parse(path, on_ini_key, &st);
    if (rc < 0) {
        error = tito_error_set_os(err, TITO_EIO, "cannot read %s", path);
        goto cleanup;
    }
    if (rc > 0) {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_COURSE, "%s: line %d: syntax error", path, rc);
        goto cleanup;
    }
    if (st.oom) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (st.lib_name && !is_identifier(st.lib_name)) {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_COURSE,
                               "%s: lib_name '%s' is not a Python package name", path, st.lib_name);
        goto cleanup;
    }
    *out = st.lib_name;
    st.lib_name = NULL;

cleanup:
    free(st.lib_name);
    free(path);
    return error;
}

/* The package folder already exported into: the one subfolder holding core/. */
static int find_package_dir(char **out, const char *course_dir)
{
    DIR *d = opendir(course_dir);
    struct dirent *e;
    char *found = NULL;

    *out = NULL;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "modules") || !is_identifier(e->d_name))
            continue;
        char *sub = join(course_dir, e->d_name);
        char *core = sub ? join(sub, "core") : NULL;
        int hit = core && is_dir(core);
        free(core);
        free(sub);
        /* Two candidates: ambiguous, so prefer none and let the default apply. */
        if (hit) {
            if (found) {
                free(found);
                found = NULL;
                break;
            }
            found = strdup(e->d_name);
            if (!found)
                break;
        }
    }
    closedir(d);
    *out = found;
    return 0;
}

/* --- module discovery ---------------------------------------------------- */

static void module_dispose(tito_module_info *m)
{
    free(m->id);
    free(m->name);
    free(m->dir);
    free(m->notebook);
    free(m->solution);
    free(m->hidden_tests);
}

/* "01_tensor" -> digits length (2); 0 when the name is not NN_name. */
static size_t module_prefix(const char *name)
{
    size_t i = 0;
    while (name[i] >= '0' && name[i] <= '9')
        i++;
    if (i == 0 || name[i] != '_' || name[i + 1] == '\0')
        return 0;
    return i;
}

static int is_notebook_name(const char *name)
{
    return name[0] != '.' && ends_with(name, ".ipynb") && !ends_with(name, "-checkpoint.ipynb");
}

/* The notebook a module folder holds: NN_name.ipynb, else name.ipynb (the
 * older upstream layout), else the only .ipynb there. NULL (no error) when
 * none or several ambiguous ones. */
static int find_notebook(char **out, const char *dir, const char *name, tito_error *err)
{
    const char *bare = name + module_prefix(name) + 1;
    char *cand = NULL, *single = NULL;
    size_t count = 0;
    DIR *d = NULL;
    struct dirent *e;
    int error = 0;

    *out = NULL;
    const char *stems[2] = {name, bare};
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(stems[i]) + sizeof(".ipynb");
        char *file = malloc(n);
        TITO_CHECK_ALLOC(file, err);
        snprintf(file, n, "%s.ipynb", stems[i]);
        cand = join(dir, file);
        free(file);
        TITO_CHECK_ALLOC(cand, err);
        if (is_file(cand)) {
            *out = cand;
            return 0;
        }
        free(cand);
        cand = NULL;
    }
    if ((d = opendir(dir)) == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        if (!is_notebook_name(e->d_name))
            continue;
        if (++count > 1)
            break;
        single = join(dir, e->d_name);
        if (!single) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (count == 1 && is_file(single)) {
        *out = single;
        single = NULL;
    }

cleanup:
    free(single);
    closedir(d);
    return error;
}

static int find_solution(char **out, const char *dir, const char *name, tito_error *err)
{
    const char *bare = name + module_prefix(name) + 1;
    const char *stems[2] = {name, bare};

    *out = NULL;
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(stems[i]) + sizeof("_solution.py");
        char *file = malloc(n);
        TITO_CHECK_ALLOC(file, err);
        snprintf(file, n, "%s_solution.py", stems[i]);
        char *path = join(dir, file);
        free(file);
        TITO_CHECK_ALLOC(path, err);
        if (is_file(path)) {
            *out = path;
            return 0;
        }
        free(path);
    }
    return 0;
}

static int module_cmp(const void *a, const void *b)
{
    const tito_module_info *x = a, *y = b;
    size_t lx = strlen(x->id), ly = strlen(y->id);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->name, y->name);
}

static int load_modules(tito_course *c, tito_error *err)
{
    char *mdir = join(c->dir, "modules");
    char *tests = join(c->dir, "tests");
    DIR *d = NULL;
    struct dirent *e;
    size_t cap = 0;
    int error = 0;

    if (!mdir || !tests) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((d = opendir(mdir)) == NULL) {
        error = tito_error_set_os(err, errno == ENOENT ? TITO_ENOTFOUND : TITO_EIO, "cannot read %s", mdir);
        goto cleanup;
    }
    while ((e = readdir(d)) != NULL) {
        size_t plen = module_prefix(e->d_name);
        /* Skip hidden folders (.ipynb_checkpoints) and Jupyter's *-checkpoint copies. */
        if (!plen || e->d_name[0] == '.' || ends_with(e->d_name, "-checkpoint"))
            continue;
        char *dir = join(mdir, e->d_name);
        if (!dir) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        if (!is_dir(dir)) {
            free(dir);
            continue;
        }
        if (c->nmodules == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            tito_module_info *p = realloc(c->modules, ncap * sizeof(*p));
            if (!p) {
                free(dir);
                error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                goto cleanup;
            }
            c->modules = p;
            cap = ncap;
        }
        tito_module_info *m = &c->modules[c->nmodules++];
        memset(m, 0, sizeof(*m));
        m->dir = dir;
        m->name = strdup(e->d_name);
        char *digits = strndup(e->d_name, plen);
        m->id = digits ? tito_course_normalize_id(digits) : NULL;
        free(digits);
        char *hidden = join(tests, e->d_name);
        if (!m->name || !m->id || !hidden) {
            free(hidden);
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        if (is_dir(hidden))
            m->hidden_tests = hidden;
        else
            free(hidden);
        if ((error = find_notebook(&m->notebook, m->dir, m->name, err)) < 0 ||
            (error = find_solution(&m->solution, m->dir, m->name, err)) < 0)
            goto cleanup;
    }
    qsort(c->modules, c->nmodules, sizeof(*c->modules), module_cmp);
    /* Two folders with one number (01_a, 01_b) make "module 01" ambiguous. */
    for (size_t i = 1; i < c->nmodules; i++) {
        if (!strcmp(c->modules[i - 1].id, c->modules[i].id)) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_COURSE,
                                   "%s: module folders %s and %s share the number %s", mdir,
                                   c->modules[i - 1].name, c->modules[i].name, c->modules[i].id);
            goto cleanup;
        }
    }

cleanup:
    if (d)
        closedir(d);
    free(mdir);
    free(tests);
    return error;
}

int tito_course_open(tito_course **out, const char *dir, tito_error *err)
{
    tito_course *c = NULL;
    char *modules = NULL;
    char real[PATH_MAX];
    int error = 0;

    *out = NULL;
    if (!dir || !realpath(dir, real))
        return tito_error_set_os(err, TITO_ENOTFOUND, "course %s", dir ? dir : "(null)");
    c = calloc(1, sizeof(*c));
    TITO_CHECK_ALLOC(c, err);
    if ((c->dir = strdup(real)) == NULL || (modules = join(real, "modules")) == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (!is_dir(modules)) {
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_COURSE, "%s is not a course: it has no modules/ folder",
                               real);
        goto cleanup;
    }
    if ((error = read_lib_name(&c->lib_name, c->dir, err)) < 0)
        goto cleanup;
    if (!c->lib_name && (error = find_package_dir(&c->lib_name, c->dir)) < 0)
        goto cleanup;
    if (!c->lib_name && (c->lib_name = strdup("tinytorch")) == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = load_modules(c, err)) < 0)
        goto cleanup;
    *out = c;
    c = NULL;

cleanup:
    free(modules);
    tito_course_free(c);
    return error;
}

void tito_course_free(tito_course *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nmodules; i++)
        module_dispose(&c->modules[i]);
    free(c->modules);
    free(c->lib_name);
    free(c->dir);
    free(c);
}

const char *tito_course_dir(const tito_course *c)
{
    return c->dir;
}

const char *tito_course_lib_name(const tito_course *c)
{
    return c->lib_name;
}

size_t tito_course_nmodules(const tito_course *c)
{
    return c->nmodules;
}

const tito_module_info *tito_course_module_at(const tito_course *c, size_t i)
{
    return i < c->nmodules ? &c->modules[i] : NULL;
}

const tito_module_info *tito_course_find(const tito_course *c, const char *spec)
{
    const tito_module_info *hit = NULL;
    char *id;

    if (!c || !spec || !*spec)
        return NULL;
    if ((id = tito_course_normalize_id(spec)) == NULL)
        return NULL;
    for (size_t i = 0; i < c->nmodules && !hit; i++) {
        const tito_module_info *m = &c->modules[i];
        const char *bare = m->name + module_prefix(m->name) + 1;
        if (!strcmp(m->id, id) || !strcmp(m->name, spec) || !strcmp(bare, spec))
            hit = m;
    }
    free(id);
    return hit;
}
