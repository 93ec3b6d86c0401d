/* Languages: jupytext's language tables (languages.py), usual names, and the
 * %%lang cell magic that sets a cell's language (spec §5). */
#include "jupytext/jupytext_private.h"

#include <string.h>

/* _JUPYTER_LANGUAGES after languages.py extends it (sorted). */
static const char *const jupyter_languages[] = {
    "R", "bash", "c#", "c++", "clojure", "coconut", "cs", "csharp", "cython", "f#", "fs",
    "fsharp", "gnuplot", "go", "groovy", "haskell", "html", "idl", "java", "javascript", "js",
    "julia", "latex", "logtalk", "lua", "markdown", "matlab", "maxima", "ocaml", "octave", "perl",
    "powershell", "pypy", "python", "python2", "python3", "q", "robotframework", "ruby", "rust",
    "sage", "sas", "scala", "scheme", "script", "sh", "sos", "spark", "sql", "stata", "svg", "tcl",
    "typescript", "wolfram language", "xonsh"};

/* _COMMENT: language -> comment, last extension of _SCRIPT_EXTENSIONS wins. */
static const struct {
    const char *lang;
    const char *comment;
} script_languages[] = {
    {"python", "#"},      {"coconut", "#"},   {"R", "#"},
    {"julia", "#"},       {"c++", "//"},      {"scheme", ";;"},
    {"clojure", ";;"},    {"bash", "#"},      {"powershell", "#"},
    {"q", "/"},           {"matlab", "%"},    {"wolfram language", "(*"},
    {"idl", ";"},         {"javascript", "//"}, {"typescript", "//"},
    {"scala", "//"},      {"rust", "//"},     {"robotframework", "#"},
    {"csharp", "//"},     {"fsharp", "//"},   {"sos", "#"},
    {"java", "//"},       {"groovy", "//"},   {"sage", "#"},
    {"ocaml", "(*"},      {"haskell", "--"},  {"tcl", "#"},
    {"maxima", "/*"},     {"gnuplot", "#"},   {"stata", "//"},
    {"sas", "/*"},        {"xonsh", "#"},     {"logtalk", "%"},
    {"lua", "--"},        {"go", "//"},
};

int tito_jupytext__is_jupyter_language(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(jupyter_languages) / sizeof(*jupyter_languages); i++)
        if (tito_jupytext__eq(s, n, jupyter_languages[i]))
            return 1;
    return 0;
}

const char *tito_jupytext__language_comment(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(script_languages) / sizeof(*script_languages); i++)
        if (tito_jupytext__eq(s, n, script_languages[i].lang))
            return script_languages[i].comment;
    return NULL;
}

const char *tito_jupytext__usual_language(tito_jupytext__arena *a, const char *s, size_t n,
                                          size_t *outn)
{
    size_t ln = 0;
    const char *l = tito_jupytext__lower(a, s, n, &ln);
    const char *r = NULL;
    if (!l)
        return NULL;
    if (tito_jupytext__eq(l, ln, "r"))
        r = "R";
    else if (tito_jupytext__starts(l, ln, "c++"))
        r = "c++";
    else if (tito_jupytext__eq(l, ln, "octave"))
        r = "matlab";
    else if (tito_jupytext__eq(l, ln, "cs") || tito_jupytext__eq(l, ln, "c#"))
        r = "csharp";
    else if (tito_jupytext__eq(l, ln, "fs") || tito_jupytext__eq(l, ln, "f#"))
        r = "fsharp";
    else if (tito_jupytext__eq(l, ln, "sas"))
        r = "SAS";
    if (r) {
        *outn = strlen(r);
        return r;
    }
    *outn = ln;
    return l;
}

int tito_jupytext__same_language(tito_jupytext__arena *a, const char *x, size_t xn, const char *y,
                                 size_t yn, int *out)
{
    size_t un = 0, vn = 0;
    const char *u = tito_jupytext__usual_language(a, x, xn, &un);
    const char *v = tito_jupytext__usual_language(a, y, yn, &vn);
    if (!u || !v)
        return TITO_ENOMEM;
    *out = un == vn && memcmp(u, v, un) == 0;
    return 0;
}

/* ^(%%\s*|%%\s+-.*)$ */
static int go_double_percent(const char *s, size_t n)
{
    if (!tito_jupytext__starts(s, n, "%%"))
        return 0;
    size_t ws = tito_jupytext__lspace(s + 2, n - 2);
    if (2 + ws == n)
        return 1;
    if (ws == 0 || s[2 + ws] != '-')
        return 0;
    return memchr(s + 2 + ws, '\n', n - 2 - ws) == NULL;
}

int tito_jupytext__cell_language(tito_jupytext__ctx *ctx, tito_jupytext__lines *src,
                                 tito_jupytext__str *lang, tito_jupytext__str *args, int *found)
{
    *found = 0;
    lang->s = args->s = "";
    lang->n = args->n = 0;
    if (!src->len)
        return 0;
    const char *line = src->v[0].s;
    size_t n = src->v[0].n;
    const char *dl = ctx->default_language;
    size_t dn = ctx->default_language_len;
    if (tito_jupytext__eq(dl, dn, "go") && go_double_percent(line, n))
        return 0;
    if (tito_jupytext__eq(dl, dn, "csharp")) {
        if (tito_jupytext__starts(line, n, "#!")) {
            size_t l = tito_jupytext__lspace(line + 2, n - 2);
            size_t r = tito_jupytext__rspace(line + 2 + l, n - 2 - l);
            const char *name = line + 2 + l;
            size_t nn = n - 2 - l - r;
            if (tito_jupytext__is_jupyter_language(name, nn)) {
                lang->s = name;
                lang->n = nn;
                *found = 1;
                tito_jupytext__lines_remove_first(src);
            }
        }
        return 0;
    }
    if (!tito_jupytext__starts(line, n, "%%"))
        return 0;
    if (ctx->custom_magics_error)
        return tito_jupytext__invalid(ctx, "jupytext.custom_cell_magics and "
                                           "custom_language_magics must be strings");
    const char *magic = line + 2;
    size_t mn = n - 2;
    const char *sp = memchr(magic, ' ', mn);
    size_t ln = sp ? (size_t)(sp - magic) : mn;
    int match = tito_jupytext__is_jupyter_language(magic, ln);
    for (size_t i = 0; !match && i < ctx->custom_magics.len; i++)
        match = ctx->custom_magics.v[i].n == ln && memcmp(ctx->custom_magics.v[i].s, magic, ln) == 0;
    if (!match)
        return 0;
    lang->s = magic;
    lang->n = ln;
    if (sp) {
        args->s = sp + 1;
        args->n = mn - ln - 1;
    }
    *found = 1;
    tito_jupytext__lines_remove_first(src);
    return 0;
}
