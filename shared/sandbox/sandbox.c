/* Placeholder until the sandbox lands (issue 5): reports itself unavailable. */
#include "sandbox/sandbox.h"

int tito_sandbox_check(tito_error *err)
{
    return tito_error_set(err, TITO_ERROR, TITO_ERROR_SANDBOX, "the sandbox is not built yet; use --no-sandbox");
}

int tito_sandbox_run(tito_proc_result *res, const tito_proc_opts *opts, tito_error *err)
{
    (void)res;
    (void)opts;
    return tito_sandbox_check(err);
}
