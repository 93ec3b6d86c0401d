/* tito_grade_discover: the submission layouts, student ids, missing and
 * ambiguous submissions, the notes on what was skipped. Each test builds a
 * small submissions folder in a fresh temporary folder. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grade/discover.h"

static char root[PATH_MAX];
static const char *const mods[] = {"01_tensor", "02_activations", "03_layers"};

static void setup(void)
{
    char tmpl[] = "/tmp/tito-discover-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    cr_assert_not_null(realpath(tmpl, root));
}

static void teardown(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    cr_assert_eq(system(cmd), 0);
}

/* Creates root/rel and its parents; a name ending in .ipynb or .txt is a file. */
static void touch(const char *rel)
{
    char path[2 * PATH_MAX], *p;
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    for (p = path + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    size_t n = strlen(path);
    if ((n > 6 && !strcmp(path + n - 6, ".ipynb")) || (n > 4 && !strcmp(path + n - 4, ".txt"))) {
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f);
        fputs("{}", f);
        fclose(f);
    } else {
        mkdir(path, 0755);
    }
}

static tito_grade_cohort *discover(void)
{
    tito_grade_cohort *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_grade_discover(&c, root, mods, 3, &err), 0, "%s", err.message);
    return c;
}

/* The cell's path relative to root, or its state. */
static const char *cell(const tito_grade_cohort *c, size_t s, size_t m)
{
    const tito_grade_cell *k = &c->students[s].cells[m];
    if (k->found == TITO_GRADE_MISSING)
        return "missing";
    if (k->found == TITO_GRADE_AMBIGUOUS)
        return "ambiguous";
    return k->path + strlen(root) + 1;
}

static int has_note(const tito_grade_cohort *c, const char *needle)
{
    for (size_t i = 0; i < c->nnotes; i++)
        if (strstr(c->notes[i], needle))
            return 1;
    return 0;
}

Test(discover, student_ids)
{
    cr_assert(tito_grade_student_id_ok("alice"));
    cr_assert(tito_grade_student_id_ok("a.b-c_d"));
    cr_assert(tito_grade_student_id_ok("0xA"));
    cr_assert_not(tito_grade_student_id_ok(""));
    cr_assert_not(tito_grade_student_id_ok("-rf"));
    cr_assert_not(tito_grade_student_id_ok(".hidden"));
    cr_assert_not(tito_grade_student_id_ok("bob smith"));
    cr_assert_not(tito_grade_student_id_ok("caf\xc3\xa9"));
    cr_assert_not(tito_grade_student_id_ok("a,b"));
    cr_assert_not(tito_grade_student_id_ok("a'b"));
    char longid[66];
    memset(longid, 'x', 65);
    longid[65] = '\0';
    cr_assert_not(tito_grade_student_id_ok(longid));
    longid[64] = '\0';
    cr_assert(tito_grade_student_id_ok(longid));
}

Test(discover, layouts, .init = setup, .fini = teardown)
{
    touch("alice/modules/01_tensor/01_tensor.ipynb"); /* a copy of the course */
    touch("alice/modules/02_activations/02_activations.ipynb");
    touch("alice/settings.ini.txt");
    touch("bob/01_tensor/whatever.ipynb");             /* the folder's only notebook */
    touch("bob/02_activations.ipynb");                 /* flat */
    touch("bob/layers.ipynb");                         /* bare name */
    touch("carol/03_layers/03_layers.ipynb");          /* named wins over others */
    touch("carol/03_layers/scratch.ipynb");
    touch("carol/02_activations/activations.ipynb");   /* bare name in a folder */
    tito_grade_cohort *c = discover();
    cr_assert_eq(c->nstudents, 3);
    cr_assert_str_eq(c->students[0].id, "alice");
    cr_assert_str_eq(c->students[1].id, "bob");
    cr_assert_str_eq(c->students[2].id, "carol");
    cr_assert_str_eq(cell(c, 0, 0), "alice/modules/01_tensor/01_tensor.ipynb");
    cr_assert_str_eq(cell(c, 0, 1), "alice/modules/02_activations/02_activations.ipynb");
    cr_assert_str_eq(cell(c, 0, 2), "missing");
    cr_assert_str_eq(cell(c, 1, 0), "bob/01_tensor/whatever.ipynb");
    cr_assert_str_eq(cell(c, 1, 1), "bob/02_activations.ipynb");
    cr_assert_str_eq(cell(c, 1, 2), "bob/layers.ipynb");
    cr_assert_str_eq(cell(c, 2, 0), "missing");
    cr_assert_str_eq(cell(c, 2, 1), "carol/02_activations/activations.ipynb");
    cr_assert_str_eq(cell(c, 2, 2), "carol/03_layers/03_layers.ipynb");
    cr_assert_eq(c->nnotes, 0, "unexpected note: %s", c->nnotes ? c->notes[0] : "");
    tito_grade_cohort_free(c);
}

Test(discover, ambiguous, .init = setup, .fini = teardown)
{
    touch("dan/01_tensor.ipynb"); /* two layouts */
    touch("dan/01_tensor/01_tensor.ipynb");
    touch("dan/02_activations/a.ipynb"); /* two notebooks, none named for the module */
    touch("dan/02_activations/b.ipynb");
    touch("dan/03_layers.ipynb"); /* flat and bare */
    touch("dan/layers.ipynb");
    tito_grade_cohort *c = discover();
    cr_assert_eq(c->nstudents, 1);
    for (size_t m = 0; m < 3; m++)
        cr_assert_str_eq(cell(c, 0, m), "ambiguous", "module %zu", m);
    const tito_grade_cell *k = c->students[0].cells;
    cr_assert(strstr(k[0].note, "dan/01_tensor.ipynb") && strstr(k[0].note, "dan/01_tensor/01_tensor.ipynb"),
              "%s", k[0].note);
    cr_assert(strstr(k[1].note, "a.ipynb, b.ipynb") && strstr(k[1].note, "02_activations.ipynb"), "%s", k[1].note);
    cr_assert(strstr(k[2].note, "dan/03_layers.ipynb") && strstr(k[2].note, "dan/layers.ipynb"), "%s", k[2].note);
    tito_grade_cohort_free(c);
}

Test(discover, skipped_and_strays, .init = setup, .fini = teardown)
{
    touch("bob smith/01_tensor.ipynb");
    touch("-rf/01_tensor.ipynb");
    touch("notes.txt");    /* a README beside the students: silently not a student */
    touch("01_tensor.ipynb");
    touch(".git/01_tensor.ipynb"); /* hidden: silently not a student */
    touch("eve/tensorr.ipynb");    /* a typo: names no module */
    touch("eve/01_tensor/.ipynb_checkpoints/01_tensor-checkpoint.ipynb");
    touch("eve/empty/x.txt");
    tito_grade_cohort *c = discover();
    cr_assert_eq(c->nstudents, 1);
    cr_assert_str_eq(c->students[0].id, "eve");
    cr_assert_str_eq(cell(c, 0, 0), "missing"); /* checkpoints are not submissions */
    cr_assert(has_note(c, "skipped 'bob smith'"));
    cr_assert(has_note(c, "skipped '-rf'"));
    cr_assert(has_note(c, "skipped '01_tensor.ipynb': a notebook outside any student folder"));
    cr_assert_not(has_note(c, "notes.txt"));
    cr_assert(has_note(c, "eve/tensorr.ipynb: names no module"));
    cr_assert_not(has_note(c, ".git"));
    cr_assert_eq(c->nnotes, 4);
    tito_grade_cohort_free(c);
}

Test(discover, shared_bare_name, .init = setup, .fini = teardown)
{
    static const char *const twins[] = {"01_tensor", "05_tensor"};
    touch("fay/tensor.ipynb");
    tito_grade_cohort *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_grade_discover(&c, root, twins, 2, &err), 0);
    cr_assert_eq(c->students[0].cells[0].found, TITO_GRADE_MISSING);
    cr_assert_eq(c->students[0].cells[1].found, TITO_GRADE_MISSING);
    cr_assert(has_note(c, "fay/tensor.ipynb: 'tensor' names 2 modules"));
    tito_grade_cohort_free(c);
}

Test(discover, symlinks_not_followed, .init = setup, .fini = teardown)
{
    char target[PATH_MAX + 64], link[PATH_MAX + 64];
    touch("gus/02_activations/02_activations.ipynb");
    touch("hal/x.txt");
    snprintf(target, sizeof(target), "%s/gus/02_activations/02_activations.ipynb", root);
    snprintf(link, sizeof(link), "%s/hal/02_activations.ipynb", root);
    cr_assert_eq(symlink(target, link), 0);
    snprintf(link, sizeof(link), "%s/hal/03_layers", root);
    cr_assert_eq(mkdir(link, 0755), 0);
    snprintf(link, sizeof(link), "%s/hal/03_layers/03_layers.ipynb", root);
    cr_assert_eq(symlink(target, link), 0);
    tito_grade_cohort *c = discover();
    cr_assert_eq(c->nstudents, 2);
    cr_assert_str_eq(cell(c, 1, 1), "missing");
    cr_assert_str_eq(c->students[1].cells[1].note,
                     "hal/02_activations.ipynb is a symbolic link: not followed (hand in the file itself)");
    cr_assert_str_eq(cell(c, 1, 2), "missing");
    tito_grade_cohort_free(c);
}

Test(discover, not_a_folder, .init = setup, .fini = teardown)
{
    char path[PATH_MAX + 16];
    tito_grade_cohort *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    snprintf(path, sizeof(path), "%s/nothing", root);
    cr_assert_eq(tito_grade_discover(&c, path, mods, 3, &err), TITO_ENOTFOUND);
    cr_assert_null(c);
    cr_assert(strstr(err.message, "one folder per student"));
}

Test(discover, empty, .init = setup, .fini = teardown)
{
    tito_grade_cohort *c = discover();
    cr_assert_eq(c->nstudents, 0);
    tito_grade_cohort_free(c);
}
