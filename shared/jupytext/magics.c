/* Magic commenting (jupytext magics.py, spec §8) and the string tracker it
 * and pep8 use (stringparser.py). The regular expressions of magics.py are
 * hand-compiled: each is anchored and its groups are deterministic, so a
 * greedy scan gives the same answer as Python's backtracking matcher. */
#include "jupytext/jupytext_private.h"

#include <string.h>

enum { KIND_GENERIC, KIND_RUST, KIND_CSHARP, KIND_GO };

void tito_jupytext__strparser_init_python(tito_jupytext__strparser *p)
{
    memset(p, 0, sizeof(*p));
    p->python = 1;
    p->comment = "#";
    p->comment_len = 1;
}

void tito_jupytext__strparser_init(tito_jupytext__strparser *p, const char *lang, size_t n)
{
    memset(p, 0, sizeof(*p));
    p->ignore = lang == NULL;
    p->python = !(lang && tito_jupytext__eq(lang, n, "R"));
    p->comment = lang ? tito_jupytext__language_comment(lang, n) : NULL;
    p->comment_len = p->comment ? strlen(p->comment) : 0;
}

int tito_jupytext__strparser_quoted(const tito_jupytext__strparser *p)
{
    if (p->ignore)
        return 0;
    return p->single || p->triple;
}

void tito_jupytext__strparser_read(tito_jupytext__strparser *p, const char *s, size_t n)
{
    if (p->ignore)
        return;
    if (!tito_jupytext__strparser_quoted(p) && p->comment) {
        size_t ws = tito_jupytext__lspace(s, n);
        if (n - ws >= p->comment_len && memcmp(s + ws, p->comment, p->comment_len) == 0)
            return;
    }
    /* Quotes, backslashes and comment characters are ASCII, and a UTF-8
     * multi-byte sequence never contains an ASCII byte, so scanning bytes is
     * the same as scanning code points. Byte distances can be used for the
     * "i >= triple_start + 3" test too: when it matters (distance < 3) the
     * characters in between are the quotes themselves. */
    char c0 = p->comment ? p->comment[0] : 0;
    size_t tpos = 0;
    int have_tpos = 0;
    for (size_t i = 0;; i++) {
        /* Inside a string only its own quote character can change the state
         * (the branches below skip every other quote and the comment
         * character there), so look for that one alone: docstrings are long. */
        char only = p->triple ? p->triple : p->single;
        if (only) {
            const char *q = i < n ? memchr(s + i, only, n - i) : NULL;
            i = q ? (size_t)(q - s) : n;
        } else {
            i = tito_jupytext__find_quote(s, i, n, c0);
        }
        if (i >= n)
            break;
        char c = s[i];
        if (!p->single && !p->triple && c0 && c == c0 && n - i >= p->comment_len &&
            memcmp(s + i, p->comment, p->comment_len) == 0)
            break;
        if (c != '"' && c != '\'')
            continue;
        if (i > 0 && s[i - 1] == '\\')
            continue;
        if (p->single == c) {
            p->single = 0;
            continue;
        }
        if (p->single)
            continue;
        if (!p->python)
            continue;
        if (i >= 2 && s[i - 1] == c && s[i - 2] == c && (!have_tpos || i >= tpos + 3)) {
            if (p->triple == c) {
                p->triple = 0;
                tpos = i;
                have_tpos = 1;
                continue;
            }
            if (p->triple)
                continue;
            p->triple = c;
            tpos = i;
            have_tpos = 1;
            continue;
        }
        if (p->triple)
            continue;
        p->single = c;
    }
    if (p->python)
        p->single = 0;
}

/* ---- the regular expressions ------------------------------------------- */

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skips (c |c)* greedily. */
static size_t skip_comments(const char *s, size_t n, size_t i, const char *c, size_t cn)
{
    while (i + cn <= n && memcmp(s + i, c, cn) == 0) {
        i += cn;
        if (i < n && s[i] == ' ')
            i++;
    }
    return i;
}

/* (%|%%|%%%)[a-zA-Z] at i; returns the index after the letter or 0. */
static size_t percent_letter(const char *s, size_t n, size_t i)
{
    size_t k = 0;
    while (i + k < n && s[i + k] == '%')
        k++;
    if (k < 1 || k > 3 || i + k >= n || !is_alpha((unsigned char)s[i + k]))
        return 0;
    return i + k + 1;
}

/* (.*)c\s*word starting anywhere at or after i ('.' excludes "\n"). */
static int tail_escape(const char *s, size_t n, size_t i, const char *c, size_t cn, const char *word)
{
    size_t wn = strlen(word);
    for (size_t j = i; j + cn <= n; j++) {
        if (memcmp(s + j, c, cn) == 0) {
            size_t k = j + cn;
            k += tito_jupytext__lspace(s + k, n - k);
            if (k + wn <= n && memcmp(s + k, word, wn) == 0)
                return 1;
        }
        if (s[j] == '\n')
            return 0;
    }
    return 0;
}


/* _MAGIC_RE[language] prefix; returns the index after the magic head or 0. */
static size_t magic_head(const char *s, size_t n, const char *c, size_t cn, int kind)
{
    size_t i = 0;
    if (kind == KIND_GENERIC)
        i = tito_jupytext__lspace(s, n);
    i = skip_comments(s, n, i, c, cn);
    if (kind == KIND_RUST) {
        if (i + 1 < n && s[i] == ':' && is_alpha((unsigned char)s[i + 1]))
            return i + 2;
        return 0;
    }
    if (kind == KIND_CSHARP) {
        if (i + 2 < n && s[i] == '#' && s[i + 1] == '!' && is_alpha((unsigned char)s[i + 2]))
            return i + 3;
        return 0;
    }
    if (kind == KIND_GO && i < n && s[i] == '!') {
        if (i + 1 < n && is_alpha((unsigned char)s[i + 1]))
            return i + 2;
        if (i + 2 < n && s[i + 1] == '*' && is_alpha((unsigned char)s[i + 2]))
            return i + 3;
        return 0;
    }
    return percent_letter(s, n, i);
}

/* Generic ^\s*(c |c)*(%|%%|%%%)[a-zA-Z](.*)c\s*word */
static int generic_escape(const char *s, size_t n, const char *c, size_t cn, const char *word)
{
    if (!memchr(s, '%', n))
        return 0;
    size_t i = magic_head(s, n, c, cn, KIND_GENERIC);
    return i && tail_escape(s, n, i, c, cn, word);
}

/* ^\s*(# |#)*\s*(\?|!)\s*[A-Za-z\.\~\$\\\/\{\}] */
static int help_or_bash(const char *s, size_t n)
{
    size_t i = tito_jupytext__lspace(s, n);
    i = skip_comments(s, n, i, "#", 1);
    i += tito_jupytext__lspace(s + i, n - i);
    if (i >= n || (s[i] != '?' && s[i] != '!'))
        return 0;
    i++;
    i += tito_jupytext__lspace(s + i, n - i);
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    return is_alpha(c) || (c && strchr(".~$\\/{}", c) != NULL);
}

/* ^(# |#)*\s*([a-zA-Z_][a-zA-Z_$0-9]*)\s*=\s*(%|%%|%%%|!)[a-zA-Z] */
static int magic_assign(const char *s, size_t n)
{
    size_t i = skip_comments(s, n, 0, "#", 1);
    i += tito_jupytext__lspace(s + i, n - i);
    if (i >= n || !(is_alpha((unsigned char)s[i]) || s[i] == '_'))
        return 0;
    i++;
    while (i < n && (is_alpha((unsigned char)s[i]) || s[i] == '_' || s[i] == '$' ||
                     (s[i] >= '0' && s[i] <= '9')))
        i++;
    i += tito_jupytext__lspace(s + i, n - i);
    if (i >= n || s[i] != '=')
        return 0;
    i++;
    i += tito_jupytext__lspace(s + i, n - i);
    if (i < n && s[i] == '!')
        return i + 1 < n && is_alpha((unsigned char)s[i + 1]);
    return percent_letter(s, n, i) != 0;
}

/* "$" of Python re: end of string, or just before a final "\n". */
static int at_end(const char *s, size_t n, size_t i)
{
    return i == n || (i + 1 == n && s[i] == '\n');
}

/* ^\s*(# )*[^\s]*\?\s*$ */
static int magic_help(const char *s, size_t n)
{
    size_t i = tito_jupytext__lspace(s, n);
    while (i + 1 < n && s[i] == '#' && s[i + 1] == ' ')
        i += 2;
    size_t j = i;
    while (j < n) {
        size_t k = j;
        uint32_t cp = tito_jupytext__utf8_next(s, n, &k);
        if (tito_jupytext__py_isspace(cp))
            break;
        j = k;
    }
    if (j == i || s[j - 1] != '?')
        return 0;
    return tito_jupytext__lspace(s + j, n - j) == n - j;
}

/* ^(# |#)*(cat|cd|...)($|\s$|\s[^=,]) */
static int magic_cmd(const char *s, size_t n)
{
    static const char *const cmds[] = {"cat", "cd",   "cp",   "mv",   "rm",   "rmdir", "mkdir",
                                       "copy", "ddir", "echo", "ls",   "ldir", "ren"};
    size_t i = skip_comments(s, n, 0, "#", 1);
    if (i >= n || !strchr("cdelmr", s[i]))
        return 0;
    for (size_t c = 0; c < sizeof(cmds) / sizeof(*cmds); c++) {
        size_t k = strlen(cmds[c]);
        if (i + k > n || memcmp(s + i, cmds[c], k) != 0)
            continue;
        size_t j = i + k;
        if (at_end(s, n, j))
            return 1;
        size_t w = j;
        uint32_t cp = tito_jupytext__utf8_next(s, n, &w);
        if (!tito_jupytext__py_isspace(cp))
            continue;
        if (at_end(s, n, w))
            return 1;
        if (s[w] != '=' && s[w] != ',')
            return 1;
    }
    return 0;
}

int tito_jupytext__magic_lang_init(tito_jupytext__magic_lang *m, tito_jupytext__arena *a,
                                   const char *lang, size_t langn)
{
    size_t un = 0;
    const char *u = tito_jupytext__usual_language(a, lang, langn, &un);
    memset(m, 0, sizeof(*m));
    if (!u)
        return TITO_ENOMEM;
    if (tito_jupytext__eq(u, un, "octave") || tito_jupytext__eq(u, un, "matlab") ||
        tito_jupytext__eq(u, un, "sas") || tito_jupytext__eq(u, un, "logtalk"))
        return 0;
    m->comment = tito_jupytext__language_comment(u, un);
    if (!m->comment)
        return 0;
    m->enabled = 1;
    m->comment_len = strlen(m->comment);
    m->python = tito_jupytext__eq(u, un, "python");
    m->kind = tito_jupytext__eq(u, un, "rust")     ? KIND_RUST
              : tito_jupytext__eq(u, un, "csharp") ? KIND_CSHARP
              : tito_jupytext__eq(u, un, "go")     ? KIND_GO
                                                   : KIND_GENERIC;
    return 0;
}

int tito_jupytext__is_magic(const tito_jupytext__magic_lang *m, const char *line, size_t n,
                            int escape_flag, int explicitly_code)
{
    if (!m->enabled)
        return 0;
    if (m->python && !memchr(line, '%', n) && !memchr(line, '!', n) && !memchr(line, '?', n))
        return escape_flag && magic_cmd(line, n); /* the other rules need one of %!? */
    const char *c = m->comment;
    size_t cn = m->comment_len;
    int kind = m->kind;
    /* _MAGIC_FORCE_ESC_RE (rust and csharp: overwritten with "noescape") */
    if (kind == KIND_RUST || kind == KIND_CSHARP) {
        size_t i = magic_head(line, n, "//", 2, kind);
        if (i && tail_escape(line, n, i, "//", 2, "noescape"))
            return 1;
    } else if (generic_escape(line, n, c, cn, "escape")) {
        return 1;
    }
    if (!escape_flag || generic_escape(line, n, c, cn, "noescape"))
        return 0;
    if (magic_head(line, n, c, cn, kind))
        return 1;
    if (!m->python)
        return 0;
    if (help_or_bash(line, n))
        return 1;
    if (magic_assign(line, n))
        return 1;
    if (explicitly_code && magic_help(line, n))
        return 1;
    return magic_cmd(line, n);
}

/* .*\\\s*$ */
static int continuation(const char *s, size_t n)
{
    size_t r = tito_jupytext__rspace(s, n);
    if (r == n)
        return 0;
    if (memchr(s, '\n', n - r))
        return 0; /* '.' does not cross a newline */
    return s[n - r - 1] == '\\';
}

int tito_jupytext__comment_magic(tito_jupytext__ctx *ctx, tito_jupytext__lines *src,
                                 const char *lang, size_t langn, int escape_flag)
{
    tito_jupytext__strparser p;
    int next_is_magic = 0;
    int python = tito_jupytext__eq(lang, langn, "python");
    tito_jupytext__magic_lang ml;
    const char *c = tito_jupytext__language_comment(lang, langn);
    size_t cn = c ? strlen(c) : 0;
    tito_jupytext__strparser_init(&p, lang, langn);
    if (tito_jupytext__magic_lang_init(&ml, &ctx->arena, lang, langn) < 0)
        return tito_jupytext__nomem(ctx);
    for (size_t k = 0; k < src->len; k++) {
        const char *line = src->v[k].s;
        size_t n = src->v[k].n;
        if (!tito_jupytext__strparser_quoted(&p)) {
            int magic = next_is_magic;
            if (!magic) {
                magic = tito_jupytext__is_magic(&ml, line, n, escape_flag, 1);
            }
            if (magic) {
                if (!c)
                    return tito_jupytext__invalid(ctx, "cannot comment magics of language '%.*s' "
                                                       "(jupytext fails with a KeyError)",
                                                  (int)(langn > 64 ? 64 : langn), lang);
                size_t ind = next_is_magic ? 0 : tito_jupytext__lspace(line, n);
                char *o = tito_jupytext__alloc(&ctx->arena, n + cn + 1);
                if (!o)
                    return tito_jupytext__nomem(ctx);
                memcpy(o, line, ind);
                memcpy(o + ind, c, cn);
                o[ind + cn] = ' ';
                memcpy(o + ind + cn + 1, line + ind, n - ind);
                src->v[k].s = o;
                src->v[k].n = n + cn + 1;
                next_is_magic = python && continuation(line, n);
            }
        }
        tito_jupytext__strparser_read(&p, line, n);
    }
    return 0;
}
