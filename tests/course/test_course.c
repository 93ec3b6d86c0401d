/* tito_course: module discovery, notebook choice, lib_name, lookup. Each test
 * builds a small course in a fresh temporary folder. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "course/course.h"

static char root[PATH_MAX];

static void setup(void)
{
    char tmpl[] = "/tmp/tito-course-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    cr_assert_not_null(realpath(tmpl, root));
}

static void teardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    cr_assert_eq(system(cmd), 0);
}

static void mkdirs(const char *rel)
{
    char path[2 * PATH_MAX], *p;
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    for (p = path + strlen(root) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    }
    mkdir(path, 0755);
}

static void touch(const char *rel, const char *content)
{
    char path[2 * PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot create %s", path);
    fputs(content, f);
    fclose(f);
}

static tito_course *open_ok(void)
{
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc = tito_course_open(&c, root, &err);
    cr_assert_eq(rc, 0, "open failed: %s", err.message);
    cr_assert_not_null(c);
    return c;
}

TestSuite(course, .init = setup, .fini = teardown);

Test(course, normalize_id_like_upstream)
{
    const char *cases[][2] = {{"1", "01"},       {"01", "01"}, {"7", "07"},   {"10", "10"},
                              {"001", "01"},     {"120", "120"}, {"0", "00"}, {"01_tensor", "01_tensor"},
                              {"tensor", "tensor"}, {"", ""},  {"1a", "1a"}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = tito_course_normalize_id(cases[i][0]);
        cr_assert_str_eq(got, cases[i][1], "normalize(%s)", cases[i][0]);
        free(got);
    }
}

Test(course, no_modules_dir_is_not_found)
{
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_course_open(&c, root, &err), TITO_ENOTFOUND);
    cr_assert_null(c);
    cr_assert(strstr(err.message, "modules/") != NULL, "%s", err.message);
}

Test(course, missing_dir_is_not_found)
{
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_course_open(&c, "/nonexistent/course", &err), TITO_ENOTFOUND);
    cr_assert_null(c);
}

Test(course, discovers_sorted_modules_and_files)
{
    mkdirs("modules/10_tokenization");
    mkdirs("modules/02_activations");
    mkdirs("modules/01_tensor");
    mkdirs("modules/.ipynb_checkpoints");
    mkdirs("modules/03_layers-checkpoint");
    mkdirs("modules/notes");
    mkdirs("tests/01_tensor");
    touch("modules/README.md", "not a module\n");
    touch("modules/01_tensor/01_tensor.ipynb", "{}");
    touch("modules/01_tensor/01_tensor_solution.py", "");
    touch("modules/02_activations/activations.ipynb", "{}"); /* upstream-style name */
    touch("modules/10_tokenization/mine.ipynb", "{}");         /* the single notebook */
    touch("modules/10_tokenization/mine-checkpoint.ipynb", "{}");

    tito_course *c = open_ok();
    cr_assert_eq(tito_course_nmodules(c), 3);
    const tito_module_info *m0 = tito_course_module_at(c, 0), *m1 = tito_course_module_at(c, 1),
                           *m2 = tito_course_module_at(c, 2);
    cr_assert_str_eq(m0->id, "01");
    cr_assert_str_eq(m0->name, "01_tensor");
    char want[PATH_MAX + 64];
    snprintf(want, sizeof(want), "%s/modules/01_tensor", root);
    cr_assert_str_eq(m0->dir, want);
    snprintf(want, sizeof(want), "%s/modules/01_tensor/01_tensor.ipynb", root);
    cr_assert_str_eq(m0->notebook, want);
    snprintf(want, sizeof(want), "%s/modules/01_tensor/01_tensor_solution.py", root);
    cr_assert_str_eq(m0->solution, want);
    snprintf(want, sizeof(want), "%s/tests/01_tensor", root);
    cr_assert_str_eq(m0->hidden_tests, want);

    cr_assert_str_eq(m1->id, "02");
    snprintf(want, sizeof(want), "%s/modules/02_activations/activations.ipynb", root);
    cr_assert_str_eq(m1->notebook, want);
    cr_assert_null(m1->solution);
    cr_assert_null(m1->hidden_tests);

    cr_assert_str_eq(m2->id, "10");
    snprintf(want, sizeof(want), "%s/modules/10_tokenization/mine.ipynb", root);
    cr_assert_str_eq(m2->notebook, want);
    cr_assert_null(tito_course_module_at(c, 3));
    tito_course_free(c);
}

Test(course, ambiguous_or_missing_notebook_is_null)
{
    mkdirs("modules/01_tensor");
    mkdirs("modules/02_activations");
    touch("modules/01_tensor/a.ipynb", "{}");
    touch("modules/01_tensor/b.ipynb", "{}");
    tito_course *c = open_ok();
    cr_assert_null(tito_course_module_at(c, 0)->notebook);
    cr_assert_null(tito_course_module_at(c, 1)->notebook);
    tito_course_free(c);
}

Test(course, preferred_name_wins_over_others)
{
    mkdirs("modules/01_tensor");
    touch("modules/01_tensor/tensor.ipynb", "{}");
    touch("modules/01_tensor/01_tensor.ipynb", "{}");
    touch("modules/01_tensor/scratch.ipynb", "{}");
    tito_course *c = open_ok();
    cr_assert(strstr(tito_course_module_at(c, 0)->notebook, "/01_tensor.ipynb") != NULL);
    tito_course_free(c);
}

Test(course, duplicate_numbers_are_rejected)
{
    mkdirs("modules/01_tensor");
    mkdirs("modules/1_other");
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_course_open(&c, root, &err), TITO_EINVALID);
    cr_assert_null(c);
    cr_assert(strstr(err.message, "01_tensor") && strstr(err.message, "1_other"), "%s", err.message);
}

Test(course, find_accepts_number_name_and_bare_name)
{
    mkdirs("modules/01_tensor");
    mkdirs("modules/02_activations");
    tito_course *c = open_ok();
    const char *hits[] = {"1", "01", "001", "01_tensor", "tensor"};
    for (size_t i = 0; i < sizeof(hits) / sizeof(hits[0]); i++) {
        const tito_module_info *m = tito_course_find(c, hits[i]);
        cr_assert_not_null(m, "find(%s)", hits[i]);
        cr_assert_str_eq(m->name, "01_tensor");
    }
    cr_assert_str_eq(tito_course_find(c, "2")->name, "02_activations");
    cr_assert_null(tito_course_find(c, "3"));
    cr_assert_null(tito_course_find(c, "03_layers"));
    cr_assert_null(tito_course_find(c, ""));
    cr_assert_null(tito_course_find(c, "tens"));
    tito_course_free(c);
}

Test(course, lib_name_from_settings_ini_default_section)
{
    mkdirs("modules/01_tensor");
    mkdirs("other/core");
    touch("settings.ini", "[DEFAULT]\n# nbdev\nrepo = X\nlib_name = mylib\nlib_path = mylib\n");
    tito_course *c = open_ok();
    cr_assert_str_eq(tito_course_lib_name(c), "mylib");
    char real[PATH_MAX];
    cr_assert_not_null(realpath(root, real));
    cr_assert_str_eq(tito_course_dir(c), real);
    tito_course_free(c);
}

Test(course, lib_name_in_other_section_is_ignored)
{
    mkdirs("modules/01_tensor");
    touch("settings.ini", "[tool]\nlib_name = nope\n");
    tito_course *c = open_ok();
    cr_assert_str_eq(tito_course_lib_name(c), "tinytorch");
    tito_course_free(c);
}

Test(course, lib_name_from_folder_holding_core)
{
    mkdirs("modules/01_tensor");
    mkdirs("minitorch/core");
    mkdirs("modules_extra");
    tito_course *c = open_ok();
    cr_assert_str_eq(tito_course_lib_name(c), "minitorch");
    tito_course_free(c);
}

Test(course, lib_name_defaults_to_tinytorch)
{
    mkdirs("modules/01_tensor");
    tito_course *c = open_ok();
    cr_assert_str_eq(tito_course_lib_name(c), "tinytorch");
    tito_course_free(c);
}

Test(course, bad_settings_ini_names_file_and_line)
{
    mkdirs("modules/01_tensor");
    touch("settings.ini", "[DEFAULT]\nlib_name = ok\nthis line has no equals sign\n");
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_course_open(&c, root, &err), TITO_EINVALID);
    cr_assert_null(c);
    cr_assert(strstr(err.message, "settings.ini: line 3") != NULL, "%s", err.message);
}

Test(course, lib_name_must_be_a_package_name)
{
    mkdirs("modules/01_tensor");
    touch("settings.ini", "[DEFAULT]\nlib_name = my-lib\n");
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_course_open(&c, root, &err), TITO_EINVALID);
    cr_assert(strstr(err.message, "my-lib") != NULL, "%s", err.message);
}

Test(course, sample_course_has_twenty_modules)
{
    const char *src = getenv("TITO_SOURCE_DIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s/examples/tinytorch", src ? src : "../..");
    tito_course *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_course_open(&c, dir, &err), 0, "%s", err.message);
    cr_assert_eq(tito_course_nmodules(c), 20);
    cr_assert_str_eq(tito_course_lib_name(c), "tinytorch");
    for (size_t i = 0; i < 20; i++) {
        const tito_module_info *m = tito_course_module_at(c, i);
        char id[4];
        snprintf(id, sizeof(id), "%02zu", i + 1);
        cr_assert_str_eq(m->id, id);
        cr_assert_not_null(m->notebook, "%s has no notebook", m->name);
        cr_assert_not_null(m->solution);
    }
    cr_assert_str_eq(tito_course_find(c, "20")->name, "20_capstone");
    tito_course_free(c);
}
