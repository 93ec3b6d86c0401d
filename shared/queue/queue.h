/* tito_queue: the job queue on Redis Streams (design §4). hiredis is used only
 * in queue.c.
 *
 * Keys:
 *   tito:jobs:<queue>        stream of jobs, consumer group "workers"
 *                            entry fields: "id" (job id) and "job"
 *                            (the job document, JSON text, opaque here)
 *   tito:dead:<queue>        stream of dead-lettered entries (id, job, reason)
 *   tito:run:<run>:events    per-run progress stream (field "e": JSON text)
 *   tito:run:<run>:cancel    key present = run cancelled
 *
 * Protocol, worker side:
 *   tito_queue_read           XREADGROUP GROUP workers <consumer> COUNT 1 BLOCK ms
 *   tito_store_job_start ...  (mark running)
 *   tito_queue_renew          every lease/3 while the job runs (XCLAIM JUSTID to self)
 *   tito_store_result_record  (one transaction, idempotent on (job, attempt))
 *   tito_queue_ack            XACK + XDEL, only after PostgreSQL committed
 * Periodically, any worker: tito_queue_autoclaim(min_idle = lease) takes over
 * entries of dead consumers; each comes back with its delivery count, and past
 * max_attempts the caller dead-letters (store first, then tito_queue_dead).
 *
 * Acked entries are deleted, so XLEN = waiting + pending.
 *
 * Errors: 0 or negative TITO_E*; TITO_EUNAVAIL when Redis is unreachable or
 * the connection broke (the caller retries with backoff; the next call
 * reconnects by itself, or call tito_queue_reset).
 *
 * Ownership: string arguments are borrowed. tito_queue_msg arrays returned
 * are owned by the caller: tito_queue_msgs_free(msgs, n). A tito_queue is not
 * thread-safe: one per thread (a worker's lease renewer uses its own). */
#ifndef TITO_QUEUE_QUEUE_H
#define TITO_QUEUE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

typedef struct tito_queue tito_queue;

/* One stream entry. */
typedef struct tito_queue_msg {
    char *entry_id;     /* stream id "1700000000000-0": pass to renew/ack/dead */
    char *job_id;       /* field "id" (may be NULL if absent) */
    char *job;          /* field "job": JSON text (may be NULL if absent) */
    long deliveries;    /* delivery count (1 on first read; from XPENDING on autoclaim) */
} tito_queue_msg;

void tito_queue_msgs_free(tito_queue_msg *msgs, size_t n);

/* Connects and creates the stream + group (MKSTREAM, BUSYGROUP ignored).
 * url: "redis://[:password@]host[:port][/db]", "unix:///abs/path.sock" or a
 * bare socket path. queue_name: NULL = "default". consumer: this worker's id
 * (XREADGROUP consumer name); NULL for coordinator-only use (read/renew/
 * autoclaim then fail with TITO_EINVALID). TITO_EUNAVAIL when Redis is down.
 * Sets SIGPIPE to SIG_IGN if it has the default disposition (a dead Redis
 * must be an error, not a killed process). */
int tito_queue_new(tito_queue **out, const char *url, const char *queue_name,
                   const char *consumer, tito_error *err);
void tito_queue_free(tito_queue *q);
/* Reconnects (and re-creates the group if Redis lost it). */
int tito_queue_reset(tito_queue *q, tito_error *err);

/* Appends n jobs with pipelined XADD (one round trip per 1,000). job_ids[i]
 * (tito_job.id) and jobs[i] (JSON text) are the entry fields. out_entry_ids
 * (may be NULL) receives n malloc'd entry ids: free each and the array
 * (tito_queue_strings_free). On TITO_EUNAVAIL part of the batch may have been
 * added: the caller re-enqueues via reconcile. */
int tito_queue_enqueue(tito_queue *q, char ***out_entry_ids, const char *const *job_ids,
                       const char *const *jobs, size_t n, tito_error *err);
void tito_queue_strings_free(char **v, size_t n);

/* Reads one new entry for this consumer, blocking up to block_ms (0: do not
 * block). *out is a single malloc'd message (free with tito_queue_msgs_free(m, 1)),
 * or NULL on timeout (returns 0). */
int tito_queue_read(tito_queue *q, tito_queue_msg **out, int block_ms, tito_error *err);

/* Renews the lease on an entry this consumer holds (XCLAIM <id> min-idle 0
 * JUSTID: resets its idle time without counting a delivery). *out_still_ours
 * (may be NULL) = 0 when the entry is no longer pending (acked or deleted). */
int tito_queue_renew(tito_queue *q, int *out_still_ours, const char *entry_id, tito_error *err);

/* Claims up to count entries idle for at least min_idle_ms (XAUTOCLAIM,
 * which counts a delivery) and returns them with their delivery counts (from
 * XPENDING). Entries whose message was deleted are dropped from the PEL.
 * *out may be NULL when n is 0. */
int tito_queue_autoclaim(tito_queue *q, tito_queue_msg **out, size_t *out_n, long min_idle_ms,
                         size_t count, tito_error *err);

/* XACK + XDEL of an entry (after the store committed). Acking an entry that
 * is already gone is not an error. */
int tito_queue_ack(tito_queue *q, const char *entry_id, tito_error *err);

/* Dead-letters an entry: XADD to tito:dead:<queue> (id, job, reason), then
 * ack it. Call after tito_store_job_dead committed. */
int tito_queue_dead(tito_queue *q, const tito_queue_msg *m, const char *reason, tito_error *err);

typedef struct tito_queue_stats {
    int64_t length;      /* XLEN: waiting + pending */
    int64_t pending;     /* delivered, not acked */
    int64_t waiting;     /* length - pending */
    int64_t dead;        /* XLEN of the dead stream */
    int64_t consumers;   /* consumers in the group */
} tito_queue_stats;
int tito_queue_stats_get(tito_queue *q, tito_queue_stats *out, tito_error *err);

/* Job ids ("id" fields) of every entry in the stream (waiting and pending),
 * for reconcile. *out: malloc'd array of malloc'd strings
 * (tito_queue_strings_free). */
int tito_queue_job_ids(tito_queue *q, char ***out, size_t *out_n, tito_error *err);

/* The Redis server's run_id (INFO server: 40 hex chars + NUL), new on every
 * server start. A coordinator that sees it change knows Redis restarted and
 * may have lost up to ~1 s of writes (appendfsync everysec): it then calls
 * tito_services_reconcile. */
int tito_queue_server_id(tito_queue *q, char out[41], tito_error *err);

/* --- per-run events and cancellation ---------------------------------- */

/* XADD tito:run:<run>:events * e <json> (MAXLEN ~ 100000). */
int tito_queue_event_add(tito_queue *q, const char *run_id, const char *json, tito_error *err);

typedef struct tito_queue_event {
    char *entry_id;
    char *json;
} tito_queue_event;
void tito_queue_events_free(tito_queue_event *ev, size_t n);
/* Reads events after after_id ("0" for all, or the last entry_id seen),
 * blocking up to block_ms (0: no block), at most count. *out NULL when n 0. */
int tito_queue_events_read(tito_queue *q, tito_queue_event **out, size_t *out_n, const char *run_id,
                           const char *after_id, int block_ms, size_t count, tito_error *err);

/* Sets tito:run:<run>:cancel (expires after a day). */
int tito_queue_cancel(tito_queue *q, const char *run_id, tito_error *err);
/* *out = 1 when the run is cancelled. */
int tito_queue_is_cancelled(tito_queue *q, int *out, const char *run_id, tito_error *err);
/* Deletes the run's events stream and cancel key (cleanup). */
int tito_queue_run_cleanup(tito_queue *q, const char *run_id, tito_error *err);

#endif
