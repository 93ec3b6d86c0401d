/* Internals of tito_proc shared with the sandbox (shared/sandbox), which
 * starts its child differently but captures and times it the same way. */
#ifndef TITO_PROC_PROC_PRIVATE_H
#define TITO_PROC_PROC_PRIVATE_H

#include <sys/resource.h>
#include <sys/types.h>

#include "proc/proc.h"

typedef struct tito_proc__watch {
    pid_t pid;                 /* direct child, not yet reaped */
    /* Kills everything the run started; called often, must be idempotent. */
    void (*kill)(void *ctx);
    /* Optional, called every poll round (<= 50 ms) while the child runs:
     * returns nonzero (after setting the reason in *res) to end the run. */
    int (*tick)(void *ctx, tito_proc_result *res);
    void *ctx;
} tito_proc__watch;

/* The capture loop: reads fds (stdout, stderr, report; takes ownership and
 * closes them) into res->out/err/report capped at l->output_bytes, enforces
 * l->timeout_ms (sets res->timed_out), sets res->output_truncated, kills
 * through w->kill when the child exits, a limit is hit or on error, and reaps
 * w->pid into *status / *ru. Returns 0, or negative with err set (the child is
 * killed and reaped either way). */
int tito_proc__supervise(tito_proc_result *res, const tito_limits *l, const tito_proc__watch *w, int fds[3],
                         int *status, struct rusage *ru, tito_error *err);

/* Child side, after fork: makes devnull/wfd[0..2] fds 0/1/2/3 and fd4 (when
 * >= 0) fd 4, closes every other fd except errfd (moved above 10, close-on-
 * exec), resets signal dispositions and mask. Returns the new errfd, or -1
 * (errno set). Async-signal-safe. */
int tito_proc__child_stdio(int devnull, const int wfd[3], int fd4, int errfd);

/* For tito_proc_opts.fd4_data: a close-on-exec memfd holding data at offset
 * 0, sealed against any change (write, grow, shrink, new seals). Returns the
 * fd (the caller closes it), or negative with err set. */
int tito_proc__memfd(const char *data, size_t len, tito_error *err);

#endif
