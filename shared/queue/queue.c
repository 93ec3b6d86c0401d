/* tito_queue on hiredis (the only file that includes hiredis.h). */
#include "queue/queue.h"

#include <hiredis/hiredis.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define GROUP "workers"
#define PIPELINE_CHUNK 1000
#define DEFAULT_TIMEOUT_MS 10000

struct tito_queue {
    redisContext *c;
    char *url;
    char *stream;    /* tito:jobs:<queue> */
    char *dead;      /* tito:dead:<queue> */
    char *consumer;  /* may be NULL */
    /* parsed url */
    char *host, *path, *password;
    int port, db;
};

/* Renews the lease only while this consumer still owns the entry (a plain
 * XCLAIM would steal it back from a worker that autoclaimed it). */
static const char RENEW_LUA[] =
    "local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)\n"
    "if #p == 0 or p[1][2] ~= ARGV[3] then return 0 end\n"
    "redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')\n"
    "return 1\n";

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static char *fmt(const char *f, const char *a)
{
    size_t n = strlen(f) + strlen(a) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, f, a);
    return p;
}

static int parse_url(tito_queue *q, const char *url, tito_error *err)
{
    const char *p = url;
    if (!strncmp(p, "unix://", 7) || p[0] == '/') {
        if (!strncmp(p, "unix://", 7))
            p += 7;
        const char *qm = strchr(p, '?');
        q->path = qm ? dupn(p, (size_t)(qm - p)) : strdup(p);
        if (qm && !strncmp(qm, "?db=", 4))
            q->db = atoi(qm + 4);
        TITO_CHECK_ALLOC(q->path, err);
        if (!q->path[0])
            return tito_error_set(err, TITO_EINVALID, TITO_ERROR_QUEUE, "bad Redis URL '%s'", url);
        return 0;
    }
    if (strncmp(p, "redis://", 8))
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_QUEUE,
                              "bad Redis URL '%s' (want redis://host:port/db or unix:///path)", url);
    p += 8;
    const char *at = strchr(p, '@');
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        const char *pw = colon ? colon + 1 : p;
        q->password = dupn(pw, (size_t)(at - pw));
        TITO_CHECK_ALLOC(q->password, err);
        p = at + 1;
    }
    size_t hl = strcspn(p, ":/");
    q->host = hl ? dupn(p, hl) : strdup("127.0.0.1");
    TITO_CHECK_ALLOC(q->host, err);
    p += hl;
    q->port = 6379;
    if (*p == ':') {
        q->port = atoi(p + 1);
        p += 1 + strspn(p + 1, "0123456789");
    }
    if (*p == '/' && p[1])
        q->db = atoi(p + 1);
    return 0;
}

static void disconnect(tito_queue *q)
{
    if (q->c)
        redisFree(q->c);
    q->c = NULL;
}

static void set_timeout(tito_queue *q, int ms)
{
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    if (q->c)
        redisSetTimeout(q->c, tv);
}

static int where(char *buf, size_t n, const tito_queue *q)
{
    if (q->path)
        return snprintf(buf, n, "unix:%s", q->path);
    return snprintf(buf, n, "%s:%d", q->host, q->port);
}

/* Turns a NULL reply / error reply into a code. Frees *reply on error. */
static int check(tito_queue *q, redisReply **reply, const char *what, tito_error *err)
{
    char at[300];
    where(at, sizeof(at), q);
    if (!*reply) {
        int error = tito_error_set(err, TITO_EUNAVAIL, TITO_ERROR_QUEUE, "Redis %s: %s: %s", at, what,
                                   q->c && q->c->errstr[0] ? q->c->errstr : "connection lost");
        disconnect(q);
        return error;
    }
    if ((*reply)->type == REDIS_REPLY_ERROR) {
        const char *m = (*reply)->str;
        int code = TITO_ERROR;
        if (!strncmp(m, "LOADING", 7) || !strncmp(m, "BUSY", 4) || !strncmp(m, "MASTERDOWN", 10))
            code = TITO_EUNAVAIL;
        else if (!strncmp(m, "NOGROUP", 7))
            code = TITO_ENOTFOUND;
        tito_error_set(err, code, TITO_ERROR_QUEUE, "Redis %s: %s: %s", at, what, m);
        freeReplyObject(*reply);
        *reply = NULL;
        return code;
    }
    return 0;
}

static int run(tito_queue *q, redisReply **out, const char *what, int argc, const char **argv,
               const size_t *lens, tito_error *err)
{
    redisReply *r = redisCommandArgv(q->c, argc, argv, lens);
    int error = check(q, &r, what, err);
    if (error == 0 && out)
        *out = r;
    else
        freeReplyObject(r);
    return error;
}

static int create_group(tito_queue *q, tito_error *err)
{
    /* "0": a re-created group delivers every entry still in the stream
     * (acked entries are deleted, so those are exactly the unacked ones). */
    const char *argv[] = {"XGROUP", "CREATE", q->stream, GROUP, "0", "MKSTREAM"};
    redisReply *r = redisCommandArgv(q->c, 6, argv, NULL);
    if (r && r->type == REDIS_REPLY_ERROR && !strncmp(r->str, "BUSYGROUP", 9)) {
        freeReplyObject(r);
        return 0;
    }
    int error = check(q, &r, "creating consumer group", err);
    freeReplyObject(r);
    return error;
}

static int connect_now(tito_queue *q, tito_error *err)
{
    struct timeval tv = {5, 0};
    char at[300];
    int error;

    disconnect(q);
    where(at, sizeof(at), q);
    q->c = q->path ? redisConnectUnixWithTimeout(q->path, tv)
                   : redisConnectWithTimeout(q->host, q->port, tv);
    if (!q->c || q->c->err) {
        error = tito_error_set(err, TITO_EUNAVAIL, TITO_ERROR_QUEUE, "Redis unreachable at %s: %s", at,
                               q->c ? q->c->errstr : "out of memory");
        disconnect(q);
        return error;
    }
    set_timeout(q, DEFAULT_TIMEOUT_MS);
    if (q->password) {
        const char *argv[] = {"AUTH", q->password};
        if ((error = run(q, NULL, "AUTH", 2, argv, NULL, err)) < 0)
            goto fail;
    }
    if (q->db) {
        char db[16];
        snprintf(db, sizeof(db), "%d", q->db);
        const char *argv[] = {"SELECT", db};
        if ((error = run(q, NULL, "SELECT", 2, argv, NULL, err)) < 0)
            goto fail;
    }
    if ((error = create_group(q, err)) < 0)
        goto fail;
    return 0;
fail:
    disconnect(q);
    return error;
}

static int ensure(tito_queue *q, tito_error *err)
{
    if (q->c && !q->c->err)
        return 0;
    return connect_now(q, err);
}

int tito_queue_new(tito_queue **out, const char *url, const char *queue_name, const char *consumer,
                   tito_error *err)
{
    tito_queue *q = NULL;
    int error = 0;

    *out = NULL;
    if (!url || !*url)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_QUEUE, "no Redis URL given");
    if (!queue_name)
        queue_name = "default";
    /* hiredis writes with write(2): a Redis that died must give EPIPE, not
     * kill the process. Only the default disposition is changed. */
    struct sigaction sa;
    if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
        sa.sa_handler = SIG_IGN;
        sigaction(SIGPIPE, &sa, NULL);
    }
    q = calloc(1, sizeof(*q));
    TITO_CHECK_ALLOC(q, err);
    q->url = strdup(url);
    q->stream = fmt("tito:jobs:%s", queue_name);
    q->dead = fmt("tito:dead:%s", queue_name);
    q->consumer = consumer ? strdup(consumer) : NULL;
    if (!q->url || !q->stream || !q->dead || (consumer && !q->consumer)) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((error = parse_url(q, url, err)) < 0)
        goto cleanup;
    if ((error = connect_now(q, err)) < 0)
        goto cleanup;
    *out = q;
    q = NULL;
cleanup:
    tito_queue_free(q);
    return error;
}

void tito_queue_free(tito_queue *q)
{
    if (!q)
        return;
    disconnect(q);
    free(q->url);
    free(q->stream);
    free(q->dead);
    free(q->consumer);
    free(q->host);
    free(q->path);
    free(q->password);
    free(q);
}

int tito_queue_reset(tito_queue *q, tito_error *err)
{
    return connect_now(q, err);
}

void tito_queue_strings_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void tito_queue_msgs_free(tito_queue_msg *msgs, size_t n)
{
    if (!msgs)
        return;
    for (size_t i = 0; i < n; i++) {
        free(msgs[i].entry_id);
        free(msgs[i].job_id);
        free(msgs[i].job);
    }
    free(msgs);
}

void tito_queue_events_free(tito_queue_event *ev, size_t n)
{
    if (!ev)
        return;
    for (size_t i = 0; i < n; i++) {
        free(ev[i].entry_id);
        free(ev[i].json);
    }
    free(ev);
}

static int nomem(tito_error *err)
{
    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

int tito_queue_enqueue(tito_queue *q, char ***out_entry_ids, const char *const *job_ids,
                       const char *const *jobs, size_t n, tito_error *err)
{
    char **ids = NULL;
    int error = 0;

    if (out_entry_ids)
        *out_entry_ids = NULL;
    if (n == 0)
        return 0;
    if ((error = ensure(q, err)) < 0)
        return error;
    if (out_entry_ids && !(ids = calloc(n, sizeof(*ids))))
        return nomem(err);
    for (size_t start = 0; start < n; start += PIPELINE_CHUNK) {
        size_t end = start + PIPELINE_CHUNK < n ? start + PIPELINE_CHUNK : n;
        for (size_t i = start; i < end; i++) {
            const char *argv[] = {"XADD", q->stream, "*", "id", job_ids[i], "job", jobs[i]};
            if (redisAppendCommandArgv(q->c, 7, argv, NULL) != REDIS_OK) {
                error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_QUEUE, "queueing XADD failed");
                disconnect(q);
                goto cleanup;
            }
        }
        for (size_t i = start; i < end; i++) {
            redisReply *r = NULL;
            if (redisGetReply(q->c, (void **)&r) != REDIS_OK)
                r = NULL;
            if ((error = check(q, &r, "XADD", err)) < 0) {
                /* Drain the rest of this chunk so the connection stays usable. */
                for (size_t k = i + 1; k < end && q->c; k++) {
                    redisReply *x = NULL;
                    if (redisGetReply(q->c, (void **)&x) != REDIS_OK) {
                        disconnect(q);
                        break;
                    }
                    freeReplyObject(x);
                }
                goto cleanup;
            }
            if (ids && r->type == REDIS_REPLY_STRING && !(ids[i] = dupn(r->str, r->len))) {
                freeReplyObject(r);
                error = nomem(err);
                goto cleanup;
            }
            freeReplyObject(r);
        }
    }
    if (out_entry_ids) {
        *out_entry_ids = ids;
        ids = NULL;
    }
cleanup:
    tito_queue_strings_free(ids, n);
    return error;
}

/* Fills m from a stream entry reply [id, [f1, v1, ...]]. */
static int parse_entry(tito_queue_msg *m, const redisReply *e, tito_error *err)
{
    memset(m, 0, sizeof(*m));
    if (e->type != REDIS_REPLY_ARRAY || e->elements < 2 || e->element[0]->type != REDIS_REPLY_STRING)
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_QUEUE, "unexpected stream entry reply");
    if (!(m->entry_id = dupn(e->element[0]->str, e->element[0]->len)))
        return nomem(err);
    const redisReply *f = e->element[1];
    if (f->type != REDIS_REPLY_ARRAY)
        return 0; /* deleted entry: fields are nil */
    for (size_t i = 0; i + 1 < f->elements; i += 2) {
        const redisReply *k = f->element[i], *v = f->element[i + 1];
        if (k->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING)
            continue;
        char **dst = !strcmp(k->str, "id") ? &m->job_id : !strcmp(k->str, "job") ? &m->job : NULL;
        if (dst && !*dst && !(*dst = dupn(v->str, v->len)))
            return nomem(err);
    }
    return 0;
}

static int need_consumer(const tito_queue *q, tito_error *err)
{
    if (!q->consumer)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_QUEUE,
                              "this queue handle has no consumer name");
    return 0;
}

int tito_queue_read(tito_queue *q, tito_queue_msg **out, int block_ms, tito_error *err)
{
    redisReply *r = NULL;
    tito_queue_msg *m = NULL;
    char block[16];
    int error, retried = 0;

    *out = NULL;
    if ((error = need_consumer(q, err)) < 0 || (error = ensure(q, err)) < 0)
        return error;
    snprintf(block, sizeof(block), "%d", block_ms > 0 ? block_ms : 0);
again:;
    const char *argv[] = {"XREADGROUP", "GROUP", GROUP, q->consumer, "COUNT", "1",
                          "BLOCK", block, "STREAMS", q->stream, ">"};
    const char *argv_nb[] = {"XREADGROUP", "GROUP", GROUP, q->consumer, "COUNT", "1",
                             "STREAMS", q->stream, ">"};
    if (block_ms > 0) {
        set_timeout(q, block_ms + DEFAULT_TIMEOUT_MS);
        error = run(q, &r, "XREADGROUP", 11, argv, NULL, err);
        set_timeout(q, DEFAULT_TIMEOUT_MS);
    } else {
        error = run(q, &r, "XREADGROUP", 9, argv_nb, NULL, err);
    }
    if (error == TITO_ENOTFOUND && !retried) {
        /* The group vanished (Redis lost its data): re-create and retry. */
        retried = 1;
        if ((error = create_group(q, err)) < 0)
            goto cleanup;
        goto again;
    }
    if (error < 0)
        goto cleanup;
    if (r->type == REDIS_REPLY_NIL)
        goto cleanup;
    if (r->type != REDIS_REPLY_ARRAY || r->elements < 1 || r->element[0]->elements < 2 ||
        r->element[0]->element[1]->elements < 1) {
        goto cleanup; /* empty */
    }
    if (!(m = calloc(1, sizeof(*m)))) {
        error = nomem(err);
        goto cleanup;
    }
    if ((error = parse_entry(m, r->element[0]->element[1]->element[0], err)) < 0)
        goto cleanup;
    m->deliveries = 1;
    *out = m;
    m = NULL;
cleanup:
    tito_queue_msgs_free(m, m ? 1 : 0);
    freeReplyObject(r);
    return error;
}

int tito_queue_renew(tito_queue *q, int *out_still_ours, const char *entry_id, tito_error *err)
{
    redisReply *r = NULL;
    int error;

    if (out_still_ours)
        *out_still_ours = 0;
    if ((error = need_consumer(q, err)) < 0 || (error = ensure(q, err)) < 0)
        return error;
    const char *argv[] = {"EVAL", RENEW_LUA, "1", q->stream, GROUP, entry_id, q->consumer};
    if ((error = run(q, &r, "renewing lease", 7, argv, NULL, err)) < 0)
        return error;
    if (out_still_ours)
        *out_still_ours = r->type == REDIS_REPLY_INTEGER && r->integer == 1;
    freeReplyObject(r);
    return 0;
}

int tito_queue_autoclaim(tito_queue *q, tito_queue_msg **out, size_t *out_n, long min_idle_ms,
                         size_t count, tito_error *err)
{
    redisReply *r = NULL;
    tito_queue_msg *msgs = NULL;
    size_t n = 0;
    char idle[32], cnt[32], cursor[64] = "0-0";
    int error;

    *out = NULL;
    *out_n = 0;
    if (count == 0)
        count = 10;
    if ((error = need_consumer(q, err)) < 0 || (error = ensure(q, err)) < 0)
        return error;
    if (!(msgs = calloc(count, sizeof(*msgs))))
        return nomem(err);
    snprintf(idle, sizeof(idle), "%ld", min_idle_ms < 0 ? 0 : min_idle_ms);
    /* A cursor pass may return fewer than COUNT; scan until done or full. */
    for (int pass = 0; pass < 100 && n < count; pass++) {
        snprintf(cnt, sizeof(cnt), "%zu", count - n);
        const char *argv[] = {"XAUTOCLAIM", q->stream, GROUP, q->consumer, idle, cursor, "COUNT", cnt};
        if ((error = run(q, &r, "XAUTOCLAIM", 8, argv, NULL, err)) < 0)
            goto cleanup;
        if (r->type != REDIS_REPLY_ARRAY || r->elements < 2 ||
            r->element[0]->type != REDIS_REPLY_STRING) {
            error = tito_error_set(err, TITO_ERROR, TITO_ERROR_QUEUE, "unexpected XAUTOCLAIM reply");
            goto cleanup;
        }
        snprintf(cursor, sizeof(cursor), "%s", r->element[0]->str);
        const redisReply *entries = r->element[1];
        for (size_t i = 0; i < entries->elements && n < count; i++) {
            const redisReply *e = entries->element[i];
            if (e->type != REDIS_REPLY_ARRAY)
                continue;
            if ((error = parse_entry(&msgs[n], e, err)) < 0) {
                n++;
                goto cleanup;
            }
            n++;
        }
        freeReplyObject(r);
        r = NULL;
        if (!strcmp(cursor, "0-0"))
            break;
    }
    /* Delivery counts from XPENDING, one pipelined round trip. */
    for (size_t i = 0; i < n; i++) {
        const char *argv[] = {"XPENDING", q->stream, GROUP, msgs[i].entry_id, msgs[i].entry_id, "1"};
        if (redisAppendCommandArgv(q->c, 6, argv, NULL) != REDIS_OK) {
            error = nomem(err);
            disconnect(q);
            goto cleanup;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (redisGetReply(q->c, (void **)&r) != REDIS_OK)
            r = NULL;
        if ((error = check(q, &r, "XPENDING", err)) < 0)
            goto cleanup;
        msgs[i].deliveries = 1;
        if (r->type == REDIS_REPLY_ARRAY && r->elements == 1 &&
            r->element[0]->type == REDIS_REPLY_ARRAY && r->element[0]->elements >= 4)
            msgs[i].deliveries = (long)r->element[0]->element[3]->integer;
        freeReplyObject(r);
        r = NULL;
    }
    if (n) {
        *out = msgs;
        *out_n = n;
        msgs = NULL;
    }
cleanup:
    freeReplyObject(r);
    tito_queue_msgs_free(msgs, n);
    return error;
}

/* MULTI; XACK; XDEL; EXEC as one pipelined round trip. */
static int ack_delete(tito_queue *q, const char *entry_id, tito_error *err)
{
    const char *multi[] = {"MULTI"};
    const char *ack[] = {"XACK", q->stream, GROUP, entry_id};
    const char *del[] = {"XDEL", q->stream, entry_id};
    const char *exec[] = {"EXEC"};
    redisReply *r = NULL;
    int error = 0;

    if (redisAppendCommandArgv(q->c, 1, multi, NULL) != REDIS_OK ||
        redisAppendCommandArgv(q->c, 4, ack, NULL) != REDIS_OK ||
        redisAppendCommandArgv(q->c, 3, del, NULL) != REDIS_OK ||
        redisAppendCommandArgv(q->c, 1, exec, NULL) != REDIS_OK) {
        disconnect(q);
        return nomem(err);
    }
    for (int i = 0; i < 4; i++) {
        if (redisGetReply(q->c, (void **)&r) != REDIS_OK)
            r = NULL;
        int e = check(q, &r, "XACK", err);
        freeReplyObject(r);
        r = NULL;
        if (e < 0 && !error)
            error = e;
        if (!q->c)
            break;
    }
    return error;
}

int tito_queue_ack(tito_queue *q, const char *entry_id, tito_error *err)
{
    int error;
    if ((error = ensure(q, err)) < 0)
        return error;
    return ack_delete(q, entry_id, err);
}

int tito_queue_dead(tito_queue *q, const tito_queue_msg *m, const char *reason, tito_error *err)
{
    int error;
    if ((error = ensure(q, err)) < 0)
        return error;
    const char *argv[] = {"XADD", q->dead, "MAXLEN", "~", "100000", "*",
                          "id", m->job_id ? m->job_id : "", "job", m->job ? m->job : "",
                          "reason", reason ? reason : "", "entry", m->entry_id};
    if ((error = run(q, NULL, "dead-lettering", 14, argv, NULL, err)) < 0)
        return error;
    return ack_delete(q, m->entry_id, err);
}

int tito_queue_stats_get(tito_queue *q, tito_queue_stats *out, tito_error *err)
{
    redisReply *r = NULL;
    int error;

    memset(out, 0, sizeof(*out));
    if ((error = ensure(q, err)) < 0)
        return error;
    const char *a1[] = {"XLEN", q->stream};
    const char *a2[] = {"XPENDING", q->stream, GROUP};
    const char *a3[] = {"XLEN", q->dead};
    const char *a4[] = {"XINFO", "CONSUMERS", q->stream, GROUP};
    redisAppendCommandArgv(q->c, 2, a1, NULL);
    redisAppendCommandArgv(q->c, 3, a2, NULL);
    redisAppendCommandArgv(q->c, 2, a3, NULL);
    redisAppendCommandArgv(q->c, 4, a4, NULL);
    for (int i = 0; i < 4; i++) {
        if (!q->c || redisGetReply(q->c, (void **)&r) != REDIS_OK)
            r = NULL;
        int e = check(q, &r, "reading queue stats", err);
        if (e < 0) {
            /* NOGROUP: a stream without group has nothing pending. */
            if (e == TITO_ENOTFOUND)
                continue;
            if (!error)
                error = e;
            if (!q->c)
                break;
            continue;
        }
        if (i == 0 && r->type == REDIS_REPLY_INTEGER)
            out->length = r->integer;
        else if (i == 1 && r->type == REDIS_REPLY_ARRAY && r->elements >= 1 &&
                 r->element[0]->type == REDIS_REPLY_INTEGER)
            out->pending = r->element[0]->integer;
        else if (i == 2 && r->type == REDIS_REPLY_INTEGER)
            out->dead = r->integer;
        else if (i == 3 && r->type == REDIS_REPLY_ARRAY)
            out->consumers = (int64_t)r->elements;
        freeReplyObject(r);
        r = NULL;
    }
    out->waiting = out->length > out->pending ? out->length - out->pending : 0;
    if (error == TITO_ENOTFOUND)
        error = 0;
    return error;
}

int tito_queue_job_ids(tito_queue *q, char ***out, size_t *out_n, tito_error *err)
{
    redisReply *r = NULL;
    char **ids = NULL, start[80] = "-";
    size_t n = 0, cap = 0;
    int error;

    *out = NULL;
    *out_n = 0;
    if ((error = ensure(q, err)) < 0)
        return error;
    for (;;) {
        const char *argv[] = {"XRANGE", q->stream, start, "+", "COUNT", "1000"};
        if ((error = run(q, &r, "XRANGE", 6, argv, NULL, err)) < 0)
            goto cleanup;
        if (r->type != REDIS_REPLY_ARRAY || r->elements == 0)
            break;
        for (size_t i = 0; i < r->elements; i++) {
            tito_queue_msg m;
            if ((error = parse_entry(&m, r->element[i], err)) < 0) {
                free(m.entry_id);
                free(m.job_id);
                free(m.job);
                goto cleanup;
            }
            if (i + 1 == r->elements)
                snprintf(start, sizeof(start), "(%s", m.entry_id);
            free(m.entry_id);
            free(m.job);
            if (!m.job_id)
                continue;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                char **p = realloc(ids, nc * sizeof(*p));
                if (!p) {
                    free(m.job_id);
                    error = nomem(err);
                    goto cleanup;
                }
                ids = p;
                cap = nc;
            }
            ids[n++] = m.job_id;
        }
        freeReplyObject(r);
        r = NULL;
    }
    *out = ids;
    *out_n = n;
    ids = NULL;
cleanup:
    freeReplyObject(r);
    tito_queue_strings_free(ids, n);
    return error;
}

int tito_queue_server_id(tito_queue *q, char out[41], tito_error *err)
{
    redisReply *r = NULL;
    int error;

    out[0] = '\0';
    if ((error = ensure(q, err)) < 0)
        return error;
    const char *argv[] = {"INFO", "server"};
    if ((error = run(q, &r, "INFO", 2, argv, NULL, err)) < 0)
        return error;
    const char *p = r->type == REDIS_REPLY_STRING ? strstr(r->str, "run_id:") : NULL;
    if (p) {
        p += 7;
        size_t n = strspn(p, "0123456789abcdef");
        if (n > 40)
            n = 40;
        memcpy(out, p, n);
        out[n] = '\0';
    }
    freeReplyObject(r);
    if (!out[0])
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_QUEUE, "no run_id in INFO server");
    return 0;
}

/* --- events and cancellation --------------------------------------------- */

static int run_key(char *buf, size_t n, const char *run_id, const char *suffix)
{
    return snprintf(buf, n, "tito:run:%s:%s", run_id, suffix);
}

int tito_queue_event_add(tito_queue *q, const char *run_id, const char *json, tito_error *err)
{
    char key[256];
    int error;
    if ((error = ensure(q, err)) < 0)
        return error;
    run_key(key, sizeof(key), run_id, "events");
    const char *argv[] = {"XADD", key, "MAXLEN", "~", "100000", "*", "e", json};
    return run(q, NULL, "adding event", 8, argv, NULL, err);
}

int tito_queue_events_read(tito_queue *q, tito_queue_event **out, size_t *out_n, const char *run_id,
                           const char *after_id, int block_ms, size_t count, tito_error *err)
{
    redisReply *r = NULL;
    tito_queue_event *ev = NULL;
    size_t n = 0;
    char key[256], cnt[32], block[16];
    int error;

    *out = NULL;
    *out_n = 0;
    if ((error = ensure(q, err)) < 0)
        return error;
    run_key(key, sizeof(key), run_id, "events");
    snprintf(cnt, sizeof(cnt), "%zu", count ? count : 100);
    snprintf(block, sizeof(block), "%d", block_ms);
    const char *after = after_id ? after_id : "0";
    if (block_ms > 0) {
        const char *argv[] = {"XREAD", "COUNT", cnt, "BLOCK", block, "STREAMS", key, after};
        set_timeout(q, block_ms + DEFAULT_TIMEOUT_MS);
        error = run(q, &r, "XREAD", 8, argv, NULL, err);
        set_timeout(q, DEFAULT_TIMEOUT_MS);
    } else {
        const char *argv[] = {"XREAD", "COUNT", cnt, "STREAMS", key, after};
        error = run(q, &r, "XREAD", 6, argv, NULL, err);
    }
    if (error < 0 || r->type != REDIS_REPLY_ARRAY || r->elements < 1 ||
        r->element[0]->elements < 2)
        goto cleanup;
    const redisReply *entries = r->element[0]->element[1];
    if (entries->elements == 0)
        goto cleanup;
    if (!(ev = calloc(entries->elements, sizeof(*ev)))) {
        error = nomem(err);
        goto cleanup;
    }
    for (size_t i = 0; i < entries->elements; i++) {
        const redisReply *e = entries->element[i];
        if (e->type != REDIS_REPLY_ARRAY || e->elements < 2)
            continue;
        if (!(ev[n].entry_id = dupn(e->element[0]->str, e->element[0]->len))) {
            error = nomem(err);
            goto cleanup;
        }
        const redisReply *f = e->element[1];
        for (size_t k = 0; f->type == REDIS_REPLY_ARRAY && k + 1 < f->elements; k += 2)
            if (!strcmp(f->element[k]->str, "e") && !ev[n].json &&
                !(ev[n].json = dupn(f->element[k + 1]->str, f->element[k + 1]->len))) {
                n++;
                error = nomem(err);
                goto cleanup;
            }
        n++;
    }
    *out = ev;
    *out_n = n;
    ev = NULL;
cleanup:
    tito_queue_events_free(ev, n);
    freeReplyObject(r);
    return error;
}

int tito_queue_cancel(tito_queue *q, const char *run_id, tito_error *err)
{
    char key[256];
    int error;
    if ((error = ensure(q, err)) < 0)
        return error;
    run_key(key, sizeof(key), run_id, "cancel");
    const char *argv[] = {"SET", key, "1", "EX", "86400"};
    return run(q, NULL, "cancelling run", 5, argv, NULL, err);
}

int tito_queue_is_cancelled(tito_queue *q, int *out, const char *run_id, tito_error *err)
{
    redisReply *r = NULL;
    char key[256];
    int error;
    *out = 0;
    if ((error = ensure(q, err)) < 0)
        return error;
    run_key(key, sizeof(key), run_id, "cancel");
    const char *argv[] = {"EXISTS", key};
    if ((error = run(q, &r, "checking cancellation", 2, argv, NULL, err)) < 0)
        return error;
    *out = r->type == REDIS_REPLY_INTEGER && r->integer > 0;
    freeReplyObject(r);
    return 0;
}

int tito_queue_run_cleanup(tito_queue *q, const char *run_id, tito_error *err)
{
    char k1[256], k2[256];
    int error;
    if ((error = ensure(q, err)) < 0)
        return error;
    run_key(k1, sizeof(k1), run_id, "events");
    run_key(k2, sizeof(k2), run_id, "cancel");
    const char *argv[] = {"DEL", k1, k2};
    return run(q, NULL, "cleaning up run keys", 3, argv, NULL, err);
}
