/* Internals shared by the jupytext writer's files (not a public API).
 *
 * Text model: a "line" is a (pointer, length) slice of UTF-8 bytes that may
 * contain NUL bytes and, in a few jupytext quirks, "\n" (triple-quote cell
 * markers are glued to the first and last line). Line text is either borrowed
 * from the notebook or allocated in the conversion's arena; a line list owns
 * only its array of slices. */
#ifndef TITO_JUPYTEXT_PRIVATE_H
#define TITO_JUPYTEXT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "json/json.h"
#include "nb/nb.h"
#include "util/buf.h"
#include "util/error.h"

/* ---- text.c: arena, line lists, Python str semantics on UTF-8 ---------- */

typedef struct tito_jupytext__str {
    const char *s;
    size_t n;
} tito_jupytext__str;

typedef struct tito_jupytext__lines {
    tito_jupytext__str *v;
    size_t len;
    size_t cap;
} tito_jupytext__lines;

#define TITO_JUPYTEXT__LINES_INIT {NULL, 0, 0}

typedef struct tito_jupytext__chunk tito_jupytext__chunk;
typedef struct tito_jupytext__arena {
    tito_jupytext__chunk *head;
} tito_jupytext__arena;

#define TITO_JUPYTEXT__ARENA_INIT {NULL}

/* Returns n bytes (plus a NUL after them) that live until the arena is
 * disposed, or NULL when out of memory. */
char *tito_jupytext__alloc(tito_jupytext__arena *a, size_t n);
void tito_jupytext__arena_dispose(tito_jupytext__arena *a);
/* Copies a followed by b (either may be empty) into the arena. */
const char *tito_jupytext__cat(tito_jupytext__arena *a, const char *x, size_t xn, const char *y,
                               size_t yn, size_t *outn);

int tito_jupytext__lines_push(tito_jupytext__lines *l, const char *s, size_t n);
void tito_jupytext__lines_remove_first(tito_jupytext__lines *l);
void tito_jupytext__lines_dispose(tito_jupytext__lines *l);

/* Decodes the code point at s[*i] (lenient: an invalid byte is returned as
 * itself) and advances *i. */
uint32_t tito_jupytext__utf8_next(const char *s, size_t n, size_t *i);
/* Python str.isspace() for one code point (= re's \s on str patterns). */
int tito_jupytext__py_isspace(uint32_t cp);
/* Byte length of the leading / trailing Python whitespace. */
size_t tito_jupytext__lspace(const char *s, size_t n);
size_t tito_jupytext__rspace(const char *s, size_t n);
/* line.strip() == "" */
int tito_jupytext__blank(const char *s, size_t n);
/* Inline: called per line with literal prefixes, where the compiler folds
 * strlen and memcmp away (callgrind: 10% of a conversion as calls). */
static inline int tito_jupytext__starts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}
static inline int tito_jupytext__eq(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n == k && memcmp(s, lit, k) == 0;
}
/* Index of the first '"', '\'' or c0 (if not 0) in s[i..n), or n. */
size_t tito_jupytext__find_quote(const char *s, size_t i, size_t n, char c0);
/* Python str.splitlines() (no keepends): appends borrowed slices. */
int tito_jupytext__splitlines(tito_jupytext__lines *out, const char *s, size_t n);
/* jupytext cell_source(): "" -> [""], trailing "\n" -> extra "". */
int tito_jupytext__cell_lines(tito_jupytext__lines *out, const char *s, size_t n);
/* Python truthiness of a JSON value (None/False/0/0.0/""/[]/{} are false). */
int tito_jupytext__truthy(const tito_json *v);
/* Python repr()/str() of a JSON value as Python would print the object
 * json.loads returns ({'a': [1, 2.0, None, True]}). */
int tito_jupytext__py_repr(tito_buf *out, const tito_json *v);
int tito_jupytext__py_str(tito_buf *out, const tito_json *v);
int tito_jupytext__py_repr_str(tito_buf *out, const char *s, size_t n);
/* ASCII-and-Latin-1 approximation of Python str.lower() into the arena. */
const char *tito_jupytext__lower(tito_jupytext__arena *a, const char *s, size_t n, size_t *outn);

/* ---- conversion context ----------------------------------------------- */

typedef struct tito_jupytext__keyset {
    tito_jupytext__str *v;
    size_t len;
    size_t cap;
} tito_jupytext__keyset;

/* A parsed metadata filter (jupytext metadata_filter_as_dict). A section is
 * absent (jupytext's default []), "all", or a list of names. */
typedef struct tito_jupytext__filter_section {
    int all;
    tito_jupytext__lines names; /* arena / borrowed strings */
} tito_jupytext__filter_section;

typedef struct tito_jupytext__filter {
    tito_jupytext__filter_section additional;
    tito_jupytext__filter_section excluded;
} tito_jupytext__filter;

typedef struct tito_jupytext__ctx {
    tito_jupytext__arena arena;
    tito_error *err;
    tito_buf *warnings;
    const tito_nb *nb;
    const char *version; /* NULL: test mode */
    tito_json *md;       /* working notebook metadata */
    tito_json *fmt;      /* format: extension, format_name and options */
    const char *default_language;
    size_t default_language_len;
    tito_jupytext__keyset unsupported;
    /* options, resolved once */
    int comment_magics;
    int cell_metadata_json;
    const tito_json *cell_markers; /* fmt cell_markers or NULL */
    tito_jupytext__lines custom_magics;
    int custom_magics_error;
    tito_jupytext__filter cell_filter;
} tito_jupytext__ctx;

/* Sets ctx->err to TITO_EINVALID with the message, returns TITO_EINVALID. */
int tito_jupytext__invalid(tito_jupytext__ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int tito_jupytext__nomem(tito_jupytext__ctx *ctx);
int tito_jupytext__add_unsupported(tito_jupytext__ctx *ctx, const char *s, size_t n);

/* ---- lang.c: languages --------------------------------------------------- */

/* Is lang one of jupytext's _JUPYTER_LANGUAGES (cell magics that name a language)? */
int tito_jupytext__is_jupyter_language(const char *s, size_t n);
/* Comment string of a script language (_COMMENT[language]) or NULL. */
const char *tito_jupytext__language_comment(const char *s, size_t n);
/* usual_language_name(); result in the arena. */
const char *tito_jupytext__usual_language(tito_jupytext__arena *a, const char *s, size_t n,
                                          size_t *outn);
int tito_jupytext__same_language(tito_jupytext__arena *a, const char *x, size_t xn, const char *y,
                                 size_t yn, int *out);
/* cell_language(): may remove the first line of src; *lang NULL when none. */
int tito_jupytext__cell_language(tito_jupytext__ctx *ctx, tito_jupytext__lines *src,
                                 tito_jupytext__str *lang, tito_jupytext__str *args, int *found);

/* ---- magics.c: string tracker and magic commenting ------------------------ */

typedef struct tito_jupytext__strparser {
    int ignore;
    int python;
    const char *comment; /* NULL: no comment syntax */
    size_t comment_len;
    char single; /* 0 or the quote char */
    char triple;
} tito_jupytext__strparser;

/* StringParser(language); language NULL means "ignore everything". */
void tito_jupytext__strparser_init(tito_jupytext__strparser *p, const char *lang, size_t n);
int tito_jupytext__strparser_quoted(const tito_jupytext__strparser *p);
void tito_jupytext__strparser_read(tito_jupytext__strparser *p, const char *s, size_t n);
/* StringParser("python") */
void tito_jupytext__strparser_init_python(tito_jupytext__strparser *p);

/* The per-language part of is_magic(), computed once per cell. */
typedef struct tito_jupytext__magic_lang {
    int enabled; /* 0: is_magic is always false for this language */
    int python;
    int kind;
    const char *comment;
    size_t comment_len;
} tito_jupytext__magic_lang;

int tito_jupytext__magic_lang_init(tito_jupytext__magic_lang *m, tito_jupytext__arena *a,
                                   const char *lang, size_t langn);
/* is_magic(line, language, global_escape_flag, explicitly_code). */
int tito_jupytext__is_magic(const tito_jupytext__magic_lang *m, const char *line, size_t n,
                            int escape_flag, int explicitly_code);
/* comment_magic(source, language, flag) in place. */
int tito_jupytext__comment_magic(tito_jupytext__ctx *ctx, tito_jupytext__lines *src,
                                 const char *lang, size_t langn, int escape_flag);

/* ---- pep8.c: blank lines between cells ------------------------------------ */

/* Facts about "all following lines", maintained while lines are prepended
 * (so that the scans of jupytext's pep8 functions cost O(1) per cell). */
typedef struct tito_jupytext__pep8_tail {
    unsigned char *hc;  /* per line from the end: bit pb -> cell_has_code */
    unsigned char *nif; /* bit (3*pb + triple state) -> next_instruction_is_function_or_class */
    size_t len;
    size_t cap;
} tito_jupytext__pep8_tail;

int tito_jupytext__pep8_prepend(tito_jupytext__pep8_tail *t, const char *s, size_t n);
void tito_jupytext__pep8_dispose(tito_jupytext__pep8_tail *t);
/* pep8_lines_between_cells(prev, tail) for ".py". */
int tito_jupytext__pep8_lines(const tito_jupytext__lines *prev, const tito_jupytext__pep8_tail *t);
int tito_jupytext__ends_with_function_or_class(const tito_jupytext__lines *l);
int tito_jupytext__ends_with_code(const tito_jupytext__lines *l);

/* ---- cellmeta.c: metadata filters and the marker line --------------------- */

/* metadata_filter_as_dict(): parses a filter value (string, bool, null, dict). */
int tito_jupytext__filter_parse(tito_jupytext__ctx *ctx, const tito_json *v,
                                tito_jupytext__filter *out);
void tito_jupytext__filter_dispose(tito_jupytext__filter *f);
/* metadata_filter_as_string() for a dict filter; other values are left alone
 * (*out = NULL). */
int tito_jupytext__filter_dict_to_string(tito_jupytext__ctx *ctx, const tito_json *v,
                                         tito_json **out);
/* filter_metadata(md, user, default) with the notebook or the cell default. */
int tito_jupytext__filter_metadata(tito_jupytext__ctx *ctx, const tito_json *md,
                                   const tito_jupytext__filter *user, int notebook,
                                   tito_json **out);
/* metadata_to_double_percent_options(); consumes keys of md. */
int tito_jupytext__marker_options(tito_jupytext__ctx *ctx, tito_json *md, int plain_json,
                                  tito_buf *out);
int tito_jupytext__valid_key(const char *s, size_t n);

/* ---- formats.c: jupytext.formats ------------------------------------------- */

/* short_form(long_form(formats, md)): the normalised comma string; md/jm are
 * used for "auto" (NULL: keep ".auto"). */
int tito_jupytext__normalize_formats(tito_jupytext__ctx *ctx, const tito_json *formats,
                                     const tito_json *md, const tito_json *jm, tito_json **out);
/* update_jupytext_formats_metadata(md, "py:percent") on ctx->md. */
int tito_jupytext__update_formats(tito_jupytext__ctx *ctx);

/* ---- header.c: notebook metadata, options, header ------------------------- */

/* Steps 1-5 of the pipeline: metadata copy, legacy moves, formats, default
 * language, format options, shebang/encoding lines (appended to pre). */
int tito_jupytext__prepare(tito_jupytext__ctx *ctx, tito_jupytext__lines *pre);
/* The commented YAML header; *first_cell_used says whether cell 0 was the
 * front matter, *blank_override its lines_to_next_cell (-1: none). */
int tito_jupytext__header(tito_jupytext__ctx *ctx, tito_jupytext__lines *out, int *first_cell_used,
                          long *blank_override);
/* Decodes a lines_to_next_cell value: -1 for None, else the count. */
int tito_jupytext__blank_count(tito_jupytext__ctx *ctx, const tito_json *v, long *out);

#endif
