#!/usr/bin/env bash
# Two coordinators at once on the same services: (1) two runs on two copies
# of the course, (2) two runs on the same course. Each run gets exactly its
# own jobs, each recorded once, with the right results; both courses end up
# with their exports and progress.json.
. "$(dirname "$0")/lib.sh"
start_services
course a 3 1
cp -r a b
both() { # both DIR1 DIR2 TAG
    "$TITO" batch --course "$1" --workers 2 --no-sandbox --lease-ms 1500 --json >"$3.1.json" 2>"$3.1.err" &
    local p1=$!
    "$TITO" batch --course "$2" --workers 2 --no-sandbox --lease-ms 1500 --json >"$3.2.json" 2>"$3.2.err" &
    local p2=$!
    BG_PIDS+=($p1 $p2)
    wait $p1; R1=$?
    wait $p2; R2=$?
}
run_of() { python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["run_id"])' "$1"; }
completed() { python3 -c 'import json,sys;print(" ".join(json.load(open(sys.argv[1]))["completed_modules"]))' "$1/progress.json"; }

both a b copies
check "two copies: both exit 1 (03_fail)" [ "$R1 $R2" = "1 1" ]
A=$(run_of copies.1.json) B=$(run_of copies.2.json)
check "two copies: distinct runs" [ -n "$A" ] && [ "$A" != "$B" ]
check "run A: its 6 jobs, expected statuses" expected_statuses "$A" 6
check "run B: its 6 jobs, expected statuses" expected_statuses "$B" 6
check "run A exactly once" exactly_once "$A"
check "run B exactly once" exactly_once "$B"
check "course a: progress.json" [ "$(completed a)" = "01 02 04 05 06" ]
check "course b: progress.json" [ "$(completed b)" = "01 02 04 05 06" ]
check "course a: exports written" [ -f a/tinytorch/core/uses.py ]
check "course b: exports written" [ -f b/tinytorch/core/uses.py ]

rm -rf a/tinytorch a/progress.json
both a a same
check "same course: both exit 1" [ "$R1 $R2" = "1 1" ]
A=$(run_of same.1.json) B=$(run_of same.2.json)
check "same course: distinct runs" [ -n "$A" ] && [ "$A" != "$B" ]
check "same course run 1: expected statuses" expected_statuses "$A" 6
check "same course run 2: expected statuses" expected_statuses "$B" 6
check "same course run 1 exactly once" exactly_once "$A"
check "same course run 2 exactly once" exactly_once "$B"
check "same course: progress.json intact" [ "$(completed a)" = "01 02 04 05 06" ]
check "same course: exports written" [ -f a/tinytorch/core/slow2.py ]
check "results --run last: 6 records" [ "$("$TITO" results --run last --json | python3 -c 'import json,sys;print(len(json.load(sys.stdin)))')" = 6 ]
finish
