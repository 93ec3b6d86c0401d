# tito test harness (design.md section 7). Embedded in libtito and written into
# each job's work dir by the runner; runs under Debian's python3, stdlib only.
#
#   python3 tito_harness.py --report-fd 3 [--mode per-test|script]
#       [--per-test-timeout S] [--points points.json] [--hidden-fd N --hidden-dir DIR]
#       [--key-file FILE] MODULE.py
#
# --hidden-fd: the instructor's hidden tests, framed by the runner as
# "NAME\nLENGTH\n" + LENGTH bytes per file (runner/complete.c); read and
# closed before any student code runs. In the sandbox no path leads to them,
# so once the fd is closed the student's code cannot read them. --hidden-dir
# only names them in messages.
#
# --key-file: a per-run secret the runner wrote; read and deleted before any
# student code runs. Every line then reads "<HMAC-SHA256(key, json) hex> <json>"
# and each JSON object carries "seq" (0, 1, 2, ...); a line that does not
# verify makes the runner reject the run (README.md "Forged results").
#   {"event": "tamper", "reason"}              the harness caught student code calling
#                                              its reporter; exits 73
#
# Report channel (one JSON object per line on --report-fd, never on stdout):
#   {"event": "discovered", "tests": [names from the ast scan + hidden tests]}
#   {"name", "outcome": "passed|failed|error|timeout|skipped", "duration_ms",
#    "message", "points", "max_points"}        one line per call of a test
#   {"event": "abort", "reason"}               the harness gave up (a test ignored its
#                                              time budget); exits 72
#   {"event": "done"}                          the harness finished normally
# A test called more than once (directly and again from test_module) gets one
# line per call; the runner keeps the worst outcome. Whatever is missing when
# the process ends is the runner's to fail closed.
#
# per-test mode runs MODULE.py statement by statement in a module named
# __main__ (so `if __name__ == "__main__":` blocks run as in script mode and
# later statements see earlier definitions). Every top-level `def test_*` is
# wrapped right after its definition: each call is timed and recorded, and
# its exception re-raised into the caller, so the module behaves as it does
# as a script. A top-level statement that raises is recorded as an error
# named after it ("__main__ block at line 123") unless the exception is one a
# test already reported, and execution goes on with the next statement, so
# one broken cell does not hide the later tests. SystemExit at top level: a
# non-zero code is an error; code 0/None is not, and execution also goes on,
# so sys.exit(0) cannot skip the tests. After the file, every discovered test
# never called runs once (a test that requires arguments is reported skipped).
# Then the hidden tests: each test_*.py of --hidden-fd (read before any student code runs)
# executes as module "hidden_<stem>" whose globals start as a copy of the
# student module's, with the student module importable as `student` (and as
# `__main__`); its top-level test_* functions run in file order.
#
# script mode reports the discovered tests, closes the report channel and
# execs `python3 MODULE.py` itself: the runner judges stdout's checkmark lines as upstream
# tito does (spec/tinytorch.md section 2).

import ast
import os
import sys

# Private references taken before any student code runs: student code may
# replace sys.stdout, os.write, json.dumps, time.perf_counter...
import fcntl as _fcntl
import hashlib as _hashlib
import hmac as _hmac
import json as _json
import signal as _signal
import time as _time
import traceback as _traceback
import types as _types

_os_write = os.write
_getframe = sys._getframe
_getpid = os.getpid
_FunctionType = _types.FunctionType
_os_close = os.close
_os_exit = os._exit
_dumps = _json.dumps
_perf = _time.perf_counter
_setitimer = _signal.setitimer
_signal_fn = _signal.signal
_format_exception = _traceback.format_exception
_format_exception_only = _traceback.format_exception_only
_BaseException = BaseException

MESSAGE_CAP = 2048
GRACE_FIRES = 3  # extra 1 s alarms a test may swallow before the harness gives up
HARNESS_FILE = os.path.abspath(__file__)


class TestTimeout(BaseException):
    """Raised inside a test when its time budget is spent. A BaseException so
    `except Exception` in student code does not swallow it."""


def _make_reporter(fd, key):
    """The report channel. With a key (--key-file), every line is
    "<hmac-sha256 hex> <json>" where the JSON carries "seq" (0, 1, 2, ...) and
    the MAC covers the JSON text: the runner rejects the whole run when a line
    does not verify or a seq is missing, so bytes the student writes into the
    pipe (found through /proc/self/fd) are caught. The signer lives only in
    this closure, and it refuses to sign for a caller that is not one of the
    harness's own functions (checked by code object identity, which student
    code cannot forge): a reporter the student replaced or wrapped gets a
    "tamper" line and the process stops. See README.md for what this does
    not stop."""
    mac = _hmac.new(key, digestmod=_hashlib.sha256) if key else None
    state = {"seq": 0}
    owner = _getpid()
    allowed = {}  # code object -> allowed caller code objects (None: any harness code)

    def write_raw(data):
        try:
            while data:
                n = _os_write(fd, data)
                data = data[n:]
        except _BaseException:
            # The channel is gone (student closed it?): stop now with a
            # distinctive code; the runner fails every unreported test.
            _os_exit(70)

    def emit(obj):
        obj = dict(obj)
        obj["seq"] = state["seq"]
        state["seq"] += 1
        text = _dumps(obj, ensure_ascii=True)
        if mac is not None:
            m = mac.copy()
            m.update(text.encode("ascii"))
            text = m.hexdigest() + " " + text
        write_raw((text + "\n").encode("ascii"))

    def send(obj):
        if _getpid() != owner:
            # A child the student forked came back into harness code (a test
            # that forks and returns in both processes): only the harness's
            # own process reports, or the seq would break.
            return
        if allowed:
            bad = _check_callers(_getframe(1), allowed)
            if bad is not None:
                emit({"event": "tamper", "reason": bad})
                _os_exit(73)
        emit(obj)

    return send, allowed


def _check_callers(frame, allowed):
    """None when the chain of callers above the reporter is the harness's own
    code up to a function anyone may call (a test wrapper, a signal handler,
    main); else a description of the stranger."""
    while True:
        code = frame.f_code if frame is not None else None
        if code not in allowed:
            return "the harness's reporter was reached through foreign code (%s)" % getattr(code, "co_name", "?")
        parents = allowed[code]
        if parents is None:
            return None
        parent = frame.f_back
        pcode = parent.f_code if parent is not None else None
        if pcode not in parents:
            return "the harness's %s was called from foreign code (%s)" % (code.co_name,
                                                                          getattr(pcode, "co_name", "?"))
        frame = parent


def _private_fd(fd):
    """dup fd to a high number (close-on-exec) and close the original."""
    try:
        import resource
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except Exception:
        soft = 256
    low = max(10, min(soft, 1024) - 16) if soft > 0 else 10
    new = _fcntl.fcntl(fd, _fcntl.F_DUPFD_CLOEXEC, low)
    _os_close(fd)
    return new


def _excerpt(exc):
    """The exception and the last frames of its traceback, capped. Our own
    frames (the test wrapper between test_module and a unit test) are left
    out: they are noise to a student."""
    last = ""
    try:
        frames = [f for f in _traceback.extract_tb(exc.__traceback__)
                  if os.path.abspath(f.filename) != HARNESS_FILE]
        body = "".join(_traceback.StackSummary.from_list(frames).format())
        last = "".join(_format_exception_only(type(exc), exc))
        text = ("Traceback (most recent call last):\n" + body if frames else "") + last
    except _BaseException:
        try:
            text = "".join(_format_exception_only(type(exc), exc))
        except _BaseException:
            text = type(exc).__name__
    if len(text) > MESSAGE_CAP:
        # The exception line (its start, at most half the budget) and as many
        # of the last frames as fit.
        head = text[:len(text) - len(last)]
        if len(last) > MESSAGE_CAP // 2:
            last = last[:MESSAGE_CAP // 2 - 4] + "...\n"
        room = MESSAGE_CAP - len(last) - 4
        text = ("...\n" + head[-room:] if len(head) > room else head) + last
    return text.rstrip("\n")


def _describe_stmt(node):
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.If):
        t = node.test
        if (isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__"
                and len(t.comparators) == 1 and isinstance(t.comparators[0], ast.Constant)
                and t.comparators[0].value == "__main__"):
            return "__main__ block at line %d" % line
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return "import at line %d" % line
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return "definition of %s at line %d" % (node.name, line)
    return "statement at line %d" % line


class Harness:
    def __init__(self, reporter, points, per_test_timeout):
        self.rep = reporter
        self.points = points
        self.timeout = per_test_timeout
        self.depth = 0              # nesting of wrapped test calls
        self.called = set()         # names whose wrapper ran at least once
        self.recorded = []          # exceptions already reported by a test (strong refs)
        self.timed_out = False
        self.fires = 0
        self.current = ("?", 0.0)
        self.defined = {}           # test name -> the wrapper of its last `def`
        self.allowed = None         # the reporter's caller table (set up by _guard)

    # -- reporting -----------------------------------------------------------
    def report(self, name, outcome, duration_ms, message):
        mx = self.points.get(name, 0)
        self.rep({"name": name, "outcome": outcome, "duration_ms": round(duration_ms, 3),
                  "message": message, "points": mx if outcome == "passed" else 0,
                  "max_points": mx})

    def _is_recorded(self, exc):
        return any(e is exc for e in self.recorded)

    # -- per-test time budget ----------------------------------------------
    def _on_alarm(self, signum, frame):
        self.timed_out = True
        self.fires += 1
        if self.fires > GRACE_FIRES:
            # The test keeps catching TestTimeout: record it and stop the
            # harness; the runner fails every test not reported yet.
            name, t0 = self.current
            self.report(name, "timeout", (_perf() - t0) * 1000.0,
                        "timed out after %g s and ignored the timeout" % self.timeout)
            self.rep({"event": "abort",
                      "reason": "%s ignored its time budget; the harness stopped" % name})
            _os_exit(72)
        # Keep firing every second: a test that catches one TestTimeout with a
        # bare except still gets the next one.
        _setitimer(_signal.ITIMER_REAL, 1.0)
        raise TestTimeout()

    def _arm(self):
        if self.timeout > 0:
            self.timed_out = False
            self.fires = 0
            _signal_fn(_signal.SIGALRM, self._on_alarm)
            _setitimer(_signal.ITIMER_REAL, float(self.timeout))

    def _disarm(self):
        if self.timeout > 0:
            _setitimer(_signal.ITIMER_REAL, 0)

    # -- running one test ----------------------------------------------------
    def call_test(self, name, fn, args, kwargs):
        """Runs fn as test `name`, reports it, re-raises what it raised."""
        self.called.add(name)
        outer = self.depth == 0
        self.depth += 1
        t0 = _perf()
        if outer:
            self.current = (name, t0)
            self._arm()
        exc = None
        result = None
        try:
            try:
                result = fn(*args, **kwargs)
            finally:
                if outer:
                    self._disarm()
        except _BaseException as e:  # noqa: B902 -- fail closed on anything
            exc = e
            if outer:
                # The alarm may have fired inside the finally above, before
                # the timer was cleared.
                self._disarm()
        finally:
            self.depth -= 1
        dt = (_perf() - t0) * 1000.0
        if exc is None and outer and self.timed_out:
            # The student swallowed our TestTimeout; it still timed out.
            exc = TestTimeout()
        if exc is None:
            self.report(name, "passed", dt, None)
            return result
        if isinstance(exc, TestTimeout):
            outcome = "timeout"
            msg = "timed out after %g s" % self.timeout
            if not outer:
                msg += " (budget of the enclosing test)"
        elif isinstance(exc, AssertionError):
            outcome, msg = "failed", _excerpt(exc)
        else:
            outcome, msg = "error", _excerpt(exc)
            if isinstance(exc, SystemExit):
                msg = "the test called sys.exit(%r)\n%s" % (exc.code, msg)
            elif isinstance(exc, KeyboardInterrupt):
                msg = "KeyboardInterrupt raised inside the test\n" + msg
            elif isinstance(exc, MemoryError):
                msg = "out of memory (MemoryError)\n" + msg
        self.report(name, outcome, dt, msg)
        self.recorded.append(exc)
        raise exc

    def wrap(self, name, fn):
        """The wrapper that replaces test `name` right after its `def` ran.
        It keeps a snapshot of the function (code object, defaults, closure,
        globals) and always runs that, so later assignments to the name or to
        fn.__code__ cannot change what the test does; it calls call_test
        through a reference taken now, not through the instance."""
        if getattr(fn, "__tito_wrapped__", False) or not callable(fn):
            return fn
        harness = self
        call = Harness.call_test
        if isinstance(fn, _FunctionType):
            snap = (fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, fn.__closure__,
                    dict(fn.__kwdefaults__) if fn.__kwdefaults__ else None)

            def fresh():
                code, glb, nm, defaults, closure, kwdefaults = snap
                f = _FunctionType(code, glb, nm, defaults, closure)
                f.__kwdefaults__ = kwdefaults
                return f
        else:  # a decorator made it something else: run that as it is

            def fresh():
                return fn

        def wrapper(*args, **kwargs):
            return call(harness, name, fresh(), args, kwargs)

        try:
            wrapper.__name__ = getattr(fn, "__name__", name)
            wrapper.__qualname__ = getattr(fn, "__qualname__", name)
            wrapper.__doc__ = getattr(fn, "__doc__", None)
            wrapper.__module__ = getattr(fn, "__module__", "__main__")
            wrapper.__wrapped__ = fn
        except _BaseException:
            pass
        wrapper.__tito_wrapped__ = True
        wrapper.__tito_fresh__ = fresh
        self.defined[name] = wrapper
        return wrapper

    def run_uncalled(self, name, fn, what="never called by the module"):
        import inspect
        target = getattr(fn, "__wrapped__", fn)
        fresh = getattr(fn, "__tito_fresh__", None)
        if fresh is not None:
            target = fresh()
        try:
            sig = inspect.signature(target)
            required = [p for p in sig.parameters.values()
                        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD,
                                                               p.KEYWORD_ONLY)]
        except (TypeError, ValueError):
            required = []
        if required:
            self.report(name, "skipped", 0.0, "%s and requires arguments (%s): not a test"
                        % (what, ", ".join(p.name for p in required)))
            return
        try:
            self.call_test(name, target, (), {})
        except _BaseException:
            pass  # reported by call_test


def _guard(h, allowed):
    """Fills the reporter's caller table (see _make_reporter): who may call
    whom on the way to a report line, by code object."""
    probe = h.wrap("__probe__", lambda: None)
    del h.defined["__probe__"]
    H = Harness
    allowed.update({
        H.report.__code__: {H.call_test.__code__, H.run_uncalled.__code__, run_per_test.__code__,
                            H._on_alarm.__code__},
        H.call_test.__code__: {probe.__code__, H.run_uncalled.__code__},
        probe.__code__: None,            # the test wrappers: anyone may call a test
        H.run_uncalled.__code__: {run_per_test.__code__},
        run_per_test.__code__: {main.__code__},
        run_script.__code__: {main.__code__},
        H._on_alarm.__code__: None,      # a signal handler runs on top of any frame
        main.__code__: None,
    })


_BUILTINS = None


def _restore_interpreter():
    """Undoes the cheap ways student code can bend later code: replaced
    builtins, trace/profile hooks."""
    import builtins
    d = builtins.__dict__
    for k, v in _BUILTINS.items():
        if d.get(k) is not v:
            d[k] = v
    sys.settrace(None)
    sys.setprofile(None)


def _compile_flags(node):
    import __future__
    flags = 0
    if isinstance(node, ast.ImportFrom) and node.module == "__future__":
        for alias in node.names:
            feat = getattr(__future__, alias.name, None)
            if feat is not None:
                flags |= feat.compiler_flag
    return flags


def _scan_tests(tree):
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
            if node.name not in names:
                names.append(node.name)
    return names


def _take_hidden(fd, directory):
    """[(stem, path, source, tree-or-None, error)] of the hidden tests on fd,
    read whole and the fd closed now, before any student code runs."""
    if fd is None:
        return []
    chunks = []
    try:
        while True:
            b = os.read(fd, 1 << 20)
            if not b:
                break
            chunks.append(b)
    finally:
        os.close(fd)
    data, pos, out = b"".join(chunks), 0, []
    while pos < len(data):
        nl = data.index(b"\n", pos)
        nl2 = data.index(b"\n", nl + 1)
        name = data[pos:nl].decode("utf-8", "surrogateescape")
        n = int(data[nl + 1:nl2])
        src = data[nl2 + 1:nl2 + 1 + n]
        if len(src) != n:
            raise RuntimeError("hidden tests: truncated on fd %d" % fd)
        pos = nl2 + 1 + n
        path = os.path.join(directory or "hidden", name)
        try:
            tree = ast.parse(src, filename=path)
            err = None
        except SyntaxError as e:
            tree, err = None, e
        out.append((name[:-3], path, src, tree, err))
    return out


def _hidden_name(fname, test):
    return "%s.py::%s" % (fname, test)


def run_per_test(args, rep, points, allowed):
    path = os.path.abspath(args.module)
    hidden = args.hidden

    with open(path, "rb") as f:
        source = f.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as e:
        rep({"event": "discovered", "tests": []})
        msg = "".join(_format_exception_only(type(e), e)).rstrip("\n")
        sys.stderr.write("".join(_format_exception_only(type(e), e)))
        h = Harness(rep, points, 0)
        _guard(h, allowed)
        h.report("syntax error", "error", 0.0, msg)
        rep({"event": "done"})
        return 0

    tests = _scan_tests(tree)
    discovered = list(tests)
    for stem, hpath, _src, htree, _err in hidden:
        if htree is not None:
            discovered += [_hidden_name(stem, n) for n in _scan_tests(htree)]
    rep({"event": "discovered", "tests": discovered})

    h = Harness(rep, points, args.per_test_timeout)
    _guard(h, allowed)
    mod = _types.ModuleType("__main__")
    mod.__file__ = path
    mod.__builtins__ = __builtins__
    mod.__loader__ = None
    mod.__spec__ = None
    sys.modules["__main__"] = mod
    sys.modules.setdefault("student", mod)
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    ns = mod.__dict__
    test_names = set(tests)
    flags = 0

    for node in tree.body:
        t0 = _perf()
        try:
            code = compile(ast.Module(body=[node], type_ignores=[]), path, "exec",
                           flags=flags, dont_inherit=True)
            flags |= _compile_flags(node)
            exec(code, ns)
        except SystemExit as e:
            if e.code not in (None, 0) and not h._is_recorded(e):
                h.report(_describe_stmt(node), "error", (_perf() - t0) * 1000.0,
                         "sys.exit(%r) called at top level" % (e.code,))
        except _BaseException as e:
            if not h._is_recorded(e):
                _traceback.print_exception(type(e), e, e.__traceback__.tb_next if e.__traceback__ else None)
                msg = _excerpt(e)
                if isinstance(e, MemoryError):
                    msg = "out of memory (MemoryError)\n" + msg
                h.report(_describe_stmt(node), "error", (_perf() - t0) * 1000.0, msg)
        # Wrap the tests this statement (re)defined.
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in test_names:
            fn = ns.get(node.name)
            if fn is not None:
                ns[node.name] = h.wrap(node.name, fn)

    for name in tests:
        if name in h.called:
            continue
        # The test as its last `def` made it, whatever the module later bound
        # to the name.
        fn = h.defined.get(name, ns.get(name))
        if fn is None or not callable(fn):
            h.report(name, "error", 0.0, "%s is not defined after running the module" % name)
            continue
        h.run_uncalled(name, fn)

    # The hidden tests must not run through hooks the student installed.
    _restore_interpreter()

    for stem, hpath, src, htree, herr in hidden:
        if herr is not None:
            h.report(_hidden_name(stem, "<syntax error>"), "error", 0.0,
                     "".join(_format_exception_only(type(herr), herr)).rstrip("\n"))
            continue
        hmod = _types.ModuleType("hidden_" + stem)
        hns = hmod.__dict__
        for k, v in ns.items():
            if k not in ("__name__", "__file__", "__doc__", "__loader__", "__spec__", "__package__"):
                hns[k] = v
        hmod.__file__ = hpath
        sys.modules[hmod.__name__] = hmod
        try:
            exec(compile(htree, hpath, "exec", dont_inherit=True), hns)
        except _BaseException as e:
            h.report(_hidden_name(stem, "<import>"), "error", 0.0, _excerpt(e))
            continue
        for name in _scan_tests(htree):
            fn = hns.get(name)
            if fn is None or not callable(fn):
                h.report(_hidden_name(stem, name), "error", 0.0, "not defined after import")
                continue
            h.run_uncalled(_hidden_name(stem, name), fn, "a hidden test")

    rep({"event": "done"})
    return 0


def run_script(args, rep, fd):
    path = os.path.abspath(args.module)
    try:
        with open(path, "rb") as f:
            tests = _scan_tests(ast.parse(f.read(), filename=path))
    except SyntaxError:
        tests = []
    except OSError:
        tests = []
    rep({"event": "discovered", "tests": tests})
    rep({"event": "exec"})
    _os_close(fd)
    sys.stdout.flush()
    sys.stderr.flush()
    # Exactly `python3 MODULE.py`, as upstream tito ran it.
    os.execv(sys.executable, [sys.executable, path])


def main(argv):
    import argparse
    p = argparse.ArgumentParser(prog="tito_harness.py")
    p.add_argument("--report-fd", type=int, default=3)
    p.add_argument("--mode", choices=["per-test", "script"], default="per-test")
    p.add_argument("--per-test-timeout", type=float, default=0)
    p.add_argument("--points")
    p.add_argument("--hidden-fd", type=int)
    p.add_argument("--hidden-dir")
    p.add_argument("--key-file")
    p.add_argument("module")
    args = p.parse_args(argv)

    global _BUILTINS
    import builtins
    _BUILTINS = dict(builtins.__dict__)
    key = None
    if args.key_file:
        # Read and delete before any student code runs.
        with open(args.key_file, "rb") as f:
            key = f.read().strip()
        try:
            os.unlink(args.key_file)
        except OSError:
            pass
        if not key:
            raise SystemExit("tito_harness.py: empty --key-file")
    # Taken (and the fd closed) in every mode: nothing of it may reach student code.
    args.hidden = _take_hidden(args.hidden_fd, args.hidden_dir)
    fd = _private_fd(args.report_fd)
    rep, allowed = _make_reporter(fd, key)
    points = {}
    if args.points:
        with open(args.points, encoding="utf-8") as f:
            points = _json.load(f)
        if not isinstance(points, dict):
            points = {}
    if args.mode == "script":
        return run_script(args, rep, fd)
    return run_per_test(args, rep, points, allowed)


if __name__ == "__main__":
    try:
        rc = main(sys.argv[1:])
    except SystemExit:
        raise
    except _BaseException:
        _traceback.print_exc()
        rc = 71
    try:
        sys.stdout.flush()
    except _BaseException:
        pass
    sys.exit(rc)
