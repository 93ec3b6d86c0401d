/* tito_limits_req: resource limits as a layer asks for them, field by field,
 * so layers stack (each set field overrides the one below):
 *
 *   built-in defaults (TITO_LIMITS_DEFAULT)
 *   < the worker's tito.ini [limits]            (a worker's defaults)
 *   < the coordinator's tito.ini [limits]       (travels in the job)
 *   < COURSE/tito.ini [limits]                  (per course, travels in the job)
 *   < COURSE/tito.ini [limits.MODULE]           (per module of the course)
 *   < flags of `tito batch` / `tito module complete` (per run)
 *
 * The settings, their units and ranges (the same names in tito.ini, flags,
 * the job wire format and the limits recorded with each result):
 *   timeout_s  1..86400      wall clock of the test run (CPU time: up to that
 *                            on every CPU of the worker)
 *   memory_mb  32..1048576   memory of the whole job (cgroup) and address space
 *   pids       1..65536      processes + threads of the job
 *   output_kb  1..1048576    per captured stream (stdout, stderr)
 *   disk_mb    1..1048576    the writable work dir + /tmp (a tmpfs) */
#ifndef TITO_LIMITS_LIMITS_H
#define TITO_LIMITS_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#include "json/json.h"
#include "proc/proc.h"
#include "util/error.h"

typedef struct tito_limits_req {
    int64_t timeout_s;
    int64_t memory_mb;
    int64_t pids;
    int64_t output_kb;
    int64_t disk_mb;
} tito_limits_req; /* -1: not set by this layer */

#define TITO_LIMITS_REQ_INIT {-1, -1, -1, -1, -1}

/* 1 when no field is set. */
int tito_limits_req_empty(const tito_limits_req *r);
/* Sets field `key` ("memory_mb", ...) from decimal text. TITO_EINVALID with a
 * message "memory_mb must be a whole number of MB from 32 to 1048576, not
 * 'x'" for a bad value, "unknown limit 'x' (known: ...)" for a bad key; the
 * caller prefixes where it came from (file and section, or flag). */
int tito_limits_req_set(tito_limits_req *r, const char *key, const char *value, tito_error *err);
/* Same for an integer value. */
int tito_limits_req_set_int(tito_limits_req *r, const char *key, int64_t value, tito_error *err);
/* The fields src sets override dst's. */
void tito_limits_req_overlay(tito_limits_req *dst, const tito_limits_req *src);
/* Applies the fields r sets to l, and derives l's CPU-time cap (all the
 * job's processes together) from its wall clock: times the online CPUs. */
void tito_limits_apply(tito_limits *l, const tito_limits_req *r);

/* {"timeout_s": 5, ...} with the set fields only (an empty object when none).
 * Returns a new tree the caller frees, NULL when out of memory. */
tito_json *tito_limits_req_to_json(const tito_limits_req *r);
/* Reads such an object into *r (fields absent or null stay unset). Unknown
 * keys are ignored (newer coordinators may add limits); a value of the wrong
 * type or range is TITO_EINVALID naming the key. */
int tito_limits_req_from_json(tito_limits_req *r, const tito_json *j, tito_error *err);

/* The limits in force, as recorded with each result: timeout_s, cpu_s,
 * memory_mb, pids, output_kb, disk_mb (0: none). NULL when out of memory. */
tito_json *tito_limits_to_json(const tito_limits *l);
/* One line for logs and help: "time 600 s, memory 2048 MB, 256 processes,
 * output 1024 KB per stream, disk 256 MB". */
void tito_limits_describe(char *buf, size_t n, const tito_limits *l);

/* Overlays COURSE/tito.ini's [limits], then its [limits.M] sections whose M
 * names `module` (the folder name "07_training", its number "07"/"7", or its
 * bare name "training"; module NULL: [limits] only) onto *r. Other sections
 * are not read here. A missing file is not an error; a syntax error or a bad
 * value is TITO_EINVALID naming the file, line and setting. */
int tito_limits_load_course(tito_limits_req *r, const char *course_dir, const char *module,
                            tito_error *err);

/* The same, read once for many modules (a batch or a cohort): COURSE/tito.ini's
 * [limits] and every [limits.M] section, all checked at load (errors as
 * above; no file: nothing to apply). _apply overlays [limits], then the
 * sections naming module (NULL: none) in file order, onto *r. The caller
 * frees with _free. */
typedef struct tito_limits_course tito_limits_course;
int tito_limits_course_load(tito_limits_course **out, const char *course_dir, tito_error *err);
void tito_limits_course_apply(const tito_limits_course *lc, const char *module, tito_limits_req *r);
void tito_limits_course_free(tito_limits_course *lc);
/* The per-run flags --timeout S, --memory MB, --pids N, --output KB and
 * --disk MB (also --flag=VALUE). When argv[*i] is one, stores its value in *r,
 * advances *i past what it consumed and returns 1; returns 0 for any other
 * argument; TITO_EINVALID with "--memory takes a whole number of MB from 32
 * to 1048576, not 'x'" for a missing or bad value. */
int tito_limits_flag(tito_limits_req *r, int argc, char **argv, int *i, tito_error *err);

/* 1 when an ini section name is a per-module limits section ("limits.X"). */
int tito_limits_is_module_section(const char *section);

#endif
