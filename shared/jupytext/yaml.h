/* PyYAML 6.0 `yaml.safe_dump(v, default_flow_style=False)` for JSON values:
 * sorted keys, block style, indent 2, width 80, allow_unicode=False. A port of
 * PyYAML's emitter.py (MIT) scalar analysis and writers (spec §3.5). */
#ifndef TITO_JUPYTEXT_YAML_H
#define TITO_JUPYTEXT_YAML_H

#include "json/json.h"
#include "util/buf.h"

/* Appends the YAML document (each line ending in "\n", no "---"/"..."
 * markers) to out. Returns 0 or TITO_ENOMEM. */
int tito_yaml_dump(tito_buf *out, const tito_json *v);

#endif
