/* tito_limits_req: parsing and ranges, the layers (overlay/apply), the JSON
 * forms, COURSE/tito.ini with per-module sections, and the CLI flags. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limits/limits.h"

static char dir[] = "/tmp/tito_limits_XXXXXX";

static void course_ini(const char *text)
{
    char path[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/tito.ini", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void cleanup(void)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/tito.ini", dir);
    unlink(path);
    rmdir(dir);
}

TestSuite(limits, .fini = cleanup);

Test(limits, set_accepts_the_documented_ranges_only)
{
    tito_limits_req r = TITO_LIMITS_REQ_INIT;
    tito_error err = TITO_ERROR_INIT;
    cr_assert(tito_limits_req_empty(&r));
    cr_expect_eq(tito_limits_req_set(&r, "timeout_s", "1", &err), 0);
    cr_expect_eq(tito_limits_req_set(&r, "memory_mb", "32", &err), 0);
    cr_expect_eq(tito_limits_req_set(&r, "pids", "65536", &err), 0);
    cr_expect_eq(tito_limits_req_set(&r, "output_kb", "1048576", &err), 0);
    cr_expect_eq(tito_limits_req_set(&r, "disk_mb", "7", &err), 0);
    cr_expect_eq(r.timeout_s, 1);
    cr_expect_eq(r.memory_mb, 32);
    cr_expect_eq(r.pids, 65536);
    cr_expect_eq(r.output_kb, 1048576);
    cr_expect_eq(r.disk_mb, 7);
    cr_expect_not(tito_limits_req_empty(&r));

    static const char *const bad[][2] = {
        {"timeout_s", "0"},    {"timeout_s", "86401"}, {"memory_mb", "31"}, {"pids", "0"},
        {"pids", "65537"},     {"output_kb", ""},      {"disk_mb", "-1"},   {"disk_mb", " 5"},
        {"memory_mb", "1e3"},  {"memory_mb", "0x40"},  {"pids", "12abc"},   {"timeout_s", "99999999999999999999"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tito_limits_req before = r;
        cr_expect_eq(tito_limits_req_set(&r, bad[i][0], bad[i][1], &err), TITO_EINVALID, "%s = '%s'", bad[i][0],
                     bad[i][1]);
        cr_expect(strstr(err.message, bad[i][0]) && strstr(err.message, "must be a whole number of"), "%s",
                  err.message);
        cr_expect_eq(memcmp(&before, &r, sizeof(r)), 0, "a rejected value changes nothing");
    }
    tito_limits_req_set(&r, "memory_mb", "31", &err);
    cr_expect_str_eq(err.message, "memory_mb must be a whole number of MB from 32 to 1048576, not '31'");
    cr_expect_eq(tito_limits_req_set(&r, "cpu_s", "5", &err), TITO_EINVALID);
    cr_expect_str_eq(err.message,
                     "unknown limit 'cpu_s' (known: timeout_s, memory_mb, pids, output_kb, disk_mb)");
}

Test(limits, overlay_and_apply_stack_the_layers)
{
    tito_limits l = TITO_LIMITS_DEFAULT;
    const tito_limits defaults = TITO_LIMITS_DEFAULT;
    tito_limits_req worker = TITO_LIMITS_REQ_INIT, course = TITO_LIMITS_REQ_INIT, flags = TITO_LIMITS_REQ_INIT;
    worker.memory_mb = 1024;
    worker.pids = 100;
    course.pids = 50;
    course.timeout_s = 30;
    flags.timeout_s = 5;

    tito_limits_req job = course;
    tito_limits_req_overlay(&job, &flags);
    cr_expect_eq(job.timeout_s, 5, "flags win over the course");
    cr_expect_eq(job.pids, 50);
    cr_expect_eq(job.memory_mb, -1, "unset stays unset for the worker to fill");

    tito_limits_apply(&l, &worker);
    tito_limits_apply(&l, &job);
    cr_expect_eq(l.timeout_ms, 5000);
    cr_expect_eq(l.cpu_ms, 5000 * sysconf(_SC_NPROCESSORS_ONLN), "CPU time: the timeout on every CPU");
    cr_expect_eq(l.memory_bytes, (int64_t)1024 << 20, "the worker's default where the job asks nothing");
    cr_expect_eq(l.pids, 50);
    cr_expect_eq(l.output_bytes, defaults.output_bytes);
    cr_expect_eq(l.disk_bytes, defaults.disk_bytes);
    cr_expect_eq(l.open_files, defaults.open_files);
}

Test(limits, json_round_trip_and_errors)
{
    tito_limits_req r = TITO_LIMITS_REQ_INIT, back = TITO_LIMITS_REQ_INIT;
    tito_error err = TITO_ERROR_INIT;
    tito_json *j = tito_limits_req_to_json(&r);
    tito_buf b = TITO_BUF_INIT;
    cr_assert_not_null(j);
    tito_json_write(&b, j, 0);
    cr_expect_str_eq(tito_buf_cstr(&b), "{}", "nothing set, nothing sent");
    tito_json_free(j);
    tito_buf_dispose(&b);

    r.memory_mb = 300;
    r.disk_mb = 10;
    j = tito_limits_req_to_json(&r);
    tito_json_write(&b, j, 0);
    cr_expect_str_eq(tito_buf_cstr(&b), "{\"memory_mb\":300,\"disk_mb\":10}");
    cr_expect_eq(tito_limits_req_from_json(&back, j, &err), 0, "%s", err.message);
    cr_expect_eq(memcmp(&back, &r, sizeof(r)), 0);
    tito_json_free(j);
    tito_buf_dispose(&b);

    static const char *const bad[][2] = {
        {"{\"pids\":1.5}", "pids must be a whole number of processes from 1 to 65536, not a JSON number"},
        {"{\"pids\":true}", "not a JSON boolean"},
        {"{\"disk_mb\":0}", "disk_mb must be a whole number of MB from 1 to 1048576, not '0'"},
        {"{\"disk_mb\":123456789012345678901234567890}", "not '123456789012345678901234567890'"},
        {"[]", "limits must be an object, not array"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tito_limits_req x = TITO_LIMITS_REQ_INIT;
        cr_assert_eq(tito_json_parse(&j, bad[i][0], strlen(bad[i][0]), &err), 0);
        cr_expect_eq(tito_limits_req_from_json(&x, j, &err), TITO_EINVALID, "%s", bad[i][0]);
        cr_expect(strstr(err.message, bad[i][1]) != NULL, "%s: %s", bad[i][0], err.message);
        tito_json_free(j);
    }
}

Test(limits, recorded_form_and_description)
{
    tito_limits l = TITO_LIMITS_DEFAULT;
    tito_json *j = tito_limits_to_json(&l);
    tito_buf b = TITO_BUF_INIT;
    tito_json_write(&b, j, 0);
    cr_expect_str_eq(tito_buf_cstr(&b), "{\"timeout_s\":600,\"cpu_s\":600,\"memory_mb\":2048,\"pids\":256,"
                                        "\"output_kb\":1024,\"disk_mb\":256}");
    tito_json_free(j);
    tito_buf_dispose(&b);
    char line[256];
    tito_limits_describe(line, sizeof(line), &l);
    cr_expect_str_eq(line, "time 600 s, memory 2048 MB, 256 processes, output 1024 KB per stream, disk 256 MB");
    l.timeout_ms = 0;
    l.memory_bytes = 0;
    l.pids = 0;
    l.disk_bytes = 0;
    tito_limits_describe(line, sizeof(line), &l);
    cr_expect_str_eq(line, "time none, memory none, no limit on processes, output 1024 KB per stream, disk none");
}

Test(limits, course_file_with_module_sections)
{
    course_ini("# a course's own limits\n"
               "[project]\nanything = goes\n"
               "[limits]\ntimeout_s = 120\nmemory_mb = 1024\n"
               "[limits.07_training]\ntimeout_s = 900\n"
               "[limits.7]\npids = 32\n"
               "[limits.training]\ndisk_mb = 64\n"
               "[limits.08]\nmemory_mb = 4096\n");
    tito_error err = TITO_ERROR_INIT;
    tito_limits_req r = TITO_LIMITS_REQ_INIT;
    r.output_kb = 10; /* from a lower layer: kept */
    r.timeout_s = 5;  /* overridden by the course */
    cr_assert_eq(tito_limits_load_course(&r, dir, "07_training", &err), 0, "%s", err.message);
    cr_expect_eq(r.timeout_s, 900, "the folder name section wins over [limits]");
    cr_expect_eq(r.pids, 32, "a number names the module");
    cr_expect_eq(r.disk_mb, 64, "so does the bare name");
    cr_expect_eq(r.memory_mb, 1024, "[limits.08] is another module's");
    cr_expect_eq(r.output_kb, 10);

    tito_limits_req other = TITO_LIMITS_REQ_INIT;
    cr_assert_eq(tito_limits_load_course(&other, dir, "08_rest", &err), 0, "%s", err.message);
    cr_expect_eq(other.memory_mb, 4096, "08 names 08_rest");
    cr_expect_eq(other.timeout_s, 120);
    cr_expect_eq(other.pids, -1);

    tito_limits_req base = TITO_LIMITS_REQ_INIT;
    cr_assert_eq(tito_limits_load_course(&base, dir, NULL, &err), 0, "%s", err.message);
    cr_expect_eq(base.timeout_s, 120, "no module: [limits] only");
    cr_expect_eq(base.memory_mb, 1024);
    cr_expect_eq(base.disk_mb, -1);
    cr_expect_eq(base.pids, -1);

    cr_expect(tito_limits_is_module_section("limits.01"));
    cr_expect_not(tito_limits_is_module_section("limits."));
    cr_expect_not(tito_limits_is_module_section("limitsX"));
}

Test(limits, course_file_loaded_once_serves_every_module)
{
    course_ini("[limits]\npids = 10\n[limits.01]\npids = 11\n[limits.02_b]\npids = 12\n"
               "[limits.01_a]\ndisk_mb = 5\n[limits.01]\ndisk_mb = 6\n");
    tito_error err = TITO_ERROR_INIT;
    tito_limits_course *lc = NULL;
    cr_assert_eq(tito_limits_course_load(&lc, dir, &err), 0, "%s", err.message);
    static const char *const mods[] = {"01_a", "02_b", "03_c", NULL};
    for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
        tito_limits_req once = TITO_LIMITS_REQ_INIT, each = TITO_LIMITS_REQ_INIT;
        tito_limits_course_apply(lc, mods[i], &once);
        cr_assert_eq(tito_limits_load_course(&each, dir, mods[i], &err), 0, "%s", err.message);
        cr_expect_eq(memcmp(&once, &each, sizeof(once)), 0, "%s", mods[i] ? mods[i] : "(run)");
    }
    tito_limits_req a = TITO_LIMITS_REQ_INIT;
    tito_limits_course_apply(lc, "01_a", &a);
    cr_expect_eq(a.pids, 11);
    cr_expect_eq(a.disk_mb, 6, "sections naming the module apply in file order: the later header wins");
    tito_limits_course_free(lc);
}

Test(limits, course_file_errors_name_the_file_and_section)
{
    course_ini("[limits]\ntimeout_s = 60\n[limits.99_never_graded]\nmemory_mb = lots\n");
    tito_error err = TITO_ERROR_INIT;
    tito_limits_req r = TITO_LIMITS_REQ_INIT;
    cr_expect_eq(tito_limits_load_course(&r, dir, "01_tensor", &err), TITO_EINVALID);
    char want[512];
    snprintf(want, sizeof(want),
             "%s/tito.ini: [limits.99_never_graded]: memory_mb must be a whole number of MB from 32 to 1048576, "
             "not 'lots'",
             dir);
    cr_expect_str_eq(err.message, want, "a typo in another module's section is reported now, not later");
    cr_expect_eq(r.timeout_s, -1, "nothing is applied from a bad file");
}

Test(limits, course_file_syntax_error_and_missing_file)
{
    tito_error err = TITO_ERROR_INIT;
    tito_limits_req r = TITO_LIMITS_REQ_INIT;
    cr_expect_eq(tito_limits_load_course(&r, "/nonexistent-course", "01_x", &err), 0, "no tito.ini: no limits");
    cr_expect(tito_limits_req_empty(&r));
    course_ini("[limits]\ntimeout_s = 60\nthis line is not ini\n");
    cr_expect_eq(tito_limits_load_course(&r, dir, "01_x", &err), TITO_EINVALID);
    cr_expect(strstr(err.message, "tito.ini: line 3: syntax error") != NULL, "%s", err.message);
}

Test(limits, flags)
{
    char *argv[] = {"tito", "--timeout", "30", "--memory=512", "--course", "x", "--pids", "--disk", "9", NULL};
    int argc = 9, i;
    tito_limits_req r = TITO_LIMITS_REQ_INIT;
    tito_error err = TITO_ERROR_INIT;

    i = 1;
    cr_expect_eq(tito_limits_flag(&r, argc, argv, &i, &err), 1);
    cr_expect_eq(i, 2, "the value was consumed");
    cr_expect_eq(r.timeout_s, 30);
    i = 3;
    cr_expect_eq(tito_limits_flag(&r, argc, argv, &i, &err), 1);
    cr_expect_eq(i, 3);
    cr_expect_eq(r.memory_mb, 512);
    i = 4;
    cr_expect_eq(tito_limits_flag(&r, argc, argv, &i, &err), 0, "--course is not a limit flag");
    cr_expect_eq(i, 4);
    i = 6;
    cr_expect_eq(tito_limits_flag(&r, argc, argv, &i, &err), TITO_EINVALID);
    cr_expect_str_eq(err.message, "--pids takes a whole number of processes from 1 to 65536, not '--disk'");
    char *last[] = {"tito", "--output", NULL};
    i = 1;
    cr_expect_eq(tito_limits_flag(&r, 2, last, &i, &err), TITO_EINVALID);
    cr_expect_str_eq(err.message, "--output takes a whole number of KB from 1 to 1048576, but none was given");
    char *prefix[] = {"tito", "--timeouts", "5", NULL};
    i = 1;
    cr_expect_eq(tito_limits_flag(&r, 3, prefix, &i, &err), 0, "only whole flag names match");
}
