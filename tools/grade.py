#!/usr/bin/env python3
"""tools/grade.py: run the test programs under QEMU and grade their TAP.

Every user/test_NAME.c that has a main() is a test program /bin/test_NAME.
For each one, the grader boots QEMU on a private copy of build/fs.img (so no
state leaks from one test to the next), waits for the shell's prompt `$ `,
types the program's name, and waits for the next prompt or a timeout.  Then
it types `poweroff` and waits for QEMU to exit (killing it if it does not).

A test passes when its output has a TAP plan (`1..N`), N results, no
`not ok`, no `Bail out!`, no `panic:` anywhere on the console, and it
finished in time.  The console output of every failure is saved in
build/grade/CPUS/TEST.log; a table, a Gradescope-style results.json and a
last line `N passed, N failed` report the run.  Exit status 1 on a failure.

Python 3 standard library only.  `make grade` and tools/test.py run this;
`python3 tools/grade.py --help` lists the options.  Examples:

    python3 tools/grade.py --cpus 1 --only fs --only test_pipe
    python3 tools/grade.py --only test_fs:bigfile      # one case
    python3 tools/grade.py --rerun-failures            # last run's failures
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPENSBI_FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"

BOOT_TIMEOUT = 90.0      # seconds from QEMU start to the first prompt
POWEROFF_TIMEOUT = 30.0  # seconds from `poweroff` to QEMU's exit
PANIC_GRACE = 5.0        # seconds to collect a panic's backtrace

PROMPT_RE = re.compile(r"(?:^|\n)\$ ")
# The kernel's panic line starts a line (perhaps right after a prompt);
# so does its report of a trap taken in the kernel, which is as fatal (and
# may be followed by a hang rather than a panic).
PANIC_RE = re.compile(r"(?:^|\n)(?:\$ )?((?:panic|kernel trap):[^\n]*)")
MAIN_RE = re.compile(r"^(int[ \t]+)?main[ \t]*\(", re.M)


# ---- the console of one QEMU ------------------------------------------------

class Console:
    """A process whose stdout is read by a thread into a growing buffer.

    text() is the output so far with CR LF turned into LF.  wait() blocks
    until a predicate on the text holds, the process's output ends, or a
    deadline passes; it never blocks on a pipe.
    """

    live = set()            # every Console not yet closed, for cleanup
    live_lock = threading.Lock()

    def __init__(self, argv, cwd=None):
        self.argv = argv
        self.buf = bytearray()
        self.eof = False
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True)
        with Console.live_lock:
            Console.live.add(self)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            with self.cond:
                if not data:
                    self.eof = True
                    self.cond.notify_all()
                    return
                self.buf += data
                self.cond.notify_all()

    def text(self):
        with self.cond:
            raw = bytes(self.buf)
        return normalize(raw)

    def send(self, s):
        """Type s on the console; False if QEMU is gone."""
        try:
            self.proc.stdin.write(s.encode())
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def wait(self, predicate, timeout):
        """Wait until predicate(text) is true; return its value, or None
        on timeout or at the end of output."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                value = predicate(normalize(bytes(self.buf)))
                if value:
                    return value
                left = deadline - time.monotonic()
                if self.eof or left <= 0:
                    return None
                self.cond.wait(min(left, 1.0))

    def wait_exit(self, timeout):
        """Wait for the process to exit; return its status or None."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                self.proc.kill()
        self.proc.wait()

    def close(self):
        self.kill()
        self.reader.join(timeout=5)
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass
        with Console.live_lock:
            Console.live.discard(self)

    @classmethod
    def kill_all(cls):
        with cls.live_lock:
            consoles = list(cls.live)
        for c in consoles:
            try:
                c.kill()
            except OSError:
                pass


def normalize(raw):
    """Console bytes to text: decoded, CR LF as LF, lone CRs dropped."""
    return raw.decode("utf-8", "replace").replace("\r\n", "\n").replace(
        "\r", "")


# ---- TAP --------------------------------------------------------------------

PLAN_RE = re.compile(r"^\s*1\.\.(\d+)\s*(?:#\s*(.*))?$")
RESULT_RE = re.compile(
    r"^\s*(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?([^#]*?)\s*(?:#\s*(.*))?$")
BAIL_RE = re.compile(r"^\s*Bail out!\s*(.*)$")


class Tap:
    """What a TAP stream said: plan, results, failures, problems."""

    def __init__(self, text):
        self.plan = None
        self.results = []           # (ok, number, name, directive)
        self.failures = []          # "not ok K - name # why"
        self.problems = []          # anything else wrong with the stream
        self.last_diag = ""         # the last `# ...` line seen
        for line in text.split("\n"):
            self._line(line)
        self._check()

    def _line(self, line):
        if line.startswith("#"):
            self.last_diag = line.strip()
            return
        m = PLAN_RE.match(line)
        if m:
            if self.plan is not None:
                self.problems.append("more than one plan")
            self.plan = int(m.group(1))
            return
        m = BAIL_RE.match(line)
        if m:
            self.problems.append("Bail out! " + m.group(1))
            return
        m = RESULT_RE.match(line)
        if not m:
            return
        ok = m.group(1) == "ok"
        number = int(m.group(2)) if m.group(2) else len(self.results) + 1
        name = m.group(3).strip()
        directive = (m.group(4) or "").strip()
        upper = directive.upper()
        if not ok and upper.startswith("TODO"):
            ok = True           # TAP: an expected failure is not a failure
        self.results.append((ok, number, name, directive))
        if not ok:
            why = line.strip()
            # A failure "above" was explained by a child's `#` line.
            if "above" in directive and self.last_diag:
                why += " [%s]" % self.last_diag
            self.failures.append(why)

    def _check(self):
        if self.plan is None:
            self.problems.append("no TAP plan (1..N): the program did not "
                                 "start or did not finish")
            return
        if len(self.results) != self.plan:
            self.problems.append("planned %d cases, saw %d"
                                 % (self.plan, len(self.results)))
        numbers = [r[1] for r in self.results]
        if len(set(numbers)) != len(numbers):
            self.problems.append("duplicate case numbers")

    @property
    def passed(self):
        return sum(1 for r in self.results if r[0])

    def ok(self):
        return not self.failures and not self.problems

    def summary(self):
        return "; ".join(self.failures + self.problems)


# ---- one test ---------------------------------------------------------------

class Result:
    def __init__(self, name, cpus):
        self.name = name            # "test_fs" or "test_fs:case"
        self.cpus = cpus
        self.passed = False
        self.reason = ""
        self.notes = []             # problems that do not fail the test
        self.cases = ""             # "12/12"
        self.duration = 0.0
        self.output = ""            # the whole console
        self.test_output = ""       # the program's part of it
        self.log = None             # path of the saved log

    def as_json(self):
        why = self.reason if not self.passed else "passed"
        out = why + "\n"
        if self.notes:
            out += "notes: " + "; ".join(self.notes) + "\n"
        if self.log:
            out += "log: %s\n" % os.path.relpath(self.log, REPO)
        out += "\n" + tail(self.test_output or self.output, 20000)
        return {
            "name": "%s (CPUS=%d)" % (self.name, self.cpus),
            "score": 1 if self.passed else 0,
            "max_score": 1,
            "status": "passed" if self.passed else "failed",
            "output": out,
        }


def tail(text, limit):
    if len(text) <= limit:
        return text
    return "[... %d characters cut ...]\n" % (len(text) - limit) + \
        text[-limit:]


def qemu_argv(opts, image):
    fw = opts.bios
    if fw is None:
        fw = OPENSBI_FW if os.path.exists(OPENSBI_FW) else "default"
    return shlex.split(opts.qemu) + [
        "-machine", "virt", "-bios", fw, "-kernel", opts.kernel,
        "-m", opts.mem, "-smp", str(opts.cpus), "-nographic", "-no-reboot",
        "-global", "virtio-mmio.force-legacy=false",
        "-drive", "file=%s,if=none,format=raw,id=x0" % image,
        "-device", "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0",
    ]


def find_panic(text):
    m = PANIC_RE.search(text)
    return m.group(1).strip() if m else None


def command_line(name):
    """test_fs:bigfile -> 'test_fs bigfile'."""
    prog, _, case = name.partition(":")
    return prog + (" " + case if case else "")


def run_test(name, opts, booted=None):
    """Boot a fresh QEMU, run one test program, and grade it."""
    res = Result(name, opts.cpus)
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="teachos-grade-")
    con = None
    try:
        image = os.path.join(tmp, "fs.img")
        shutil.copyfile(opts.fs_img, image)
        con = Console(qemu_argv(opts, image), cwd=REPO)
        _drive(con, name, opts, res, booted)
    except OSError as e:
        res.passed = False
        res.reason = "could not run QEMU: %s" % e
    finally:
        if con is not None:
            con.close()
            res.output = con.text()
            panic = find_panic(res.output)
            if panic and "kernel crashed" not in res.reason:
                res.passed = False
                res.reason = "kernel crashed: %s%s" % (
                    panic, "; " + res.reason if res.reason else "")
        shutil.rmtree(tmp, ignore_errors=True)
        res.duration = time.monotonic() - start
    return res


def _drive(con, name, opts, res, booted):
    def prompt_or_panic(text):
        if find_panic(text):
            return "panic"
        m = PROMPT_RE.search(text)
        return m.end() if m else None

    got = con.wait(prompt_or_panic, opts.boot_timeout)
    if got is None or got == "panic":
        if got == "panic":
            con.wait_exit(PANIC_GRACE)
            res.reason = "kernel crashed: %s (before the shell started)" \
                % find_panic(con.text())
        elif con.proc.poll() is not None:
            res.reason = "QEMU exited (status %s) before the shell's " \
                "prompt `$ `" % con.proc.returncode
        else:
            res.reason = "no shell prompt `$ ` within %ds of boot" % \
                opts.boot_timeout
        return
    if booted is not None:
        booted.set()
    prompt_end = got

    cmd = command_line(name)
    con.send(cmd + "\n")
    # The console echoes the command; the program's output follows, and
    # the shell's next prompt ends it.
    done_re = re.compile(re.escape(cmd) + r"\n(?P<out>(?:.*?\n)?)\$ ", re.S)

    def finished(text):
        if find_panic(text[prompt_end:]):
            return "panic"
        return done_re.search(text, prompt_end)

    got = con.wait(finished, opts.timeout)
    text = con.text()
    if got is None or got == "panic":
        res.test_output = text[prompt_end:]
        if got == "panic":
            con.wait_exit(PANIC_GRACE)
            res.output = con.text()
            res.reason = "kernel crashed: %s" % find_panic(con.text())
        elif con.proc.poll() is not None:
            res.reason = "QEMU exited (status %s) while %s ran" % (
                con.proc.returncode, cmd)
        else:
            res.reason = "timed out after %ds" % opts.timeout
        tap = Tap(res.test_output)
        res.cases = "%d/%s" % (tap.passed, tap.plan if tap.plan is not None
                               else "?")
        if tap.failures:
            res.reason += "; " + "; ".join(tap.failures)
        return

    res.test_output = got.group("out")
    tap = Tap(res.test_output)
    res.cases = "%d/%s" % (tap.passed, tap.plan if tap.plan is not None
                           else "?")
    res.passed = tap.ok()
    res.reason = tap.summary()

    # Power off; a kernel that will not is noted, not failed, unless it
    # panics on the way down.
    end = len(con.text())
    con.send("poweroff\n")
    status = con.wait_exit(POWEROFF_TIMEOUT)
    if status is None:
        res.notes.append("QEMU killed: poweroff did not exit within %ds"
                         % POWEROFF_TIMEOUT)
    elif status != 0:
        res.notes.append("QEMU exited with status %d after poweroff" % status)
    after = con.text()[end:]
    if find_panic(after):
        res.passed = False
        res.reason = "kernel crashed: %s after the test, at poweroff" % \
            find_panic(after)


# ---- the suite --------------------------------------------------------------

def discover():
    """Test program names: user/test_*.c that define main()."""
    names = []
    udir = os.path.join(REPO, "user")
    for f in sorted(os.listdir(udir)) if os.path.isdir(udir) else []:
        if f.startswith("test_") and f.endswith(".c"):
            with open(os.path.join(udir, f), errors="replace") as fh:
                if MAIN_RE.search(fh.read()):
                    names.append(f[:-2])
    return names


def select(opts, all_names):
    """The tests to run, as names ('test_fs' or 'test_fs:case')."""
    state = state_path(opts)
    if opts.rerun_failures:
        try:
            with open(state) as f:
                wanted = json.load(f).get("failed", [])
        except (OSError, ValueError):
            wanted = []
        if not opts.only:
            return wanted
    if not opts.only:
        return list(all_names)
    chosen = []
    for item in opts.only:
        for one in item.split(","):
            one = one.strip()
            if not one:
                continue
            if not one.startswith("test_"):
                one = "test_" + one
            if one.partition(":")[0] not in all_names:
                raise SystemExit("grade.py: no test program %s (have: %s)"
                                 % (one.partition(":")[0],
                                    " ".join(all_names)))
            if one not in chosen:
                chosen.append(one)
    if opts.rerun_failures:
        chosen = [n for n in chosen if n in wanted]
    return chosen


def state_path(opts):
    return os.path.join(opts.log_dir, "last.json")


def save_state(opts, results):
    """Remember this run's failures for --rerun-failures."""
    os.makedirs(opts.log_dir, exist_ok=True)
    with open(state_path(opts), "w") as f:
        json.dump({"failed": [r.name for r in results if not r.passed]}, f)


def save_log(res, opts):
    os.makedirs(opts.log_dir, exist_ok=True)
    path = os.path.join(opts.log_dir, res.name.replace(":", "-") + ".log")
    with open(path, "w") as f:
        f.write("# %s at CPUS=%d: %s in %.1fs\n" % (
            res.name, res.cpus, "PASS" if res.passed else "FAIL",
            res.duration))
        if res.reason:
            f.write("# why: %s\n" % res.reason)
        for n in res.notes:
            f.write("# note: %s\n" % n)
        f.write("# command: %s\n" % " ".join(
            shlex.quote(a) for a in qemu_argv(opts, "COPY-OF-fs.img")))
        f.write("# ---- console ----\n")
        f.write(res.output)
        if not res.output.endswith("\n"):
            f.write("\n")
    res.log = path


def print_table(results, out=None):
    out = out or sys.stdout
    rows = [("test", "cpus", "result", "cases", "time", "why")]
    for r in results:
        why = r.reason if not r.passed else ""
        if r.notes:
            why = (why + "; " if why else "") + "; ".join(r.notes)
        if r.log and not r.passed:
            why += " [log: %s]" % os.path.relpath(r.log, REPO)
        rows.append((r.name, str(r.cpus), "PASS" if r.passed else "FAIL",
                     r.cases or "-", "%.1fs" % r.duration, why))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(5)]
        why = row[5]
        if len(why) > 300:
            why = why[:297] + "..."
        print("  ".join(cells + [why]).rstrip(), file=out)
    print_path_scores(results, out)


# The score by path for instructors: which test programs grade which part
# of the kernel (a program not listed counts under "base system").
PATHS = [
    ("fork (fork1, unwinding)", ["test_fork"]),
    ("vfork", ["test_vfork"]),
    ("rfork and rfork_thread", ["test_rfork"]),
    ("__clone", ["test_clone"]),
    ("posix_spawn", ["test_spawn"]),
    ("process descriptors", ["test_procdesc"]),
    ("pids and limits", ["test_pid", "test_limits", "test_rlimit"]),
    ("copy-on-write VM", ["test_cow", "test_sbrk", "test_oom"]),
    ("signals and process model", ["test_signal", "test_pgrp", "test_kill",
                                   "test_cred"]),
    ("robustness", ["test_stress", "test_badptr", "test_fuzz",
                    "test_forkbomb", "test_memexhaust"]),
]


def print_path_scores(results, out):
    """Cases passed per path (from each program's `K/N cases`)."""
    scores = {}
    for r in results:
        prog = r.name.partition(":")[0]
        area = next((a for a, progs in PATHS if prog in progs),
                    "base system")
        got, _, total = (r.cases or "0/0").partition("/")
        try:
            got, total = int(got), int(total)
        except ValueError:
            got, total = 0, 1
        s = scores.setdefault(area, [0, 0])
        s[0] += got if r.passed else min(got, total - 1)
        s[1] += total
    if not scores:
        return
    print("\nscore by path:", file=out)
    for area in [a for a, _ in PATHS] + ["base system"]:
        if area in scores:
            got, total = scores[area]
            print("  %-28s %4d/%-4d" % (area, got, total), file=out)


def default_jobs(cpus):
    """QEMUs to run at once.  Each uses about one host thread per busy
    hart; idle harts sleep (WFI).  Measured on a 2-core host at CPUS=3:
    the suite took 31 s one at a time, 22 s two or three at a time."""
    ncpu = os.cpu_count() or 1
    return max(1, min(ncpu, 4 if cpus <= 2 else max(1, ncpu // 2) + 1))


def run_suite(opts, out=None, names=None):
    """Run the selected tests (or the given names); return the list of
    Results in the order run."""
    out = out or sys.stdout
    if names is None:
        names = select(opts, discover())
    if not names:
        return []
    missing = [n for n in (opts.kernel, opts.fs_img) if not os.path.exists(n)]
    if missing:
        results = []
        for n in names:
            r = Result(n, opts.cpus)
            r.reason = "not built: %s missing (run make all)" % \
                " and ".join(os.path.relpath(m, REPO) for m in missing)
            results.append(r)
        return results
    bindir = os.path.join(os.path.dirname(opts.fs_img), "user", "bin")

    print("grade: %d test%s at CPUS=%d MEM=%s, %d at a time, timeout %ds"
          % (len(names), "" if len(names) == 1 else "s", opts.cpus, opts.mem,
             opts.jobs, opts.timeout), file=out, flush=True)
    start = time.monotonic()
    booted = threading.Event()
    boot_failures = [0]
    lock = threading.Lock()
    done = [0]

    def one(name):
        r = None
        prog = name.partition(":")[0]
        if os.path.isdir(bindir) and \
                not os.path.exists(os.path.join(bindir, prog)):
            r = Result(name, opts.cpus)
            r.reason = "not built: %s is not in %s" % (
                prog, os.path.relpath(bindir, REPO))
        elif opts.budget and time.monotonic() - start > opts.budget:
            r = Result(name, opts.cpus)
            r.reason = "not run: the suite's time budget of %ds is spent" \
                % opts.budget
        elif boot_failures[0] >= 2 and not booted.is_set():
            r = Result(name, opts.cpus)
            r.reason = "not run: the kernel did not boot for the tests " \
                "before this one"
        if r is None:
            r = run_test(name, opts, booted)
            if not booted.is_set() and not r.passed:
                with lock:
                    boot_failures[0] += 1
        if not r.passed or opts.keep_logs:
            if r.output:
                save_log(r, opts)
        with lock:
            done[0] += 1
            print("[%d/%d] %-20s %s  %6.1fs  %s" % (
                done[0], len(names), r.name, "PASS" if r.passed else "FAIL",
                r.duration, "" if r.passed else r.reason[:200]),
                file=out, flush=True)
        return r

    # Stale logs of the tests about to run would mislead.
    for n in names:
        stale = os.path.join(opts.log_dir, n.replace(":", "-") + ".log")
        if os.path.exists(stale):
            os.unlink(stale)

    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as ex:
        results = list(ex.map(one, names))
    return results


def write_results(results, path, elapsed):
    """results.json (Gradescope's format) and, beside it, junit.xml for
    CI systems (one testcase per test program and CPU count)."""
    data = {
        "score": sum(1 for r in results if r.passed),
        "max_score": len(results),
        "execution_time": round(elapsed, 1),
        "tests": [r.as_json() for r in results],
    }
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    write_junit(results, os.path.join(os.path.dirname(os.path.abspath(path)),
                                      "junit.xml"), elapsed)


def write_junit(results, path, elapsed):
    import xml.etree.ElementTree as ET
    failures = sum(1 for r in results if not r.passed)
    suite = ET.Element("testsuite", name="teachos", tests=str(len(results)),
                       failures=str(failures), time="%.1f" % elapsed)
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="CPUS=%d" % r.cpus,
                             name=r.name, time="%.1f" % r.duration)
        if not r.passed:
            fail = ET.SubElement(case, "failure", message=r.reason[:500])
            fail.text = tail(r.test_output or r.output, 20000)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Boot QEMU once per test program (user/test_*.c), "
        "run it, and grade its TAP output.")
    p.add_argument("--cpus", type=int, default=int(os.environ.get("CPUS", 3)),
                   help="harts (QEMU -smp); default $CPUS or 3")
    p.add_argument("--mem", default=os.environ.get("MEM", "128M").strip(),
                   help="QEMU -m; default 128M")
    p.add_argument("--only", action="append", default=[], metavar="NAME",
                   help="run only this test (test_fs or fs); NAME:CASE runs "
                   "one case; repeatable, or comma-separated")
    p.add_argument("--rerun-failures", action="store_true",
                   help="run only the tests that failed in the last run at "
                   "this CPUS")
    p.add_argument("--keep-logs", action="store_true",
                   help="save the console log of passing tests too")
    p.add_argument("--timeout", type=int, default=180,
                   help="seconds a test program may run (default 180)")
    p.add_argument("--boot-timeout", type=int, default=int(BOOT_TIMEOUT),
                   help="seconds to the first prompt (default %d)"
                   % BOOT_TIMEOUT)
    p.add_argument("--budget", type=int, default=0,
                   help="seconds for the whole run; tests not started by "
                   "then fail as not run (default: no limit)")
    p.add_argument("--jobs", "-j", type=int, default=0,
                   help="QEMUs to run in parallel (default: by host cores "
                   "and CPUS)")
    p.add_argument("--qemu", default=os.environ.get("QEMU",
                                                    "qemu-system-riscv64"),
                   help="QEMU command (may include options)")
    p.add_argument("--bios", default=None,
                   help="QEMU -bios (default: Debian's OpenSBI or default)")
    p.add_argument("--kernel", default=os.path.join(
        REPO, "build", "kernel", "kernel.bin"))
    p.add_argument("--fs-img", default=os.path.join(REPO, "build", "fs.img"))
    p.add_argument("--log-dir", default=None,
                   help="where logs go (default build/grade/CPUS)")
    p.add_argument("--results", default=os.path.join(REPO, "results.json"),
                   help="Gradescope results file (default results.json)")
    p.add_argument("--list", action="store_true",
                   help="list the test programs and exit")
    opts = p.parse_args(argv)
    if opts.cpus < 1 or opts.cpus > 8:
        p.error("--cpus must be 1..8")
    if opts.jobs <= 0:
        opts.jobs = default_jobs(opts.cpus)
    if opts.log_dir is None:
        opts.log_dir = os.path.join(REPO, "build", "grade", str(opts.cpus))
    return opts


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    if opts.list:
        for n in discover():
            print(n)
        return 0
    start = time.monotonic()
    try:
        results = run_suite(opts)
    except KeyboardInterrupt:
        Console.kill_all()
        print("\ngrade: interrupted", file=sys.stderr)
        return 130
    elapsed = time.monotonic() - start
    if not results:
        print("grade: no tests to run" + (
            " (no failures recorded in the last run)"
            if opts.rerun_failures else ""))
    else:
        print()
        print_table(results)
    write_results(results, opts.results, elapsed)
    save_state(opts, results)
    npass = sum(1 for r in results if r.passed)
    nfail = len(results) - npass
    print("results: %s; logs of failures: %s; %.0fs" % (
        os.path.relpath(opts.results, os.getcwd()),
        os.path.relpath(opts.log_dir, os.getcwd()), elapsed))
    print("%d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
