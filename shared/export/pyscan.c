/* A small Python tokenizer plus a statement splitter: see pyscan.h for what
 * it extracts and why. Two passes: tokens grouped into logical lines (the
 * tokenizer's NEWLINE), then an indentation pass that finds the top-level
 * statements and the direct children of top-level classes. */
#include "export/pyscan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"

enum { T_NAME, T_NUMBER, T_STRING, T_OP };

typedef struct tok {
    int type;
    size_t start, end;          /* byte range in src */
    size_t line, col, end_line, end_col;
    int depth;                  /* bracket depth at the token (closers: before popping) */
} tok;

typedef struct lline {
    size_t first, last;         /* token range [first, last) */
    size_t indent;
} lline;

typedef struct scanner {
    const char *src;
    size_t len;
    tok *toks;
    size_t ntoks, captoks;
    lline *lines;
    size_t nlines, caplines;
    tito_pyscan *res;
    int nomem;
} scanner;

typedef struct decorator {
    char *id;     /* decor_id */
    char *arg0;   /* text of the first call argument, or NULL */
} decorator;

/* ------------------------------------------------------------------ */

static void syntax_error(scanner *s, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void syntax_error(scanner *s, size_t line, const char *fmt, ...)
{
    if (s->res->syntax_error)
        return;
    s->res->syntax_error = 1;
    s->res->error_line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->res->error, sizeof(s->res->error), fmt, ap);
    va_end(ap);
}

static int push_tok(scanner *s, const tok *t)
{
    if (s->ntoks == s->captoks) {
        size_t cap = s->captoks ? s->captoks * 2 : 256;
        tok *p = realloc(s->toks, cap * sizeof(*p));
        if (!p)
            return s->nomem = 1, TITO_ENOMEM;
        s->toks = p;
        s->captoks = cap;
    }
    s->toks[s->ntoks++] = *t;
    return 0;
}

static int push_line(scanner *s, size_t first, size_t last, size_t indent)
{
    if (s->nlines == s->caplines) {
        size_t cap = s->caplines ? s->caplines * 2 : 64;
        lline *p = realloc(s->lines, cap * sizeof(*p));
        if (!p)
            return s->nomem = 1, TITO_ENOMEM;
        s->lines = p;
        s->caplines = cap;
    }
    s->lines[s->nlines].first = first;
    s->lines[s->nlines].last = last;
    s->lines[s->nlines].indent = indent;
    s->nlines++;
    return 0;
}

static int is_name_start(unsigned char c) { return c == '_' || (unsigned)((c | 32) - 'a') < 26u || c >= 0x80; }
static int is_name_char(unsigned char c) { return is_name_start(c) || (unsigned)(c - '0') < 10u; }

/* Length of a newline at p (\n, \r\n, \r), 0 if none. */
static size_t newline_at(const char *p, const char *end)
{
    if (p >= end)
        return 0;
    if (*p == '\n')
        return 1;
    if (*p == '\r')
        return (p + 1 < end && p[1] == '\n') ? 2 : 1;
    return 0;
}

static const char *const ops3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
static const char *const ops2[] = {"->", ":=", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=",
                                   "*=", "/=", "%=", "&=", "|=", "^=", "@=", NULL};
static const char ops1[] = "+-*/%@&|^~<>()[]{},:.;=";

static size_t match_op(const char *p, const char *end)
{
    size_t left = (size_t)(end - p);
    for (int i = 0; ops3[i]; i++)
        if (left >= 3 && memcmp(p, ops3[i], 3) == 0)
            return 3;
    for (int i = 0; ops2[i]; i++)
        if (left >= 2 && memcmp(p, ops2[i], 2) == 0)
            return 2;
    if (*p && strchr(ops1, *p))
        return 1;
    return 0;
}

/* Is p the start of a string literal (with an optional prefix)? Returns the
 * prefix length, or -1. */
static int string_prefix(const char *p, const char *end)
{
    int n = 0;
    while (n < 2 && p + n < end && strchr("rRbBuUfF", p[n]) && p[n])
        n++;
    for (int k = n; k >= 0; k--)
        if (p + k < end && (p[k] == '\'' || p[k] == '"')) {
            /* every char before the quote must be a prefix letter */
            return k;
        }
    return -1;
}

/* One UTF-8 sequence: its length and code point (invalid: 1, 0xFFFD). */
static size_t utf8_cp(const char *p, size_t left, unsigned long *cp)
{
    unsigned char c = (unsigned char)p[0];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n > left || n == 1) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned long v = c & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | ((unsigned char)p[i] & 0x3F);
    }
    *cp = v;
    return n;
}

/* Could cp be part of an identifier (XID_Continue)? Without Unicode's
 * tables: the spaces, controls, punctuation and symbol blocks that turn up
 * in notebooks (typographic quotes, dashes, arrows, math, emoji) are not. */
static int identifier_cp(unsigned long cp)
{
    if (cp < 0xA0 || cp == 0xFFFD)
        return cp >= 0x80 ? 0 : 1;
    if (cp <= 0xBF)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB7;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x3003) ||
        cp == 0xFEFF || (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE000 && cp <= 0xF8FF) ||
        (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF01 && cp <= 0xFF0F))
        return cp == 0x203F || cp == 0x2040 || cp == 0x2054; /* the connector punctuation Python allows */
    return 1;
}

static void tokenize(scanner *s)
{
    const char *src = s->src, *end = src + s->len;
    size_t pos = 0, line = 1, line_start = 0;
    char brackets[200];
    size_t depth = 0, bracket_line[200];
    int at_line_start = 1;
    size_t line_first_tok = 0, cur_indent = 0;
    int have_line = 0;

    if (memchr(src, '\0', s->len)) {
        syntax_error(s, 1, "source code cannot contain null bytes");
        return;
    }
    while (pos < s->len && !s->nomem) {
        if (at_line_start && depth == 0) {
            size_t col = 0, p = pos;
            while (p < s->len && (src[p] == ' ' || src[p] == '\t' || src[p] == '\f')) {
                if (src[p] == ' ')
                    col++;
                else if (src[p] == '\t')
                    col = (col / 8 + 1) * 8;
                else
                    col = 0;
                p++;
            }
            if (p >= s->len)
                break;
            if (src[p] == '#') {
                while (p < s->len && !newline_at(src + p, end))
                    p++;
            }
            size_t nl = newline_at(src + p, end);
            if (nl || p >= s->len) {
                pos = p + nl;
                line++;
                line_start = pos;
                continue;
            }
            pos = p;
            cur_indent = col;
            at_line_start = 0;
            line_first_tok = s->ntoks;
            have_line = 1;
        }
        char c = src[pos];
        if (c == ' ' || c == '\t' || c == '\f') {
            pos++;
            continue;
        }

        if (c == '#') {
            while (pos < s->len && !newline_at(src + pos, end))
                pos++;
            continue;
        }
        size_t nl = newline_at(src + pos, end);
        if (nl) {
            pos += nl;
            line++;
            line_start = pos;
            if (depth == 0) {
                if (have_line && s->ntoks > line_first_tok)
                    push_line(s, line_first_tok, s->ntoks, cur_indent);
                have_line = 0;
                at_line_start = 1;
            }
            continue;
        }
        if (c == '\\') {
            size_t n2 = newline_at(src + pos + 1, end);
            if (!n2) {
                if (pos + 1 >= s->len)
                    syntax_error(s, line, "unexpected EOF after line continuation");
                else
                    syntax_error(s, line, "unexpected character after line continuation character");
                return;
            }
            pos += 1 + n2;
            line++;
            line_start = pos;
            continue;
        }
        tok t;
        memset(&t, 0, sizeof(t));
        t.start = pos;
        t.line = line;
        t.col = pos - line_start;
        t.depth = (int)depth;
        int pre = is_name_start((unsigned char)c) || c == '\'' || c == '"' ? string_prefix(src + pos, end) : -1;
        if (pre >= 0) {
            /* check that the letters form a real prefix: a name like "bar'" is not */
            int ok = 1;
            for (int k = 0; k < pre; k++)
                if (!strchr("rRbBuUfF", src[pos + k]))
                    ok = 0;
            if (!ok)
                pre = -1;
        }
        if (pre >= 0) {
            size_t p = pos + (size_t)pre;
            char q = src[p];
            int triple = p + 2 < s->len && src[p + 1] == q && src[p + 2] == q;
            size_t start_line = line;
            p += triple ? 3 : 1;
            int closed = 0;
            while (p < s->len) {
                if (src[p] == '\\') {
                    size_t n2 = newline_at(src + p + 1, end);
                    if (n2) {
                        p += 1 + n2;
                        line++;
                        line_start = p;
                    } else {
                        p += (p + 1 < s->len) ? 2 : 1;
                    }
                    continue;
                }
                size_t n2 = newline_at(src + p, end);
                if (n2) {
                    if (!triple)
                        break;
                    p += n2;
                    line++;
                    line_start = p;
                    continue;
                }
                if (src[p] == q) {
                    if (!triple) {
                        p++;
                        closed = 1;
                        break;
                    }
                    if (p + 2 < s->len && src[p + 1] == q && src[p + 2] == q) {
                        p += 3;
                        closed = 1;
                        break;
                    }
                }
                p++;
            }
            if (!closed) {
                syntax_error(s, start_line, triple ? "unterminated triple-quoted string literal"
                                                   : "unterminated string literal");
                return;
            }
            t.type = T_STRING;
            pos = p;
        } else if (is_name_start((unsigned char)c)) {
            size_t bad = 0;
            while (pos < s->len && is_name_char((unsigned char)src[pos])) {
                if ((unsigned char)src[pos] >= 0x80 && !bad) {
                    unsigned long cp = 0;
                    size_t n = utf8_cp(src + pos, s->len - pos, &cp);
                    if (!identifier_cp(cp)) {
                        syntax_error(s, line, "invalid character '%.*s' (U+%04lX)", (int)n, src + pos, cp);
                        return;
                    }
                    pos += n;
                    continue;
                }
                pos++;
            }
            t.type = T_NAME;
        } else if ((unsigned)(c - '0') < 10u || (c == '.' && pos + 1 < s->len && (unsigned)(src[pos + 1] - '0') < 10u)) {
            int hex = c == '0' && pos + 1 < s->len && (src[pos + 1] | 32) == 'x';
            while (pos < s->len) {
                char d = src[pos];
                if (is_name_char((unsigned char)d) || d == '.') {
                    pos++;
                    if (!hex && (d == 'e' || d == 'E') && pos < s->len && (src[pos] == '+' || src[pos] == '-'))
                        pos++;
                } else {
                    break;
                }
            }
            t.type = T_NUMBER;
        } else {
            size_t n = match_op(src + pos, end);
            if (!n) {
                if (c == '!')
                    syntax_error(s, line, "invalid syntax ('!' shell escape?)");
                else
                    syntax_error(s, line, "invalid character '%c' (U+%04X)", c >= 32 && c < 127 ? c : '?',
                                 (unsigned)(unsigned char)c);
                return;
            }
            if (n == 1 && strchr("([{", c)) {
                if (depth >= sizeof(brackets)) {
                    syntax_error(s, line, "too many nested parentheses");
                    return;
                }
                brackets[depth] = c;
                bracket_line[depth] = line;
                depth++;
            } else if (n == 1 && strchr(")]}", c)) {
                char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (depth == 0) {
                    syntax_error(s, line, "unmatched '%c'", c);
                    return;
                }
                if (brackets[depth - 1] != want) {
                    syntax_error(s, line, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                                 c, brackets[depth - 1]);
                    return;
                }
                depth--;
            }
            pos += n;
            t.type = T_OP;
        }
        t.end = pos;
        t.end_line = line;
        t.end_col = pos - line_start;
        if (push_tok(s, &t) < 0)
            return;
    }
    if (depth > 0) {
        syntax_error(s, bracket_line[depth - 1], "'%c' was never closed", brackets[depth - 1]);
        return;
    }
    if (have_line && s->ntoks > line_first_tok)
        push_line(s, line_first_tok, s->ntoks, cur_indent);
}

/* ------------------------------------------------------------------ */

static int tok_is(const scanner *s, size_t i, const char *text)
{
    const tok *t = &s->toks[i];
    size_t n = strlen(text);
    return t->end - t->start == n && memcmp(s->src + t->start, text, n) == 0;
}

static int tok_is_op(const scanner *s, size_t i, const char *text)
{
    return s->toks[i].type == T_OP && tok_is(s, i, text);
}

static int tok_is_kw(const scanner *s, size_t i, const char *text)
{
    return s->toks[i].type == T_NAME && tok_is(s, i, text);
}

static char *tok_dup(scanner *s, size_t i)
{
    const tok *t = &s->toks[i];
    char *r = strndup(s->src + t->start, t->end - t->start);
    if (!r)
        s->nomem = 1;
    return r;
}

/* Source text of tokens [a, b) joined as written on their lines, with the
 * whitespace between tokens dropped (what ast.unparse gives for names and
 * dotted names, the only shapes patch_name meets in practice). */
static char *toks_text(scanner *s, size_t a, size_t b)
{
    tito_buf out = TITO_BUF_INIT;
    for (size_t i = a; i < b; i++)
        tito_buf_put(&out, s->src + s->toks[i].start, s->toks[i].end - s->toks[i].start);
    if (tito_buf_put(&out, "", 0) < 0) {
        s->nomem = 1;
        tito_buf_dispose(&out);
        return NULL;
    }
    return tito_buf_detach(&out, NULL);
}

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", NULL};

static int is_keyword(const scanner *s, size_t i)
{
    if (s->toks[i].type != T_NAME)
        return 0;
    for (int k = 0; keywords[k]; k++)
        if (tok_is(s, i, keywords[k]))
            return 1;
    return 0;
}

static int push_str(scanner *s, char ***arr, size_t *n, char *str)
{
    char **p = realloc(*arr, (*n + 1) * sizeof(**arr));
    if (!p) {
        free(str);
        s->nomem = 1;
        return TITO_ENOMEM;
    }
    *arr = p;
    p[(*n)++] = str;
    return 0;
}

static tito_pystmt *new_stmt(scanner *s, tito_pystmt_kind kind, size_t a, size_t b)
{
    tito_pyscan *r = s->res;
    tito_pystmt *p = realloc(r->stmts, (r->nstmts + 1) * sizeof(*p));
    if (!p) {
        s->nomem = 1;
        return NULL;
    }
    r->stmts = p;
    tito_pystmt *st = &p[r->nstmts++];
    memset(st, 0, sizeof(*st));
    st->kind = kind;
    st->line = s->toks[a].line;
    st->col = s->toks[a].col;
    st->end_line = s->toks[b - 1].end_line;
    st->end_col = s->toks[b - 1].end_col;
    return st;
}

/* Index of the bracket closing the opener at i, within [i, b); b if none. */
static size_t matching(const scanner *s, size_t i, size_t b)
{
    int d = s->toks[i].depth;
    for (size_t j = i + 1; j < b; j++)
        if (s->toks[j].type == T_OP && s->toks[j].depth == d + 1 &&
            (tok_is(s, j, ")") || tok_is(s, j, "]") || tok_is(s, j, "}")))
            return j;
    return b;
}

/* Decodes a run of adjacent string literal tokens [a, b) into their value
 * (escape sequences of non-raw literals interpreted; \N{...} kept as is). */
static char *string_value(scanner *s, size_t a, size_t b)
{
    tito_buf out = TITO_BUF_INIT;
    for (size_t i = a; i < b; i++) {
        const char *p = s->src + s->toks[i].start, *e = s->src + s->toks[i].end;
        int raw = 0;
        while (*p != '\'' && *p != '"') {
            if ((*p | 32) == 'r')
                raw = 1;
            p++;
        }
        char q = *p;
        size_t ql = (e - p >= 6 && p[1] == q && p[2] == q) ? 3 : 1;
        p += ql;
        e -= ql;
        while (p < e) {
            if (*p == '\\' && !raw && p + 1 < e) {
                char c = p[1];
                p += 2;
                switch (c) {
                case 'n': tito_buf_putc(&out, '\n'); break;
                case 't': tito_buf_putc(&out, '\t'); break;
                case 'r': tito_buf_putc(&out, '\r'); break;
                case '\\': tito_buf_putc(&out, '\\'); break;
                case '\'': tito_buf_putc(&out, '\''); break;
                case '"': tito_buf_putc(&out, '"'); break;
                case '\n': break;
                case 'a': tito_buf_putc(&out, '\a'); break;
                case 'b': tito_buf_putc(&out, '\b'); break;
                case 'f': tito_buf_putc(&out, '\f'); break;
                case 'v': tito_buf_putc(&out, '\v'); break;
                default:
                    tito_buf_putc(&out, '\\');
                    tito_buf_putc(&out, c);
                }
                continue;
            }
            tito_buf_putc(&out, *p++);
        }
    }
    if (tito_buf_put(&out, "", 0) < 0) {
        s->nomem = 1;
        tito_buf_dispose(&out);
        return NULL;
    }
    return tito_buf_detach(&out, NULL);
}

/* Drops parentheses around a whole expression that hold no comma at their
 * top ("(a)" is the Name a; "(a,)" stays a Tuple). */
static void strip_parens(const scanner *s, size_t *a, size_t *b)
{
    while (*b - *a >= 2 && tok_is_op(s, *a, "(") && matching(s, *a, *b) == *b - 1) {
        int d = s->toks[*a].depth + 1;
        for (size_t i = *a + 1; i < *b - 1; i++)
            if (s->toks[i].depth == d && tok_is_op(s, i, ","))
                return;
        (*a)++;
        (*b)--;
    }
}

static int single_name(const scanner *s, size_t a, size_t b)
{
    return b - a == 1 && s->toks[a].type == T_NAME && !is_keyword(s, a);
}

/* An assignment target [a, b): appends its names (NULL for non-names) as
 * nbdev's `_all_targets` sees them: a Name, or the elements of a Tuple/List
 * (one level: a nested tuple, a starred name, an attribute give NULL). */
static void add_target(scanner *s, tito_pystmt *st, size_t a, size_t b)
{
    strip_parens(s, &a, &b);
    if (a >= b)
        return;
    if (single_name(s, a, b)) {
        push_str(s, &st->targets, &st->ntargets, tok_dup(s, a));
        return;
    }
    int d = s->toks[a].depth;
    int has_comma = 0;
    for (size_t i = a; i < b; i++)
        if (s->toks[i].depth == d && tok_is_op(s, i, ","))
            has_comma = 1;
    size_t ea = a, eb = b;
    if (!has_comma) {
        if (!((tok_is_op(s, a, "(") || tok_is_op(s, a, "[")) && matching(s, a, b) == b - 1)) {
            push_str(s, &st->targets, &st->ntargets, NULL);
            return;
        }
        /* "(x, y)" or "[...]": the elements inside */
        ea = a + 1;
        eb = b - 1;
        d = d + 1;
    }
    size_t start = ea;
    for (size_t i = ea; i <= eb; i++) {
        if (i == eb || (s->toks[i].depth == d && tok_is_op(s, i, ","))) {
            size_t x = start, y = i;
            strip_parens(s, &x, &y);
            if (y > x)
                push_str(s, &st->targets, &st->ntargets, single_name(s, x, y) ? tok_dup(s, x) : NULL);
            start = i + 1;
        }
    }
}

/* The elements of `_all_`'s value [a, b): strings and names. */
static void add_all_vals(scanner *s, tito_pystmt *st, size_t a, size_t b)
{
    if (a >= b || !(tok_is_op(s, a, "[") || tok_is_op(s, a, "(") || tok_is_op(s, a, "{")))
        return;
    size_t close = matching(s, a, b);
    int d = s->toks[a].depth + 1;
    size_t start = a + 1;
    for (size_t i = a + 1; i <= close && i < b + 1; i++) {
        if (i == close || (s->toks[i].depth == d && tok_is_op(s, i, ","))) {
            if (i > start) {
                int all_str = 1;
                for (size_t k = start; k < i; k++)
                    if (s->toks[k].type != T_STRING)
                        all_str = 0;
                if (all_str)
                    push_str(s, &st->all_vals, &st->nall_vals, string_value(s, start, i));
                else if (i - start == 1 && s->toks[start].type == T_NAME)
                    push_str(s, &st->all_vals, &st->nall_vals, tok_dup(s, start));
            }
            start = i + 1;
        }
    }
}

static const char *const augops[] = {"+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=",
                                     ">>=", "<<=", "**=", NULL};

static int is_augop(const scanner *s, size_t i)
{
    if (s->toks[i].type != T_OP)
        return 0;
    for (int k = 0; augops[k]; k++)
        if (tok_is(s, i, augops[k]))
            return 1;
    return 0;
}

static void simple_stmt(scanner *s, size_t a, size_t b)
{
    if (a >= b)
        return;
    int d = s->toks[a].depth;
    if (tok_is_kw(s, a, "from")) {
        tito_pystmt *st = new_stmt(s, TITO_PYSTMT_IMPORTFROM, a, b);
        if (!st)
            return;
        size_t i = a + 1;
        while (i < b && (tok_is_op(s, i, ".") || tok_is_op(s, i, "..."))) {
            st->level += tok_is_op(s, i, ".") ? 1 : 3;
            i++;
        }
        tito_buf mod = TITO_BUF_INIT;
        while (i < b && s->toks[i].type == T_NAME && !tok_is_kw(s, i, "import")) {
            tito_buf_put(&mod, s->src + s->toks[i].start, s->toks[i].end - s->toks[i].start);
            i++;
            if (i < b && tok_is_op(s, i, ".")) {
                tito_buf_putc(&mod, '.');
                i++;
            } else {
                break;
            }
        }
        if (mod.len) {
            st->module = tito_buf_detach(&mod, NULL);
            if (!st->module)
                s->nomem = 1;
        }
        tito_buf_dispose(&mod);
        if (i >= b || !tok_is_kw(s, i, "import") || (!st->module && st->level == 0))
            syntax_error(s, s->toks[a].line, "invalid syntax in from-import");
        return;
    }
    if (tok_is_kw(s, a, "import")) {
        new_stmt(s, TITO_PYSTMT_IMPORT, a, b);
        return;
    }
    if (is_keyword(s, a) && !tok_is_kw(s, a, "None") && !tok_is_kw(s, a, "True") &&
        !tok_is_kw(s, a, "False") && !tok_is_kw(s, a, "not") && !tok_is_kw(s, a, "await")) {
        new_stmt(s, TITO_PYSTMT_OTHER, a, b);
        return;
    }
    /* the first of '=', ':' or an augmented operator at this depth decides */
    size_t i;
    for (i = a; i < b; i++) {
        if (s->toks[i].depth != d || s->toks[i].type != T_OP)
            continue;
        if (tok_is(s, i, "=") || tok_is(s, i, ":") || is_augop(s, i))
            break;
    }
    if (i == b) {
        new_stmt(s, TITO_PYSTMT_OTHER, a, b);
        return;
    }
    tito_pystmt *st = new_stmt(s, TITO_PYSTMT_ASSIGN, a, b);
    if (!st)
        return;
    size_t value_a = b;
    if (tok_is(s, i, "=")) {
        size_t start = a;
        size_t last_eq = i;
        for (size_t k = a; k < b; k++) {
            if (s->toks[k].depth == d && tok_is_op(s, k, "=")) {
                add_target(s, st, start, k);
                start = k + 1;
                last_eq = k;
            }
        }
        value_a = last_eq + 1;
    } else {
        add_target(s, st, a, i);
        if (tok_is(s, i, ":")) {
            value_a = b;
            for (size_t k = i + 1; k < b; k++)
                if (s->toks[k].depth == d && tok_is_op(s, k, "=")) {
                    value_a = k + 1;
                    break;
                }
        } else {
            value_a = i + 1;
        }
    }
    if (st->ntargets > 0 && st->targets[0] && strcmp(st->targets[0], "_all_") == 0) {
        st->first_target_is_all = 1;
        add_all_vals(s, st, value_a, b);
    }
}

static int is_compound_start(const scanner *s, size_t a, size_t b)
{
    static const char *const kws[] = {"if", "elif", "else", "for", "while", "try", "except", "finally",
                                      "with", "def", "class", "async", NULL};
    for (int k = 0; kws[k]; k++)
        if (tok_is_kw(s, a, kws[k]))
            return 1;
    if ((tok_is_kw(s, a, "match") || tok_is_kw(s, a, "case")) && b - a > 1 && tok_is_op(s, b - 1, ":") &&
        s->toks[a + 1].type != T_OP)
        return 1;
    return 0;
}

/* decor_id of the decorator expression [a, b): a Name's id, a Call of a
 * Name's func id, else "". */
static void parse_decorator(scanner *s, size_t a, size_t b, decorator *dec)
{
    dec->id = NULL;
    dec->arg0 = NULL;
    if (a < b && s->toks[a].type == T_NAME &&
        (b - a == 1 || (tok_is_op(s, a + 1, "(") && matching(s, a + 1, b) == b - 1))) {
        dec->id = tok_dup(s, a);
        if (b - a > 1) {
            int d = s->toks[a + 1].depth + 1;
            size_t e = a + 2;
            while (e < b - 1 && !(s->toks[e].depth == d && tok_is_op(s, e, ",")))
                e++;
            if (e > a + 2)
                dec->arg0 = toks_text(s, a + 2, e);
        }
    } else {
        dec->id = strdup("");
        if (!dec->id)
            s->nomem = 1;
    }
}

static void free_decorators(decorator *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].id);
        free(d[i].arg0);
    }
    free(d);
}

/* Annotation text of a def's first parameter, or NULL. */
static char *first_annotation(scanner *s, size_t name_tok, size_t b)
{
    size_t p = name_tok + 1;
    if (p >= b || !tok_is_op(s, p, "("))
        return NULL;
    int d = s->toks[p].depth + 1;
    size_t i = p + 1;
    if (i >= b || s->toks[i].type != T_NAME)
        return NULL;
    i++;
    if (i >= b || !tok_is_op(s, i, ":"))
        return NULL;
    size_t start = ++i;
    while (i < b && !(s->toks[i].depth == d && (tok_is_op(s, i, ",") || tok_is_op(s, i, "="))) &&
           !(s->toks[i].depth == d && tok_is_op(s, i, ")")))
        i++;
    if (i == start)
        return NULL;
    return toks_text(s, start, i);
}

static void add_patch_names(scanner *s, tito_pystmt *st, const char *prefix)
{
    /* `A|B` annotations give one name per leaf (doclinks _binop_leafs) */
    const char *p = prefix;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        tito_buf nm = TITO_BUF_INIT;
        tito_buf_put(&nm, p, n);
        tito_buf_printf(&nm, ".%s", st->name);
        if (nm.failed) {
            s->nomem = 1;
            tito_buf_dispose(&nm);
            return;
        }
        push_str(s, &st->sym_names, &st->nsym_names, tito_buf_detach(&nm, NULL));
        if (!bar)
            break;
        p = bar + 1;
    }
}

static tito_pystmt *def_stmt(scanner *s, size_t a, size_t b, decorator *decs, size_t ndecs)
{
    int is_class = tok_is_kw(s, a, "class");
    size_t name_tok = a + 1;
    if (tok_is_kw(s, a, "async"))
        name_tok = a + 2;
    if (name_tok >= b || s->toks[name_tok].type != T_NAME || is_keyword(s, name_tok)) {
        syntax_error(s, s->toks[a].line, "invalid syntax");
        return NULL;
    }
    tito_pystmt *st = new_stmt(s, is_class ? TITO_PYSTMT_CLASS : TITO_PYSTMT_DEF, a, b);
    if (!st)
        return NULL;
    st->name = tok_dup(s, name_tok);
    if (!st->name)
        return st;
    const decorator *patch = NULL;
    for (size_t i = 0; i < ndecs; i++)
        if (decs[i].id && strncmp(decs[i].id, "patch", 5) == 0) {
            patch = &decs[i];
            break;
        }
    st->patch_decorated = patch != NULL;
    if (!is_class && patch && strcmp(patch->id, "patch") == 0) {
        char *ann = first_annotation(s, name_tok, b);
        if (ann)
            add_patch_names(s, st, ann);
        free(ann);
    } else if (!is_class && patch && strcmp(patch->id, "patch_to") == 0 && patch->arg0) {
        tito_buf nm = TITO_BUF_INIT;
        tito_buf_printf(&nm, "%s.%s", patch->arg0, st->name);
        if (nm.failed)
            s->nomem = 1;
        else
            push_str(s, &st->sym_names, &st->nsym_names, tito_buf_detach(&nm, NULL));
        tito_buf_dispose(&nm);
    }
    if (st->nsym_names == 0) {
        char *n = strdup(st->name);
        if (!n)
            s->nomem = 1;
        else
            push_str(s, &st->sym_names, &st->nsym_names, n);
    }
    return st;
}

static int starts_badly(const scanner *s, size_t a)
{
    const tok *t = &s->toks[a];
    if (t->type != T_OP)
        return 0;
    static const char *const ok[] = {"(", "[", "{", "-", "+", "~", "*", "**", "@", "...", NULL};
    for (int k = 0; ok[k]; k++)
        if (tok_is(s, a, ok[k]))
            return 0;
    return 1;
}

static int soft_keyword_start(const scanner *s, size_t a)
{
    return tok_is_kw(s, a, "match") || tok_is_kw(s, a, "case") || tok_is_kw(s, a, "type");
}

static int is_operand(const scanner *s, size_t i)
{
    const tok *t = &s->toks[i];
    return t->type == T_NUMBER || t->type == T_STRING || (t->type == T_NAME && !is_keyword(s, i));
}

/* Grammar errors cheap to see on one logical line [a, b): two operands in
 * a row ("Linear layers"), a line ending in an operator ("i %"), a def or
 * class header without its parts. Returns 0 or sets the error. */
static int check_line(scanner *s, size_t a, size_t b)
{
    size_t line = s->toks[a].line;
    for (size_t i = a; i + 1 < b; i++) {
        if (!is_operand(s, i) || !is_operand(s, i + 1))
            continue;
        if (s->toks[i].type == T_STRING && s->toks[i + 1].type == T_STRING)
            continue; /* implicit concatenation */
        if (i == a && soft_keyword_start(s, a))
            continue;
        syntax_error(s, s->toks[i + 1].line, "invalid syntax");
        return -1;
    }
    /* an operator that cannot start an operand right after another one */
    static const char *const binary_only[] = {"%", "/", "//", "@", "==", "!=", "<", ">", "<=", ">=", "|", "&",
                                              "^", ">>", "<<", "=", ".", ";", "->", ":=", "+=", "-=", "*=",
                                              "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**=", NULL};
    int import_line = tok_is_kw(s, a, "from") || tok_is_kw(s, a, "import");
    for (size_t i = a; i + 1 < b && !import_line; i++) {
        if (s->toks[i].type != T_OP || s->toks[i + 1].type != T_OP)
            continue;
        if (tok_is(s, i, ")") || tok_is(s, i, "]") || tok_is(s, i, "}"))
            continue;
        for (int k = 0; binary_only[k]; k++)
            if (tok_is(s, i + 1, binary_only[k])) {
                /* `def f(a, /, b)`: the positional-only marker */
                if (tok_is(s, i + 1, "/") && i + 2 < b && (tok_is_op(s, i + 2, ",") || tok_is_op(s, i + 2, ")")))
                    break;
                /* `x, = xs`: a one-element tuple target */
                if (tok_is(s, i, ",") && tok_is(s, i + 1, "="))
                    break;
                syntax_error(s, s->toks[i + 1].line, "invalid syntax");
                return -1;
            }
    }
    size_t c0 = tok_is_kw(s, a, "async") ? a + 1 : a;
    static const char *const headers[] = {"if", "elif", "else", "for", "while", "with", "try", "except",
                                          "finally", NULL};
    for (int k = 0; c0 < b && headers[k]; k++)
        if (tok_is_kw(s, c0, headers[k])) {
            int colon = 0;
            for (size_t i = c0; i < b; i++)
                if (s->toks[i].depth == s->toks[a].depth && tok_is_op(s, i, ":"))
                    colon = 1;
            if (!colon) {
                syntax_error(s, line, "expected ':'");
                return -1;
            }
            break;
        }
    const tok *last = &s->toks[b - 1];
    if (last->type == T_OP && !tok_is(s, b - 1, ")") && !tok_is(s, b - 1, "]") && !tok_is(s, b - 1, "}") &&
        !tok_is(s, b - 1, ",") && !tok_is(s, b - 1, ";") && !tok_is(s, b - 1, ":") &&
        !tok_is(s, b - 1, "...") && !(tok_is(s, b - 1, "*") && b - 1 > a && tok_is_kw(s, b - 2, "import"))) {
        syntax_error(s, last->line, "invalid syntax (line ends with '%.*s')", (int)(last->end - last->start),
                     s->src + last->start);
        return -1;
    }
    size_t k = a;
    if (tok_is_kw(s, k, "async"))
        k++;
    if (k < b && (tok_is_kw(s, k, "def") || tok_is_kw(s, k, "class"))) {
        int is_def = tok_is_kw(s, k, "def");
        int has_colon = 0;
        for (size_t i = k; i < b; i++)
            if (s->toks[i].depth == s->toks[a].depth && tok_is_op(s, i, ":"))
                has_colon = 1;
        if (k + 1 >= b || s->toks[k + 1].type != T_NAME || is_keyword(s, k + 1) || !has_colon ||
            (is_def && (k + 2 >= b || !tok_is_op(s, k + 2, "("))) ||
            (!is_def && (k + 2 >= b || !(tok_is_op(s, k + 2, "(") || tok_is_op(s, k + 2, ":"))))) {
            syntax_error(s, line, "invalid %s statement", is_def ? "def" : "class");
            return -1;
        }
    }
    return 0;
}

static void structure(scanner *s)
{
    size_t stack[100];
    size_t nstack = 1;
    stack[0] = 0;
    int expect_block = 0;
    size_t block_line = 0;
    decorator *decs = NULL;
    size_t ndecs = 0;
    tito_pystmt *cur_class = NULL; /* index-stable? no: realloc moves; keep index */
    size_t cur_class_idx = (size_t)-1;
    int class_block = 0;           /* the last top-level statement is a class whose block follows */
    size_t member_depth_ok = 0;
    (void)cur_class;

    for (size_t li = 0; li < s->nlines && !s->nomem && !s->res->syntax_error; li++) {
        const lline *L = &s->lines[li];
        size_t a = L->first, b = L->last;
        if (expect_block) {
            if (L->indent <= stack[nstack - 1]) {
                syntax_error(s, s->toks[a].line, "expected an indented block after line %zu", block_line);
                break;
            }
            if (nstack == sizeof(stack) / sizeof(stack[0])) {
                syntax_error(s, s->toks[a].line, "too many levels of indentation");
                break;
            }
            stack[nstack++] = L->indent;
        } else if (L->indent > stack[nstack - 1]) {
            syntax_error(s, s->toks[a].line, "unexpected indent");
            break;
        } else {
            while (nstack > 1 && stack[nstack - 1] > L->indent)
                nstack--;
            if (stack[nstack - 1] != L->indent) {
                syntax_error(s, s->toks[a].line, "unindent does not match any outer indentation level");
                break;
            }
        }
        expect_block = tok_is_op(s, b - 1, ":");
        if (expect_block)
            block_line = s->toks[b - 1].line;
        if (tok_is_op(s, a, "%") || starts_badly(s, a)) {
            syntax_error(s, s->toks[a].line, "invalid syntax (IPython magic?)");
            break;
        }
        if (check_line(s, a, b) < 0)
            break;

        if (nstack == 1) {
            /* a top-level logical line */
            if (!tok_is_op(s, a, "@") && !tok_is_kw(s, a, "def") && !tok_is_kw(s, a, "class") &&
                !(tok_is_kw(s, a, "async") && b - a > 1 && tok_is_kw(s, a + 1, "def")) && ndecs) {
                syntax_error(s, s->toks[a].line, "decorator not followed by def or class");
                break;
            }
            class_block = 0;
            if (tok_is_op(s, a, "@")) {
                decorator *p = realloc(decs, (ndecs + 1) * sizeof(*p));
                if (!p) {
                    s->nomem = 1;
                    break;
                }
                decs = p;
                parse_decorator(s, a + 1, b, &decs[ndecs++]);
                continue;
            }
            if (tok_is_kw(s, a, "def") || tok_is_kw(s, a, "class") ||
                (tok_is_kw(s, a, "async") && b - a > 1 && tok_is_kw(s, a + 1, "def"))) {
                tito_pystmt *st = def_stmt(s, a, b, decs, ndecs);
                free_decorators(decs, ndecs);
                decs = NULL;
                ndecs = 0;
                if (st && st->kind == TITO_PYSTMT_CLASS && expect_block) {
                    class_block = 1;
                    cur_class_idx = (size_t)(st - s->res->stmts);
                    member_depth_ok = 0;
                }
                continue;
            }
            if (is_compound_start(s, a, b)) {
                new_stmt(s, TITO_PYSTMT_OTHER, a, b);
                continue;
            }
            size_t start = a;
            for (size_t i = a; i <= b; i++) {
                if (i == b || (s->toks[i].depth == 0 && tok_is_op(s, i, ";"))) {
                    simple_stmt(s, start, i);
                    start = i + 1;
                }
            }
            continue;
        }
        /* inside a block: direct children of a top-level class body */
        if (class_block && nstack == 2 && cur_class_idx != (size_t)-1) {
            (void)member_depth_ok;
            size_t name_tok = 0;
            if (tok_is_kw(s, a, "def") || tok_is_kw(s, a, "class"))
                name_tok = a + 1;
            else if (tok_is_kw(s, a, "async") && b - a > 2 && tok_is_kw(s, a + 1, "def"))
                name_tok = a + 2;
            if (name_tok && name_tok < b && s->toks[name_tok].type == T_NAME) {
                tito_pystmt *cls = &s->res->stmts[cur_class_idx];
                tito_buf nm = TITO_BUF_INIT;
                tito_buf_printf(&nm, "%s.", cls->name ? cls->name : "");
                tito_buf_put(&nm, s->src + s->toks[name_tok].start,
                             s->toks[name_tok].end - s->toks[name_tok].start);
                if (nm.failed) {
                    s->nomem = 1;
                    tito_buf_dispose(&nm);
                    break;
                }
                push_str(s, &cls->members, &cls->nmembers, tito_buf_detach(&nm, NULL));
            }
        }
    }
    if (!s->res->syntax_error && !s->nomem) {
        if (expect_block)
            syntax_error(s, block_line, "expected an indented block after line %zu", block_line);
        else if (ndecs)
            syntax_error(s, s->nlines ? s->toks[s->lines[s->nlines - 1].first].line : 1,
                         "decorator not followed by def or class");
    }
    free_decorators(decs, ndecs);
}

int tito_pyscan_parse(tito_pyscan **out, const char *src, size_t len)
{
    scanner s;
    memset(&s, 0, sizeof(s));
    *out = NULL;
    s.src = src;
    s.len = len;
    s.res = calloc(1, sizeof(*s.res));
    if (!s.res)
        return TITO_ENOMEM;
    tokenize(&s);
    if (!s.nomem && !s.res->syntax_error)
        structure(&s);
    free(s.toks);
    free(s.lines);
    if (s.nomem) {
        tito_pyscan_free(s.res);
        return TITO_ENOMEM;
    }
    *out = s.res;
    return 0;
}

static void free_strs(char **a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(a[i]);
    free(a);
}

void tito_pyscan_free(tito_pyscan *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nstmts; i++) {
        tito_pystmt *st = &s->stmts[i];
        free(st->name);
        free_strs(st->sym_names, st->nsym_names);
        free_strs(st->members, st->nmembers);
        free_strs(st->targets, st->ntargets);
        free_strs(st->all_vals, st->nall_vals);
        free(st->module);
    }
    free(s->stmts);
    free(s);
}
