#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"

static char ini[] = "/tmp/tito_cfg_XXXXXX";

static void write_ini(const char *text)
{
    int fd = mkstemp(ini);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
}

static void clear_env(void)
{
    unsetenv("TITO_REDIS_URL");
    unsetenv("TITO_DATABASE_URL");
    unsetenv("TITO_STATE_DIR");
    unsetenv("TITO_WORKERS");
    unsetenv("TITO_CONFIG");
}

static void cleanup_ini(void) { unlink(ini); }

TestSuite(config, .init = clear_env, .fini = cleanup_ini);

Test(config, defaults_without_file)
{
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, NULL, &err), 0, "%s", err.message);
    cr_assert_null(c->redis_url);
    cr_assert_null(c->database_url);
    cr_assert_str_eq(c->state_dir, ".tito");
    cr_assert_str_eq(c->queue, "default");
    cr_assert_gt(c->workers, 0);
    tito_config_free(c);
}

Test(config, file_then_environment_wins)
{
    write_ini("[services]\nredis_url = redis://file:6379\ndatabase_url = host=/file\n"
              "[workers]\ncount = 3\n[limits]\ntimeout_s = 30\nmemory_mb = 512\n");
    setenv("TITO_DATABASE_URL", "host=/env dbname=x", 1);
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, ini, &err), 0, "%s", err.message);
    cr_assert_str_eq(c->redis_url, "redis://file:6379");
    cr_assert_str_eq(c->database_url, "host=/env dbname=x");
    cr_assert_eq(c->workers, 3);
    cr_assert_eq(c->limits.timeout_ms, 30000);
    cr_assert_eq(c->limits.memory_bytes, (int64_t)512 << 20);
    cr_assert_eq(c->limits_req.timeout_s, 30, "what the file set is kept apart, to travel in jobs");
    cr_assert_eq(c->limits_req.memory_mb, 512);
    cr_assert_eq(c->limits_req.pids, -1, "and what it did not set stays unset");
    /* flags override both */
    cr_assert_eq(tito_config_set(c, "redis_url", "redis://flag", &err), 0);
    cr_assert_str_eq(c->redis_url, "redis://flag");
    tito_config_free(c);
}

Test(config, unknown_key_names_file_and_key)
{
    write_ini("[services]\nredis = x\n");
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, ini, &err), TITO_EINVALID);
    cr_assert_null(c);
    cr_assert(strstr(err.message, ini) && strstr(err.message, "[services] redis"), "%s", err.message);
}

Test(config, bad_number_and_syntax)
{
    write_ini("[workers]\ncount = many\n");
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, ini, &err), TITO_EINVALID);
    cr_assert(strstr(err.message, "non-negative integer"), "%s", err.message);
    unlink(ini);
    strcpy(ini, "/tmp/tito_cfg_XXXXXX");
    write_ini("[workers\ncount = 1\n");
    cr_assert_eq(tito_config_load(&c, ini, &err), TITO_EINVALID);
    cr_assert(strstr(err.message, "line 1"), "%s", err.message);
}

Test(config, limits_sections)
{
    write_ini("[limits]\npids = 64\n[limits.01_tensor]\ntimeout_s = 9\n");
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, ini, &err), 0, "%s", err.message);
    cr_expect_eq(c->limits.pids, 64);
    cr_expect_eq(c->limits_req.timeout_s, -1, "a module's section is the course's business (limits.h)");
    tito_config_free(c);

    unlink(ini);
    strcpy(ini, "/tmp/tito_cfg_XXXXXX");
    write_ini("[limits.01_tensor]\ntimeout_s = forever\n");
    cr_assert_eq(tito_config_load(&c, ini, &err), TITO_EINVALID);
    char want[256];
    snprintf(want, sizeof(want), "%s: [limits.01_tensor]: timeout_s must be a whole number of seconds from 1 to 86400, not 'forever'", ini);
    cr_expect_str_eq(err.message, want);

    unlink(ini);
    strcpy(ini, "/tmp/tito_cfg_XXXXXX");
    write_ini("[limits]\nmemory = 5\n");
    cr_assert_eq(tito_config_load(&c, ini, &err), TITO_EINVALID);
    cr_expect(strstr(err.message, "[limits]: unknown limit 'memory' (known: timeout_s,"), "%s", err.message);
}

Test(config, missing_explicit_file_is_an_error)
{
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, "/nonexistent/tito.ini", &err), TITO_ENOTFOUND);
    cr_assert(strstr(err.message, "/nonexistent/tito.ini"), "%s", err.message);
}

Test(config, bad_worker_env)
{
    setenv("TITO_WORKERS", "0", 1);
    tito_config *c = NULL;
    tito_error err = TITO_ERROR_INIT;
    cr_assert_eq(tito_config_load(&c, NULL, &err), TITO_EINVALID);
    cr_assert(strstr(err.message, "TITO_WORKERS"), "%s", err.message);
}
