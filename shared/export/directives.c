/* nbdev's directive handling (process.py: first_code_ln, _directive,
 * _norm_quarto, extract_directives) for Python notebooks, whose comment
 * character is '#':
 *   - the leading lines of a cell that are blank, `#| ...` (any spacing
 *     around '#' and '|'), or cell magics (`%%name`) are its directive block;
 *   - each of them is split into a directive name and arguments;
 *   - the source keeps the Quarto options (`#| key: value`, normalised to one
 *     space after the colon) and cell magics of that block, then the code.
 * When the cell holds nothing but such lines nbdev's slice `lines[None:]`
 * keeps them all, and so do we. */
#include <stdlib.h>
#include <string.h>

#include "export/export_private.h"
#include "util/buf.h"

size_t tito_export__line_len(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))
            return i + 1;
        if (c == '\r')
            return (i + 1 < len && s[i + 1] == '\n') ? i + 2 : i + 1;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
            return i + 2;
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            return i + 3;
        i++;
    }
    return len;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static int is_word(char c)
{
    unsigned char u = (unsigned char)c;
    return u == '_' || (unsigned)((u | 32) - 'a') < 26u || (unsigned)(u - '0') < 10u || u >= 0x80;
}

/* re.match(r'\s*#\s*\|', s): returns the match length or 0. */
static size_t dir_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_space(s[i]))
        i++;
    if (i >= n || s[i] != '#')
        return 0;
    i++;
    while (i < n && is_space(s[i]))
        i++;
    if (i >= n || s[i] != '|')
        return 0;
    return i + 1;
}

/* re.match(r'^\s*%%\w+', s) */
static int cell_magic(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_space(s[i]))
        i++;
    return i + 2 < n && s[i] == '%' && s[i + 1] == '%' && is_word(s[i + 2]);
}

/* _quarto_re.match: r'\s*#\s*\|\s*[\w|-]+\s*:' ; returns match length or 0.
 * [\w|-]+ is greedy and may backtrack: take the longest run followed by
 * optional space and ':'. */
static size_t quarto_match(const char *s, size_t n)
{
    size_t i = dir_prefix(s, n);
    if (!i)
        return 0;
    while (i < n && is_space(s[i]))
        i++;
    size_t w = i;
    while (w < n && (is_word(s[w]) || s[w] == '|' || s[w] == '-'))
        w++;
    for (size_t e = w; e > i; e--) {
        size_t k = e;
        while (k < n && is_space(s[k]))
            k++;
        if (k < n && s[k] == ':')
            return k + 1;
    }
    return 0;
}

/* _norm_quarto(line): m.group(0) + ' ' + _quarto_re.sub('', line).lstrip() */
static void norm_quarto(tito_buf *out, const char *s, size_t n)
{
    size_t m = quarto_match(s, n);
    tito_buf_put(out, s, m);
    tito_buf_putc(out, ' ');
    /* sub() removes every non-overlapping match, scanning left to right */
    tito_buf rest = TITO_BUF_INIT;
    size_t i = 0;
    while (i < n) {
        size_t q = quarto_match(s + i, n - i);
        if (q) {
            i += q;
            continue;
        }
        tito_buf_putc(&rest, s[i]);
        i++;
    }
    size_t k = 0;
    while (k < rest.len && (is_space(rest.ptr[k]) || (unsigned char)rest.ptr[k] == 0x1c))
        k++;
    if (rest.len > k)
        tito_buf_put(out, rest.ptr + k, rest.len - k);
    if (rest.failed)
        out->failed = 1;
    tito_buf_dispose(&rest);
}

static int add_directive(tito_export__dirs *dirs, char **words, size_t nwords)
{
    for (size_t i = 0; i < dirs->n; i++)
        if (strcmp(dirs->d[i].name, words[0]) == 0) {
            for (size_t k = 0; k < dirs->d[i].nargs; k++)
                free(dirs->d[i].args[k]);
            free(dirs->d[i].args);
            free(dirs->d[i].name);
            dirs->d[i].name = words[0];
            dirs->d[i].args = nwords > 1 ? malloc((nwords - 1) * sizeof(char *)) : NULL;
            if (nwords > 1 && !dirs->d[i].args)
                return TITO_ENOMEM;
            for (size_t k = 1; k < nwords; k++)
                dirs->d[i].args[k - 1] = words[k];
            dirs->d[i].nargs = nwords - 1;
            return 0;
        }
    tito_export__directive *p = realloc(dirs->d, (dirs->n + 1) * sizeof(*p));
    if (!p)
        return TITO_ENOMEM;
    dirs->d = p;
    tito_export__directive *d = &p[dirs->n];
    d->name = words[0];
    d->args = nwords > 1 ? malloc((nwords - 1) * sizeof(char *)) : NULL;
    if (nwords > 1 && !d->args)
        return TITO_ENOMEM;
    for (size_t k = 1; k < nwords; k++)
        d->args[k - 1] = words[k];
    d->nargs = nwords - 1;
    dirs->n++;
    return 0;
}

/* _directive(line): normalise "#|", drop a trailing ':' (and every ':'),
 * space out the colons, strip, drop the two-character "#|", split. */
static int parse_directive(tito_export__dirs *dirs, const char *s, size_t n)
{
    tito_buf t = TITO_BUF_INIT;
    int error = 0;
    size_t p = dir_prefix(s, n);
    if (p) {
        tito_buf_puts(&t, "#|");
        tito_buf_put(&t, s + p, n - p);
    } else {
        tito_buf_put(&t, s, n);
    }
    tito_buf_put(&t, "", 0);
    if (t.failed) {
        error = TITO_ENOMEM;
        goto cleanup;
    }
    /* strip() */
    size_t a = 0, b = t.len;
    while (a < b && is_space(t.ptr[a]))
        a++;
    while (b > a && is_space(t.ptr[b - 1]))
        b--;
    int drop_colons = b > a && t.ptr[b - 1] == ':';
    tito_buf u = TITO_BUF_INIT;
    for (size_t i = 0; i < t.len; i++) {
        if (t.ptr[i] == ':') {
            if (!drop_colons)
                tito_buf_puts(&u, ": ");
        } else {
            tito_buf_putc(&u, t.ptr[i]);
        }
    }
    tito_buf_put(&u, "", 0);
    if (u.failed) {
        tito_buf_dispose(&u);
        error = TITO_ENOMEM;
        goto cleanup;
    }
    a = 0;
    b = u.len;
    while (a < b && is_space(u.ptr[a]))
        a++;
    while (b > a && is_space(u.ptr[b - 1]))
        b--;
    /* [2:] counts characters; the first two are ASCII here except in odd
     * cases (a magic line), where we step over whole UTF-8 sequences. */
    for (int k = 0; k < 2 && a < b; k++) {
        a++;
        while (a < b && ((unsigned char)u.ptr[a] & 0xC0) == 0x80)
            a++;
    }
    char **words = NULL;
    size_t nwords = 0;
    size_t i = a;
    while (i < b) {
        while (i < b && is_space(u.ptr[i]))
            i++;
        if (i >= b)
            break;
        size_t e = i;
        while (e < b && !is_space(u.ptr[e]))
            e++;
        char **w = realloc(words, (nwords + 1) * sizeof(*w));
        char *word = strndup(u.ptr + i, e - i);
        if (!w || !word) {
            free(word);
            if (w)
                words = w;
            error = TITO_ENOMEM;
            break;
        }
        words = w;
        words[nwords++] = word;
        i = e;
    }
    tito_buf_dispose(&u);
    if (error == 0 && nwords > 0) {
        error = add_directive(dirs, words, nwords);
        if (error == 0) {
            free(words);
            words = NULL;
            nwords = 0;
        }
    }
    for (size_t k = 0; k < nwords; k++)
        free(words[k]);
    free(words);
cleanup:
    tito_buf_dispose(&t);
    return error;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i]) && !((unsigned char)s[i] >= 0x1c && (unsigned char)s[i] <= 0x1f))
            return 0;
    return 1;
}

int tito_export__extract_directives(tito_export__dirs *dirs, char **new_src, const char *src, size_t len)
{
    tito_buf out = TITO_BUF_INIT;
    int error = 0;
    dirs->d = NULL;
    dirs->n = 0;
    *new_src = NULL;
    /* first_code_ln */
    size_t first_code = len, i = 0;
    int found = 0;
    while (i < len) {
        size_t l = tito_export__line_len(src + i, len - i);
        if (!blank(src + i, l) && !dir_prefix(src + i, l) && !cell_magic(src + i, l)) {
            first_code = i;
            found = 1;
            break;
        }
        i += l;
    }
    if (found && first_code == 0) {
        *new_src = strndup(src, len);
        return *new_src ? 0 : TITO_ENOMEM;
    }
    size_t dir_end = found ? first_code : len;
    for (i = 0; i < dir_end;) {
        size_t l = tito_export__line_len(src + i, dir_end - i);
        if (quarto_match(src + i, l))
            norm_quarto(&out, src + i, l);
        else if (cell_magic(src + i, l))
            tito_buf_put(&out, src + i, l);
        if ((error = parse_directive(dirs, src + i, l)) < 0)
            goto cleanup;
        i += l;
    }
    /* code = lines[first_code:], or all lines when there is no code */
    tito_buf_put(&out, src + (found ? first_code : 0), len - (found ? first_code : 0));
    tito_buf_put(&out, "", 0);
    if (out.failed) {
        error = TITO_ENOMEM;
        goto cleanup;
    }
    *new_src = tito_buf_detach(&out, NULL);
cleanup:
    tito_buf_dispose(&out);
    if (error < 0)
        tito_export__dirs_dispose(dirs);
    return error;
}

void tito_export__dirs_dispose(tito_export__dirs *dirs)
{
    for (size_t i = 0; i < dirs->n; i++) {
        free(dirs->d[i].name);
        for (size_t k = 0; k < dirs->d[i].nargs; k++)
            free(dirs->d[i].args[k]);
        free(dirs->d[i].args);
    }
    free(dirs->d);
    dirs->d = NULL;
    dirs->n = 0;
}

const tito_export__directive *tito_export__dirs_get(const tito_export__dirs *dirs, const char *name)
{
    for (size_t i = 0; i < dirs->n; i++)
        if (strcmp(dirs->d[i].name, name) == 0)
            return &dirs->d[i];
    return NULL;
}
