#!/usr/bin/env bash
# `tito module start|complete|status` on a temporary copy of examples/tinytorch:
# the happy path of module 01, the sequential gate, a broken test, a malformed
# notebook, an unknown module, --json, --skip-tests, and `start` with a fake
# Jupyter and with none. Only module 01 is ever run (well under a second);
# the whole course is test_module_complete.sh.
set -u
SRC=${TITO_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TITO=${TITO_BIN:-$SRC/build/tito}
PY=/usr/bin/python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tito-module-test.XXXXXX")
JUPYTER_PIDS=()
cleanup() {
    for p in "${JUPYTER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
    local what=$1; shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}
fresh() { # fresh NAME: a new copy of the sample course, echoes its path
    rm -rf "$WORK/$1"
    cp -r "$SRC/examples/tinytorch" "$WORK/$1"
    rm -rf "$WORK/$1/tinytorch" "$WORK/$1/progress.json" "$WORK/$1"/modules/*/[0-9][0-9]_*[a-z].py.tmp*
    find "$WORK/$1/modules" -name '[0-9][0-9]_*.py' ! -name '*_solution.py' -delete
    echo "$WORK/$1"
}
run() { # run OUT_PREFIX ARGS...: tito with stdout/stderr/rc captured
    local out=$1; shift
    "$TITO" "$@" >"$out.out" 2>"$out.err"
    echo $? >"$out.rc"
}
rc_is() { [ "$(cat "$1.rc")" = "$2" ]; }
has() { grep -qF -- "$2" "$1"; }
completed() { # completed COURSE ID: progress.json lists ID as completed
    "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if sys.argv[2] in d["completed_modules"] else 1)' \
        "$1/progress.json" "$2" 2>/dev/null
}
export NO_COLOR=1

# (a) complete 01: .py next to the notebook, package file, progress.json
C=$(fresh a)
run "$WORK/a1" module complete 01 --course "$C"
cat "$WORK/a1.out" "$WORK/a1.err"
check "(a) complete 01 exits 0" rc_is "$WORK/a1" 0
check "(a) modules/01_tensor/01_tensor.py written" test -s "$C/modules/01_tensor/01_tensor.py"
check "(a) tinytorch/core/tensor.py exported" test -s "$C/tinytorch/core/tensor.py"
check "(a) progress.json lists 01 as completed" completed "$C" 01
check "(a) report shows the convert step" has "$WORK/a1.out" "Step 1/3 convert"
check "(a) report shows the export step" has "$WORK/a1.out" "Step 2/3 export: tinytorch/core/tensor.py"
check "(a) report shows progress 1/20" has "$WORK/a1.out" "Step 3/3 progress: 1/20 modules completed"
check "(a) report lists passing tests with a check mark" has "$WORK/a1.out" "✓ test_unit_"
check "(a) no ANSI colour with NO_COLOR" bash -c "! grep -q $'\e\\[' '$WORK/a1.out'"
check "(a) progress.json is json.dump(indent=2) without trailing newline" "$PY" -c '
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text)
assert list(d) == ["started_modules", "completed_modules", "last_worked", "last_completed", "last_updated"], list(d)
assert d["completed_modules"] == ["01"] and d["last_completed"] == "01", d
assert json.dumps(d, indent=2) == text, "layout differs from json.dump(indent=2)"
' "$C/progress.json"
check "(a) exported module imports" env PYTHONPATH="$C" "$PY" -c 'from tinytorch.core.tensor import Tensor; Tensor([1, 2])'

# module number given as "1" from inside the course, and re-completing is allowed
(cd "$C/modules/01_tensor" && "$TITO" module complete 1 >"$WORK/a2.out" 2>&1; echo $? >"$WORK/a2.rc")
check "(a) 'complete 1' from inside the course finds it and passes" rc_is "$WORK/a2" 0

# (b) the sequential gate: 03 before 02
run "$WORK/b" module complete 03 --course "$C"
check "(b) complete 03 before 02 exits 1" rc_is "$WORK/b" 1
check "(b) gate message names 02 and the command" has "$WORK/b.err" "tito module complete 02"
check "(b) gate leaves progress alone" bash -c "! grep -q '\"03\"' '$C/progress.json'"

# (c) a notebook edited to break a test: exit 1, readable report, no export, progress unchanged
C=$(fresh c)
"$PY" - "$C/modules/01_tensor/01_tensor.ipynb" <<'EOF'
import json, sys
path = sys.argv[1]
nb = json.load(open(path))
for cell in nb["cells"]:
    src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    if cell["cell_type"] == "code" and "def test_unit_tensor_creation" in src:
        # the student "breaks" an assert: the expected shape is now wrong
        assert "    assert scalar.shape == ()\n" in src
        src = src.replace("    assert scalar.shape == ()\n",
                          '    assert scalar.shape == (1,), "shape check broken on purpose"\n', 1)
        cell["source"] = src.splitlines(keepends=True)
        break
else:
    sys.exit("test_unit_tensor_creation not found")
json.dump(nb, open(path, "w"), indent=1)
EOF
run "$WORK/c" module complete 01 --course "$C"
cat "$WORK/c.out" "$WORK/c.err"
check "(c) broken test exits 1" rc_is "$WORK/c" 1
check "(c) report marks the failing test" has "$WORK/c.out" "✗ test_unit_tensor_creation"
check "(c) report shows the assertion message" has "$WORK/c.out" "shape check broken on purpose"
check "(c) report says the module did not pass" has "$WORK/c.out" "did not pass"
check "(c) report says nothing was exported" has "$WORK/c.out" "Not exported; progress unchanged"
check "(c) nothing exported" test ! -e "$C/tinytorch/core/tensor.py"
check "(c) progress unchanged (no progress.json)" test ! -e "$C/progress.json"

# (d) malformed notebook: exit 2, file and line in the message
C=$(fresh d)
printf '{\n "cells": [\n  {"cell_type": "code",\n   "source": [}\n ]\n}\n' >"$C/modules/01_tensor/01_tensor.ipynb"
run "$WORK/d" module complete 01 --course "$C"
cat "$WORK/d.out" "$WORK/d.err"
check "(d) malformed notebook exits 2" rc_is "$WORK/d" 2
check "(d) message names the notebook" has "$WORK/d.err" "01_tensor.ipynb"
check "(d) message gives the line" grep -qE "line [0-9]+" "$WORK/d.err"
check "(d) progress unchanged" test ! -e "$C/progress.json"

# (e) unknown module: exit 2 with the list of modules
run "$WORK/e" module complete 42 --course "$C"
check "(e) unknown module exits 2" rc_is "$WORK/e" 2
check "(e) message lists the available modules" has "$WORK/e.err" "20_capstone"
run "$WORK/e2" module start 01_nope --course "$C"
check "(e) start of an unknown module exits 2" rc_is "$WORK/e2" 2

# (f) --json: one parseable object on stdout, for success, failure and refusal
C=$(fresh f)
run "$WORK/f1" module complete 01 --course "$C" --json
check "(f) --json complete exits 0" rc_is "$WORK/f1" 0
check "(f) --json output parses" "$PY" -m json.tool "$WORK/f1.out" /dev/null
check "(f) --json carries module, outcome, tests, exports, progress" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["module"] == "01" and d["name"] == "01_tensor", d
assert d["outcome"] == "passed" and d["exit_status"] == 0
assert d["tests"] and all(t["outcome"] == "passed" for t in d["tests"]), d["tests"]
assert "tinytorch/core/tensor.py" in d["exports"], d["exports"]
assert d["progress"]["completed"] == 1 and d["progress"]["total"] == 20
assert d["progress"]["file"]["completed_modules"] == ["01"]
' "$WORK/f1.out"
run "$WORK/f2" module complete 03 --course "$C" --json
check "(f) --json refusal parses and carries the exit status" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["exit_status"] == 1 and "02" in d["error"], d
' "$WORK/f2.out"
run "$WORK/f3" module status --course "$C" --json
check "(f) --json status lists 20 modules" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["modules"]) == 20 and d["modules"][0]["state"] == "completed" and d["lib_name"] == "tinytorch", d
' "$WORK/f3.out"

# --skip-tests: converts and exports, records progress (as upstream)
C=$(fresh s)
run "$WORK/s" module complete 01 --course "$C" --skip-tests
check "--skip-tests exits 0" rc_is "$WORK/s" 0
check "--skip-tests still exports" test -s "$C/tinytorch/core/tensor.py"
check "--skip-tests records progress" completed "$C" 01
# --skip-export: tests run, nothing exported
C=$(fresh x)
run "$WORK/x" module complete 01 --course "$C" --skip-export
check "--skip-export exits 0" rc_is "$WORK/x" 0
check "--skip-export exports nothing" test ! -e "$C/tinytorch/core/tensor.py"
check "--skip-export says so" has "$WORK/x.out" "skipped (--skip-export)"
# script mode on module 01 agrees
run "$WORK/x2" module complete 01 --course "$C" --test-mode script
check "--test-mode script passes module 01" rc_is "$WORK/x2" 0

# start: locked, Jupyter missing (nothing recorded), fake Jupyter (recorded, detached)
C=$(fresh j)
EMPTY=$WORK/empty-path; mkdir -p "$EMPTY"
(PATH=$EMPTY "$TITO" module start 02 --course "$C" >"$WORK/j0.out" 2>"$WORK/j0.err"; echo $? >"$WORK/j0.rc")
check "start 02 before 01 is locked (exit 1)" rc_is "$WORK/j0" 1
check "locked message names 01 and the command" has "$WORK/j0.err" "tito module start 01"
(PATH=$EMPTY "$TITO" module start 01 --course "$C" >"$WORK/j1.out" 2>"$WORK/j1.err"; echo $? >"$WORK/j1.rc")
check "start without Jupyter exits 3" rc_is "$WORK/j1" 3
check "start without Jupyter gives the install hint" has "$WORK/j1.err" "apt-get install jupyter-notebook"
check "start without Jupyter records nothing" test ! -e "$C/progress.json"
FAKE=$WORK/fakebin; mkdir -p "$FAKE"
printf '#!/bin/sh\necho "fake jupyter $* in $(pwd)"\nexec sleep 5\n' >"$FAKE/jupyter"
cp "$FAKE/jupyter" "$FAKE/jupyter-lab"; chmod +x "$FAKE/jupyter" "$FAKE/jupyter-lab"
(PATH=$FAKE:/usr/bin:/bin "$TITO" module start 1 --course "$C" --no-browser --json >"$WORK/j2.out" 2>"$WORK/j2.err"; echo $? >"$WORK/j2.rc")
check "start 1 with Jupyter exits 0" rc_is "$WORK/j2" 0
JPID=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["jupyter_pid"])' "$WORK/j2.out" 2>/dev/null)
[ -n "$JPID" ] && JUPYTER_PIDS+=("$JPID")
JLOG=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["jupyter_log"])' "$WORK/j2.out" 2>/dev/null)
sleep 0.5
check "Jupyter ran 'lab --no-browser' in the module folder" has "$JLOG" "fake jupyter lab --no-browser in $C/modules/01_tensor"
check "start records 01 as started" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["started_modules"] == ["01"] and d["last_worked"] == "01", d' "$C/progress.json"
(PATH=$FAKE:/usr/bin:/bin "$TITO" module start 01 --course "$C" >"$WORK/j3.out" 2>"$WORK/j3.err"; echo $? >"$WORK/j3.rc")
check "second start exits 1" rc_is "$WORK/j3" 1
check "second start suggests complete" has "$WORK/j3.err" "tito module complete 01"
run "$WORK/j4" module complete --course "$C"
check "complete without NN takes the started module" rc_is "$WORK/j4" 0
check "completing removes 01 from started_modules" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["started_modules"] == [] and d["completed_modules"] == ["01"], d' "$C/progress.json"

# Interrupted: SIGTERM (as Ctrl+C's SIGINT) while a test runs stops the test
# process too (it runs in its own process group), exits 128+15, records nothing.
C=$(fresh i)
"$PY" - "$C/modules/01_tensor/01_tensor.ipynb" <<'EOF'
import json, sys
path = sys.argv[1]
nb = json.load(open(path))
for cell in nb["cells"]:
    src = "".join(cell["source"])
    if cell["cell_type"] == "code" and "def test_unit_tensor_creation():" in src:
        src = src.replace("def test_unit_tensor_creation():\n",
                          "def test_unit_tensor_creation():\n    import time; time.sleep(60)\n", 1)
        cell["source"] = src.splitlines(keepends=True)
        break
json.dump(nb, open(path, "w"), indent=1)
EOF
"$TITO" module complete 01 --course "$C" >"$WORK/i.out" 2>"$WORK/i.err" &
TPID=$!
for _ in $(seq 1 50); do pgrep -f "[p]ython3 .*$C/modules/01_tensor/01_tensor.py" >/dev/null && break; sleep 0.2; done
sleep 1
kill -TERM "$TPID"
wait "$TPID"
echo $? >"$WORK/i.rc"
sleep 0.5
check "interrupted complete exits 143" rc_is "$WORK/i" 143
check "interrupted complete says so" has "$WORK/i.err" "interrupted"
check "interrupted complete leaves no test process behind" bash -c "! pgrep -f '[p]ython3 .*$C/modules/01_tensor/01_tensor.py' >/dev/null"
check "interrupted complete records nothing" test ! -e "$C/progress.json"

# usage errors
run "$WORK/u1" module complete 01 --course "$C" --test-mode fast
check "bad --test-mode exits 2" rc_is "$WORK/u1" 2
run "$WORK/u2" module frobnicate
check "unknown subcommand exits 2" rc_is "$WORK/u2" 2
run "$WORK/u3" module --help
check "--help exits 0 and documents exit codes" bash -c "[ \$(cat '$WORK/u3.rc') = 0 ] && grep -q 'Exit status' '$WORK/u3.out'"
(cd "$WORK" && "$TITO" module status >"$WORK/u4.out" 2>"$WORK/u4.err"; echo $? >"$WORK/u4.rc")
check "no course above the current folder exits 2" rc_is "$WORK/u4" 2

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
