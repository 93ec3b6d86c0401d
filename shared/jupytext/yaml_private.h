/* Internals of yaml.c exposed for its unit tests; not part of the public API. */
#ifndef TITO_JUPYTEXT_YAML_PRIVATE_H
#define TITO_JUPYTEXT_YAML_PRIVATE_H

#include <stddef.h>

/* Scalar styles, named by PyYAML's style characters. */
enum {
    TITO_YAML__PLAIN = 0,
    TITO_YAML__SINGLE_QUOTED = '\'',
    TITO_YAML__DOUBLE_QUOTED = '"'
};

/* 1 when PyYAML's implicit resolvers would read the plain scalar s[0..len)
 * back as something other than a string (bool, int, float, null, timestamp,
 * merge, value, yaml), so a string with this text cannot be written plain. */
int tito_yaml__resolves_implicitly(const char *s, size_t len);

/* The style PyYAML picks for the string s[0..len) (UTF-8) in block context;
 * simple_key says whether it is written as a simple mapping key. Returns a
 * TITO_YAML__* style, or TITO_ENOMEM. */
int tito_yaml__string_style(const char *s, size_t len, int simple_key);

#endif
