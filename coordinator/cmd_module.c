/* `tito module start|complete|status`: the single-student workflow of
 * TinyTorch (seed/tinytorch-workflow.md, spec/tinytorch.md §2), local and
 * without services. Module names come from the course folders
 * (shared/course), progress from COURSE/progress.json (shared/progress), the
 * convert -> test -> export pipeline from shared/runner; this file handles
 * arguments, the sequential gate, Jupyter and the report. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "config/config.h"
#include "course/course.h"
#include "job/result.h"
#include "json/json.h"
#include "limits/limits.h"
#include "progress/progress.h"
#include "runner/runner.h"
#include "util/buf.h"
#include "util/error.h"

typedef struct {
    const char *sub;    /* "start", "complete", "status" */
    const char *course; /* --course DIR */
    const char *spec;   /* NN as typed */
    int no_browser, skip_tests, skip_export, json, sandbox;
    tito_test_mode mode;
    tito_limits_req limits; /* the limit flags of this run */
    int colour;
} cmd_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tito module start NN [--course DIR] [--no-browser] [--json]\n"
            "       tito module complete [NN] [--course DIR] [--skip-tests] [--skip-export]\n"
            "                            [--test-mode per-test|script] [--sandbox|--no-sandbox] [--json]\n"
            "                            [--timeout S] [--memory MB] [--pids N] [--output KB] [--disk MB]\n"
            "       tito module status [--course DIR] [--json]\n"
            "\n"
            "The single-student workflow, local, no services. NN is a module number (\"1\" and\n"
            "\"01\" are the same), a folder name (01_tensor) or a bare name (tensor); the\n"
            "folders modules/NN_name/ of the course are the only list of modules.\n"
            "\n"
            "  start NN       opens Jupyter (`jupyter lab`, else `jupyter notebook`) in the\n"
            "                 module folder, detached, and records NN as started in progress.json.\n"
            "                 Every earlier module must be completed. When Jupyter is not\n"
            "                 installed nothing is recorded (so `start` works once it is).\n"
            "  complete [NN]  converts the notebook to NN_name.py (jupytext py:percent), runs its\n"
            "                 tests, exports the `#| export` cells into COURSE/<lib_name>/ and\n"
            "                 records NN as completed. The previous module must be completed.\n"
            "                 A failing test stops it: nothing is exported, progress is unchanged.\n"
            "                 NN defaults to the last module started.\n"
            "  status         lists the modules with their state.\n"
            "\n"
            "  --course DIR       the course (default: the nearest folder at or above the current\n"
            "                     one holding modules/ or settings.ini)\n"
            "  --no-browser       start: Jupyter does not open a browser; its URL is in its log\n"
            "  --skip-tests       complete: convert and export only\n"
            "  --skip-export      complete: convert and test only (progress is still recorded)\n"
            "  --test-mode M      per-test (default: every test_* function reported on its own)\n"
            "                     or script (run the file, judge its \u2705/\u274c lines, as upstream)\n"
            "  --sandbox          run the tests in the sandbox (as a worker does); --no-sandbox:\n"
            "                     not (the default), as `tito batch` spells it\n"
            "  --timeout S        wall clock (and CPU time) of the whole test run (default 600);\n"
            "                     each test also gets at most min(S, 120) s in per-test mode\n"
            "  --memory MB        memory of the test run (default 2048)\n"
            "  --pids N           processes + threads (default 256)\n"
            "  --output KB        captured stdout and stderr, each (default 1024)\n"
            "  --disk MB          sandbox: writable space, work dir + /tmp (default 256)\n"
            "                     Limits come from these flags > [limits.NN_name] and [limits]\n"
            "                     of COURSE/tito.ini > [limits] of ./tito.ini or $TITO_CONFIG >\n"
            "                     the defaults; the log and --json show the ones in force.\n"
            "  --json             print one JSON object on stdout and nothing else\n"
            "  -h, --help         show this help\n"
            "\n"
            "Files: COURSE/progress.json (TinyTorch's format), COURSE/modules/NN_name/NN_name.py,\n"
            "COURSE/<lib_name>/... (lib_name from settings.ini, default tinytorch); the full\n"
            "test log of the last `complete NN` is in $TMPDIR/tito-module_NN_complete.log.\n"
            "Colour only on a terminal and never with NO_COLOR set.\n"
            "\n"
            "Exit status: 0 done; 1 a test failed, or the module is locked / already started /\n"
            "its predecessor is not completed; 2 usage error, unknown module, no course, malformed\n"
            "notebook; 3 environment error (Jupyter missing, files not writable, runner failure);\n"
            "128+N interrupted by signal N (130 for Ctrl+C): the tests are stopped, nothing recorded.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tito module: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see `tito module --help`)\n");
    return TITO_EXIT_USAGE;
}

/* --- small helpers ------------------------------------------------------ */

static const char *tmp_dir(void)
{
    const char *t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

/* The path relative to the course, for display ("modules/01_tensor/..."). */
static const char *rel(const tito_course *c, const char *path)
{
    const char *root = tito_course_dir(c);
    size_t n = strlen(root);
    if (path && !strncmp(path, root, n) && path[n] == '/')
        return path + n + 1;
    return path ? path : "";
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Nearest ancestor of the current folder (itself included) holding modules/
 * or settings.ini; NULL when none. */
static char *find_course_dir(void)
{
    char dir[PATH_MAX], probe[PATH_MAX + 32];
    if (!getcwd(dir, sizeof(dir)))
        return NULL;
    for (;;) {
        snprintf(probe, sizeof(probe), "%s/modules", strcmp(dir, "/") ? dir : "");
        if (is_dir(probe))
            return strdup(dir);
        snprintf(probe, sizeof(probe), "%s/settings.ini", strcmp(dir, "/") ? dir : "");
        if (access(probe, F_OK) == 0)
            return strdup(dir);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            break;
        *slash = '\0';
    }
    return NULL;
}

/* Prints the error of a failed tito_* call as one line and maps its code to
 * an exit status. */
static int fail(const cmd_opts *o, const tito_error *err)
{
    fprintf(stderr, "tito module %s: %s\n", o->sub, err->message);
    switch (err->code) {
    case TITO_ENOTFOUND:
    case TITO_EINVALID:
        return TITO_EXIT_USAGE;
    default:
        return TITO_EXIT_ENV;
    }
}

/* In --json mode every outcome, an error included, is one object on stdout. */
static void json_error(const cmd_opts *o, const char *module, const char *message, int code)
{
    tito_json *j = tito_json_new_object();
    tito_buf b = TITO_BUF_INIT;
    if (!j)
        return;
    tito_json_object_set(j, "command", tito_json_new_string(o->sub));
    tito_json_object_set(j, "module", module ? tito_json_new_string(module) : tito_json_new_null());
    tito_json_object_set(j, "error", tito_json_new_string(message));
    tito_json_object_set(j, "exit_status", tito_json_new_int(code));
    if (tito_json_write(&b, j, 2) == 0 && !b.failed)
        printf("%s\n", tito_buf_cstr(&b));
    tito_buf_dispose(&b);
    tito_json_free(j);
}

/* A refusal the student can act on: message on stderr (and as JSON). */
static int refuse(const cmd_opts *o, const char *module, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int refuse(const cmd_opts *o, const char *module, int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "tito module %s: %s\n", o->sub, msg);
    if (o->json)
        json_error(o, module, msg, code);
    return code;
}

static void list_modules(FILE *f, const tito_course *c)
{
    size_t n = tito_course_nmodules(c);
    fprintf(f, "available modules:");
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s", i % 5 ? " " : "\n  ", tito_course_module_at(c, i)->name);
    fprintf(f, "\n");
}

static int unknown_module(const cmd_opts *o, const tito_course *c, const char *spec)
{
    char msg[512];
    snprintf(msg, sizeof(msg), "no module '%s' in %s", spec, tito_course_dir(c));
    fprintf(stderr, "tito module %s: %s\n", o->sub, msg);
    list_modules(stderr, c);
    if (o->json)
        json_error(o, spec, msg, TITO_EXIT_USAGE);
    return TITO_EXIT_USAGE;
}

static size_t module_index(const tito_course *c, const tito_module_info *m)
{
    for (size_t i = 0; i < tito_course_nmodules(c); i++)
        if (tito_course_module_at(c, i) == m)
            return i;
    return 0;
}

/* Colour only for a person at a terminal (https://no-color.org). */
static const char *col(const cmd_opts *o, const char *code)
{
    return o->colour ? code : "";
}
#define GREEN "\033[32m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static void print_json(const tito_json *j)
{
    tito_buf b = TITO_BUF_INIT;
    if (tito_json_write(&b, j, 2) == 0 && !b.failed)
        printf("%s\n", tito_buf_cstr(&b));
    tito_buf_dispose(&b);
}

/* --- start --------------------------------------------------------------- */

/* Finds name in $PATH; malloc'd absolute path or NULL. */
static char *which(const char *name)
{
    const char *path = getenv("PATH");
    char *copy, *save = NULL, *hit = NULL;
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    if ((copy = strdup(path)) == NULL)
        return NULL;
    for (char *d = strtok_r(copy, ":", &save); d && !hit; d = strtok_r(NULL, ":", &save)) {
        char probe[PATH_MAX];
        snprintf(probe, sizeof(probe), "%s/%s", *d ? d : ".", name);
        struct stat st;
        if (stat(probe, &st) == 0 && S_ISREG(st.st_mode) && access(probe, X_OK) == 0)
            hit = strdup(probe);
    }
    free(copy);
    return hit;
}

/* Starts Jupyter detached in dir (own session, output to log). Returns the
 * pid, or -1 with errno set when exec failed (reported through a CLOEXEC
 * pipe, so a missing binary is an error here, not a silent dead child). */
static pid_t launch_detached(const char *const argv[], const char *dir, const char *log)
{
    int pfd[2], child_errno = 0;
    pid_t pid;
    ssize_t n;

    if (pipe2(pfd, O_CLOEXEC) < 0)
        return -1;
    fflush(NULL);
    if ((pid = fork()) < 0) {
        close(pfd[0]);
        close(pfd[1]);
        return -1;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        /* 0600: the log holds Jupyter's access token */
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
        if (in < 0 || out < 0 || chdir(dir) < 0 || setsid() < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
            dup2(out, 2) < 0)
            goto child_fail;
        signal(SIGHUP, SIG_IGN); /* survive the terminal closing */
        execv(argv[0], (char *const *)argv);
    child_fail:
        child_errno = errno;
        if (write(pfd[1], &child_errno, sizeof(child_errno)) < 0) {
            /* nothing more to do: the parent sees a short read */
        }
        _exit(127);
    }
    close(pfd[1]);
    do
        n = read(pfd[0], &child_errno, sizeof(child_errno));
    while (n < 0 && errno == EINTR);
    close(pfd[0]);
    if (n == (ssize_t)sizeof(child_errno)) {
        waitpid(pid, NULL, 0);
        errno = child_errno;
        return -1;
    }
    return pid;
}

static int cmd_start(const cmd_opts *o, tito_course *c, tito_progress *p)
{
    const tito_module_info *m = tito_course_find(c, o->spec);
    char *jupyter = NULL, *lab = NULL, *nbapp = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc = TITO_EXIT_OK;
    char log[PATH_MAX];
    pid_t pid;

    if (!m)
        return unknown_module(o, c, o->spec);
    /* Upstream refuses a second start and points at resume; we have no
     * resume, so point at the next step and at reopening by hand. */
    if (tito_progress_is_started(p, m->id))
        return refuse(o, m->id, TITO_EXIT_FAILED,
                      "module %s (%s) is already started; when your notebook is done run: "
                      "tito module complete %s (to reopen it: cd %s && jupyter lab)",
                      m->id, m->name, m->id, rel(c, m->dir));
    for (size_t i = 0; i < module_index(c, m); i++) {
        const tito_module_info *prev = tito_course_module_at(c, i);
        if (tito_progress_is_completed(p, prev->id))
            continue;
        return refuse(o, m->id, TITO_EXIT_FAILED,
                      "module %s (%s) is locked: module %s (%s) is not completed yet; next: tito module %s %s",
                      m->id, m->name, prev->id, prev->name,
                      tito_progress_is_started(p, prev->id) ? "complete" : "start", prev->id);
    }

    /* Jupyter is checked before anything is recorded, so that after
     * installing it the student can simply run `start` again. */
    jupyter = which("jupyter");
    lab = which("jupyter-lab");
    nbapp = which("jupyter-notebook");
    if (!jupyter || (!lab && !nbapp)) {
        rc = refuse(o, m->id, TITO_EXIT_ENV,
                    "Jupyter is not installed (no `jupyter lab` or `jupyter notebook` on PATH); install it with "
                    "`apt-get install jupyter-notebook` or `pip install jupyterlab`, then run: tito module start %s",
                    m->id);
        goto cleanup;
    }
    snprintf(log, sizeof(log), "%s/tito-jupyter-%s.log", tmp_dir(), m->name);
    {
        const char *argv[] = {jupyter, lab ? "lab" : "notebook", o->no_browser ? "--no-browser" : NULL, NULL};
        if ((pid = launch_detached(argv, m->dir, log)) < 0) {
            rc = refuse(o, m->id, TITO_EXIT_ENV, "cannot start %s %s in %s: %s", jupyter, argv[1], m->dir,
                        strerror(errno));
            goto cleanup;
        }
    }
    if (tito_progress_mark_started(p, m->id, &err) < 0 || tito_progress_save(p, &err) < 0) {
        rc = fail(o, &err);
        goto cleanup;
    }
    if (o->json) {
        tito_json *j = tito_json_new_object();
        if (j) {
            tito_json_object_set(j, "command", tito_json_new_string("start"));
            tito_json_object_set(j, "module", tito_json_new_string(m->id));
            tito_json_object_set(j, "name", tito_json_new_string(m->name));
            tito_json_object_set(j, "notebook",
                                 m->notebook ? tito_json_new_string(rel(c, m->notebook)) : tito_json_new_null());
            tito_json_object_set(j, "jupyter", tito_json_new_string(lab ? "lab" : "notebook"));
            tito_json_object_set(j, "jupyter_pid", tito_json_new_int(pid));
            tito_json_object_set(j, "jupyter_log", tito_json_new_string(log));
            tito_json_object_set(j, "progress", tito_json_copy(tito_progress_json(p)));
            tito_json_object_set(j, "exit_status", tito_json_new_int(0));
            print_json(j);
            tito_json_free(j);
        }
        goto cleanup;
    }
    printf("%sModule %s (%s) started.%s\n", col(o, BOLD), m->id, m->name, col(o, RESET));
    printf("  notebook:  %s\n", m->notebook ? rel(c, m->notebook) : "(none in this folder yet)");
    printf("  Jupyter %s is starting in %s (pid %ld)%s\n", lab ? "Lab" : "Notebook", rel(c, m->dir), (long)pid,
           o->no_browser ? "; its URL with the token is in the log" : "");
    printf("  log:       %s\n", log);
    printf("  stop it:   kill %ld\n", (long)pid);
    printf("When the notebook is done: tito module complete %s\n", m->id);

cleanup:
    free(jupyter);
    free(lab);
    free(nbapp);
    return rc;
}

/* --- complete ------------------------------------------------------------ */

/* Ctrl+C during the tests. The test process runs in its own process group
 * (shared/proc), so the terminal's SIGINT never reaches it and it would
 * outlive us. The handler kills our children's process groups (found in
 * /proc/self/task/<pid>/children, path prepared beforehand: only
 * async-signal-safe calls here); the runner then sees its child die and
 * returns, and we clean up and exit 128+signal. */
static volatile sig_atomic_t interrupted;
static char children_path[64];

static void on_interrupt(int sig)
{
    char buf[512];
    int saved = errno, fd = open(children_path, O_RDONLY | O_CLOEXEC);
    interrupted = sig;
    if (fd >= 0) {
        ssize_t n = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        long pid = 0;
        for (ssize_t i = 0; i <= n; i++) {
            if (i < n && buf[i] >= '0' && buf[i] <= '9') {
                pid = pid * 10 + (buf[i] - '0');
            } else if (pid > 0) {
                kill((pid_t)-pid, SIGKILL);
                kill((pid_t)pid, SIGKILL);
                pid = 0;
            }
        }
    }
    errno = saved;
}

static void catch_interrupts(struct sigaction old[3])
{
    static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    snprintf(children_path, sizeof(children_path), "/proc/self/task/%ld/children", (long)getpid());
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++) {
        sigaction(sigs[i], NULL, &old[i]);
        /* an ignored signal (nohup, a background job) stays ignored */
        if (old[i].sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

static void restore_interrupts(const struct sigaction old[3])
{
    static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++)
        sigaction(sigs[i], &old[i], NULL);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void fmt_ms(char *buf, size_t size, double ms)
{
    if (ms < 10.0)
        snprintf(buf, size, "%.1f ms", ms);
    else if (ms < 1000.0)
        snprintf(buf, size, "%.0f ms", ms);
    else
        snprintf(buf, size, "%.1f s", ms / 1000.0);
}

static const char *mark(tito_outcome oc)
{
    switch (oc) {
    case TITO_OUTCOME_PASSED:
        return "\u2713"; /* ✓ */
    case TITO_OUTCOME_SKIPPED:
        return "-";
    default:
        return "\u2717"; /* ✗ */
    }
}

/* Indentation of a line (spaces). */
static size_t indent_of(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && line[i] == ' ')
        i++;
    return i;
}

/* Prints a message indented under its test, at most max_lines lines.
 * Traceback frames inside our own harness (tito_harness.py) are left out:
 * they say nothing about the student's code; the full log keeps them. */
static void print_indented(const char *msg, const char *indent, int max_lines)
{
    int lines = 0, rest = 0;
    size_t skip_deeper = (size_t)-1; /* skipping lines indented deeper than this */
    while (*msg) {
        const char *nl = strchr(msg, '\n');
        size_t len = nl ? (size_t)(nl - msg) : strlen(msg);
        size_t ind = indent_of(msg, len);
        const char *next = msg + len + (nl != NULL);
        if (skip_deeper != (size_t)-1 && ind > skip_deeper && ind < len) {
            msg = next;
            continue;
        }
        skip_deeper = (size_t)-1;
        if (len > ind + 6 && !strncmp(msg + ind, "File \"", 6) && memmem(msg, len, "tito_harness.py\"", 16)) {
            skip_deeper = ind;
            msg = next;
            continue;
        }
        if (lines < max_lines) {
            printf("%s%.*s\n", indent, (int)len, msg);
            lines++;
        } else {
            rest++;
        }
        msg = next;
    }
    if (rest)
        printf("%s... (%d more line%s in the log)\n", indent, rest, rest == 1 ? "" : "s");
}

static void count_tests(const tito_result *r, size_t *passed, size_t *failed, size_t *skipped)
{
    *passed = *failed = *skipped = 0;
    for (size_t i = 0; i < r->ntests; i++) {
        if (r->tests[i].outcome == TITO_OUTCOME_PASSED)
            (*passed)++;
        else if (r->tests[i].outcome == TITO_OUTCOME_SKIPPED)
            (*skipped)++;
        else
            (*failed)++;
    }
}

/* A notebook the converter rejected: no .py was produced and no test ran.
 * That is bad input (exit 2), not a failing module (exit 1). */
static int is_bad_notebook(const tito_result *r)
{
    return r->outcome == TITO_OUTCOME_ERROR && r->py_path == NULL && r->ntests == 0;
}

static void print_tests(const cmd_opts *o, const tito_result *r)
{
    size_t width = 0;
    for (size_t i = 0; i < r->ntests; i++)
        if (strlen(r->tests[i].name) > width)
            width = strlen(r->tests[i].name);
    if (width > 60)
        width = 60;
    for (size_t i = 0; i < r->ntests; i++) {
        const tito_test_result *t = &r->tests[i];
        char dur[32];
        int ok = t->outcome == TITO_OUTCOME_PASSED, skip = t->outcome == TITO_OUTCOME_SKIPPED;
        /* script mode judges printed lines: no per-test timing to show */
        if (o->mode == TITO_TEST_MODE_SCRIPT)
            dur[0] = '\0';
        else
            fmt_ms(dur, sizeof(dur), t->duration_ms);
        printf("  %s%s%s %-*s %8s", col(o, ok ? GREEN : skip ? YELLOW : RED), mark(t->outcome), col(o, RESET),
               (int)width, t->name, dur);
        if (!ok)
            printf("  %s%s%s", col(o, ok ? "" : RED), tito_outcome_str(t->outcome), col(o, RESET));
        printf("\n");
        if (!ok && !skip && t->message && *t->message)
            print_indented(t->message, "      ", 12);
    }
}

/* Writes the full log where upstream's batch script kept it (in $TMPDIR);
 * O_NOFOLLOW because /tmp is shared: a planted symlink must not make us
 * overwrite another file. On failure path says so instead. */
static int save_log(char *path, size_t size, const tito_module_info *m, const tito_result *r)
{
    int fd, rc = 0;
    FILE *f;
    snprintf(path, size, "%s/tito-module_%s_complete.log", tmp_dir(), m->id);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
        if (fd >= 0)
            close(fd);
        snprintf(path, size, "(not written: %s/tito-module_%s_complete.log: %s)", tmp_dir(), m->id,
                 strerror(errno));
        return -1;
    }
    if (r->log && fputs(r->log, f) == EOF)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

static tito_json *complete_json(const tito_course *c, const tito_module_info *m, const tito_result *r,
                                const tito_progress *p, int exit_code, tito_error *err)
{
    tito_json *rj = NULL, *j = tito_json_new_object(), *prog = NULL;
    if (!j || tito_result_to_json(&rj, r, err) < 0) {
        tito_json_free(j);
        return NULL;
    }
    tito_json_object_set(j, "command", tito_json_new_string("complete"));
    tito_json_object_set(j, "module", tito_json_new_string(m->id));
    tito_json_object_set(j, "name", tito_json_new_string(m->name));
    tito_json_object_set(j, "course", tito_json_new_string(tito_course_dir(c)));
    for (size_t i = 0; i < tito_json_len(rj); i++) {
        size_t klen;
        const char *k = tito_json_key_at(rj, i, &klen);
        tito_json_object_setn(j, k, klen, tito_json_copy(tito_json_at(rj, i)));
    }
    if ((prog = tito_json_new_object()) != NULL) {
        tito_json_object_set(prog, "completed", tito_json_new_int((int64_t)tito_progress_ncompleted(p)));
        tito_json_object_set(prog, "total", tito_json_new_int((int64_t)tito_course_nmodules(c)));
        tito_json_object_set(prog, "file", tito_json_copy(tito_progress_json(p)));
    }
    tito_json_object_set(j, "progress", prog ? prog : tito_json_new_null());
    tito_json_object_set(j, "exit_status", tito_json_new_int(exit_code));
    tito_json_free(rj);
    return j;
}

/* defaults < [limits] of ./tito.ini or $TITO_CONFIG < COURSE/tito.ini [limits]
 * and [limits.MODULE] < flags (limits/limits.h). */
static int resolve_limits(tito_limits *out, const cmd_opts *o, const tito_course *c, const tito_module_info *m,
                          tito_error *err)
{
    tito_config *cfg = NULL;
    tito_limits defaults = TITO_LIMITS_DEFAULT;
    int error = tito_config_load(&cfg, NULL, err);
    if (error < 0)
        return error;
    tito_limits_req req = cfg->limits_req;
    tito_config_free(cfg);
    if ((error = tito_limits_load_course(&req, tito_course_dir(c), m->name, err)) < 0)
        return error;
    tito_limits_req_overlay(&req, &o->limits);
    *out = defaults;
    tito_limits_apply(out, &req);
    return 0;
}

static int cmd_complete(const cmd_opts *o, tito_course *c, tito_progress *p)
{
    const tito_module_info *m;
    tito_runner_opts ro = TITO_RUNNER_OPTS_INIT;
    tito_result *r = NULL;
    tito_error err = TITO_ERROR_INIT;
    char work[PATH_MAX], logpath[PATH_MAX + 64], dur[32];
    int have_work = 0, rc = TITO_EXIT_OK, recorded = 0;
    const char *spec = o->spec;
    size_t idx;

    if (!spec && (spec = tito_progress_last_worked(p)) == NULL)
        return refuse(o, NULL, TITO_EXIT_USAGE,
                      "which module? no module was started yet; run: tito module complete NN");
    if ((m = tito_course_find(c, spec)) == NULL)
        return unknown_module(o, c, spec);
    /* Upstream's gate: only the immediately previous module must be completed. */
    idx = module_index(c, m);
    if (idx > 0) {
        const tito_module_info *prev = tito_course_module_at(c, idx - 1);
        if (!tito_progress_is_completed(p, prev->id))
            return refuse(o, m->id, TITO_EXIT_FAILED,
                          "cannot complete module %s (%s): module %s (%s) is not completed yet; "
                          "complete it first: tito module complete %s",
                          m->id, m->name, prev->id, prev->name, prev->id);
    }
    if (!m->notebook)
        return refuse(o, m->id, TITO_EXIT_USAGE,
                      "%s holds no notebook (expected %s.ipynb, or exactly one .ipynb)", rel(c, m->dir), m->name);

    if ((rc = resolve_limits(&ro.limits, o, c, m, &err)) < 0)
        return refuse(o, m->id, rc == TITO_EINVALID ? TITO_EXIT_USAGE : TITO_EXIT_ENV, "%s", err.message);
    snprintf(work, sizeof(work), "%s/tito-module-XXXXXX", tmp_dir());
    if (!mkdtemp(work)) {
        rc = refuse(o, m->id, TITO_EXIT_ENV, "cannot create a work folder in %s: %s", tmp_dir(), strerror(errno));
        goto cleanup;
    }
    have_work = 1;
    ro.course_dir = tito_course_dir(c);
    ro.module_dir = m->dir;
    ro.notebook = m->notebook;
    ro.lib_name = tito_course_lib_name(c);
    ro.pythonpath = tito_course_dir(c); /* earlier modules' exports: COURSE/<lib_name> */
    ro.hidden_tests = m->hidden_tests;
    ro.work_dir = work;
    ro.skip_tests = o->skip_tests;
    ro.skip_export = o->skip_export;
    ro.test_mode = o->mode;
    ro.sandbox = o->sandbox;
    if (!o->json) {
        printf("%stito module complete %s (%s)%s\n", col(o, BOLD), m->id, m->name, col(o, RESET));
        printf("Step 1/3 convert + test: %s -> %.*s.py%s\n", rel(c, m->notebook),
               (int)(strlen(base_name(m->notebook)) - strlen(".ipynb")), base_name(m->notebook),
               o->skip_tests ? " (tests skipped: --skip-tests)" : "");
        fflush(stdout);
    }
    {
        struct sigaction old[3];
        int run_rc;
        interrupted = 0;
        catch_interrupts(old);
        run_rc = tito_runner_complete(&r, &ro, &err);
        restore_interrupts(old);
        if (interrupted) {
            rc = 128 + interrupted;
            fprintf(stderr, "\ntito module complete: interrupted; the tests were stopped, progress unchanged\n");
            if (o->json)
                json_error(o, m->id, "interrupted", rc);
            goto cleanup;
        }
        if (run_rc < 0) {
            rc = TITO_EXIT_ENV;
            fprintf(stderr, "tito module complete: %s\n", err.message);
            if (err.klass == TITO_ERROR_SANDBOX)
                fprintf(stderr, "tito module complete: (`tito module complete` runs without the sandbox unless "
                                "given --sandbox)\n");
            if (o->json)
                json_error(o, m->id, err.message, rc);
            goto cleanup;
        }
    }
    save_log(logpath, sizeof(logpath), m, r);

    if (is_bad_notebook(r)) {
        rc = TITO_EXIT_USAGE;
    } else if (r->outcome != TITO_OUTCOME_PASSED) {
        rc = TITO_EXIT_FAILED;
    } else {
        if (tito_progress_mark_completed(p, m->id, &err) < 0 || tito_progress_save(p, &err) < 0) {
            fprintf(stderr, "tito module complete: %s\n", err.message);
            rc = TITO_EXIT_ENV;
        } else {
            recorded = 1;
        }
    }

    if (o->json) {
        tito_json *j = complete_json(c, m, r, p, rc, &err);
        if (!j) {
            fprintf(stderr, "tito module complete: %s\n", err.message[0] ? err.message : "out of memory");
            rc = TITO_EXIT_ENV;
            goto cleanup;
        }
        tito_json_object_set(j, "log_file", tito_json_new_string(logpath));
        print_json(j);
        tito_json_free(j);
        goto cleanup;
    }

    if (rc == TITO_EXIT_USAGE) {
        printf("  %s\u2717 the notebook could not be converted%s\n", col(o, RED), col(o, RESET));
        fprintf(stderr, "tito module complete: %s\n", r->message ? r->message : "malformed notebook");
        printf("Nothing was tested or exported; progress unchanged.\n");
        goto cleanup;
    }
    print_tests(o, r);
    {
        size_t np, nf, ns;
        count_tests(r, &np, &nf, &ns);
        fmt_ms(dur, sizeof(dur), r->duration_ms);
        printf("  %zu test%s: %s%zu passed%s", r->ntests, r->ntests == 1 ? "" : "s", col(o, np ? GREEN : ""), np,
               col(o, np ? RESET : ""));
        if (nf)
            printf(", %s%zu failed%s", col(o, RED), nf, col(o, RESET));
        if (ns)
            printf(", %zu skipped", ns);
        printf(" (%s)\n", dur);
    }
    if (rc == TITO_EXIT_FAILED) {
        size_t np, nf, ns;
        count_tests(r, &np, &nf, &ns);
        if (nf == 0 && r->message && !strncmp(r->message, "export failed", 13))
            printf("Step 2/3 export: %s\u2717 %s%s\n", col(o, RED), r->message, col(o, RESET));
        printf("%s\u2717 Module %s (%s) did not pass: %s%s\n", col(o, RED), m->id, m->name,
               r->message ? r->message : tito_outcome_str(r->outcome), col(o, RESET));
        if (nf) {
            printf("  failed:");
            for (size_t i = 0; i < r->ntests; i++)
                if (r->tests[i].outcome != TITO_OUTCOME_PASSED && r->tests[i].outcome != TITO_OUTCOME_SKIPPED)
                    printf(" %s", r->tests[i].name);
            printf("\n");
        }
        printf("  Not exported; progress unchanged. Full log: %s\n", logpath);
        printf("  Fix the notebook %s, then run again: tito module complete %s\n", rel(c, m->notebook), m->id);
        goto cleanup;
    }
    if (o->skip_export) {
        printf("Step 2/3 export: skipped (--skip-export)\n");
    } else if (r->nexports == 0) {
        printf("Step 2/3 export: nothing to export (no `#| export` cells)\n");
    } else {
        for (size_t i = 0; i < r->nexports; i++)
            printf("%s%s\n", i ? "                 " : "Step 2/3 export: ", r->exports[i]);
    }
    if (recorded) {
        printf("Step 3/3 progress: %zu/%zu modules completed\n", tito_progress_ncompleted(p),
               tito_course_nmodules(c));
        printf("%s\u2713 Module %s (%s) completed.%s", col(o, GREEN), m->id, m->name, col(o, RESET));
        if (idx + 1 < tito_course_nmodules(c))
            printf(" Next: tito module start %s\n", tito_course_module_at(c, idx + 1)->id);
        else
            printf(" That was the last module.\n");
    }

cleanup:
    if (have_work)
        nftw(work, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    tito_result_free(r);
    return rc;
}

/* --- status -------------------------------------------------------------- */

static int cmd_status(const cmd_opts *o, tito_course *c, tito_progress *p)
{
    size_t n = tito_course_nmodules(c);
    int locked = 0;

    if (o->json) {
        tito_json *j = tito_json_new_object(), *mods = tito_json_new_array();
        if (!j || !mods) {
            tito_json_free(j);
            tito_json_free(mods);
            return refuse(o, NULL, TITO_EXIT_ENV, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            const tito_module_info *m = tito_course_module_at(c, i);
            tito_json *e = tito_json_new_object();
            const char *state = tito_progress_is_completed(p, m->id) ? "completed"
                                : tito_progress_is_started(p, m->id) ? "started"
                                                                      : "not_started";
            if (!e)
                continue;
            tito_json_object_set(e, "module", tito_json_new_string(m->id));
            tito_json_object_set(e, "name", tito_json_new_string(m->name));
            tito_json_object_set(e, "state", tito_json_new_string(state));
            tito_json_object_set(e, "notebook",
                                 m->notebook ? tito_json_new_string(rel(c, m->notebook)) : tito_json_new_null());
            tito_json_array_append(mods, e);
        }
        tito_json_object_set(j, "course", tito_json_new_string(tito_course_dir(c)));
        tito_json_object_set(j, "lib_name", tito_json_new_string(tito_course_lib_name(c)));
        tito_json_object_set(j, "modules", mods);
        tito_json_object_set(j, "progress", tito_json_copy(tito_progress_json(p)));
        print_json(j);
        tito_json_free(j);
        return TITO_EXIT_OK;
    }
    printf("%s%s%s (package %s): %zu/%zu modules completed\n", col(o, BOLD), tito_course_dir(c), col(o, RESET),
           tito_course_lib_name(c), tito_progress_ncompleted(p), n);
    for (size_t i = 0; i < n; i++) {
        const tito_module_info *m = tito_course_module_at(c, i);
        const char *state, *colour;
        if (tito_progress_is_completed(p, m->id)) {
            state = "\u2713 completed";
            colour = GREEN;
        } else if (tito_progress_is_started(p, m->id)) {
            state = "\u25b6 started";
            colour = YELLOW;
        } else if (locked) {
            state = "  locked";
            colour = DIM;
        } else {
            state = "  available";
            colour = "";
        }
        if (!tito_progress_is_completed(p, m->id))
            locked = 1;
        printf("  %s%-20s %s%s\n", col(o, colour), m->name, state, col(o, RESET));
    }
    return TITO_EXIT_OK;
}

/* --- arguments ----------------------------------------------------------- */

static int parse_args(cmd_opts *o, int argc, char **argv)
{
    int is_start = !strcmp(o->sub, "start"), is_complete = !strcmp(o->sub, "complete");
    tito_error lerr = TITO_ERROR_INIT;
    int lim;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--course")) {
            if (++i >= argc)
                return usage_error("%s needs a folder", a);
            o->course = argv[i];
        } else if (!strncmp(a, "--course=", 9)) {
            o->course = a + 9;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (is_start && !strcmp(a, "--no-browser")) {
            o->no_browser = 1;
        } else if (is_complete && !strcmp(a, "--skip-tests")) {
            o->skip_tests = 1;
        } else if (is_complete && !strcmp(a, "--skip-export")) {
            o->skip_export = 1;
        } else if (is_complete && !strcmp(a, "--sandbox")) {
            o->sandbox = 1;
        } else if (is_complete && !strcmp(a, "--no-sandbox")) {
            o->sandbox = 0;
        } else if (is_complete && (!strcmp(a, "--test-mode") || !strncmp(a, "--test-mode=", 12))) {
            const char *v = a[11] == '=' ? a + 12 : (++i < argc ? argv[i] : NULL);
            if (!v)
                return usage_error("%s needs per-test or script", a);
            if (!strcmp(v, "per-test"))
                o->mode = TITO_TEST_MODE_PER_TEST;
            else if (!strcmp(v, "script"))
                o->mode = TITO_TEST_MODE_SCRIPT;
            else
                return usage_error("--test-mode is per-test or script, not '%s'", v);
        } else if (is_complete && (lim = tito_limits_flag(&o->limits, argc, argv, &i, &lerr)) != 0) {
            if (lim < 0)
                return usage_error("%s", lerr.message);
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option '%s'", a);
        } else if (!o->spec && strcmp(o->sub, "status")) {
            o->spec = a;
        } else {
            return usage_error("unexpected argument '%s'", a);
        }
    }
    if (is_start && !o->spec)
        return usage_error("%s", "start needs a module number, e.g. `tito module start 01`");
    return 0;
}

int tito_cmd_module(int argc, char **argv)
{
    cmd_opts o;
    tito_course *c = NULL;
    tito_progress *p = NULL;
    tito_error err = TITO_ERROR_INIT;
    char *found = NULL;
    int rc;

    memset(&o, 0, sizeof(o));
    {
        tito_limits_req unset = TITO_LIMITS_REQ_INIT;
        o.limits = unset;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return TITO_EXIT_OK;
        }
    }
    if (argc < 2) {
        usage(stderr);
        return TITO_EXIT_USAGE;
    }
    o.sub = argv[1];
    if (strcmp(o.sub, "start") && strcmp(o.sub, "complete") && strcmp(o.sub, "status"))
        return usage_error("unknown subcommand '%s' (start, complete, status)", o.sub);
    if ((rc = parse_args(&o, argc, argv)) != 0)
        return rc;
    {
        const char *nc = getenv("NO_COLOR");
        o.colour = !o.json && isatty(STDOUT_FILENO) && !(nc && *nc);
    }

    if (!o.course) {
        if ((found = find_course_dir()) == NULL) {
            rc = refuse(&o, NULL, TITO_EXIT_USAGE,
                        "no course here: no folder at or above the current one holds modules/ "
                        "(run it inside a course, or pass --course DIR)");
            goto cleanup;
        }
        o.course = found;
    }
    if (tito_course_open(&c, o.course, &err) < 0 ||
        tito_progress_load_course(&p, tito_course_dir(c), &err) < 0) {
        rc = fail(&o, &err);
        if (o.json)
            json_error(&o, o.spec, err.message, rc);
        goto cleanup;
    }
    if (!strcmp(o.sub, "start"))
        rc = cmd_start(&o, c, p);
    else if (!strcmp(o.sub, "complete"))
        rc = cmd_complete(&o, c, p);
    else
        rc = cmd_status(&o, c, p);

cleanup:
    tito_progress_free(p);
    tito_course_free(c);
    free(found);
    return rc;
}
