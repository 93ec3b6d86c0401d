/* Shared by the harness suites (test_harness.c, test_tamper.c), which run
 * shared/harness/tito_harness.py through tito_proc_run and judge its report. */
#ifndef TITO_TESTS_HARNESS_HELPERS_H
#define TITO_TESTS_HARNESS_HELPERS_H

#include <criterion/criterion.h>
#include <string.h>

#include "job/result.h"
#include "proc/proc.h"
#include "runner/runner_private.h"
#include "util/buf.h"

/* The test result named name; fails the test when there is none. */
static inline const tito_test_result *test_named(const tito_result *r, const char *name)
{
    for (size_t i = 0; i < r->ntests; i++)
        if (strcmp(r->tests[i].name, name) == 0)
            return &r->tests[i];
    cr_assert_fail("no test named %s", name);
    return NULL;
}

static inline int has(const char *hay, const char *needle)
{
    return hay != NULL && strstr(hay, needle) != NULL;
}

/* The hidden tests of dir as the runner passes them: appends
 * "--hidden-fd 4 --hidden-dir DIR" to argv at *a and frames the files into
 * *buf (the caller disposes of it); with_hidden() then puts *buf on fd 4. */
static inline void hidden_args(const char **argv, int *a, const char *dir, tito_buf *buf)
{
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_runner__hidden_payload(buf, dir, &err), 0, "%s", err.message);
    argv[(*a)++] = "--hidden-fd";
    argv[(*a)++] = "4";
    argv[(*a)++] = "--hidden-dir";
    argv[(*a)++] = dir;
}

static inline void with_hidden(tito_proc_opts *po, const tito_buf *buf)
{
    po->fd4_data = buf->ptr != NULL ? buf->ptr : "";
    po->fd4_len = buf->len;
}

#endif
