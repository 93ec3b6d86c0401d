#!/bin/bash
# The data-layer commands end to end against real embedded services.
set -u
TITO=${TITO_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/build/tito}
SRC=${TITO_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
dir=$(mktemp -d /tmp/tito-tcli-XXXXXX)
chmod 755 "$dir" # mktemp makes it 0700: the service users (root runs) must reach it
fail=0
cleanup() { TITO_BIN=$TITO "$SRC/scripts/test-services.sh" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"; }
trap cleanup EXIT
check() { # check DESCRIPTION EXPECTED_RC ACTUAL_RC
    if [ "$2" != "$3" ]; then echo "FAIL: $1 (rc $3, want $2)"; fail=1; else echo "ok: $1"; fi
}
unset TITO_REDIS_URL TITO_DATABASE_URL
export TITO_STATE_DIR=$dir

# missing binary -> exit 3 naming the package
out=$(TITO_REDIS_SERVER=/nonexistent/redis-server "$TITO" services start 2>&1); rc=$?
check "missing redis-server exits 3" 3 $rc
echo "$out" | grep -q "install redis-server" || { echo "FAIL: message: $out"; fail=1; }
out=$(TITO_PG_BINDIR=/nonexistent "$TITO" db migrate 2>&1); rc=$?
check "missing postgres exits 3" 3 $rc
echo "$out" | grep -q "install postgresql-15" || { echo "FAIL: message: $out"; fail=1; }

eval "$(TITO_BIN=$TITO "$SRC/scripts/test-services.sh" start "$dir")"; rc=$?
check "test-services.sh start" 0 $rc
case "${TITO_REDIS_URL:-}" in unix://*) ;; *) echo "FAIL: TITO_REDIS_URL=${TITO_REDIS_URL:-}"; fail=1 ;; esac
"$TITO" services status --json | grep -q '"running": true'; check "status --json running" 0 $?
"$TITO" db migrate | grep -q "applied 0 migrations"; check "db migrate again is a no-op" 0 $?
"$TITO" runs | grep -q "no runs yet"; check "runs (empty)" 0 $?

psql -q "$TITO_DATABASE_URL" -c "INSERT INTO runs(kind) VALUES ('batch');
INSERT INTO jobs(id, run_id, module, spec, status, attempts, result_attempt, duration_ms)
  VALUES ('job-a', '1', '01_tensor', '{\"id\": \"job-a\"}', 'failed', 1, 1, 1200),
         ('job-b', '1', '02_act', '{\"id\": \"job-b\"}', 'queued', 0, NULL, NULL);
INSERT INTO job_attempts(job_id, attempt, outcome) VALUES ('job-a', 1, 'failed');
INSERT INTO test_results VALUES ('job-a', 1, 1, 'test_x', 'failed', 2, 'boom, \"q\"', 0, 1);
INSERT INTO job_logs VALUES ('job-a', 1, 'log', 'the log');" || fail=1

"$TITO" runs | grep -qE "^1 +batch"; check "runs lists the run" 0 $?
for v in latest_results job_tests gradebook module_pass_rate test_pass_rate flaky_tests; do
    psql -qAt "$TITO_DATABASE_URL" -c "SELECT count(*) FROM $v" >/dev/null; check "view $v" 0 $?
done
[ "$(psql -qAt "$TITO_DATABASE_URL" -c "SELECT tests_total || '/' || max_points FROM gradebook WHERE module = '01_tensor'")" = "1/1" ]
check "gradebook row" 0 $?
"$TITO" results --run last | grep -q "test_x: boom"; check "results table shows the failed test" 0 $?
"$TITO" results --module 1 --csv | grep -q '"boom, ""q"""'; check "results --csv quoting" 0 $?
"$TITO" results --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["tests"][0]["name"]=="test_x"'
check "results --json parses" 0 $?
[ "$("$TITO" logs job-a --stream log)" = "the log" ]; check "logs --stream" 0 $?
"$TITO" logs no-such-job 2>/dev/null; check "logs of a missing job exits 2" 2 $?
"$TITO" runs reconcile | grep -q "re-enqueued 1"; check "reconcile enqueues the queued job" 0 $?
"$TITO" runs reconcile | grep -q "re-enqueued 0"; check "reconcile twice is a no-op" 0 $?
"$TITO" status --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["queue"]["waiting"]==1, d'
check "status --json counts the waiting job" 0 $?

"$TITO" services stop >/dev/null; check "services stop" 0 $?
"$TITO" services status | grep -q "redis     stopped"; check "status after stop" 0 $?
exit $fail
