/* The export pipeline, step for step nbdev 2.4.11's
 *   nbdev_export --path NB  =  nb_export(NB); add_init(lib); _build_modidx()
 * with ExportModuleProc (export.py) and ModuleMaker.make / _make_exists
 * (maker.py). See export.h for the output format; directives.c, pyscan.c,
 * relimport.c, pyfmt.c and modidx.c hold the pieces. */
#include "export/export.h"

#include <dirent.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export/export_private.h"
#include "export/pyfmt.h"
#include "export/pyscan.h"
#include "util/buf.h"
#include "util/fs.h"

typedef struct pcell {
    size_t idx;            /* index in the notebook: the `# %% nb idx` number */
    tito_cell_type type;
    char *src;             /* source after directive extraction (and import rewriting) */
    tito_export__dirs dirs;
    tito_pyscan *scan;     /* scan of src; see parsed() */
    int has_nul;           /* the notebook source holds a NUL byte */
} pcell;

typedef struct module {
    char *key;             /* "#" for default_exp, else the `#| export NAME` argument */
    size_t *cells, ncells; /* indices into the pcell array, in processing order */
    size_t *all, nall;     /* cells that count for __all__ (export, exports) */
} module;

typedef struct exporter {
    const tito_export_opts *o;
    const tito_export_settings *set;
    pcell *cells;
    size_t ncells;
    module *mods;
    size_t nmods;
    char *default_exp;
    tito_export__stage *stage;
    tito_error *err;
    const char *lib_given;  /* lib_path as the caller spelled it (normalised), for the result */
    /* settings.ini values (owned) */
    char *ini[7];
} exporter;

enum { INI_VERSION, INI_GIT_URL, INI_BRANCH, INI_DOC_HOST, INI_DOC_BASEURL, INI_LIB_PATH, INI_NBS_PATH };
static const char *const ini_keys[] = {"version", "git_url", "branch", "doc_host", "doc_baseurl", "lib_path",
                                       "nbs_path"};

static int nomem(tito_error *err) { return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory"); }

/* Files are staged under the absolute lib path; the result names them
 * the way the caller spelled lib_path. */
static char *display_path(const exporter *x, const char *abs)
{
    size_t n = strlen(x->o->lib_path);
    if (strncmp(abs, x->o->lib_path, n) == 0 && abs[n] == '/') {
        size_t g = strlen(x->lib_given), r = strlen(abs + n);
        char *p = malloc(g + r + 1);
        if (p) {
            memcpy(p, x->lib_given, g);
            memcpy(p + g, abs + n, r + 1);
        }
        return p;
    }
    return strdup(abs);
}

/* ---- cells -------------------------------------------------------- */

static int py_strip_empty(const char *s)
{
    for (; *s; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f' ||
              (*s >= 0x1c && *s <= 0x1f)))
            return 0;
    return 1;
}

static char first_nonspace(const char *s)
{
    for (; *s; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f' ||
              (*s >= 0x1c && *s <= 0x1f)))
            return *s;
    return '\0';
}

static int rescan(pcell *c)
{
    tito_pyscan_free(c->scan);
    c->scan = NULL;
    if (c->type != TITO_CELL_CODE)
        return 0;
    return tito_pyscan_parse(&c->scan, c->src, strlen(c->src));
}

/* execnb's NbCell.parsed_(): the statements, or NULL for non-code cells,
 * IPython `%` / `!` cells and cells that do not parse. */
static const tito_pyscan *parsed(const pcell *c)
{
    if (c->type != TITO_CELL_CODE || !c->scan)
        return NULL;
    char f = first_nonspace(c->src);
    if (f == '%' || f == '!')
        return NULL;
    if (c->scan->syntax_error)
        return NULL;
    return c->scan;
}

static module *get_module(exporter *x, const char *key)
{
    for (size_t i = 0; i < x->nmods; i++)
        if (strcmp(x->mods[i].key, key) == 0)
            return &x->mods[i];
    module *m = realloc(x->mods, (x->nmods + 1) * sizeof(*m));
    if (!m)
        return NULL;
    x->mods = m;
    m = &x->mods[x->nmods];
    memset(m, 0, sizeof(*m));
    if (!(m->key = strdup(key)))
        return NULL;
    x->nmods++;
    return m;
}

static int add_idx(size_t **arr, size_t *n, size_t v)
{
    size_t *p = realloc(*arr, (*n + 1) * sizeof(*p));
    if (!p)
        return TITO_ENOMEM;
    *arr = p;
    p[(*n)++] = v;
    return 0;
}

static int add_to(exporter *x, const char *key, size_t ci, int in_all)
{
    module *m = get_module(x, key);
    if (!m || add_idx(&m->cells, &m->ncells, ci) < 0 || (in_all && add_idx(&m->all, &m->nall, ci) < 0))
        return nomem(x->err);
    return 0;
}

static int load_cells(exporter *x, const tito_nb *nb)
{
    size_t n = tito_nb_ncells(nb);
    x->cells = calloc(n + 1, sizeof(*x->cells));
    if (!x->cells)
        return nomem(x->err);
    for (size_t i = 0; i < n; i++) {
        pcell *c = &x->cells[i];
        size_t len = 0;
        const char *src = tito_nb_cell_source(nb, i, &len);
        c->idx = i;
        c->type = tito_nb_cell_type(nb, i);
        c->has_nul = src && memchr(src, '\0', len) != NULL;
        x->ncells = i + 1;
        if (tito_export__extract_directives(&c->dirs, &c->src, src ? src : "", src ? len : 0) < 0)
            return nomem(x->err);
        if (rescan(c) < 0)
            return nomem(x->err);
    }
    return 0;
}

/* ExportModuleProc over every cell: directive methods of code cells in the
 * order of the directive dict, then __call__ for markdown titles. */
static int process(exporter *x)
{
    for (size_t i = 0; i < x->ncells; i++) {
        pcell *c = &x->cells[i];
        if (c->type == TITO_CELL_CODE) {
            for (size_t k = 0; k < c->dirs.n; k++) {
                const tito_export__directive *d = &c->dirs.d[k];
                int is_exp = strcmp(d->name, "export") == 0 || strcmp(d->name, "exports") == 0;
                int is_expi = strcmp(d->name, "exporti") == 0;
                if (c->has_nul && (is_exp || is_expi || strcmp(d->name, "default_exp") == 0))
                    return tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                          "cell %zu contains a NUL byte, which nbdev cannot export", c->idx);
                if (strcmp(d->name, "default_exp") == 0) {
                    if (d->nargs != 1)
                        return tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                              "cell %zu: `#| default_exp` takes exactly one module name, got %zu",
                                              c->idx, d->nargs);
                    free(x->default_exp);
                    if (!(x->default_exp = strdup(d->args[0])))
                        return nomem(x->err);
                } else if (is_exp || is_expi) {
                    if (d->nargs > 1)
                        return tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                              "cell %zu: `#| %s` takes at most one module name, got %zu", c->idx,
                                              d->name, d->nargs);
                    int e = add_to(x, d->nargs ? d->args[0] : "#", i, is_exp);
                    if (e < 0)
                        return e;
                }
            }
        }
        if (c->type == TITO_CELL_MARKDOWN && c->src[0] &&
            (strncmp(c->src, "# ", 2) == 0 || tito_export__dirs_get(&c->dirs, "export"))) {
            if (c->has_nul)
                return tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                      "cell %zu contains a NUL byte, which tito does not export", c->idx);
            int e = add_to(x, "#", i, 0);
            if (e < 0)
                return e;
        }
    }
    return 0;
}

/* ---- __all__ ------------------------------------------------------ */

typedef struct strlist {
    char **s;
    size_t n;
} strlist;

static int sl_add(strlist *l, const char *s, int unique)
{
    if (unique)
        for (size_t i = 0; i < l->n; i++)
            if (strcmp(l->s[i], s) == 0)
                return 0;
    char **p = realloc(l->s, (l->n + 1) * sizeof(*p));
    if (!p)
        return TITO_ENOMEM;
    l->s = p;
    if (!(p[l->n] = strdup(s)))
        return TITO_ENOMEM;
    l->n++;
    return 0;
}

static void sl_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    free(l->s);
    l->s = NULL;
    l->n = 0;
}

/* ModuleMaker.make_all: assignment target names, then def/class names not
 * decorated with patch*, those starting with '_' dropped, then the values of
 * `_all_` assignments; duplicates removed keeping the first. */
static int make_all(exporter *x, const module *m, strlist *out)
{
    strlist exports = {NULL, 0}, vals = {NULL, 0};
    int error = 0;
    for (size_t pass = 0; pass < 2 && error == 0; pass++)
        for (size_t i = 0; i < m->nall && error == 0; i++) {
            const tito_pyscan *s = parsed(&x->cells[m->all[i]]);
            if (!s)
                continue;
            for (size_t k = 0; k < s->nstmts && error == 0; k++) {
                const tito_pystmt *st = &s->stmts[k];
                if (pass == 0 && st->kind == TITO_PYSTMT_ASSIGN) {
                    for (size_t t = 0; t < st->ntargets && error == 0; t++)
                        if (st->targets[t] && st->targets[t][0] != '_')
                            error = sl_add(&exports, st->targets[t], 0);
                    if (st->first_target_is_all)
                        for (size_t t = 0; t < st->nall_vals && error == 0; t++)
                            error = sl_add(&vals, st->all_vals[t], 0);
                } else if (pass == 1 && (st->kind == TITO_PYSTMT_DEF || st->kind == TITO_PYSTMT_CLASS) &&
                           !st->patch_decorated && st->name && st->name[0] != '_') {
                    error = sl_add(&exports, st->name, 0);
                }
            }
        }
    for (size_t i = 0; i < exports.n && error == 0; i++)
        error = sl_add(out, exports.s[i], 1);
    for (size_t i = 0; i < vals.n && error == 0; i++)
        error = sl_add(out, vals.s[i], 1);
    sl_free(&exports);
    sl_free(&vals);
    return error < 0 ? nomem(x->err) : 0;
}

int tito_export__make_all_for(char ***out, size_t *n, const char *const *srcs, size_t nsrcs, tito_error *err)
{
    exporter x;
    module m;
    strlist all = {NULL, 0};
    int error = 0;
    memset(&x, 0, sizeof(x));
    memset(&m, 0, sizeof(m));
    x.err = err;
    *out = NULL;
    *n = 0;
    x.cells = calloc(nsrcs + 1, sizeof(*x.cells));
    m.all = calloc(nsrcs + 1, sizeof(*m.all));
    if (!x.cells || !m.all) {
        error = nomem(err);
        goto cleanup;
    }
    for (size_t i = 0; i < nsrcs; i++) {
        x.cells[i].type = TITO_CELL_CODE;
        x.ncells = i + 1;
        if (!(x.cells[i].src = strdup(srcs[i])) || rescan(&x.cells[i]) < 0) {
            error = nomem(err);
            goto cleanup;
        }
        m.all[m.nall++] = i;
    }
    if ((error = make_all(&x, &m, &all)) < 0)
        goto cleanup;
    *out = all.s;
    *n = all.n;
    all.s = NULL;
    all.n = 0;
cleanup:
    sl_free(&all);
    for (size_t i = 0; i < x.ncells; i++) {
        free(x.cells[i].src);
        tito_pyscan_free(x.cells[i].scan);
    }
    free(x.cells);
    free(m.all);
    return error;
}

/* ---- writing ------------------------------------------------------ */

/* write_cells: "\n\n# %% <nb> <idx>\n<source>" for non-blank code cells. */
static size_t write_cells(exporter *x, tito_buf *b, const size_t *idx, size_t n, const char *hdr)
{
    size_t written = 0;
    for (size_t i = 0; i < n; i++) {
        const pcell *c = &x->cells[idx[i]];
        if (c->type != TITO_CELL_CODE || py_strip_empty(c->src))
            continue;
        tito_buf_printf(b, "\n\n%s %zu\n", hdr, c->idx);
        tito_buf_puts(b, c->src);
        written++;
    }
    return written;
}

/* _retr_mdoc: the module docstring from the first markdown title cell's
 * `> summary` lines and any markdown cells marked `#| export`. */
static void module_doc(exporter *x, const module *m, tito_buf *b)
{
    tito_buf doc = TITO_BUF_INIT;
    const pcell *md1 = NULL;
    for (size_t i = 0; i < m->ncells && !md1; i++) {
        const pcell *c = &x->cells[m->cells[i]];
        if (c->type == TITO_CELL_MARKDOWN && strncmp(c->src, "# ", 2) == 0)
            md1 = c;
    }
    if (!md1)
        return;
    /* lines: dropwhile(not '> '), takewhile('> '); each lstrip('> ').strip() */
    const char *s = md1->src;
    size_t len = strlen(s);
    int started = 0, first = 1;
    for (size_t i = 0; i < len;) {
        size_t l = tito_export__line_len(s + i, len - i);
        size_t body = l;
        while (body > 0 && (s[i + body - 1] == '\n' || s[i + body - 1] == '\r'))
            body--;
        int quoted = body >= 2 && s[i] == '>' && s[i + 1] == ' ';
        if (quoted) {
            started = 1;
            size_t a = i, e = i + body;
            while (a < e && (s[a] == '>' || s[a] == ' '))
                a++;
            while (a < e && (s[a] == ' ' || s[a] == '\t'))
                a++;
            while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
                e--;
            if (!first)
                tito_buf_putc(&doc, '\n');
            tito_buf_put(&doc, s + a, e - a);
            first = 0;
        } else if (started) {
            break;
        }
        i += l;
    }
    for (size_t i = 0; i < m->ncells; i++) {
        const pcell *c = &x->cells[m->cells[i]];
        if (c->type == TITO_CELL_MARKDOWN && tito_export__dirs_get(&c->dirs, "export")) {
            size_t e = strlen(c->src);
            while (e > 0 && strchr(" \t\r\n\v\f", c->src[e - 1]))
                e--;
            tito_buf_puts(&doc, "\n\n");
            tito_buf_put(&doc, c->src, e);
        }
    }
    /* '\n\n'.join(...).strip() */
    size_t a = 0, e = doc.len;
    while (a < e && strchr(" \t\r\n\v\f", doc.ptr[a]))
        a++;
    while (e > a && strchr(" \t\r\n\v\f", doc.ptr[e - 1]))
        e--;
    if (e > a) {
        tito_buf_puts(b, "\"\"\"");
        tito_buf_put(b, doc.ptr + a, e - a);
        tito_buf_puts(b, "\n\"\"\"\n\n");
    }
    tito_buf_dispose(&doc);
}

static int valid_module_name(const char *nm)
{
    if (!*nm || nm[0] == '/')
        return 0;
    const char *p = nm;
    for (;;) {
        const char *e = p;
        while (*e && *e != '.')
            e++;
        if (e == p || strchr(p, '/') != NULL)
            return 0;
        if (!*e)
            return 1;
        p = e + 1;
    }
}

/* os.path.relpath(fname.parent, Path(lib_path).parent) */
static char *module_dir(const char *fname, const char *lib_path)
{
    char *d = tito_fs_dirname(fname), *lib_abs = tito_fs_abspath(lib_path);
    char *lp = lib_abs ? tito_fs_dirname(lib_abs) : NULL;
    char *r = (d && lp) ? tito_fs_relpath(d, lp) : NULL;
    free(d);
    free(lib_abs);
    free(lp);
    return r;
}

/* dest2nb = nb_path.relpath(fname.parent) (fastcore resolves both). */
static char *dest2nb(const char *nb_path, const char *fname)
{
    char *d = tito_fs_dirname(fname);
    char *nbr = tito_fs_resolve(nb_path), *dr = d ? tito_fs_resolve(d) : NULL;
    char *r = (nbr && dr) ? tito_fs_relpath(nbr, dr) : NULL;
    free(d);
    free(nbr);
    free(dr);
    return r;
}

static int rewrite_imports(exporter *x, const module *m, const char *mod_dir)
{
    for (size_t i = 0; i < m->nall; i++) {
        pcell *c = &x->cells[m->all[i]];
        const tito_pyscan *s = parsed(c);
        if (!s)
            continue;
        char *n = NULL;
        int e = tito_export__rewrite_imports(&n, c->src, s, mod_dir, x->err);
        if (e < 0) {
            if (e == TITO_EINVALID)
                tito_error_prefix(x->err, "cell %zu", c->idx);
            return e;
        }
        if (n) {
            free(c->src);
            c->src = n;
            if (rescan(c) < 0)
                return nomem(x->err);
        }
    }
    return 0;
}

/* find_var / read_var / update_var on `__all__`, for `#| export other.mod`. */
static int update_all(exporter *x, tito_buf *out, const char *code, size_t len, const strlist *extra,
                      const char *fname)
{
    /* code.splitlines() */
    size_t nlines = 0;
    for (size_t i = 0; i < len; i += tito_export__line_len(code + i, len - i))
        nlines++;
    size_t *st = calloc(nlines + 1, sizeof(*st)), *ln = calloc(nlines + 1, sizeof(*ln));
    tito_buf expr = TITO_BUF_INIT, src = TITO_BUF_INIT;
    tito_pyscan *scan = NULL;
    int error = 0;
    if (!st || !ln) {
        error = nomem(x->err);
        goto cleanup;
    }
    size_t k = 0;
    for (size_t i = 0; i < len; k++) {
        size_t l = tito_export__line_len(code + i, len - i);
        st[k] = i;
        size_t body = l;
        /* drop the line break: one of \r\n, \n, \r, \v, \f, \x1c-\x1e, \x85, \u2028/9 */
        if (body >= 2 && code[i + body - 2] == '\r' && code[i + body - 1] == '\n')
            body -= 2;
        else if (body >= 3 && (unsigned char)code[i + body - 3] == 0xE2 && (unsigned char)code[i + body - 2] == 0x80 &&
                 ((unsigned char)code[i + body - 1] == 0xA8 || (unsigned char)code[i + body - 1] == 0xA9))
            body -= 3;
        else if (body >= 2 && (unsigned char)code[i + body - 2] == 0xC2 && (unsigned char)code[i + body - 1] == 0x85)
            body -= 2;
        else if (body >= 1 && strchr("\n\r\v\f\x1c\x1d\x1e", code[i + body - 1]))
            body -= 1;
        ln[k] = body;
        i += l;
    }
    size_t start = nlines;
    for (size_t i = 0; i < nlines; i++)
        if (ln[i] >= 7 && memcmp(code + st[i], "__all__", 7) == 0) {
            start = i;
            break;
        }
    if (start == nlines) {
        error = tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                               "%s has no `__all__` line to add the exported names to", fname);
        goto cleanup;
    }
    size_t end = start + 1;
    while (end < nlines && ln[end] > 0 && (code[st[end]] == ' ' || code[st[end]] == '\t'))
        end++;
    /* [lines[start].split('=')[-1].strip()] + lines[start+1:end] */
    const char *l0 = code + st[start];
    size_t a = 0;
    for (size_t i = 0; i < ln[start]; i++)
        if (l0[i] == '=')
            a = i + 1;
    tito_buf_puts(&expr, "_all_ = ");
    tito_buf_put(&expr, l0 + a, ln[start] - a);
    for (size_t i = start + 1; i < end; i++) {
        tito_buf_putc(&expr, '\n');
        tito_buf_put(&expr, code + st[i], ln[i]);
    }
    if (expr.failed || tito_pyscan_parse(&scan, expr.ptr, expr.len) < 0) {
        error = nomem(x->err);
        goto cleanup;
    }
    if (scan->syntax_error || scan->nstmts != 1 || !scan->stmts[0].first_target_is_all) {
        error = tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT, "%s: cannot read its `__all__` list",
                               fname);
        goto cleanup;
    }
    /* pformat(L(alls) + make_all(...), width=160) is repr() of the list */
    strlist all = {scan->stmts[0].all_vals, scan->stmts[0].nall_vals};
    tito_buf_puts(&src, "__all__ = [");
    for (size_t i = 0; i < all.n + extra->n; i++) {
        const char *v = i < all.n ? all.s[i] : extra->s[i - all.n];
        if (i)
            tito_buf_puts(&src, ", ");
        tito_pyfmt_repr_str(&src, v, strlen(v));
    }
    tito_buf_putc(&src, ']');
    /* '\n'.join(lines) with lines[start:end] replaced */
    for (size_t i = 0; i < nlines; i++) {
        if (i == end && end > start && i != start) {
            /* nothing: handled at start */
        }
        if (i > start && i < end)
            continue;
        if (i)
            tito_buf_putc(out, '\n');
        if (i == start)
            tito_buf_put(out, src.ptr, src.len);
        else
            tito_buf_put(out, code + st[i], ln[i]);
    }
    if (out->failed || src.failed)
        error = nomem(x->err);
cleanup:
    tito_pyscan_free(scan);
    tito_buf_dispose(&expr);
    tito_buf_dispose(&src);
    free(st);
    free(ln);
    return error;
}

static int make_module(exporter *x, const module *m, tito_export_result *res)
{
    const tito_export_opts *o = x->o;
    const char *nm = strcmp(m->key, "#") == 0 ? x->default_exp : m->key;
    int is_new = strcmp(m->key, "#") == 0;
    tito_buf path = TITO_BUF_INIT, b = TITO_BUF_INIT, hdr = TITO_BUF_INIT;
    char *fname = NULL, *mod_dir = NULL, *rel = NULL;
    strlist all = {NULL, 0};
    int error = 0;
    size_t written = 0;

    if (!valid_module_name(nm)) {
        error = tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT, "bad module name `%s`", nm);
        goto cleanup;
    }
    tito_buf_puts(&path, o->lib_path);
    if (path.len && path.ptr[path.len - 1] != '/')
        tito_buf_putc(&path, '/');
    for (const char *c = nm; *c; c++)
        tito_buf_putc(&path, *c == '.' ? '/' : *c);
    tito_buf_puts(&path, ".py");
    if (path.failed || !(fname = tito_buf_detach(&path, NULL)))
        goto nomem;
    if (!(rel = dest2nb(o->nb_path, fname)) || !(mod_dir = module_dir(fname, o->lib_path)))
        goto nomem;
    tito_buf_printf(&hdr, "# %%%% %s", rel);
    for (size_t i = 0; i < m->ncells; i++)
        if (x->cells[m->cells[i]].has_nul && x->cells[m->cells[i]].type == TITO_CELL_CODE) {
            /* ast.parse refuses it; nbdev's export of the file would fail */
            error = tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                   "cell %zu (exported to %s) contains a NUL byte, which is not valid Python",
                                   x->cells[m->cells[i]].idx, fname);
            goto cleanup;
        }
    if ((error = rewrite_imports(x, m, mod_dir)) < 0)
        goto cleanup;

    if (!is_new) {
        const char *cur = NULL;
        size_t curlen = 0;
        if ((error = tito_export__stage_read(x->stage, fname, &cur, &curlen, x->err)) < 0)
            goto cleanup;
        if (!cur) {
            error = tito_error_set(x->err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                   "`#| export %s`: %s does not exist (nbdev only appends to an existing module)",
                                   m->key, fname);
            goto cleanup;
        }
        if (m->nall > 0) {
            if ((error = make_all(x, m, &all)) < 0)
                goto cleanup;
            if ((error = update_all(x, &b, cur, curlen, &all, fname)) < 0)
                goto cleanup;
        } else {
            tito_buf_put(&b, cur, curlen);
        }
        written = write_cells(x, &b, m->cells, m->ncells, hdr.ptr);
    } else {
        if ((error = make_all(x, m, &all)) < 0)
            goto cleanup;
        size_t last_future = 0;
        if (m->nall > 0)
            for (size_t i = 0; i < m->ncells; i++) {
                const tito_pyscan *s = parsed(&x->cells[m->cells[i]]);
                for (size_t k = 0; s && k < s->nstmts; k++)
                    if (s->stmts[k].kind == TITO_PYSTMT_IMPORTFROM && s->stmts[k].level == 0 &&
                        s->stmts[k].module && strcmp(s->stmts[k].module, "__future__") == 0)
                        last_future = i + 1;
            }
        tito_buf allrepr = TITO_BUF_INIT;
        tito_pyfmt_repr_strlist(&allrepr, all.s, all.n);
        module_doc(x, m, &b);
        tito_buf_printf(&b, "# AUTOGENERATED! DO NOT EDIT! File to edit: %s.", rel);
        if (last_future > 0)
            written += write_cells(x, &b, m->cells, last_future, hdr.ptr);
        tito_buf_puts(&b, "\n\n# %% auto 0\n__all__ = ");
        if (allrepr.failed || tito_pyfmt_wrap(&b, allrepr.ptr, 120, 11) < 0) {
            tito_buf_dispose(&allrepr);
            goto nomem;
        }
        tito_buf_dispose(&allrepr);
        written += write_cells(x, &b, m->cells + last_future, m->ncells - last_future, hdr.ptr);
        tito_buf_putc(&b, '\n');
    }
    if (b.failed || hdr.failed)
        goto nomem;
    if ((error = tito_export__stage_put(x->stage, fname, b.ptr, b.len, x->err)) < 0)
        goto cleanup;
    /* record it for the result (a module written twice is listed once) */
    char *shown = display_path(x, fname);
    if (!shown)
        goto nomem;
    free(fname);
    fname = shown;
    size_t j;
    for (j = 0; j < res->nfiles; j++)
        if (strcmp(res->files[j], fname) == 0)
            break;
    if (j == res->nfiles) {
        char **f = realloc(res->files, (res->nfiles + 1) * sizeof(*f));
        size_t *cc = realloc(res->cells, (res->nfiles + 1) * sizeof(*cc));
        if (f)
            res->files = f;
        if (cc)
            res->cells = cc;
        if (!f || !cc)
            goto nomem;
        res->files[j] = fname;
        res->cells[j] = 0;
        fname = NULL;
        res->nfiles++;
        res->nmodules = res->nfiles;
    }
    res->cells[j] += written;
    goto cleanup;
nomem:
    error = nomem(x->err);
cleanup:
    tito_buf_dispose(&path);
    tito_buf_dispose(&b);
    tito_buf_dispose(&hdr);
    sl_free(&all);
    free(fname);
    free(mod_dir);
    free(rel);
    return error;
}

/* ---- add_init ----------------------------------------------------- */

static int record_file(const exporter *x, tito_export_result *res, const char *abs)
{
    char *path = display_path(x, abs);
    if (!path)
        return TITO_ENOMEM;
    int r = 0;
    for (size_t j = 0; j < res->nfiles; j++)
        if (strcmp(res->files[j], path) == 0)
            goto done;
    char **f = realloc(res->files, (res->nfiles + 1) * sizeof(*f));
    size_t *cc = realloc(res->cells, (res->nfiles + 1) * sizeof(*cc));
    if (f)
        res->files = f;
    if (cc)
        res->cells = cc;
    if (!f || !cc) {
        r = TITO_ENOMEM;
        goto done;
    }
    res->files[res->nfiles] = path;
    path = NULL;
    res->cells[res->nfiles++] = 0;
done:
    free(path);
    return r;
}

/* Does dir hold a .py file, directly or below (on disk or staged)? Adds
 * the missing __init__.py files on the way, bottom-up like os.walk. */
static int init_walk(exporter *x, const char *dir, int depth, int *has_py, tito_export_result *res)
{
    *has_py = 0;
    if (depth > 64)
        return 0;
    int error = 0, any = 0;
    size_t dl = strlen(dir);
    /* staged files directly in dir, and staged subdirectories */
    strlist subdirs = {NULL, 0};
    for (size_t i = 0; i < tito_export__stage_count(x->stage) && error == 0; i++) {
        const char *p = tito_export__stage_path(x->stage, i);
        if (strncmp(p, dir, dl) != 0 || p[dl] != '/')
            continue;
        const char *rest = p + dl + 1;
        const char *slash = strchr(rest, '/');
        if (!slash) {
            size_t n = strlen(rest);
            if (n >= 3 && strcmp(rest + n - 3, ".py") == 0)
                any = 1;
        } else {
            char *sub = strndup(p, (size_t)(slash - p));
            if (!sub || sl_add(&subdirs, sub, 1) < 0)
                error = nomem(x->err);
            free(sub);
        }
    }
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while (error == 0 && (de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char *p = tito_fs_join(dir, de->d_name);
            if (!p) {
                error = nomem(x->err);
                break;
            }
            struct stat st;
            if (lstat(p, &st) == 0) {
                size_t n = strlen(de->d_name);
                if (S_ISDIR(st.st_mode) && sl_add(&subdirs, p, 1) < 0)
                    error = nomem(x->err);
                else if (n >= 3 && strcmp(de->d_name + n - 3, ".py") == 0)
                    any = 1;
            }
            free(p);
        }
        closedir(d);
    }
    for (size_t i = 0; i < subdirs.n && error == 0; i++) {
        int sub_py = 0;
        error = init_walk(x, subdirs.s[i], depth + 1, &sub_py, res);
        if (sub_py)
            any = 1;
    }
    sl_free(&subdirs);
    if (error < 0)
        return error;
    if (any || depth == 0) {
        char *init = tito_fs_join(dir, "__init__.py");
        if (!init)
            return nomem(x->err);
        const char *cur = NULL;
        error = tito_export__stage_read(x->stage, init, &cur, NULL, x->err);
        if (error == 0 && !cur) {
            error = tito_export__stage_put(x->stage, init, "", 0, x->err);
            if (error == 0 && record_file(x, res, init) < 0)
                error = nomem(x->err);
        }
        free(init);
        *has_py = 1;
    }
    return error;
}

/* update_version: `__version__ = "V"` replaces every `^__version__\s*=.*$`
 * line, or is put first. */
static int update_version(exporter *x, tito_export_result *res)
{
    const char *version = x->set->version ? x->set->version : x->ini[INI_VERSION];
    int only_if_missing = version == NULL;
    if (!version)
        version = "0.0.1";
    char *init = tito_fs_join(x->o->lib_path, "__init__.py");
    tito_buf b = TITO_BUF_INIT;
    int error = 0, found = 0;
    if (!init)
        return nomem(x->err);
    const char *cur = NULL;
    size_t len = 0;
    if ((error = tito_export__stage_read(x->stage, init, &cur, &len, x->err)) < 0)
        goto cleanup;
    if (!cur) {
        cur = "";
        len = 0;
    }
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(cur + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (cur + i)) : len - i;
        int match = 0;
        if (l >= 11 && memcmp(cur + i, "__version__", 11) == 0) {
            size_t k = i + 11;
            while (k < i + l && strchr(" \t\r\v\f", cur[k]))
                k++;
            match = k < i + l && cur[k] == '=';
        }
        if (match) {
            found = 1;
            tito_buf_printf(&b, "__version__ = \"%s\"", version);
        } else {
            tito_buf_put(&b, cur + i, l);
        }
        if (nl)
            tito_buf_putc(&b, '\n');
        i += l + (nl ? 1 : 0);
    }
    if (found && only_if_missing)
        goto cleanup;
    if (!found) {
        tito_buf_clear(&b);
        tito_buf_printf(&b, "__version__ = \"%s\"\n", version);
        tito_buf_put(&b, cur, len);
    }
    if (b.failed) {
        error = nomem(x->err);
        goto cleanup;
    }
    if (b.len != len || (len > 0 && memcmp(b.ptr, cur, len) != 0)) {
        if ((error = tito_export__stage_put(x->stage, init, b.ptr, b.len, x->err)) < 0)
            goto cleanup;
        if (record_file(x, res, init) < 0)
            error = nomem(x->err);
    }
cleanup:
    tito_buf_dispose(&b);
    free(init);
    return error;
}

/* ---- settings.ini ------------------------------------------------- */

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    exporter *x = user;
    (void)section;
    for (size_t i = 0; i < sizeof(ini_keys) / sizeof(ini_keys[0]); i++)
        if (strcmp(name, ini_keys[i]) == 0) {
            free(x->ini[i]);
            x->ini[i] = strdup(value);
            if (!x->ini[i])
                return 0;
        }
    return 1;
}

static int read_settings(exporter *x)
{
    char *path = NULL;
    if (x->set->settings_ini)
        path = strdup(x->set->settings_ini);
    else if (x->o->course_dir)
        path = tito_fs_join(x->o->course_dir, "settings.ini");
    else
        return 0;
    if (!path)
        return nomem(x->err);
    int error = 0;
    if (tito_fs_exists(path)) {
        int rc = ini_parse(path, on_ini, x);
        if (rc != 0)
            error = tito_error_set(x->err, rc < 0 ? TITO_EIO : TITO_EINVALID, TITO_ERROR_CONFIG,
                                   rc < 0 ? "%s: cannot read settings" : "%s: syntax error in settings", path);
    } else if (x->set->settings_ini) {
        error = tito_error_set(x->err, TITO_ENOTFOUND, TITO_ERROR_CONFIG, "%s: no such settings file", path);
    }
    free(path);
    return error;
}

/* ---- entry point -------------------------------------------------- */

int tito_export_notebook(tito_export_result **out, const tito_nb *nb, const tito_export_opts *opts,
                         tito_error *err)
{
    return tito_export_notebook_ext(out, nb, opts, NULL, err);
}

int tito_export_notebook_ext(tito_export_result **out, const tito_nb *nb, const tito_export_opts *opts,
                             const tito_export_settings *set_in, tito_error *err)
{
    static const tito_export_settings defaults = TITO_EXPORT_SETTINGS_INIT;
    const tito_export_settings *set = set_in ? set_in : &defaults;
    exporter x;
    tito_export_result *res = NULL;
    tito_buf idx = TITO_BUF_INIT;
    char *nbs_default = NULL, *lib_base = NULL, *modidx_path = NULL, *lib_abs = NULL, *lib_given = NULL;
    tito_export_opts o2;
    int error = 0;
    memset(&x, 0, sizeof(x));
    x.err = err;
    if (out)
        *out = NULL;
    if (!nb || !opts || !opts->nb_path || !opts->lib_path || !opts->lib_path[0])
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID, "export: notebook and lib_path required");
    o2 = *opts;
    lib_abs = tito_fs_abspath(opts->lib_path);
    lib_given = tito_fs_normpath(opts->lib_path);
    if (!lib_abs || !lib_given)
        goto nomem;
    o2.lib_path = lib_abs;
    x.o = &o2;
    x.set = set;
    x.lib_given = lib_given;
    res = calloc(1, sizeof(*res));
    if (!res || tito_export__stage_new(&x.stage) < 0)
        goto nomem;
    if ((error = read_settings(&x)) < 0)
        goto cleanup;
    if ((error = load_cells(&x, nb)) < 0)
        goto cleanup;
    if ((error = process(&x)) < 0)
        goto cleanup;
    if (x.default_exp && !(res->default_exp = strdup(x.default_exp)))
        goto nomem;

    int any_code = 0;
    for (size_t i = 0; i < x.nmods; i++)
        for (size_t k = 0; k < x.mods[i].ncells; k++)
            if (x.cells[x.mods[i].cells[k]].type == TITO_CELL_CODE)
                any_code = 1;
    if (!x.default_exp && !any_code) {
        error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_EXPORT,
                               "%s: no `#| default_exp` cell: nothing to export", opts->nb_path);
        goto cleanup;
    }
    for (size_t i = 0; i < x.nmods; i++) {
        const module *m = &x.mods[i];
        int code = 0;
        for (size_t k = 0; k < m->ncells; k++)
            if (x.cells[m->cells[k]].type == TITO_CELL_CODE)
                code = 1;
        if (!code)
            continue;
        if (strcmp(m->key, "#") == 0 && !x.default_exp) {
            error = tito_error_set(err, TITO_EINVALID, TITO_ERROR_EXPORT,
                                   "%s uses `#| export` without a `#| default_exp` cell", opts->nb_path);
            goto cleanup;
        }
        if ((error = make_module(&x, m, res)) < 0)
            goto cleanup;
    }

    /* add_init + update_version */
    {
        int has_py = 0;
        if ((error = init_walk(&x, lib_abs, 0, &has_py, res)) < 0)
            goto cleanup;
    }
    if ((error = update_version(&x, res)) < 0)
        goto cleanup;

    if (!set->no_modidx) {
        tito_export__modidx_opts mo;
        memset(&mo, 0, sizeof(mo));
        mo.lib_dir = lib_abs;
        const char *nbs = set->nbs_path ? set->nbs_path : NULL;
        if (!nbs && x.ini[INI_NBS_PATH] && opts->course_dir) {
            nbs_default = tito_fs_join(opts->course_dir, x.ini[INI_NBS_PATH]);
            nbs = nbs_default;
        } else if (!nbs && opts->course_dir) {
            nbs_default = tito_fs_join(opts->course_dir, "modules");
            nbs = nbs_default;
        } else if (!nbs) {
            char *d1 = tito_fs_dirname(opts->nb_path);
            nbs_default = d1 ? tito_fs_dirname(d1) : NULL;
            free(d1);
            nbs = nbs_default;
        }
        if (!nbs)
            goto nomem;
        mo.nbs_path = nbs;
        lib_base = strdup(tito_fs_basename(lib_abs));
        if (!lib_base)
            goto nomem;
        const char *keys[5] = {"branch", "doc_baseurl", "doc_host", "git_url", "lib_path"};
        const char *vals[5] = {set->branch ? set->branch : x.ini[INI_BRANCH],
                               set->doc_baseurl ? set->doc_baseurl : x.ini[INI_DOC_BASEURL],
                               set->doc_host ? set->doc_host : x.ini[INI_DOC_HOST],
                               set->git_url ? set->git_url : x.ini[INI_GIT_URL],
                               set->lib_path_setting ? set->lib_path_setting
                               : x.ini[INI_LIB_PATH] ? x.ini[INI_LIB_PATH] : lib_base};
        for (int i = 0; i < 5; i++) {
            mo.settings[i][0] = keys[i];
            mo.settings[i][1] = vals[i];
        }
        if ((error = tito_export__modidx_build(&idx, x.stage, &mo, err)) < 0)
            goto cleanup;
        modidx_path = tito_fs_join(lib_abs, "_modidx.py");
        if (!modidx_path)
            goto nomem;
        const char *cur = NULL;
        size_t curlen = 0;
        if ((error = tito_export__stage_read(x.stage, modidx_path, &cur, &curlen, err)) < 0)
            goto cleanup;
        if (!cur || curlen != idx.len || memcmp(cur, idx.ptr, idx.len) != 0) {
            if ((error = tito_export__stage_put(x.stage, modidx_path, idx.ptr, idx.len, err)) < 0)
                goto cleanup;
        }
        if (record_file(&x, res, modidx_path) < 0)
            goto nomem;
    }

    if ((error = tito_export__stage_commit(x.stage, err)) < 0)
        goto cleanup;
    if (out) {
        *out = res;
        res = NULL;
    }
    goto cleanup;
nomem:
    error = nomem(err);
cleanup:
    for (size_t i = 0; i < x.ncells; i++) {
        free(x.cells[i].src);
        tito_export__dirs_dispose(&x.cells[i].dirs);
        tito_pyscan_free(x.cells[i].scan);
    }
    free(x.cells);
    for (size_t i = 0; i < x.nmods; i++) {
        free(x.mods[i].key);
        free(x.mods[i].cells);
        free(x.mods[i].all);
    }
    free(x.mods);
    free(x.default_exp);
    for (size_t i = 0; i < sizeof(x.ini) / sizeof(x.ini[0]); i++)
        free(x.ini[i]);
    tito_export__stage_free(x.stage);
    tito_export_result_free(res);
    tito_buf_dispose(&idx);
    free(nbs_default);
    free(lib_base);
    free(modidx_path);
    free(lib_abs);
    free(lib_given);
    return error;
}

void tito_export_result_free(tito_export_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nfiles; i++)
        free(r->files[i]);
    free(r->files);
    free(r->cells);
    free(r->default_exp);
    free(r);
}
