#!/usr/bin/env python3
"""tools/grade_selftest.py: check tools/grade.py against fake transcripts.

No QEMU needed: a stand-in "QEMU" (this file, run with --fake-qemu) prints
a banner and a prompt, echoes what it is sent, and answers each test name
with a canned transcript.  Each check states what the grader must conclude.
Prints TAP-like lines and ends with `N passed, N failed`; exit 1 on a
failure.  tools/test.py runs it before the real suite.
"""

import io
import json
import os
import sys
import tempfile
import time

sys.dont_write_bytecode = True        # no tools/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grade  # noqa: E402

# What the fake kernel prints for each program name.  "HANG" stops
# answering; "PANIC" prints a panic and exits with status 3.
TRANSCRIPTS = {
    "test_pass": "1..3\nok 1 - a\nok 2 - b\nok 3 - c\n",
    "test_fail": "1..2\nok 1 - a\nnot ok 2 - b # expected 3, got 4\n",
    "test_noplan": "ok 1 - a\nok 2 - b\n",
    "test_short": "1..3\nok 1 - a\nok 2 - b\n",
    "test_crlf": "1..2\r\nok 1 - a\r\nok 2 - b\r\n",
    "test_skip": "1..2\nok 1 - a # SKIP no such device\n"
                 "not ok 2 - b # TODO not written yet\n",
    "test_bail": "1..2\nok 1 - a\nBail out! cannot fork\n",
    "test_trailing_plan": "ok 1 - a\nok 2 - b\n1..2\n",
    "test_dup": "1..2\nok 1 - a\nok 1 - a\n",
    "test_diag": "# starting\n1..1\n# $ not a prompt\nok 1 - a\n",
    "test_hang": "1..1\nHANG",
    "test_panic": "1..2\nok 1 - a\nPANIC",
    "test_late_panic": "1..1\nok 1 - a\n",
    "test_ktrap": "1..1\nkernel trap: load page fault at 0x25\nHANG",
    "test_nopoweroff": "1..1\nok 1 - a\n",
    "test_one": "1..1\nok 1 - only\n",
}


def fake_qemu(argv):
    """Behave like our kernel on QEMU, enough for the grader."""
    kernel = argv[argv.index("-kernel") + 1]
    with open(kernel) as f:
        mode = f.read().strip()
    out = sys.stdout.buffer

    def say(s):
        out.write(s.encode())
        out.flush()

    say("\nOpenSBI v1.1\n   ____                    _____ ____ _____\n"
        "Platform Name             : riscv-virtio,qemu\n")
    if mode == "noboot":
        time.sleep(60)
        return 0
    if mode == "bootpanic":
        say("teachos: booting\npanic: kinit: no memory\nbacktrace:\n")
        return 3
    say("teachos: booting\ninit: starting sh\n$ ")
    last = None
    for raw in sys.stdin.buffer:
        line = raw.decode().rstrip("\n")
        say(line + "\r\n")                      # the console's echo
        if line == "poweroff":
            if last == "test_nopoweroff":
                time.sleep(60)
            if last == "test_late_panic":
                say("panic: poweroff: lock held\n")
                return 3
            return 0
        words = line.split()
        last = words[0] if words else ""
        text = TRANSCRIPTS.get(last)
        if text is None:
            say("sh: %s: not found\n$ " % last)
            continue
        if len(words) > 1:
            text = "1..1\nok 1 - %s\n" % words[1]
        if text.endswith("HANG"):
            say(text[:-4])
            time.sleep(60)
            return 0
        if text.endswith("PANIC"):
            say(text[:-5] + "panic: trap: bad scause\n")
            return 3
        say(text + "$ ")
    return 0


CHECKS = [
    # (test name, passes?, a word the reason must contain)
    ("test_pass", True, ""),
    ("test_fail", False, "not ok 2 - b"),
    ("test_noplan", False, "no TAP plan"),
    ("test_short", False, "planned 3"),
    ("test_crlf", True, ""),
    ("test_skip", True, ""),
    ("test_bail", False, "Bail out"),
    ("test_trailing_plan", True, ""),
    ("test_dup", False, "duplicate"),
    ("test_diag", True, ""),
    ("test_hang", False, "timed out"),
    ("test_panic", False, "panic: trap"),
    ("test_late_panic", False, "panic: poweroff"),
    ("test_ktrap", False, "kernel trap: load page fault"),
    ("test_nopoweroff", True, ""),
    ("test_one:only", True, ""),
    ("test_missing", False, "no TAP plan"),
]


def main():
    tmp = tempfile.mkdtemp(prefix="teachos-selftest-")
    results = []

    def check(cond, name, why=""):
        results.append(cond)
        print("%s %d - %s%s" % ("ok" if cond else "not ok", len(results),
                                name, "" if cond else " # " + why))

    def opts_for(mode, extra=()):
        kernel = os.path.join(tmp, "kernel-" + mode)
        with open(kernel, "w") as f:
            f.write(mode + "\n")
        img = os.path.join(tmp, "fs.img")
        with open(img, "wb") as f:
            f.write(b"\0" * 4096)
        o = grade.parse_args([
            "--cpus", "1", "--timeout", "4", "--boot-timeout", "4",
            "--qemu", "%s %s --fake-qemu" % (sys.executable,
                                             os.path.abspath(__file__)),
            "--kernel", kernel, "--fs-img", img, "--jobs", "4",
            "--log-dir", os.path.join(tmp, "logs"),
            "--results", os.path.join(tmp, "results.json")] + list(extra))
        return o

    grade.POWEROFF_TIMEOUT = 3.0
    grade.PANIC_GRACE = 1.0
    opts = opts_for("normal")
    sink = io.StringIO()
    t0 = time.monotonic()
    got = grade.run_suite(opts, out=sink, names=[c[0] for c in CHECKS])
    elapsed = time.monotonic() - t0
    by_name = {r.name: r for r in got}
    for name, passes, word in CHECKS:
        r = by_name.get(name)
        if r is None:
            check(False, name, "no result")
            continue
        check(r.passed == passes and word in r.reason,
              "%s %s" % (name, "passes" if passes else "fails: " + word),
              "passed=%s reason=%r" % (r.passed, r.reason))
    r = by_name.get("test_nopoweroff")
    check(r is not None and any("poweroff" in n for n in r.notes),
          "a poweroff that hangs is noted", repr(r and r.notes))
    r = by_name.get("test_fail")
    check(r is not None and r.log and os.path.exists(r.log) and
          "not ok 2" in open(r.log).read(), "a failure's console is saved",
          repr(r and r.log))
    check(by_name["test_pass"].log is None, "a pass saves no log")
    check(by_name["test_fail"].cases == "1/2", "cases counted",
          by_name["test_fail"].cases)
    check(elapsed < 30, "fake suite ran in parallel", "%.1fs" % elapsed)

    grade.write_results(got, opts.results, elapsed)
    with open(opts.results) as f:
        data = json.load(f)
    check(len(data["tests"]) == len(CHECKS) and
          all(set(t) >= {"name", "score", "max_score", "status", "output"}
              for t in data["tests"]) and
          data["score"] == sum(1 for c in CHECKS if c[1]),
          "results.json in Gradescope's format", repr(data.get("score")))

    for mode, word in (("noboot", "no shell prompt"),
                       ("bootpanic", "panic: kinit")):
        o = opts_for(mode, ["--jobs", "1"])
        rs = grade.run_suite(o, out=sink, names=["test_pass", "test_fail",
                                                 "test_x", "test_y"])
        check(all(not r.passed for r in rs) and word in rs[0].reason,
              "kernel that fails to boot (%s) fails every test" % mode,
              repr([r.reason for r in rs]))
        check(sum(1 for r in rs if "not run" in r.reason) >= 1,
              "after two boot failures the rest are not run (%s)" % mode,
              repr([r.reason for r in rs]))

    # The command line: selection, the summary line and the exit status.
    o = opts_for("normal")
    old = sys.stdout
    sys.stdout = io.StringIO()
    try:
        grade.discover = lambda: ["test_pass", "test_fail"]
        argv = ["--cpus", "1", "--timeout", "4", "--qemu", o.qemu,
                "--kernel", o.kernel, "--fs-img", o.fs_img,
                "--log-dir", o.log_dir, "--results", o.results]
        rc1 = grade.main(argv)
        out1 = sys.stdout.getvalue()
        sys.stdout = io.StringIO()
        rc2 = grade.main(argv + ["--rerun-failures"])
        out2 = sys.stdout.getvalue()
        sys.stdout = io.StringIO()
        rc3 = grade.main(argv + ["--only", "pass"])
        out3 = sys.stdout.getvalue()
    finally:
        sys.stdout = old
    check(rc1 == 1 and out1.rstrip().endswith("1 passed, 1 failed"),
          "main: last line and exit status", out1[-200:])
    check(rc2 == 1 and out2.rstrip().endswith("0 passed, 1 failed"),
          "--rerun-failures runs only the last failures", out2[-200:])
    check(rc3 == 0 and out3.rstrip().endswith("1 passed, 0 failed"),
          "--only selects", out3[-200:])

    npass = sum(1 for r in results if r)
    print("%d passed, %d failed" % (npass, len(results) - npass))
    return 0 if npass == len(results) else 1


if __name__ == "__main__":
    if "--fake-qemu" in sys.argv:
        try:
            sys.exit(fake_qemu(sys.argv))
        except (BrokenPipeError, KeyboardInterrupt):
            sys.exit(1)
    sys.exit(main())
