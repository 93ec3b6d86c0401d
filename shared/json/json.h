/* tito_json: an ordered JSON value tree with Python `json` semantics, the data
 * model of notebooks, jobs and results. Parsed by our own parser (json.c says
 * why not json-c: exactness).
 *
 * Semantics (jupytext spec §1): object key order is insertion order; a
 * duplicate key keeps its first position and takes the last value; integers
 * are kept as exact decimal text (big ints survive, "-0" becomes "0"); floats
 * keep their double value; NaN, Infinity, -Infinity are accepted.
 *
 * Ownership: a tito_json is owned by its parent container; only roots are
 * freed with tito_json_free. Setters/appenders take ownership of the value
 * passed (also on failure). Getters return borrowed pointers. */
#ifndef TITO_JSON_JSON_H
#define TITO_JSON_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

typedef enum {
    TITO_JSON_NULL,
    TITO_JSON_BOOL,
    TITO_JSON_INT,    /* exact decimal digits, see tito_json_int_text */
    TITO_JSON_FLOAT,
    TITO_JSON_STRING, /* UTF-8, may contain NUL bytes: always use the length */
    TITO_JSON_ARRAY,
    TITO_JSON_OBJECT
} tito_json_type;

typedef struct tito_json tito_json;

/* Parses buf[0..len). Rejects invalid UTF-8, trailing garbage, empty input.
 * On error returns TITO_EINVALID, *out = NULL and err->message reads
 * "line L, column C: <what is wrong>" (1-based). max_depth 0 means 1000. */
int tito_json_parse(tito_json **out, const char *buf, size_t len, tito_error *err);
void tito_json_free(tito_json *v);

tito_json_type tito_json_type_of(const tito_json *v);
const char *tito_json_type_name(tito_json_type t); /* "null", "boolean", ... as JSON Schema says */
int tito_json_bool(const tito_json *v);         /* 0/1; 0 for non-bools */
const char *tito_json_int_text(const tito_json *v); /* decimal text; NULL for non-ints */
/* Int value when it fits int64: returns 0 and sets *out, else TITO_EINVALID. */
int tito_json_int64(const tito_json *v, int64_t *out);
double tito_json_float(const tito_json *v);     /* floats; ints converted */
/* Borrowed string bytes (NUL-terminated too) and length; NULL for non-strings. */
const char *tito_json_string(const tito_json *v, size_t *len);
size_t tito_json_len(const tito_json *v);       /* array/object element count, else 0 */
tito_json *tito_json_at(const tito_json *v, size_t i);                  /* array element or object value i */
const char *tito_json_key_at(const tito_json *v, size_t i, size_t *keylen); /* object key i */
tito_json *tito_json_get(const tito_json *obj, const char *key);        /* NULL when absent */
/* Convenience: string member of an object, or NULL if absent / not a string. */
const char *tito_json_get_string(const tito_json *obj, const char *key);

/* Constructors return NULL only when out of memory. */
tito_json *tito_json_new_null(void);
tito_json *tito_json_new_bool(int b);
tito_json *tito_json_new_int(int64_t i);
tito_json *tito_json_new_int_text(const char *digits); /* trusted: [-]digits */
tito_json *tito_json_new_float(double d);
tito_json *tito_json_new_string(const char *s);
tito_json *tito_json_new_stringn(const char *s, size_t len);
tito_json *tito_json_new_array(void);
tito_json *tito_json_new_object(void);
tito_json *tito_json_copy(const tito_json *v); /* deep copy */

/* Takes ownership of val. An existing key keeps its position. */
int tito_json_object_set(tito_json *obj, const char *key, tito_json *val);
int tito_json_object_setn(tito_json *obj, const char *key, size_t keylen, tito_json *val);
/* Removes and frees key's value; returns TITO_ENOTFOUND when absent. */
int tito_json_object_remove(tito_json *obj, const char *key);
/* Removes key and hands its value to the caller (*out NULL when absent). */
int tito_json_object_take(tito_json *obj, const char *key, tito_json **out);
int tito_json_array_append(tito_json *arr, tito_json *val);

/* Python `json.dumps(v)` with default arguments: ", " / ": " separators,
 * ensure_ascii (lowercase \uXXXX, surrogate pairs), NaN/Infinity, Python float
 * repr. Appends to out. */
int tito_json_dumps_py(tito_buf *out, const tito_json *v);
/* Compact standard JSON for our own files and wire formats (no NaN: written as
 * null); indent > 0 pretty-prints with that many spaces like Python's
 * json.dump(indent=N) (", " -> "," at line ends, ": "). */
int tito_json_write(tito_buf *out, const tito_json *v, int indent);

/* Python repr() of a double: shortest round-trip digits, "1e-05", "1e+16",
 * "1.5", "2.0", "nan", "inf", "-inf". Writes into buf (>= 32 bytes). */
void tito_json_float_repr(char *buf, size_t size, double d);

#endif
