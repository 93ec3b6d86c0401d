#!/usr/bin/env bash
# Bad input on real servers: a malformed stream entry, a job for an unknown
# module, a corrupt notebook and a module folder without a notebook. Each gets
# a clear `error` result (or a dead letter when it cannot be recorded); the
# workers keep going and every other job of the run is fine.
. "$(dirname "$0")/lib.sh"
start_services
course c 1 0.2
mkdir -p c/modules/05_corrupt c/modules/06_nonb
printf '{"cells": [ {"cell_type": "code", "sour' >c/modules/05_corrupt/05_corrupt.ipynb
echo "no notebook here" >c/modules/06_nonb/README.md
# Entries the workers will meet before the run's own jobs.
rcli XADD tito:jobs:default '*' id junk-1 job '{not json' >/dev/null
rcli XADD tito:jobs:default '*' job '{"id": 42}' >/dev/null
"$TITO" batch --course c --workers 2 --no-sandbox --lease-ms 1500 >batch.out 2>batch.err
rc=$?
echo "tito batch exit $rc"
RUN=$(sql "SELECT max(id::int) FROM runs")
check "batch exit status 1" [ $rc = 1 ]
check "good modules passed" [ "$(status_of "$RUN" 01_base) $(status_of "$RUN" 02_uses) $(status_of "$RUN" 04_slow0)" = "passed passed passed" ]
check "failing module failed" [ "$(status_of "$RUN" 03_fail)" = failed ]
check "corrupt notebook: error" [ "$(status_of "$RUN" 05_corrupt)" = error ]
check "corrupt notebook: message names the notebook" \
    grep -q . <(sql "SELECT error FROM jobs WHERE run_id='$RUN' AND module='05_corrupt' AND error ILIKE '%05_corrupt%'")
check "missing notebook: error" [ "$(status_of "$RUN" 06_nonb)" = error ]
check "malformed entries dead-lettered" [ "$(rcli XLEN tito:dead:default)" = 2 ]
check "summary lists the errors" grep -q "05_corrupt *error" batch.out
check "every job recorded exactly once" exactly_once "$RUN"

# A job for a module the course does not have, with a row in PostgreSQL: an
# `error` result naming the module, then the worker goes on with the next job.
SPEC=$(sql "SELECT spec FROM jobs WHERE run_id='$RUN' AND module='01_base'")
BAD=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); j["id"]="unknown-1"; j["module"]="99_nope"; print(json.dumps(j))' "$SPEC")
GOOD=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); j["id"]="after-1"; print(json.dumps(j))' "$SPEC")
sql "INSERT INTO jobs (id, run_id, module, spec) VALUES ('unknown-1', '$RUN', '99_nope', '$BAD'), ('after-1', '$RUN', '01_base', '$GOOD')"
rcli XADD tito:jobs:default '*' id unknown-1 job "$BAD" >/dev/null
rcli XADD tito:jobs:default '*' id after-1 job "$GOOD" >/dev/null
timeout 60 "$TITO_WORKER_BIN" --redis "unix://$REDIS_SOCK" --db "$DB" --until-empty --no-sandbox \
    --lease-ms 1500 2>worker.err
check "worker exits cleanly after the bad job" [ $? = 0 ]
check "unknown module: error result" [ "$(sql "SELECT status FROM jobs WHERE id='unknown-1'")" = error ]
check "unknown module: message names it" grep -q "99_nope" <(sql "SELECT error FROM jobs WHERE id='unknown-1'")
check "the next job ran" [ "$(sql "SELECT status FROM jobs WHERE id='after-1'")" = passed ]
check "tito logs shows the error job" "$TITO" logs unknown-1 >/dev/null
finish
