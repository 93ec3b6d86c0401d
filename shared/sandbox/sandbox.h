/* tito_sandbox: run a child inside fresh pid/mount/net/ipc/uts namespaces, a
 * minimal read-only root, an unprivileged uid, seccomp, rlimits and cgroup
 * (v2 or v1) limits. Same contract as tito_proc_run (proc.h), which calls it
 * when opts->sandbox is set. */
#ifndef TITO_SANDBOX_SANDBOX_H
#define TITO_SANDBOX_SANDBOX_H

#include "proc/proc.h"

/* Returns 0 if this process can create sandboxes; otherwise TITO_ERROR with a
 * message naming what is missing (e.g. "need root or CAP_SYS_ADMIN"). */
int tito_sandbox_check(tito_error *err);
int tito_sandbox_run(tito_proc_result *res, const tito_proc_opts *opts, tito_error *err);

#endif
