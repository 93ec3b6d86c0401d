/* tito_store on libpq (the only file that includes libpq-fe.h). */
#include "store/store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"
#include "util/buf.h"
#include "util/sha256.h"

/* Hot statements are prepared once per connection (bit i of `prepared`). */
enum { STMT_START, STMT_RECORD, NSTMT };

struct tito_store {
    PGconn *conn;
    char *conninfo;
    unsigned prepared;
};

struct tito_rows {
    PGresult *res;
};

/* Generated from schema/NNN_*.sql by cmake/embed_schema.cmake. */
struct tito_schema_file {
    const char *name;
    const char *sql;
};
extern const struct tito_schema_file tito_schema_files[];
extern const size_t tito_schema_nfiles;

/* pg_advisory_xact_lock key for migrations ("tito" in ASCII). */
#define MIGRATE_LOCK_KEY "1953067375"

#define TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* The first line of libpq's message, without trailing newline. */
static void one_line(char *dst, size_t size, const char *msg)
{
    size_t n = 0;
    if (!msg)
        msg = "";
    while (msg[n] && msg[n] != '\n' && n + 1 < size) {
        dst[n] = msg[n];
        n++;
    }
    dst[n] = '\0';
}

static int looks_unavailable(const char *msg)
{
    static const char *const needles[] = {
        "could not connect", "Connection refused", "No such file or directory",
        "server closed the connection", "connection to server", "no connection to the server",
        "the database system is starting up", "the database system is shutting down",
        "terminating connection", "timeout expired", "Connection reset", "Broken pipe",
        "could not send data", "could not receive data", "SSL SYSCALL error"};
    for (size_t i = 0; i < sizeof(needles) / sizeof(needles[0]); i++)
        if (msg && strstr(msg, needles[i]))
            return 1;
    return 0;
}

static int open_conn(tito_store *s, tito_error *err)
{
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {s->conninfo, "10", "tito", NULL};
    char line[400];

    PQfinish(s->conn);
    s->prepared = 0;
    s->conn = PQconnectdbParams(keys, vals, 1);
    if (!s->conn)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    if (PQstatus(s->conn) != CONNECTION_OK) {
        const char *msg = PQerrorMessage(s->conn);
        int code = looks_unavailable(msg) ? TITO_EUNAVAIL : TITO_ERROR;
        one_line(line, sizeof(line), msg);
        PQfinish(s->conn);
        s->conn = NULL;
        return tito_error_set(err, code, TITO_ERROR_DB, "PostgreSQL %s: %s",
                              code == TITO_EUNAVAIL ? "unreachable" : "connection refused", line);
    }
    PQsetNoticeProcessor(s->conn, quiet_notices, NULL);
    return 0;
}

int tito_store_new(tito_store **out, const char *conninfo, tito_error *err)
{
    tito_store *s = NULL;
    int error = 0;

    *out = NULL;
    if (!conninfo || !*conninfo)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_DB, "no database URL given");
    s = calloc(1, sizeof(*s));
    TITO_CHECK_ALLOC(s, err);
    if (!(s->conninfo = strdup(conninfo))) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = open_conn(s, err)) < 0)
        goto cleanup;
    *out = s;
    s = NULL;
cleanup:
    tito_store_free(s);
    return error;
}

void tito_store_free(tito_store *s)
{
    if (!s)
        return;
    PQfinish(s->conn);
    free(s->conninfo);
    free(s);
}

int tito_store_reset(tito_store *s, tito_error *err)
{
    return open_conn(s, err);
}

/* Reconnects when the previous call broke the connection. */
static int ensure(tito_store *s, tito_error *err)
{
    if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
        return 0;
    return open_conn(s, err);
}

/* Maps a failed result (or a NULL one) to a TITO_E* code with a message. */
static int fail(tito_store *s, const PGresult *res, const char *what, tito_error *err)
{
    char line[400];
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(s->conn);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    int code = TITO_ERROR;

    if (!msg || !*msg)
        msg = PQerrorMessage(s->conn);
    one_line(line, sizeof(line), msg);
    if (PQstatus(s->conn) != CONNECTION_OK || looks_unavailable(msg))
        code = TITO_EUNAVAIL;
    else if (state && (!strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
                       !strcmp(state, "57P02") || !strcmp(state, "57P03")))
        code = TITO_EUNAVAIL;
    else if (state && !strcmp(state, "23505"))
        code = TITO_ECONFLICT;
    else if (state && (!strcmp(state, "23503") || !strcmp(state, "23514") ||
                       !strncmp(state, "22", 2)))
        code = TITO_EINVALID;
    return tito_error_set(err, code, TITO_ERROR_DB, "%s: %s", what, line);
}

/* Runs a parameterised statement (text params). On success *out (may be
 * NULL: result discarded) holds the result. */
static int exec(tito_store *s, PGresult **out, const char *what, const char *sql, int n,
                const char *const *params, tito_error *err)
{
    PGresult *res = NULL;
    int error;

    if (out)
        *out = NULL;
    if ((error = ensure(s, err)) < 0)
        return error;
    res = PQexecParams(s->conn, sql, n, NULL, params, NULL, NULL, 0);
    if (!res || (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)) {
        error = fail(s, res, what, err);
        PQclear(res);
        return error;
    }
    if (out)
        *out = res;
    else
        PQclear(res);
    return 0;
}

/* Like exec, through a statement prepared on first use on this connection. */
static int exec_prepared(tito_store *s, PGresult **out, int stmt, const char *what, const char *sql,
                         int n, const char *const *params, tito_error *err)
{
    static const char *const names[NSTMT] = {"tito_start", "tito_record"};
    PGresult *res = NULL;
    int error;

    if (out)
        *out = NULL;
    if ((error = ensure(s, err)) < 0)
        return error;
    if (!(s->prepared & (1u << stmt))) {
        res = PQprepare(s->conn, names[stmt], sql, n, NULL);
        if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
            error = fail(s, res, what, err);
            PQclear(res);
            return error;
        }
        PQclear(res);
        s->prepared |= 1u << stmt;
    }
    res = PQexecPrepared(s->conn, names[stmt], n, params, NULL, NULL, 0);
    if (!res || (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)) {
        error = fail(s, res, what, err);
        PQclear(res);
        return error;
    }
    if (out)
        *out = res;
    else
        PQclear(res);
    return 0;
}

static int exec_simple(tito_store *s, const char *what, const char *sql, tito_error *err)
{
    PGresult *res = PQexec(s->conn, sql);
    int error = 0;
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
        error = fail(s, res, what, err);
    PQclear(res);
    return error;
}

/* Non-durable writes (SET LOCAL synchronous_commit TO OFF): no WAL fsync
 * wait. Used only where losing the write in an OS crash is harmless
 * (running marks, heartbeats, artifacts that a later durable commit --
 * WAL is sequential -- flushes anyway). */
static int begin_async(tito_store *s, tito_error *err)
{
    int error;
    if ((error = ensure(s, err)) < 0)
        return error;
    return exec_simple(s, "BEGIN", "BEGIN; SET LOCAL synchronous_commit TO OFF", err);
}

static int end_tx(tito_store *s, int error, tito_error *err)
{
    if (PQstatus(s->conn) != CONNECTION_OK)
        return error;
    if (error < 0) {
        PQclear(PQexec(s->conn, "ROLLBACK"));
        return error;
    }
    return exec_simple(s, "COMMIT", "COMMIT", err);
}

static int exec_async(tito_store *s, PGresult **out, const char *what, const char *sql, int n,
                      const char *const *params, tito_error *err)
{
    int error;
    if (out)
        *out = NULL;
    if ((error = begin_async(s, err)) < 0)
        return error;
    error = end_tx(s, exec(s, out, what, sql, n, params, err), err);
    if (error < 0 && out) {
        PQclear(*out);
        *out = NULL;
    }
    return error;
}

static int wrap_rows(tito_rows **out, PGresult *res, tito_error *err)
{
    tito_rows *r = calloc(1, sizeof(*r));
    if (!r) {
        PQclear(res);
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    }
    r->res = res;
    *out = r;
    return 0;
}

static int query_rows(tito_store *s, tito_rows **out, const char *what, const char *sql, int n,
                      const char *const *params, tito_error *err)
{
    PGresult *res = NULL;
    int error;
    *out = NULL;
    if ((error = exec(s, &res, what, sql, n, params, err)) < 0)
        return error;
    return wrap_rows(out, res, err);
}

/* --- migrations ---------------------------------------------------------- */

static int migration_applied(tito_store *s, int *out, const char *name, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[1] = {name};
    int error = exec(s, &res, "reading schema_migrations",
                     "SELECT 1 FROM schema_migrations WHERE version = $1", 1, p, err);
    if (error == 0)
        *out = PQntuples(res) > 0;
    PQclear(res);
    return error;
}

/* 1 when schema_migrations exists and lists every embedded migration. */
static int up_to_date(tito_store *s, int *out, tito_error *err)
{
    PGresult *res = NULL;
    int error;
    *out = 0;
    error = exec(s, &res, "checking the schema",
                 "SELECT to_regclass('schema_migrations') IS NOT NULL", 0, NULL, err);
    if (error < 0)
        return error;
    int exists = !strcmp(PQgetvalue(res, 0, 0), "t");
    PQclear(res);
    if (!exists)
        return 0;
    for (size_t i = 0; i < tito_schema_nfiles; i++) {
        int done = 0;
        if ((error = migration_applied(s, &done, tito_schema_files[i].name, err)) < 0)
            return error;
        if (!done)
            return 0;
    }
    *out = 1;
    return 0;
}

int tito_store_migrate(tito_store *s, int *out_applied, tito_error *err)
{
    int error, applied = 0, ok = 0, in_tx = 0;

    if (out_applied)
        *out_applied = 0;
    if ((error = ensure(s, err)) < 0)
        return error;
    if ((error = up_to_date(s, &ok, err)) < 0 || ok)
        return error;
    for (size_t i = 0; i < tito_schema_nfiles; i++) {
        const char *name = tito_schema_files[i].name;
        const char *p[1] = {name};
        int done = 0;

        if ((error = exec_simple(s, "migrate: BEGIN", "BEGIN", err)) < 0)
            goto cleanup;
        in_tx = 1;
        /* Serialises concurrent migrators; released at COMMIT. */
        if ((error = exec(s, NULL, "migrate: lock", "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK_KEY ")",
                          0, NULL, err)) < 0)
            goto cleanup;
        if ((error = exec_simple(s, "migrate: schema_migrations",
                                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " version text PRIMARY KEY,"
                                 " applied_at timestamptz NOT NULL DEFAULT now())",
                                 err)) < 0)
            goto cleanup;
        if ((error = migration_applied(s, &done, name, err)) < 0)
            goto cleanup;
        if (!done) {
            if ((error = exec_simple(s, name, tito_schema_files[i].sql, err)) < 0) {
                tito_error_prefix(err, "migration %s", name);
                goto cleanup;
            }
            if ((error = exec(s, NULL, "migrate: record",
                              "INSERT INTO schema_migrations(version) VALUES ($1)", 1, p, err)) < 0)
                goto cleanup;
            applied++;
        }
        if ((error = exec_simple(s, "migrate: COMMIT", "COMMIT", err)) < 0)
            goto cleanup;
        in_tx = 0;
    }
    if (out_applied)
        *out_applied = applied;
cleanup:
    if (in_tx && PQstatus(s->conn) == CONNECTION_OK)
        PQclear(PQexec(s->conn, "ROLLBACK"));
    return error;
}

/* --- artifacts ----------------------------------------------------------- */

int tito_store_artifact_put(tito_store *s, char out_sha[65], const void *data, size_t len,
                            tito_error *err)
{
    PGresult *res = NULL;
    char size[32];
    int error;

    tito_sha256_hex(out_sha, data, len);
    if (len > 0x7fffffff)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_DB, "artifact too large (%zu bytes)", len);
    if ((error = begin_async(s, err)) < 0)
        return error;
    snprintf(size, sizeof(size), "%zu", len);
    const char *params[3] = {out_sha, data ? (const char *)data : "", size};
    int lens[3] = {0, (int)len, 0};
    int fmts[3] = {0, 1, 0};
    res = PQexecParams(s->conn,
                       "INSERT INTO artifacts(sha256, bytes, size) VALUES ($1, $2, $3)"
                       " ON CONFLICT (sha256) DO NOTHING",
                       3, NULL, params, lens, fmts, 0);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
        error = fail(s, res, "storing artifact", err);
    PQclear(res);
    return end_tx(s, error, err);
}

int tito_store_artifact_get(tito_store *s, void **out, size_t *out_len, const char *sha,
                            tito_error *err)
{
    PGresult *res = NULL;
    char *buf = NULL;
    int error;
    const char *p[1] = {sha};

    *out = NULL;
    if (out_len)
        *out_len = 0;
    if ((error = ensure(s, err)) < 0)
        return error;
    res = PQexecParams(s->conn, "SELECT bytes FROM artifacts WHERE sha256 = $1", 1, NULL, p, NULL,
                       NULL, 1);
    if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
        error = fail(s, res, "reading artifact", err);
        goto cleanup;
    }
    if (PQntuples(res) == 0) {
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "artifact %s not found", sha);
        goto cleanup;
    }
    size_t n = (size_t)PQgetlength(res, 0, 0);
    if (!(buf = malloc(n + 1))) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    memcpy(buf, PQgetvalue(res, 0, 0), n);
    buf[n] = '\0';
    *out = buf;
    if (out_len)
        *out_len = n;
cleanup:
    PQclear(res);
    return error;
}

int tito_store_artifact_exists(tito_store *s, int *out_exists, const char *sha, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[1] = {sha};
    int error = exec(s, &res, "looking up artifact", "SELECT 1 FROM artifacts WHERE sha256 = $1",
                     1, p, err);
    *out_exists = error == 0 && PQntuples(res) > 0;
    PQclear(res);
    return error;
}

/* --- runs ---------------------------------------------------------------- */

static int first_value(char **out, PGresult *res, tito_error *err)
{
    *out = strdup(PQgetvalue(res, 0, 0));
    if (!*out)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    return 0;
}

int tito_store_run_create(tito_store *s, char **out_id, const char *kind, const char *params_json,
                          tito_error *err)
{
    PGresult *res = NULL;
    const char *p[2] = {kind, params_json};
    int error;

    *out_id = NULL;
    error = exec(s, &res, "creating run",
                 "INSERT INTO runs(kind, params) VALUES ($1, coalesce($2::jsonb, '{}')) RETURNING id",
                 2, p, err);
    if (error == 0)
        error = first_value(out_id, res, err);
    PQclear(res);
    return error;
}

int tito_store_run_finish(tito_store *s, const char *run_id, const char *status, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[2] = {run_id, status};
    int error = exec(s, &res, "finishing run",
                     "UPDATE runs SET status = $2, finished_at = now() WHERE id = $1", 2, p, err);
    if (error == 0 && strcmp(PQcmdTuples(res), "0") == 0)
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "run %s not found", run_id);
    PQclear(res);
    return error;
}

int tito_store_run_last(tito_store *s, char **out_id, tito_error *err)
{
    PGresult *res = NULL;
    int error;
    *out_id = NULL;
    error = exec(s, &res, "finding the last run",
                 "SELECT id FROM runs ORDER BY created_at DESC, length(id) DESC, id DESC LIMIT 1", 0,
                 NULL, err);
    if (error == 0 && PQntuples(res) == 0)
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "no runs yet");
    else if (error == 0)
        error = first_value(out_id, res, err);
    PQclear(res);
    return error;
}

int tito_store_run_counts(tito_store *s, tito_run_counts *out, const char *run_id, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[1] = {run_id};
    int error;

    memset(out, 0, sizeof(*out));
    error = exec(s, &res, "counting jobs",
                 "SELECT count(*), count(*) FILTER (WHERE status = 'queued'),"
                 " count(*) FILTER (WHERE status = 'running'),"
                 " count(*) FILTER (WHERE status = 'passed'),"
                 " count(*) FILTER (WHERE status = 'failed'),"
                 " count(*) FILTER (WHERE status = 'error'),"
                 " count(*) FILTER (WHERE status = 'dead'),"
                 " count(*) FILTER (WHERE status NOT IN"
                 "   ('queued', 'running', 'passed', 'failed', 'error', 'dead'))"
                 " FROM jobs WHERE CASE WHEN $1::text IS NULL"
                 "   THEN run_id IN (SELECT id FROM runs WHERE status = 'running')"
                 "   ELSE run_id = $1 END",
                 1, p, err);
    if (error == 0) {
        int64_t *f[8] = {&out->total, &out->queued, &out->running, &out->passed,
                         &out->failed, &out->error, &out->dead, &out->other};
        for (int i = 0; i < 8; i++)
            *f[i] = strtoll(PQgetvalue(res, 0, i), NULL, 10);
    }
    PQclear(res);
    return error;
}

/* --- jobs ---------------------------------------------------------------- */

/* COPY text format: backslash escapes; NULL is \N. */
static void copy_field(tito_buf *b, const char *v, int last)
{
    if (!v) {
        tito_buf_puts(b, "\\N");
    } else {
        for (const char *c = v; *c; c++) {
            switch (*c) {
            case '\\': tito_buf_puts(b, "\\\\"); break;
            case '\n': tito_buf_puts(b, "\\n"); break;
            case '\r': tito_buf_puts(b, "\\r"); break;
            case '\t': tito_buf_puts(b, "\\t"); break;
            default: tito_buf_putc(b, *c);
            }
        }
    }
    tito_buf_putc(b, last ? '\n' : '\t');
}

static int copy_flush(tito_store *s, tito_buf *b, tito_error *err)
{
    if (b->failed)
        return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
    if (b->len && PQputCopyData(s->conn, b->ptr, (int)b->len) != 1)
        return fail(s, NULL, "sending jobs", err);
    tito_buf_clear(b);
    return 0;
}

int tito_store_jobs_insert(tito_store *s, const char *run_id, const tito_job_row *jobs, size_t n,
                           tito_error *err)
{
    PGresult *res = NULL;
    tito_buf b = TITO_BUF_INIT;
    int error, copying = 0;

    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!jobs[i].id || !*jobs[i].id || !jobs[i].module)
            return tito_error_set(err, TITO_EINVALID, TITO_ERROR_DB, "job %zu has no id or module", i);
    /* jobs.run_id has no foreign key (it would cost a lookup per row): check once. */
    const char *rp[1] = {run_id};
    if ((error = exec(s, &res, "inserting jobs", "SELECT 1 FROM runs WHERE id = $1", 1, rp, err)) < 0)
        return error;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "run %s not found", run_id ? run_id : "(null)");
    }
    PQclear(res);
    res = PQexec(s->conn, "COPY jobs (id, run_id, student, module, submission_sha, spec) FROM STDIN");
    if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
        error = fail(s, res, "inserting jobs", err);
        goto cleanup;
    }
    PQclear(res);
    res = NULL;
    copying = 1;
    for (size_t i = 0; i < n; i++) {
        copy_field(&b, jobs[i].id, 0);
        copy_field(&b, run_id, 0);
        copy_field(&b, jobs[i].student ? jobs[i].student : "", 0);
        copy_field(&b, jobs[i].module, 0);
        copy_field(&b, jobs[i].submission_sha, 0);
        copy_field(&b, jobs[i].spec_json, 1);
        if (b.len > (1 << 16) && (error = copy_flush(s, &b, err)) < 0)
            goto cleanup;
    }
    if ((error = copy_flush(s, &b, err)) < 0)
        goto cleanup;
    copying = 0;
    if (PQputCopyEnd(s->conn, NULL) != 1) {
        error = fail(s, NULL, "inserting jobs", err);
        goto cleanup;
    }
    res = PQgetResult(s->conn);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
        error = fail(s, res, "inserting jobs", err);
cleanup:
    if (copying && PQstatus(s->conn) == CONNECTION_OK)
        PQputCopyEnd(s->conn, "aborted by tito");
    PQclear(res);
    /* Drain whatever results remain so the connection is usable again. */
    while (s->conn && (res = PQgetResult(s->conn)) != NULL)
        PQclear(res);
    tito_buf_dispose(&b);
    return error;
}

/* TITO_ENOTFOUND / TITO_ECONFLICT depending on whether the job exists. */
static int job_missing_or_final(tito_store *s, const char *job_id, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[1] = {job_id};
    int error = exec(s, &res, "reading job", "SELECT status FROM jobs WHERE id = $1", 1, p, err);
    if (error == 0) {
        if (PQntuples(res) == 0)
            error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "job %s not found", job_id);
        else
            error = tito_error_set(err, TITO_ECONFLICT, TITO_ERROR_DB, "job %s is already %s",
                                   job_id, PQgetvalue(res, 0, 0));
    }
    PQclear(res);
    return error;
}

int tito_store_job_start(tito_store *s, int *out_attempt, const char *job_id, const char *worker,
                         tito_error *err)
{
    PGresult *res = NULL;
    const char *p[2] = {job_id, worker};
    int error;

    *out_attempt = 0;
    /* One round trip, committed without waiting for the WAL fsync: the
     * set_config(..., true) applies to this statement's own transaction. */
    error = exec_prepared(s, &res, STMT_START, "starting job",
                 "UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = $2,"
                 " started_at = now() WHERE id = $1 AND status IN ('queued', 'running')"
                 " AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL"
                 " RETURNING attempts",
                 2, p, err);
    if (error == 0 && PQntuples(res) == 0)
        error = job_missing_or_final(s, job_id, err);
    else if (error == 0)
        *out_attempt = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    return error;
}

/* PostgreSQL array literals: {"a","b\"c",NULL} and {1.5,NaN}. */
static void arr_start(tito_buf *b)
{
    tito_buf_clear(b);
    tito_buf_putc(b, '{');
}

static void arr_end(tito_buf *b)
{
    tito_buf_putc(b, '}');
}

static void arr_sep(tito_buf *b)
{
    if (b->len > 1)
        tito_buf_putc(b, ',');
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        return (p[1] & 0xc0) == 0x80 ? 2 : 0;
    if (p[0] >= 0xe0 && p[0] <= 0xef) {
        if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
            return 0;
        if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f))
            return 0;
        return 3;
    }
    if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
            return 0;
        if ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
            return 0;
        return 4;
    }
    return 0;
}

/* Appends v as valid UTF-8 (invalid bytes become U+FFFD: student output is
 * arbitrary bytes, PostgreSQL text is not), escaping '"' and '\\' when
 * quote is set (array literal element). */
static void put_text(tito_buf *b, const char *v, int quote)
{
    const unsigned char *c = (const unsigned char *)v;
    while (*c) {
        size_t n = utf8_seq(c);
        if (n == 0) {
            tito_buf_puts(b, "\xef\xbf\xbd");
            c++;
            continue;
        }
        if (quote && (*c == '"' || *c == '\\'))
            tito_buf_putc(b, '\\');
        tito_buf_put(b, c, n);
        c += n;
    }
}

static void arr_text(tito_buf *b, const char *v)
{
    arr_sep(b);
    if (!v) {
        tito_buf_puts(b, "NULL");
        return;
    }
    tito_buf_putc(b, '"');
    put_text(b, v, 1);
    tito_buf_putc(b, '"');
}

static void arr_num(tito_buf *b, double v)
{
    arr_sep(b);
    if (v != v)
        tito_buf_puts(b, "NaN");
    else if (v > 1e308 || v < -1e308)
        tito_buf_puts(b, v > 0 ? "Infinity" : "-Infinity");
    else
        tito_buf_printf(b, "%.17g", v);
}

static const char *job_status_of(tito_outcome o)
{
    return o == TITO_OUTCOME_SKIPPED ? "passed" : tito_outcome_str(o);
}

int tito_store_result_record(tito_store *s, int *out_already, const tito_store_attempt *a,
                             const tito_result *r, tito_error *err)
{
    enum { NARR = 8 };
    tito_buf arr[NARR] = {TITO_BUF_INIT, TITO_BUF_INIT, TITO_BUF_INIT, TITO_BUF_INIT,
                          TITO_BUF_INIT, TITO_BUF_INIT, TITO_BUF_INIT, TITO_BUF_INIT};
    tito_buf limits = TITO_BUF_INIT, result = TITO_BUF_INIT, message = TITO_BUF_INIT;
    tito_json *rj = NULL;
    PGresult *res = NULL;
    char attempt[16], exit_code[16], sig[16], dur[40];
    int error = 0;

    if (out_already)
        *out_already = 0;
    if (!a || !a->job_id || !r)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_DB, "result_record: missing job or result");

    for (int i = 0; i < NARR; i++)
        arr_start(&arr[i]);
    for (size_t i = 0; i < r->ntests; i++) {
        const tito_test_result *t = &r->tests[i];
        arr_text(&arr[0], t->name ? t->name : "");
        arr_text(&arr[1], tito_outcome_str(t->outcome));
        arr_num(&arr[2], t->duration_ms);
        arr_text(&arr[3], t->message);
        arr_num(&arr[4], t->points);
        arr_num(&arr[5], t->max_points);
    }
    if (r->log) {
        arr_text(&arr[6], "log");
        arr_text(&arr[7], r->log);
    }
    for (size_t i = 0; i < a->nlogs; i++) {
        if (!a->logs[i].stream || !a->logs[i].content)
            continue;
        arr_text(&arr[6], a->logs[i].stream);
        arr_text(&arr[7], a->logs[i].content);
    }
    for (int i = 0; i < NARR; i++) {
        arr_end(&arr[i]);
        if (arr[i].failed) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (r->limits && tito_json_write(&limits, r->limits, 0) < 0) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = tito_result_to_json(&rj, r, err)) < 0)
        goto cleanup;
    if (tito_json_write(&result, rj, 0) < 0) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if (r->message)
        put_text(&message, r->message, 0);
    snprintf(attempt, sizeof(attempt), "%d", a->attempt);
    snprintf(exit_code, sizeof(exit_code), "%d", r->exit_code);
    snprintf(sig, sizeof(sig), "%d", r->term_signal);
    snprintf(dur, sizeof(dur), "%.3f", r->duration_ms);

    const char *p[21] = {a->job_id, attempt, a->worker, tito_outcome_str(r->outcome),
                         r->message ? tito_buf_cstr(&message) : NULL,
                         exit_code, sig, dur, r->sandboxed ? "t" : "f",
                         r->limits ? tito_buf_cstr(&limits) : NULL, a->export_sha,
                         tito_buf_cstr(&result), job_status_of(r->outcome),
                         arr[0].ptr, arr[1].ptr, arr[2].ptr, arr[3].ptr, arr[4].ptr, arr[5].ptr,
                         arr[6].ptr, arr[7].ptr};
    /* One statement = one transaction: the attempt row gates everything else,
     * so a second write of (job, attempt) inserts nothing and updates nothing. */
    error = exec_prepared(s, &res, STMT_RECORD, "recording result",
                 "WITH a AS ("
                 "  INSERT INTO job_attempts(job_id, attempt, worker, outcome, message, exit_code,"
                 "    term_signal, duration_ms, sandboxed, limits, export_sha)"
                 "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)"
                 "  ON CONFLICT (job_id, attempt) DO NOTHING RETURNING job_id, attempt),"
                 " t AS ("
                 "  INSERT INTO test_results(job_id, attempt, seq, name, outcome, duration_ms,"
                 "    message, points, max_points)"
                 "  SELECT a.job_id, a.attempt, u.ord, u.name, u.outcome, u.dur, u.msg, u.pts, u.maxp"
                 "  FROM a, unnest($14::text[], $15::text[], $16::float8[], $17::text[],"
                 "    $18::float8[], $19::float8[]) WITH ORDINALITY"
                 "    AS u(name, outcome, dur, msg, pts, maxp, ord)),"
                 " l AS ("
                 "  INSERT INTO job_logs(job_id, attempt, stream, content)"
                 "  SELECT DISTINCT ON (u.stream) a.job_id, a.attempt, u.stream, u.content"
                 "  FROM a, unnest($20::text[], $21::text[]) AS u(stream, content)),"
                 " j AS ("
                 "  UPDATE jobs SET status = $13, result_attempt = $2::int, finished_at = now(),"
                 "    duration_ms = $8, exit_code = $6, error = $5, export_sha = $11,"
                 "    result = $12::jsonb, worker = coalesce($3, worker),"
                 "    attempts = greatest(attempts, $2::int)"
                 "  WHERE id = (SELECT job_id FROM a) AND status IN ('queued', 'running', 'dead')"
                 "  RETURNING id)"
                 " SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM j)",
                 21, p, err);
    if (error < 0)
        goto cleanup;
    if (out_already)
        *out_already = strcmp(PQgetvalue(res, 0, 0), "0") == 0;
cleanup:
    PQclear(res);
    tito_json_free(rj);
    for (int i = 0; i < NARR; i++)
        tito_buf_dispose(&arr[i]);
    tito_buf_dispose(&limits);
    tito_buf_dispose(&result);
    tito_buf_dispose(&message);
    return error;
}

int tito_store_job_dead(tito_store *s, const char *job_id, const char *reason, tito_error *err)
{
    const char *p[2] = {job_id, reason ? reason : "dead-lettered"};
    return exec(s, NULL, "dead-lettering job",
                "WITH j AS (UPDATE jobs SET status = 'dead', error = $2, finished_at = now()"
                "  WHERE id = $1 AND status IN ('queued', 'running') RETURNING id)"
                " INSERT INTO dead_letters(job_id, reason) SELECT id, $2 FROM j",
                2, p, err);
}

int tito_store_job_set_status(tito_store *s, const char *job_id, const char *status,
                              const char *error_msg, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[3] = {job_id, status, error_msg};
    int error = exec(s, &res, "setting job status",
                     "UPDATE jobs SET status = $2, error = $3,"
                     " finished_at = CASE WHEN $2 IN ('queued', 'running') THEN NULL ELSE now() END"
                     " WHERE id = $1",
                     3, p, err);
    if (error == 0 && strcmp(PQcmdTuples(res), "0") == 0)
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "job %s not found", job_id);
    PQclear(res);
    return error;
}

/* --- workers ------------------------------------------------------------- */

int tito_store_worker_register(tito_store *s, const char *id, const char *host, int pid,
                               const char *version, tito_error *err)
{
    char pidbuf[16];
    snprintf(pidbuf, sizeof(pidbuf), "%d", pid);
    const char *p[4] = {id, host ? host : "", pidbuf, version ? version : ""};
    return exec_async(s, NULL, "registering worker",
                "INSERT INTO workers(id, host, pid, version) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid,"
                " version = EXCLUDED.version, started_at = now(), last_seen = now()",
                4, p, err);
}

int tito_store_worker_heartbeat(tito_store *s, const char *id, tito_error *err)
{
    const char *p[1] = {id};
    return exec(s, NULL, "worker heartbeat",
                "UPDATE workers SET last_seen = now() WHERE id = $1"
                " AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL",
                1, p, err);
}

int tito_store_worker_unregister(tito_store *s, const char *id, tito_error *err)
{
    const char *p[1] = {id};
    return exec_async(s, NULL, "unregistering worker", "DELETE FROM workers WHERE id = $1", 1, p, err);
}

/* --- rows ---------------------------------------------------------------- */

void tito_rows_free(tito_rows *r)
{
    if (!r)
        return;
    PQclear(r->res);
    free(r);
}

size_t tito_rows_count(const tito_rows *r)
{
    return r ? (size_t)PQntuples(r->res) : 0;
}

size_t tito_rows_ncols(const tito_rows *r)
{
    return r ? (size_t)PQnfields(r->res) : 0;
}

const char *tito_rows_colname(const tito_rows *r, size_t col)
{
    return r ? PQfname(r->res, (int)col) : NULL;
}

const char *tito_rows_get(const tito_rows *r, size_t row, size_t col)
{
    if (!r || row >= (size_t)PQntuples(r->res) || col >= (size_t)PQnfields(r->res))
        return NULL;
    if (PQgetisnull(r->res, (int)row, (int)col))
        return NULL;
    return PQgetvalue(r->res, (int)row, (int)col);
}

const char *tito_rows_getn(const tito_rows *r, size_t row, const char *colname)
{
    if (!r)
        return NULL;
    int col = PQfnumber(r->res, colname);
    return col < 0 ? NULL : tito_rows_get(r, row, (size_t)col);
}

/* --- queries ------------------------------------------------------------- */

int tito_store_query_runs(tito_store *s, tito_rows **out, size_t limit, tito_error *err)
{
    char lim[32];
    const char *p[1] = {NULL};
    if (limit) {
        snprintf(lim, sizeof(lim), "%zu", limit);
        p[0] = lim;
    }
    return query_rows(s, out, "listing runs",
                      "SELECT r.id, r.kind, r.status, " TS("r.created_at") " AS created_at, "
                      TS("r.finished_at") " AS finished_at, count(j.id) AS total,"
                      " count(j.id) FILTER (WHERE j.status = 'queued') AS queued,"
                      " count(j.id) FILTER (WHERE j.status = 'running') AS running,"
                      " count(j.id) FILTER (WHERE j.status = 'passed') AS passed,"
                      " count(j.id) FILTER (WHERE j.status = 'failed') AS failed,"
                      " count(j.id) FILTER (WHERE j.status NOT IN"
                      "   ('queued', 'running', 'passed', 'failed')) AS other"
                      " FROM runs r LEFT JOIN jobs j ON j.run_id = r.id"
                      " GROUP BY r.id ORDER BY r.created_at DESC, length(r.id) DESC, r.id DESC"
                      " LIMIT $1::bigint",
                      1, p, err);
}

/* WHERE clause shared by results and tests: $1 run (NULL: latest per
 * (student, module)), $2 module, $3 student. */
#define FILTER_WHERE                                                                         \
    " WHERE ($1::text IS NULL OR j.run_id = $1)"                                             \
    " AND ($2::text IS NULL OR j.module = $2 OR j.module LIKE $2 || '\\_%'"                  \
    "      OR ($2 ~ '^[0-9]+$' AND j.module ~ ('^0*' || ltrim($2, '0') || '(_|$)')))"      \
    " AND ($3::text IS NULL OR j.student = $3)"                                              \
    " AND ($1::text IS NOT NULL OR j.id IN (SELECT id FROM latest_results))"

int tito_store_query_results(tito_store *s, tito_rows **out, const tito_results_filter *f,
                             tito_error *err)
{
    const char *p[3] = {f ? f->run_id : NULL, f ? f->module : NULL, f ? f->student : NULL};
    return query_rows(s, out, "reading results",
                      "SELECT j.id AS job_id, j.run_id, j.student, j.module, j.status, j.attempts,"
                      " j.worker, " TS("j.queued_at") " AS queued_at, " TS("j.started_at")
                      " AS started_at, " TS("j.finished_at") " AS finished_at,"
                      " round(j.duration_ms::numeric, 1) AS duration_ms, j.exit_code, j.error,"
                      " j.export_sha,"
                      " (SELECT count(*) FROM test_results t WHERE t.job_id = j.id"
                      "   AND t.attempt = j.result_attempt AND t.outcome = 'passed') AS tests_passed,"
                      " (SELECT count(*) FROM test_results t WHERE t.job_id = j.id"
                      "   AND t.attempt = j.result_attempt) AS tests_total,"
                      " (SELECT coalesce(sum(points), 0) FROM test_results t WHERE t.job_id = j.id"
                      "   AND t.attempt = j.result_attempt) AS points,"
                      " (SELECT coalesce(sum(max_points), 0) FROM test_results t WHERE t.job_id = j.id"
                      "   AND t.attempt = j.result_attempt) AS max_points,"
                      " a.sandboxed, a.limits"
                      " FROM jobs j LEFT JOIN job_attempts a ON a.job_id = j.id AND a.attempt = j.result_attempt"
                      FILTER_WHERE " ORDER BY j.student, j.module, j.id",
                      3, p, err);
}

int tito_store_query_tests(tito_store *s, tito_rows **out, const tito_results_filter *f,
                           tito_error *err)
{
    const char *p[3] = {f ? f->run_id : NULL, f ? f->module : NULL, f ? f->student : NULL};
    return query_rows(s, out, "reading test results",
                      "SELECT j.job_id, j.student, j.module, j.name, j.outcome,"
                      " round(j.duration_ms::numeric, 1) AS duration_ms, j.message, j.points,"
                      " j.max_points FROM job_tests j"
                      " WHERE ($1::text IS NULL OR j.run_id = $1)"
                      " AND ($2::text IS NULL OR j.module = $2 OR j.module LIKE $2 || '\\_%'"
                      "      OR ($2 ~ '^[0-9]+$' AND j.module ~ ('^0*' || ltrim($2, '0') || '(_|$)')))"
                      " AND ($3::text IS NULL OR j.student = $3)"
                      " AND ($1::text IS NOT NULL OR j.job_id IN (SELECT id FROM latest_results))"
                      " ORDER BY j.student, j.module, j.job_id, j.seq",
                      3, p, err);
}

/* Resolves an id or unique prefix to the full id (malloc'd). */
static int resolve_job(tito_store *s, char **out, const char *job_id, tito_error *err)
{
    PGresult *res = NULL;
    const char *p[1] = {job_id};
    int error;

    *out = NULL;
    error = exec(s, &res, "finding job",
                 "SELECT id FROM jobs WHERE id = $1"
                 " UNION ALL (SELECT id FROM jobs WHERE id LIKE"
                 "   replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'"
                 "   AND NOT EXISTS (SELECT 1 FROM jobs WHERE id = $1) LIMIT 2)",
                 1, p, err);
    if (error < 0)
        goto cleanup;
    if (PQntuples(res) == 0)
        error = tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_DB, "no job %s", job_id);
    else if (PQntuples(res) > 1)
        error = tito_error_set(err, TITO_ECONFLICT, TITO_ERROR_DB,
                               "job id prefix %s is ambiguous", job_id);
    else
        error = first_value(out, res, err);
cleanup:
    PQclear(res);
    return error;
}

int tito_store_query_logs(tito_store *s, tito_rows **out, const char *job_id, int attempt,
                          tito_error *err)
{
    char *id = NULL, att[16];
    int error;

    *out = NULL;
    if ((error = resolve_job(s, &id, job_id, err)) < 0)
        return error;
    snprintf(att, sizeof(att), "%d", attempt);
    const char *p[2] = {id, att};
    error = query_rows(s, out, "reading logs",
                       "SELECT job_id, attempt, stream, content FROM job_logs WHERE job_id = $1"
                       " AND attempt = CASE WHEN $2::int > 0 THEN $2::int ELSE"
                       "   (SELECT max(attempt) FROM job_logs WHERE job_id = $1) END"
                       " ORDER BY CASE stream WHEN 'log' THEN 0 WHEN 'stdout' THEN 1"
                       "   WHEN 'stderr' THEN 2 ELSE 3 END, stream",
                       2, p, err);
    free(id);
    return error;
}

int tito_store_query_job(tito_store *s, tito_rows **out, const char *job_id, tito_error *err)
{
    char *id = NULL;
    int error;

    *out = NULL;
    if ((error = resolve_job(s, &id, job_id, err)) < 0)
        return error;
    const char *p[1] = {id};
    error = query_rows(s, out, "reading job",
                       "SELECT j.id AS job_id, j.run_id, j.student, j.module, j.status, j.attempts,"
                       " j.worker, " TS("j.queued_at") " AS queued_at, " TS("j.started_at")
                       " AS started_at, " TS("j.finished_at") " AS finished_at,"
                       " round(j.duration_ms::numeric, 1) AS duration_ms, j.exit_code, j.error,"
                       " j.export_sha, j.spec::text AS spec FROM jobs j WHERE j.id = $1",
                       1, p, err);
    free(id);
    return error;
}

int tito_store_query_workers(tito_store *s, tito_rows **out, int max_age_s, tito_error *err)
{
    char age[16];
    snprintf(age, sizeof(age), "%d", max_age_s);
    const char *p[1] = {age};
    return query_rows(s, out, "listing workers",
                      "SELECT id, host, pid, version, " TS("started_at") " AS started_at, "
                      TS("last_seen") " AS last_seen,"
                      " extract(epoch FROM now() - last_seen)::int AS age_s FROM workers"
                      " WHERE last_seen > now() - make_interval(secs => $1::int) ORDER BY id",
                      1, p, err);
}

int tito_store_query_status(tito_store *s, tito_rows **out, tito_error *err)
{
    return query_rows(s, out, "reading status",
                      "SELECT count(*) FILTER (WHERE status = 'queued') AS queued,"
                      " count(*) FILTER (WHERE status = 'running') AS running,"
                      " count(*) FILTER (WHERE status NOT IN ('queued', 'running', 'dead'))"
                      "   AS finished,"
                      " count(*) FILTER (WHERE status = 'dead') AS dead,"
                      " (SELECT count(*) FROM dead_letters) AS dead_letters,"
                      " (SELECT count(*) FROM runs WHERE status = 'running') AS runs_running"
                      " FROM jobs",
                      0, NULL, err);
}

int tito_store_query_unfinished(tito_store *s, tito_rows **out, const char *run_id, tito_error *err)
{
    const char *p[1] = {run_id};
    return query_rows(s, out, "listing unfinished jobs",
                      "SELECT id, run_id, status, spec::text AS spec FROM jobs"
                      " WHERE status IN ('queued', 'running') AND ($1::text IS NULL OR run_id = $1)"
                      " ORDER BY queued_at, id",
                      1, p, err);
}
