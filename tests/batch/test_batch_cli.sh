#!/usr/bin/env bash
# `tito batch` on the small fixture course: ranges, --deps own (blocked
# dependants), --log-dir, --json, write-back, usage errors, and
# scripts/process_all_modules as a drop-in (FROM TO, logs in the log dir).
. "$(dirname "$0")/../integration/lib.sh"
start_services
course c 1 0.2
run() { local out=$1; shift; "$TITO" "$@" >"$out.out" 2>"$out.err"; echo $? >"$out.rc"; }
rc_is() { [ "$(cat "$1.rc")" = "$2" ]; }

run help batch --help
check "--help exits 0" rc_is help 0
check "--help documents the exit status" grep -q "Exit status" help.out
run badflag batch --frobnicate
check "unknown flag: exit 2" rc_is badflag 2
run baddeps batch --course c --deps sideways
check "bad --deps: exit 2" rc_is baddeps 2
run norange batch 30 40 --course c
check "empty range: exit 2" rc_is norange 2
run nocourse batch --course "$WORK/nothing"
check "missing course: exit 2" rc_is nocourse 2

run range batch 1 2 --course c --workers 1 --no-sandbox --log-dir logs
check "01-02: exit 0" rc_is range 0
check "01-02: summary" grep -q "Successful: 2/2" range.out
check "01-02: only those logs" [ -f logs/module_01_complete.log ] && [ -f logs/module_02_complete.log ] && [ ! -f logs/module_03_complete.log ]
check "log has the conversion" grep -q "Converted" logs/module_01_complete.log
check "generated .py written back" [ -f c/modules/01_base/01_base.py ]
check "export written back" [ -f c/tinytorch/core/base.py ]
check "_modidx.py indexes both modules" bash -c "grep -q core.base c/tinytorch/_modidx.py && grep -q core.uses c/tinytorch/_modidx.py"
check "progress.json lists 01 02" python3 -c 'import json,sys; sys.exit(json.load(open("c/progress.json"))["completed_modules"] != ["01","02"])'

run own batch --course c --workers 2 --no-sandbox --deps own --json
check "--deps own: exit 1" rc_is own 1
check "--deps own: 02 passes on 01's own export, 04 blocked by 03" python3 - own.out <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
st = {m["module"]: m["status"] for m in r["modules"]}
assert st == {"01_base": "passed", "02_uses": "passed", "03_fail": "failed", "04_slow0": "blocked"}, st
assert r["deps"] == "own" and r["failed"] == 2
PY
check "--json: nothing but JSON on stdout" python3 -c 'import json,sys; json.load(open("own.out"))'
check "blocked job has a row" [ "$(sql "SELECT status FROM jobs WHERE module='04_slow0' ORDER BY id DESC LIMIT 1")" = blocked ]

cd c && TITO_BIN=$TITO TITO_LOG_DIR=$WORK/plogs "$SRC/scripts/process_all_modules" 2 3 --workers 1 --no-sandbox >../pam.out 2>../pam.err
prc=$?
cd ..
check "process_all_modules 2 3: exit 1 (03 fails)" [ $prc = 1 ]
check "process_all_modules: summary" grep -q "Successful: 1/2" pam.out
check "process_all_modules: logs" [ -f plogs/module_02_complete.log ] && [ -f plogs/module_03_complete.log ] && [ ! -f plogs/module_01_complete.log ]
check "tito results --run last: 2 records with tests" python3 -c '
import json, subprocess, sys
r = json.loads(subprocess.run([sys.argv[1], "results", "--run", "last", "--json"], capture_output=True).stdout)
assert len(r) == 2 and all(x["tests"] for x in r), r' "$TITO"

# External services configured: no local workers unless --workers; a remote
# (here: hand-started) worker does the work.
TITO_REDIS_URL="unix://$REDIS_SOCK" TITO_DATABASE_URL="$DB" "$TITO" batch 1 2 --course c --json >ext.out 2>ext.err &
EXT=$!
BG_PIDS+=($EXT)
sleep 2
check "external services: no worker spawned" [ -z "$(pgrep -P $EXT)" ]
timeout 60 "$TITO_WORKER_BIN" --redis "unix://$REDIS_SOCK" --db "$DB" --until-empty --no-sandbox 2>ext.worker
wait $EXT
check "external services: the remote worker's results (exit 0)" [ $? = 0 ]
check "external services: report says 0 local workers" grep -q '"workers": 0' ext.out
finish
