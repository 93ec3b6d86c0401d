#!/usr/bin/env python3
"""Generates the hostile fixture course (tests/hostile/course/) and its
manifest (tests/hostile/manifest.tsv). Commit both with this script.

    python3 make_cases.py              # (re)writes course/ and manifest.tsv
    python3 make_cases.py --big PATH   # writes the 50 MB notebook to PATH
                                       # (too big to commit; the driver makes it)

Placeholders the driver replaces in its private copy of the course (sed):
  @WORK@        the driver's temp dir (canaries, fake tito.ini, other job/student)
  @TCP_PORT@    a TCP listener on 127.0.0.1 the driver runs (stands for Redis/PostgreSQL on TCP)

Manifest columns (tab-separated): case, expected outcome, substring the job
message must contain ("-": the message must be empty), safe (1: harmless to
run without the sandbox, used by HOSTILE_DEV=1 to check the harness side),
the job's wall-clock limit in seconds (the course's tito.ini [limits.NN_name], generated here): 5 s
for the cases that must time out, 20 s for the others (they end by themselves
long before; the margin is for a loaded machine), and the
memory hogs get 30 s to fill their memory limit (512 MB, set for them only in
the course's tito.ini: the default 2 GB took ~4 s of page faults on an idle
machine, 12 s under load).

The course's tito.ini (generated here too) holds these limits as per-module
sections, `[limits.NN_name]`; the drivers pass no limit flags, so every run
also proves a course's per-module limits reach the job.
The expected outcomes are the contract, fixed here in advance.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COURSE = os.path.join(HERE, "course")

# (name, expected outcome, message substring, safe, cells, hidden tests or None,
#  wall-clock limit in seconds for the job)
CASES = []


DEFAULT_TIMEOUT = 20
HOG_MEMORY_MB = 512


def case(name, outcome, substring, safe, cells, hidden=None, timeout=DEFAULT_TIMEOUT):
    CASES.append((name, outcome, substring, safe, cells, hidden, timeout))


# Helpers the secret-reading cases share: try, print what was read, and the
# test asserts nothing was.
READ_HELPER = '''
import os, glob

def try_read(paths):
    """Returns {path: first 200 bytes} of every path it could read."""
    got = {}
    for p in paths:
        try:
            with open(p, "rb") as f:
                got[p] = f.read(200)
        except OSError as e:
            print("could not read %s: %s" % (p, e.__class__.__name__))
    for p, data in got.items():
        print("READ %s: %r" % (p, data))
    return got
'''

NORMAL = ['''
def add(a, b):
    return a + b
''', '''
def test_unit_add():
    assert add(2, 3) == 5
    print("✅ add works")
''', '''
def test_unit_add_negative():
    assert add(-2, -3) == -5
''']

case("normal", "passed", "-", 1, NORMAL)

case("infinite_loop", "timeout", "timed out", 1, ['''
def test_spin():
    while True:
        pass
'''], timeout=5)

case("busy_thread", "timeout", "timed out", 1, ['''
import threading

def spin():
    while True:
        pass

threading.Thread(target=spin).start()
''', '''
def test_ok():
    assert True
'''], timeout=5)

case("sleep_forever", "timeout", "timed out", 1, ['''
import time
time.sleep(10 ** 6)
''', '''
def test_ok():
    assert True
'''], timeout=5)

case("fork_bomb", "timeout", "timed out", 0, ['''
import os

def test_fork_bomb():
    while True:
        try:
            os.fork()
        except OSError:
            pass
'''], timeout=5)

case("thread_bomb", "failed", "can't start new thread", 0, ['''
import threading, time

def test_thread_bomb():
    threads = []
    while True:
        t = threading.Thread(target=time.sleep, args=(60,), daemon=True)
        t.start()
        threads.append(t)
'''])

case("memory_numpy", "memory_limit", "memory", 0, ['''
import numpy as np

def test_numpy_hog():
    hog = []
    while True:
        hog.append(np.ones(64 << 20, dtype=np.uint8))  # 64 MB, touched
'''], timeout=30)

case("memory_python", "memory_limit", "memory", 0, ['''
def test_python_hog():
    hog = []
    while True:
        hog.append(b"x" * (32 << 20))  # 32 MB, touched
'''], timeout=30)

case("disk_workdir", "output_limit", "disk limit", 0, ['''
import os

def test_fill_workdir():
    chunk = b"x" * (1 << 20)
    with open(os.path.join(os.getcwd(), "fill.bin"), "wb") as f:
        while True:
            f.write(chunk)
            f.flush()
'''])

case("disk_tmp", "output_limit", "disk limit", 0, ['''
def test_fill_tmp():
    chunk = b"x" * (1 << 20)
    with open("/tmp/fill.bin", "wb") as f:
        while True:
            f.write(chunk)
            f.flush()
'''])

case("stdout_flood", "output_limit", "output limit", 1, ['''
import sys

def test_flood_stdout():
    line = "flood " * 100 + "\\n"
    while True:
        sys.stdout.write(line)
'''])

case("stderr_flood", "output_limit", "output limit", 1, ['''
import sys

def test_flood_stderr():
    line = "flood " * 100 + "\\n"
    while True:
        sys.stderr.write(line)
'''])

case("huge_line", "output_limit", "output limit", 1, ['''
import sys

def test_huge_line():
    sys.stdout.write("x" * (48 << 20))
    sys.stdout.flush()
'''])

case("read_shadow", "passed", "-", 0, [READ_HELPER, '''
def test_cannot_read_shadow():
    got = try_read(["/etc/shadow", "/etc/gshadow", "@WORK@/canary/root_only.txt"])
    assert not got, "read secrets: %s" % sorted(got)
'''])

case("read_config", "passed", "-", 0, [READ_HELPER, '''
def test_cannot_read_worker_config():
    paths = ["@WORK@/etc/tito.ini", "/etc/tito/tito.ini", "/etc/tito.ini"]
    if os.environ.get("TITO_CONFIG"):
        paths.append(os.environ["TITO_CONFIG"])
    got = try_read(paths)
    assert not got, "read the worker's config: %s" % sorted(got)
'''])

case("read_environ", "passed", "-", 1, ['''
import os

def test_environment_is_clean():
    env = dict(os.environ)
    print("ENV %r" % sorted(env))
    with open("/proc/self/environ", "rb") as f:
        raw = f.read()
    print("SELF-ENVIRON %r" % raw[:2000])
    leaked = [k for k in env if "TITO_HOSTILE" in k or "SECRET" in k or k.startswith("TITO_")]
    assert not leaked, "secrets in the environment: %s" % leaked
    assert b"TITO_HOSTILE" not in raw
'''])

case("proc_environ", "passed", "-", 0, ['''
import os

def test_no_other_environ():
    leaked = []
    for pid in ["1"] + [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            with open("/proc/%s/environ" % pid, "rb") as f:
                raw = f.read()
        except OSError:
            continue
        if b"TITO_HOSTILE" in raw:
            leaked.append(pid)
            print("ENVIRON of %s: %r" % (pid, raw[:4000]))
    assert not leaked, "read the environment of pids %s" % leaked
'''])

case("other_job", "passed", "-", 0, [READ_HELPER, '''
def test_cannot_read_other_jobs():
    paths = glob.glob("@WORK@/tmp/*/*") + glob.glob("@WORK@/tmp/*/*/*") + glob.glob("/tmp/tito-*/*")
    paths.append("@WORK@/tmp/tito-module-other/secret.txt")
    mine = os.getcwd()
    got = {p: d for p, d in try_read(paths).items() if not p.startswith(mine)}
    assert not got, "read another job's files: %s" % sorted(got)
'''])

case("other_student", "passed", "-", 0, [READ_HELPER, '''
def test_cannot_read_other_student():
    paths = glob.glob("@WORK@/cohort/*/modules/*/*.ipynb")
    paths.append("@WORK@/cohort/alice/modules/01_normal/01_normal.ipynb")
    got = try_read(paths)
    assert not got, "read another student's notebook: %s" % sorted(got)
'''])

case("hidden_tests", "passed", "-", 0, [READ_HELPER, '''
def test_cannot_read_hidden_tests():
    here = os.path.dirname(os.path.abspath(__file__))
    course = os.path.dirname(os.path.dirname(here))
    paths = glob.glob(os.path.join(course, "tests", "*", "*.py"))
    paths += glob.glob("@WORK@/*/tests/*/*.py")
    got = try_read(paths)
    assert not got, "student code read hidden tests: %s" % sorted(got)
    # The harness got them on fd 4 (a memfd) and closed it before this code ran.
    fds = {}
    for f in os.listdir("/proc/self/fd"):
        try:
            fds[f] = os.readlink("/proc/self/fd/" + f)
        except OSError:
            pass
    assert not any("tito-fd4" in t for t in fds.values()), "the hidden tests' fd is still open: %s" % fds
'''], hidden={"test_hidden.py": '''# HIDDEN-TEST-CANARY-7c1e: the student must never see this file.
def test_hidden_runs():
    assert 1 + 1 == 2
'''})

case("write_outside", "passed", "-", 0, ['''
import os

def test_cannot_write_outside():
    here = os.path.dirname(os.path.abspath(__file__))
    wrote = []
    for p in [os.path.join(here, "pwned.txt"), os.path.join(here, "..", "..", "pwned.txt"),
              "@WORK@/canary/pwned.txt", "@WORK@/pwned.txt", "/etc/pwned.txt", "/pwned.txt",
              "/usr/lib/pwned.txt", "/var/tmp/pwned.txt"]:
        # (/dev/shm is not in the list: it is the job's own scratch space,
        # part of the size-limited tmpfs, and multiprocessing needs it.)
        try:
            with open(p, "w") as f:
                f.write("pwned")
            wrote.append(p)
        except OSError as e:
            print("could not write %s: %s" % (p, e.__class__.__name__))
    try:
        with open("@WORK@/canary/public.txt", "a") as f:
            f.write("pwned")
        wrote.append("@WORK@/canary/public.txt")
    except OSError:
        pass
    assert not wrote, "wrote outside the work dir: %s" % wrote
'''])

NET_HELPER = '''
import socket

def try_connect(family, addr, timeout=2.0):
    """None when the connection failed at once with an OSError; else what happened."""
    try:
        s = socket.socket(family, socket.SOCK_STREAM)
    except OSError as e:
        print("socket(%s) refused: %s" % (family, e))
        return None
    s.settimeout(timeout)
    try:
        s.connect(addr)
    except socket.timeout:
        return "timed out (a packet left?)"
    except OSError as e:
        print("connect %r failed: %s" % (addr, e))
        return None
    finally:
        pass
    try:
        s.sendall(b"PING\\r\\n")
        reply = s.recv(100)
    except OSError:
        reply = b""
    s.close()
    return "connected, reply %r" % reply
'''

case("connect_redis", "passed", "-", 0, [NET_HELPER, '''
import glob

def test_cannot_reach_redis():
    got = {}
    for path in glob.glob("@WORK@/services/**/*.sock", recursive=True) + ["@WORK@/services/redis.sock"]:
        got[path] = try_connect(socket.AF_UNIX, path)
    got["tcp"] = try_connect(socket.AF_INET, ("127.0.0.1", @TCP_PORT@))
    got["tcp6379"] = try_connect(socket.AF_INET, ("127.0.0.1", 6379))
    bad = {k: v for k, v in got.items() if v is not None}
    assert not bad, "reached Redis: %s" % bad
'''])

case("connect_postgres", "passed", "-", 0, [NET_HELPER, '''
import glob

def test_cannot_reach_postgres():
    got = {}
    for path in glob.glob("@WORK@/services/**/.s.PGSQL.*", recursive=True):
        if not path.endswith(".lock"):
            got[path] = try_connect(socket.AF_UNIX, path)
    got["tcp5432"] = try_connect(socket.AF_INET, ("127.0.0.1", 5432))
    got["tcp"] = try_connect(socket.AF_INET, ("127.0.0.1", @TCP_PORT@))
    bad = {k: v for k, v in got.items() if v is not None}
    assert not bad, "reached PostgreSQL: %s" % bad
'''])

case("connect_outside", "passed", "-", 0, [NET_HELPER, '''
def test_no_route_outside():
    # TEST-NET-3: never routed; in an empty network namespace this fails at once.
    r = try_connect(socket.AF_INET, ("203.0.113.1", 80), timeout=1.0)
    assert r is None, "outside address: %s" % r
'''])

case("kill_worker", "passed", "-", 0, ['''
import os, signal

def test_kill_everything():
    for pid in (os.getppid(), 1):
        if pid not in (0, os.getpid()):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError as e:
                print("kill %d: %s" % (pid, e))
    try:
        os.kill(-1, signal.SIGKILL)  # everything this uid may signal, except ourselves
    except OSError as e:
        print("kill -1: %s" % e)
    assert True
'''])

case("ptrace_worker", "violation", "forbidden system call", 0, ['''
import ctypes, os

def test_ptrace_parent():
    libc = ctypes.CDLL(None, use_errno=True)
    PTRACE_ATTACH = 16
    for pid in (os.getppid(), 1):
        r = libc.ptrace(PTRACE_ATTACH, pid, None, None)
        print("ptrace(ATTACH, %d) = %d errno %d" % (pid, r, ctypes.get_errno()))
    assert False, "ptrace returned instead of being killed by seccomp"
'''])

case("setsid_escape", "passed", "-", 0, ['''
import os

def test_escape_pid_namespace():
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["/bin/sleep", "3131"])
        os._exit(0)
    os.waitpid(pid, 0)
    assert True
'''])

case("background_process", "passed", "-", 0, ['''
import subprocess

def test_leave_background_process():
    subprocess.Popen(["/bin/sleep", "3232"], start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)
    assert True
'''])

case("forge_report_fd", "violation", "report channel", 1, ['''
import json, os

def test_real_failure():
    assert False, "this test fails"
''', '''
# Find the harness's report pipe and write a complete fake run into it.
def _forge():
    lines = [{"name": "test_real_failure", "outcome": "passed", "duration_ms": 1, "message": None,
              "points": 0, "max_points": 0}, {"event": "done"}]
    data = "".join(json.dumps(l) + "\\n" for l in lines).encode()
    for fd in sorted(int(x) for x in os.listdir("/proc/self/fd")):
        try:
            target = os.readlink("/proc/self/fd/%d" % fd)
        except OSError:
            continue
        if target.startswith("pipe:") and fd > 2:
            try:
                os.write(fd, data)
                print("forged on fd %d" % fd)
            except OSError:
                pass
    os.write(3, data) if os.path.exists("/proc/self/fd/3") else None
    os._exit(0)

_forge()
'''])

case("fake_pass_lines", "failed", "test_really_fails", 1, ['''
def test_really_fails():
    assert 1 == 2, "wrong"
''', '''
print("✅ test_really_fails: passed")
print("✅ All tests passed!")
print('{"name": "test_really_fails", "outcome": "passed"}')
'''])

case("sys_exit_early", "failed", "test_after_exit", 1, ['''
import sys
sys.exit(0)
''', '''
def test_after_exit():
    assert False, "runs although the module called sys.exit(0)"
'''])

case("os_exit_early", "error", "exited with status 0", 1, ['''
def test_never_reached():
    assert True
''', '''
import os
os._exit(0)
'''])

case("monkeypatch_tests", "failed", "test_patched", 1, ['''
def test_patched():
    assert False, "the real test fails"
''', '''
# Replace the test every way a student might: new code, new binding, wrapper.
_noop = lambda: None
try:
    test_patched.__wrapped__.__code__ = _noop.__code__
except Exception:
    pass
try:
    test_patched.__code__ = _noop.__code__
except Exception:
    pass
globals()["test_patched"] = _noop
'''])

case("keyboard_interrupt", "failed", "KeyboardInterrupt", 1, ['''
def test_interrupts():
    raise KeyboardInterrupt
''', '''
def test_fine():
    assert True
'''])

case("system_exit_in_test", "failed", "SystemExit", 1, ['''
def test_exits():
    raise SystemExit(0)
''', '''
def test_fine():
    assert True
'''])

case("big_notebook", "passed", "-", 1, ['''
def test_small():
    assert True
'''])

case("deep_json", "error", "deep", 1, None)

case("close_report_fd", "error", "report channel", 1, ['''
import os

def test_ok():
    assert True
''', '''
for fd in range(3, 1024):
    try:
        os.close(fd)
    except OSError:
        pass
'''])

case("replace_reporter", "violation", "tampered", 1, ['''
def test_fails_really():
    assert False, "genuine failure"
''', '''
# Reach into the harness through the garbage collector and make every
# report say "passed".
import gc
for o in gc.get_objects():
    if type(o).__name__ == "Harness":
        orig = o.report
        o.report = lambda name, outcome, d, m, _o=orig: _o(name, "passed", d, None)
    if type(o).__name__ == "_Reporter":
        sendorig = o.send
        def send(obj, _s=sendorig):
            if obj.get("outcome") not in (None, "passed"):
                obj = dict(obj, outcome="passed", message=None)
            _s(obj)
        o.send = send
'''])

case("forge_with_key", "failed", "test_genuinely_fails", 1, ['''
def test_genuinely_fails():
    assert False, "genuine failure"
''', r'''
# The harness's command line names its key file: read it if it is still
# there and sign a complete fake run (seq 1 follows the "discovered" line).
import hashlib, hmac, json, os
args = open("/proc/self/cmdline", "rb").read().split(b"\0")
key = None
if b"--key-file" in args:
    path = args[args.index(b"--key-file") + 1].decode()
    try:
        key = open(path, "rb").read().strip()
        print("READ THE KEY FILE", path)
    except OSError as e:
        print("key file unreadable:", e.__class__.__name__)
if key:
    out = b""
    for seq, obj in enumerate([{"name": "test_genuinely_fails", "outcome": "passed", "duration_ms": 1,
                                "message": None, "points": 0, "max_points": 0}, {"event": "done"}], 1):
        obj["seq"] = seq
        text = json.dumps(obj, ensure_ascii=True)
        out += (hmac.new(key, text.encode(), hashlib.sha256).hexdigest() + " " + text + "\n").encode()
    for fd in range(3, 1100):
        try:
            if os.readlink("/proc/self/fd/%d" % fd).startswith("pipe:"):
                os.write(fd, out)
        except OSError:
            pass
    os._exit(0)
'''])


def notebook(cells, name):
    out = []
    # A default_exp so that a passing case exports (tito batch always exports).
    cells = ["#| default_exp case_%s\n" % name] + list(cells)
    for i, src in enumerate(cells):
        lines = src.strip("\n").splitlines(True)
        out.append({"cell_type": "code", "execution_count": None, "id": "c%04d" % i,
                    "metadata": {}, "outputs": [], "source": lines})
    out.insert(0, {"cell_type": "markdown", "id": "intro", "metadata": {},
                   "source": ["# Hostile case %s\n" % name]})
    return {"cells": out, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                         "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def deep_json_text(depth=100000):
    # A notebook whose metadata nests `depth` arrays: the loader must reject
    # it with a message, not overflow its stack.
    return ('{"cells": [], "metadata": {"deep": ' + "[" * depth + "]" * depth +
            '}, "nbformat": 4, "nbformat_minor": 5}\n')


def big_notebook(path, size=50 << 20):
    nb = notebook(CASES[[c[0] for c in CASES].index("big_notebook")][4], "big_notebook")
    blob = "y" * 1000 + "\n"
    n = size // len(blob) + 1
    nb["cells"][1]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": [blob] * n}]
    nb["cells"][1]["execution_count"] = 1
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f)


def main(argv):
    if len(argv) == 2 and argv[0] == "--big":
        big_notebook(argv[1])
        return 0
    import shutil
    shutil.rmtree(COURSE, ignore_errors=True)
    write(os.path.join(COURSE, "settings.ini"), "[DEFAULT]\nlib_name = hostile\n")
    ids = []
    rows = ["# case\texpected\tmessage_substring\tsafe_unsandboxed\ttimeout_s (generated by make_cases.py)"]
    for i, (name, outcome, sub, safe, cells, hidden, timeout) in enumerate(CASES, 1):
        mod = "%02d_%s" % (i, name)
        ids.append("%02d" % i)
        nb_path = os.path.join(COURSE, "modules", mod, mod + ".ipynb")
        if name == "deep_json":
            write(nb_path, deep_json_text())
        elif name == "big_notebook":
            # The committed copy is small; the driver overwrites it with a 50 MB one.
            write(nb_path, json.dumps(notebook(cells, name), indent=1, ensure_ascii=False) + "\n")
        else:
            write(nb_path, json.dumps(notebook(cells, name), indent=1, ensure_ascii=False) + "\n")
        for fn, text in (hidden or {}).items():
            write(os.path.join(COURSE, "tests", mod, fn), text)
        rows.append("%s\t%s\t%s\t%d\t%d" % (mod, outcome, sub, safe, timeout))
    write(os.path.join(HERE, "manifest.tsv"), "\n".join(rows) + "\n")
    # The same timeouts as the course's own per-module limits (shared/limits):
    # the drivers pass no --timeout, so every run proves these are applied.
    ini = ["# Limits of the hostile course, per module (generated by make_cases.py from the",
           "# case table; the same timeouts as manifest.tsv). Memory, pids, output and disk",
           "# are the defaults: the cases that hit them hit the defaults.",
           "[limits]", "timeout_s = %d" % DEFAULT_TIMEOUT]
    for i, case in enumerate(CASES, 1):
        own = []
        if case[6] != DEFAULT_TIMEOUT:
            own.append("timeout_s = %d" % case[6])
        if case[1] == "memory_limit":
            own.append("memory_mb = %d" % HOG_MEMORY_MB)
        if own:
            ini += ["[limits.%02d_%s]" % (i, case[0])] + own
    write(os.path.join(COURSE, "tito.ini"), "\n".join(ini) + "\n")
    prog = {"started_modules": ids, "completed_modules": ids, "last_worked": ids[-1],
            "last_completed": ids[-1], "last_updated": "2026-01-01T00:00:00"}
    write(os.path.join(COURSE, "progress.json"), json.dumps(prog, indent=2))
    print("%d cases" % len(CASES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
