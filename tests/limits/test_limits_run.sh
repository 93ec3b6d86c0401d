#!/usr/bin/env bash
# Limits per course, per module and per run, end to end: COURSE/tito.ini
# [limits] and [limits.NN] plus run flags reach the job through the queue, a
# worker applies them over its own defaults, each result records them, and
# they are enforced (a memory hog passes or hits the memory limit depending
# only on the limit asked). Both `tito batch` and `tito module complete`.
. "$(dirname "$0")/../integration/lib.sh"
start_services
course c 0 0
python3 - c <<'PY'
import json, os, sys
root = sys.argv[1]
def module(name, cells):
    d = os.path.join(root, "modules", name)
    os.makedirs(d, exist_ok=True)
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "c%d" % i, "metadata": {},
                     "outputs": [], "source": s} for i, s in enumerate(cells)],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    json.dump(nb, open(os.path.join(d, name + ".ipynb"), "w"), indent=1)
# 200 MB actually written (b'x' * n fills every page), then released.
module("04_hog", ["#| default_exp core.hog",
                  "#| export\ndef hog():\n    b = b'x' * (200 << 20)\n    return len(b)",
                  "def test_unit_hog():\n    assert hog() == 200 << 20"])
PY
cat >c/tito.ini <<'EOF'
# the course's own limits
[limits]
pids = 64
memory_mb = 1024
[limits.02]
timeout_s = 33
[limits.hog]
memory_mb = 120
EOF
SBX=--no-sandbox
if "$TITO" module complete 1 --course c --sandbox --skip-export --json >probe.json 2>probe.err; then
    SBX=--sandbox
else
    echo "note: the sandbox is unavailable here ($(head -c 300 probe.err)); enforcement is checked unsandboxed"
fi
rm -f c/progress.json
limit_of() { # limit_of FILE.json MODULE KEY: from `tito results --json`
    python3 -c 'import json,sys
r = {x["module"]: x for x in json.load(open(sys.argv[1]))}
print(r[sys.argv[2]]["limits"][sys.argv[3]])' "$@"
}
outcome_of() { python3 -c 'import json,sys
r = {x["module"]: x for x in json.load(open(sys.argv[1]))}
print(r[sys.argv[2]]["status"])' "$@"
}
export -f limit_of outcome_of sql
export DB

# -- tito batch: the course's limits, one overridden by a flag --------------
"$TITO" batch --course c --workers 1 $SBX --output 256 --json >b1.json 2>b1.err
echo "batch rc=$?"
"$TITO" results --run last --json >r1.json 2>r1.err
check "results carry the limits of each job" python3 -c 'import json,sys; assert all("limits" in x for x in json.load(open("r1.json")))'
check "course [limits] pids=64 reaches 01" [ "$(limit_of r1.json 01_base pids)" = 64 ]
check "course [limits.02] timeout_s=33 reaches 02 only" \
    bash -c '[ "$(limit_of r1.json 02_uses timeout_s)" = 33 ] && [ "$(limit_of r1.json 01_base timeout_s)" = 600 ]'
check "CPU time may reach the timeout on every CPU" [ "$(limit_of r1.json 02_uses cpu_s)" = $((33 * $(nproc))) ]
check "run flag --output 256 reaches every job" \
    bash -c '[ "$(limit_of r1.json 01_base output_kb)" = 256 ] && [ "$(limit_of r1.json 04_hog output_kb)" = 256 ]'
check "unset limits are the worker's defaults (disk 256 MB)" [ "$(limit_of r1.json 03_fail disk_mb)" = 256 ]
check "[limits.hog] memory 120 MB reaches 04_hog" [ "$(limit_of r1.json 04_hog memory_mb)" = 120 ]
check "04_hog (200 MB) stops at its 120 MB limit" [ "$(outcome_of r1.json 04_hog)" = memory_limit ]
check "the others are graded as usual" \
    bash -c '[ "$(outcome_of r1.json 01_base)" = passed ] && [ "$(outcome_of r1.json 03_fail)" = failed ]'
check "the run records what it asked" bash -c "[ \"\$(sql \"SELECT params->'limits' FROM runs ORDER BY created_at DESC LIMIT 1\")\" = '{\"pids\": 64, \"memory_mb\": 1024, \"output_kb\": 256}' ]"
check "the job log states the limits" bash -c "'$TITO' logs \"\$(python3 -c 'import json; print({x[\"module\"]: x for x in json.load(open(\"r1.json\"))}[\"04_hog\"][\"job_id\"])')\" | grep -q 'Limits: time 600 s, memory 120 MB, 64 processes, output 256 KB per stream, disk 256 MB'"

"$TITO" batch 4 --course c --workers 1 $SBX --memory 400 --json >b2.json 2>b2.err
echo "batch rc=$?"
"$TITO" results --run last --json >r2.json 2>r2.err
check "--memory 400 overrides the course: 04_hog passes" \
    bash -c '[ "$(outcome_of r2.json 04_hog)" = passed ] && [ "$(limit_of r2.json 04_hog memory_mb)" = 400 ]'

# -- bad limits are usage errors, before any run is created ----------------
runs_before=$(sql "SELECT count(*) FROM runs")
"$TITO" batch --course c --workers 1 --pids 0 >bad1.out 2>bad1.err
check "--pids 0: exit 2" [ $? = 2 ]
check "--pids 0: says the range" grep -q -- "--pids takes a whole number of processes from 1 to 65536, not '0'" bad1.err
cp c/tito.ini tito.ini.good
printf '[limits.03_fail]\ndisk_mb = huge\n' >>c/tito.ini
"$TITO" batch --course c --workers 1 >bad2.out 2>bad2.err
check "bad course tito.ini: exit 2" [ $? = 2 ]
check "bad course tito.ini: names file, section, setting" \
    grep -q "c/tito.ini: \[limits.03_fail\]: disk_mb must be a whole number of MB from 1 to 1048576, not 'huge'" bad2.err
check "no run was created for the bad invocations" [ "$(sql "SELECT count(*) FROM runs")" = "$runs_before" ]
cp tito.ini.good c/tito.ini

# -- tito module complete: same layers locally ------------------------------
"$TITO" module complete 1 --course c $SBX --skip-export --json >m1.json 2>m1.err
check "module complete: the course's limits" python3 -c '
import json; l = json.load(open("m1.json"))["limits"]
assert (l["pids"], l["memory_mb"], l["timeout_s"]) == (64, 1024, 600), l'
printf '[limits]\ntimeout_s = 77\npids = 32\n' >tito.ini
"$TITO" module complete 2 --course c $SBX --skip-export --json --pids 48 >m2.json 2>m2.err
check "module complete: flags > [limits.02] > course [limits] > ./tito.ini" python3 -c '
import json; l = json.load(open("m2.json"))["limits"]
assert (l["pids"], l["timeout_s"], l["memory_mb"]) == (48, 33, 1024), l'
rm tito.ini
"$TITO" module complete 3 --course c --skip-tests --skip-export --json >/dev/null 2>&1
"$TITO" module complete 4 --course c $SBX --skip-export --json >m4.json 2>m4.err
check "module complete 04: memory limit from [limits.hog]" python3 -c '
import json; d = json.load(open("m4.json"))
assert d["outcome"] in ("memory_limit",) and d["limits"]["memory_mb"] == 120, (d["outcome"], d["message"])'
"$TITO" module complete 4 --course c $SBX --skip-export --json --memory 400 >m5.json 2>m5.err
check "module complete 04 --memory 400: passes" python3 -c '
import json; d = json.load(open("m5.json")); assert d["outcome"] == "passed", (d["outcome"], d["message"])'
"$TITO" module complete 4 --course c --timeout 0 >m6.out 2>m6.err
check "module complete --timeout 0: exit 2 with the range" \
    bash -c "[ $? = 2 ] && grep -q -- '--timeout takes a whole number of seconds from 1 to 86400' m6.err"
finish
