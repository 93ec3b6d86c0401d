/* Turning a finished harness process into test results and one outcome.
 *
 * Fail closed: a test the harness discovered but never reported is an error
 * whose message says why it did not run; a run that did not end with the
 * harness's "done" line is never a pass.
 *
 * Signed channel (tito_runner__judge_signed with a key): every line must be
 * "<HMAC-SHA256(key, json) hex> <json>" with "seq" counting from 0; the first
 * line that does not verify, or a "tamper" event, makes the job a sandbox
 * violation and nothing after it is believed (shared/harness/README.md). */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner/runner_private.h"
#include "util/buf.h"
#include "util/sha256.h"

#define MSG_EXCERPT 160

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static tito_test_result *find_test(tito_result *r, const char *name)
{
    for (size_t i = 0; i < r->ntests; i++)
        if (strcmp(r->tests[i].name, name) == 0)
            return &r->tests[i];
    return NULL;
}

static double max_points_of(const tito_json *points, const char *name)
{
    const tito_json *v = points != NULL ? tito_json_get(points, name) : NULL;
    if (v == NULL || (tito_json_type_of(v) != TITO_JSON_INT && tito_json_type_of(v) != TITO_JSON_FLOAT))
        return 0;
    return tito_json_float(v);
}

static int set_message(tito_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int set_message(tito_result *r, const char *fmt, ...)
{
    tito_buf b = TITO_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    tito_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (b.failed) {
        tito_buf_dispose(&b);
        return TITO_ENOMEM;
    }
    free(r->message);
    r->message = tito_buf_detach(&b, NULL);
    return r->message != NULL ? 0 : TITO_ENOMEM;
}

/* Merges one reported call: a test called several times (directly and again
 * from test_module) keeps its first non-passing result. */
static int record(tito_result *r, const char *name, tito_outcome oc, double dur, const char *msg, double pts,
                  double maxp)
{
    tito_test_result *t = find_test(r, name);
    if (t == NULL)
        return tito_result_add_test(r, name, oc, dur, msg, pts, maxp);
    if (t->outcome == TITO_OUTCOME_PASSED && oc != TITO_OUTCOME_PASSED) {
        char *m = msg != NULL ? strdup(msg) : NULL;
        if (msg != NULL && m == NULL)
            return TITO_ENOMEM;
        free(t->message);
        t->message = m;
        t->outcome = oc;
        t->duration_ms = dur;
        t->points = 0;
    }
    return 0;
}

/* First line of a message, cut to a readable length. */
static void put_first_line(tito_buf *b, const char *msg)
{
    if (msg == NULL)
        return;
    /* Tracebacks end with the exception line, which is the useful one. */
    const char *end = msg + strlen(msg);
    const char *last = end;
    while (last > msg && last[-1] == '\n')
        last--;
    const char *start = last;
    while (start > msg && start[-1] != '\n')
        start--;
    size_t n = (size_t)(last - start);
    if (n > MSG_EXCERPT)
        n = MSG_EXCERPT;
    tito_buf_put(b, start, n);
}

static const char *why_not_run(tito_buf *b, const tito_proc_result *pr, const tito_limits *lim, int done,
                               const char *abort_reason)
{
    tito_buf_clear(b);
    if (abort_reason != NULL)
        tito_buf_printf(b, "not run: %s", abort_reason);
    else if (pr->timed_out)
        tito_buf_printf(b, "not run: the process timed out after %d s", lim->timeout_ms / 1000);
    else if (pr->cpu_exceeded)
        tito_buf_printf(b, "not run: the CPU time limit of %d s was exceeded", lim->cpu_ms / 1000);
    else if (pr->oom_killed)
        tito_buf_puts(b, "killed: memory limit");
    else if (pr->output_truncated)
        tito_buf_printf(b, "not run: the output limit of %lld bytes was exceeded",
                        (long long)(lim->output_bytes > 0 ? lim->output_bytes : (int64_t)1 << 20));
    else if (pr->disk_exceeded)
        tito_buf_puts(b, "not run: the disk limit was exceeded");
    else if (pr->violation)
        tito_buf_puts(b, "killed: sandbox violation (forbidden system call)");
    else if (pr->term_signal != 0)
        tito_buf_printf(b, "not run: crashed with signal %d (%s)", pr->term_signal, strsignal(pr->term_signal));
    else if (!done && pr->exit_code == 70)
        /* tito_harness.py exits 70 when its report channel stops working */
        tito_buf_puts(b, "not run: the module closed the harness's report channel");
    else if (!done)
        tito_buf_printf(b, "not run: the test process exited with status %d before reaching it", pr->exit_code);
    else
        tito_buf_puts(b, "not run: never reported by the harness");
    return tito_buf_cstr(b);
}

/* Process-level verdicts take precedence over what the tests said. Returns 1
 * when one applied. */
static int process_outcome(tito_result *r, const tito_proc_result *pr, const tito_limits *lim, const char *why)
{
    tito_outcome oc;
    if (pr->timed_out || pr->cpu_exceeded)
        oc = TITO_OUTCOME_TIMEOUT;
    else if (pr->oom_killed)
        oc = TITO_OUTCOME_MEMORY;
    else if (pr->output_truncated || pr->disk_exceeded)
        oc = TITO_OUTCOME_OUTPUT_LIMIT;
    else if (pr->violation)
        oc = TITO_OUTCOME_VIOLATION;
    else if (pr->term_signal != 0)
        oc = TITO_OUTCOME_SIGNALED;
    else
        return 0;
    (void)lim;
    r->outcome = oc;
    /* "not run: ..." reads oddly as a job message; keep the cause. */
    const char *colon = strstr(why, ": ");
    set_message(r, "%s", colon != NULL && strncmp(why, "not run", 7) == 0 ? colon + 2 : why);
    return 1;
}

/* HMAC-SHA256 (RFC 2104) of msg under key, as 64 lowercase hex chars. */
static void hmac_hex(char hex[65], const char *key, size_t klen, const char *msg, size_t mlen)
{
    unsigned char k[64], pad[64], inner[32], outer[32];
    tito_sha256 c;
    memset(k, 0, sizeof k);
    if (klen > sizeof k) {
        tito_sha256_init(&c);
        tito_sha256_update(&c, key, klen);
        tito_sha256_final(&c, k);
    } else {
        memcpy(k, key, klen);
    }
    for (size_t i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x36;
    tito_sha256_init(&c);
    tito_sha256_update(&c, pad, 64);
    tito_sha256_update(&c, msg, mlen);
    tito_sha256_final(&c, inner);
    for (size_t i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x5c;
    tito_sha256_init(&c);
    tito_sha256_update(&c, pad, 64);
    tito_sha256_update(&c, inner, 32);
    tito_sha256_final(&c, outer);
    for (size_t i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", outer[i]);
    hex[64] = '\0';
}

/* A signed line is "<hmac hex> <json>" (the caller checks its "seq").
 * Returns NULL when it verifies (json and jlen set to the JSON part), else why
 * not. */
static const char *verify_line(const char *key, const char *line, size_t len, const char **json,
                               size_t *jlen)
{
    char mac[65];
    if (len < 66 || line[64] != ' ')
        return "a line without a valid signature (forged)";
    hmac_hex(mac, key, strlen(key), line + 65, len - 65);
    /* constant-time compare: the student cannot read the pipe, but cheap */
    unsigned char diff = 0;
    for (size_t i = 0; i < 64; i++)
        diff |= (unsigned char)(mac[i] ^ line[i]);
    if (diff != 0)
        return "a line whose signature does not verify (forged or altered)";
    *json = line + 65;
    *jlen = len - 65;
    return NULL;
}

static int is_discovered(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

static int judge_per_test(tito_result *r, const tito_proc_result *pr, const tito_json *points,
                          const tito_limits *lim, const char *key, tito_error *err)
{
    char **disc = NULL;
    size_t ndisc = 0;
    int done = 0, error = 0;
    long seq = 0;
    char *abort_reason = NULL, *tamper = NULL;
    tito_buf why = TITO_BUF_INIT, msg = TITO_BUF_INIT;
    const char *p = pr->report, *end = pr->report + pr->report_len;

    while (p != NULL && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        /* A line without its newline was cut by a kill: ignore it. */
        if (nl == NULL)
            break;
        tito_json *j = NULL;
        tito_error jerr = TITO_ERROR_INIT;
        const char *jtext = p;
        size_t jlen = (size_t)(nl - p);
        if (key != NULL) {
            /* Signed channel: the first line that does not verify ends
             * what we believe; everything after it may be the student's. */
            const char *bad = verify_line(key, p, (size_t)(nl - p), &jtext, &jlen);
            if (bad == NULL && (tito_json_parse(&j, jtext, jlen, &jerr) < 0 ||
                                tito_json_type_of(j) != TITO_JSON_OBJECT ||
                                tito_json_get(j, "seq") == NULL ||
                                tito_json_type_of(tito_json_get(j, "seq")) != TITO_JSON_INT ||
                                (long)tito_json_float(tito_json_get(j, "seq")) != seq))
                bad = "a signed line out of sequence (replayed or dropped)";
            if (bad != NULL) {
                tito_json_free(j);
                tamper = strdup(bad);
                break;
            }
            seq++;
            const char *ev = tito_json_get_string(j, "event");
            if (ev != NULL && strcmp(ev, "tamper") == 0) {
                const char *reason = tito_json_get_string(j, "reason");
                tamper = strdup(reason != NULL ? reason : "the harness detected tampering");
                tito_json_free(j);
                break;
            }
            tito_json_free(j);
            j = NULL;
        }
        if (tito_json_parse(&j, jtext, jlen, &jerr) == 0 && tito_json_type_of(j) == TITO_JSON_OBJECT) {
            const char *ev = tito_json_get_string(j, "event");
            const char *name = tito_json_get_string(j, "name");
            if (ev != NULL && strcmp(ev, "discovered") == 0) {
                const tito_json *arr = tito_json_get(j, "tests");
                for (size_t i = 0; i < tito_json_len(arr); i++) {
                    const char *s = tito_json_string(tito_json_at(arr, i), NULL);
                    if (s == NULL || is_discovered(disc, ndisc, s))
                        continue;
                    char **nd = realloc(disc, (ndisc + 1) * sizeof *disc);
                    if (nd == NULL || (nd[ndisc] = strdup(s)) == NULL) {
                        if (nd != NULL)
                            disc = nd;
                        tito_json_free(j);
                        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
                        goto cleanup;
                    }
                    disc = nd;
                    ndisc++;
                }
            } else if (ev != NULL && strcmp(ev, "done") == 0) {
                done = 1;
            } else if (ev != NULL && strcmp(ev, "abort") == 0 && abort_reason == NULL) {
                const char *reason = tito_json_get_string(j, "reason");
                abort_reason = strdup(reason != NULL ? reason : "the harness stopped");
            } else if (ev == NULL && name != NULL) {
                tito_outcome oc;
                if (tito_outcome_parse(&oc, tito_json_get_string(j, "outcome")) < 0)
                    oc = TITO_OUTCOME_ERROR;
                const tito_json *d = tito_json_get(j, "duration_ms");
                double maxp = max_points_of(points, name);
                if ((error = record(r, name, oc, d != NULL ? tito_json_float(d) : 0,
                                    tito_json_get_string(j, "message"), oc == TITO_OUTCOME_PASSED ? maxp : 0,
                                    maxp)) < 0) {
                    tito_json_free(j);
                    tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
                    goto cleanup;
                }
            }
        }
        tito_json_free(j);
        p = nl + 1;
    }

    if (tamper != NULL) {
        tito_buf_clear(&why);
        tito_buf_printf(&why, "not run: the module tampered with the harness's report channel: %s", tamper);
        done = 0;
    } else {
        why_not_run(&why, pr, lim, done, abort_reason);
    }
    for (size_t i = 0; i < ndisc; i++) {
        if (find_test(r, disc[i]) != NULL)
            continue;
        if ((error = tito_result_add_test(r, disc[i], TITO_OUTCOME_ERROR, 0, tito_buf_cstr(&why), 0,
                                          max_points_of(points, disc[i]))) < 0) {
            tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    }

    if (tamper != NULL) {
        /* Forging results beats every other verdict: nothing the channel
         * said after the first bad line is believed. */
        r->outcome = TITO_OUTCOME_VIOLATION;
        set_message(r, "sandbox violation: the module tampered with the harness's report channel: %s", tamper);
        goto cleanup;
    }
    if (process_outcome(r, pr, lim, tito_buf_cstr(&why)))
        goto cleanup;

    /* Test-level verdict. Names the harness reported that it had not
     * discovered are top-level statements ("import at line 3") or the syntax
     * error: the module itself did not run cleanly. */
    size_t nfail = 0, nerr_top = 0, ntimeout = 0, nmem = 0;
    const tito_test_result *first_fail = NULL, *first_top = NULL, *first_timeout = NULL;
    for (size_t i = 0; i < r->ntests; i++) {
        const tito_test_result *t = &r->tests[i];
        if (t->outcome == TITO_OUTCOME_PASSED || t->outcome == TITO_OUTCOME_SKIPPED)
            continue;
        if (t->message != NULL && strstr(t->message, "MemoryError") != NULL)
            nmem++;
        if (t->outcome == TITO_OUTCOME_TIMEOUT) {
            ntimeout++;
            if (first_timeout == NULL)
                first_timeout = t;
        } else if (!is_discovered(disc, ndisc, t->name)) {
            nerr_top++;
            if (first_top == NULL)
                first_top = t;
        } else {
            nfail++;
            if (first_fail == NULL)
                first_fail = t;
        }
    }
    if (nmem > 0) {
        r->outcome = TITO_OUTCOME_MEMORY;
        set_message(r, "out of memory (MemoryError) in %zu test(s) or statement(s)", nmem);
    } else if (ntimeout > 0) {
        r->outcome = TITO_OUTCOME_TIMEOUT;
        tito_buf_clear(&msg);
        put_first_line(&msg, first_timeout->message);
        set_message(r, "%s: %s", first_timeout->name, tito_buf_cstr(&msg));
    } else if (!done) {
        /* The harness did not finish: whatever it reported, the run is
         * incomplete, so the verdict is the reason, not the first failure. */
        r->outcome = TITO_OUTCOME_ERROR;
        const char *w = tito_buf_cstr(&why);
        set_message(r, "%s", strncmp(w, "not run: ", 9) == 0 ? w + 9 : w);
    } else if (nerr_top > 0) {
        r->outcome = TITO_OUTCOME_ERROR;
        tito_buf_clear(&msg);
        put_first_line(&msg, first_top->message);
        set_message(r, "%s: %s", first_top->name, tito_buf_cstr(&msg));
    } else if (nfail > 0) {
        r->outcome = TITO_OUTCOME_FAILED;
        tito_buf_clear(&msg);
        put_first_line(&msg, first_fail->message);
        set_message(r, "%zu of %zu tests failed; first: %s: %s", nfail, ndisc, first_fail->name,
                    tito_buf_cstr(&msg));
    } else if (!done || pr->exit_code != 0) {
        r->outcome = TITO_OUTCOME_ERROR;
        set_message(r, "the test process exited with status %d%s", pr->exit_code,
                    done ? "" : " before finishing (see the log)");
    } else {
        r->outcome = TITO_OUTCOME_PASSED;
        free(r->message);
        r->message = NULL;
    }

cleanup:
    for (size_t i = 0; i < ndisc; i++)
        free(disc[i]);
    free(disc);
    free(abort_reason);
    free(tamper);
    tito_buf_dispose(&why);
    tito_buf_dispose(&msg);
    return error;
}

/* First n lines of s (for the module_execution message, as upstream). */
static void first_lines(tito_buf *b, const char *s, size_t len, int n)
{
    const char *p = s, *end = s + len;
    while (p < end && n > 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl != NULL ? nl : end;
        if (b->len > 0)
            tito_buf_putc(b, '\n');
        tito_buf_put(b, p, (size_t)(e - p));
        n--;
        p = nl != NULL ? nl + 1 : end;
    }
}

/* Length in bytes of the UTF-8 sequence starting at p (1 for bad bytes). */
static size_t u8len(const unsigned char *p, const unsigned char *end)
{
    size_t n = *p < 0x80 ? 1 : *p >> 5 == 6 ? 2 : *p >> 4 == 14 ? 3 : *p >> 3 == 30 ? 4 : 1;
    return p + n <= end ? n : (size_t)(end - p);
}

/* spec/tinytorch.md section 2: a stripped stdout line starting with the check
 * mark passes, the cross fails; name = line[2:] (code points) up to the first
 * ':', message = the rest. */
static int judge_script(tito_result *r, const tito_proc_result *pr, const tito_limits *lim, tito_error *err)
{
    static const char CHECK[] = "\xe2\x9c\x85", CROSS[] = "\xe2\x9d\x8c";
    tito_buf why = TITO_BUF_INIT, name = TITO_BUF_INIT, msg = TITO_BUF_INIT;
    int error = 0, nmarks = 0, nfail = 0;
    const char *p = pr->out, *end = pr->out + pr->out_len;

    while (p != NULL && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e = nl != NULL ? nl : end;
        p = nl != NULL ? nl + 1 : end;
        while (s < e && is_space((unsigned char)*s))
            s++;
        while (e > s && is_space((unsigned char)e[-1]))
            e--;
        int pass = (size_t)(e - s) >= 3 && memcmp(s, CHECK, 3) == 0;
        int fail = (size_t)(e - s) >= 3 && memcmp(s, CROSS, 3) == 0;
        if (!pass && !fail)
            continue;
        nmarks++;
        const char *t = s + 3;
        if (t < e)
            t += u8len((const unsigned char *)t, (const unsigned char *)e); /* the [2:] slice */
        const char *colon = t < e ? memchr(t, ':', (size_t)(e - t)) : NULL;
        const char *ne = colon != NULL ? colon : e;
        tito_buf_clear(&name);
        tito_buf_clear(&msg);
        while (t < ne && is_space((unsigned char)*t))
            t++;
        while (ne > t && is_space((unsigned char)ne[-1]))
            ne--;
        tito_buf_put(&name, t, (size_t)(ne - t));
        if (colon != NULL) {
            const char *m = colon + 1;
            while (m < e && is_space((unsigned char)*m))
                m++;
            tito_buf_put(&msg, m, (size_t)(e - m));
        }
        if (name.failed || msg.failed) {
            error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
        if (fail)
            nfail++;
        if ((error = record(r, tito_buf_cstr(&name), pass ? TITO_OUTCOME_PASSED : TITO_OUTCOME_FAILED, 0,
                            msg.len > 0 ? tito_buf_cstr(&msg) : NULL, 0, 0)) < 0) {
            tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    }

    why_not_run(&why, pr, lim, 1, NULL);
    int crashed = pr->exit_code != 0 || pr->term_signal != 0;
    if (crashed) {
        /* Upstream counts a non-zero exit after some check marks and no cross
         * as a pass; we fail closed: the crash is a module_execution error. */
        tito_buf_clear(&msg);
        if (pr->term_signal != 0 || pr->timed_out || pr->output_truncated)
            tito_buf_puts(&msg, tito_buf_cstr(&why));
        else if (pr->err_len > 0)
            first_lines(&msg, pr->err, pr->err_len, 5);
        else
            first_lines(&msg, pr->out, pr->out_len, 5);
        if ((error = record(r, "module_execution", TITO_OUTCOME_ERROR, pr->wall_ms, tito_buf_cstr(&msg), 0, 0)) <
            0) {
            tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    } else if (nmarks == 0 && pr->out_len > 0) {
        if ((error = record(r, "module_execution", TITO_OUTCOME_PASSED, pr->wall_ms, NULL, 0, 0)) < 0) {
            tito_error_set(err, error, TITO_ERROR_NOMEM, "out of memory");
            goto cleanup;
        }
    }

    if (process_outcome(r, pr, lim, tito_buf_cstr(&why)))
        goto cleanup;
    if (nfail > 0) {
        r->outcome = TITO_OUTCOME_FAILED;
        const tito_test_result *f = NULL;
        for (size_t i = 0; i < r->ntests && f == NULL; i++)
            if (r->tests[i].outcome == TITO_OUTCOME_FAILED)
                f = &r->tests[i];
        set_message(r, "%d check(s) failed; first: %s", nfail, f != NULL ? f->name : "?");
    } else if (crashed) {
        r->outcome = TITO_OUTCOME_ERROR;
        tito_buf_clear(&msg);
        if (pr->err_len > 0) {
            /* the exception line of the traceback */
            char *e = strndup(pr->err, pr->err_len);
            if (e != NULL)
                put_first_line(&msg, e);
            free(e);
        }
        set_message(r, "the module exited with status %d%s%s", pr->exit_code, msg.len > 0 ? ": " : "",
                    tito_buf_cstr(&msg));
    } else {
        r->outcome = TITO_OUTCOME_PASSED;
        free(r->message);
        r->message = NULL;
    }

cleanup:
    tito_buf_dispose(&why);
    tito_buf_dispose(&name);
    tito_buf_dispose(&msg);
    return error;
}

int tito_runner__judge_signed(tito_result *r, const tito_proc_result *pr, tito_test_mode mode,
                              const tito_json *points, const tito_limits *limits, const char *key, tito_error *err)
{
    if (mode == TITO_TEST_MODE_SCRIPT)
        return judge_script(r, pr, limits, err);
    return judge_per_test(r, pr, points, limits, key, err);
}

int tito_runner__judge(tito_result *r, const tito_proc_result *pr, tito_test_mode mode, const tito_json *points,
                       const tito_limits *limits, tito_error *err)
{
    return tito_runner__judge_signed(r, pr, mode, points, limits, NULL, err);
}
