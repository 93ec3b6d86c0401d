/* The embedded services, each test in its own temp state dir. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "queue/queue.h"
#include "services/services.h"
#include "store/store.h"

static char dir[64];
static tito_error err = TITO_ERROR_INIT;

static void mk(void)
{
    snprintf(dir, sizeof(dir), "/tmp/tito-tsvc-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    chmod(dir, 0755);
}

static void rm(void)
{
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    o.state_dir = dir;
    tito_services_stop(&o, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

TestSuite(services, .init = mk, .fini = rm, .timeout = 180);

Test(services, start_status_reuse_stop_restart)
{
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    tito_services_info a, b, s;
    o.state_dir = dir;
    cr_assert_eq(tito_services_status(&s, &o, &err), 0, "%s", err.message);
    cr_assert_eq(s.redis_running, 0);
    cr_assert_eq(s.pg_running, 0);

    cr_assert_eq(tito_services_start(&a, &o, &err), 0, "%s", err.message);
    cr_assert(a.redis_running && a.pg_running);
    cr_assert_gt(a.redis_pid, 0);
    cr_assert_not_null(strstr(a.redis_url, "unix:///tmp/tito-tsvc-"));
    cr_assert_not_null(strstr(a.database_url, "dbname=tito"));

    /* second start reuses the same servers */
    cr_assert_eq(tito_services_start(&b, &o, &err), 0, "%s", err.message);
    cr_assert_eq(b.redis_pid, a.redis_pid);
    cr_assert_eq(b.pg_pid, a.pg_pid);

    /* usable, and migrated */
    tito_store *st = NULL;
    tito_queue *q = NULL;
    int applied = -1;
    cr_assert_eq(tito_store_new(&st, a.database_url, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_migrate(st, &applied, &err), 0, "%s", err.message);
    cr_assert_eq(applied, 0);
    cr_assert_eq(tito_queue_new(&q, a.redis_url, NULL, "w", &err), 0, "%s", err.message);

    cr_assert_eq(tito_services_stop(&o, &err), 0, "%s", err.message);
    cr_assert_eq(tito_services_status(&s, &o, &err), 0, "%s", err.message);
    cr_assert_eq(s.redis_running, 0);
    cr_assert_eq(s.pg_running, 0);
    /* clients see EUNAVAIL while down */
    tito_rows *rows = NULL;
    int rc = tito_store_query_status(st, &rows, &err);
    cr_assert_eq(rc, TITO_EUNAVAIL, "rc %d: %s", rc, err.message);
    tito_queue_stats qs;
    rc = tito_queue_stats_get(q, &qs, &err);
    cr_assert_eq(rc, TITO_EUNAVAIL, "rc %d: %s", rc, err.message);

    /* restart an existing cluster (no initdb); clients recover on the next call */
    cr_assert_eq(tito_services_start(&b, &o, &err), 0, "%s", err.message);
    cr_assert(b.redis_running && b.pg_running);
    cr_assert_eq(tito_store_query_status(st, &rows, &err), 0, "%s", err.message);
    tito_rows_free(rows);
    cr_assert_eq(tito_queue_stats_get(q, &qs, &err), 0, "%s", err.message);
    tito_store_free(st);
    tito_queue_free(q);
    cr_assert_eq(tito_services_stop(&o, &err), 0, "%s", err.message);
    /* stopping twice is fine */
    cr_assert_eq(tito_services_stop(&o, &err), 0, "%s", err.message);
}

Test(services, missing_binaries_name_the_package)
{
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    o.state_dir = dir;
    o.redis_bin = "/nonexistent/redis-server";
    cr_assert_eq(tito_services_start(NULL, &o, &err), TITO_ENOTFOUND);
    cr_assert_not_null(strstr(err.message, "install redis-server"), "%s", err.message);
    o.redis_bin = NULL;
    o.pg_bindir = "/nonexistent/bin";
    cr_assert_eq(tito_services_pg_start(NULL, &o, &err), TITO_ENOTFOUND);
    cr_assert_not_null(strstr(err.message, "install postgresql-15"), "%s", err.message);
}

Test(services, resolve_prefers_configured_urls)
{
    tito_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.redis_url = "redis://example:6379";
    cfg.database_url = "host=/x dbname=y";
    cfg.state_dir = dir;
    char *r = NULL, *d = NULL;
    cr_assert_eq(tito_services_resolve(&r, &d, &cfg, &err), 0, "%s", err.message);
    cr_assert_str_eq(r, "redis://example:6379");
    cr_assert_str_eq(d, "host=/x dbname=y");
    free(r);
    free(d);
    /* nothing was started */
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    tito_services_info s;
    o.state_dir = dir;
    cr_assert_eq(tito_services_status(&s, &o, &err), 0);
    cr_assert_eq(s.redis_running + s.pg_running, 0);
}

Test(services, too_deep_or_unreachable_state_dir_falls_back_to_var_tmp)
{
    char deep[400];
    snprintf(deep, sizeof(deep), "%s/%0200d", dir, 0);
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    tito_services_info s;
    o.state_dir = deep;
    cr_assert_eq(tito_services_status(&s, &o, &err), 0, "%s", err.message);
    cr_assert_eq(strncmp(s.dir, "/var/tmp/tito-", 14), 0, "%s", s.dir);
    cr_assert_eq(s.redis_running + s.pg_running, 0);
    if (geteuid() == 0) {
        /* a 0700 directory the service users cannot enter */
        char priv[128];
        snprintf(priv, sizeof(priv), "%s/private", dir);
        cr_assert_eq(mkdir(priv, 0700), 0);
        o.state_dir = priv;
        cr_assert_eq(tito_services_status(&s, &o, &err), 0, "%s", err.message);
        cr_assert_eq(strncmp(s.dir, "/var/tmp/tito-", 14), 0, "%s", s.dir);
    }
    /* a normal dir stays put */
    o.state_dir = dir;
    cr_assert_eq(tito_services_status(&s, &o, &err), 0, "%s", err.message);
    cr_assert_eq(strncmp(s.dir, dir, strlen(dir)), 0, "%s", s.dir);
}

/* PostgreSQL killed with SIGKILL (stale postmaster.pid, maybe a zombie nobody
 * reaps): clients get EUNAVAIL, a new start recovers, committed data stays. */
Test(services, pg_killed_hard_then_restarted)
{
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    tito_services_info a, s;
    o.state_dir = dir;
    cr_assert_eq(tito_services_pg_start(&a, &o, &err), 0, "%s", err.message);
    tito_store *st = NULL;
    char *run = NULL, *last = NULL;
    cr_assert_eq(tito_store_new(&st, a.database_url, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_run_create(st, &run, "test", NULL, &err), 0, "%s", err.message);
    tito_job_row row = {"killed-job", "", "01_x", NULL, "{}"};
    int attempt = 0;
    cr_assert_eq(tito_store_jobs_insert(st, run, &row, 1, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_job_start(st, &attempt, "killed-job", "w", &err), 0, "%s", err.message);
    cr_assert_eq(kill(a.pg_pid, SIGKILL), 0);
    sleep(1);
    cr_assert_eq(tito_services_status(&s, &o, &err), 0);
    cr_assert_eq(s.pg_running, 0);
    int rc = tito_store_run_last(st, &last, &err);
    cr_assert_eq(rc, TITO_EUNAVAIL, "rc %d: %s", rc, err.message);
    cr_assert_eq(tito_services_pg_start(&s, &o, &err), 0, "%s", err.message);
    cr_assert_eq(tito_store_run_last(st, &last, &err), 0, "%s", err.message);
    cr_assert_str_eq(last, run);
    /* prepared statements are re-prepared on the new connection */
    cr_assert_eq(tito_store_job_start(st, &attempt, "killed-job", "w", &err), 0, "%s", err.message);
    cr_assert_geq(attempt, 1);
    free(last);
    free(run);
    tito_store_free(st);
}
