/* Internals shared between json.c and nb.c; not part of the public API. */
#ifndef TITO_JSON_JSON_PRIVATE_H
#define TITO_JSON_JSON_PRIVATE_H

#include <stddef.h>

#include "json/json.h"
#include "util/error.h"

/* Nesting deeper than this is rejected at parse time, so the recursive
 * walkers (free, copy, dump) never run out of stack on parsed input. */
#define TITO_JSON_MAX_DEPTH 1000

/* Checks that buf[0..len) is strict UTF-8 (what Python's decoder accepts: no
 * overlongs, no surrogates, nothing above U+10FFFF). Returns 0, or -1 and sets
 * *line / *col (1-based; col counts characters like Python does) to the first
 * bad byte. */
int tito_json__utf8_check(const char *buf, size_t len, size_t *line, size_t *col);

/* tito_json_parse for input already known to be valid UTF-8 (nb.c checks it
 * first to word its own message), so the check is not run twice. */
int tito_json__parse_utf8(tito_json **out, const char *buf, size_t len, tito_error *err);

#endif
