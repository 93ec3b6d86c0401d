#!/usr/bin/env bash
# 20 times during one `tito batch` run: SIGKILL a busy worker (one with a
# pipeline child, i.e. mid-job); the coordinator restarts it. Every job must
# be recorded exactly once, none lost (all final as expected), none twice.
. "$(dirname "$0")/lib.sh"
start_services
course c 12 2.5
"$TITO" batch --course c --workers 2 --no-sandbox --lease-ms 1500 --max-attempts 100 \
    >batch.out 2>batch.err &
BATCH=$!
BG_PIDS+=($BATCH)
kills=0
deadline=$((SECONDS + 150))
while [ $kills -lt 20 ] && kill -0 $BATCH 2>/dev/null && [ $SECONDS -lt $deadline ]; do
    busy=()
    for w in $(pgrep -P $BATCH -x tito-worker); do
        pgrep -P "$w" >/dev/null && busy+=("$w")
    done
    if [ ${#busy[@]} -gt 0 ]; then
        victim=${busy[$((RANDOM % ${#busy[@]}))]}
        kill -KILL "$victim" 2>/dev/null && kills=$((kills + 1))
        sleep 0.8
    else
        sleep 0.1
    fi
done
wait $BATCH
rc=$?
echo "killed $kills busy workers; tito batch exit $rc"
check "20 workers killed mid-job" [ $kills -ge 20 ]
check "batch exit status 1 (03_fail failed)" [ $rc = 1 ]
RUN=$(sql "SELECT max(id::int) FROM runs")
check "every job final with its expected status" expected_statuses "$RUN" 15
check "every job recorded exactly once" exactly_once "$RUN"
check "jobs were redelivered" [ "$(sql "SELECT count(*) FROM jobs WHERE run_id='$RUN' AND attempts > 1")" -gt 0 ]
check "nothing dead-lettered" [ "$(sql "SELECT count(*) FROM dead_letters")" = 0 ]
check "summary printed" grep -q "Successful: 14/15" batch.out
finish
