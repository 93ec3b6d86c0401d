/* tito-worker under signals and lost workers: SIGTERM while idle and while
 * busy, a second SIGTERM handing the job back, lease renewal keeping a long
 * job from being stolen, a SIGKILLed worker's job reclaimed and recorded
 * exactly once, dead-lettering after max attempts, --concurrency. Jobs use
 * fixtures/course module 02_slow, whose test sleeps 6 s. */
#include "helpers.h"

#include <dirent.h>

static wt t;

static void setup(void)
{
    wt_setup(&t);
}

static void teardown(void)
{
    wt_teardown(&t);
}

TestSuite(worker_signals, .init = setup, .fini = teardown, .timeout = 240);

/* Starts worker A on a slow job and waits until the job is running. */
static pid_t busy_worker(char *id, size_t n, const char *lease, const char *max_attempts)
{
    wt_job(&t, id, n, "02_slow", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t a = wt_worker(&t, "a", "--lease-ms", lease, "--max-attempts", max_attempts, NULL);
    char *s = wt_wait_status(&t, id, "running", 30);
    char *log = wt_log(&t, "a");
    cr_assert(s && !strcmp(s, "running"), "job not running (%s); log:\n%s", s ? s : "(null)", log);
    free(s);
    free(log);
    /* Past fetch and unpack, into the pipeline. */
    wt_msleep(1000);
    return a;
}

Test(worker_signals, sigterm_idle)
{
    pid_t w = wt_worker(&t, "w1", NULL);
    cr_assert(wt_wait_log(&t, "w1", "ready", 30));
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM workers WHERE id = $1", wt_id(&t, "w1")), 1);
    double t0 = wt_now();
    kill(w, SIGTERM);
    int st = wt_wait_exit(w, 10);
    char *log = wt_log(&t, "w1");
    cr_expect(WT_EXITED_OK(st), "status %d; log:\n%s", st, log);
    cr_expect_lt(wt_now() - t0, 5.0);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM workers WHERE id = $1", wt_id(&t, "w1")), 0);
    free(log);
}

Test(worker_signals, sigterm_busy_finishes_the_job)
{
    char id[128];
    pid_t a = busy_worker(id, sizeof(id), "30000", "3");
    kill(a, SIGTERM);
    int st = wt_wait_exit(a, 60);
    char *log = wt_log(&t, "a");
    cr_expect(WT_EXITED_OK(st), "status %d; log:\n%s", st, log);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "passed", "log:\n%s", log);
    cr_expect(strstr(log, "02_slow attempt 1: passed 1/1 tests"), "log:\n%s", log);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    free(s);
    free(log);
}

Test(worker_signals, second_sigterm_hands_the_job_back)
{
    char id[128];
    pid_t a = busy_worker(id, sizeof(id), "1500", "3");
    double t0 = wt_now();
    kill(a, SIGTERM);
    wt_msleep(200);
    kill(a, SIGTERM);
    int st = wt_wait_exit(a, 10);
    char *log = wt_log(&t, "a");
    cr_expect(WT_EXITED_OK(st), "status %d; log:\n%s", st, log);
    cr_expect_lt(wt_now() - t0, 4.0, "took %.1f s to stop", wt_now() - t0);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "running", "log:\n%s", log);
    free(s);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.pending, 1);

    /* Another worker gets it after the lease and records it once. */
    pid_t b = wt_worker(&t, "b", "--lease-ms", "1500", "--until-empty", NULL);
    st = wt_wait_exit(b, 90);
    char *logb = wt_log(&t, "b");
    cr_expect(WT_EXITED_OK(st), "log:\n%s", logb);
    s = wt_status(&t, id);
    cr_expect_str_eq(s, "passed", "log b:\n%s", logb);
    cr_expect_eq(wt_count(&t, "SELECT attempts FROM jobs WHERE id = $1", id), 2);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 1);
    free(s);
    free(log);
    free(logb);
}

Test(worker_signals, lease_renewal_keeps_a_long_job)
{
    char id[128];
    pid_t a = busy_worker(id, sizeof(id), "1500", "3");
    /* B watches the whole time with the same short lease: the job runs for
     * 6 s, four leases, and must never be claimed. */
    pid_t b = wt_worker(&t, "b", "--lease-ms", "1500", "--until-empty", NULL);
    int st = wt_wait_exit(b, 90);
    char *logb = wt_log(&t, "b");
    cr_expect(WT_EXITED_OK(st), "log b:\n%s", logb);
    char *s = wt_wait_status(&t, id, NULL, 30);
    char *loga = wt_log(&t, "a");
    cr_expect_str_eq(s, "passed", "log a:\n%s", loga);
    cr_expect_eq(wt_count(&t, "SELECT attempts FROM jobs WHERE id = $1", id), 1, "log b:\n%s", logb);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 1);
    char *worker = wt_sql(&t, "SELECT worker FROM jobs WHERE id = $1", id);
    cr_expect_str_eq(worker, wt_id(&t, "a"));
    cr_expect_null(strstr(logb, "] job "), "b ran the job:\n%s", logb);
    kill(a, SIGTERM);
    st = wt_wait_exit(a, 30);
    cr_expect(WT_EXITED_OK(st));
    free(worker);
    free(s);
    free(loga);
    free(logb);
}

Test(worker_signals, sigkill_job_reclaimed_exactly_once)
{
    char id[128];
    pid_t a = busy_worker(id, sizeof(id), "1500", "3");
    kill(a, SIGKILL);
    waitpid(a, NULL, 0);
    pid_t b = wt_worker(&t, "b", "--lease-ms", "1500", "--until-empty", NULL);
    int st = wt_wait_exit(b, 90);
    char *logb = wt_log(&t, "b");
    cr_expect(WT_EXITED_OK(st), "log b:\n%s", logb);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "passed", "log b:\n%s", logb);
    cr_expect(strstr(logb, "02_slow attempt 2: passed 1/1 tests"), "log b:\n%s", logb);
    cr_expect_eq(wt_count(&t, "SELECT attempts FROM jobs WHERE id = $1", id), 2);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 1);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM test_results WHERE job_id = $1", id), 1);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    free(s);
    free(logb);
}

Test(worker_signals, dead_letter_after_max_attempts)
{
    char id[128];
    pid_t a = busy_worker(id, sizeof(id), "1000", "1");
    kill(a, SIGKILL);
    waitpid(a, NULL, 0);
    pid_t b = wt_worker(&t, "b", "--lease-ms", "1000", "--max-attempts", "1", "--until-empty", NULL);
    int st = wt_wait_exit(b, 60);
    char *logb = wt_log(&t, "b");
    cr_expect(WT_EXITED_OK(st), "log b:\n%s", logb);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "dead", "log b:\n%s", logb);
    char *e = wt_sql(&t, "SELECT error FROM jobs WHERE id = $1", id);
    cr_expect_str_eq(e, "worker lost 1 times");
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM dead_letters WHERE job_id = $1", id), 1);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    cr_expect_eq(qs.dead, 1);
    free(e);
    free(s);
    free(logb);
}

Test(worker_signals, concurrency_slots)
{
    char a[128], b[128];
    wt_job(&t, a, sizeof(a), "02_slow", NULL, TITO_JOB_KIND_COMPLETE);
    wt_job(&t, b, sizeof(b), "02_slow", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w", "--concurrency", "2", "--until-empty", NULL);
    int st = wt_wait_exit(w, 120);
    char *log = wt_log(&t, "w");
    cr_expect(WT_EXITED_OK(st), "log:\n%s", log);
    char *sa = wt_status(&t, a), *sb = wt_status(&t, b);
    cr_expect_str_eq(sa, "passed", "log:\n%s", log);
    cr_expect_str_eq(sb, "passed", "log:\n%s", log);
    /* One job per slot: slot ids are ID.1 and ID.2. */
    char *wa = wt_sql(&t, "SELECT worker FROM jobs WHERE id = $1", a);
    char *wb = wt_sql(&t, "SELECT worker FROM jobs WHERE id = $1", b);
    cr_expect(wa && wb && strcmp(wa, wb) != 0, "both jobs on %s; log:\n%s", wa ? wa : "?", log);
    free(wa);
    free(wb);
    free(sa);
    free(sb);
    free(log);
}

/* A worker killed after committing a result but before XACK leaves a final
 * job's entry pending under its name: whoever reclaims it acks it, whether
 * it is under max attempts (job_start says final) or over (no dead letter
 * for a job that has its result). */
static void leftover_entry(const char *max_attempts)
{
    char id[128];
    tito_error err = TITO_ERROR_INIT;
    tito_queue *ghost = NULL;
    tito_queue_msg *m = NULL;

    wt_job(&t, id, sizeof(id), "", NULL, TITO_JOB_KIND_NOOP);
    cr_assert_eq(tito_queue_new(&ghost, t.info.redis_url, t.queue_name, "ghost", &err), 0, "%s", err.message);
    cr_assert_eq(tito_queue_read(ghost, &m, 0, &err), 0, "%s", err.message);
    cr_assert_not_null(m);
    cr_assert_eq(tito_store_job_set_status(t.store, id, "passed", NULL, &err), 0, "%s", err.message);
    tito_queue_msgs_free(m, 1);
    tito_queue_free(ghost);

    pid_t w = wt_worker(&t, "w1", "--lease-ms", "500", "--max-attempts", max_attempts, "--until-empty", NULL);
    int st = wt_wait_exit(w, 30);
    char *log = wt_log(&t, "w1");
    cr_expect(WT_EXITED_OK(st), "log:\n%s", log);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "passed", "log:\n%s", log);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM dead_letters WHERE job_id = $1", id), 0);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 0);
    tito_queue_stats qs = wt_stats(&t);
    cr_expect_eq(qs.length, 0);
    cr_expect_eq(qs.dead, 0);
    free(s);
    free(log);
}

Test(worker_signals, leftover_entry_of_final_job_acked)
{
    leftover_entry("3");
}

Test(worker_signals, leftover_entry_over_max_attempts_acked_not_dead)
{
    leftover_entry("1");
}

/* A SIGKILLed worker's slot dir (with its half-done job dir) is swept by the
 * next worker to start on the machine. */
Test(worker_signals, stale_work_dir_swept)
{
    char id[128], dir[2 * PATH_MAX];
    pid_t a = busy_worker(id, sizeof(id), "1500", "3");
    kill(a, SIGKILL);
    waitpid(a, NULL, 0);
    snprintf(dir, sizeof(dir), "%s/work/%s", t.tmp, wt_id(&t, "a"));
    cr_assert(tito_fs_is_dir(dir), "no slot dir %s while busy", dir);
    pid_t b = wt_worker(&t, "b", "--lease-ms", "1500", "--until-empty", NULL);
    int st = wt_wait_exit(b, 90);
    char *logb = wt_log(&t, "b");
    cr_expect(WT_EXITED_OK(st), "log b:\n%s", logb);
    cr_expect(!tito_fs_exists(dir), "stale slot dir %s not swept", dir);
    free(logb);
}

/* A cancelled run's jobs are marked cancelled, not run. */
Test(worker_signals, cancelled_run)
{
    char id[128];
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_queue_cancel(t.queue, t.run_id, &err), 0, "%s", err.message);
    wt_job(&t, id, sizeof(id), "01_tiny", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--until-empty", NULL);
    int st = wt_wait_exit(w, 30);
    char *log = wt_log(&t, "w1");
    cr_expect(WT_EXITED_OK(st), "log:\n%s", log);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "cancelled", "log:\n%s", log);
    tito_queue_run_cleanup(t.queue, t.run_id, &err);
    free(s);
    free(log);
}

/* An infrastructure failure inside the pipeline (here: no Python) is never
 * recorded as the student's failure: retried, handed back unacked, and in
 * the end dead-lettered as a lost job. */
Test(worker_signals, infra_failure_never_recorded)
{
    char id[128];
    wt_job(&t, id, sizeof(id), "01_tiny", NULL, TITO_JOB_KIND_COMPLETE);
    pid_t w = wt_worker(&t, "w1", "--lease-ms", "1000", "--max-attempts", "1", "--until-empty",
                        "--python", "/nonexistent/python3", NULL);
    int st = wt_wait_exit(w, 60);
    char *log = wt_log(&t, "w1");
    cr_expect(WT_EXITED_OK(st), "log:\n%s", log);
    cr_expect(strstr(log, "(try 3 of 3)"), "log:\n%s", log);
    cr_expect(strstr(log, "handed back unacked"), "log:\n%s", log);
    char *s = wt_status(&t, id);
    cr_expect_str_eq(s, "dead", "log:\n%s", log);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 0);
    free(s);
    free(log);
}

/* First child of pid (scan of /proc/N/stat), or -1. */
static pid_t child_of(pid_t parent)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t found = -1;
    while (d && (e = readdir(d)) && found < 0) {
        char path[300], buf[512];
        int ppid;
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        char *close = strrchr(buf, ')');
        if (close && sscanf(close + 1, " %*c %d", &ppid) == 1 && ppid == parent)
            found = (pid_t)atoi(e->d_name);
    }
    if (d)
        closedir(d);
    return found;
}

/* --concurrency: a slot that crashes is restarted; SIGTERM stops them all. */
Test(worker_signals, crashed_slot_restarted)
{
    pid_t w = wt_worker(&t, "s", "--concurrency", "2", NULL);
    cr_assert(wt_wait_log(&t, "s", "s.2] ready", 30) && wt_wait_log(&t, "s", "s.1] ready", 30));
    pid_t slot = child_of(w);
    cr_assert_gt(slot, 0);
    kill(slot, SIGKILL);
    cr_assert(wt_wait_log(&t, "s", "restarting in 1 s", 10));
    double t0 = wt_now();
    char *log = NULL;
    /* The restarted slot says ready again: three "ready" lines in all. */
    while (wt_now() - t0 < 20) {
        free(log);
        log = wt_log(&t, "s");
        int n = 0;
        for (char *p = log; (p = strstr(p, "] ready")); p++)
            n++;
        if (n >= 3)
            break;
        wt_msleep(100);
    }
    kill(w, SIGTERM);
    int st = wt_wait_exit(w, 15);
    free(log);
    log = wt_log(&t, "s");
    cr_expect(WT_EXITED_OK(st), "status %d; log:\n%s", st, log);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM workers WHERE id LIKE $1", wt_id(&t, "s.%")), 0,
                 "log:\n%s", log);
    free(log);
}

/* A worker stalled past its lease (SIGSTOP) while its pipeline finishes
 * loses the job to another worker and, once resumed, drops its result
 * instead of recording a second one. */
Test(worker_signals, stalled_worker_drops_superseded_result)
{
    char id[128];
    pid_t a = busy_worker(id, sizeof(id), "1500", "5");
    kill(a, SIGSTOP);
    pid_t b = wt_worker(&t, "b", "--lease-ms", "1500", "--max-attempts", "5", NULL);
    /* B takes the job over (attempt 2); A's pipeline child finishes meanwhile. */
    double end = wt_now() + 30;
    while (wt_now() < end && wt_count(&t, "SELECT attempts FROM jobs WHERE id = $1", id) < 2)
        wt_msleep(100);
    cr_expect_eq(wt_count(&t, "SELECT attempts FROM jobs WHERE id = $1", id), 2);
    wt_msleep(6000);
    kill(a, SIGCONT);
    char *s = wt_wait_status(&t, id, NULL, 60);
    wt_msleep(2000); /* let A finish its decision */
    char *loga = wt_log(&t, "a"), *logb = wt_log(&t, "b");
    cr_expect_str_eq(s, "passed", "log a:\n%s\nlog b:\n%s", loga, logb);
    cr_expect_eq(wt_count(&t, "SELECT count(*) FROM job_attempts WHERE job_id = $1", id), 1,
                 "log a:\n%s\nlog b:\n%s", loga, logb);
    cr_expect_eq(wt_count(&t, "SELECT result_attempt FROM jobs WHERE id = $1", id), 2);
    cr_expect(strstr(loga, "dropped: a newer attempt owns the job"), "log a:\n%s", loga);
    kill(a, SIGTERM);
    kill(b, SIGTERM);
    int sa = wt_wait_exit(a, 30), sb = wt_wait_exit(b, 30);
    cr_expect(WT_EXITED_OK(sa));
    cr_expect(WT_EXITED_OK(sb));
    free(s);
    free(loga);
    free(logb);
}
