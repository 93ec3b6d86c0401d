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

/* A read-only tree in an arena, for a reader that only looks (nb.c): every
 * value, string and array of it is carved from big chunks, so building it costs
 * no malloc per value and dropping it one free per chunk. *arena is set even
 * on failure; release it with tito_json__arena_free, which frees the tree.
 * Never pass the tree or a part of it to tito_json_free or a function that
 * changes it; tito_json_copy what must outlive the arena. The input must be
 * valid UTF-8 (checked by the caller, as for tito_json__parse_utf8). */
typedef struct tito_json__arena tito_json__arena;
int tito_json__parse_arena(tito_json **out, const char *buf, size_t len, tito_error *err,
                           tito_json__arena **arena);
void tito_json__arena_free(tito_json__arena *a);

#endif
