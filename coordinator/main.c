/* tito: the coordinator CLI. Dispatches to one function per subcommand.
 *
 * Built twice: `tito` (the front: everyday commands, few shared libraries, so
 * `tito convert` starts in about a millisecond) and `tito-svc` (TITO_FULL_CLI:
 * every command, linked with the PostgreSQL and Redis clients). The front
 * execs tito-svc, found next to its own binary, for the service commands. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

#ifdef TITO_FULL_CLI
#define SVC(fn) fn
#else
/* Runs the same command line through tito-svc; returns only on failure. */
static int exec_svc(int argc, char **argv)
{
    char self[PATH_MAX], path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        fprintf(stderr, "tito %s: cannot locate the tito binary: %s\n", argv[0], strerror(errno));
        return TITO_EXIT_ENV;
    }
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    *slash = '\0';
    if (snprintf(path, sizeof(path), "%s/tito-svc", self) >= (int)sizeof(path))
        return TITO_EXIT_ENV;
    char *args[argc + 2];
    args[0] = path;
    for (int i = 0; i < argc; i++)
        args[i + 1] = argv[i];
    args[argc + 1] = NULL;
    execv(path, args);
    fprintf(stderr, "tito %s: cannot run %s (installed next to tito, it runs the service commands): %s\n",
            argv[0], path, strerror(errno));
    return TITO_EXIT_ENV;
}
#define SVC(fn) exec_svc
#endif

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} commands[] = {
    {"module", tito_cmd_module, "start|complete NN   the single-student workflow (no services)"},
    {"convert", tito_cmd_convert, "NB.ipynb            notebook -> jupytext py:percent"},
    {"export", tito_cmd_export, "NB.ipynb --to DIR   nbdev export of #| export cells"},
    {"batch", SVC(tito_cmd_batch), "[FROM [TO]]         complete every module through the queue"},
    {"grade", SVC(tito_cmd_grade), "SUBMISSIONS ...     grade a cohort: students x modules"},
    {"runs", SVC(tito_cmd_runs), "                    list runs (and `runs reconcile`)"},
    {"results", SVC(tito_cmd_results), "[--run ID|last]     results with per-test outcomes"},
    {"logs", SVC(tito_cmd_logs), "JOB                 the full log of a job"},
    {"status", SVC(tito_cmd_status), "                    queue depth, pending, dead letters, workers"},
    {"services", SVC(tito_cmd_services), "start|stop|status   the embedded Redis and PostgreSQL"},
    {"db", SVC(tito_cmd_db), "migrate             apply schema migrations"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: tito <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\nRun `tito <command> --help` for a command's options.\n"
               "Exit status: 0 ok, 1 work failed (tests), 2 usage or bad input, 3 environment/service error.\n"
               "Config: flags > TITO_REDIS_URL / TITO_DATABASE_URL > tito.ini > defaults.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TITO_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return TITO_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("tito %s\n", TITO_VERSION);
        return TITO_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "tito: unknown command '%s' (see `tito --help`)\n", argv[1]);
    return TITO_EXIT_USAGE;
}
