/* tito_runner_complete: convert -> test -> export for one module.
 *
 * Everything the student's notebook can cause (unparseable notebook, failing
 * or crashing tests, an export the exporter rejects) ends as a tito_result;
 * only our own failures (cannot write the work dir, cannot fork) are negative
 * returns, so a worker retries those and never blames the student. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export/export.h"
#include "harness/harness.h"
#include "jupytext/jupytext.h"
#include "limits/limits.h"
#include "runner/runner_private.h"
#include "util/buf.h"
#include "util/fs.h"

#define DEFAULT_PYTHON "/usr/bin/python3"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static char *path_join(const char *a, const char *b)
{
    size_t la = strlen(a);
    char *p = malloc(la + strlen(b) + 2);
    if (p != NULL)
        sprintf(p, "%s%s%s", a, (la > 0 && a[la - 1] == '/') ? "" : "/", b);
    return p;
}

static int mkdir_p(const char *path, tito_error *err)
{
    char *p = strdup(path);
    TITO_CHECK_ALLOC(p, err);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST) {
            tito_error_set_os(err, TITO_EIO, "mkdir %s", p);
            free(p);
            return TITO_EIO;
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(p, 0755) < 0 && errno != EEXIST)
        rc = tito_error_set_os(err, TITO_EIO, "mkdir %s", p);
    free(p);
    return rc;
}

/* Writes data to path through a temp file + rename (tito_fs_write_atomic_at),
 * so a reader never sees a half-written .py (or harness). Mode 0644 whatever
 * the umask (TITO_FS_MODE); no fsync (TITO_FS_NO_FSYNC): these files are made
 * again by the next run. */
static int write_atomic(const char *path, const void *data, size_t len, tito_error *err)
{
    const tito_fs_write_opts opts = {TITO_FS_NO_FSYNC | TITO_FS_MODE, 0644, NULL};
    return tito_fs_write_atomic_at(AT_FDCWD, path, data, len, &opts, err);
}

/* The notebook a module folder holds: <folder name>.ipynb if present, else
 * its only .ipynb. NULL (with *why) when none or ambiguous. */
static char *find_notebook(const char *module_dir, const char **why)
{
    const char *base = strrchr(module_dir, '/');
    base = base != NULL && base[1] != '\0' ? base + 1 : module_dir;
    tito_buf b = TITO_BUF_INIT;
    tito_buf_printf(&b, "%s/%s.ipynb", module_dir, base);
    if (!b.failed && access(b.ptr, F_OK) == 0)
        return tito_buf_detach(&b, NULL);
    tito_buf_dispose(&b);

    DIR *d = opendir(module_dir);
    char *found = NULL;
    int n = 0;
    *why = "no notebook (.ipynb) in the module folder";
    if (d == NULL)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > 6 && strcmp(de->d_name + l - 6, ".ipynb") == 0 && de->d_name[0] != '.') {
            n++;
            free(found);
            found = path_join(module_dir, de->d_name);
        }
    }
    closedir(d);
    if (n > 1) {
        free(found);
        *why = "several notebooks in the module folder; name the one to grade";
        return NULL;
    }
    return found;
}

/* "dir/01_tensor.ipynb" -> "dir/01_tensor.py" */
static char *py_path_for(const char *nb)
{
    size_t l = strlen(nb);
    size_t stem = (l > 6 && strcmp(nb + l - 6, ".ipynb") == 0) ? l - 6 : l;
    char *p = malloc(stem + 4);
    if (p != NULL) {
        memcpy(p, nb, stem);
        memcpy(p + stem, ".py", 4);
    }
    return p;
}

/* path relative to course_dir when it lies inside it, else a copy. */
static char *course_relative(const char *course_dir, const char *path)
{
    size_t l = course_dir != NULL ? strlen(course_dir) : 0;
    while (l > 1 && course_dir[l - 1] == '/')
        l--;
    if (l > 0 && strncmp(path, course_dir, l) == 0 && path[l] == '/')
        return strdup(path + l + 1);
    return strdup(path);
}

int tito_runner__points(tito_json **out, const tito_nb *nb, tito_error *err)
{
    tito_json *map = tito_json_new_object();
    *out = NULL;
    TITO_CHECK_ALLOC(map, err);
    for (size_t i = 0; i < tito_nb_ncells(nb); i++) {
        if (tito_nb_cell_type(nb, i) != TITO_CELL_CODE)
            continue;
        const tito_json *g = tito_json_get(tito_nb_cell_metadata(nb, i), "nbgrader");
        const tito_json *pts = tito_json_get(g, "points");
        if (g == NULL || !tito_json_bool(tito_json_get(g, "grade")) || pts == NULL ||
            (tito_json_type_of(pts) != TITO_JSON_INT && tito_json_type_of(pts) != TITO_JSON_FLOAT))
            continue;
        size_t len = 0;
        const char *src = tito_nb_cell_source(nb, i, &len);
        const char *p = src, *end = src + len;
        /* The cell's points go to the first top-level test it defines; a
         * cell defining two tests must not count twice. */
        while (p != NULL && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *e = nl != NULL ? nl : end;
            if ((size_t)(e - p) > 9 && strncmp(p, "def test_", 9) == 0) {
                const char *n = p + 4, *ne = n;
                while (ne < e && *ne != '(' && *ne != ':' && *ne != ' ')
                    ne++;
                if (tito_json_object_setn(map, n, (size_t)(ne - n), tito_json_new_float(tito_json_float(pts))) < 0) {
                    tito_json_free(map);
                    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                }
                break;
            }
            p = nl != NULL ? nl + 1 : end;
        }
    }
    *out = map;
    return 0;
}

/* Effective per-test budget: never more than the whole run's. */
static int per_test_s(const tito_runner_opts *o)
{
    int whole = o->limits.timeout_ms / 1000;
    if (o->per_test_timeout_s <= 0)
        return whole;
    return whole > 0 && whole < o->per_test_timeout_s ? whole : o->per_test_timeout_s;
}

/* The limits in force, recorded with the result (limits/limits.h). */
static tito_json *limits_json(const tito_runner_opts *o)
{
    tito_json *j = tito_limits_to_json(&o->limits);
    if (j == NULL)
        return NULL;
    if (tito_json_object_set(j, "per_test_timeout_s", tito_json_new_int(per_test_s(o))) < 0 ||
        tito_json_object_set(j, "sandbox", tito_json_new_bool(o->sandbox)) < 0) {
        tito_json_free(j);
        return NULL;
    }
    return j;
}

/* The student's problem: record it as the result and stop the pipeline. */
static int fail_job(tito_result *r, tito_outcome oc, const char *msg, tito_buf *log)
{
    r->outcome = oc;
    free(r->message);
    r->message = strdup(msg);
    tito_buf_printf(log, "%s\n", msg);
    return r->message != NULL ? 0 : TITO_ENOMEM;
}

static void log_stream(tito_buf *log, const char *title, const char *data, size_t len)
{
    if (len == 0)
        return;
    tito_buf_printf(log, "--- %s ---\n", title);
    tito_buf_put(log, data, len);
    if (data[len - 1] != '\n')
        tito_buf_putc(log, '\n');
}

/* 64 hex chars from the kernel's CSPRNG: the key that authenticates the
 * harness's report lines (judge.c), fresh for every run. */
static int make_key(char hex[65], tito_error *err)
{
    unsigned char k[32];
    size_t got = 0;
    while (got < sizeof k) {
        ssize_t n = getrandom(k + got, sizeof k - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return tito_error_set_os(err, TITO_EIO, "getrandom");
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof k; i++)
        sprintf(hex + 2 * i, "%02x", k[i]);
    hex[64] = '\0';
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int hidden_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return strncmp(e->d_name, "test_", 5) == 0 && n > 8 && strcmp(e->d_name + n - 3, ".py") == 0 &&
           strchr(e->d_name, '\n') == NULL;
}

int tito_runner__hidden_payload(tito_buf *out, const char *dir, tito_error *err)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, hidden_file, by_name), error = 0;
    if (n < 0)
        return tito_error_set_os(err, TITO_EIO, "cannot list the hidden tests in %s", dir);
    for (int i = 0; i < n; i++) {
        char *path = error == 0 ? path_join(dir, names[i]->d_name) : NULL, *data = NULL;
        size_t len = 0;
        if (error == 0 && path == NULL)
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        else if (error == 0 && (error = tito_fs_read_file(&data, &len, path, err)) == 0) {
            tito_buf_printf(out, "%s\n%zu\n", names[i]->d_name, len);
            tito_buf_put(out, data, len);
        }
        free(data);
        free(path);
        free(names[i]);
    }
    free(names);
    if (error == 0 && out->failed)
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    return error;
}

static int run_tests(tito_result *r, const tito_runner_opts *o, const tito_nb *nb, const char *py_path,
                     tito_buf *log, tito_error *err)
{
    char key[65];
    tito_json *points = NULL;
    tito_buf pts = TITO_BUF_INIT, timeout = TITO_BUF_INIT, pp = TITO_BUF_INIT, home = TITO_BUF_INIT;
    tito_buf hidden = TITO_BUF_INIT;
    int with_hidden = o->hidden_tests != NULL && o->test_mode != TITO_TEST_MODE_SCRIPT;
    char *harness = NULL, *points_path = NULL, *key_path = NULL;
    tito_proc_result pr;
    int have_pr = 0, error;

    memset(&pr, 0, sizeof pr);
    if ((error = tito_runner__points(&points, nb, err)) < 0 || (error = tito_json_write(&pts, points, 0)) < 0)
        goto cleanup;
    harness = path_join(o->work_dir, "tito_harness.py");
    points_path = path_join(o->work_dir, "points.json");
    key_path = path_join(o->work_dir, "tito_key");
    if (harness == NULL || points_path == NULL || key_path == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = write_atomic(harness, tito_harness_py, tito_harness_py_len, err)) < 0 ||
        (error = write_atomic(points_path, pts.ptr, pts.len, err)) < 0)
        goto cleanup;
    /* The harness reads and deletes the key before any student code runs. */
    if ((error = make_key(key, err)) < 0 || (error = write_atomic(key_path, key, 64, err)) < 0)
        goto cleanup;
    if (with_hidden && (error = tito_runner__hidden_payload(&hidden, o->hidden_tests, err)) < 0)
        goto cleanup;

    tito_buf_printf(&timeout, "%d", per_test_s(o));
    tito_buf_printf(&pp, "PYTHONPATH=%s", o->pythonpath != NULL ? o->pythonpath : o->course_dir);
    tito_buf_printf(&home, "HOME=%s", o->work_dir);
    if (timeout.failed || pp.failed || home.failed) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    const char *python = o->python != NULL ? o->python : DEFAULT_PYTHON;
    const char *argv[24];
    int a = 0;
    argv[a++] = python;
    argv[a++] = "-X";
    argv[a++] = "utf8";
    argv[a++] = harness;
    argv[a++] = "--report-fd";
    argv[a++] = "3";
    argv[a++] = "--mode";
    argv[a++] = o->test_mode == TITO_TEST_MODE_SCRIPT ? "script" : "per-test";
    argv[a++] = "--per-test-timeout";
    argv[a++] = timeout.ptr;
    argv[a++] = "--points";
    argv[a++] = points_path;
    argv[a++] = "--key-file";
    argv[a++] = key_path;
    if (with_hidden) {
        argv[a++] = "--hidden-fd";
        argv[a++] = "4";
        argv[a++] = "--hidden-dir"; /* only to name them in messages */
        argv[a++] = o->hidden_tests;
    }
    argv[a++] = py_path;
    argv[a] = NULL;
    /* PYTHONUNBUFFERED: what a killed run printed last is the most useful
     * part of its log, and block buffering would lose it. */
    const char *envp[] = {pp.ptr, "PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "MPLBACKEND=Agg",
                          home.ptr, "PATH=/usr/bin:/bin", "LANG=C.UTF-8", NULL};

    const char *ro_binds[6];
    int b = 0;
    ro_binds[b++] = o->course_dir;
    if (o->pythonpath != NULL)
        ro_binds[b++] = o->pythonpath;
    if (o->module_dir != NULL)
        ro_binds[b++] = o->module_dir;
    ro_binds[b] = NULL;

    tito_proc_opts po;
    memset(&po, 0, sizeof po);
    po.argv = argv;
    po.envp = envp;
    /* Locally the module folder, where the student works (19_benchmarking
     * writes benchmark_results/ next to itself); in the sandbox only the work
     * dir is writable. */
    po.cwd = o->sandbox ? o->work_dir : o->module_dir;
    po.limits = o->limits;
    po.sandbox = o->sandbox;
    po.ro_binds = ro_binds;
    po.work_dir = o->work_dir;
    /* Masked inside the sandbox; their content goes on fd 4, which the
     * harness closes before student code runs (shared/sandbox/README.md). */
    po.hidden_dir = o->hidden_tests;
    if (with_hidden) {
        po.fd4_data = hidden.ptr != NULL ? hidden.ptr : "";
        po.fd4_len = hidden.len;
    }

    char limits[256];
    tito_limits_describe(limits, sizeof(limits), &o->limits);
    tito_buf_printf(log, "Limits: %s%s\n", limits, o->sandbox ? " (sandboxed)" : " (not sandboxed)");
    if ((error = tito_proc_run(&pr, &po, err)) < 0)
        goto cleanup;
    have_pr = 1;
    r->exit_code = pr.exit_code;
    r->term_signal = pr.term_signal;
    log_stream(log, "stdout", pr.out, pr.out_len);
    log_stream(log, "stderr", pr.err, pr.err_len);
    if ((error = tito_runner__judge_signed(r, &pr, o->test_mode, points, &o->limits, key, err)) < 0)
        goto cleanup;
    for (size_t i = 0; i < r->ntests; i++) {
        const tito_test_result *t = &r->tests[i];
        tito_buf_printf(log, "%s %s (%.0f ms)\n", tito_outcome_str(t->outcome), t->name, t->duration_ms);
        if (t->outcome != TITO_OUTCOME_PASSED && t->message != NULL)
            tito_buf_printf(log, "    %s\n", t->message);
    }

cleanup:
    if (have_pr)
        tito_proc_result_dispose(&pr);
    tito_json_free(points);
    tito_buf_dispose(&pts);
    tito_buf_dispose(&timeout);
    tito_buf_dispose(&pp);
    tito_buf_dispose(&home);
    tito_buf_dispose(&hidden);
    if (key_path != NULL)
        unlink(key_path); /* normally gone already: the harness deleted it */
    free(harness);
    free(points_path);
    free(key_path);
    return error;
}

static int run_export(tito_result *r, const tito_runner_opts *o, const tito_nb *nb, const char *nb_path,
                      tito_buf *log, tito_error *err)
{
    tito_export_result *er = NULL;
    tito_error xerr = TITO_ERROR_INIT;
    char *lib = NULL;
    int error = 0;
    const char *lib_path = o->export_dir;
    if (lib_path == NULL) {
        lib = path_join(o->course_dir, o->lib_name != NULL ? o->lib_name : "tinytorch");
        if (lib == NULL)
            return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        lib_path = lib;
    }
    tito_export_opts eo = {nb_path, lib_path, o->lib_name != NULL ? o->lib_name : "tinytorch", o->course_dir};
    int rc = tito_export_notebook(&er, nb, &eo, &xerr);
    if (rc == TITO_ENOMEM) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    } else if (rc < 0) {
        /* A notebook without default_exp or with a bad directive is the
         * student's problem; so is, from where they stand, any refusal. */
        tito_buf m = TITO_BUF_INIT;
        tito_buf_printf(&m, "export failed: %s", xerr.message);
        error = fail_job(r, TITO_OUTCOME_ERROR, tito_buf_cstr(&m), log);
        tito_buf_dispose(&m);
    } else if (er != NULL) {
        r->exports = calloc(er->nfiles > 0 ? er->nfiles : 1, sizeof *r->exports);
        if (r->exports == NULL) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        for (size_t i = 0; i < er->nfiles; i++) {
            r->exports[i] = course_relative(o->course_dir, er->files[i]);
            if (r->exports[i] == NULL) {
                error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                goto cleanup;
            }
            r->nexports = i + 1;
            tito_buf_printf(log, "Exported: %s\n", r->exports[i]);
        }
    }
cleanup:
    if (error < 0 && error != TITO_ENOMEM)
        error = 0;
    tito_export_result_free(er);
    free(lib);
    return error;
}

int tito_runner_complete(tito_result **out, const tito_runner_opts *opts, tito_error *err)
{
    tito_result *r = NULL;
    tito_nb *nb = NULL;
    tito_buf log = TITO_BUF_INIT, py = TITO_BUF_INIT, warn = TITO_BUF_INIT;
    char *nb_path = NULL, *py_path = NULL;
    tito_error nerr = TITO_ERROR_INIT;
    int error;
    double start = now_ms();

    *out = NULL;
    if (opts == NULL || opts->course_dir == NULL || opts->module_dir == NULL || opts->work_dir == NULL)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_INVALID,
                              "runner: course_dir, module_dir and work_dir are required");
    if ((error = tito_result_new(&r)) < 0) {
        tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    r->sandboxed = opts->sandbox != 0;
    r->limits = limits_json(opts);
    if (r->limits == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = mkdir_p(opts->work_dir, err)) < 0)
        goto cleanup;

    /* 1. the notebook */
    if (opts->notebook != NULL) {
        nb_path = strdup(opts->notebook);
    } else {
        const char *why = NULL;
        nb_path = find_notebook(opts->module_dir, &why);
        if (nb_path == NULL) {
            tito_buf m = TITO_BUF_INIT;
            tito_buf_printf(&m, "%s: %s", opts->module_dir, why != NULL ? why : "out of memory");
            error = fail_job(r, TITO_OUTCOME_ERROR, tito_buf_cstr(&m), &log);
            tito_buf_dispose(&m);
            goto done;
        }
    }
    if (nb_path == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    error = tito_nb_load(&nb, nb_path, &nerr);
    if (error == TITO_ENOMEM) {
        tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (error < 0) {
        error = fail_job(r, TITO_OUTCOME_ERROR, nerr.message, &log);
        goto done;
    }

    /* 2. convert (jupytext CLI mode: with the text_representation block) */
    py_path = opts->py_out != NULL ? strdup(opts->py_out) : py_path_for(nb_path);
    if (py_path == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    tito_jupytext_opts jo = TITO_JUPYTEXT_OPTS_INIT;
    error = tito_jupytext_write(&py, nb, &jo, &warn, &nerr);
    if (error == TITO_ENOMEM) {
        tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (error < 0) {
        tito_buf m = TITO_BUF_INIT;
        tito_buf_printf(&m, "%s: conversion failed: %s", nb_path, nerr.message);
        error = fail_job(r, TITO_OUTCOME_ERROR, tito_buf_cstr(&m), &log);
        tito_buf_dispose(&m);
        goto done;
    }
    if ((error = write_atomic(py_path, py.ptr != NULL ? py.ptr : "", py.len, err)) < 0)
        goto cleanup;
    r->py_path = course_relative(opts->course_dir, py_path);
    if (r->py_path == NULL) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    tito_buf_printf(&log, "Converted %s -> %s\n", nb_path, py_path);
    if (warn.len > 0)
        tito_buf_put(&log, warn.ptr, warn.len);

    /* 3. tests */
    if (!opts->skip_tests) {
        if ((error = run_tests(r, opts, nb, py_path, &log, err)) < 0)
            goto cleanup;
    } else {
        r->outcome = TITO_OUTCOME_PASSED;
        tito_buf_puts(&log, "Tests skipped (--skip-tests)\n");
    }

    /* 4. export, only after passing tests */
    if (!opts->skip_export) {
        if (r->outcome == TITO_OUTCOME_PASSED) {
            if ((error = run_export(r, opts, nb, nb_path, &log, err)) < 0)
                goto cleanup;
        } else {
            tito_buf_puts(&log, "Export skipped: tests did not pass\n");
        }
    }

done:
    if (error < 0) {
        tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    r->duration_ms = now_ms() - start;
    if (log.failed) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    r->log = tito_buf_detach(&log, NULL);
    *out = r;
    r = NULL;
    error = 0;

cleanup:
    tito_result_free(r);
    tito_nb_free(nb);
    tito_buf_dispose(&log);
    tito_buf_dispose(&py);
    tito_buf_dispose(&warn);
    free(nb_path);
    free(py_path);
    return error;
}
