/* PyYAML 6.0 `safe_dump(v, default_flow_style=False)` for tito_json values.
 *
 * A port of the parts of PyYAML's emitter.py, resolver.py and representer.py
 * (MIT, Kirill Simonov) that such a dump exercises: the block mapping and
 * sequence states, check_simple_key, analyze_scalar, choose_scalar_style and
 * the plain, single-quoted and double-quoted writers. Names and control flow
 * follow the Python so the two can be compared side by side; the emitter
 * state (column, whitespace, indention, open_ended, indent) is updated at the
 * same places as in PyYAML, because folding depends on every one of them.
 *
 * Scalars are decoded to code points first: PyYAML indexes and measures
 * columns in code points, and the writers look one character ahead. */
#include "jupytext/yaml.h"

#include "jupytext/yaml_private.h"
#include "util/error.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BEST_INDENT 2
#define BEST_WIDTH 80
/* PyYAML's `ch is None`: one past the end of the scalar. */
#define NONE_CH UINT32_MAX

typedef struct {
    tito_buf *out;
    int indent; /* -1 is PyYAML's None: nothing has been indented yet */
    size_t column;
    int whitespace;
    int indention;
    int open_ended;
    int root_context;
    int sequence_context;
    int mapping_context;
    int simple_key_context;
} emitter;

/* A scalar and the verdicts of analyze_scalar that block style needs. */
typedef struct {
    uint32_t *cp;
    size_t len;
    int implicit; /* PyYAML's implicit[0]: plain text reads back as this type */
    int empty;
    int multiline;
    int allow_block_plain;
    int allow_single_quoted;
} scalar;

/* ---- characters ---------------------------------------------------------- */

static int is_break(uint32_t ch)
{
    return ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
}

/* PyYAML's '\0 \t\r\n\x85\u2028\u2029' set, used around indicators. */
static int is_blank_or_break(uint32_t ch)
{
    return ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || is_break(ch);
}

static int is_printable_ascii(uint32_t ch) { return ch >= 0x20 && ch <= 0x7E; }

/* Lenient on purpose: the input was validated by the JSON parser, and a
 * stray byte is better shown (as \xHH) than dropped. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *out)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp;

    if (c < 0x80) {
        *out = c;
        return 1;
    }
    if (c >= 0xC0 && c < 0xE0) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c < 0xF0) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c < 0xF8) {
        n = 4;
        cp = c & 0x07;
    } else {
        *out = c;
        return 1;
    }
    if (n > len) {
        *out = c;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *out = c;
            return 1;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *out = cp;
    return n;
}

static void put_cp(tito_buf *b, uint32_t cp)
{
    char u[4];

    if (cp < 0x80) {
        tito_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        tito_buf_put(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        tito_buf_put(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        tito_buf_put(b, u, 4);
    }
}

/* ---- resolver.py: the implicit resolvers, hand-coded ---------------------- *
 * Each matcher answers "does the regex match all of s[0..n)". The regexes are
 * simple enough that greedy scanning is exact: every repeated group is
 * followed by a character the group cannot contain. */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int all_in(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0' || !strchr(set, s[i]))
            return 0;
    return 1;
}

static int is_one_of(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(s, *words, n) == 0)
            return 1;
    return 0;
}

/* [0-9_]* from *i */
static void skip_digits_underscores(const char *s, size_t n, size_t *i)
{
    while (*i < n && (is_digit(s[*i]) || s[*i] == '_'))
        (*i)++;
}

/* (:[0-5]?[0-9])+ from *i; 1 if at least one group was read. */
static int sexagesimal(const char *s, size_t n, size_t *i)
{
    int groups = 0;

    while (*i < n && s[*i] == ':') {
        size_t j = *i + 1;
        if (j + 1 < n && s[j] >= '0' && s[j] <= '5' && is_digit(s[j + 1]))
            j += 2;
        else if (j < n && is_digit(s[j]))
            j += 1;
        else
            return 0;
        *i = j;
        groups++;
    }
    return groups > 0;
}

static int is_bool(const char *s, size_t n)
{
    static const char *const words[] = {"yes", "Yes", "YES", "no", "No", "NO",
                                        "true", "True", "TRUE", "false", "False", "FALSE",
                                        "on", "On", "ON", "off", "Off", "OFF", NULL};
    return is_one_of(s, n, words);
}

static int is_null(const char *s, size_t n)
{
    static const char *const words[] = {"~", "null", "Null", "NULL", NULL};
    return n == 0 || is_one_of(s, n, words);
}

static int is_int(const char *s, size_t n)
{
    size_t i = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    const char *r = s + i;
    size_t m = n - i;

    if (m >= 3 && r[0] == '0' && r[1] == 'b' && all_in(r + 2, m - 2, "01_"))
        return 1;
    if (m >= 2 && r[0] == '0' && all_in(r + 1, m - 1, "01234567_"))
        return 1;
    if (m == 1 && r[0] == '0')
        return 1;
    if (m >= 1 && r[0] >= '1' && r[0] <= '9' && all_in(r + 1, m - 1, "0123456789_"))
        return 1;
    if (m >= 3 && r[0] == '0' && r[1] == 'x' &&
        all_in(r + 2, m - 2, "0123456789abcdefABCDEF_"))
        return 1;
    if (m >= 1 && r[0] >= '1' && r[0] <= '9') {
        size_t j = 1;
        skip_digits_underscores(r, m, &j);
        if (sexagesimal(r, m, &j) && j == m)
            return 1;
    }
    return 0;
}

/* ([eE][-+][0-9]+)? then end */
static int exponent_then_end(const char *s, size_t n, size_t i)
{
    if (i == n)
        return 1;
    if (s[i] != 'e' && s[i] != 'E')
        return 0;
    i++;
    if (i >= n || (s[i] != '-' && s[i] != '+'))
        return 0;
    i++;
    if (i >= n)
        return 0;
    while (i < n && is_digit(s[i]))
        i++;
    return i == n;
}

static int is_float(const char *s, size_t n)
{
    static const char *const infs[] = {"inf", "Inf", "INF", NULL};
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
    size_t sign = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t i;

    /* [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? */
    i = sign;
    if (i < n && is_digit(s[i])) {
        i++;
        skip_digits_underscores(s, n, &i);
        if (i < n && s[i] == '.') {
            i++;
            skip_digits_underscores(s, n, &i);
            if (exponent_then_end(s, n, i))
                return 1;
        }
    }
    /* \.[0-9][0-9_]*([eE][-+][0-9]+)? */
    if (n >= 2 && s[0] == '.' && is_digit(s[1])) {
        i = 2;
        skip_digits_underscores(s, n, &i);
        if (exponent_then_end(s, n, i))
            return 1;
    }
    /* [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* */
    i = sign;
    if (i < n && is_digit(s[i])) {
        i++;
        skip_digits_underscores(s, n, &i);
        if (sexagesimal(s, n, &i) && i < n && s[i] == '.') {
            i++;
            skip_digits_underscores(s, n, &i);
            if (i == n)
                return 1;
        }
    }
    /* [-+]?\.(inf|Inf|INF) */
    if (n > sign && s[sign] == '.' && is_one_of(s + sign + 1, n - sign - 1, infs))
        return 1;
    /* \.(nan|NaN|NAN) */
    return is_one_of(s, n, nans);
}

/* [0-9]{1,2} at *i */
static int digits_1_2(const char *s, size_t n, size_t *i)
{
    if (*i >= n || !is_digit(s[*i]))
        return 0;
    (*i)++;
    if (*i < n && is_digit(s[*i]))
        (*i)++;
    return 1;
}

/* [0-9]{k} at *i */
static int digits_exact(const char *s, size_t n, size_t *i, size_t k)
{
    for (size_t j = 0; j < k; j++, (*i)++)
        if (*i >= n || !is_digit(s[*i]))
            return 0;
    return 1;
}

static int is_timestamp(const char *s, size_t n)
{
    size_t i = 0;

    /* [0-9]{4}-[0-9]{2}-[0-9]{2} */
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        int ok = 1;
        for (size_t j = 0; j < 10; j++)
            if (j != 4 && j != 7 && !is_digit(s[j]))
                ok = 0;
        if (ok)
            return 1;
    }

    /* [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
     * (\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))? */
    i = 0;
    if (!digits_exact(s, n, &i, 4) || i >= n || s[i++] != '-')
        return 0;
    if (!digits_1_2(s, n, &i) || i >= n || s[i++] != '-')
        return 0;
    if (!digits_1_2(s, n, &i) || i >= n)
        return 0;
    if (s[i] == 'T' || s[i] == 't') {
        i++;
    } else if (s[i] == ' ' || s[i] == '\t') {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    } else {
        return 0;
    }
    if (!digits_1_2(s, n, &i) || i >= n || s[i++] != ':')
        return 0;
    if (!digits_exact(s, n, &i, 2) || i >= n || s[i++] != ':')
        return 0;
    if (!digits_exact(s, n, &i, 2))
        return 0;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i == n)
        return 1;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && s[i] == 'Z') {
        i++;
    } else if (i < n && (s[i] == '-' || s[i] == '+')) {
        i++;
        if (!digits_1_2(s, n, &i))
            return 0;
        if (i < n && s[i] == ':') {
            i++;
            if (!digits_exact(s, n, &i, 2))
                return 0;
        }
    } else {
        return 0;
    }
    return i == n;
}

int tito_yaml__resolves_implicitly(const char *s, size_t len)
{
    static const char *const others[] = {"<<", "=", "!", "&", "*", NULL};

    /* Resolvers are picked by the first character, and '' is only null. */
    if (len == 0)
        return 1;
    if (s[0] == '\n')
        return 0;
    /* Python's `$` also matches just before a final newline. */
    if (s[len - 1] == '\n')
        len--;
    return is_bool(s, len) || is_float(s, len) || is_int(s, len) ||
           (len > 0 && is_null(s, len)) || is_timestamp(s, len) || is_one_of(s, len, others);
}

/* ---- emitter.py: analysis and style -------------------------------------- */

static void scalar_dispose(scalar *sc)
{
    free(sc->cp);
    sc->cp = NULL;
}

static void analyze_scalar(scalar *sc)
{
    const uint32_t *t = sc->cp;
    size_t n = sc->len;
    int block_indicators = 0, line_breaks = 0, special_characters = 0;
    int leading_space = 0, leading_break = 0, trailing_space = 0, trailing_break = 0;
    int break_space = 0, space_break = 0;
    int preceded_by_whitespace = 1, followed_by_whitespace;
    int previous_space = 0, previous_break = 0;

    sc->empty = 0;
    sc->multiline = 0;
    sc->allow_block_plain = 1;
    sc->allow_single_quoted = 1;
    if (n == 0) {
        sc->empty = 1;
        return;
    }

    if (n >= 3 && ((t[0] == '-' && t[1] == '-' && t[2] == '-') ||
                   (t[0] == '.' && t[1] == '.' && t[2] == '.')))
        block_indicators = 1;

    followed_by_whitespace = n == 1 || is_blank_or_break(t[1]);
    for (size_t index = 0; index < n; index++) {
        uint32_t ch = t[index];

        if (index == 0) {
            if (ch < 0x80 && ch != 0 && strchr("#,[]{}&*!|>'\"%@`", (int)ch))
                block_indicators = 1;
            if ((ch == '?' || ch == ':') && followed_by_whitespace)
                block_indicators = 1;
            if (ch == '-' && followed_by_whitespace)
                block_indicators = 1;
        } else {
            if (ch == ':' && followed_by_whitespace)
                block_indicators = 1;
            if (ch == '#' && preceded_by_whitespace)
                block_indicators = 1;
        }

        if (is_break(ch))
            line_breaks = 1;
        /* Non-ASCII is special too: allow_unicode is off. */
        if (!(ch == '\n' || is_printable_ascii(ch)))
            special_characters = 1;

        if (ch == ' ') {
            if (index == 0)
                leading_space = 1;
            if (index == n - 1)
                trailing_space = 1;
            if (previous_break)
                break_space = 1;
            previous_space = 1;
            previous_break = 0;
        } else if (is_break(ch)) {
            if (index == 0)
                leading_break = 1;
            if (index == n - 1)
                trailing_break = 1;
            if (previous_space)
                space_break = 1;
            previous_space = 0;
            previous_break = 1;
        } else {
            previous_space = 0;
            previous_break = 0;
        }

        preceded_by_whitespace = is_blank_or_break(ch);
        followed_by_whitespace = index + 2 >= n || is_blank_or_break(t[index + 2]);
    }

    sc->multiline = line_breaks;
    if (leading_space || leading_break || trailing_space || trailing_break)
        sc->allow_block_plain = 0;
    if (break_space)
        sc->allow_block_plain = sc->allow_single_quoted = 0;
    if (space_break || special_characters)
        sc->allow_block_plain = sc->allow_single_quoted = 0;
    if (line_breaks)
        sc->allow_block_plain = 0;
    if (block_indicators)
        sc->allow_block_plain = 0;
}

/* sc->cp = decoded s[0..len), analysed. */
static int scalar_init(scalar *sc, const char *s, size_t len, int implicit)
{
    size_t i = 0, n = 0;

    sc->cp = malloc((len ? len : 1) * sizeof(uint32_t));
    if (!sc->cp)
        return TITO_ENOMEM;
    while (i < len)
        i += utf8_decode((const unsigned char *)s + i, len - i, &sc->cp[n++]);
    sc->len = n;
    sc->implicit = implicit;
    analyze_scalar(sc);
    return 0;
}

static int choose_scalar_style(const scalar *sc, int simple_key_context)
{
    if (sc->implicit && !(simple_key_context && (sc->empty || sc->multiline)) &&
        sc->allow_block_plain)
        return TITO_YAML__PLAIN;
    if (sc->allow_single_quoted && !(simple_key_context && sc->multiline))
        return TITO_YAML__SINGLE_QUOTED;
    return TITO_YAML__DOUBLE_QUOTED;
}

int tito_yaml__string_style(const char *s, size_t len, int simple_key)
{
    scalar sc;
    int style;

    if (scalar_init(&sc, s, len, !tito_yaml__resolves_implicitly(s, len)) < 0)
        return TITO_ENOMEM;
    style = choose_scalar_style(&sc, simple_key);
    scalar_dispose(&sc);
    return style;
}

/* ---- emitter.py: low-level writers --------------------------------------- */

static void write_text(emitter *e, const uint32_t *t, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        put_cp(e->out, t[i]);
    e->column += end - start;
}

static void write_raw(emitter *e, const char *data)
{
    tito_buf_puts(e->out, data);
    e->column += strlen(data);
}

static void write_indicator(emitter *e, const char *indicator, int need_whitespace,
                            int whitespace, int indention)
{
    if (!e->whitespace && need_whitespace)
        write_raw(e, " ");
    write_raw(e, indicator);
    e->whitespace = whitespace;
    e->indention = e->indention && indention;
    e->open_ended = 0;
}

static void write_line_break(emitter *e, uint32_t br)
{
    e->whitespace = 1;
    e->indention = 1;
    e->column = 0;
    put_cp(e->out, br);
}

static void write_indent(emitter *e)
{
    size_t indent = e->indent > 0 ? (size_t)e->indent : 0;

    if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
        write_line_break(e, '\n');
    if (e->column < indent) {
        e->whitespace = 1;
        while (e->column < indent) {
            tito_buf_putc(e->out, ' ');
            e->column++;
        }
    }
}

/* The line breaks t[start..end), the first doubled when it is '\n' so that
 * the reader does not fold it into a space. */
static void write_breaks(emitter *e, const uint32_t *t, size_t start, size_t end)
{
    if (t[start] == '\n')
        write_line_break(e, '\n');
    for (size_t i = start; i < end; i++)
        write_line_break(e, t[i]);
}

/* ---- emitter.py: scalar writers ------------------------------------------ */

static void write_plain(emitter *e, const scalar *sc, int split)
{
    const uint32_t *t = sc->cp;
    size_t n = sc->len, start = 0, end = 0;
    int spaces = 0, breaks = 0;

    if (e->root_context)
        e->open_ended = 1;
    if (n == 0)
        return;
    if (!e->whitespace)
        write_raw(e, " ");
    e->whitespace = 0;
    e->indention = 0;
    while (end <= n) {
        uint32_t ch = end < n ? t[end] : NONE_CH;
        if (spaces) {
            if (ch != ' ') {
                if (start + 1 == end && e->column > BEST_WIDTH && split) {
                    write_indent(e);
                    e->whitespace = 0;
                    e->indention = 0;
                } else {
                    write_text(e, t, start, end);
                }
                start = end;
            }
        } else if (breaks) {
            if (!is_break(ch)) {
                write_breaks(e, t, start, end);
                write_indent(e);
                e->whitespace = 0;
                e->indention = 0;
                start = end;
            }
        } else {
            if (ch == NONE_CH || ch == ' ' || is_break(ch)) {
                write_text(e, t, start, end);
                start = end;
            }
        }
        if (ch != NONE_CH) {
            spaces = ch == ' ';
            breaks = is_break(ch);
        }
        end++;
    }
}

static void write_single_quoted(emitter *e, const scalar *sc, int split)
{
    const uint32_t *t = sc->cp;
    size_t n = sc->len, start = 0, end = 0;
    int spaces = 0, breaks = 0;

    write_indicator(e, "'", 1, 0, 0);
    while (end <= n) {
        uint32_t ch = end < n ? t[end] : NONE_CH;
        if (spaces) {
            if (ch != ' ') {
                if (start + 1 == end && e->column > BEST_WIDTH && split && start != 0 &&
                    end != n)
                    write_indent(e);
                else
                    write_text(e, t, start, end);
                start = end;
            }
        } else if (breaks) {
            if (!is_break(ch)) {
                write_breaks(e, t, start, end);
                write_indent(e);
                start = end;
            }
        } else {
            if (ch == NONE_CH || ch == ' ' || is_break(ch) || ch == '\'') {
                if (start < end) {
                    write_text(e, t, start, end);
                    start = end;
                }
            }
        }
        if (ch == '\'') {
            write_raw(e, "''");
            start = end + 1;
        }
        if (ch != NONE_CH) {
            spaces = ch == ' ';
            breaks = is_break(ch);
        }
        end++;
    }
    write_indicator(e, "'", 0, 0, 0);
}

static char escape_letter(uint32_t ch)
{
    switch (ch) {
    case 0x00: return '0';
    case 0x07: return 'a';
    case 0x08: return 'b';
    case 0x09: return 't';
    case 0x0A: return 'n';
    case 0x0B: return 'v';
    case 0x0C: return 'f';
    case 0x0D: return 'r';
    case 0x1B: return 'e';
    case '"': return '"';
    case '\\': return '\\';
    case 0x85: return 'N';
    case 0xA0: return '_';
    case 0x2028: return 'L';
    case 0x2029: return 'P';
    default: return 0;
    }
}

static void write_escape(emitter *e, uint32_t ch)
{
    char data[16];
    char letter = escape_letter(ch);
    static const char hex[] = "0123456789ABCDEF";
    int digits;

    data[0] = '\\';
    if (letter) {
        data[1] = letter;
        data[2] = '\0';
    } else {
        if (ch <= 0xFF) {
            data[1] = 'x';
            digits = 2;
        } else if (ch <= 0xFFFF) {
            data[1] = 'u';
            digits = 4;
        } else {
            data[1] = 'U';
            digits = 8;
        }
        for (int i = 0; i < digits; i++)
            data[2 + i] = hex[(ch >> (4 * (digits - 1 - i))) & 0xF];
        data[2 + digits] = '\0';
    }
    write_raw(e, data);
}

static void write_double_quoted(emitter *e, const scalar *sc, int split)
{
    const uint32_t *t = sc->cp;
    size_t n = sc->len, start = 0, end = 0;

    write_indicator(e, "\"", 1, 0, 0);
    while (end <= n) {
        uint32_t ch = end < n ? t[end] : NONE_CH;
        if (ch == NONE_CH || ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 ||
            ch == 0x2029 || ch == 0xFEFF || !is_printable_ascii(ch)) {
            if (start < end) {
                write_text(e, t, start, end);
                start = end;
            }
            if (ch != NONE_CH) {
                write_escape(e, ch);
                start = end + 1;
            }
        }
        /* PyYAML tests column + (end - start) > width, where end - start is
         * -1 right after an escape; both sides gain start + 1 so that the
         * unsigned arithmetic cannot wrap. A space (or an escape) is where a
         * line may break; a leading space on the next line must be escaped,
         * or the reader would take it for indentation. */
        if (end > 0 && end + 1 < n && (ch == ' ' || start >= end) &&
            e->column + end + 1 > BEST_WIDTH + start + 1 && split) {
            if (start < end) {
                write_text(e, t, start, end);
                start = end;
            }
            write_raw(e, "\\");
            write_indent(e);
            e->whitespace = 0;
            e->indention = 0;
            if (t[start] == ' ')
                write_raw(e, "\\");
        }
        end++;
    }
    write_indicator(e, "\"", 0, 0, 0);
}

/* ---- emitter.py: node states --------------------------------------------- */

static void set_context(emitter *e, int root, int sequence, int mapping, int simple_key)
{
    e->root_context = root;
    e->sequence_context = sequence;
    e->mapping_context = mapping;
    e->simple_key_context = simple_key;
}

/* expect_scalar + process_scalar, in the context set by the caller. */
static void expect_scalar(emitter *e, const scalar *sc)
{
    int style = choose_scalar_style(sc, e->simple_key_context);
    int split = !e->simple_key_context;
    int saved = e->indent;

    /* increase_indent(flow=True): the continuation indent of folded lines. */
    e->indent = e->indent < 0 ? BEST_INDENT : e->indent + BEST_INDENT;
    if (style == TITO_YAML__DOUBLE_QUOTED)
        write_double_quoted(e, sc, split);
    else if (style == TITO_YAML__SINGLE_QUOTED)
        write_single_quoted(e, sc, split);
    else
        write_plain(e, sc, split);
    e->indent = saved;
}

/* The text PyYAML's SafeRepresenter gives a non-string scalar. */
static void represent_float(char *buf, size_t size, double d)
{
    char repr[40];
    size_t i, j;

    if (isnan(d)) {
        snprintf(buf, size, ".nan");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, size, d > 0 ? ".inf" : "-.inf");
        return;
    }
    tito_json_float_repr(repr, sizeof(repr), d);
    /* repr(1e17) is '1e+17', which !!float does not accept: make it 1.0e+17. */
    if (!strchr(repr, '.') && strchr(repr, 'e')) {
        for (i = 0, j = 0; repr[i] && j + 3 < size; i++) {
            if (repr[i] == 'e') {
                buf[j++] = '.';
                buf[j++] = '0';
            }
            buf[j++] = repr[i];
        }
        buf[j] = '\0';
        return;
    }
    snprintf(buf, size, "%s", repr);
}

static int emit_node(emitter *e, const tito_json *v, int root, int sequence, int mapping);

static int emit_scalar_value(emitter *e, const tito_json *v)
{
    scalar sc = {0};
    char text[64];
    const char *s;
    size_t len;
    int implicit = 1;
    int error;

    switch (tito_json_type_of(v)) {
    case TITO_JSON_NULL:
        s = "null";
        break;
    case TITO_JSON_BOOL:
        s = tito_json_bool(v) ? "true" : "false";
        break;
    case TITO_JSON_INT:
        s = tito_json_int_text(v);
        break;
    case TITO_JSON_FLOAT:
        represent_float(text, sizeof(text), tito_json_float(v));
        s = text;
        break;
    default:
        s = NULL;
        break;
    }
    if (s) {
        len = strlen(s);
    } else {
        s = tito_json_string(v, &len);
        implicit = !tito_yaml__resolves_implicitly(s, len);
    }
    if ((error = scalar_init(&sc, s, len, implicit)) < 0)
        goto cleanup;
    expect_scalar(e, &sc);
cleanup:
    scalar_dispose(&sc);
    return error;
}

static int emit_sequence(emitter *e, const tito_json *v)
{
    size_t n = tito_json_len(v);
    int saved = e->indent;
    int indentless = e->mapping_context && !e->indention;
    int error = 0;

    if (n == 0) {
        write_indicator(e, "[", 1, 1, 0);
        write_indicator(e, "]", 0, 0, 0);
        return 0;
    }
    if (e->indent < 0)
        e->indent = 0;
    else if (!indentless)
        e->indent += BEST_INDENT;
    for (size_t i = 0; i < n; i++) {
        write_indent(e);
        write_indicator(e, "-", 1, 0, 1);
        if ((error = emit_node(e, tito_json_at(v, i), 0, 1, 0)) < 0)
            goto cleanup;
    }
cleanup:
    e->indent = saved;
    return error;
}

typedef struct {
    const char *key;
    size_t len;
    size_t index;
} sorted_key;

/* Python orders str by code point, which UTF-8 bytes preserve. */
static int compare_keys(const void *a, const void *b)
{
    const sorted_key *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);

    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

static int emit_mapping(emitter *e, const tito_json *v)
{
    size_t n = tito_json_len(v);
    sorted_key *keys = NULL;
    scalar key = {0};
    int saved = e->indent;
    int error = 0;

    if (n == 0) {
        write_indicator(e, "{", 1, 1, 0);
        write_indicator(e, "}", 0, 0, 0);
        return 0;
    }
    keys = malloc(n * sizeof(*keys));
    if (!keys) {
        error = TITO_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        keys[i].key = tito_json_key_at(v, i, &keys[i].len);
        keys[i].index = i;
    }
    qsort(keys, n, sizeof(*keys), compare_keys);

    e->indent = e->indent < 0 ? 0 : e->indent + BEST_INDENT;
    for (size_t i = 0; i < n; i++) {
        const tito_json *value = tito_json_at(v, keys[i].index);
        int implicit = !tito_yaml__resolves_implicitly(keys[i].key, keys[i].len);

        write_indent(e);
        if ((error = scalar_init(&key, keys[i].key, keys[i].len, implicit)) < 0)
            goto cleanup;
        /* check_simple_key: the length counts the "!!str" tag PyYAML prepares
         * even though it never writes it, so keys stop being simple at 123. */
        if (key.len + 5 < 128 && !key.empty && !key.multiline) {
            set_context(e, 0, 0, 1, 1);
            expect_scalar(e, &key);
            write_indicator(e, ":", 0, 0, 0);
        } else {
            write_indicator(e, "?", 1, 0, 1);
            set_context(e, 0, 0, 1, 0);
            expect_scalar(e, &key);
            write_indent(e);
            write_indicator(e, ":", 1, 0, 1);
        }
        scalar_dispose(&key);
        if ((error = emit_node(e, value, 0, 0, 1)) < 0)
            goto cleanup;
    }
cleanup:
    scalar_dispose(&key);
    free(keys);
    e->indent = saved;
    return error;
}

/* expect_node for everything but keys. */
static int emit_node(emitter *e, const tito_json *v, int root, int sequence, int mapping)
{
    set_context(e, root, sequence, mapping, 0);
    switch (tito_json_type_of(v)) {
    case TITO_JSON_ARRAY:
        return emit_sequence(e, v);
    case TITO_JSON_OBJECT:
        return emit_mapping(e, v);
    default:
        return emit_scalar_value(e, v);
    }
}

int tito_yaml_dump(tito_buf *out, const tito_json *v)
{
    emitter e = {0};
    int error;

    e.out = out;
    e.indent = -1;
    e.whitespace = 1;
    e.indention = 1;
    if ((error = emit_node(&e, v, 1, 0, 0)) < 0)
        return error;
    /* expect_document_end, then the stream end closes an open-ended plain
     * root scalar with "...". */
    write_indent(&e);
    if (e.open_ended) {
        write_indicator(&e, "...", 1, 0, 0);
        write_indent(&e);
    }
    return out->failed ? TITO_ENOMEM : 0;
}
