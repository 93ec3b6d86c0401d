/* jupytext.formats (formats.py): long and short forms of the paired formats,
 * validation, the "auto" extension, and the ".py" entry set to ":percent". */
#include "jupytext/jupytext_private.h"

#include <string.h>

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
static const char *const valid_format_options[] = {
    "comment_magics", "hide_notebook_metadata", "root_level_metadata_as_raw_cell",
    "split_at_heading", "rst2md", "cell_metadata_json", "use_runtools",
    "doxygen_equation_markers", "notebook_metadata_filter", "root_level_metadata_filter",
    "cell_metadata_filter", "cell_markers", "custom_cell_magics", "custom_language_magics"};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

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
        if (!in_list(k, kn, valid_format_options, COUNT(valid_format_options)))
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

int tito_jupytext__normalize_formats(tito_jupytext__ctx *ctx, const tito_json *formats,
                                     const tito_json *md, const tito_json *jm, tito_json **out)
{
    fmtspec *specs = NULL;
    size_t count = 0;
    int rc;
    *out = NULL;
    if ((rc = parse_formats(ctx, formats, md, jm, &specs, &count)) < 0)
        return rc;
    return formats_to_json(ctx, specs, count, out);
}

/* update_jupytext_formats_metadata(metadata, "py:percent") */
int tito_jupytext__update_formats(tito_jupytext__ctx *ctx)
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
