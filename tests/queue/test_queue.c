/* tito_queue against a real redis-server started by the fixture. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TITO_SVC_FIXTURE_MAIN
#include "../support/svc_fixture.h"
#include "queue/queue.h"

static tito_services_info info;
static tito_error err = TITO_ERROR_INIT;
static char qname[64];

static void setup(void)
{
    svc_fixture_start(&info);
    svc_fixture_unique(qname, sizeof(qname), "q");
}

TestSuite(queue, .init = setup, .timeout = 120);

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static tito_queue *open_q(const char *url, const char *consumer)
{
    tito_queue *q = NULL;
    cr_assert_eq(tito_queue_new(&q, url, qname, consumer, &err), 0, "%s", err.message);
    return q;
}

static void enqueue_n(tito_queue *q, size_t n, const char *prefix)
{
    char **ids = calloc(n, sizeof(char *)), **jobs = calloc(n, sizeof(char *)), **eids = NULL;
    for (size_t i = 0; i < n; i++) {
        if (asprintf(&ids[i], "%s-%zu", prefix, i) < 0 ||
            asprintf(&jobs[i], "{\"id\": \"%s-%zu\", \"module\": \"01_tensor\"}", prefix, i) < 0)
            cr_assert_fail("oom");
    }
    cr_assert_eq(tito_queue_enqueue(q, &eids, (const char *const *)ids, (const char *const *)jobs, n, &err), 0,
                 "%s", err.message);
    for (size_t i = 0; i < n; i++)
        cr_assert_not_null(eids[i]);
    tito_queue_strings_free(eids, n);
    tito_queue_strings_free(ids, n);
    tito_queue_strings_free(jobs, n);
}

Test(queue, enqueue_read_ack)
{
    tito_queue *q = open_q(info.redis_url, "w1");
    enqueue_n(q, 3, "job");
    tito_queue_stats s;
    cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0, "%s", err.message);
    cr_assert_eq(s.length, 3);
    cr_assert_eq(s.waiting, 3);
    for (int i = 0; i < 3; i++) {
        tito_queue_msg *m = NULL;
        cr_assert_eq(tito_queue_read(q, &m, 100, &err), 0, "%s", err.message);
        cr_assert_not_null(m);
        char want[32];
        snprintf(want, sizeof(want), "job-%d", i);
        cr_assert_str_eq(m->job_id, want);
        cr_assert_not_null(strstr(m->job, want));
        cr_assert_eq(m->deliveries, 1);
        cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0);
        cr_assert_eq(s.pending, 1);
        cr_assert_eq(tito_queue_ack(q, m->entry_id, &err), 0, "%s", err.message);
        cr_assert_eq(tito_queue_ack(q, m->entry_id, &err), 0, "%s", err.message); /* twice: fine */
        tito_queue_msgs_free(m, 1);
    }
    cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0);
    cr_assert_eq(s.length, 0);
    cr_assert_eq(s.pending, 0);
    /* empty: times out with NULL */
    tito_queue_msg *m = NULL;
    double t0 = now_ms();
    cr_assert_eq(tito_queue_read(q, &m, 200, &err), 0, "%s", err.message);
    cr_assert_null(m);
    cr_assert_geq(now_ms() - t0, 150);
    cr_assert_eq(tito_queue_read(q, &m, 0, &err), 0, "%s", err.message);
    cr_assert_null(m);
    tito_queue_free(q);
}

Test(queue, lease_renewal_keeps_the_job)
{
    tito_queue *a = open_q(info.redis_url, "A"), *b = open_q(info.redis_url, "B");
    enqueue_n(a, 1, "lease");
    tito_queue_msg *m = NULL, *claimed = NULL;
    size_t n = 0;
    int ours = 0;
    cr_assert_eq(tito_queue_read(a, &m, 100, &err), 0);
    cr_assert_not_null(m);
    for (int i = 0; i < 4; i++) {
        sleep_ms(150);
        cr_assert_eq(tito_queue_renew(a, &ours, m->entry_id, &err), 0, "%s", err.message);
        cr_assert_eq(ours, 1);
        /* idle < 300 ms thanks to the renewal: B cannot take it */
        cr_assert_eq(tito_queue_autoclaim(b, &claimed, &n, 300, 10, &err), 0, "%s", err.message);
        cr_assert_eq(n, 0);
    }
    sleep_ms(400); /* A stops renewing: B takes over */
    cr_assert_eq(tito_queue_autoclaim(b, &claimed, &n, 300, 10, &err), 0, "%s", err.message);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(claimed[0].entry_id, m->entry_id);
    cr_assert_eq(claimed[0].deliveries, 2);
    /* A's renewal now fails: the entry is B's */
    cr_assert_eq(tito_queue_renew(a, &ours, m->entry_id, &err), 0, "%s", err.message);
    cr_assert_eq(ours, 0);
    cr_assert_eq(tito_queue_ack(b, claimed[0].entry_id, &err), 0);
    cr_assert_eq(tito_queue_renew(b, &ours, m->entry_id, &err), 0);
    cr_assert_eq(ours, 0);
    tito_queue_msgs_free(m, 1);
    tito_queue_msgs_free(claimed, n);
    tito_queue_free(a);
    tito_queue_free(b);
}

Test(queue, autoclaim_after_consumer_vanishes_then_dead_letter)
{
    tito_queue *a = open_q(info.redis_url, "A");
    enqueue_n(a, 2, "crash");
    tito_queue_msg *m1 = NULL, *m2 = NULL;
    cr_assert_eq(tito_queue_read(a, &m1, 100, &err), 0);
    cr_assert_eq(tito_queue_read(a, &m2, 100, &err), 0);
    cr_assert_not_null(m2);
    tito_queue_free(a); /* the worker dies holding two entries */

    tito_queue *b = open_q(info.redis_url, "B");
    tito_queue_msg *c = NULL;
    size_t n = 0;
    sleep_ms(200);
    cr_assert_eq(tito_queue_autoclaim(b, &c, &n, 100, 10, &err), 0, "%s", err.message);
    cr_assert_eq(n, 2);
    cr_assert_eq(c[0].deliveries, 2);
    cr_assert_str_eq(c[0].job_id, m1->job_id);
    cr_assert_str_eq(c[1].job, m2->job);
    tito_queue_msgs_free(c, n);
    tito_queue_free(b);

    tito_queue *d = open_q(info.redis_url, "C");
    sleep_ms(200);
    cr_assert_eq(tito_queue_autoclaim(d, &c, &n, 100, 1, &err), 0, "%s", err.message);
    cr_assert_eq(n, 1); /* COUNT respected */
    cr_assert_eq(c[0].deliveries, 3);
    cr_assert_eq(tito_queue_dead(d, &c[0], "delivered 3 times", &err), 0, "%s", err.message);
    tito_queue_msgs_free(c, n);
    tito_queue_stats s;
    cr_assert_eq(tito_queue_stats_get(d, &s, &err), 0);
    cr_assert_eq(s.dead, 1);
    cr_assert_eq(s.length, 1);
    cr_assert_eq(s.pending, 1);
    cr_assert_geq(s.consumers, 2);
    tito_queue_msgs_free(m1, 1);
    tito_queue_msgs_free(m2, 1);
    tito_queue_free(d);
}

Test(queue, job_ids_for_reconcile)
{
    tito_queue *q = open_q(info.redis_url, NULL);
    enqueue_n(q, 2500, "rec");
    char **ids = NULL;
    size_t n = 0;
    cr_assert_eq(tito_queue_job_ids(q, &ids, &n, &err), 0, "%s", err.message);
    cr_assert_eq(n, 2500);
    cr_assert_str_eq(ids[0], "rec-0");
    cr_assert_str_eq(ids[2499], "rec-2499");
    tito_queue_strings_free(ids, n);
    /* no consumer: reading is refused */
    tito_queue_msg *m = NULL;
    cr_assert_eq(tito_queue_read(q, &m, 0, &err), TITO_EINVALID);
    tito_queue_free(q);
}

Test(queue, enqueue_speed)
{
    enum { N = 20000 };
    tito_queue *q = open_q(info.redis_url, NULL);
    double t0 = now_ms();
    enqueue_n(q, N, "speed");
    double ms = now_ms() - t0;
    fprintf(stderr, "queue: %d XADDs in %.1f ms (%.0f/s)\n", N, ms, N / (ms / 1000));
    tito_queue_stats s;
    cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0);
    cr_assert_eq(s.length, N);
    tito_queue_free(q);
}

Test(queue, events_and_cancel)
{
    tito_queue *q = open_q(info.redis_url, NULL);
    char run[64];
    svc_fixture_unique(run, sizeof(run), "run");
    tito_queue_event *ev = NULL;
    size_t n = 0;
    cr_assert_eq(tito_queue_events_read(q, &ev, &n, run, "0", 0, 10, &err), 0, "%s", err.message);
    cr_assert_eq(n, 0);
    for (int i = 0; i < 3; i++) {
        char js[64];
        snprintf(js, sizeof(js), "{\"n\": %d}", i);
        cr_assert_eq(tito_queue_event_add(q, run, js, &err), 0, "%s", err.message);
    }
    cr_assert_eq(tito_queue_events_read(q, &ev, &n, run, "0", 0, 10, &err), 0, "%s", err.message);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(ev[2].json, "{\"n\": 2}");
    char last[64];
    snprintf(last, sizeof(last), "%s", ev[2].entry_id);
    tito_queue_events_free(ev, n);
    double t0 = now_ms();
    cr_assert_eq(tito_queue_events_read(q, &ev, &n, run, last, 150, 10, &err), 0, "%s", err.message);
    cr_assert_eq(n, 0);
    cr_assert_geq(now_ms() - t0, 100);
    int c = 1;
    cr_assert_eq(tito_queue_is_cancelled(q, &c, run, &err), 0);
    cr_assert_eq(c, 0);
    cr_assert_eq(tito_queue_cancel(q, run, &err), 0);
    cr_assert_eq(tito_queue_is_cancelled(q, &c, run, &err), 0);
    cr_assert_eq(c, 1);
    cr_assert_eq(tito_queue_run_cleanup(q, run, &err), 0);
    cr_assert_eq(tito_queue_is_cancelled(q, &c, run, &err), 0);
    cr_assert_eq(c, 0);
    tito_queue_free(q);
}

Test(queue, errors)
{
    tito_queue *q = NULL;
    cr_assert_eq(tito_queue_new(&q, "unix:///nonexistent/tito.sock", NULL, NULL, &err), TITO_EUNAVAIL);
    cr_assert_null(q);
    cr_assert_eq(tito_queue_new(&q, "redis://127.0.0.1:1", NULL, NULL, &err), TITO_EUNAVAIL);
    cr_assert_eq(tito_queue_new(&q, "http://x", NULL, NULL, &err), TITO_EINVALID);
    cr_assert_not_null(strstr(err.message, "bad Redis URL"));
}

/* Own Redis in its own dir: SIGKILL it (no graceful shutdown) more than a
 * second after the XADDs (appendfsync everysec) and restart it: every
 * entry, the group and the pending list survive; a client blocked in
 * XREADGROUP gets TITO_EUNAVAIL and recovers after a reset. */
Test(queue, redis_killed_and_restarted_loses_nothing, .timeout = 180)
{
    char dir[] = "/tmp/tito-tstq-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    chmod(dir, 0755);
    tito_services_opts o = TITO_SERVICES_OPTS_INIT;
    o.state_dir = dir;
    tito_services_info own;
    cr_assert_eq(tito_services_redis_start(&own, &o, &err), 0, "%s", err.message);
    tito_queue *q = open_q(own.redis_url, "w");
    char id1[41], id2[41], id3[41];
    cr_assert_eq(tito_queue_server_id(q, id1, &err), 0, "%s", err.message);
    cr_assert_eq(strlen(id1), 40);
    cr_assert_eq(tito_queue_server_id(q, id2, &err), 0, "%s", err.message);
    cr_assert_str_eq(id1, id2);
    enqueue_n(q, 500, "aof");
    tito_queue_msg *m = NULL;
    cr_assert_eq(tito_queue_read(q, &m, 100, &err), 0);
    cr_assert_not_null(m);
    sleep_ms(1500);
    cr_assert_eq(kill(own.redis_pid, SIGKILL), 0);
    sleep_ms(300);
    tito_queue_stats s;
    int rc = tito_queue_stats_get(q, &s, &err);
    cr_assert_eq(rc, TITO_EUNAVAIL, "rc %d %s", rc, err.message);
    cr_assert_eq(tito_services_redis_start(&own, &o, &err), 0, "%s", err.message);
    /* next call reconnects by itself; the server id tells a restart */
    cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0, "%s", err.message);
    cr_assert_eq(tito_queue_server_id(q, id3, &err), 0, "%s", err.message);
    cr_assert_str_neq(id1, id3);
    cr_assert_eq(s.length, 500);
    cr_assert_eq(s.pending, 1);
    tito_queue_msg *m2 = NULL;
    cr_assert_eq(tito_queue_read(q, &m2, 100, &err), 0, "%s", err.message);
    cr_assert_not_null(m2);
    cr_assert_str_eq(m2->job_id, "aof-1");
    cr_assert_eq(tito_queue_ack(q, m->entry_id, &err), 0);
    cr_assert_eq(tito_queue_ack(q, m2->entry_id, &err), 0);
    tito_queue_msgs_free(m, 1);
    tito_queue_msgs_free(m2, 1);
    /* graceful stop/start too */
    cr_assert_eq(tito_services_redis_stop(&o, &err), 0, "%s", err.message);
    cr_assert_eq(tito_services_redis_start(&own, &o, &err), 0, "%s", err.message);
    cr_assert_eq(tito_queue_reset(q, &err), 0, "%s", err.message);
    cr_assert_eq(tito_queue_stats_get(q, &s, &err), 0, "%s", err.message);
    cr_assert_eq(s.length, 498);
    tito_queue_free(q);
    cr_assert_eq(tito_services_stop(&o, &err), 0, "%s", err.message);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

/* Redis lost the stream (and with it the group): reading re-creates both
 * instead of failing forever; new jobs flow again. */
Test(queue, stream_lost_group_recreated)
{
    tito_queue *q = open_q(info.redis_url, "w");
    enqueue_n(q, 1, "lost");
    char cmd[13000];
    snprintf(cmd, sizeof(cmd), "redis-cli -s '%s' DEL 'tito:jobs:%s' >/dev/null", info.redis_url + 7, qname);
    cr_assert_eq(system(cmd), 0);
    tito_queue_msg *m = NULL;
    cr_assert_eq(tito_queue_read(q, &m, 0, &err), 0, "%s", err.message);
    cr_assert_null(m);
    enqueue_n(q, 1, "again");
    cr_assert_eq(tito_queue_read(q, &m, 100, &err), 0, "%s", err.message);
    cr_assert_not_null(m);
    cr_assert_str_eq(m->job_id, "again-0");
    tito_queue_msgs_free(m, 1);
    tito_queue_free(q);
}
