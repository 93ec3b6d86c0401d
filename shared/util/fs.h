/* tito_fs: small file-system helpers shared by every module: whole-file
 * reads, atomic writes (temporary file in the same directory, fsync, rename),
 * mkdir -p and lexical path arithmetic in the manner of Python's os.path.
 *
 * Every function returning char * hands the caller a malloc'd string (free()
 * it). Errors: TITO_ENOTFOUND (missing file), TITO_EIO (other OS failures),
 * TITO_ENOMEM; the message names the path. */
#ifndef TITO_UTIL_FS_H
#define TITO_UTIL_FS_H

#include <stddef.h>

#include "util/error.h"

/* Reads the whole file (TITO_ENOTFOUND also when a parent is not a
 * folder); *out is NUL-terminated (also when it holds NULs),
 * *len (if non-NULL) is its length. */
int tito_fs_read_file(char **out, size_t *len, const char *path, tito_error *err);

/* mkdir -p with mode 0777 & ~umask. Existing directories are fine. */
int tito_fs_mkdirs(const char *path, tito_error *err);

/* Writes data to a fresh temporary file next to path (".<name>.tmp.XXXXXX"),
 * fsyncs it and stores its name in *tmp_out; the caller renames or unlinks
 * it. The new file gets mode 0666 & ~umask, or path's mode if path exists.
 * Thread-safe (the umask is never changed). */
int tito_fs_write_temp(char **tmp_out, const char *path, const void *data, size_t len,
                       tito_error *err);

/* write_temp + rename: readers see either the old or the new contents. */
int tito_fs_write_atomic(const char *path, const void *data, size_t len, tito_error *err);

/* 1 if path exists (any type), 0 otherwise. */
int tito_fs_exists(const char *path);
/* 1 if path is a directory. */
int tito_fs_is_dir(const char *path);

/* a + "/" + b (b absolute: b). NULL when out of memory. */
char *tito_fs_join(const char *a, const char *b);
/* os.path.normpath for POSIX paths ("" -> "."). */
char *tito_fs_normpath(const char *path);
/* os.path.abspath: normpath(join(cwd, path)). NULL on failure. */
char *tito_fs_abspath(const char *path);
/* pathlib's resolve(strict=False): symlinks of the existing prefix resolved,
 * the rest appended lexically. NULL on failure. */
char *tito_fs_resolve(const char *path);
/* os.path.relpath(path, start) on abspath'd inputs. NULL on failure. */
char *tito_fs_relpath(const char *path, const char *start);
/* os.path.dirname of a normalised path ("a/b" -> "a", "b" -> "."). */
char *tito_fs_dirname(const char *path);
/* Last component ("a/b.py" -> "b.py"). Borrowed pointer into path. */
const char *tito_fs_basename(const char *path);

#endif
