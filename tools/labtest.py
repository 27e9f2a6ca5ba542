#!/usr/bin/env python3
"""tools/labtest.py: check the labs that tools/mklab.py makes.

For make test (tools/test.py calls run()) or by hand:

    python3 tools/labtest.py                 # every lab, at CPUS=1
    python3 tools/labtest.py --lab cow --keep

Checks, each one row (name, passed, why):
  1. the LAB markers in the kernel are well formed (mklab.py --check);
  2. the full kernel (this tree, built by make all) passes every lab's
     tests;
  3. for each lab, in a temporary directory: mklab.py writes its student
     tree, with only that lab's TODOs and no marker left;
     `CI=true make all` builds it (warnings are errors);
     its grader, run on the lab's tests, FAILS them, while the kernel
     still boots to the shell, runs each test program and does not
     panic (a stub must fail the tests, not the machine).
One QEMU at a time (CPUS=1 by default), one build at a time: about a
minute and 40 s on a 2-core host.  run() returns the rows; the command
line prints them and ends with `N passed, N failed` (exit status 1 on a
failure).  In a student tree (LAB.md at the top) there is nothing to
check.  Python 3 standard library only.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True        # no tools/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mklab  # noqa: E402

REPO = mklab.REPO
BUILD_TIMEOUT = 900         # seconds for one make all
GRADE_TIMEOUT = 900         # seconds for one grader run
TEST_TIMEOUT = 150          # seconds per test program (grade.py --timeout)

# A grader's reason that means the kernel never ran the test program.
NO_BOOT = ("no shell prompt", "before the shell", "QEMU exited",
           "did not boot", "not built", "could not run QEMU", "not run:")


def sh(argv, cwd, timeout, env=None):
    """Run argv; (exit status or None on timeout, output)."""
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("utf-8", "replace")
    except OSError as e:
        return 127, str(e)


def tail(text, n=600):
    text = text.strip()
    return text if len(text) <= n else "..." + text[-n:]


def grade(top, tests, cpus, tmp, tag):
    """Run top's grader on tests, one QEMU at a time, results and logs in
    tmp.  Returns (results: {test: (passed, reason)}, error or None)."""
    res = os.path.join(tmp, "%s-results.json" % tag)
    argv = [sys.executable, os.path.join(top, "tools", "grade.py"),
            "--cpus", str(cpus), "--jobs", "1",
            "--timeout", str(TEST_TIMEOUT), "--results", res,
            "--log-dir", os.path.join(tmp, "%s-logs" % tag)]
    for t in tests:
        argv += ["--only", t]
    st, out = sh(argv, top, GRADE_TIMEOUT)
    if st is None:
        return {}, "the grader took more than %ds" % GRADE_TIMEOUT
    try:
        with open(res) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}, "the grader wrote no results (status %s): %s" % (
            st, tail(out))
    results = {}
    for t in data.get("tests", []):
        name = t["name"].rsplit(" (CPUS=", 1)[0]
        reason = t.get("output", "").split("\n", 1)[0]
        results[name] = (t.get("status") == "passed", reason)
    missing = [t for t in tests if t not in results]
    if missing:
        return results, "no result for %s" % ", ".join(missing)
    return results, None


def leftover_markers(out, lab, nregions):
    """What is wrong with the markers left in a student tree."""
    todos, bad = 0, []
    for rel in mklab.tracked_files(out):
        if not rel.endswith(mklab.SOURCE_EXTS):
            continue
        with open(os.path.join(out, rel), errors="replace") as f:
            for n, line in enumerate(f, 1):
                if "/* LAB " not in line:
                    continue
                if line.strip().startswith("/* LAB %s: TODO" % lab):
                    todos += 1
                else:
                    bad.append("%s:%d" % (rel, n))
    problems = []
    if bad:
        problems.append("markers left at %s" % ", ".join(bad[:5]))
    if todos != nregions:
        problems.append("%d TODOs for %d regions" % (todos, nregions))
    return "; ".join(problems)


def run(labs=None, cpus=1, keep=False, build_main=True, out=None):
    """Check the labs; a list of (name, passed, why)."""
    out = out or sys.stdout
    rows = []

    def add(name, passed, why=""):
        rows.append((name, bool(passed), "" if passed else why))

    def say(msg):
        print("labtest: " + msg, file=out, flush=True)

    if os.path.exists(os.path.join(REPO, "LAB.md")):
        add("labs: not checked in a student tree (LAB.md)", True)
        return rows
    start = time.monotonic()
    try:
        found = mklab.scan()
        problems = mklab.check(found)
    except mklab.MarkerError as e:
        found, problems = None, [str(e)]
    add("labs: LAB markers well formed (tools/mklab.py --check)",
        not problems, "; ".join(problems))
    if found is None:
        return rows
    names = sorted(labs or mklab.LABS)
    unknown = [n for n in names if n not in mklab.LABS]
    if unknown:
        add("labs: known labs", False, "no lab %s" % ", ".join(unknown))
        names = [n for n in names if n in mklab.LABS]

    tmp = tempfile.mkdtemp(prefix="teachos-labtest-")
    try:
        # The full kernel passes every lab's tests.
        tests = []
        for n in names:
            tests += [t for t in mklab.LABS[n]["tests"] if t not in tests]
        ok = True
        if build_main:
            say("make all in %s" % REPO)
            st, text = sh(["make", "-s", "all"], REPO, BUILD_TIMEOUT)
            ok = st == 0
            if not ok:
                for n in names:
                    add("lab %s: the full kernel passes its tests" % n,
                        False, "make all failed: " + tail(text))
        if ok and tests:
            say("full kernel: grading %s at CPUS=%d" % (" ".join(tests),
                                                         cpus))
            results, err = grade(REPO, tests, cpus, tmp, "full")
            for n in names:
                bad = ["%s: %s" % (t, results[t][1])
                       for t in mklab.LABS[n]["tests"]
                       if t in results and not results[t][0]]
                add("lab %s: the full kernel passes %s (CPUS=%d)" % (
                    n, ", ".join(mklab.LABS[n]["tests"]), cpus),
                    not bad and not err, "; ".join(bad + [err or ""]))

        for n in names:
            check_lab(n, found, cpus, tmp, add, say)
    finally:
        if keep:
            say("kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    say("%.0fs" % (time.monotonic() - start))
    return rows


def check_lab(lab, found, cpus, tmp, add, say):
    """Generate, build and grade one lab's student tree."""
    tests = mklab.LABS[lab]["tests"]
    dest = os.path.join(tmp, "lab-" + lab)
    t0 = time.monotonic()
    try:
        mklab.make_lab(lab, dest)
        why = leftover_markers(dest, lab,
                               len(mklab.regions_of(found, lab)))
        if not os.path.exists(os.path.join(dest, "LAB.md")):
            why = (why + "; " if why else "") + "no LAB.md"
    except (mklab.MarkerError, ValueError, OSError) as e:
        why = "mklab: %s" % e
    add("lab %s: mklab.py writes its student tree" % lab, not why, why)
    if why:
        return
    say("%s: generated in %.1fs; CI=true make all" % (
        lab, time.monotonic() - t0))
    t0 = time.monotonic()
    env = dict(os.environ, CI="true")
    st, text = sh(["make", "-s", "all", "CI=true"], dest, BUILD_TIMEOUT,
                  env)
    add("lab %s: the student tree builds with -Werror (CI=true make all)"
        % lab, st == 0, "make: %s: %s" % ("timed out" if st is None else
                                          "status %s" % st, tail(text)))
    if st != 0:
        return
    say("%s: built in %.0fs; grading %s at CPUS=%d" % (
        lab, time.monotonic() - t0, " ".join(tests), cpus))
    t0 = time.monotonic()
    results, err = grade(dest, tests, cpus, tmp, "lab-" + lab)
    failed = [t for t in tests if t in results and not results[t][0]]
    noboot = ["%s: %s" % (t, results[t][1]) for t in tests
              if t in results and any(s in results[t][1] for s in NO_BOOT)]
    crashed = ["%s: %s" % (t, results[t][1]) for t in tests
               if t in results and "kernel crashed" in results[t][1]]
    if err:
        why = err
    elif noboot:
        why = "the stubbed kernel did not run the tests: " + \
            "; ".join(noboot)
    elif crashed:
        why = "the stubbed kernel crashed: " + "; ".join(crashed)
    elif not failed:
        why = "the stubbed tree passes %s: the stubs give the lab away" \
            % ", ".join(tests)
    else:
        why = ""
    say("%s: graded in %.0fs: %s" % (
        lab, time.monotonic() - t0, ", ".join(
            "%s %s" % (t, "FAIL" if t in failed else "PASS")
            for t in tests if t in results) or "no results"))
    add("lab %s: its grader fails the stubs, the kernel boots (CPUS=%d)"
        % (lab, cpus), not why, why)


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Generate each lab's student tree, check that it "
        "builds and that its grader fails it, and that the full kernel "
        "passes the same tests.")
    p.add_argument("--lab", action="append", default=[],
                   help="check only this lab (repeatable); labs: %s"
                   % ", ".join(sorted(mklab.LABS)))
    p.add_argument("--cpus", type=int, default=1,
                   help="harts for the grader (default 1)")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary student trees and logs")
    p.add_argument("--no-build", action="store_true",
                   help="do not run make all in this tree first")
    opts = p.parse_args(argv)
    rows = run(opts.lab or None, opts.cpus, opts.keep,
               build_main=not opts.no_build)
    print()
    for name, passed, why in rows:
        print("%s %s%s" % ("PASS" if passed else "FAIL", name,
                           "" if passed else ": " + why))
    npass = sum(1 for r in rows if r[1])
    print("%d passed, %d failed" % (npass, len(rows) - npass))
    return 1 if npass != len(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
