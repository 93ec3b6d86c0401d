#!/usr/bin/env bash
# test_convert.sh: `tito convert` must be byte-identical to jupytext --to py:percent 1.19.5.dev0.
#
# Compares (cmp) tito's output with committed oracle outputs:
#   tests/conformance/inputs/*.ipynb          --no-version  vs tests/conformance/expected/*.py
#   tests/convert/cases/*.ipynb               --no-version  vs NAME.py, default mode vs NAME.cli.py,
#                                                            and NAME.warn lines must be on stderr
#   examples/tinytorch/modules/NN/NN.ipynb    both modes    vs tests/convert/tinytorch/NN.py/.cli.py
#   tests/convert/reject/*.ipynb              exit 2, stderr contains NAME.expect
# plus command-line behaviour (errors, exit codes, -o, stdin).
#
# Environment: TITO_BIN (else $TITO_BUILD_DIR/tito), TITO_SOURCE_DIR (default: the repo root
# found from this script). Option -v: print a diff for each mismatch.
# Output: one line per failure, then exactly "N passed, M failed". Exit 1 on any failure.
set -u

verbose=0
[ "${1:-}" = "-v" ] && verbose=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${TITO_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
tito=${TITO_BIN:-${TITO_BUILD_DIR:+$TITO_BUILD_DIR/tito}}
if [ -z "$tito" ] || [ ! -x "$tito" ]; then
    echo "test_convert.sh: TITO_BIN must name the tito binary (got '${tito}')" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tito-convert-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL $*"
}

# show_diff EXPECTED ACTUAL: a short diff when -v is given.
show_diff() {
    [ $verbose = 1 ] || return 0
    diff -u "$1" "$2" | head -40 | sed 's/^/    /'
}

# check_conv LABEL EXPECTED INPUT [tito convert options...]
# Runs tito convert on INPUT, requires exit 0 and byte-identical stdout.
check_conv() {
    local label=$1 expected=$2 input=$3
    shift 3
    local rc=0
    "$tito" convert "$@" "$input" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ $rc -ne 0 ]; then
        bad "$label: exit $rc: $(head -c 300 "$tmp/err" | head -n 3 | tr '\n' ' ')"
        return 1
    fi
    if ! cmp -s "$expected" "$tmp/out"; then
        bad "$label: output differs from $(basename "$expected") ($(cmp "$expected" "$tmp/out" 2>&1 | head -n 1 | sed 's/^[^ ]* [^ ]* //'))"
        show_diff "$expected" "$tmp/out"
        return 1
    fi
    ok
    return 0
}

# --- conformance pairs (jupytext's own expected files, test mode) ------------------------------
shopt -s nullglob
n_conf=0
for in in "$src"/tests/conformance/inputs/*.ipynb; do
    name=$(basename "$in" .ipynb)
    n_conf=$((n_conf + 1))
    check_conv "conformance/$name" "$src/tests/conformance/expected/$name.py" "$in" --no-version
done
[ $n_conf -ge 16 ] || bad "conformance: only $n_conf inputs found under $src/tests/conformance/inputs"

# --- constructed spec cases, both modes ---------------------------------------------------------
n_cases=0
for in in "$src"/tests/convert/cases/*.ipynb; do
    name=$(basename "$in" .ipynb)
    base=${in%.ipynb}
    n_cases=$((n_cases + 1))
    if check_conv "cases/$name" "$base.py" "$in" --no-version; then
        # Warnings: jupytext's UserWarning texts must be on tito's stderr; no spurious ones.
        if [ -f "$base.warn" ]; then
            while IFS= read -r w; do
                if grep -qF -- "$w" "$tmp/err"; then ok; else bad "cases/$name: warning missing on stderr: $w"; fi
            done <"$base.warn"
        elif grep -q "cannot be exported" "$tmp/err"; then
            bad "cases/$name: unexpected warning: $(head -n 1 "$tmp/err")"
        fi
    fi
    check_conv "cases/$name (cli)" "$base.cli.py" "$in"
done
[ $n_cases -ge 70 ] || bad "cases: only $n_cases notebooks found under $src/tests/convert/cases"

# --- the TinyTorch course notebooks -------------------------------------------------------------
n_tt=0
for exp in "$src"/tests/convert/tinytorch/*.cli.py; do
    mod=$(basename "$exp" .cli.py)
    in="$src/examples/tinytorch/modules/$mod/$mod.ipynb"
    n_tt=$((n_tt + 1))
    if [ ! -f "$in" ]; then
        bad "tinytorch/$mod: notebook $in missing"
        continue
    fi
    check_conv "tinytorch/$mod" "$src/tests/convert/tinytorch/$mod.py" "$in" --no-version
    check_conv "tinytorch/$mod (cli)" "$exp" "$in"
done
[ $n_tt -ge 20 ] || bad "tinytorch: only $n_tt expected outputs under $src/tests/convert/tinytorch"

# --- notebooks jupytext rejects: tito must exit 2 with a clear message -------------------------
for in in "$src"/tests/convert/reject/*.ipynb; do
    name=$(basename "$in" .ipynb)
    want=$(head -n 1 "${in%.ipynb}.expect")
    rc=0
    "$tito" convert --no-version "$in" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ $rc -ne 2 ]; then
        bad "reject/$name: exit $rc, want 2"
    elif ! grep -q "^tito convert: .*$want" "$tmp/err"; then
        bad "reject/$name: message lacks '$want': $(head -n 1 "$tmp/err")"
    else
        ok
    fi
done

# --- command line -------------------------------------------------------------------------------
# expect_exit LABEL CODE STDERR-REGEX -- ARGS...: exit status and a one-line "tito convert: " error.
expect_exit() {
    local label=$1 code=$2 re=$3
    shift 4
    local rc=0
    "$tito" convert "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ $rc -ne "$code" ]; then
        bad "cli/$label: exit $rc, want $code ($(head -n 1 "$tmp/err"))"
    elif [ -n "$re" ] && ! grep -qE -- "$re" "$tmp/err"; then
        bad "cli/$label: stderr does not match /$re/: $(head -n 2 "$tmp/err" | tr '\n' ' ')"
    elif [ "$code" -ne 0 ] && [ "$(grep -vc '^tito convert: warning: ' "$tmp/err")" -ne 1 ]; then
        bad "cli/$label: error should be exactly one line, got: $(head -n 3 "$tmp/err" | tr '\n' '|')"
    else
        ok
    fi
}

small="$src/tests/convert/cases/s09_pep8_import_def_call.ipynb"
small_py="$src/tests/convert/cases/s09_pep8_import_def_call.py"
small_cli="$src/tests/convert/cases/s09_pep8_import_def_call.cli.py"

expect_exit missing_file 2 "^tito convert: .*$tmp/nope\.ipynb" -- "$tmp/nope.ipynb"
printf '{"cells": [\n  {"cell_type": "code",, }\n' >"$tmp/garbage.ipynb"
expect_exit garbage 2 "^tito convert: .*garbage\.ipynb.*line [0-9]+, column [0-9]+" -- "$tmp/garbage.ipynb"
printf '' >"$tmp/empty.ipynb"
expect_exit empty_file 2 "^tito convert: .*empty\.ipynb" -- "$tmp/empty.ipynb"
printf '[1, 2]\n' >"$tmp/array.ipynb"
expect_exit not_a_notebook 2 "^tito convert: .*array\.ipynb" -- "$tmp/array.ipynb"
mkdir -p "$tmp/adir.ipynb"
expect_exit directory 2 "^tito convert: .*adir\.ipynb" -- "$tmp/adir.ipynb"
expect_exit no_args 2 "^tito convert: " --
expect_exit two_inputs 2 "^tito convert: " -- "$small" "$small"
expect_exit unknown_option 2 "^tito convert: .*--frobnicate" -- --frobnicate "$small"
expect_exit o_without_value 2 "^tito convert: " -- "$small" -o
expect_exit o_missing_dir 3 "^tito convert: .*$tmp/no/such/dir/out\.py" -- "$small" -o "$tmp/no/such/dir/out.py"
expect_exit o_is_directory 3 "^tito convert: " -- "$small" -o "$tmp/adir.ipynb"

# --help: exit 0 on stdout, documents the options and the exit codes.
rc=0
"$tito" convert --help >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ $rc -eq 0 ] && grep -q -- "--output" "$tmp/out" && grep -q -- "--no-version" "$tmp/out" &&
    grep -q -- "--jupytext-version" "$tmp/out" && grep -qi "exit" "$tmp/out"; then ok; else bad "cli/help: rc=$rc"; fi

# -o FILE writes exactly the stdout bytes; --output= and -o - work; no temporary files are left.
mkdir -p "$tmp/outdir"
rc=0
"$tito" convert --no-version "$small" -o "$tmp/outdir/a.py" 2>"$tmp/err" || rc=$?
if [ $rc -eq 0 ] && cmp -s "$small_py" "$tmp/outdir/a.py"; then ok; else bad "cli/o_file: rc=$rc"; fi
printf 'old contents\n' >"$tmp/outdir/b.py"
rc=0
"$tito" convert "--output=$tmp/outdir/b.py" "$small" 2>"$tmp/err" || rc=$?
if [ $rc -eq 0 ] && cmp -s "$small_cli" "$tmp/outdir/b.py"; then ok; else bad "cli/output_eq_overwrite: rc=$rc"; fi
rc=0
"$tito" convert --output "$tmp/outdir/c.py" --no-version "$small" 2>"$tmp/err" || rc=$?
if [ $rc -eq 0 ] && cmp -s "$small_py" "$tmp/outdir/c.py"; then ok; else bad "cli/output_space: rc=$rc"; fi
leftover=$(find "$tmp/outdir" -name '.*' -type f | head -n 1)
if [ -z "$leftover" ]; then ok; else bad "cli/o_tempfiles: temporary file left behind: $leftover"; fi
rc=0
"$tito" convert --no-version -o - "$small" >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ $rc -eq 0 ] && cmp -s "$small_py" "$tmp/out"; then ok; else bad "cli/o_dash_stdout: rc=$rc"; fi
# An existing output keeps its permissions; a symlink is written through, not replaced.
printf 'x\n' >"$tmp/outdir/e.py"
chmod 640 "$tmp/outdir/e.py"
"$tito" convert --no-version "$small" -o "$tmp/outdir/e.py" 2>/dev/null
if [ "$(stat -c %a "$tmp/outdir/e.py")" = 640 ] && cmp -s "$small_py" "$tmp/outdir/e.py"; then ok; else bad "cli/o_keeps_mode"; fi
printf 'x\n' >"$tmp/outdir/target.py"
ln -s target.py "$tmp/outdir/link.py"
"$tito" convert --no-version "$small" -o "$tmp/outdir/link.py" 2>/dev/null
if [ -L "$tmp/outdir/link.py" ] && cmp -s "$small_py" "$tmp/outdir/target.py"; then ok; else bad "cli/o_symlink_written_through"; fi
# A failed conversion must not clobber an existing output file.
printf 'keep me\n' >"$tmp/outdir/d.py"
"$tito" convert "$tmp/garbage.ipynb" -o "$tmp/outdir/d.py" >/dev/null 2>&1
if [ "$(cat "$tmp/outdir/d.py")" = "keep me" ]; then ok; else bad "cli/o_not_clobbered_on_error"; fi

# The notebook can come from stdin ("-").
rc=0
"$tito" convert --no-version - <"$small" >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ $rc -eq 0 ] && cmp -s "$small_py" "$tmp/out"; then ok; else bad "cli/stdin: rc=$rc $(head -n 1 "$tmp/err")"; fi

# --jupytext-version V is what the text_representation block says.
rc=0
"$tito" convert --jupytext-version 9.9.9 "$small" >"$tmp/out" 2>"$tmp/err" || rc=$?
sed 's/jupytext_version: .*/jupytext_version: 9.9.9/' "$small_cli" >"$tmp/want"
if [ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/out"; then ok; else bad "cli/jupytext_version: rc=$rc"; fi

# Writing to a full device is an environment error (3), when /dev/full exists.
if [ -w /dev/full ]; then
    rc=0
    "$tito" convert "$small" >/dev/full 2>"$tmp/err" || rc=$?
    if [ $rc -eq 3 ] && grep -q "^tito convert: " "$tmp/err"; then ok; else bad "cli/stdout_full: exit $rc, want 3"; fi
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
