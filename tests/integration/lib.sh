# Shared by the tests/integration/test_*.sh fault tests: a private state dir
# (own redis-server + PostgreSQL, started by tito itself as embedded
# services), the fixture course, and checks against PostgreSQL via psql.
set -u
SRC=${TITO_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TITO=${TITO_BIN:-$SRC/build/tito}
export TITO_WORKER_BIN=${TITO_WORKER_BIN:-$(dirname "$TITO")/tito-worker}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tito-integ.XXXXXX")
export TITO_STATE_DIR=$WORK/state
unset TITO_REDIS_URL TITO_DATABASE_URL TITO_CONFIG
BG_PIDS=()
cleanup() {
    for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    "$TITO" services stop >/dev/null 2>&1
    if [ "${TITO_TEST_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
cd "$WORK" || exit 1

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
finish() {
    echo "$pass passed, $fail failed"
    if [ "$fail" -gt 0 ]; then
        echo "--- worker logs"; tail -n 40 "$TITO_STATE_DIR"/logs/*.log 2>/dev/null
        exit 1
    fi
    exit 0
}

course() { # course DIR NSLOW SLEEP_S: the fixture course
    python3 "$SRC/tests/integration/fixtures/make_course.py" "$1" "$2" "$3"
}
start_services() {
    "$TITO" services start >/dev/null || { echo "cannot start services"; exit 1; }
    DB=$("$TITO" services status --json | python3 -c 'import json,sys;print(json.load(sys.stdin)["postgres"]["url"])')
    REDIS_SOCK=$("$TITO" services status --json |
        python3 -c 'import json,sys;print(json.load(sys.stdin)["redis"]["url"][len("unix://"):])')
}
sql() { psql "$DB" -qAtX -c "$1"; }
rcli() { redis-cli -s "$REDIS_SOCK" "$@"; }
svc_pid() { # svc_pid redis|pg
    if [ "$1" = redis ]; then cat "$TITO_STATE_DIR/services/redis/redis.pid"
    else head -1 "$TITO_STATE_DIR/services/pg/data/postmaster.pid"; fi
}

# every job of run $1 recorded exactly once: one job_attempts row, at the
# attempt the status came from, and test_results only for that attempt.
exactly_once() {
    local run=$1 bad_rows
    bad_rows=$(sql "SELECT j.id || ' attempts_rows=' || count(a.*)
                    FROM jobs j LEFT JOIN job_attempts a ON a.job_id = j.id
                    WHERE j.run_id = '$run' AND j.status NOT IN ('blocked')
                    GROUP BY j.id, j.result_attempt
                    HAVING count(a.*) <> 1 OR min(a.attempt) IS DISTINCT FROM j.result_attempt")
    [ -z "$bad_rows" ] || { echo "  not exactly once: $bad_rows"; return 1; }
    bad_rows=$(sql "SELECT t.job_id FROM test_results t JOIN jobs j ON j.id = t.job_id
                    WHERE j.run_id = '$run' AND t.attempt <> j.result_attempt")
    [ -z "$bad_rows" ] || { echo "  test rows of other attempts: $bad_rows"; return 1; }
}
# status of module $2 in run $1
status_of() { sql "SELECT status FROM jobs WHERE run_id = '$1' AND module = '$2'"; }
# the fixture's expected outcome: 03_fail failed, every other module passed
expected_statuses() {
    local run=$1 n=$2 got
    got=$(sql "SELECT count(*) FROM jobs WHERE run_id = '$run'")
    [ "$got" = "$n" ] || { echo "  run $run has $got jobs, expected $n"; return 1; }
    got=$(sql "SELECT string_agg(module || '=' || status, ' ' ORDER BY module) FROM jobs
               WHERE run_id = '$run' AND status <> CASE WHEN module = '03_fail' THEN 'failed' ELSE 'passed' END")
    [ -z "$got" ] || { echo "  unexpected: $got"; return 1; }
}
