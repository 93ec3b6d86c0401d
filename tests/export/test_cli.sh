#!/usr/bin/env bash
# `tito export`: what it prints, --json, and its exit codes (0 / 2 / 3).
set -uo pipefail
TITO=${TITO_BIN:?TITO_BIN not set}
SRC=${TITO_SOURCE_DIR:?TITO_SOURCE_DIR not set}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0
check() { # name, condition...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; fi
}
expect_rc() { # want, cmd...
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  [ "$rc" -eq "$want" ] || { echo "  rc $rc (want $want) for: $*" >&2; cat "$tmp/err" >&2; return 1; }
}

cp -R "$SRC/tests/export/fixtures/tinytorch" "$tmp/tt"
cp -R "$SRC/tests/export/fixtures/errors" "$tmp/tt/errors"
cd "$tmp/tt"

check "--help exits 0" expect_rc 0 "$TITO" export --help
check "--help shows usage" grep -q "usage: tito export NB.ipynb --to PKGDIR" "$tmp/out"

check "export 01" expect_rc 0 "$TITO" export modules/01_tensor/01_tensor.ipynb --to tinytorch
check "says what went where" test "$(head -1 "$tmp/out")" = "exported 2 cells to tinytorch/core/tensor.py"
check "lists the other files" grep -qx "updated tinytorch/_modidx.py" "$tmp/out"
check "module written" test -f tinytorch/core/tensor.py

check "export 02 --json" expect_rc 0 "$TITO" export modules/02_activations/02_activations.ipynb --to tinytorch --json
check "json content" python3 -c "
import json, sys
d = json.load(open('$tmp/out'))
assert d['default_exp'] == 'core.activations', d
assert d['modules'] == [{'path': 'tinytorch/core/activations.py', 'cells': 6}], d
assert d['files'] == ['tinytorch/core/activations.py', 'tinytorch/_modidx.py'], d
"
check "byte-identical to the expectation" diff -r tinytorch "$SRC/tests/export/expected/tinytorch_0102/tinytorch"

check "no arguments: 2" expect_rc 2 "$TITO" export
check "no --to: 2" expect_rc 2 "$TITO" export modules/01_tensor/01_tensor.ipynb
check "unknown flag: 2" expect_rc 2 "$TITO" export --bogus modules/01_tensor/01_tensor.ipynb --to tinytorch
check "--to without value: 2" expect_rc 2 "$TITO" export modules/01_tensor/01_tensor.ipynb --to
check "missing notebook: 2" expect_rc 2 "$TITO" export nope.ipynb --to tinytorch
printf '{"cells": [' > broken.ipynb
check "malformed notebook: 2" expect_rc 2 "$TITO" export broken.ipynb --to tinytorch
check "no default_exp: 2" expect_rc 2 "$TITO" export errors/no_default_exp.ipynb --to tinytorch
check "no default_exp: message" grep -q "^tito export: .*default_exp" "$tmp/err"
check "relative import: 2" expect_rc 2 "$TITO" export errors/relative_import.ipynb --to tinytorch
echo "a file, not a folder" > blocker
check "unwritable package folder: 3" expect_rc 3 "$TITO" export modules/01_tensor/01_tensor.ipynb --to blocker/pkg
check "I/O error message" grep -q "^tito export: cannot create directory" "$tmp/err"
check "package unchanged after failures" diff -r tinytorch "$SRC/tests/export/expected/tinytorch_0102/tinytorch"

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
