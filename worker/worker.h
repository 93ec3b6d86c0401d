/* tito_worker: one job slot of tito-worker (design.md §4). A slot owns one
 * Redis connection (tito_queue, consumer = its id), one PostgreSQL connection
 * (tito_store), an artifact cache and a work dir, and handles one job at a
 * time:
 *
 *   idle:    XAUTOCLAIM (every lease/2) entries idle > lease, else
 *            XREADGROUP BLOCK; heartbeat in `workers`
 *   job:     decode -> job_start -> fetch/unpack -> pipeline child
 *            (lease renewed every lease/3 meanwhile) -> export bundle ->
 *            result_record -> XACK
 *   broken:  Redis/PostgreSQL unreachable -> back off, reconnect, retry the
 *            step; never record an infrastructure failure as the job's
 *
 * Stopping: *opts.signals is a counter the caller's signal handler
 * increments. 1: finish the current job, then return. 2 or more: kill the
 * current job, leave its entry unacked (redelivered), return. */
#ifndef TITO_WORKER_WORKER_H
#define TITO_WORKER_WORKER_H

#include <signal.h>

#include "proc/proc.h"
#include "util/error.h"

typedef struct tito_worker tito_worker;

typedef struct tito_worker_options {
    const char *id;             /* consumer name and `workers` row id; required */
    const char *redis_url;      /* required */
    const char *database_url;   /* required */
    const char *queue;          /* NULL: "default" */
    const char *cache_dir;      /* required */
    const char *work_dir;       /* required: this slot's work dirs go under it */
    const char *python;         /* NULL: the runner's default */
    int lease_ms;               /* lease on a running job */
    int max_attempts;           /* deliveries before dead-lettering */
    int sandbox;                /* 1: run jobs in the sandbox */
    int once;                   /* return after one entry */
    int until_empty;            /* return when the stream is empty */
    int block_ms;               /* XREADGROUP BLOCK per poll (bounds signal latency) */
    int heartbeat_ms;           /* `workers`.last_seen period */
    tito_limits limits;         /* defaults for jobs; the job's own limits override them */
    volatile sig_atomic_t *signals; /* stop requests (may be NULL: never stop) */
} tito_worker_options;

#define TITO_WORKER_OPTIONS_INIT                                                              \
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 30000, 3, 1, 0, 0, 1000, 5000,                 \
     TITO_LIMITS_DEFAULT, NULL}

/* Copies opts (strings too). Connects nothing yet: tito_worker_run does, and
 * keeps retrying while the services are down. TITO_EINVALID for bad options. */
int tito_worker_new(tito_worker **out, const tito_worker_options *opts, tito_error *err);
void tito_worker_free(tito_worker *w);

/* Runs the slot until a stop request, --once or --until-empty. Returns 0 on
 * a clean stop; negative only for failures the slot cannot work around
 * (out of memory, the cache or work dir unusable), err set. */
int tito_worker_run(tito_worker *w, tito_error *err);

#endif
