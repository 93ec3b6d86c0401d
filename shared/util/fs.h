/* tito_fs: small file-system helpers shared by every module: whole-file
 * reads, atomic writes (temporary file in the same directory, fsync, rename;
 * see tito_fs_write_atomic_at for the options),
 * mkdir -p and lexical path arithmetic in the manner of Python's os.path.
 *
 * Every function returning char * hands the caller a malloc'd string (free()
 * it). Errors: TITO_ENOTFOUND (missing file), TITO_EIO (other OS failures),
 * TITO_ENOMEM; the message names the path. */
#ifndef TITO_UTIL_FS_H
#define TITO_UTIL_FS_H

#include <fcntl.h> /* AT_FDCWD */
#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"

/* Reads the whole file (TITO_ENOTFOUND also when a parent is not a
 * folder); *out is NUL-terminated (also when it holds NULs),
 * *len (if non-NULL) is its length. */
int tito_fs_read_file(char **out, size_t *len, const char *path, tito_error *err);

/* mkdir -p with mode 0777 & ~umask. Existing directories are fine. */
int tito_fs_mkdirs(const char *path, tito_error *err);

/* Atomic writes.
 *
 * tito_fs_write_atomic_at writes data to a fresh temporary file in the
 * directory of path (".<name>.tmp.XXXXXX", the name cut short when it would
 * not fit NAME_MAX) and renames it over path: a reader sees the old contents
 * or the new, never a mix, and on any failure path is untouched and no
 * temporary file is left behind. path is taken relative to dirfd as openat()
 * does (AT_FDCWD: the working directory; an absolute path ignores dirfd).
 *
 * Defaults (opts NULL or all zero): the temporary file is fsync'd before
 * the rename; the new file gets path's mode when path exists (following a
 * symlink to read it), else 0666 & ~umask; a symlink at path is replaced by
 * the new regular file (its target is left alone), as rename() does.
 *
 * Flags (tito_fs_write_opts.flags), each changing one of these defaults:
 *
 * TITO_FS_NO_FSYNC: no fsync. Readers still see old or new contents, but
 *   after a crash or power loss the file may hold the old contents, the new
 *   ones or (on some file systems) nothing. Only for output that is cheap to
 *   make again and whose writer must be fast (`tito convert`, unpacked
 *   bundles, generated files of a run).
 *
 * TITO_FS_FOLLOW_SYMLINK: when path is a symlink, replace its target (found
 *   with realpath()) and keep the link, as a plain open(O_WRONLY) would; the
 *   mode kept is the target's and the temporary file goes next to the target.
 *   A dangling symlink is replaced by a regular file. Needs dirfd AT_FDCWD or
 *   an absolute path (TITO_EINVALID otherwise).
 *
 * TITO_FS_MODE: the new file gets exactly opts.mode & 07777 (set by fchmod,
 *   so neither the umask nor an existing file's mode has a say).
 *
 * Errors: TITO_ENOMEM; TITO_EINVALID for an unsupported combination of
 * flags; TITO_EIO for every OS failure, including a directory in the way
 * (also "path/" with an empty last component). Messages name path (or
 * opts.display) and the step that failed, and, as writing never touches
 * path before the rename, that its old contents are kept. On TITO_EIO errno
 * is left as the failing call set it (EISDIR for a directory in the way), so
 * a caller can tell one OS failure from another.
 *
 * Ownership: data, path, opts and opts.display are borrowed and only read
 * during the call; dirfd is neither closed nor kept. Thread-safe: the umask
 * is never changed. */
enum {
    TITO_FS_NO_FSYNC = 1u << 0,
    TITO_FS_FOLLOW_SYMLINK = 1u << 1,
    TITO_FS_MODE = 1u << 2
};

typedef struct tito_fs_write_opts {
    unsigned flags;      /* TITO_FS_* */
    mode_t mode;         /* with TITO_FS_MODE: the new file's mode */
    const char *display; /* what messages call path (NULL: path itself); for
                            a dirfd-relative path, the name the user knows */
} tito_fs_write_opts;

int tito_fs_write_atomic_at(int dirfd, const char *path, const void *data, size_t len,
                            const tito_fs_write_opts *opts, tito_error *err);

/* tito_fs_write_atomic_at(AT_FDCWD, path, data, len, NULL, err): fsync'd,
 * mode kept, a symlink at path replaced. */
int tito_fs_write_atomic(const char *path, const void *data, size_t len, tito_error *err);

/* The first half of the default write_atomic, for writers that rename
 * several files only once all are written (export/stage.c): writes and
 * fsyncs the temporary file and stores its malloc'd name in *tmp_out (the
 * caller frees it, and renames or unlinks the file). On failure *tmp_out is
 * NULL and no file is left. */
int tito_fs_write_temp(char **tmp_out, const char *path, const void *data, size_t len,
                       tito_error *err);

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
