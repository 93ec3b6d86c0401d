/* Test fixture: real redis-server and PostgreSQL for a Criterion suite,
 * started once per test executable through the embedded-services code
 * (shared/services) in a private temp dir, on unix sockets, as an
 * unprivileged user when root. Never mocks.
 *
 * Usage, in exactly one .c file of the suite:
 *
 *     #define TITO_SVC_FIXTURE_MAIN
 *     #include "../support/svc_fixture.h"
 *
 * and in any test (or .init):
 *
 *     tito_services_info info;
 *     svc_fixture_start(&info);      // starts or reuses; migrated
 *     ... info.redis_url, info.database_url ...
 *
 * Other .c files of the same suite include the header without the define.
 * Set TITO_TEST_STATE yourself to reuse an existing dir (then nothing is
 * stopped); TITO_TEST_KEEP=1 keeps the dir (logs) after the run.
 * The PRE_ALL hook picks a temp state dir ($TITO_TEST_STATE, inherited by the
 * forked tests); POST_ALL stops the servers and removes the dir. */
#ifndef TITO_TESTS_SVC_FIXTURE_H
#define TITO_TESTS_SVC_FIXTURE_H

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "services/services.h"

static inline const char *svc_fixture_state(void)
{
    return getenv("TITO_TEST_STATE");
}

static inline void svc_fixture_opts(tito_services_opts *o)
{
    tito_services_opts init = TITO_SERVICES_OPTS_INIT;
    *o = init;
    o->state_dir = svc_fixture_state();
}

static inline void svc_fixture_start(tito_services_info *info)
{
    tito_services_opts o;
    tito_error err = TITO_ERROR_INIT;
    svc_fixture_opts(&o);
    cr_assert_not_null(o.state_dir, "TITO_TEST_STATE unset: TITO_SVC_FIXTURE_MAIN missing");
    int rc = tito_services_start(info, &o, &err);
    cr_assert_eq(rc, 0, "starting test services: %s", err.message);
}

/* A random-ish unique name for test isolation (queues, runs, jobs). */
static inline void svc_fixture_unique(char *buf, size_t n, const char *prefix)
{
    static unsigned counter;
    FILE *f = fopen("/dev/urandom", "r");
    unsigned r = 0;
    if (f) {
        if (fread(&r, sizeof(r), 1, f) != 1)
            r = 0;
        fclose(f);
    }
    snprintf(buf, n, "%s%d-%08x-%u", prefix, (int)getpid(), r, counter++);
}

#endif /* TITO_TESTS_SVC_FIXTURE_H */

/* The hooks, defined once per suite: #define TITO_SVC_FIXTURE_MAIN before
 * including this header in exactly one .c file. */
#if defined(TITO_SVC_FIXTURE_MAIN) && !defined(TITO_SVC_FIXTURE_MAIN_DONE)
#define TITO_SVC_FIXTURE_MAIN_DONE
ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
    (void)set;
    static char dir[] = "/tmp/tito-tst-XXXXXX";
    if (!getenv("TITO_TEST_STATE")) {
        if (!mkdtemp(dir))
            abort();
        chmod(dir, 0755);
        setenv("TITO_TEST_STATE", dir, 1);
        setenv("TITO_TEST_STATE_OWNED", "1", 1);
    }
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
    (void)stats;
    tito_services_opts o;
    tito_error err = TITO_ERROR_INIT;
    const char *dir = svc_fixture_state();
    if (!dir || !getenv("TITO_TEST_STATE_OWNED"))
        return;
    svc_fixture_opts(&o);
    if (tito_services_stop(&o, &err) < 0)
        fprintf(stderr, "stopping test services: %s\n", err.message);
    if (!getenv("TITO_TEST_KEEP")) {
        char cmd[4200];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
}
#endif
