/* tito_services: the embedded redis-server and PostgreSQL cluster (design §8)
 * and the one place that turns a tito_config into connected store/queue.
 *
 * Layout under STATE (tito_config.state_dir, default .tito) -- or, when
 * STATE is too deep for unix socket paths or (as root) the service users
 * cannot reach it, under /var/tmp/tito-<sha256(abs STATE)[:16]>/ (the same
 * for every command, so services are still found again; such a directory
 * is removed by a later start once its STATE is deleted and its servers
 * are stopped):
 *   STATE/services/lock            flock held while starting/stopping
 *   STATE/services/redis/          redis.conf, redis.sock, redis.pid, AOF, log
 *   STATE/services/pg/             unix socket dir (.s.PGSQL.5432)
 *   STATE/services/pg/data/        the cluster (initdb on first use), log in pg/postgres.log
 *
 * Redis: AOF on, appendfsync everysec, port 0 (no TCP), unixsocket only.
 * PostgreSQL 15: initdb -A trust, listen_addresses='', pg_ctl -w start.
 * As root, both servers run as an unprivileged user (postgres / redis if
 * they exist, else nobody) that owns their directories. Both sockets are mode
 * 0700 (trust auth must not mean "any local user"): clients run as the same
 * user as the servers, or as root.
 * Started services are reused by later commands (pid + socket check) until
 * tito_services_stop. Starting is serialised by a lock, so concurrent
 * commands are safe.
 *
 * Binaries: redis-server from opts.redis_bin, $TITO_REDIS_SERVER, else PATH;
 * PostgreSQL from opts.pg_bindir, $TITO_PG_BINDIR, else the directory of
 * `pg_ctl` on PATH, else /usr/lib/postgresql/{17,16,15}/bin. Missing ->
 * TITO_ENOTFOUND with "install redis-server" / "install postgresql-15".
 *
 * Errors: 0 or negative TITO_E*, err filled. No function prints or exits. */
#ifndef TITO_SERVICES_SERVICES_H
#define TITO_SERVICES_SERVICES_H

#include <sys/types.h>

#include "config/config.h"
#include "queue/queue.h"
#include "store/store.h"
#include "util/error.h"

typedef struct tito_services_opts {
    const char *state_dir;  /* required; made absolute internally */
    const char *redis_bin;  /* NULL: $TITO_REDIS_SERVER, else PATH */
    const char *pg_bindir;  /* NULL: $TITO_PG_BINDIR, else search */
    int migrate;            /* 1: run tito_store_migrate after start (default) */
} tito_services_opts;
#define TITO_SERVICES_OPTS_INIT {NULL, NULL, NULL, 1}

typedef struct tito_services_info {
    int redis_running;
    pid_t redis_pid;
    int pg_running;
    pid_t pg_pid;
    char redis_url[4200];     /* "unix:///abs/STATE/services/redis/redis.sock" */
    char database_url[4200];  /* "host=/abs/STATE/services/pg dbname=tito user=U" */
    char dir[4096];           /* absolute STATE/services */
} tito_services_info;

/* Starts whichever of the two servers is not running (initdb + createdb on
 * first use), waits until both accept connections, migrates (opts.migrate),
 * and fills *out (may be NULL). Reuses running instances. */
int tito_services_start(tito_services_info *out, const tito_services_opts *opts, tito_error *err);
/* Stops both (redis SHUTDOWN via SIGTERM, AOF flushed; pg_ctl stop -m fast).
 * Not running is not an error. */
int tito_services_stop(const tito_services_opts *opts, tito_error *err);
/* Fills *out without starting anything. */
int tito_services_status(tito_services_info *out, const tito_services_opts *opts, tito_error *err);

/* Finer control, for tests (restart one server mid-run). */
int tito_services_redis_start(tito_services_info *out, const tito_services_opts *opts,
                              tito_error *err);
int tito_services_redis_stop(const tito_services_opts *opts, tito_error *err);
int tito_services_pg_start(tito_services_info *out, const tito_services_opts *opts, tito_error *err);
int tito_services_pg_stop(const tito_services_opts *opts, tito_error *err);

/* Resolves the URLs the rest of tito uses: cfg->redis_url / cfg->database_url
 * when set (external servers), otherwise the embedded services are started
 * (or reused) under cfg->state_dir and migrated. *out_redis_url and
 * *out_database_url are malloc'd (caller frees); either out may be NULL. */
int tito_services_resolve(char **out_redis_url, char **out_database_url, const tito_config *cfg,
                          tito_error *err);

/* Convenience for commands and workers: resolve, then connect. Pass NULL for
 * an out you do not need. consumer: the queue consumer name (worker id) or
 * NULL. On failure nothing is left connected. The schema is migrated (a
 * no-op costing one query when up to date) for external servers too. */
int tito_services_connect(tito_store **out_store, tito_queue **out_queue, const tito_config *cfg,
                          const char *consumer, tito_error *err);

/* `tito runs reconcile`: re-enqueues (with the stored job document) every
 * job PostgreSQL holds as queued or running, of run_id (NULL: all runs),
 * that no entry of the queue's stream holds -- e.g. after Redis lost data.
 * A job that is enqueued concurrently may end up in the stream twice; that
 * is harmless (job_start refuses a finished job, results are idempotent per
 * attempt). Out counts may be NULL. Borrows st and q. */
int tito_services_reconcile(size_t *out_reenqueued, size_t *out_unfinished, tito_store *st,
                            tito_queue *q, const char *run_id, tito_error *err);

#endif
