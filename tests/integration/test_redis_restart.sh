#!/usr/bin/env bash
# redis-server restarted twice during a `tito batch` run (AOF on): once
# cleanly (SIGTERM), once SIGKILLed. Workers and the coordinator reconnect;
# every accepted job completes, exactly once.
. "$(dirname "$0")/lib.sh"
start_services
course c 8 1.5
"$TITO" batch --course c --workers 2 --no-sandbox --lease-ms 1500 --max-attempts 20 \
    >batch.out 2>batch.err &
BATCH=$!
BG_PIDS+=($BATCH)
restart_redis() { # restart_redis SIGNAL
    local pid
    pid=$(svc_pid redis)
    kill -"$1" "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    sleep 1
    "$TITO" services start >/dev/null && echo "redis restarted after SIG$1"
}
sleep 2.5
restart_redis TERM
sleep 3
restart_redis KILL
wait $BATCH
rc=$?
echo "tito batch exit $rc"; tail -3 batch.err
check "batch exit status 1 (03_fail failed)" [ $rc = 1 ]
RUN=$(sql "SELECT max(id::int) FROM runs")
check "every job final with its expected status" expected_statuses "$RUN" 11
check "every job recorded exactly once" exactly_once "$RUN"
check "nothing dead-lettered" [ "$(sql "SELECT count(*) FROM dead_letters")" = 0 ]
check "stream empty afterwards" [ "$(rcli XLEN tito:jobs:default)" = 0 ]
finish
