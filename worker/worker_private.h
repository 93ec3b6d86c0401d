/* The slot state shared by worker.c (loop, lease, backoff) and job_run.c
 * (one job). Not a public API. */
#ifndef TITO_WORKER_WORKER_PRIVATE_H
#define TITO_WORKER_WORKER_PRIVATE_H

#include "cache.h"
#include "queue/queue.h"
#include "store/store.h"
#include "worker.h"

/* Positive return of a job step: the entry is deliberately left unacked
 * (second signal, lost lease, repeated infrastructure failure): another
 * worker gets it once the lease expires. */
#define W_HANDBACK 1

typedef enum { W_SVC_STORE = 0, W_SVC_QUEUE = 1 } w_service;

struct tito_worker {
    tito_worker_options o;   /* strings below are owned copies */
    char *id, *redis_url, *database_url, *queue_name, *cache_dir, *work_root, *python;
    char host[256];

    tito_queue *queue;
    tito_store *store;
    tito_cache *cache;

    int need_register;       /* (re)insert the `workers` row at the next heartbeat */
    double next_heartbeat_ms;
    double next_autoclaim_ms;

    /* Lease of the entry being worked on (NULL when idle). */
    const char *lease_entry;
    double next_renew_ms;
    int lease_lost;          /* renew said the entry is no longer ours */

    int down[2];             /* a service is known down (log once per outage) */
    unsigned rng;            /* jitter */
};

double tito_worker__now_ms(void);
/* Current stop level: 0 run, 1 finish the job and stop, 2+ abandon the job. */
int tito_worker__stopping(const tito_worker *w);
void tito_worker__log(const tito_worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Renews the lease when due, heartbeats when due. Never fails. */
void tito_worker__tick(tito_worker *w);
/* Sleeps ms in short slices, ticking; returns early once the stop level
 * reaches give_up_level. */
void tito_worker__sleep(tito_worker *w, int ms, int give_up_level);
/* After the n-th (0-based) consecutive TITO_EUNAVAIL from svc: logs the
 * outage (once), sleeps 100 ms * 2^n capped at 5 s with jitter, and resets
 * the connection. Returns 0 to retry, W_HANDBACK once the stop level reaches
 * give_up_level. */
int tito_worker__backoff(tito_worker *w, int n, w_service svc, const tito_error *cause,
                         int give_up_level);
/* Logs that svc answers again after an outage. */
void tito_worker__recovered(tito_worker *w, w_service svc);
/* Kills and reaps every child and orphan of this slot (the slot is a child
 * subreaper, so a killed pipeline's grandchildren come back to it). */
void tito_worker__kill_children(void);
/* Reaps exited orphans without blocking. */
void tito_worker__reap(void);

/* Handles one stream entry from start to ack (job_run.c). Returns 0 when
 * the entry was dealt with (recorded + acked, dead-lettered) or W_HANDBACK;
 * negative only for failures the slot cannot continue after. */
int tito_worker__handle(tito_worker *w, const tito_queue_msg *m, tito_error *err);
/* Dead-letters an entry delivered more than max_attempts times. */
int tito_worker__dead_lost(tito_worker *w, const tito_queue_msg *m, tito_error *err);

/* Runs `call` (an expression assigning `error`), retrying while it returns
 * TITO_EUNAVAIL with tito_worker__backoff on svc. Leaves `error` as the
 * final result, or W_HANDBACK when the stop level reached `level`. A macro
 * because each call site retries a different store/queue call. */
#define W_RETRY(w, svc, level, errp, call)                                                    \
    do {                                                                                      \
        for (int n_ = 0;; n_++) {                                                             \
            error = (call);                                                                   \
            if (error != TITO_EUNAVAIL) {                                                     \
                if (n_ > 0)                                                                   \
                    tito_worker__recovered((w), (svc));                                       \
                break;                                                                        \
            }                                                                                 \
            if (tito_worker__backoff((w), n_, (svc), (errp), (level)) == W_HANDBACK) {        \
                error = W_HANDBACK;                                                           \
                break;                                                                        \
            }                                                                                 \
        }                                                                                     \
    } while (0)

#endif
