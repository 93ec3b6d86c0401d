/* tito_services_reconcile: re-enqueue what PostgreSQL holds as unfinished but
 * no stream holds (after a Redis loss). Uses only the store/queue APIs. */
#include <stdlib.h>
#include <string.h>

#include "services/services.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int tito_services_reconcile(size_t *out_reenqueued, size_t *out_unfinished, tito_store *st,
                            tito_queue *q, const char *run_id, tito_error *err)
{
    tito_rows *rows = NULL;
    char **ids = NULL;
    const char **rid = NULL, **rspec = NULL;
    size_t nids = 0, n = 0, missing = 0;
    int error;

    if (out_reenqueued)
        *out_reenqueued = 0;
    if (out_unfinished)
        *out_unfinished = 0;
    /* Stream first, then PostgreSQL: a job enqueued in between shows up in
     * both, never in neither. */
    if ((error = tito_queue_job_ids(q, &ids, &nids, err)) < 0 ||
        (error = tito_store_query_unfinished(st, &rows, run_id, err)) < 0)
        goto cleanup;
    qsort(ids, nids, sizeof(*ids), cmp_str);
    n = tito_rows_count(rows);
    rid = calloc(n ? n : 1, sizeof(*rid));
    rspec = calloc(n ? n : 1, sizeof(*rspec));
    if (!rid || !rspec) {
        error = tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const char *id = tito_rows_getn(rows, i, "id"), *spec = tito_rows_getn(rows, i, "spec");
        if (!id || !spec || bsearch(&id, ids, nids, sizeof(*ids), cmp_str))
            continue;
        rid[missing] = id;
        rspec[missing] = spec;
        missing++;
    }
    if (missing && (error = tito_queue_enqueue(q, NULL, rid, rspec, missing, err)) < 0)
        goto cleanup;
    if (out_reenqueued)
        *out_reenqueued = missing;
    if (out_unfinished)
        *out_unfinished = n;
cleanup:
    free(rid);
    free(rspec);
    tito_rows_free(rows);
    tito_queue_strings_free(ids, nids);
    return error;
}
