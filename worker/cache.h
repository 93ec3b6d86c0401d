/* tito_cache: the worker's local copy of content-addressed artifacts
 * (design.md §3). Blobs live at DIR/<sha[0:2]>/<sha>; every blob is verified
 * against its name when fetched from the store and again when read from disk
 * (a truncated or bit-flipped cache file is dropped and fetched again), and
 * written by temp + rename so concurrent slots and a crash mid-write never
 * leave a partial blob under its final name; temporaries a killed worker
 * left behind are swept when a cache is opened. No eviction: the cache grows
 * with the artifacts a machine has seen (delete it any time). */
#ifndef TITO_WORKER_CACHE_H
#define TITO_WORKER_CACHE_H

#include <stddef.h>

#include "store/store.h"
#include "util/error.h"

typedef struct tito_cache tito_cache;

/* Creates dir if needed. */
int tito_cache_new(tito_cache **out, const char *dir, tito_error *err);
void tito_cache_free(tito_cache *c);

/* Returns the blob with this sha in *out (malloc'd, caller frees; NUL
 * appended, not counted in *out_len), from disk or else from the store.
 * *out_hit (may be NULL) = 1 when it came from disk.
 * TITO_ENOTFOUND: the store has no such artifact.
 * TITO_EINVALID: the store's bytes do not hash to sha (corrupt artifact).
 * TITO_EUNAVAIL: PostgreSQL is unreachable (retry).
 * A cache directory that cannot be written is not an error: the blob is
 * returned anyway. */
int tito_cache_get(tito_cache *c, void **out, size_t *out_len, int *out_hit, tito_store *store,
                   const char *sha, tito_error *err);

#endif
