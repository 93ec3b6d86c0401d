/* tito_bundle: deterministic packing and a hostile-input unpacker. Each test
 * works in a fresh temporary folder. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "job/bundle.h"
#include "util/sha256.h"

static char root[PATH_MAX];

static void setup(void)
{
    char tmpl[] = "/tmp/tito-bundle-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    cr_assert_not_null(realpath(tmpl, root));
}

static void teardown(void)
{
    char cmd[PATH_MAX * 2 + 64];
    snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s'; rm -rf '%s'", root, root);
    cr_assert_eq(system(cmd), 0);
}

static char *at(const char *rel)
{
    static char buf[4][PATH_MAX * 2];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", root, rel);
    return buf[k];
}

static void mkdirs(const char *rel)
{
    char cmd[PATH_MAX * 3];
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", at(rel));
    cr_assert_eq(system(cmd), 0);
}

static void write_file(const char *rel, const char *content, mode_t mode)
{
    FILE *f = fopen(at(rel), "wb");
    cr_assert_not_null(f, "cannot write %s", rel);
    fwrite(content, 1, strlen(content), f);
    fclose(f);
    chmod(at(rel), mode);
}

static char *read_file(const char *rel)
{
    static char buf[4096];
    FILE *f = fopen(at(rel), "rb");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void sha_of(char out[65], const tito_buf *b)
{
    tito_sha256_hex(out, b->ptr, b->len);
}

/* Hand-built bundles for the hostile cases. */
static void put_u32(tito_buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    tito_buf_put(b, p, 4);
}

static void put_u64(tito_buf *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        tito_buf_putc(b, (char)(unsigned char)(v >> (8 * i)));
}

static void add(tito_buf *b, const char *path, size_t plen, uint32_t mode, const char *data,
                uint64_t size)
{
    put_u32(b, (uint32_t)plen);
    tito_buf_put(b, path, plen);
    put_u32(b, mode);
    put_u64(b, size);
    if (data)
        tito_buf_put(b, data, strlen(data));
}

static void start(tito_buf *b)
{
    tito_buf_put(b, "TITOBND1", 8);
}

static void unpack_bad(const tito_buf *b, const char *want)
{
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_bundle_unpack(b->ptr, b->len, at("out"), &err);
    cr_assert_eq(rc, TITO_EINVALID, "expected EINVALID, got %d (%s)", rc, err.message);
    cr_assert(strstr(err.message, want), "message '%s' lacks '%s'", err.message, want);
}

TestSuite(bundle, .init = setup, .fini = teardown);

Test(bundle, round_trip)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    struct stat st;

    mkdirs("src/modules/01_tensor");
    mkdirs("src/tinytorch/core");
    mkdirs("src/empty");
    write_file("src/modules/01_tensor/tensor.ipynb", "{\"cells\": []}", 0640);
    write_file("src/tinytorch/core/tensor.py", "x = 1\n", 0600);
    write_file("src/run.sh", "#!/bin/sh\n", 0700);
    write_file("src/empty.txt", "", 0644);
    cr_assert_eq(tito_bundle_pack(&b, at("src"), NULL, NULL, &err), 0, "%s", err.message);
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out"), &err), 0, "%s", err.message);
    cr_expect_str_eq(read_file("out/modules/01_tensor/tensor.ipynb"), "{\"cells\": []}");
    cr_expect_str_eq(read_file("out/tinytorch/core/tensor.py"), "x = 1\n");
    cr_expect_str_eq(read_file("out/empty.txt"), "");
    cr_assert_eq(stat(at("out/run.sh"), &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0755);
    cr_assert_eq(stat(at("out/tinytorch/core/tensor.py"), &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0644);
    /* Empty directories are not part of a bundle. */
    cr_expect_neq(stat(at("out/empty"), &st), 0);
    tito_buf_dispose(&b);
}

Test(bundle, deterministic)
{
    tito_buf a = TITO_BUF_INIT, b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    char sa[65], sb[65];

    /* Same tree, created in a different order with different permissions. */
    mkdirs("a/z");
    write_file("a/z/2", "two", 0600);
    write_file("a/1", "one", 0644);
    write_file("a/b", "bee", 0664);
    mkdirs("b/z");
    write_file("b/b", "bee", 0644);
    write_file("b/1", "one", 0600);
    write_file("b/z/2", "two", 0640);
    cr_assert_eq(tito_bundle_pack(&a, at("a"), NULL, NULL, &err), 0);
    cr_assert_eq(tito_bundle_pack(&b, at("b"), NULL, NULL, &err), 0);
    sha_of(sa, &a);
    sha_of(sb, &b);
    cr_expect_str_eq(sa, sb);
    /* Packing again gives the same bytes: no timestamps. */
    tito_buf_clear(&b);
    sleep(1);
    cr_assert_eq(tito_bundle_pack(&b, at("a"), NULL, NULL, &err), 0);
    sha_of(sb, &b);
    cr_expect_str_eq(sa, sb);
    tito_buf_dispose(&a);
    tito_buf_dispose(&b);
}

static int only_py(const char *rel, void *ctx)
{
    (*(int *)ctx)++;
    size_t n = strlen(rel);
    return n > 3 && !strcmp(rel + n - 3, ".py");
}

Test(bundle, filter_and_symlinks)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    int calls = 0;

    mkdirs("src/pkg");
    mkdirs("outside");
    write_file("outside/secret.py", "secret", 0644);
    write_file("src/pkg/a.py", "a", 0644);
    write_file("src/pkg/b.txt", "b", 0644);
    cr_assert_eq(symlink(at("outside/secret.py"), at("src/pkg/link.py")), 0);
    cr_assert_eq(symlink(at("outside"), at("src/linkdir")), 0);
    cr_assert_eq(tito_bundle_pack(&b, at("src"), only_py, &calls, &err), 0, "%s", err.message);
    cr_expect_eq(calls, 2); /* a.py and b.txt; symlinks never reach the filter */
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out"), &err), 0, "%s", err.message);
    cr_expect_str_eq(read_file("out/pkg/a.py"), "a");
    cr_expect_null(read_file("out/pkg/b.txt"));
    cr_expect_null(read_file("out/pkg/link.py"));
    cr_expect_null(read_file("out/linkdir/secret.py"));
    cr_expect_null(memmem(b.ptr, b.len, "secret", 6));
    tito_buf_dispose(&b);
}

Test(bundle, pack_missing_root)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    cr_expect_eq(tito_bundle_pack(&b, at("nope"), NULL, NULL, &err), TITO_ENOTFOUND);
    tito_buf_dispose(&b);
}

Test(bundle, empty_bundle)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    mkdirs("src");
    cr_assert_eq(tito_bundle_pack(&b, at("src"), NULL, NULL, &err), 0);
    cr_expect_eq(b.len, 8);
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out/deep"), &err), 0, "%s", err.message);
    struct stat st;
    cr_expect_eq(stat(at("out/deep"), &st), 0);
    tito_buf_dispose(&b);
}

Test(bundle, overwrites_existing_files)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    mkdirs("out/pkg");
    write_file("out/pkg/a.py", "old", 0644);
    write_file("out/keep.txt", "keep", 0644);
    start(&b);
    add(&b, "pkg/a.py", 8, 0644, "new", 3);
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out"), &err), 0, "%s", err.message);
    cr_expect_str_eq(read_file("out/pkg/a.py"), "new");
    cr_expect_str_eq(read_file("out/keep.txt"), "keep");
    tito_buf_dispose(&b);
}

Test(bundle, rejects_bad_magic_and_truncation)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;

    cr_expect_eq(tito_bundle_unpack("TITOBND2", 8, at("out"), &err), TITO_EINVALID);
    cr_expect(strstr(err.message, "bad magic"));
    cr_expect_eq(tito_bundle_unpack("TITO", 4, at("out"), &err), TITO_EINVALID);
    cr_expect_eq(tito_bundle_unpack(NULL, 0, at("out"), &err), TITO_EINVALID);

    start(&b);
    tito_buf_put(&b, "\x03\x00", 2);
    unpack_bad(&b, "truncated path length");

    tito_buf_clear(&b);
    start(&b);
    put_u32(&b, 10);
    tito_buf_put(&b, "abc", 3);
    unpack_bad(&b, "truncated path");

    tito_buf_clear(&b);
    start(&b);
    put_u32(&b, 3);
    tito_buf_put(&b, "abc", 3);
    put_u32(&b, 0644);
    unpack_bad(&b, "truncated header");

    /* A size bigger than the buffer (and one that would wrap size_t). */
    tito_buf_clear(&b);
    start(&b);
    add(&b, "abc", 3, 0644, "xyz", 4);
    unpack_bad(&b, "claims 4 bytes but only 3 remain");
    tito_buf_clear(&b);
    start(&b);
    add(&b, "abc", 3, 0644, "xyz", UINT64_MAX);
    unpack_bad(&b, "claims 18446744073709551615 bytes");

    tito_buf_clear(&b);
    start(&b);
    put_u32(&b, 0xffffffffu);
    unpack_bad(&b, "path too long");
    tito_buf_dispose(&b);
}

Test(bundle, rejects_escaping_paths)
{
    const char *bad_paths[] = {"/etc/passwd", "../x", "a/../../x", "a/..", "./a", "a//b", "a/",
                               "", "a/./b", ".."};
    const char *wants[] = {"absolute path", "\"..\"", "\"..\"", "\"..\"", "\".\"", "empty path component",
                           "empty path component", "empty path", "\".\"", "\"..\""};
    for (size_t i = 0; i < sizeof(bad_paths) / sizeof(*bad_paths); i++) {
        tito_buf b = TITO_BUF_INIT;
        start(&b);
        add(&b, bad_paths[i], strlen(bad_paths[i]), 0644, "x", 1);
        unpack_bad(&b, wants[i]);
        tito_buf_dispose(&b);
    }
    tito_buf b = TITO_BUF_INIT;
    start(&b);
    add(&b, "a\0b", 3, 0644, "x", 1);
    unpack_bad(&b, "NUL byte");
    tito_buf_dispose(&b);
    /* Nothing was written next to the target. */
    cr_expect_null(read_file("x"));
    cr_expect_null(read_file("passwd"));
}

Test(bundle, rejects_duplicates_and_disorder)
{
    tito_buf b = TITO_BUF_INIT;
    start(&b);
    add(&b, "a", 1, 0644, "1", 1);
    add(&b, "a", 1, 0644, "2", 1);
    unpack_bad(&b, "duplicate or out of order");
    tito_buf_clear(&b);
    start(&b);
    add(&b, "b", 1, 0644, "1", 1);
    add(&b, "a", 1, 0644, "2", 1);
    unpack_bad(&b, "duplicate or out of order");
    tito_buf_dispose(&b);
}

Test(bundle, file_where_directory_expected)
{
    tito_buf b = TITO_BUF_INIT;
    start(&b);
    add(&b, "a", 1, 0644, "1", 1);
    add(&b, "a/b", 3, 0644, "2", 1);
    unpack_bad(&b, "not a directory");
    tito_buf_dispose(&b);
}

Test(bundle, directory_where_file_expected)
{
    tito_buf b = TITO_BUF_INIT;
    /* A directory already in the target where the bundle has a file: the
     * bundle's doing (EINVALID), the entry and the path named, the directory
     * and what it holds untouched, no temporary file left. */
    mkdirs("out/pkg/inner");
    write_file("out/pkg/inner/keep.txt", "kept", 0644);
    start(&b);
    add(&b, "pkg", 3, 0644, "x", 1);
    unpack_bad(&b, "entry 1: pkg: is a directory");
    cr_expect_str_eq(read_file("out/pkg/inner/keep.txt"), "kept");
    DIR *d = opendir(at("out"));
    cr_assert_not_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        cr_expect(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
                      strcmp(e->d_name, "pkg") == 0,
                  "left behind: %s", e->d_name);
    closedir(d);
    tito_buf_dispose(&b);
}

Test(bundle, longest_name_unpacks)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    char name[260];
    /* 255 bytes, the most a component may have: its temporary name must fit too. */
    memset(name, 'n', 255);
    name[255] = '\0';
    start(&b);
    add(&b, name, 255, 0644, "long", 4);
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out"), &err), 0, "%s", err.message);
    char rel[300];
    snprintf(rel, sizeof(rel), "out/%s", name);
    cr_expect_str_eq(read_file(rel), "long");
    tito_buf_dispose(&b);
}

Test(bundle, symlink_in_target_not_followed)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;

    /* A directory symlink already in the target must not redirect writes. */
    mkdirs("out");
    mkdirs("victim");
    cr_assert_eq(symlink(at("victim"), at("out/pkg")), 0);
    start(&b);
    add(&b, "pkg/evil.py", 11, 0644, "evil", 4);
    unpack_bad(&b, "not a directory");
    cr_expect_null(read_file("victim/evil.py"));

    /* A file symlink is replaced, not written through. */
    write_file("victim/target.txt", "untouched", 0644);
    cr_assert_eq(symlink(at("victim/target.txt"), at("out/file.txt")), 0);
    tito_buf_clear(&b);
    start(&b);
    add(&b, "file.txt", 8, 0644, "new", 3);
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out"), &err), 0, "%s", err.message);
    cr_expect_str_eq(read_file("victim/target.txt"), "untouched");
    cr_expect_str_eq(read_file("out/file.txt"), "new");
    struct stat st;
    cr_assert_eq(lstat(at("out/file.txt"), &st), 0);
    cr_expect(S_ISREG(st.st_mode));
    tito_buf_dispose(&b);
}

Test(bundle, modes_masked)
{
    tito_buf b = TITO_BUF_INIT;
    tito_error err = TITO_ERROR_INIT;
    struct stat st;
    start(&b);
    add(&b, "setuid", 6, 04777, "x", 1);
    add(&b, "world", 5, 0666, "y", 1);
    cr_assert_eq(tito_bundle_unpack(b.ptr, b.len, at("out"), &err), 0, "%s", err.message);
    cr_assert_eq(stat(at("out/setuid"), &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0755);
    cr_assert_eq(stat(at("out/world"), &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0644);
    tito_buf_dispose(&b);
}
