/* tito-worker: command line, configuration, the sandbox check, signals, and
 * the supervisor of --concurrency N slots (worker/README.md).
 *
 * Why processes, not threads, for slots: the pipeline forks and waits for
 * student code, the runner and libraries below it were written for one job
 * per process, and a crash while grading one notebook must not take the other
 * slots down. Each slot is a forked copy with its own connections; the
 * supervisor only forwards signals and restarts slots that die. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "sandbox/sandbox.h"
#include "services/services.h"
#include "util/fs.h"
#include "worker.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The one process-wide variable: signals received (worker.h "Stopping"). */
static volatile sig_atomic_t g_signals;

static void on_signal(int sig)
{
    (void)sig;
    if (g_signals < 100)
        g_signals++;
}

static void install_handlers(int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* The supervisor wants EINTR out of waitpid to forward signals; slots
     * prefer restarted system calls. */
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

typedef struct cli {
    const char *redis, *db, *queue, *cache_dir, *work_dir, *id, *config, *python, *state_dir;
    int concurrency, once, until_empty, no_sandbox, lease_ms, max_attempts;
} cli;

static void usage(FILE *f)
{
    fputs("usage: tito-worker [--redis URL] [--db URL] [--queue NAME] [--concurrency N]\n"
          "                   [--once] [--until-empty] [--no-sandbox] [--lease-ms N]\n"
          "                   [--max-attempts N] [--cache-dir DIR] [--work-dir DIR]\n"
          "                   [--id NAME] [--config FILE] [--state-dir DIR] [--python PATH]\n"
          "                   [--help]\n"
          "\n"
          "Pulls `complete` jobs from Redis (stream tito:jobs:QUEUE, group workers), runs\n"
          "them and records results in PostgreSQL.\n"
          "\n"
          "  --redis URL         Redis URL (default: $TITO_REDIS_URL, tito.ini, embedded)\n"
          "  --db URL            PostgreSQL conninfo (default: $TITO_DATABASE_URL, tito.ini, embedded)\n"
          "  --queue NAME        queue name (default: tito.ini [workers] queue, else default)\n"
          "  --concurrency N     job slots, one process each (default 1)\n"
          "  --once              handle one entry, then exit\n"
          "  --until-empty       exit when the stream has nothing waiting or pending\n"
          "  --no-sandbox        run jobs without the sandbox (recorded in every result)\n"
          "  --lease-ms N        job lease, renewed every N/3 ms (default 30000)\n"
          "  --max-attempts N    deliveries before a job is dead-lettered (default 3)\n"
          "  --cache-dir DIR     artifact cache (default ~/.cache/tito/artifacts)\n"
          "  --work-dir DIR      parent of job work dirs (default $TMPDIR/tito-work)\n"
          "  --id NAME           worker id (default HOST-PID)\n"
          "  --config FILE       tito.ini to read (default $TITO_CONFIG, else ./tito.ini)\n"
          "  --state-dir DIR     state dir: embedded services, fallback cache (default .tito)\n"
          "  --python PATH       Python for the test harness (default /usr/bin/python3)\n"
          "\n"
          "SIGTERM/SIGINT: finish the current job and exit; a second one abandons it\n"
          "(redelivered to another worker).\n",
          f);
}

static int parse_int(const char *s, int min, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < min || v > INT_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

/* Returns 0, or EXIT_USAGE (message printed), or -1 for --help. */
static int parse_cli(cli *c, int argc, char **argv)
{
    enum { O_REDIS = 256, O_DB, O_QUEUE, O_CONC, O_ONCE, O_UNTIL, O_NOSB, O_LEASE, O_MAXATT,
           O_CACHE, O_WORK, O_ID, O_CONFIG, O_PYTHON, O_STATE, O_HELP };
    static const struct option opts[] = {
        {"redis", required_argument, NULL, O_REDIS},
        {"db", required_argument, NULL, O_DB},
        {"queue", required_argument, NULL, O_QUEUE},
        {"concurrency", required_argument, NULL, O_CONC},
        {"once", no_argument, NULL, O_ONCE},
        {"until-empty", no_argument, NULL, O_UNTIL},
        {"no-sandbox", no_argument, NULL, O_NOSB},
        {"lease-ms", required_argument, NULL, O_LEASE},
        {"max-attempts", required_argument, NULL, O_MAXATT},
        {"cache-dir", required_argument, NULL, O_CACHE},
        {"work-dir", required_argument, NULL, O_WORK},
        {"id", required_argument, NULL, O_ID},
        {"config", required_argument, NULL, O_CONFIG},
        {"python", required_argument, NULL, O_PYTHON},
        {"state-dir", required_argument, NULL, O_STATE},
        {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0},
    };
    int ch;

    memset(c, 0, sizeof(*c));
    c->concurrency = 1;
    c->lease_ms = 30000;
    c->max_attempts = 3;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case O_REDIS: c->redis = optarg; break;
        case O_DB: c->db = optarg; break;
        case O_QUEUE: c->queue = optarg; break;
        case O_ONCE: c->once = 1; break;
        case O_UNTIL: c->until_empty = 1; break;
        case O_NOSB: c->no_sandbox = 1; break;
        case O_CACHE: c->cache_dir = optarg; break;
        case O_WORK: c->work_dir = optarg; break;
        case O_ID: c->id = optarg; break;
        case O_CONFIG: c->config = optarg; break;
        case O_PYTHON: c->python = optarg; break;
        case O_STATE: c->state_dir = optarg; break;
        case O_CONC:
            if (parse_int(optarg, 1, &c->concurrency) < 0 || c->concurrency > 1024) {
                fprintf(stderr, "tito-worker: --concurrency needs an integer 1..1024, got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_LEASE:
            if (parse_int(optarg, 100, &c->lease_ms) < 0) {
                fprintf(stderr, "tito-worker: --lease-ms needs an integer >= 100, got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_MAXATT:
            if (parse_int(optarg, 1, &c->max_attempts) < 0) {
                fprintf(stderr, "tito-worker: --max-attempts needs an integer >= 1, got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
        case O_HELP:
            return -1;
        default:
            fprintf(stderr, "tito-worker: unknown or incomplete option '%s' (see --help)\n",
                    argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tito-worker: unexpected argument '%s' (see --help)\n", argv[optind]);
        return EXIT_USAGE;
    }
    return 0;
}

/* --cache-dir, else $XDG_CACHE_HOME/tito/artifacts, ~/.cache/tito/artifacts,
 * else STATE/cache. Malloc'd. */
static char *default_cache_dir(const tito_config *cfg)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char *base = NULL, *out = NULL;
    if (xdg && *xdg == '/')
        base = tito_fs_join(xdg, "tito");
    else if (home && *home == '/' && tito_fs_is_dir(home))
        base = tito_fs_join(home, ".cache/tito");
    if (base) {
        out = tito_fs_join(base, "artifacts");
        free(base);
        return out;
    }
    base = tito_fs_abspath(cfg->state_dir ? cfg->state_dir : ".tito");
    if (base)
        out = tito_fs_join(base, "cache");
    free(base);
    return out;
}

static char *default_work_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    return tito_fs_join(tmp && *tmp == '/' ? tmp : "/tmp", "tito-work");
}

/* One slot, run in this process. */
static int run_slot(const tito_worker_options *base, const char *id)
{
    tito_worker_options o = *base;
    tito_worker *w = NULL;
    tito_error err = TITO_ERROR_INIT;
    int rc;

    o.id = id;
    if (tito_worker_new(&w, &o, &err) < 0 || tito_worker_run(w, &err) < 0) {
        fprintf(stderr, "[worker %s] fatal: %s\n", id, err.message);
        rc = EXIT_FAIL;
    } else {
        rc = EXIT_OK;
    }
    tito_worker_free(w);
    return rc;
}

static pid_t spawn_slot(const tito_worker_options *o, const char *id)
{
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    /* A SIGKILLed supervisor takes its slots with it, like a single worker. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent)
        _exit(EXIT_FAIL);
    /* Own process group: a terminal's ^C reaches only the supervisor, which
     * forwards it once; otherwise each slot would count it twice. */
    setpgid(0, 0);
    install_handlers(1);
    _exit(run_slot(o, id));
}

static int supervise(const tito_worker_options *o, const char *id, int n)
{
    pid_t *pids = calloc((size_t)n, sizeof(*pids));
    char **ids = calloc((size_t)n, sizeof(*ids));
    int *delay = calloc((size_t)n, sizeof(*delay));
    int alive = 0, rc = EXIT_OK, forwarded = 0;

    if (!pids || !ids || !delay) {
        fprintf(stderr, "tito-worker: out of memory\n");
        free(pids);
        free(ids);
        free(delay);
        return EXIT_FAIL;
    }
    for (int k = 0; k < n; k++) {
        size_t len = strlen(id) + 16;
        if (!(ids[k] = malloc(len)))
            goto oom;
        snprintf(ids[k], len, "%s.%d", id, k + 1);
        delay[k] = 1;
        if ((pids[k] = spawn_slot(o, ids[k])) < 0) {
            fprintf(stderr, "tito-worker: fork: %s\n", strerror(errno));
            rc = EXIT_FAIL;
            continue;
        }
        alive++;
    }
    while (alive > 0) {
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        int sig = (int)g_signals;
        /* Forward each signal once to every slot. */
        while (forwarded < sig) {
            for (int k = 0; k < n; k++)
                if (pids[k] > 0)
                    kill(pids[k], SIGTERM);
            forwarded++;
        }
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        int k = 0;
        while (k < n && pids[k] != pid)
            k++;
        if (k == n)
            continue; /* an orphan reparented to us */
        pids[k] = 0;
        alive--;
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
            continue;
        /* While stopping, or (exit 1: cache or work dir unusable) in a run
         * meant to end, a failed slot is not restarted: it would only fail
         * again. Its failure becomes the exit status. */
        if (g_signals > 0 || (WIFEXITED(st) && (o->once || o->until_empty))) {
            fprintf(stderr, "tito-worker: slot %s %s %d\n", ids[k],
                    WIFSIGNALED(st) ? "killed by signal" : "exited with",
                    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
            rc = EXIT_FAIL;
            continue;
        }
        fprintf(stderr, "tito-worker: slot %s %s %d; restarting in %d s\n", ids[k],
                WIFSIGNALED(st) ? "killed by signal" : "exited with",
                WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st), delay[k]);
        /* Sleep without missing a signal: nanosleep returns early on one. */
        struct timespec ts = {delay[k], 0};
        nanosleep(&ts, NULL);
        if (delay[k] < 30)
            delay[k] *= 2;
        if (g_signals > 0)
            continue; /* stopping: no restart, and that is a clean stop */
        if ((pids[k] = spawn_slot(o, ids[k])) > 0)
            alive++;
        else
            rc = EXIT_FAIL;
    }
    goto done;
oom:
    fprintf(stderr, "tito-worker: out of memory\n");
    rc = EXIT_FAIL;
    for (int k = 0; k < n; k++)
        if (pids[k] > 0)
            kill(pids[k], SIGKILL);
done:
    for (int k = 0; k < n; k++)
        free(ids[k]);
    free(ids);
    free(pids);
    free(delay);
    return rc;
}

int main(int argc, char **argv)
{
    cli c;
    tito_config *cfg = NULL;
    tito_error err = TITO_ERROR_INIT;
    tito_worker_options o = TITO_WORKER_OPTIONS_INIT;
    tito_services_info info;
    char *cache_dir = NULL, *work_dir = NULL, *redis = NULL, *db = NULL;
    char default_id[300];
    int rc;

    if ((rc = parse_cli(&c, argc, argv)) != 0) {
        if (rc < 0) {
            usage(stdout);
            return EXIT_OK;
        }
        return rc;
    }
    if (tito_config_load(&cfg, c.config, &err) < 0) {
        fprintf(stderr, "tito-worker: %s\n", err.message);
        return EXIT_USAGE;
    }
    if ((c.redis && tito_config_set(cfg, "redis_url", c.redis, &err) < 0) ||
        (c.db && tito_config_set(cfg, "database_url", c.db, &err) < 0) ||
        (c.queue && tito_config_set(cfg, "queue", c.queue, &err) < 0) ||
        (c.state_dir && tito_config_set(cfg, "state_dir", c.state_dir, &err) < 0)) {
        fprintf(stderr, "tito-worker: %s\n", err.message);
        rc = EXIT_USAGE;
        goto cleanup;
    }
    redis = cfg->redis_url ? strdup(cfg->redis_url) : NULL;
    db = cfg->database_url ? strdup(cfg->database_url) : NULL;
    if (!redis || !db) {
        /* Not configured: the embedded services, if someone started them. A
         * worker never starts servers itself. */
        tito_services_opts so = TITO_SERVICES_OPTS_INIT;
        so.state_dir = cfg->state_dir ? cfg->state_dir : ".tito";
        memset(&info, 0, sizeof(info));
        if (tito_services_status(&info, &so, &err) == 0 && info.redis_running && info.pg_running) {
            if (!redis)
                redis = strdup(info.redis_url);
            if (!db)
                db = strdup(info.database_url);
        }
        if (!redis || !db) {
            fprintf(stderr, "tito-worker: no %s configured: pass --redis/--db, set "
                            "TITO_REDIS_URL/TITO_DATABASE_URL, or start the embedded services "
                            "(tito services start)\n",
                    !redis && !db ? "Redis or PostgreSQL" : !redis ? "Redis" : "PostgreSQL");
            rc = EXIT_USAGE;
            goto cleanup;
        }
    }
    if (!c.no_sandbox && tito_sandbox_check(&err) < 0) {
        fprintf(stderr, "tito-worker: cannot sandbox jobs: %s\n"
                        "  run with the privileges the sandbox needs, or pass --no-sandbox "
                        "(recorded in every result)\n",
                err.message);
        rc = EXIT_USAGE;
        goto cleanup;
    }
    cache_dir = c.cache_dir ? strdup(c.cache_dir) : default_cache_dir(cfg);
    work_dir = c.work_dir ? tito_fs_abspath(c.work_dir) : default_work_dir();
    if (!cache_dir || !work_dir) {
        fprintf(stderr, "tito-worker: out of memory\n");
        rc = EXIT_FAIL;
        goto cleanup;
    }
    if (!c.id) {
        char host[256] = "localhost";
        gethostname(host, sizeof(host) - 1);
        host[sizeof(host) - 1] = '\0';
        snprintf(default_id, sizeof(default_id), "%s-%d", host, (int)getpid());
    }

    o.id = c.id ? c.id : default_id;
    o.redis_url = redis;
    o.database_url = db;
    o.queue = cfg->queue;
    o.cache_dir = cache_dir;
    o.work_dir = work_dir;
    o.python = c.python;
    o.lease_ms = c.lease_ms;
    o.max_attempts = c.max_attempts;
    o.sandbox = !c.no_sandbox;
    o.once = c.once;
    o.until_empty = c.until_empty;
    o.limits = cfg->limits;
    o.signals = &g_signals;

    if (c.concurrency == 1) {
        install_handlers(1);
        rc = run_slot(&o, o.id);
    } else {
        install_handlers(0);
        rc = supervise(&o, o.id, c.concurrency);
    }
cleanup:
    free(redis);
    free(db);
    free(cache_dir);
    free(work_dir);
    tito_config_free(cfg);
    return rc;
}
