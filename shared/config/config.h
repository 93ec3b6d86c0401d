/* tito_config: settings from flags > environment (TITO_REDIS_URL,
 * TITO_DATABASE_URL, TITO_STATE_DIR, TITO_WORKERS) > tito.ini > defaults.
 *
 * tito.ini (libinih):
 *   [services]  redis_url = ...  database_url = ...  state_dir = .tito
 *   [workers]   count = 2   queue = default
 *   [limits]    timeout_s = 600  memory_mb = 2048  pids = 256  output_kb = 1024  disk_mb = 256
 *               (limits/limits.h: names, ranges, and how the layers stack)
 */
#ifndef TITO_CONFIG_CONFIG_H
#define TITO_CONFIG_CONFIG_H

#include "limits/limits.h"
#include "proc/proc.h"
#include "util/error.h"

typedef struct tito_config {
    char *redis_url;     /* NULL: embedded service */
    char *database_url;  /* NULL: embedded service */
    char *state_dir;     /* default ".tito" under the current directory */
    char *queue;         /* default "default" */
    int workers;         /* default: number of online CPUs */
    tito_limits limits;          /* the defaults with [limits] applied */
    tito_limits_req limits_req;  /* what [limits] set, field by field */
} tito_config;

/* Loads tito.ini from ini_path (NULL: $TITO_CONFIG, else ./tito.ini if it
 * exists), then applies the environment. A missing default file is not an
 * error; a syntax error names the file and line (TITO_EINVALID). */
int tito_config_load(tito_config **out, const char *ini_path, tito_error *err);
void tito_config_free(tito_config *c);
/* Replaces a string setting (flags override): copies value. */
int tito_config_set(tito_config *c, const char *key, const char *value, tito_error *err);

#endif
