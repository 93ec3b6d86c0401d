#!/usr/bin/env bash
# PostgreSQL stopped for a few seconds, twice, during a `tito batch` run:
# workers and the coordinator wait and retry; nothing lost, nothing recorded
# twice.
. "$(dirname "$0")/lib.sh"
start_services
course c 8 1.5
"$TITO" batch --course c --workers 2 --no-sandbox --lease-ms 1500 --max-attempts 20 \
    >batch.out 2>batch.err &
BATCH=$!
BG_PIDS+=($BATCH)
restart_pg() { # restart_pg SIGNAL: INT = fast shutdown, QUIT = immediate (crash recovery)
    local pid
    pid=$(svc_pid pg)
    kill -"$1" "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    sleep 3
    "$TITO" services start >/dev/null && echo "postgres restarted after SIG$1"
}
sleep 2.5
restart_pg INT
sleep 2
restart_pg QUIT
wait $BATCH
rc=$?
echo "tito batch exit $rc"; tail -3 batch.err
check "batch exit status 1 (03_fail failed)" [ $rc = 1 ]
RUN=$(sql "SELECT max(id::int) FROM runs")
check "every job final with its expected status" expected_statuses "$RUN" 11
check "every job recorded exactly once" exactly_once "$RUN"
check "nothing dead-lettered" [ "$(sql "SELECT count(*) FROM dead_letters")" = 0 ]
check "summary printed" grep -q "Successful: 10/11" batch.out
finish
