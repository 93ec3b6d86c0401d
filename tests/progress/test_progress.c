/* progress.json: TinyTorch's format byte for byte (json.dump indent=2, no
 * trailing newline), defaults, key order, and the upstream transitions. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress/progress.h"

static char dir[PATH_MAX];
static char path[PATH_MAX + 32];

static void setup(void)
{
    char tmpl[] = "/tmp/tito-progress-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    snprintf(dir, sizeof(dir), "%s", tmpl);
    snprintf(path, sizeof(path), "%s/progress.json", dir);
}

static void teardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static void write_text(const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_text(void)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static tito_progress *load(void)
{
    tito_progress *p = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_progress_load(&p, path, &err), 0, "%s", err.message);
    cr_assert_not_null(p);
    return p;
}

static char *format(const tito_progress *p)
{
    tito_buf b = TITO_BUF_INIT;
    cr_assert_eq(tito_progress_format(&b, p), 0);
    return tito_buf_detach(&b, NULL);
}

/* The text after "last_updated": the timestamp, checked separately. */
static void cut_timestamp(char *text)
{
    char *p = strstr(text, "\"last_updated\": \"");
    cr_assert_not_null(p, "%s", text);
    p += strlen("\"last_updated\": \"");
    char *q = strchr(p, '"');
    cr_assert_not_null(q);
    memmove(p, q, strlen(q) + 1);
}

TestSuite(progress, .init = setup, .fini = teardown);

Test(progress, missing_file_is_the_default_dict)
{
    tito_progress *p = load();
    char *text = format(p);
    cr_assert_str_eq(text, "{\n"
                           "  \"started_modules\": [],\n"
                           "  \"completed_modules\": [],\n"
                           "  \"last_worked\": null,\n"
                           "  \"last_completed\": null,\n"
                           "  \"last_updated\": null\n"
                           "}");
    cr_assert_eq(tito_progress_ncompleted(p), 0);
    cr_assert_null(tito_progress_last_worked(p));
    free(text);
    tito_progress_free(p);
    cr_assert_neq(access(path, F_OK), 0, "load must not create the file");
}

Test(progress, unparseable_file_is_the_default_dict)
{
    const char *bad[] = {"{\"started_modules\": [", "", "[1, 2]", "\"x\"", "null"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        write_text(bad[i]);
        tito_progress *p = load();
        cr_assert_eq(tito_json_len(tito_progress_json(p)), 5, "case %zu", i);
        cr_assert_eq(tito_progress_ncompleted(p), 0);
        tito_progress_free(p);
    }
}

Test(progress, start_then_complete_writes_upstream_layout)
{
    tito_error err = TITO_ERROR_INIT;
    tito_progress *p = load();
    cr_assert_eq(tito_progress_mark_started(p, "01", &err), 0);
    cr_assert_eq(tito_progress_mark_started(p, "01", &err), 0); /* idempotent */
    cr_assert(tito_progress_is_started(p, "01"));
    cr_assert_not(tito_progress_is_completed(p, "01"));
    cr_assert_eq(tito_progress_save(p, &err), 0, "%s", err.message);
    char *text = read_text();
    cut_timestamp(text);
    cr_assert_str_eq(text, "{\n"
                           "  \"started_modules\": [\n"
                           "    \"01\"\n"
                           "  ],\n"
                           "  \"completed_modules\": [],\n"
                           "  \"last_worked\": \"01\",\n"
                           "  \"last_completed\": null,\n"
                           "  \"last_updated\": \"\"\n"
                           "}");
    cr_assert_eq(tito_progress_mark_completed(p, "01", &err), 0);
    cr_assert_eq(tito_progress_mark_started(p, "02", &err), 0);
    cr_assert_eq(tito_progress_save(p, &err), 0);
    tito_progress_free(p);

    p = load();
    cr_assert(tito_progress_is_completed(p, "01"));
    cr_assert_not(tito_progress_is_started(p, "01"));
    cr_assert(tito_progress_is_started(p, "02"));
    cr_assert_str_eq(tito_progress_last_worked(p), "02");
    cr_assert_str_eq(tito_progress_last_completed(p), "01");
    cr_assert_eq(tito_progress_ncompleted(p), 1);
    tito_progress_free(p);
    text = read_text();
    cut_timestamp(text);
    cr_assert_str_eq(text, "{\n"
                           "  \"started_modules\": [\n"
                           "    \"02\"\n"
                           "  ],\n"
                           "  \"completed_modules\": [\n"
                           "    \"01\"\n"
                           "  ],\n"
                           "  \"last_worked\": \"02\",\n"
                           "  \"last_completed\": \"01\",\n"
                           "  \"last_updated\": \"\"\n"
                           "}");
}

Test(progress, key_order_and_unknown_keys_are_kept)
{
    write_text("{\"last_updated\": \"2025-01-01T00:00:00\", \"extra\": {\"a\": 1}, "
               "\"completed_modules\": [\"01\", \"02\"], \"started_modules\": [\"03\", \"03\"]}");
    tito_error err = TITO_ERROR_INIT;
    tito_progress *p = load();
    cr_assert_eq(tito_progress_mark_completed(p, "03", &err), 0);
    cr_assert_eq(tito_progress_save(p, &err), 0);
    tito_progress_free(p);
    char *text = read_text();
    cut_timestamp(text);
    /* list.remove drops the first "03" only, as upstream's code does. */
    cr_assert_str_eq(text, "{\n"
                           "  \"last_updated\": \"\",\n"
                           "  \"extra\": {\n"
                           "    \"a\": 1\n"
                           "  },\n"
                           "  \"completed_modules\": [\n"
                           "    \"01\",\n"
                           "    \"02\",\n"
                           "    \"03\"\n"
                           "  ],\n"
                           "  \"started_modules\": [\n"
                           "    \"03\"\n"
                           "  ],\n"
                           "  \"last_worked\": null,\n"
                           "  \"last_completed\": \"03\"\n"
                           "}");
}

Test(progress, save_stamps_local_isoformat_and_leaves_no_temp_files)
{
    tito_error err = TITO_ERROR_INIT;
    tito_progress *p = load();
    cr_assert_eq(tito_progress_save(p, &err), 0);
    const char *stamp = tito_json_get_string(tito_progress_json(p), "last_updated");
    cr_assert_not_null(stamp);
    size_t n = strlen(stamp);
    cr_assert(n == 19 || n == 26, "%s", stamp);
    cr_assert_eq(stamp[4], '-');
    cr_assert_eq(stamp[10], 'T');
    tito_progress_free(p);
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof(cmd), "test \"$(ls -A '%s')\" = progress.json", dir);
    cr_assert_eq(system(cmd), 0, "temporary file left behind");
}

Test(progress, isoformat_matches_python)
{
    char buf[40];
    setenv("TZ", "UTC", 1);
    tzset();
    tito_progress_isoformat(buf, sizeof(buf), 1764128352LL, 123456);
    cr_assert_str_eq(buf, "2025-11-26T03:39:12.123456");
    tito_progress_isoformat(buf, sizeof(buf), 1764128352LL, 42);
    cr_assert_str_eq(buf, "2025-11-26T03:39:12.000042");
    /* datetime.isoformat() drops the fraction when it is zero */
    tito_progress_isoformat(buf, sizeof(buf), 1764128352LL, 0);
    cr_assert_str_eq(buf, "2025-11-26T03:39:12");
}

Test(progress, save_into_missing_folder_fails_with_eio)
{
    tito_progress *p = NULL;
    tito_error err = TITO_ERROR_INIT;
    char bad[PATH_MAX + 64];
    snprintf(bad, sizeof(bad), "%s/nope/progress.json", dir);
    cr_assert_eq(tito_progress_load(&p, bad, &err), 0);
    cr_assert_eq(tito_progress_save(p, &err), TITO_EIO);
    cr_assert(strstr(err.message, "nope") != NULL, "%s", err.message);
    tito_progress_free(p);
}

Test(progress, load_course_uses_progress_json_in_course)
{
    tito_error err = TITO_ERROR_INIT;
    write_text("{\"completed_modules\": [\"01\"]}");
    tito_progress *p = NULL;
    cr_assert_eq(tito_progress_load_course(&p, dir, &err), 0);
    cr_assert_str_eq(tito_progress_path(p), path);
    cr_assert(tito_progress_is_completed(p, "01"));
    tito_progress_free(p);
}
