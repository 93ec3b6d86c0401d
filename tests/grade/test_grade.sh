#!/usr/bin/env bash
# `tito grade` on the small fixture course and a cohort built here: the
# submission layouts, skipped folders, missing / malformed / ambiguous
# submissions, the gradebook (table, CSV, JSON, --gradebook FILE), each
# module graded against the reference of the earlier ones, results per
# student in PostgreSQL (exactly once), limits in each job, exit statuses
# (0, 1 for a job that could not be graded, 2, 130), and a --sandbox run
# when root.
. "$(dirname "$0")/../integration/lib.sh"
start_services
course c 0 0
# Every run is bounded: a hang is a failure here, not ctest's 15-minute timeout.
run() { local out=$1; shift; timeout -k 5 300 "$TITO" "$@" >"$out.out" 2>"$out.err"; echo $? >"$out.rc"; }
# last_run: the newest run's id (0: none)
last_run() { sql "SELECT coalesce(max(id::int), 0) FROM runs"; }
# wait_jobs AFTER N: until a run newer than AFTER has N jobs (sets RUN); a
# coordinator slow to start on a loaded machine must not be mistaken for the
# previous run.
wait_jobs() {
    for _ in $(seq 600); do
        RUN=$(last_run)
        [ "$RUN" -gt "$1" ] && [ "$(sql "SELECT count(*) FROM jobs WHERE run_id='$RUN'")" = "$2" ] && return 0
        sleep 0.2
    done
    echo "  no run after $1 with $2 jobs"
    return 1
}
rc_is() { [ "$(cat "$1.rc")" = "$2" ] || { echo "  exit $(cat "$1.rc"), expected $2:"; tail -n 5 "$1.err"; return 1; }; }

# The cohort. alice: a copy of the course, 03 fixed (passes everything);
# bob: flat, a bug in 01's exported base() (01 fails, 02 still passes: it
# imports the reference base), no 03; carol: 01 by its bare name, malformed,
# no 02, 03 as handed out (fails); dan: 01 twice (ambiguous), 02 by its bare
# name. Plus a folder whose name is not an id, a stray notebook, a README,
# a hidden folder.
python3 - c subs <<'PY'
import json, os, shutil, sys
course, subs = sys.argv[1], sys.argv[2]
ref = lambda m: os.path.join(course, "modules", m, m + ".ipynb")
def put(path, src=None, edit=None, text=None):
    path = os.path.join(subs, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if text is not None:
        open(path, "w").write(text)
        return
    nb = json.load(open(src))
    for c in nb["cells"]:
        for a, b in (edit or {}).items():
            c["source"] = c["source"].replace(a, b)
    json.dump(nb, open(path, "w"), indent=1)
for m in ("01_base", "02_uses"):
    put("alice/modules/%s/%s.ipynb" % (m, m), ref(m))
put("alice/03_fail.ipynb", ref("03_fail"), {"return 1": "return 2"})
put("bob/01_base.ipynb", ref("01_base"), {"return x + 1": "return x + 2"})
put("bob/02_uses/my_work.ipynb", ref("02_uses"))
put("carol/base.ipynb", text='{"cells": [{"cell_type": "co')
put("carol/03_fail/03_fail.ipynb", ref("03_fail"))
put("dan/01_base.ipynb", ref("01_base"))
put("dan/01_base/01_base.ipynb", ref("01_base"))
put("dan/uses.ipynb", ref("02_uses"))
put("eve smith/01_base.ipynb", ref("01_base"))
put(".hidden/01_base.ipynb", ref("01_base"))
open(os.path.join(subs, "README.txt"), "w").write("not a student\n")
put("lost.ipynb", ref("01_base"))
PY
mkdir empty

run help grade --help
check "--help exits 0" rc_is help 0
check "--help documents the exit status" grep -q "Exit status: 0 every submission got a result" help.out
check "--help documents the layouts" grep -q "STUDENT/modules/NN_name/\*.ipynb" help.out
check "tito --help lists grade" bash -c "'$TITO' --help | grep -q '^  grade'"
run noargs grade --course c
check "no SUBMISSIONS: exit 2" rc_is noargs 2
run badflag grade subs --frobnicate
check "unknown flag: exit 2" rc_is badflag 2
run both grade subs --course c --json --csv
check "--json --csv: exit 2" rc_is both 2
run nosubs grade "$WORK/nothing" --course c
check "missing SUBMISSIONS: exit 2" rc_is nosubs 2
check "missing SUBMISSIONS: says what it wants" grep -q "one folder per student" nosubs.err
run nostudents grade empty --course c
check "no student folder: exit 2" rc_is nostudents 2
run norange grade subs 30 40 --course c
check "empty range: exit 2" rc_is norange 2
run badlimit grade subs --course c --timeout 0
check "bad --timeout: exit 2" rc_is badlimit 2
check "nothing was run for the usage errors" [ "$(sql "SELECT count(*) FROM runs")" = 0 ]

# The cohort, every module, CSV on stdout and in a file: 8 jobs.
run main grade subs --course c --workers 2 --no-sandbox --csv --gradebook gb.csv
RUN=$(sql "SELECT max(id::int) FROM runs")
check "cohort: exit 0 (failing students are grades)" rc_is main 0
check "skipped folder is named with the reason" grep -q "skipped 'eve smith': a student id" main.err
check "stray notebook is named with the reason" grep -q "skipped 'lost.ipynb': a notebook outside any student folder" main.err
check "a README beside the students is no student" bash -c "! grep -q README main.err"
check "hidden folder is not a student" bash -c "! grep -q hidden main.err"
check "ambiguous submission is explained" grep -q "dan: ambiguous, not graded: module 01_base is submitted 2 times (dan/01_base/01_base.ipynb, dan/01_base.ipynb)" main.err
check "plain progress lines name the student" grep -Eq "^\[[0-9]+/8\] bob 01_base failed" main.err
check "--gradebook FILE is the CSV on stdout" cmp -s gb.csv main.out
check "gradebook: one row per student x module, as expected" python3 - main.out <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert list(rows[0]) == ["student", "module", "status", "tests_passed", "tests_total", "points",
                         "max_points", "job_id", "message"], list(rows[0])
got = {(r["student"], r["module"]): r for r in rows}
want = {("alice", "01_base"): "passed", ("alice", "02_uses"): "passed", ("alice", "03_fail"): "passed",
        ("bob", "01_base"): "failed", ("bob", "02_uses"): "passed", ("bob", "03_fail"): "missing",
        ("carol", "01_base"): "error", ("carol", "02_uses"): "missing", ("carol", "03_fail"): "failed",
        ("dan", "01_base"): "ambiguous", ("dan", "02_uses"): "passed", ("dan", "03_fail"): "missing"}
assert len(rows) == 12, len(rows)
bad = {k: got[k]["status"] for k in want if got[k]["status"] != want[k]}
assert not bad, bad
assert got[("bob", "01_base")]["tests_passed"] == "0" and got[("bob", "01_base")]["tests_total"] == "1"
assert "assert" in got[("bob", "01_base")]["message"].lower(), got[("bob", "01_base")]
assert "base.ipynb" in got[("carol", "01_base")]["message"], got[("carol", "01_base")]
assert got[("bob", "03_fail")]["job_id"] == "" and got[("bob", "03_fail")]["message"]
assert got[("alice", "01_base")]["job_id"].endswith("-alice-01_base")
PY
check "8 jobs, one per submitted notebook, each with its student" \
    [ "$(sql "SELECT count(*) || ' ' || count(DISTINCT student) FROM jobs WHERE run_id='$RUN' AND student <> ''")" = "8 4" ]
check "each job's submission is the student's notebook (sha256)" python3 - "$DB" "$RUN" <<'PY'
import hashlib, subprocess, sys
db, run = sys.argv[1:]
out = subprocess.run(["psql", db, "-qAtX", "-F", " ", "-c",
                      "SELECT student, module, submission_sha, spec::jsonb->>'submission' FROM jobs WHERE run_id='%s'" % run],
                     capture_output=True, text=True).stdout.split("\n")
paths = {("alice", "01_base"): "alice/modules/01_base/01_base.ipynb", ("bob", "02_uses"): "bob/02_uses/my_work.ipynb",
         ("carol", "01_base"): "carol/base.ipynb", ("dan", "02_uses"): "dan/uses.ipynb"}
seen = 0
for line in filter(None, out):
    s, m, sha, spec_sha = line.split(" ")
    assert sha == spec_sha, line
    if (s, m) in paths:
        assert sha == hashlib.sha256(open("subs/" + paths[(s, m)], "rb").read()).hexdigest(), line
        seen += 1
assert seen == 4, seen
PY
check "every job recorded exactly once" exactly_once "$RUN"
check "the run: kind grade, graded, params" python3 - "$(sql "SELECT kind || ' ' || status || ' ' || params FROM runs WHERE id='$RUN'")" "$WORK" <<'PY'
import json, sys
kind, status, params = sys.argv[1].split(" ", 2)
p = json.loads(params)
assert kind == "grade" and status == "graded", (kind, status)
assert p["students"] == 4 and p["jobs"] == 8 and p["submissions"] == sys.argv[2] + "/subs", p
assert p["course"] == sys.argv[2] + "/c" and p["modules"] == ["01_base", "02_uses", "03_fail"], p
assert "limits" in p and p["sandboxed"] is False, p
PY
check "the course is not written to" [ ! -e c/progress.json ] && [ ! -e c/tinytorch ]
check "tito results --run last --student bob: bob's two jobs, with tests" python3 -c '
import json, subprocess, sys
r = json.loads(subprocess.run([sys.argv[1], "results", "--run", "last", "--student", "bob", "--json"],
                              capture_output=True).stdout)
assert sorted((x["student"], x["module"], x["status"]) for x in r) == [("bob", "01_base", "failed"), ("bob", "02_uses", "passed")], r
assert all(x["tests"] for x in r), r' "$TITO"

# A range, JSON, a limit flag and the course's tito.ini in every job.
printf '[limits]\nmemory_mb = 512\n[limits.02_uses]\npids = 64\n' >c/tito.ini
run json grade subs 2 3 --course c --workers 1 --no-sandbox --json --timeout 40
RUN=$(sql "SELECT max(id::int) FROM runs")
check "range 2-3 --json: exit 0" rc_is json 0
check "--json: the gradebook as JSON" python3 - json.out <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
st = {(s["student"], m["module"]): m["status"] for s in r["students"] for m in s["modules"]}
assert st == {("alice", "02_uses"): "passed", ("alice", "03_fail"): "passed", ("bob", "02_uses"): "passed",
              ("bob", "03_fail"): "missing", ("carol", "02_uses"): "missing", ("carol", "03_fail"): "failed",
              ("dan", "02_uses"): "passed", ("dan", "03_fail"): "missing"}, st
tot = {s["student"]: (s["total"], s["of"], s["total_is"]) for s in r["students"]}
assert tot["alice"] == (2, 2, "modules_passed") and tot["carol"] == (0, 2, "modules_passed"), tot
assert r["jobs"] == 5 and r["run_id"] and r["workers"] == 1, r
PY
check "each job carries its limits (flag > [limits.MODULE] > [limits])" [ "$(sql "SELECT count(*) FILTER (WHERE spec::jsonb->'limits' = CASE module WHEN '02_uses' THEN '{\"pids\": 64, \"timeout_s\": 40, \"memory_mb\": 512}'::jsonb ELSE '{\"timeout_s\": 40, \"memory_mb\": 512}'::jsonb END) || '/' || count(*) FROM jobs WHERE run_id='$RUN'")" = 5/5 ]
rm c/tito.ini

# The table, for people (NO_COLOR: no escapes even on a terminal).
NO_COLOR=1 run table grade subs 1 1 --course c --workers 1 --no-sandbox
check "table: exit 0" rc_is table 0
check "table: a row per student with a total" python3 - table.out <<'PY'
import re, sys
t = open(sys.argv[1]).read()
assert "\033" not in t
rows = {l.split()[0]: l.split()[1:] for l in t.splitlines() if re.match(r"^(alice|bob|carol|dan) ", l)}
assert rows == {"alice": ["1/1", "1/1"], "bob": ["0/1", "0/1"], "carol": ["error", "0/1"], "dan": ["ambiguous", "0/1"]}, rows
assert re.search(r"^Student +01_base +Passed$", t, re.M), t
PY

# Exit 1: a job that could not be graded. No local workers; the jobs are
# dead-lettered from outside as a worker would after max attempts.
BEFORE=$(last_run)
timeout -k 5 300 "$TITO" grade subs 1 1 --course c --workers 0 --csv >dead.out 2>dead.err &
G=$!
BG_PIDS+=($G)
check "the run without workers is enqueued" wait_jobs "$BEFORE" 3
sql "UPDATE jobs SET status='dead', error='delivered 3 times' WHERE run_id='$RUN' AND student='alice'"
sql "UPDATE jobs SET status='failed' WHERE run_id='$RUN' AND student<>'alice'"
wait $G
check "a dead job: exit 1" [ $? = 1 ]
check "a dead job: in the gradebook as dead" grep -q "^alice,01_base,dead,.*delivered 3 times" dead.out
check "a dead job: the run is incomplete" [ "$(sql "SELECT status FROM runs WHERE id='$RUN'")" = incomplete ]

# Exit 130: interrupted while waiting; the run and its jobs are cancelled.
BEFORE=$(last_run)
timeout -k 5 300 "$TITO" grade subs 1 1 --course c --workers 0 >int.out 2>int.err &
G=$!
BG_PIDS+=($G)
check "the run to interrupt is enqueued" wait_jobs "$BEFORE" 3
kill -INT $G
wait $G
check "interrupted: exit 130" [ $? = 130 ]
cancelled() {
    local got
    got=$(sql "SELECT r.status || ' ' || string_agg(DISTINCT j.status, ',') FROM runs r JOIN jobs j ON j.run_id = r.id
               WHERE r.id='$RUN' GROUP BY r.status")
    [ "$got" = "cancelled cancelled" ] || { echo "  run $RUN: $got"; cat int.err; return 1; }
}
check "interrupted: run and jobs cancelled" cancelled

# --gradebook into a folder that does not exist: the grades are still
# printed, the exit status says the file is not there.
run nofile grade subs 1 1 --course c --workers 1 --no-sandbox --gradebook "$WORK/no/such/gb.csv"
check "unwritable --gradebook: exit 1 with the reason" bash -c "[ \$(cat nofile.rc) = 1 ] && grep -q -- '--gradebook' nofile.err"

# The sandbox (root only, as CI runs).
if [ "$(id -u)" = 0 ]; then
    run sbx grade subs 1 2 --course c --workers 2 --sandbox --csv
    RUN=$(sql "SELECT max(id::int) FROM runs")
    check "--sandbox: exit 0" rc_is sbx 0
    check "--sandbox: the same grades" bash -c "grep -q '^bob,01_base,failed' sbx.out && grep -q '^bob,02_uses,passed' sbx.out && grep -q '^carol,01_base,error' sbx.out"
    check "--sandbox: recorded as sandboxed" [ "$(sql "SELECT params->>'sandboxed' FROM runs WHERE id='$RUN'")" = true ]
    check "--sandbox: exactly once" exactly_once "$RUN"
else
    echo "skip --sandbox run (not root)"
fi
finish
