#!/usr/bin/env bash
# The whole sample course through `tito module complete 01`..`20`, in order,
# in a fresh copy of examples/tinytorch (per-test mode). Asserts that exactly
# the modules known to pass do pass (01-14, 17, 18, 20), that 15, 16 and 19
# fail with a reported reason (never hidden, never recorded as completed), and
# that `--test-mode script` gives the same verdict.
#
# A failing module blocks the next one (the sequential gate), so after
# recording its failure the script completes it with --skip-tests, as upstream
# allows, to export its package for the modules that import it.
#
# Script mode: by default it re-runs, in the same copy once the package is
# complete, every module except the four slow ones (03, 09, 10, 11: 40-180 s
# each on a loaded 2-core machine), so the test stays near 5 minutes.
# TITO_MODULE_SCRIPT_ALL=1 instead runs the full 01..20 sequence in script
# mode in a second fresh copy (doubles the time).
#
# Writes the measured table (markdown) to $TITO_BUILD_DIR/tinytorch-under-tito.md
# (the source of examples/tinytorch/README.md "Under tito").
set -u
SRC=${TITO_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TITO=${TITO_BIN:-$SRC/build/tito}
OUTDIR=${TITO_BUILD_DIR:-$SRC/build}
PY=/usr/bin/python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tito-module-all.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1

EXPECTED_FAIL=" 15 16 19 "
SCRIPT_ALL=${TITO_MODULE_SCRIPT_ALL:-0}
SCRIPT_SUBSET="01 02 04 05 06 07 08 12 13 14 15 16 17 18 19 20"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

fresh() {
    cp -r "$SRC/examples/tinytorch" "$WORK/$1"
    rm -rf "$WORK/$1/tinytorch" "$WORK/$1/progress.json"
    find "$WORK/$1/modules" -name '[0-9][0-9]_*.py' ! -name '*_solution.py' -delete
    echo "$WORK/$1"
}

# summary FILE.json -> "outcome<TAB>ntests<TAB>passed<TAB>failed<TAB>reason"
summary() {
    "$PY" - "$1" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print("unparseable\t0\t0\t0\t--json output did not parse: %s" % e)
    sys.exit()
tests = d.get("tests") or []
np = sum(t["outcome"] == "passed" for t in tests)
nf = sum(t["outcome"] not in ("passed", "skipped") for t in tests)
reason = ""
if d.get("outcome") != "passed":
    bad = [t for t in tests if t["outcome"] not in ("passed", "skipped")]
    parts = []
    for t in bad[:3]:
        msg = (t.get("message") or "").strip().splitlines()
        # the last line of a traceback excerpt is the exception itself
        parts.append("%s: %s%s" % (t["name"], t["outcome"], (" - " + msg[-1]) if msg else ""))
    if len(bad) > 3:
        parts.append("and %d more" % (len(bad) - 3))
    # tito's own one-line verdict first, then the failing tests with the
    # exception each one raised
    reason = "; ".join(x for x in [d.get("message") or d.get("error") or "", "failing: " + "; ".join(parts) if parts else ""] if x)
print("%s\t%d\t%d\t%d\t%s" % (d.get("outcome", "error"), len(tests), np, nf, reason.replace("\t", " ").replace("|", "\\|")))
EOF
}

is_completed() { # is_completed COURSE ID
    "$PY" -c 'import json,sys; sys.exit(0 if sys.argv[2] in json.load(open(sys.argv[1]))["completed_modules"] else 1)' \
        "$1/progress.json" "$2" 2>/dev/null
}

# run_module MODE COURSE N: one `complete`, its verdict appended to MODE.tsv
run_module() {
    local mode=$1 C=$2 n=$3 t0 t1 rc secs outcome ntests np nf reason before=0
    is_completed "$C" "$n" && before=1
    t0=$(date +%s.%N)
    "$TITO" module complete "$n" --course "$C" --test-mode "$mode" --json >"$WORK/$mode-$n.json" 2>"$WORK/$mode-$n.err"
    rc=$?
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    IFS=$'\t' read -r outcome ntests np nf reason < <(summary "$WORK/$mode-$n.json")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%s\n' "$n" "$rc" "$outcome" "$ntests" "$np" "$nf" "$secs" "$reason" \
        >>"$WORK/$mode.tsv"
    printf '  %s rc=%s %-7s tests=%s passed=%s failed=%s %6.1f s  %s\n' "$n" "$rc" "$outcome" "$ntests" "$np" \
        "$nf" "$secs" "$reason"
    if [ "$rc" != 0 ] && [ "$before" = 0 ]; then
        if is_completed "$C" "$n"; then
            bad "$mode $n: failed but recorded as completed"
        fi
        # unblock the modules after it (the gate) and give them its package
        "$TITO" module complete "$n" --course "$C" --skip-tests >"$WORK/$mode-$n.skip" 2>&1 ||
            bad "$mode $n: --skip-tests export failed: $(tail -3 "$WORK/$mode-$n.skip")"
    fi
}

C=$(fresh per-test)
echo "== per-test mode, 01..20 in order, in $C"
for n in $(seq -w 1 20); do run_module per-test "$C" "$n"; done
if [ "$SCRIPT_ALL" = 1 ]; then
    C=$(fresh script)
    echo "== script mode, 01..20 in order, in $C"
    for n in $(seq -w 1 20); do run_module script "$C" "$n"; done
else
    echo "== script mode on $SCRIPT_SUBSET, in $C (package complete; set TITO_MODULE_SCRIPT_ALL=1 for all 20)"
    for n in $SCRIPT_SUBSET; do run_module script "$C" "$n"; done
fi

echo "== verdicts"
while IFS=$'\t' read -r n rc outcome ntests np nf secs reason; do
    if [[ "$EXPECTED_FAIL" == *" $n "* ]]; then
        if [ "$rc" = 1 ] && [ "$outcome" != passed ] && [ -n "$reason" ]; then
            ok "per-test $n fails as known, with a reason: $reason"
        else
            bad "per-test $n should fail with a reason (rc=$rc outcome=$outcome reason=$reason)"
        fi
    else
        if [ "$rc" = 0 ] && [ "$outcome" = passed ] && [ "$ntests" -gt 0 ] && [ "$nf" = 0 ]; then
            ok "per-test $n passes ($np tests)"
        else
            bad "per-test $n should pass (rc=$rc outcome=$outcome tests=$ntests failed=$nf: $reason)"
        fi
    fi
done <"$WORK/per-test.tsv" 2>/dev/null

if [ -f "$WORK/script.tsv" ] && [ -f "$WORK/per-test.tsv" ]; then
    while IFS=$'\t' read -r n rc outcome _; do
        prc=$(awk -F'\t' -v n="$n" '$1 == n { print $2 }' "$WORK/per-test.tsv")
        if [ "$rc" = "$prc" ]; then
            ok "script mode agrees with per-test on $n (exit $rc)"
        else
            bad "script mode disagrees on $n: script exit $rc, per-test exit $prc"
        fi
    done <"$WORK/script.tsv"
fi

# The human report of a failing module shows the failure (re-run: a failure
# changes nothing, so this is cheap and safe).
if [ -d "$WORK/per-test" ]; then
    for n in $EXPECTED_FAIL; do
        # progress.json now has n completed (--skip-tests above); the gate
        # only needs n-1, so the module can be run again as it was.
        "$TITO" module complete "$n" --course "$WORK/per-test" >"$WORK/human-$n.out" 2>&1
        rc=$?
        if [ "$rc" = 1 ] && grep -q "✗" "$WORK/human-$n.out" && grep -q "did not pass" "$WORK/human-$n.out"; then
            ok "report of $n shows the failure"
        else
            bad "report of $n (rc=$rc) does not show the failure clearly"
            cat "$WORK/human-$n.out"
        fi
    done
    echo "---- report of 15 as a student sees it:"
    head -40 "$WORK/human-15.out"
fi

# The markdown table for examples/tinytorch/README.md.
if [ -f "$WORK/per-test.tsv" ]; then
    {
        echo "| module | verdict | tests passed/total (per-test) | time per-test | time script | reason reported by tito (per-test mode) |"
        echo "|---|---|---|---|---|---|"
        while IFS=$'\t' read -r n rc outcome ntests np nf secs reason; do
            name=$(basename "$(ls -d "$SRC/examples/tinytorch/modules/${n}_"*)")
            ssecs=$(awk -F'\t' -v n="$n" '$1 == n { print $7 " s" }' "$WORK/script.tsv" 2>/dev/null)
            verdict=$([ "$rc" = 0 ] && echo "passed" || echo "**$outcome** (exit $rc)")
            echo "| $name | $verdict | $np/$ntests | $secs s | ${ssecs:--} | ${reason:-} |"
        done <"$WORK/per-test.tsv"
    } >"$OUTDIR/tinytorch-under-tito.md"
    echo "== table written to $OUTDIR/tinytorch-under-tito.md"
    cat "$OUTDIR/tinytorch-under-tito.md"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
