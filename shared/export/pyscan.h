/* tito_pyscan: just enough of Python's tokenizer and grammar to see what
 * nbdev's exporter asks `ast.parse(src).body` for: the top-level statements
 * of a cell, with
 *   - def / async def / class names and their decorators (for `__all__`,
 *     nbdev maker.py `make_all` / `_wants`, and doclinks.py `patch_name`),
 *   - the direct def/class children of a class body (doclinks `_get_modidx`),
 *   - assignment targets (Assign, AnnAssign, AugAssign; one level of tuple
 *     or list unpacking, as nbdev's `_all_targets`), and `_all_ = [...]`,
 *   - `from X import ...` statements with their level and ast positions
 *     (lineno / col_offset / end_col_offset, byte offsets as CPython gives
 *     them) for `update_import`.
 * It also notices the syntax errors a tokenizer and an indentation checker
 * find (unterminated strings or brackets, bad indentation, stray characters,
 * IPython `%magic` / `!shell` lines); nbdev skips such cells for `__all__`
 * and import rewriting, and its `_build_modidx` then fails on them. A
 * statement-level grammar error it does not see ("x = = 1") is not caught.
 *
 * All strings are owned by the tito_pyscan and freed with it. */
#ifndef TITO_EXPORT_PYSCAN_H
#define TITO_EXPORT_PYSCAN_H

#include <stddef.h>

typedef enum {
    TITO_PYSTMT_OTHER,
    TITO_PYSTMT_DEF,       /* def and async def */
    TITO_PYSTMT_CLASS,
    TITO_PYSTMT_ASSIGN,    /* Assign, AnnAssign, AugAssign */
    TITO_PYSTMT_IMPORTFROM,
    TITO_PYSTMT_IMPORT
} tito_pystmt_kind;

typedef struct tito_pystmt {
    tito_pystmt_kind kind;
    size_t line, col;         /* 1-based line, 0-based byte column of the first token */
    size_t end_line, end_col; /* position just past the last token */
    /* DEF / CLASS */
    char *name;
    int patch_decorated;      /* a decorator whose decor_id starts with "patch" */
    char **sym_names;         /* doclinks patch_name(): one or more names (e.g. "Tensor.f") */
    size_t nsym_names;
    char **members;           /* CLASS: "Class.member" for direct def/class children */
    size_t nmembers;
    /* ASSIGN: each target's id, or NULL for targets that are not plain
     * names (attributes, subscripts, starred, nested tuples). */
    char **targets;
    size_t ntargets;
    int first_target_is_all;  /* _targets(o)[0].id == '_all_' */
    char **all_vals;          /* its value's elements: string values or names */
    size_t nall_vals;
    /* IMPORTFROM */
    char *module;             /* NULL for `from . import x` */
    int level;                /* number of leading dots */
} tito_pystmt;

typedef struct tito_pyscan {
    tito_pystmt *stmts;
    size_t nstmts;
    int syntax_error;         /* nonzero: ast.parse would raise */
    size_t error_line;
    char error[160];
} tito_pyscan;

/* Scans src[0..len). Returns 0 or TITO_ENOMEM; a syntax error is not a
 * failure of the call: it is reported in (*out)->syntax_error. */
int tito_pyscan_parse(tito_pyscan **out, const char *src, size_t len);
void tito_pyscan_free(tito_pyscan *s);

#endif
