/* `tito grade SUBMISSIONS [FROM [TO]]`: grade a cohort (students x modules)
 * through the queue. One `complete` job per (student, module) with a
 * submission: the student's notebook is a content-addressed artifact the
 * worker puts in place of the course's; earlier modules come from the
 * reference package (every module's own notebook exported), so a student's
 * broken module 03 does not sink their 04. The course is never written to.
 *
 * The run machinery (bundles, enqueue rows-then-XADD, local workers,
 * following, cancel) is tito batch's: batch_run.h. Discovery and the
 * gradebook views are shared/grade/. */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_run.h"
#include "cmd_data.h"
#include "commands.h"
#include "grade/book.h"
#include "grade/discover.h"
#include "util/buf.h"
#include "util/fs.h"

typedef struct grade_opts {
    tito_run_flags f;       /* the flags tito batch has too */
    const char *submissions, *from, *to;
    const char *gradebook;
    int csv;
} grade_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tito grade SUBMISSIONS [FROM [TO]] [--course DIR] [--workers N]\n"
            "                  [--json | --csv] [--gradebook FILE] [--sandbox | --no-sandbox]\n"
            "                  [--timeout S] [--memory MB] [--pids N] [--output KB] [--disk MB]\n"
            "                  [--max-attempts N] [--queue NAME]\n"
            "                  [--redis URL] [--db URL] [--state-dir DIR] [--quiet]\n"
            "\n"
            "Grades a cohort: every student's notebooks for modules FROM..TO of the course (default:\n"
            "all) as one job per (student, module) through Redis and PostgreSQL, and prints a\n"
            "gradebook (a row per student, a column per module, a total). Each module is graded\n"
            "against the reference solutions of the earlier ones (every module's own notebook\n"
            "exported), so one broken module does not sink the next. The course is not modified.\n"
            "\n"
            "SUBMISSIONS holds one folder per student; the folder name is the student id (1 to 64\n"
            "letters, digits, '.', '_', '-'; other folders are skipped, and said so). A student's\n"
            "notebook for module NN_name is at one of\n"
            "    STUDENT/modules/NN_name/*.ipynb     (a copy of the course)\n"
            "    STUDENT/NN_name/*.ipynb\n"
            "    STUDENT/NN_name.ipynb\n"
            "    STUDENT/name.ipynb                  (when no other module is called name)\n"
            "where in a folder NN_name.ipynb (else name.ipynb, else the only notebook) counts. No\n"
            "notebook: `missing` (no job). Two places, or several notebooks in a folder and none\n"
            "named for the module: `ambiguous` (no job; the message says what to rename). A\n"
            "symbolic link is not followed. A malformed notebook is graded `error`, the student's\n"
            "result.\n"
            "\n"
            "  --course DIR      the course (default: the current folder or the nearest parent\n"
            "                    holding modules/)\n"
            "  --workers N       local tito-worker processes (default: [workers] count, else 2;\n"
            "                    with TITO_REDIS_URL/TITO_DATABASE_URL configured, none unless\n"
            "                    given: remote workers do the work)\n"
            "  --json            the gradebook as JSON on stdout\n"
            "  --csv             the gradebook as CSV on stdout, one row per student x module:\n"
            "                    student,module,status,tests_passed,tests_total,points,max_points,\n"
            "                    job_id,message\n"
            "  --gradebook FILE  also write that CSV to FILE (atomically: replaced whole or not at all)\n"
            "  --sandbox         require the sandbox; --no-sandbox: never (default: if available)\n"
            "  --timeout S, --memory MB, --pids N, --output KB, --disk MB\n"
            "                    limits of each job, over COURSE/tito.ini [limits.NN_name] and\n"
            "                    [limits], over ./tito.ini [limits] (as for tito batch)\n"
            "  --max-attempts N  deliveries before a job is dead-lettered (spawned workers; default 3)\n"
            "  --quiet, -q       no progress output\n"
            "\n"
            "Cells: points (when the course's tests carry points), else tests passed/total for\n"
            "passed and failed modules, else the status (error, timeout, missing, ...). Total: the\n"
            "points, else the modules passed. Results stay queryable: `tito results --run last\n"
            "[--student S]`, `tito logs JOB`.\n"
            "Exit status: 0 every submission got a result (failing students are grades, not\n"
            "errors), 1 some job could not be graded (dead, infra_error, cancelled) or the\n"
            "gradebook file could not be written, 2 usage or bad input (no such folder, no student,\n"
            "bad range or limit), 3 services or environment, 130 interrupted (the run is cancelled).\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    return tito_run_usage_error("grade", fmt, arg);
}

static int parse_args(grade_opts *o, int argc, char **argv, int *done)
{
    memset(o, 0, sizeof(*o));
    tito_run_flags_init(&o->f);
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int f = tito_run_flag(&o->f, "grade", argc, argv, &i);
        if (f > 1)
            return f; /* a usage error, said */
        if (f)
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            *done = 1;
            return 0;
        } else if (!strcmp(a, "--csv")) {
            o->csv = 1;
        } else if (!strcmp(a, "--gradebook")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            o->gradebook = argv[++i];
        } else if (a[0] != '-' && !o->submissions) {
            o->submissions = a;
        } else if (a[0] != '-' && !o->from) {
            o->from = a;
        } else if (a[0] != '-' && !o->to) {
            o->to = a;
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    if (!o->submissions)
        return usage_error("%s", "SUBMISSIONS is required: a folder with one folder per student");
    if (o->f.json && o->csv)
        return usage_error("%s", "--json and --csv are exclusive");
    return 0;
}

/* The graded modules: FROM..TO of the course. */
typedef struct grade_plan {
    tito_course *course;
    char *course_dir;
    char *subs_dir;
    const char **all;            /* every module's name, for discovery */
    size_t nall;
    size_t *mods;                /* indexes into the course of FROM..TO */
    size_t nmods;
    tito_grade_cohort *cohort;
} grade_plan;

static void plan_dispose(grade_plan *p)
{
    tito_grade_cohort_free(p->cohort);
    tito_course_free(p->course);
    free(p->course_dir);
    free(p->subs_dir);
    free(p->all);
    free(p->mods);
}

/* Opens the course, picks FROM..TO and discovers the cohort; prints what
 * was skipped. Returns an exit status (0 ok). */
static int make_plan(grade_plan *p, const grade_opts *o)
{
    tito_error err = TITO_ERROR_INIT;
    int rc;
    if ((rc = tito_run_open_course(&p->course, &p->course_dir, &p->mods, &p->nmods, "grade", o->f.course, o->from,
                                   o->to)) != 0)
        return rc;
    p->nall = tito_course_nmodules(p->course);
    if (!(p->all = calloc(p->nall ? p->nall : 1, sizeof(*p->all))))
        goto oom;
    for (size_t i = 0; i < p->nall; i++)
        p->all[i] = tito_course_module_at(p->course, i)->name;
    if (!(p->subs_dir = tito_fs_abspath(o->submissions)))
        goto oom;
    if ((rc = tito_grade_discover(&p->cohort, p->subs_dir, p->all, p->nall, &err)) < 0) {
        fprintf(stderr, "tito grade: %s\n", err.message);
        return tito_cli__exit_for(rc);
    }
    for (size_t i = 0; i < p->cohort->nnotes; i++)
        fprintf(stderr, "tito grade: %s\n", p->cohort->notes[i]);
    if (!p->cohort->nstudents) {
        fprintf(stderr, "tito grade: no student folder in %s (SUBMISSIONS holds one folder per student)\n",
                p->subs_dir);
        return TITO_EXIT_USAGE;
    }
    for (size_t s = 0; s < p->cohort->nstudents; s++)
        for (size_t k = 0; k < p->nmods; k++) {
            const tito_grade_cell *c = &p->cohort->students[s].cells[p->mods[k]];
            if (c->found == TITO_GRADE_AMBIGUOUS)
                fprintf(stderr, "tito grade: %s: ambiguous, not graded: %s\n", p->cohort->students[s].id, c->note);
            else if (c->found == TITO_GRADE_MISSING && c->note)
                fprintf(stderr, "tito grade: %s: missing: %s\n", p->cohort->students[s].id, c->note);
        }
    return 0;
oom:
    fprintf(stderr, "tito grade: out of memory\n");
    return TITO_EXIT_ENV;
}

/* The run's params: {"course", "submissions", "students", "modules", "jobs",
 * "workers", "sandboxed", "limits"}. NULL when out of memory. */
static char *run_params(const grade_plan *p, size_t njobs, const tito_run *r, const tito_limits_req *limits)
{
    tito_buf b = {0};
    tito_json *o = tito_json_new_object(), *mods = tito_json_new_array();
    int failed = !o || !mods;
    for (size_t k = 0; !failed && k < p->nmods; k++)
        failed |= tito_json_array_append(mods, tito_json_new_string(p->all[p->mods[k]])) < 0;
    if (!failed) {
        failed |= tito_json_object_set(o, "course", tito_json_new_string(p->course_dir)) < 0;
        failed |= tito_json_object_set(o, "submissions", tito_json_new_string(p->subs_dir)) < 0;
        failed |= tito_json_object_set(o, "students", tito_json_new_int((int64_t)p->cohort->nstudents)) < 0;
        failed |= tito_json_object_set(o, "modules", mods) < 0;
        mods = NULL;
        failed |= tito_json_object_set(o, "jobs", tito_json_new_int((int64_t)njobs)) < 0;
        failed |= tito_json_object_set(o, "deps", tito_json_new_string("solution")) < 0;
        failed |= tito_json_object_set(o, "workers", tito_json_new_int(r->nworkers)) < 0;
        failed |= tito_json_object_set(o, "sandboxed", tito_json_new_bool(r->sandbox)) < 0;
        failed |= tito_json_object_set(o, "limits", tito_limits_req_to_json(limits)) < 0;
    }
    if (!failed)
        failed |= tito_json_write(&b, o, 0) < 0 || b.failed;
    tito_json_free(mods);
    tito_json_free(o);
    if (failed) {
        tito_buf_dispose(&b);
        return NULL;
    }
    return b.ptr;
}

/* One job per (student, module) with a submission, in (student, module)
 * order: jobs[k].student and .m set, paths[k] its notebook (borrowed). */
static int make_jobs(tito_run_job **out, const char ***paths, size_t *out_n, const grade_plan *p)
{
    size_t n = 0;
    for (size_t s = 0; s < p->cohort->nstudents; s++)
        for (size_t k = 0; k < p->nmods; k++)
            n += p->cohort->students[s].cells[p->mods[k]].found == TITO_GRADE_FOUND;
    tito_run_job *jobs = calloc(n ? n : 1, sizeof(*jobs));
    const char **ps = calloc(n ? n : 1, sizeof(*ps));
    if (!jobs || !ps) {
        free(jobs);
        free(ps);
        return TITO_ENOMEM;
    }
    n = 0;
    for (size_t s = 0; s < p->cohort->nstudents; s++)
        for (size_t k = 0; k < p->nmods; k++) {
            const tito_grade_cell *c = &p->cohort->students[s].cells[p->mods[k]];
            if (c->found != TITO_GRADE_FOUND)
                continue;
            jobs[n].student = p->cohort->students[s].id;
            jobs[n].m = tito_course_module_at(p->course, p->mods[k]);
            ps[n++] = c->path;
        }
    *out = jobs;
    *paths = ps;
    *out_n = n;
    return 0;
}

/* Uploads each submission (content-addressed: identical notebooks are
 * stored once) and enqueues every job: rows first, then XADD. */
static int enqueue_grade(tito_run *r, tito_run_job *jobs, const char *const *paths, size_t n,
                         const char *course_sha, const char *deps_sha, tito_error *err)
{
    int rc = 0;
    char(*subs)[65] = calloc(n ? n : 1, sizeof(*subs));
    if (!subs)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *data = NULL;
        size_t len = 0;
        if ((rc = tito_fs_read_file(&data, &len, paths[i], err)) < 0) {
            tito_error_prefix(err, "%s's submission", jobs[i].student);
            break;
        }
        rc = tito_store_artifact_put(r->st, subs[i], data, len, err);
        free(data);
    }
    if (rc == 0)
        rc = tito_run_enqueue_jobs(r, jobs, NULL, n, TITO_JOB_KIND_COMPLETE, subs, course_sha, deps_sha, err);
    free(subs);
    return rc;
}

/* The gradebook view over the cohort and the jobs; every string borrowed. */
typedef struct book_view {
    tito_grade_book book;
    const char **students, **modules;
    tito_grade_mark *marks;
} book_view;

static int make_book(book_view *v, const grade_plan *p, const tito_run_job *jobs, size_t n)
{
    size_t ns = p->cohort->nstudents, nm = p->nmods, j = 0;
    v->students = calloc(ns, sizeof(*v->students));
    v->modules = calloc(nm, sizeof(*v->modules));
    v->marks = calloc(ns * nm, sizeof(*v->marks));
    if (!v->students || !v->modules || !v->marks)
        return TITO_ENOMEM;
    for (size_t k = 0; k < nm; k++)
        v->modules[k] = p->all[p->mods[k]];
    for (size_t s = 0; s < ns; s++) {
        v->students[s] = p->cohort->students[s].id;
        for (size_t k = 0; k < nm; k++) {
            const tito_grade_cell *c = &p->cohort->students[s].cells[p->mods[k]];
            tito_grade_mark *mk = &v->marks[s * nm + k];
            if (c->found == TITO_GRADE_MISSING) {
                mk->status = "missing";
                mk->message = c->note ? c->note : "no notebook submitted";
            } else if (c->found == TITO_GRADE_AMBIGUOUS) {
                mk->status = "ambiguous";
                mk->message = c->note;
            } else if (j < n) {
                const tito_run_job *jb = &jobs[j++];
                mk->status = jb->status;
                mk->tests_passed = jb->tests_passed;
                mk->tests_total = jb->tests_total;
                mk->points = jb->points;
                mk->max_points = jb->max_points;
                mk->job_id = jb->id;
                mk->message = jb->error;
            }
        }
    }
    v->book.nstudents = ns;
    v->book.nmodules = nm;
    v->book.students = v->students;
    v->book.modules = v->modules;
    v->book.marks = v->marks;
    return 0;
}

static void book_dispose(book_view *v)
{
    free(v->students);
    free(v->modules);
    free(v->marks);
}

/* Prints the gradebook (table, CSV or JSON) and writes --gradebook FILE.
 * Returns 0, or 1 when the file could not be written. */
static int report(const grade_opts *o, const tito_run *r, const grade_plan *p, const book_view *v, double elapsed,
                  size_t njobs)
{
    int bad = 0;
    tito_buf csv = {0};
    if ((o->csv || o->gradebook) && tito_grade_book_csv(&csv, &v->book) < 0) {
        fprintf(stderr, "tito grade: out of memory\n");
        tito_buf_dispose(&csv);
        return 1;
    }
    if (o->gradebook) {
        tito_error err = TITO_ERROR_INIT;
        if (tito_fs_write_atomic(o->gradebook, csv.ptr, csv.len, &err) < 0) {
            fprintf(stderr, "tito grade: --gradebook: %s\n", err.message);
            bad = 1;
        }
    }
    if (o->csv) {
        fwrite(csv.ptr, 1, csv.len, stdout);
    } else if (o->f.json) {
        tito_json *j = tito_grade_book_json(&v->book);
        int failed = !j;
        if (failed)
            goto printed;
        failed |= tito_json_object_set(j, "run_id", tito_json_new_string(r->run_id)) < 0;
        failed |= tito_json_object_set(j, "course", tito_json_new_string(p->course_dir)) < 0;
        failed |= tito_json_object_set(j, "submissions", tito_json_new_string(p->subs_dir)) < 0;
        failed |= tito_json_object_set(j, "jobs", tito_json_new_int((int64_t)njobs)) < 0;
        failed |= tito_json_object_set(j, "workers", tito_json_new_int(r->nworkers)) < 0;
        failed |= tito_json_object_set(j, "sandboxed", tito_json_new_bool(r->sandbox)) < 0;
        failed |= tito_json_object_set(j, "duration_s", tito_json_new_float(elapsed)) < 0;
        if (failed)
            tito_json_free(j);
        else if (tito_cli__print_json(j, "grade") != 0)
            bad = 1;
printed:
        bad |= failed;
    } else {
        const char *nc = getenv("NO_COLOR");
        char el[32];
        tito_grade_book_table(stdout, &v->book, isatty(1) && !(nc && nc[0]));
        tito_run_fmt_dur(el, sizeof(el), elapsed);
        printf("\n%zu student%s, %zu module%s, %zu job%s in %s with %d worker%s; run %s\n",
               v->book.nstudents, v->book.nstudents == 1 ? "" : "s", v->book.nmodules,
               v->book.nmodules == 1 ? "" : "s", njobs, njobs == 1 ? "" : "s", el, r->nworkers,
               r->nworkers == 1 ? "" : "s", r->run_id);
        printf("Details: tito results --run %s [--student S]; tito logs JOB\n", r->run_id);
    }
    tito_buf_dispose(&csv);
    return bad;
}

int tito_cmd_grade(int argc, char **argv)
{
    grade_opts o;
    int done = 0, rc = parse_args(&o, argc, argv, &done);
    if (rc || done)
        return rc;
    int status = TITO_EXIT_ENV;
    tito_error err = TITO_ERROR_INIT;
    tito_run r;
    grade_plan p;
    book_view bv;
    tito_run_job *jobs = NULL;
    const char **paths = NULL;
    size_t njobs = 0;
    char *params = NULL;
    char course_sha[65] = "", deps_sha[65] = "";
    tito_limits_req run_limits = TITO_LIMITS_REQ_INIT;

    memset(&p, 0, sizeof(p));
    memset(&bv, 0, sizeof(bv));
    tito_run_init(&r, "grade", &o.f);
    r.json = o.f.json || o.csv;

    if ((rc = make_plan(&p, &o)) != 0) {
        status = rc;
        goto cleanup;
    }
    if (make_jobs(&jobs, &paths, &njobs, &p) < 0)
        goto oom;

    /* Limits before anything is created: a typo in tito.ini is a usage error. */
    if ((status = tito_run_setup(&r, &o.f, p.course_dir, jobs, njobs, &run_limits, njobs ? o.f.workers : 0)) != 0)
        goto cleanup;
    status = TITO_EXIT_ENV;
    if (!(params = run_params(&p, njobs, &r, &run_limits)))
        goto oom;
    if ((rc = tito_run_create(&r, "grade", params)) != 0) {
        status = rc;
        goto cleanup;
    }
    for (size_t i = 0; i < njobs; i++) {
        snprintf(jobs[i].id, sizeof(jobs[i].id), "r%s-%s-%s", r.run_id, jobs[i].student, jobs[i].m->name);
        snprintf(jobs[i].status, sizeof(jobs[i].status), "queued");
    }
    if (!o.f.quiet)
        fprintf(r.msg, "tito grade: run %s: %zu student%s x %zu module%s, %zu job%s, %d worker%s\n", r.run_id,
                p.cohort->nstudents, p.cohort->nstudents == 1 ? "" : "s", p.nmods, p.nmods == 1 ? "" : "s", njobs,
                njobs == 1 ? "" : "s", r.nworkers, r.nworkers == 1 ? "" : "s");

    if (njobs) {
        if ((rc = tito_run_course_bundle(&r, course_sha, p.course, &err)) < 0 ||
            (rc = tito_run_reference_package(&r, deps_sha, p.course, &err)) < 0)
            goto fail_run_msg;
        tito_run_catch_signals(&r);
        if ((rc = enqueue_grade(&r, jobs, paths, njobs, course_sha, deps_sha, &err)) < 0)
            goto fail_run_msg;
        /* A big cohort is followed by counts (as tito batch does past 2000
         * jobs) and read once at the end. */
        int per_job = njobs <= 2000;
        rc = tito_run_work(&r, jobs, njobs, per_job, NULL, NULL, &err);
        if (rc == 0 && !per_job && !tito_run_interrupted)
            rc = tito_run_refresh(&r, jobs, njobs, &err);
        if (rc == TITO_ERROR)
            goto fail_run; /* said */
        if (rc < 0)
            goto fail_run_msg;
        if (tito_run_interrupted) {
            tito_run_cancel(&r, jobs, njobs);
            status = 130;
            goto cleanup;
        }
    }

    if (make_book(&bv, &p, jobs, njobs) < 0)
        goto oom;
    int ungraded = 0;
    for (size_t i = 0; i < bv.book.nstudents * bv.book.nmodules; i++)
        ungraded |= bv.marks[i].job_id && tito_grade_mark_ungraded(&bv.marks[i]);
    int werr = report(&o, &r, &p, &bv, tito_run_now() - r.t0, njobs);
    /* The run row says whether the gradebook is complete, not how students did. */
    tito_run_finish(&r, ungraded ? "incomplete" : "graded");
    status = ungraded || werr ? TITO_EXIT_FAILED : TITO_EXIT_OK;
    goto cleanup;

oom:
    rc = tito_error_set(&err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
fail_run_msg:
    status = tito_run_fail(&r, rc, &err);
    goto cleanup;
fail_run:
    status = tito_run_fail(&r, rc, NULL);
cleanup:
    tito_run_dispose(&r);
    tito_run_jobs_dispose(jobs, njobs);
    free(jobs);
    free(paths);
    book_dispose(&bv);
    plan_dispose(&p);
    free(params);
    return status;
}
