/* tito_pyfmt: byte-exact emulation of the Python formatting nbdev's output
 * depends on:
 *   - repr(str)                      quoting and escapes (str.isprintable
 *                                    approximated: controls, separators,
 *                                    format and private-use characters escape)
 *   - repr(list of str)              for `__all__ = [...]`
 *   - textwrap.TextWrapper(width, subsequent_indent, break_long_words=False).wrap
 *                                    (whitespace-separated chunks; the
 *                                    hyphen-splitting of break_on_hyphens is
 *                                    not emulated: identifiers have no '-')
 *   - pprint.pformat(obj, width, indent, compact=True) for nested dicts
 *     (keys sorted), tuples and strs: the shapes of nbdev's `_modidx.py`.
 * Lengths are counted in code points, as Python does.
 *
 * tito_pyval trees are built with the constructors below, own their
 * children, and are freed with tito_pyval_free (NULL accepted). */
#ifndef TITO_EXPORT_PYFMT_H
#define TITO_EXPORT_PYFMT_H

#include <stddef.h>

#include "util/buf.h"

/* Appends repr(s) for the UTF-8 string s[0..len). */
int tito_pyfmt_repr_str(tito_buf *out, const char *s, size_t len);
/* Appends repr([items...]) of strings. */
int tito_pyfmt_repr_strlist(tito_buf *out, char *const *items, size_t n);
/* Appends '\n'.join(TextWrapper(width=width, initial_indent='',
 * subsequent_indent=' ' * indent, break_long_words=False).wrap(text)). */
int tito_pyfmt_wrap(tito_buf *out, const char *text, size_t width, size_t indent);
/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t tito_pyfmt_cplen(const char *s, size_t len);

typedef struct tito_pyval tito_pyval;

tito_pyval *tito_pyval_str(const char *s);
tito_pyval *tito_pyval_tuple(void);
tito_pyval *tito_pyval_dict(void);
/* Appends item to a tuple; takes ownership (also on failure). */
int tito_pyval_tuple_add(tito_pyval *tuple, tito_pyval *item);
/* Sets dict[key] = val, replacing an existing entry; takes ownership of val. */
int tito_pyval_dict_set(tito_pyval *dict, const char *key, tito_pyval *val);
/* Borrowed value of dict[key], or NULL. */
tito_pyval *tito_pyval_dict_get(const tito_pyval *dict, const char *key);
void tito_pyval_free(tito_pyval *v);

/* Appends pprint.pformat(v, width=width, indent=indent, compact=True). */
int tito_pyfmt_pformat(tito_buf *out, const tito_pyval *v, size_t width, size_t indent);

#endif
