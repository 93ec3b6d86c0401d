#!/usr/bin/env bash
# Do per-test mode and script mode agree? Runs every module of the TinyTorch
# course, in order, in one fresh copy: for each module
#   1. tito module complete NN --test-mode per-test --skip-export
#   2. tito module complete NN --test-mode script   --skip-export
#   3. tito module complete NN --skip-tests   (exports the package the later
#      modules import, whatever the verdict, and records progress so the
#      sequential gate lets the next module through)
# and prints a markdown table: outcome, test counts and wall time per mode.
# The verdicts agree when both passed or both did not. Exit status 1 when any
# module disagrees (or a run's --json did not parse), else 0.
# About 2 x 150 s on a 2-core machine. Not run by ctest (not named test_*).
#
# Env: TITO_BIN (default $SRC/build/tito), TITO_COURSE (default
# $SRC/examples/tinytorch), VERDICT_MODULES (default "01 .. 20").
set -u
SRC=${TITO_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TITO=${TITO_BIN:-$SRC/build/tito}
COURSE=${TITO_COURSE:-$SRC/examples/tinytorch}
MODULES=${VERDICT_MODULES:-$(seq -w 1 20)}
PY=/usr/bin/python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tito-verdicts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1

C="$WORK/course"
cp -r "$COURSE" "$C"
rm -rf "$C/tinytorch" "$C/progress.json"
find "$C/modules" -name '[0-9][0-9]_*.py' ! -name '*_solution.py' -delete

# fields FILE.json -> "outcome ntests npassed"
fields() {
    "$PY" - "$1" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("unparseable 0 0")
    sys.exit()
t = d.get("tests") or []
print(d.get("outcome", "unparseable"), len(t), sum(x.get("outcome") == "passed" for x in t))
EOF
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

disagree=0
total0=$(now)
echo "| module | per-test | tests (passed) | time s | script | checks (passed) | time s | same verdict |"
echo "|---|---|---|---|---|---|---|---|"
for n in $MODULES; do
    t0=$(now)
    "$TITO" module complete "$n" --course "$C" --test-mode per-test --skip-export --json >"$WORK/p$n.json" 2>"$WORK/p$n.err"
    t1=$(now)
    "$TITO" module complete "$n" --course "$C" --test-mode script --skip-export --json >"$WORK/s$n.json" 2>"$WORK/s$n.err"
    t2=$(now)
    "$TITO" module complete "$n" --course "$C" --skip-tests --json >"$WORK/e$n.json" 2>"$WORK/e$n.err"
    read -r po pt pp < <(fields "$WORK/p$n.json")
    read -r so st sp < <(fields "$WORK/s$n.json")
    same=yes
    if [ "$po" = unparseable ] || [ "$so" = unparseable ] ||
        { [ "$po" = passed ] && [ "$so" != passed ]; } || { [ "$po" != passed ] && [ "$so" = passed ]; }; then
        same=NO
        disagree=$((disagree + 1))
    fi
    name=$(basename "$(ls -d "$C/modules/${n}_"* 2>/dev/null | head -1)")
    echo "| ${name:-$n} | $po | $pt ($pp) | $(elapsed "$t0" "$t1") | $so | $st ($sp) | $(elapsed "$t1" "$t2") | $same |"
done
echo
echo "total $(elapsed "$total0" "$(now)") s; modules whose verdicts disagree: $disagree"
[ "$disagree" -eq 0 ]
