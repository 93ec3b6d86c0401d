/* Helpers shared by the data-layer commands (cmd_services.c, cmd_query.c):
 * common flags, config loading, output of tito_rows as tables/JSON/CSV. */
#ifndef TITO_COORDINATOR_CMD_DATA_H
#define TITO_COORDINATOR_CMD_DATA_H

#include <stdio.h>

#include "config/config.h"
#include "json/json.h"
#include "store/store.h"
#include "util/error.h"

/* The connection flags every data command accepts. */
typedef struct tito_cli_conn {
    const char *redis;     /* --redis URL */
    const char *db;        /* --db URL */
    const char *state_dir; /* --state-dir DIR */
} tito_cli_conn;

/* If argv[*i] is one of --redis/--db/--state-dir (also --x=v), consumes it
 * (and its value) and returns 1; returns -1 when the value is missing. */
int tito_cli__conn_flag(tito_cli_conn *c, int argc, char **argv, int *i);
/* tito_config_load + the flag overrides. Prints "tito CMD: ..." and returns
 * an exit status on failure (0 on success). */
int tito_cli__config(tito_config **out, const tito_cli_conn *c, const char *cmd);
/* Maps a TITO_E* code to an exit status (ENOTFOUND/EINVALID -> 2, else 3). */
int tito_cli__exit_for(int code);
/* Row i as a JSON object; columns named in int_cols / num_cols (NULL-
 * terminated) become numbers. Returns NULL when out of memory. */
tito_json *tito_cli__row_json(const tito_rows *r, size_t i, const char *const *int_cols,
                              const char *const *num_cols);
/* Writes v pretty-printed plus newline to stdout, frees v. */
int tito_cli__print_json(tito_json *v, const char *cmd);
/* One CSV field (RFC 4180 quoting), followed by sep. */
void tito_cli__csv_field(FILE *f, const char *v, char sep);

#endif
