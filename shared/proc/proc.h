/* tito_proc: run one child process with limits and captured output, either
 * directly or inside the sandbox (shared/sandbox). This is the only place that
 * forks student code.
 *
 * The child gets fd 3 open for writing as the "report channel" (the harness
 * writes its JSON lines there); its content is returned separately from
 * stdout/stderr. */
#ifndef TITO_PROC_PROC_H
#define TITO_PROC_PROC_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

typedef struct tito_limits {
    int timeout_ms;          /* wall clock for the whole run; 0 = none */
    int cpu_ms;              /* CPU time (RLIMIT_CPU / cgroup); 0 = none */
    int64_t memory_bytes;    /* address space / cgroup memory; 0 = none */
    int pids;                /* max processes+threads; 0 = none */
    int64_t output_bytes;    /* cap per captured stream; 0 = 1 MiB default */
    int64_t disk_bytes;      /* size of the writable work dir and /tmp; 0 = none */
    int open_files;          /* RLIMIT_NOFILE; 0 = 256 */
} tito_limits;

#define TITO_LIMITS_DEFAULT {600000, 600000, (int64_t)2 << 30, 256, (int64_t)1 << 20, (int64_t)256 << 20, 256}

typedef struct tito_proc_opts {
    const char *const *argv;   /* argv[0] is an absolute path */
    const char *const *envp;   /* full environment of the child */
    const char *cwd;           /* working directory (the job's work dir) */
    tito_limits limits;
    int sandbox;               /* 0: plain fork/exec in a new process group; 1: sandbox */
    /* Sandbox only: host paths bound read-only at the same path inside, NULL-terminated. */
    const char *const *ro_binds;
    /* Sandbox only: the writable work dir (bound at the same path). */
    const char *work_dir;
    /* Sandbox only, may be NULL: the instructor's hidden tests. No path
     * reaches them inside: their parent dir (every module's hidden tests) is
     * masked by an empty tmpfs, even when a bind in ro_binds holds it. Their
     * content reaches the harness through fd4_data. */
    const char *hidden_dir;
    /* May be NULL: bytes the child reads on fd 4, a sealed memfd at offset 0.
     * For what the child must take in before any untrusted code runs and then
     * close (the harness's hidden tests, shared/sandbox/README.md): once
     * closed, nothing in the child can reach the data again. Borrowed. */
    const char *fd4_data;
    size_t fd4_len;
} tito_proc_opts;

typedef struct tito_proc_result {
    int exit_code;           /* exit status, or -1 when killed */
    int term_signal;         /* signal that killed it, 0 if none */
    int timed_out;           /* killed by us for the wall-clock limit */
    int cpu_exceeded;        /* SIGXCPU / cgroup cpu */
    int oom_killed;          /* memory limit */
    int output_truncated;    /* a stream exceeded output_bytes (rest discarded, child killed) */
    int disk_exceeded;       /* SIGXFSZ or work dir full */
    int violation;           /* seccomp kill (SIGSYS) */
    char *out; size_t out_len;       /* stdout (capped) */
    char *err; size_t err_len;       /* stderr (capped) */
    char *report; size_t report_len; /* fd 3 channel (capped) */
    double wall_ms;
} tito_proc_result;

/* Runs the child to completion (or limit). Returns 0 when the child ran,
 * whatever its exit (inspect *res); negative only for infrastructure failure
 * (fork/pipe/sandbox setup) with err set. res is filled by the callee and its
 * buffers released with tito_proc_result_dispose. */
int tito_proc_run(tito_proc_result *res, const tito_proc_opts *opts, tito_error *err);
void tito_proc_result_dispose(tito_proc_result *res);

#endif
