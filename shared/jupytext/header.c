/* Notebook metadata and the YAML header (spec §2 steps 1-6, §3): legacy
 * metadata moves (formats.py rearrange_jupytext_metadata), the formats list,
 * the default language, format options from metadata.jupytext, the
 * shebang/encoding lines and the commented YAML header (header.py). */
#include "jupytext/jupytext_private.h"

#include <string.h>

#include "jupytext/yaml.h"

static const char *const notebook_extensions[] = {
    ".ipynb", ".md",  ".markdown", ".Rmd",   ".py",   ".coco",    ".R",      ".r",
    ".jl",    ".cpp", ".ss",       ".clj",   ".scm",  ".sh",      ".ps1",    ".q",
    ".m",     ".wolfram", ".pro",  ".js",    ".ts",   ".scala",   ".rs",     ".robot",
    ".resource", ".cs", ".fsx",    ".fs",    ".sos",  ".java",    ".groovy", ".sage",
    ".ml",    ".hs",  ".tcl",      ".mac",   ".gp",   ".do",      ".sas",    ".xsh",
    ".lgt",   ".logtalk", ".lua",  ".go",    ".qmd",  ".myst",    ".mystnb", ".mnb",
    ".auto"};
static const char *const format_names[] = {"hydrogen", "light",    "marimo", "markdown",
                                           "myst",     "nomarker", "pandoc", "percent",
                                           "quarto",   "rmarkdown", "sphinx", "spin"};
/* _SCRIPT_EXTENSIONS, in order: extension and language */
static const char *const script_extensions[][2] = {
    {".py", "python"},      {".coco", "coconut"},   {".R", "R"},
    {".r", "R"},            {".jl", "julia"},       {".cpp", "c++"},
    {".ss", "scheme"},      {".clj", "clojure"},    {".scm", "scheme"},
    {".sh", "bash"},        {".ps1", "powershell"}, {".q", "q"},
    {".m", "matlab"},       {".wolfram", "wolfram language"}, {".pro", "idl"},
    {".js", "javascript"},  {".ts", "typescript"},  {".scala", "scala"},
    {".rs", "rust"},        {".robot", "robotframework"}, {".resource", "robotframework"},
    {".cs", "csharp"},      {".fsx", "fsharp"},     {".fs", "fsharp"},
    {".sos", "sos"},        {".java", "java"},      {".groovy", "groovy"},
    {".sage", "sage"},      {".ml", "ocaml"},       {".hs", "haskell"},
    {".tcl", "tcl"},        {".mac", "maxima"},     {".gp", "gnuplot"},
    {".do", "stata"},       {".sas", "sas"},        {".xsh", "xonsh"},
    {".lgt", "logtalk"},    {".logtalk", "logtalk"}, {".lua", "lua"},
    {".go", "go"}};
static const char *const binary_options[] = {
    "comment_magics", "hide_notebook_metadata", "root_level_metadata_as_raw_cell",
    "split_at_heading", "rst2md", "cell_metadata_json", "use_runtools",
    "doxygen_equation_markers"};
static const char *const format_options[] = {
    "comment_magics", "hide_notebook_metadata", "root_level_metadata_as_raw_cell",
    "split_at_heading", "rst2md", "cell_metadata_json", "use_runtools",
    "doxygen_equation_markers", "notebook_metadata_filter", "root_level_metadata_filter",
    "cell_metadata_filter", "cell_markers", "custom_cell_magics", "custom_language_magics"};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))
#define MAX_BLANK_LINES 10000000L

static int in_list(const char *s, size_t n, const char *const *t, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (tito_jupytext__eq(s, n, t[i]))
            return 1;
    return 0;
}

static int is_type(const tito_json *v, tito_json_type t)
{
    return v && tito_json_type_of(v) == t;
}

/* ---- formats ------------------------------------------------------------ */

typedef struct fmtspec {
    tito_jupytext__str ext, suffix, prefix, name;
    int has_suffix, has_prefix, has_name;
} fmtspec;

static int put_str(tito_jupytext__ctx *ctx, tito_jupytext__str *dst, const char *s, size_t n)
{
    char *p = tito_jupytext__alloc(&ctx->arena, n);
    if (!p)
        return tito_jupytext__nomem(ctx);
    memcpy(p, s, n);
    dst->s = p;
    dst->n = n;
    return 0;
}

/* auto_ext_from_metadata(); *out empty when none. jm: jupytext dict visible
 * through the metadata at that point (may be NULL). */
static int auto_ext(tito_jupytext__ctx *ctx, const tito_json *md, const tito_json *jm,
                    tito_jupytext__str *out)
{
    const tito_json *li = tito_json_get(md, "language_info");
    const tito_json *ks = tito_json_get(md, "kernelspec");
    const tito_json *fe = NULL;
    out->s = "";
    out->n = 0;
    if (li && !is_type(li, TITO_JSON_OBJECT))
        return tito_jupytext__invalid(ctx, "notebook metadata 'language_info' must be a mapping");
    if (ks && !is_type(ks, TITO_JSON_OBJECT))
        return tito_jupytext__invalid(ctx, "notebook metadata 'kernelspec' must be a mapping");
    fe = li ? tito_json_get(li, "file_extension") : NULL;
    const char *ext = NULL;
    size_t en = 0;
    if (fe && !is_type(fe, TITO_JSON_NULL)) {
        ext = tito_json_string(fe, &en);
        if (!ext)
            return tito_jupytext__invalid(ctx, "cannot resolve the 'auto' format extension");
        const char *kl = ks ? tito_json_get_string(ks, "language") : NULL;
        if (tito_jupytext__eq(ext, en, ".py") && kl && strcmp(kl, "sage") == 0) {
            ext = ".sage";
            en = 5;
        }
    } else {
        const tito_json *lang = ks ? tito_json_get(ks, "language") : NULL;
        if (!tito_jupytext__truthy(lang))
            lang = jm ? tito_json_get(jm, "main_language") : NULL;
        if (tito_jupytext__truthy(lang)) {
            size_t ln = 0;
            const char *l = tito_json_string(lang, &ln);
            if (!l)
                return tito_jupytext__invalid(ctx, "the notebook language must be a string");
            for (size_t i = 0; i < COUNT(script_extensions); i++) {
                int same = 0;
                if (tito_jupytext__same_language(&ctx->arena, l, ln, script_extensions[i][1],
                                                 strlen(script_extensions[i][1]), &same) < 0)
                    return tito_jupytext__nomem(ctx);
                if (same) {
                    ext = script_extensions[i][0];
                    en = strlen(ext);
                    break;
                }
            }
        }
    }
    if (!ext)
        return 0;
    if (tito_jupytext__eq(ext, en, ".r"))
        ext = ".R";
    else if (tito_jupytext__eq(ext, en, ".fs"))
        ext = ".fsx";
    else if (tito_jupytext__eq(ext, en, ".resource"))
        ext = ".robot";
    else if (tito_jupytext__eq(ext, en, ".C"))
        ext = ".cpp";
    else
        return put_str(ctx, out, ext, en);
    out->s = ext;
    out->n = strlen(ext);
    return 0;
}

static int validate(tito_jupytext__ctx *ctx, const fmtspec *f)
{
    if (f->has_name && !in_list(f->name.s, f->name.n, format_names, COUNT(format_names)))
        return tito_jupytext__invalid(ctx, "'%.*s' is not a valid jupytext format name",
                                      (int)(f->name.n > 64 ? 64 : f->name.n), f->name.s);
    if (!in_list(f->ext.s, f->ext.n, notebook_extensions, COUNT(notebook_extensions)))
        return tito_jupytext__invalid(ctx, "extension '%.*s' is not a notebook extension",
                                      (int)(f->ext.n > 64 ? 64 : f->ext.n), f->ext.s);
    return 0;
}

/* os.path.splitext (posix) */
static void splitext(const char *p, size_t n, size_t *root_len)
{
    size_t sep = (size_t)-1, dot = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '/')
            sep = i;
        if (p[i] == '.')
            dot = i;
    }
    *root_len = n;
    if (dot == (size_t)-1 || (sep != (size_t)-1 && dot < sep))
        return;
    size_t fi = sep == (size_t)-1 ? 0 : sep + 1;
    for (; fi < dot; fi++) {
        if (p[fi] != '.') {
            *root_len = dot;
            return;
        }
    }
}

static size_t rfind(const char *s, size_t n, char c)
{
    for (size_t i = n; i-- > 0;)
        if (s[i] == c)
            return i;
    return (size_t)-1;
}

/* long_form_one_format(str, metadata) */
static int long_form_str(tito_jupytext__ctx *ctx, const char *s, size_t n, const tito_json *md,
                         const tito_json *jm, fmtspec *f)
{
    static const char *const common[][2] = {
        {"notebook", "ipynb"}, {"rmarkdown", "Rmd"}, {"quarto", "qmd"}, {"marimo", "py"},
        {"markdown", "md"},    {"script", "auto"},   {"c++", "cpp"},    {"myst", "md:myst"},
        {"pandoc", "md:pandoc"}};
    int rc;
    memset(f, 0, sizeof(*f));
    size_t ln = 0;
    const char *low = tito_jupytext__lower(&ctx->arena, s, n, &ln);
    if (!low)
        return tito_jupytext__nomem(ctx);
    for (size_t i = 0; i < COUNT(common); i++) {
        if (tito_jupytext__eq(low, ln, common[i][0])) {
            s = common[i][1];
            n = strlen(s);
            break;
        }
    }
    size_t slash = rfind(s, n, '/');
    if (slash != (size_t)-1 && slash > 0) {
        f->has_prefix = 1;
        f->prefix.s = s;
        f->prefix.n = slash;
        s += slash + 1;
        n -= slash + 1;
    }
    const char *ext = s;
    size_t en = n;
    size_t colon = rfind(s, n, ':');
    if (colon != (size_t)-1) {
        en = colon;
        f->has_name = 1;
        f->name.s = s + colon + 1;
        f->name.n = n - colon - 1;
        if (tito_jupytext__eq(f->name.s, f->name.n, "bare")) {
            f->name.s = "nomarker";
            f->name.n = 8;
        }
    } else {
        int is_ext = n == 0 || memchr(s, '.', n) != NULL;
        if (!is_ext) {
            char tmp[64];
            if (n + 2 < sizeof(tmp)) {
                tmp[0] = '.';
                memcpy(tmp + 1, s, n);
                is_ext = in_list(tmp, n + 1, notebook_extensions, COUNT(notebook_extensions));
            }
        }
        if (!is_ext) {
            if (!in_list(s, n, format_names, COUNT(format_names)))
                return tito_jupytext__invalid(ctx, "'%.*s' is not a notebook extension, nor a "
                                                   "notebook format",
                                              (int)(n > 64 ? 64 : n), s);
            f->has_name = 1;
            f->name.s = s;
            f->name.n = n;
            en = 0;
        }
    }
    size_t dot = rfind(ext, en, '.');
    if (dot != (size_t)-1 && dot > 0) {
        size_t root = 0;
        splitext(ext, en, &root);
        f->has_suffix = 1;
        f->suffix.s = ext;
        f->suffix.n = root;
        ext += root;
        en -= root;
    }
    if (!(en && ext[0] == '.')) {
        const char *e = tito_jupytext__cat(&ctx->arena, ".", 1, ext, en, &en);
        if (!e)
            return tito_jupytext__nomem(ctx);
        ext = e;
    }
    f->ext.s = ext;
    f->ext.n = en;
    if (tito_jupytext__eq(ext, en, ".auto") && md) {
        if ((rc = auto_ext(ctx, md, jm, &f->ext)) < 0)
            return rc;
        if (!f->ext.n)
            return tito_jupytext__invalid(ctx, "No language information in this notebook. Please "
                                               "replace 'auto' with an actual script extension.");
    }
    return validate(ctx, f);
}

/* long_form_one_format(dict): validate_one_format */
static int long_form_dict(tito_jupytext__ctx *ctx, const tito_json *d, fmtspec *f)
{
    memset(f, 0, sizeof(*f));
    for (size_t i = 0; i < tito_json_len(d); i++) {
        size_t kn = 0;
        const char *k = tito_json_key_at(d, i, &kn);
        const tito_json *v = tito_json_at(d, i);
        size_t vn = 0;
        const char *vs = tito_json_string(v, &vn);
        if (tito_jupytext__eq(k, kn, "extension") || tito_jupytext__eq(k, kn, "format_name") ||
            tito_jupytext__eq(k, kn, "suffix") || tito_jupytext__eq(k, kn, "prefix")) {
            if (!vs)
                return tito_jupytext__invalid(ctx, "format '%.*s' must be a string", (int)kn, k);
            tito_jupytext__str *dst = k[0] == 'e' ? &f->ext : k[0] == 'f' ? &f->name
                                      : k[0] == 's' ? &f->suffix : &f->prefix;
            dst->s = vs;
            dst->n = vn;
            if (k[0] == 'f')
                f->has_name = 1;
            else if (k[0] == 's')
                f->has_suffix = 1;
            else if (k[0] == 'p')
                f->has_prefix = 1;
            else if (k[0] == 'e')
                f->has_prefix = f->has_prefix; /* extension: checked below */
            continue;
        }
        if (!in_list(k, kn, format_options, COUNT(format_options)))
            return tito_jupytext__invalid(ctx, "Unknown format option '%.*s'",
                                          (int)(kn > 64 ? 64 : kn), k);
        if (in_list(k, kn, binary_options, COUNT(binary_options)) &&
            tito_json_type_of(v) != TITO_JSON_BOOL)
            return tito_jupytext__invalid(ctx, "Format option '%.*s' should be a bool", (int)kn, k);
    }
    if (!tito_json_get(d, "extension"))
        return tito_jupytext__invalid(ctx, "Missing format extension");
    return validate(ctx, f);
}

static int short_form(tito_buf *b, const fmtspec *f)
{
    size_t mark = b->len;
    if (f->has_suffix) {
        tito_buf_put(b, f->suffix.s, f->suffix.n);
        tito_buf_put(b, f->ext.s, f->ext.n);
    } else if (f->ext.n && f->ext.s[0] == '.') {
        tito_buf_put(b, f->ext.s + 1, f->ext.n - 1);
    } else {
        tito_buf_put(b, f->ext.s, f->ext.n);
    }
    if (f->has_prefix) {
        /* prefix + "/" + fmt */
        size_t body = b->len - mark;
        tito_buf_grow(b, f->prefix.n + 1);
        if (b->failed)
            return TITO_ENOMEM;
        memmove(b->ptr + mark + f->prefix.n + 1, b->ptr + mark, body);
        memcpy(b->ptr + mark, f->prefix.s, f->prefix.n);
        b->ptr[mark + f->prefix.n] = '/';
        b->len += f->prefix.n + 1;
        b->ptr[b->len] = '\0';
    }
    if (f->has_name && f->name.n) {
        int md_ext = tito_jupytext__eq(f->ext.s, f->ext.n, ".md") ||
                     tito_jupytext__eq(f->ext.s, f->ext.n, ".markdown") ||
                     tito_jupytext__eq(f->ext.s, f->ext.n, ".Rmd");
        if (!md_ext || tito_jupytext__eq(f->name.s, f->name.n, "pandoc") ||
            tito_jupytext__eq(f->name.s, f->name.n, "myst")) {
            tito_buf_putc(b, ':');
            tito_buf_put(b, f->name.s, f->name.n);
        }
    }
    return b->failed ? TITO_ENOMEM : 0;
}

/* Parses a formats value (string or list) into specs; *count 0 when falsy. */
static int parse_formats(tito_jupytext__ctx *ctx, const tito_json *v, const tito_json *md,
                         const tito_json *jm, fmtspec **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!tito_jupytext__truthy(v))
        return 0;
    size_t cap = 0;
    fmtspec *specs = NULL;
    if (is_type(v, TITO_JSON_STRING)) {
        size_t n = 0;
        const char *s = tito_json_string(v, &n);
        cap = 1;
        for (size_t i = 0; i < n; i++)
            cap += s[i] == ',';
    } else if (is_type(v, TITO_JSON_ARRAY)) {
        cap = tito_json_len(v);
    } else {
        return tito_jupytext__invalid(ctx, "jupytext.formats must be a string or a list");
    }
    specs = (fmtspec *)tito_jupytext__alloc(&ctx->arena, cap * sizeof(fmtspec) + 8);
    if (!specs)
        return tito_jupytext__nomem(ctx);
    /* arena memory is only char-aligned: keep it aligned for the struct */
    if ((uintptr_t)specs % _Alignof(fmtspec)) {
        specs = (fmtspec *)tito_jupytext__alloc(&ctx->arena, cap * sizeof(fmtspec) +
                                                                 _Alignof(fmtspec));
        if (!specs)
            return tito_jupytext__nomem(ctx);
        uintptr_t a = (uintptr_t)specs;
        a = (a + _Alignof(fmtspec) - 1) / _Alignof(fmtspec) * _Alignof(fmtspec);
        specs = (fmtspec *)a;
    }
    int rc;
    if (is_type(v, TITO_JSON_STRING)) {
        size_t n = 0;
        const char *s = tito_json_string(v, &n);
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ',')
                continue;
            if (i > start) {
                if ((rc = long_form_str(ctx, s + start, i - start, md, jm, &specs[*count])) < 0)
                    return rc;
                (*count)++;
            }
            start = i + 1;
        }
    } else {
        for (size_t i = 0; i < tito_json_len(v); i++) {
            const tito_json *e = tito_json_at(v, i);
            if (is_type(e, TITO_JSON_OBJECT)) {
                rc = long_form_dict(ctx, e, &specs[*count]);
            } else if (is_type(e, TITO_JSON_STRING) && tito_jupytext__truthy(e)) {
                size_t n = 0;
                const char *s = tito_json_string(e, &n);
                rc = long_form_str(ctx, s, n, md, jm, &specs[*count]);
            } else {
                rc = tito_jupytext__invalid(ctx, "jupytext.formats entries must be non-empty "
                                                 "strings or mappings");
            }
            if (rc < 0)
                return rc;
            (*count)++;
        }
    }
    *out = specs;
    return 0;
}

static int formats_to_json(tito_jupytext__ctx *ctx, const fmtspec *specs, size_t count,
                           tito_json **out)
{
    tito_buf b = TITO_BUF_INIT;
    for (size_t i = 0; i < count; i++) {
        if (i)
            tito_buf_putc(&b, ',');
        short_form(&b, &specs[i]);
    }
    *out = b.failed ? NULL : tito_json_new_stringn(b.ptr ? b.ptr : "", b.len);
    tito_buf_dispose(&b);
    return *out ? 0 : tito_jupytext__nomem(ctx);
}

/* ---- rearrange_jupytext_metadata ----------------------------------------- */

static int move_key(tito_jupytext__ctx *ctx, tito_json *from, const char *key, tito_json *to,
                    const char *newkey)
{
    tito_json *v = NULL;
    tito_json_object_take(from, key, &v);
    if (!v)
        return 0;
    if (tito_json_object_set(to, newkey, v) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

static int rearrange(tito_jupytext__ctx *ctx, tito_json *md)
{
    tito_json *jm = NULL, *v = NULL;
    int rc = 0, attached = 0;

    if ((rc = move_key(ctx, md, "nbrmd_formats", md, "jupytext_formats")) < 0 ||
        (rc = move_key(ctx, md, "nbrmd_format_version", md, "jupytext_format_version")) < 0)
        return rc;
    jm = tito_json_get(md, "jupytext");
    if (jm) {
        if (!is_type(jm, TITO_JSON_OBJECT))
            return tito_jupytext__invalid(ctx, "notebook metadata 'jupytext' must be a mapping, "
                                               "not %s",
                                          tito_json_type_name(tito_json_type_of(jm)));
        attached = 1;
    } else {
        jm = tito_json_new_object();
        if (!jm)
            return tito_jupytext__nomem(ctx);
    }
    if ((rc = move_key(ctx, md, "jupytext_formats", jm, "formats")) < 0)
        goto cleanup;
    tito_json_object_take(md, "jupytext_format_version", &v);
    if (v) {
        tito_json *tr = tito_json_new_object();
        if (!tr || tito_json_object_set(tr, "format_version", v) < 0) {
            v = NULL;
            tito_json_free(tr);
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        v = NULL;
        if (tito_json_object_set(jm, "text_representation", tr) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if ((rc = move_key(ctx, md, "main_language", jm, "main_language")) < 0 ||
        (rc = move_key(ctx, md, "encoding", jm, "encoding")) < 0 ||
        (rc = move_key(ctx, md, "executable", jm, "executable")) < 0)
        goto cleanup;

    tito_json_object_take(jm, "metadata_filter", &v);
    if (v) {
        if (is_type(v, TITO_JSON_OBJECT)) {
            const tito_json *nbf = tito_json_get(v, "notebook");
            const tito_json *cf = tito_json_get(v, "cells");
            tito_json *c;
            if (nbf) {
                c = tito_json_copy(nbf);
                if (!c || tito_json_object_set(jm, "notebook_metadata_filter", c) < 0) {
                    rc = tito_jupytext__nomem(ctx);
                    goto cleanup;
                }
            }
            if (cf) {
                c = tito_json_copy(cf);
                if (!c || tito_json_object_set(jm, "cell_metadata_filter", c) < 0) {
                    rc = tito_jupytext__nomem(ctx);
                    goto cleanup;
                }
            }
        } else {
            int bad = 1;
            size_t n = 0;
            const char *s = tito_json_string(v, &n);
            if (s) {
                bad = memmem(s, n, "notebook", 8) || memmem(s, n, "cells", 5);
            } else if (is_type(v, TITO_JSON_ARRAY)) {
                bad = 0;
                for (size_t i = 0; i < tito_json_len(v); i++) {
                    const char *e = tito_json_string(tito_json_at(v, i), &n);
                    if (e && (tito_jupytext__eq(e, n, "notebook") || tito_jupytext__eq(e, n, "cells")))
                        bad = 1;
                }
            }
            if (bad) {
                rc = tito_jupytext__invalid(ctx, "jupytext.metadata_filter must be a mapping");
                goto cleanup;
            }
        }
        tito_json_free(v);
        v = NULL;
    }
    static const char *const levels[] = {"notebook_metadata_filter", "cell_metadata_filter"};
    for (size_t i = 0; i < 2; i++) {
        tito_json *f = tito_json_get(jm, levels[i]);
        tito_json *s = NULL;
        if (!f)
            continue;
        if ((rc = tito_jupytext__filter_dict_to_string(ctx, f, &s)) < 0)
            goto cleanup;
        if (s && tito_json_object_set(jm, levels[i], s) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    const tito_json *tr = tito_json_get(jm, "text_representation");
    if (tr && !is_type(tr, TITO_JSON_OBJECT)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.text_representation must be a mapping");
        goto cleanup;
    }
    const tito_json *jv = tr ? tito_json_get(tr, "jupytext_version") : NULL;
    if (jv && !is_type(jv, TITO_JSON_STRING)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.text_representation.jupytext_version must be "
                                         "a string");
        goto cleanup;
    }
    size_t jvn = 0;
    const char *jvs = jv ? tito_json_string(jv, &jvn) : NULL;
    const tito_json *formats = tito_json_get(jm, "formats");
    if (jvs && tito_jupytext__starts(jvs, jvn, "0.") && tito_jupytext__truthy(formats)) {
        size_t n = 0;
        const char *s = tito_json_string(formats, &n);
        if (!s) {
            rc = tito_jupytext__invalid(ctx, "jupytext.formats must be a string");
            goto cleanup;
        }
        tito_buf b = TITO_BUF_INIT;
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ',')
                continue;
            if (start)
                tito_buf_putc(&b, ',');
            size_t d = rfind(s + start, i - start, '.');
            if (d != (size_t)-1 && d > 0)
                tito_buf_putc(&b, '.');
            tito_buf_put(&b, s + start, i - start);
            start = i + 1;
        }
        tito_json *nf = b.failed ? NULL : tito_json_new_stringn(b.ptr ? b.ptr : "", b.len);
        tito_buf_dispose(&b);
        if (!nf || tito_json_object_set(jm, "formats", nf) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        formats = tito_json_get(jm, "formats");
    }
    if (tito_jupytext__truthy(formats)) {
        fmtspec *specs = NULL;
        size_t count = 0;
        tito_json *nf = NULL;
        if ((rc = parse_formats(ctx, formats, md, attached ? jm : NULL, &specs, &count)) < 0 ||
            (rc = formats_to_json(ctx, specs, count, &nf)) < 0)
            goto cleanup;
        if (tito_json_object_set(jm, "formats", nf) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (!attached && tito_json_len(jm)) {
        rc = tito_json_object_set(md, "jupytext", jm);
        jm = NULL;
        attached = 1;
        if (rc < 0)
            rc = tito_jupytext__nomem(ctx);
    }
cleanup:
    if (!attached)
        tito_json_free(jm);
    tito_json_free(v);
    return rc;
}

/* update_jupytext_formats_metadata(metadata, "py:percent") */
static int update_formats(tito_jupytext__ctx *ctx)
{
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    const tito_json *formats = jm ? tito_json_get(jm, "formats") : NULL;
    fmtspec *specs = NULL;
    size_t count = 0;
    tito_json *nf = NULL;
    int rc;
    if ((rc = parse_formats(ctx, formats, NULL, NULL, &specs, &count)) < 0)
        return rc;
    if (!count)
        return 0;
    for (size_t i = 0; i < count; i++) {
        if (tito_jupytext__eq(specs[i].ext.s, specs[i].ext.n, ".py") && !specs[i].has_prefix &&
            !specs[i].has_suffix) {
            specs[i].has_name = 1;
            specs[i].name.s = "percent";
            specs[i].name.n = 7;
            break;
        }
    }
    if ((rc = formats_to_json(ctx, specs, count, &nf)) < 0)
        return rc;
    if (tito_json_object_set(jm, "formats", nf) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

/* ---- language and options ------------------------------------------------ */

static int default_language(tito_jupytext__ctx *ctx)
{
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    const tito_json *ks = tito_json_get(ctx->md, "kernelspec");
    const tito_json *main = jm ? tito_json_get(jm, "main_language") : NULL;
    const tito_json *kl = NULL;
    if (ks && !is_type(ks, TITO_JSON_OBJECT))
        return tito_jupytext__invalid(ctx, "notebook metadata 'kernelspec' must be a mapping, "
                                           "not %s",
                                      tito_json_type_name(tito_json_type_of(ks)));
    kl = ks ? tito_json_get(ks, "language") : NULL;
    const tito_json *lang = tito_jupytext__truthy(main) ? main
                            : tito_jupytext__truthy(kl) ? kl
                                                        : NULL;
    size_t n = 6;
    const char *s = "python";
    if (lang) {
        s = tito_json_string(lang, &n);
        if (!s)
            return tito_jupytext__invalid(ctx, "the notebook language must be a string, not %s",
                                          tito_json_type_name(tito_json_type_of(lang)));
        s = tito_jupytext__cat(&ctx->arena, s, n, "", 0, &n);
        if (!s)
            return tito_jupytext__nomem(ctx);
    }
    /* pop main_language when it equals the kernel (or extension) language */
    if (main && is_type(main, TITO_JSON_STRING)) {
        size_t mn = 0, dn = 6;
        const char *ms = tito_json_string(main, &mn);
        const char *ds = "python";
        if (tito_jupytext__truthy(kl))
            ds = tito_json_string(kl, &dn);
        if (ds && mn == dn && memcmp(ms, ds, mn) == 0)
            tito_json_object_remove(jm, "main_language");
    }
    if (tito_jupytext__eq(s, n, "R") || tito_jupytext__eq(s, n, "sas")) {
        ctx->default_language = s;
        ctx->default_language_len = n;
        return 0;
    }
    if (tito_jupytext__starts(s, n, "C++")) {
        ctx->default_language = "c++";
        ctx->default_language_len = 3;
        return 0;
    }
    size_t ln = 0;
    const char *low = tito_jupytext__lower(&ctx->arena, s, n, &ln);
    if (!low)
        return tito_jupytext__nomem(ctx);
    /* .replace("#", "sharp") */
    size_t hashes = 0;
    for (size_t i = 0; i < ln; i++)
        hashes += low[i] == '#';
    char *o = tito_jupytext__alloc(&ctx->arena, ln + 4 * hashes);
    if (!o)
        return tito_jupytext__nomem(ctx);
    size_t k = 0;
    for (size_t i = 0; i < ln; i++) {
        if (low[i] == '#') {
            memcpy(o + k, "sharp", 5);
            k += 5;
        } else {
            o[k++] = low[i];
        }
    }
    ctx->default_language = o;
    ctx->default_language_len = k;
    return 0;
}

/* update_fmt_with_notebook_options() */
static int format_options_from_metadata(tito_jupytext__ctx *ctx)
{
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    ctx->fmt = tito_json_new_object();
    if (!ctx->fmt)
        return tito_jupytext__nomem(ctx);
    tito_json *e = tito_json_new_string(".py"), *f = tito_json_new_string("percent");
    if (tito_json_object_set(ctx->fmt, "extension", e) < 0 ||
        tito_json_object_set(ctx->fmt, "format_name", f) < 0)
        return tito_jupytext__nomem(ctx);
    if (!jm)
        return 0;
    for (size_t i = 0; i < COUNT(format_options); i++) {
        const tito_json *v = tito_json_get(jm, format_options[i]);
        tito_json *c;
        if (!v)
            continue;
        c = tito_json_copy(v);
        if (!c || tito_json_object_set(ctx->fmt, format_options[i], c) < 0)
            return tito_jupytext__nomem(ctx);
    }
    const tito_json *tr = tito_json_get(jm, "text_representation");
    if (tr) {
        const tito_json *te = tito_json_get(tr, "extension");
        const tito_json *tf = tito_json_get(tr, "format_name");
        const char *tes = te ? tito_json_string(te, NULL) : NULL;
        const char *tfs = tf ? tito_json_string(tf, NULL) : NULL;
        size_t ten = 0, tfn = 0;
        if (tes)
            tito_json_string(te, &ten);
        if (tfs)
            tito_json_string(tf, &tfn);
        if (tes && tfs && tito_jupytext__eq(tes, ten, ".py") &&
            tito_jupytext__eq(tfs, tfn, "percent")) {
            for (size_t i = 0; i < tito_json_len(tr); i++) {
                size_t kn = 0;
                const char *k = tito_json_key_at(tr, i, &kn);
                tito_json *c = tito_json_copy(tito_json_at(tr, i));
                if (!c || tito_json_object_setn(ctx->fmt, k, kn, c) < 0)
                    return tito_jupytext__nomem(ctx);
            }
        }
    }
    const tito_json *rst = tito_json_get(jm, "rst2md");
    if (is_type(rst, TITO_JSON_BOOL) && tito_json_bool(rst)) {
        tito_json *fb = tito_json_new_bool(0);
        if (tito_json_object_set(jm, "rst2md", fb) < 0)
            return tito_jupytext__nomem(ctx);
    }
    return 0;
}

static int resolve_options(tito_jupytext__ctx *ctx)
{
    const tito_json *v = tito_json_get(ctx->fmt, "comment_magics");
    ctx->comment_magics = v ? tito_jupytext__truthy(v) : 1;
    ctx->cell_metadata_json = tito_jupytext__truthy(tito_json_get(ctx->fmt, "cell_metadata_json"));
    ctx->cell_markers = tito_json_get(ctx->fmt, "cell_markers");
    static const char *const customs[] = {"custom_cell_magics", "custom_language_magics"};
    for (size_t k = 0; k < 2; k++) {
        v = tito_json_get(ctx->fmt, customs[k]);
        size_t n = 0;
        const char *s = "";
        if (v) {
            s = tito_json_string(v, &n);
            if (!s) {
                ctx->custom_magics_error = 1;
                continue;
            }
        }
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ',')
                continue;
            if (tito_jupytext__lines_push(&ctx->custom_magics, s + start, i - start) < 0)
                return tito_jupytext__nomem(ctx);
            start = i + 1;
        }
    }
    return 0;
}

int tito_jupytext__prepare(tito_jupytext__ctx *ctx, tito_jupytext__lines *pre)
{
    int rc;
    tito_json *jm;
    ctx->md = tito_json_copy(tito_nb_metadata(ctx->nb));
    if (!ctx->md)
        return tito_jupytext__nomem(ctx);
    if (!is_type(ctx->md, TITO_JSON_OBJECT))
        return tito_jupytext__invalid(ctx, "notebook metadata must be a mapping");
    /* jupytext.read() rearranges once, jupytext.writes() once more */
    if ((rc = rearrange(ctx, ctx->md)) < 0 || (rc = rearrange(ctx, ctx->md)) < 0 ||
        (rc = update_formats(ctx)) < 0 || (rc = default_language(ctx)) < 0 ||
        (rc = format_options_from_metadata(ctx)) < 0 || (rc = resolve_options(ctx)) < 0)
        return rc;

    /* encoding_and_executable() */
    jm = tito_json_get(ctx->md, "jupytext");
    if (jm) {
        tito_json *v = NULL;
        tito_json_object_take(jm, "executable", &v);
        if (v) {
            size_t n = 0;
            const char *s = tito_json_string(v, &n);
            const char *l = s ? tito_jupytext__cat(&ctx->arena, "#!", 2, s, n, &n) : NULL;
            tito_json_free(v);
            if (!s)
                return tito_jupytext__invalid(ctx, "jupytext.executable must be a string");
            if (!l || tito_jupytext__lines_push(pre, l, n) < 0)
                return tito_jupytext__nomem(ctx);
        }
        v = NULL;
        tito_json_object_take(jm, "encoding", &v);
        if (v) {
            size_t n = 0;
            const char *s = tito_json_string(v, &n);
            const char *l = s ? tito_jupytext__cat(&ctx->arena, s, n, "", 0, &n) : NULL;
            tito_json_free(v);
            if (!s)
                return tito_jupytext__invalid(ctx, "jupytext.encoding must be a string");
            if (!l || tito_jupytext__lines_push(pre, l, n) < 0)
                return tito_jupytext__nomem(ctx);
            return 0;
        }
    }
    if (!tito_jupytext__eq(ctx->default_language, ctx->default_language_len, "python")) {
        for (size_t i = 0; i < tito_nb_ncells(ctx->nb); i++) {
            size_t n = 0;
            const char *s = tito_nb_cell_source(ctx->nb, i, &n);
            int ascii = 1;
            for (size_t k = 0; k < n && ascii; k++)
                ascii = (unsigned char)s[k] < 0x80;
            if (!ascii) {
                if (tito_jupytext__lines_push(pre, "# -*- coding: utf-8 -*-", 23) < 0)
                    return tito_jupytext__nomem(ctx);
                break;
            }
        }
    }
    return 0;
}

/* ---- the header -------------------------------------------------------- */

int tito_jupytext__blank_count(tito_jupytext__ctx *ctx, const tito_json *v, long *out)
{
    int64_t n = 0;
    *out = -1;
    if (!v || is_type(v, TITO_JSON_NULL))
        return 0;
    if (is_type(v, TITO_JSON_BOOL)) {
        *out = tito_json_bool(v);
        return 0;
    }
    if (!is_type(v, TITO_JSON_INT))
        return tito_jupytext__invalid(ctx, "cell metadata 'lines_to_next_cell' must be an "
                                           "integer, not %s",
                                      tito_json_type_name(tito_json_type_of(v)));
    const char *t = tito_json_int_text(v);
    if (t && t[0] == '-') {
        *out = 0;
        return 0;
    }
    if (tito_json_int64(v, &n) < 0 || n > MAX_BLANK_LINES)
        return tito_jupytext__invalid(ctx, "cell metadata 'lines_to_next_cell' is too large");
    *out = (long)n;
    return 0;
}

/* ^---\s*$ */
static int header_rule(const char *s, size_t n)
{
    return tito_jupytext__starts(s, n, "---") && tito_jupytext__blank(s + 3, n - 3);
}

static int push_commented(tito_jupytext__ctx *ctx, tito_jupytext__lines *out, const char *s,
                          size_t n)
{
    if (!n)
        return tito_jupytext__lines_push(out, "#", 1) < 0 ? tito_jupytext__nomem(ctx) : 0;
    const char *l = tito_jupytext__cat(&ctx->arena, "# ", 2, s, n, &n);
    if (!l || tito_jupytext__lines_push(out, l, n) < 0)
        return tito_jupytext__nomem(ctx);
    return 0;
}

int tito_jupytext__header(tito_jupytext__ctx *ctx, tito_jupytext__lines *out, int *first_cell_used,
                          long *blank_override)
{
    tito_json *root = NULL, *filtered = NULL, *rlm = NULL;
    tito_jupytext__lines fm = TITO_JUPYTEXT__LINES_INIT, ylines = TITO_JUPYTEXT__LINES_INIT;
    tito_jupytext__filter nbfilter;
    tito_buf yaml = TITO_BUF_INIT;
    int rc = 0, has_front = 0;
    memset(&nbfilter, 0, sizeof(nbfilter));
    *first_cell_used = 0;
    *blank_override = -1;

    const tito_json *raw_opt = tito_json_get(ctx->fmt, "root_level_metadata_as_raw_cell");
    int as_raw_cell = raw_opt ? tito_jupytext__truthy(raw_opt) : 1;
    tito_json *jm = tito_json_get(ctx->md, "jupytext");
    if (!as_raw_cell) {
        if (jm)
            tito_json_object_take(jm, "root_level_metadata", &rlm);
    } else if (tito_nb_ncells(ctx->nb) && tito_nb_cell_type(ctx->nb, 0) == TITO_CELL_RAW) {
        size_t n = 0;
        const char *s = tito_nb_cell_source(ctx->nb, 0, &n);
        while (n && (s[0] == '\n' || s[0] == '\t' || s[0] == ' ')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == ' '))
            n--;
        if ((rc = tito_jupytext__splitlines(&fm, s, n)) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (fm.len >= 2 && header_rule(fm.v[0].s, fm.v[0].n) &&
            header_rule(fm.v[fm.len - 1].s, fm.v[fm.len - 1].n)) {
            has_front = 1;
            *first_cell_used = 1;
            const tito_json *md0 = tito_nb_cell_metadata(ctx->nb, 0);
            if ((rc = tito_jupytext__blank_count(ctx, tito_json_get(md0, "lines_to_next_cell"),
                                                 blank_override)) < 0)
                goto cleanup;
        }
    }

    /* insert_jupytext_info_and_filter_metadata() */
    if (ctx->version) {
        tito_json *tr = tito_json_new_object();
        if (!tr || tito_json_object_set(tr, "extension", tito_json_new_string(".py")) < 0 ||
            tito_json_object_set(tr, "format_name", tito_json_new_string("percent")) < 0 ||
            tito_json_object_set(tr, "format_version", tito_json_new_string("1.3")) < 0 ||
            tito_json_object_set(tr, "jupytext_version", tito_json_new_string(ctx->version)) < 0) {
            tito_json_free(tr);
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (!jm) {
            jm = tito_json_new_object();
            if (!jm || tito_json_object_set(ctx->md, "jupytext", jm) < 0) {
                tito_json_free(tr);
                rc = tito_jupytext__nomem(ctx);
                goto cleanup;
            }
        }
        if (tito_json_object_set(jm, "text_representation", tr) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (jm && !tito_json_len(jm))
        tito_json_object_remove(ctx->md, "jupytext");
    if ((rc = tito_jupytext__filter_parse(ctx, tito_json_get(ctx->fmt, "notebook_metadata_filter"),
                                          &nbfilter)) < 0 ||
        (rc = tito_jupytext__filter_metadata(ctx, ctx->md, &nbfilter, 1, &filtered)) < 0)
        goto cleanup;

    if (rlm && tito_jupytext__truthy(rlm) && !is_type(rlm, TITO_JSON_OBJECT) &&
        tito_json_len(filtered)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.root_level_metadata must be a mapping");
        goto cleanup;
    }
    if (rlm && !tito_jupytext__truthy(rlm) && !is_type(rlm, TITO_JSON_OBJECT) &&
        tito_json_len(filtered)) {
        rc = tito_jupytext__invalid(ctx, "jupytext.root_level_metadata must be a mapping");
        goto cleanup;
    }
    if (rlm && (is_type(rlm, TITO_JSON_OBJECT) || !tito_json_len(filtered))) {
        root = rlm;
        rlm = NULL;
    } else {
        root = tito_json_new_object();
        if (!root) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (tito_json_len(filtered)) {
        rc = tito_json_object_set(root, "jupyter", filtered);
        filtered = NULL;
        if (rc < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    if (tito_jupytext__truthy(root)) {
        if ((rc = tito_yaml_dump(&yaml, root)) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (tito_jupytext__splitlines(&ylines, yaml.ptr, yaml.len) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    /* "---\n---" front matter with nothing else: no header at all */
    if (!(has_front && fm.len > 2) && !ylines.len)
        goto cleanup;
    if ((rc = push_commented(ctx, out, "---", 3)) < 0)
        goto cleanup;
    for (size_t i = 1; has_front && i + 1 < fm.len; i++)
        if ((rc = push_commented(ctx, out, fm.v[i].s, fm.v[i].n)) < 0)
            goto cleanup;
    for (size_t i = 0; i < ylines.len; i++) {
        /* the YAML text dies with this function: copy it */
        const char *c = tito_jupytext__cat(&ctx->arena, "# ", 2, ylines.v[i].s, ylines.v[i].n,
                                           &ylines.v[i].n);
        if (!c) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
        if (ylines.v[i].n == 2)
            ylines.v[i].n = 1; /* "#" for an empty line */
        if (tito_jupytext__lines_push(out, c, ylines.v[i].n) < 0) {
            rc = tito_jupytext__nomem(ctx);
            goto cleanup;
        }
    }
    rc = push_commented(ctx, out, "---", 3);
cleanup:
    tito_json_free(root);
    tito_json_free(filtered);
    tito_json_free(rlm);
    tito_jupytext__lines_dispose(&fm);
    tito_jupytext__lines_dispose(&ylines);
    tito_jupytext__filter_dispose(&nbfilter);
    tito_buf_dispose(&yaml);
    return rc;
}
