/* tito_bundle: a directory tree packed into one byte string, so a course, a
 * package of exports or a work dir can travel as a content-addressed artifact
 * (design.md §3). Deterministic: entries sorted by path, no timestamps, so the
 * same tree always gives the same sha256.
 *
 * Format: "TITOBND1" then per entry: u32 path length, path bytes, u32 mode,
 * u64 size, bytes (little endian). Only regular files and the directories
 * implied by their paths; symlinks and special files are skipped. */
#ifndef TITO_JOB_BUNDLE_H
#define TITO_JOB_BUNDLE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/* Packs the files under root whose root-relative path is accepted by filter
 * (NULL = all; return 1 to keep). Appends to out. */
int tito_bundle_pack(tito_buf *out, const char *root, int (*filter)(const char *relpath, void *ctx),
                     void *ctx, tito_error *err);
/* Unpacks into dir (created). Rejects absolute paths and ".." components
 * (TITO_EINVALID): a bundle cannot write outside dir. */
int tito_bundle_unpack(const char *data, size_t len, const char *dir, tito_error *err);

#endif
