/* `tito services start|stop|status` and `tito db migrate`, plus the helpers
 * of cmd_data.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_data.h"
#include "commands.h"
#include "services/services.h"
#include "store/store.h"

/* --- cmd_data.h ---------------------------------------------------------- */

int tito_cli__conn_flag(tito_cli_conn *c, int argc, char **argv, int *i)
{
    static const char *const names[] = {"--redis", "--db", "--state-dir"};
    const char **slots[] = {&c->redis, &c->db, &c->state_dir};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(names[k]);
        if (!strncmp(argv[*i], names[k], n) && argv[*i][n] == '=') {
            *slots[k] = argv[*i] + n + 1;
            return 1;
        }
        if (!strcmp(argv[*i], names[k])) {
            if (*i + 1 >= argc)
                return -1;
            *slots[k] = argv[++*i];
            return 1;
        }
    }
    return 0;
}

int tito_cli__config(tito_config **out, const tito_cli_conn *c, const char *cmd)
{
    tito_error err = TITO_ERROR_INIT;
    tito_config *cfg = NULL;
    int rc = tito_config_load(&cfg, NULL, &err);
    if (rc == 0 && c->redis)
        rc = tito_config_set(cfg, "redis_url", c->redis, &err);
    if (rc == 0 && c->db)
        rc = tito_config_set(cfg, "database_url", c->db, &err);
    if (rc == 0 && c->state_dir)
        rc = tito_config_set(cfg, "state_dir", c->state_dir, &err);
    if (rc < 0) {
        fprintf(stderr, "tito %s: %s\n", cmd, err.message);
        tito_config_free(cfg);
        *out = NULL;
        return rc == TITO_EINVALID ? TITO_EXIT_USAGE : TITO_EXIT_ENV;
    }
    *out = cfg;
    return 0;
}

int tito_cli__exit_for(int code)
{
    return code == TITO_ENOTFOUND || code == TITO_EINVALID || code == TITO_ECONFLICT ? TITO_EXIT_USAGE
                                                                                      : TITO_EXIT_ENV;
}

static int in_list(const char *const *list, const char *name)
{
    for (; list && *list; list++)
        if (!strcmp(*list, name))
            return 1;
    return 0;
}

tito_json *tito_cli__row_json(const tito_rows *r, size_t i, const char *const *int_cols,
                              const char *const *num_cols)
{
    tito_json *o = tito_json_new_object();
    if (!o)
        return NULL;
    for (size_t c = 0; c < tito_rows_ncols(r); c++) {
        const char *name = tito_rows_colname(r, c), *v = tito_rows_get(r, i, c);
        tito_json *val;
        if (!v)
            val = tito_json_new_null();
        else if (in_list(int_cols, name))
            val = tito_json_new_int(strtoll(v, NULL, 10));
        else if (in_list(num_cols, name))
            val = tito_json_new_float(strtod(v, NULL));
        else
            val = tito_json_new_string(v);
        if (!val || tito_json_object_set(o, name, val) < 0) {
            tito_json_free(o);
            return NULL;
        }
    }
    return o;
}

int tito_cli__print_json(tito_json *v, const char *cmd)
{
    tito_buf b = TITO_BUF_INIT;
    int rc = 0;
    if (!v || tito_json_write(&b, v, 2) < 0) {
        fprintf(stderr, "tito %s: out of memory\n", cmd);
        rc = TITO_EXIT_ENV;
    } else {
        fputs(tito_buf_cstr(&b), stdout);
        fputc('\n', stdout);
    }
    tito_buf_dispose(&b);
    tito_json_free(v);
    return rc;
}

void tito_cli__csv_field(FILE *f, const char *v, char sep)
{
    if (v && strpbrk(v, ",\"\r\n")) {
        fputc('"', f);
        for (; *v; v++) {
            if (*v == '"')
                fputc('"', f);
            fputc(*v, f);
        }
        fputc('"', f);
    } else if (v) {
        fputs(v, f);
    }
    fputc(sep, f);
}

/* --- tito services ------------------------------------------------------- */

static void services_usage(FILE *f)
{
    fprintf(f,
            "usage: tito services start|stop|status [--state-dir DIR] [--json|--env]\n"
            "\n"
            "The embedded redis-server and PostgreSQL cluster tito uses when TITO_REDIS_URL /\n"
            "TITO_DATABASE_URL are not set: unix sockets only, under STATE/services/ (STATE:\n"
            "--state-dir, TITO_STATE_DIR, tito.ini, default .tito). `start` initialises the\n"
            "cluster on first use and migrates the schema; later commands reuse the running\n"
            "servers until `stop`. As root, the servers run as an unprivileged user.\n"
            "Binaries: TITO_REDIS_SERVER, TITO_PG_BINDIR, else PATH and /usr/lib/postgresql/N/bin.\n"
            "--env prints `export TITO_REDIS_URL=... TITO_DATABASE_URL=...` lines for eval.\n");
}

static int print_info(const tito_services_info *in, int json, int env)
{
    if (env) {
        /* For `eval "$(tito services start --env)"`: single-quoted values. */
        const char *names[2] = {"TITO_REDIS_URL", "TITO_DATABASE_URL"};
        const char *vals[2] = {in->redis_url, in->database_url};
        for (int k = 0; k < 2; k++) {
            printf("export %s='", names[k]);
            for (const char *c = vals[k]; *c; c++)
                if (*c == '\'')
                    fputs("'\\''", stdout);
                else
                    putchar(*c);
            printf("'\n");
        }
        return 0;
    }
    if (json) {
        tito_json *o = tito_json_new_object(), *r = tito_json_new_object(), *p = tito_json_new_object();
        if (!o || !r || !p) {
            tito_json_free(o);
            tito_json_free(r);
            tito_json_free(p);
            return tito_cli__print_json(NULL, "services");
        }
        tito_json_object_set(r, "running", tito_json_new_bool(in->redis_running));
        tito_json_object_set(r, "pid", in->redis_pid ? tito_json_new_int(in->redis_pid) : tito_json_new_null());
        tito_json_object_set(r, "url", tito_json_new_string(in->redis_url));
        tito_json_object_set(p, "running", tito_json_new_bool(in->pg_running));
        tito_json_object_set(p, "pid", in->pg_pid ? tito_json_new_int(in->pg_pid) : tito_json_new_null());
        tito_json_object_set(p, "url", tito_json_new_string(in->database_url));
        tito_json_object_set(o, "dir", tito_json_new_string(in->dir));
        tito_json_object_set(o, "redis", r);
        tito_json_object_set(o, "postgres", p);
        return tito_cli__print_json(o, "services");
    }
    printf("redis     %-8s", in->redis_running ? "running" : "stopped");
    if (in->redis_running)
        printf(" pid %-7d %s", (int)in->redis_pid, in->redis_url);
    printf("\npostgres  %-8s", in->pg_running ? "running" : "stopped");
    if (in->pg_running)
        printf(" pid %-7d %s", (int)in->pg_pid, in->database_url);
    printf("\n");
    return 0;
}

int tito_cmd_services(int argc, char **argv)
{
    tito_cli_conn conn = {NULL, NULL, NULL};
    tito_config *cfg = NULL;
    tito_services_opts opts = TITO_SERVICES_OPTS_INIT;
    tito_services_info info;
    tito_error err = TITO_ERROR_INIT;
    const char *sub = NULL;
    int json = 0, env = 0, rc;

    for (int i = 1; i < argc; i++) {
        int f = tito_cli__conn_flag(&conn, argc, argv, &i);
        if (f < 0) {
            fprintf(stderr, "tito services: %s needs a value\n", argv[i]);
            return TITO_EXIT_USAGE;
        } else if (f) {
            continue;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            services_usage(stdout);
            return TITO_EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--env")) {
            env = 1;
        } else if (!sub && argv[i][0] != '-') {
            sub = argv[i];
        } else {
            fprintf(stderr, "tito services: unexpected argument '%s' (see --help)\n", argv[i]);
            return TITO_EXIT_USAGE;
        }
    }
    if (!sub || (strcmp(sub, "start") && strcmp(sub, "stop") && strcmp(sub, "status"))) {
        services_usage(stderr);
        return TITO_EXIT_USAGE;
    }
    if ((rc = tito_cli__config(&cfg, &conn, "services")) != 0)
        return rc;
    opts.state_dir = cfg->state_dir ? cfg->state_dir : ".tito";
    if (!strcmp(sub, "start"))
        rc = tito_services_start(&info, &opts, &err);
    else if (!strcmp(sub, "stop"))
        rc = tito_services_stop(&opts, &err);
    if (rc == 0)
        rc = tito_services_status(&info, &opts, &err);
    tito_config_free(cfg);
    if (rc < 0) {
        fprintf(stderr, "tito services %s: %s\n", sub, err.message);
        return rc == TITO_EINVALID ? TITO_EXIT_USAGE : TITO_EXIT_ENV;
    }
    return print_info(&info, json, env);
}

/* --- tito db ------------------------------------------------------------- */

static void db_usage(FILE *f)
{
    fprintf(f, "usage: tito db migrate [--db URL] [--state-dir DIR]\n"
               "\n"
               "Applies the schema migrations (embedded in tito) that the database has not\n"
               "recorded in schema_migrations, in order, each in a transaction under an advisory\n"
               "lock: safe to run twice and from several processes at once. Without --db /\n"
               "TITO_DATABASE_URL it uses (and starts) the embedded PostgreSQL.\n");
}

int tito_cmd_db(int argc, char **argv)
{
    tito_cli_conn conn = {NULL, NULL, NULL};
    tito_config *cfg = NULL;
    tito_store *st = NULL;
    tito_error err = TITO_ERROR_INIT;
    char *url = NULL;
    const char *sub = NULL;
    int rc, applied = 0;

    for (int i = 1; i < argc; i++) {
        int f = tito_cli__conn_flag(&conn, argc, argv, &i);
        if (f < 0) {
            fprintf(stderr, "tito db: %s needs a value\n", argv[i]);
            return TITO_EXIT_USAGE;
        } else if (f) {
            continue;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            db_usage(stdout);
            return TITO_EXIT_OK;
        } else if (!sub && argv[i][0] != '-') {
            sub = argv[i];
        } else {
            fprintf(stderr, "tito db: unexpected argument '%s' (see --help)\n", argv[i]);
            return TITO_EXIT_USAGE;
        }
    }
    if (!sub || strcmp(sub, "migrate")) {
        db_usage(stderr);
        return TITO_EXIT_USAGE;
    }
    if ((rc = tito_cli__config(&cfg, &conn, "db")) != 0)
        return rc;
    if ((rc = tito_services_resolve(NULL, &url, cfg, &err)) == 0 &&
        (rc = tito_store_new(&st, url, &err)) == 0)
        rc = tito_store_migrate(st, &applied, &err);
    tito_store_free(st);
    tito_config_free(cfg);
    free(url);
    if (rc < 0) {
        fprintf(stderr, "tito db migrate: %s\n", err.message);
        return TITO_EXIT_ENV;
    }
    printf("applied %d migration%s; schema up to date\n", applied, applied == 1 ? "" : "s");
    return TITO_EXIT_OK;
}
