/* Blank lines between cells (jupytext pep8.py, spec §9).
 *
 * jupytext scans "all following lines" from the top for every cell, which is
 * quadratic on long notebooks. The two forward scans (cell_has_code and
 * next_instruction_is_function_or_class) are deterministic automata whose
 * state at a line start is tiny (previous line blank? open triple quote?),
 * so their answers are computed per line from the line below it, as lines are
 * prepended: O(1) amortised per line instead of a rescan. */
#include "jupytext/jupytext_private.h"

#include <stdlib.h>
#include <string.h>

static int def_or_class(const char *s, size_t n)
{
    if (!n || (s[0] != 'd' && s[0] != 'a' && s[0] != 'c'))
        return 0;
    return tito_jupytext__starts(s, n, "def ") || tito_jupytext__starts(s, n, "async ") ||
           tito_jupytext__starts(s, n, "class ");
}

/* Does s contain c three times in a row? */
static int has_triple(const char *s, size_t n, char c)
{
    const char *p = s, *end = s + n;
    while (end - p >= 3 && (p = memchr(p, c, (size_t)(end - p - 2))) != NULL) {
        if (p[1] == c && p[2] == c)
            return 1;
        p++;
    }
    return 0;
}

static int tail_reserve(tito_jupytext__pep8_tail *t)
{
    if (t->len < t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 256;
    unsigned char *hc = realloc(t->hc, cap);
    if (!hc)
        return TITO_ENOMEM;
    t->hc = hc;
    unsigned char *nif = realloc(t->nif, cap);
    if (!nif)
        return TITO_ENOMEM;
    t->nif = nif;
    t->cap = cap;
    return 0;
}

/* State index: triple 0 none, 1 '"', 2 '\''. */
static int triple_index(char c)
{
    return c == '"' ? 1 : c == '\'' ? 2 : 0;
}

static char triple_char(int k)
{
    return k == 1 ? '"' : k == 2 ? '\'' : 0;
}

int tito_jupytext__pep8_prepend(tito_jupytext__pep8_tail *t, const char *s, size_t n)
{
    if (tail_reserve(t) < 0)
        return TITO_ENOMEM;
    size_t below = t->len; /* index of the line below is len-1 (stored from the end) */
    int has_below = below > 0;
    unsigned char hc_below = has_below ? t->hc[below - 1] : 0;
    unsigned char nif_below = has_below ? t->nif[below - 1] : 0;
    size_t ws = tito_jupytext__lspace(s, n);
    int blank = ws == n;

    /* cell_has_code: bit pb */
    unsigned char hc = 0;
    for (int pb = 0; pb < 2; pb++) {
        int r;
        if (tito_jupytext__starts(s + ws, n - ws, "#"))
            r = hc_below & 1;
        else if (blank)
            r = pb ? 0 : (hc_below >> 1) & 1;
        else
            r = 1;
        hc |= (unsigned char)(r << pb);
    }

    /* next_instruction_is_function_or_class: bit 3*pb + triple */
    unsigned char nif = 0;
    int quotes = memchr(s, '"', n) || memchr(s, '\'', n);
    /* what the line itself says, the same for every state below */
    int is_def = def_or_class(s, n);
    int transparent = n && (s[0] == '#' || s[0] == '@' || s[0] == ' ' || s[0] == ')');
    for (int tr = 0; tr < 3; tr++) {
        int quoted = tr != 0, after = tr;
        /* Without quotes a line cannot change the state; inside a triple
         * quoted string only that triple quote can (the string tracker skips
         * everything else there), so most lines need no tracker run. */
        if (quotes && (tr == 0 || has_triple(s, n, triple_char(tr)))) {
            tito_jupytext__strparser p;
            tito_jupytext__strparser_init_python(&p);
            p.triple = triple_char(tr);
            tito_jupytext__strparser_read(&p, s, n);
            after = triple_index(p.triple);
        }
        for (int pb = 0; pb < 2; pb++) {
            int r;
            if (quoted)
                r = (nif_below >> (3 * blank + after)) & 1;
            else if (blank)
                r = pb ? 0 : (nif_below >> (3 + after)) & 1;
            else if (is_def)
                r = 1;
            else if (transparent)
                r = (nif_below >> after) & 1;
            else
                r = 0;
            nif |= (unsigned char)(r << (3 * pb + tr));
        }
    }
    t->hc[below] = hc;
    t->nif[below] = nif;
    t->len++;
    return 0;
}

void tito_jupytext__pep8_dispose(tito_jupytext__pep8_tail *t)
{
    free(t->hc);
    free(t->nif);
    memset(t, 0, sizeof(*t));
}

int tito_jupytext__ends_with_function_or_class(const tito_jupytext__lines *l)
{
    /* lines that do not start inside a string, scanned from the bottom */
    unsigned char *keep = NULL;
    tito_jupytext__strparser p;
    int result = 0;
    if (!l->len)
        return 0;
    keep = malloc(l->len);
    if (!keep)
        return TITO_ENOMEM;
    tito_jupytext__strparser_init_python(&p);
    for (size_t i = 0; i < l->len; i++) {
        keep[i] = !tito_jupytext__strparser_quoted(&p);
        tito_jupytext__strparser_read(&p, l->v[i].s, l->v[i].n);
    }
    int prev_blank = -1; /* the kept line just below: -1 none */
    for (size_t k = l->len; k-- > 0;) {
        if (!keep[k])
            continue;
        const char *s = l->v[k].s;
        size_t n = l->v[k].n;
        if (tito_jupytext__blank(s, n)) {
            if (prev_blank == 1)
                goto done;
            prev_blank = 1;
            continue;
        }
        prev_blank = 0;
        if (n && (s[0] == '#' || s[0] == ' ' || s[0] == ')'))
            continue;
        result = def_or_class(s, n);
        goto done;
    }
done:
    free(keep);
    return result;
}

int tito_jupytext__ends_with_code(const tito_jupytext__lines *l)
{
    if (!l->len)
        return 0;
    const tito_jupytext__str *last = &l->v[l->len - 1];
    if (tito_jupytext__blank(last->s, last->n))
        return 0;
    return !tito_jupytext__starts(last->s, last->n, "#");
}

int tito_jupytext__pep8_lines(const tito_jupytext__lines *prev, const tito_jupytext__pep8_tail *t)
{
    if (!t->len)
        return 1;
    if (!prev->len)
        return 0;
    int efc = tito_jupytext__ends_with_function_or_class(prev);
    if (efc < 0)
        return efc;
    unsigned char hc = t->hc[t->len - 1], nif = t->nif[t->len - 1];
    if (efc)
        return (hc & 1) ? 2 : 1;
    if (tito_jupytext__ends_with_code(prev) && (nif & 1))
        return 2;
    return 1;
}
