#!/usr/bin/env python3
"""tools/test.py: the whole test suite, as `make test` runs it (after
`make all`).

1. Host checks: the files every checkout needs (.clang-format that
   clang-format accepts, .editorconfig, LICENSE), the shell tools parse,
   and the grader passes its own self-test on fake transcripts.
2. The gdb test (tools/gdbtest.py) at CPUS=1 and CPUS=3: a breakpoint in
   fork1 under `make qemu-gdb`, hit by a fork from the shell.
3. The test programs under QEMU (tools/grade.py) at CPUS=1 and CPUS=3.

Ends with one line `N passed, N failed` counting all of them, and exits 1
if anything failed.  results.json (Gradescope's format) holds every test
program's result at both CPU counts.  Python 3 standard library only.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True        # no tools/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grade  # noqa: E402

REPO = grade.REPO


class Tally:
    def __init__(self):
        self.rows = []          # (name, passed, why)

    def add(self, name, passed, why=""):
        self.rows.append((name, bool(passed), why))
        print("%s %s%s" % ("PASS" if passed else "FAIL", name,
                           "" if passed else ": " + why), flush=True)

    def counts(self):
        npass = sum(1 for r in self.rows if r[1])
        return npass, len(self.rows) - npass


def run_tool(argv, timeout):
    """Run a tool; return (exit status or None on timeout, output)."""
    try:
        p = subprocess.run(argv, cwd=REPO, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if e.stdout else ""
        return None, out


def indent(text):
    return "".join("  | " + l + "\n" for l in text.rstrip("\n").split("\n"))


def host_checks(t):
    path = os.path.join(REPO, ".clang-format")
    ok = os.path.isfile(path)
    why = ".clang-format is missing"
    if ok and shutil.which("clang-format"):
        st, out = run_tool(["clang-format", "--style=file",
                            "--assume-filename=kernel/x.c",
                            "--dump-config"], 60)
        ok = st == 0
        why = "clang-format rejects it: " + out.strip()[-300:]
    t.add("host: .clang-format exists and parses", ok, why)
    t.add("host: .editorconfig exists",
          os.path.isfile(os.path.join(REPO, ".editorconfig")),
          ".editorconfig is missing")
    lic = os.path.join(REPO, "LICENSE")
    ok = os.path.isfile(lic) and "BSD 2-Clause" in open(lic).read()
    t.add("host: LICENSE is BSD 2-Clause", ok, "LICENSE missing or not "
          "BSD 2-Clause")
    for script in ("tools/install-deps.sh", "tools/doctor.sh"):
        st, out = run_tool(["sh", "-n", script], 30)
        t.add("host: %s parses" % script, st == 0, out.strip()[-300:])
    st, out = run_tool([sys.executable, "tools/grade_selftest.py"], 300)
    t.add("host: grader self-test (tools/grade_selftest.py)", st == 0,
          "see its output above")
    if st != 0:
        print(indent(out), end="")
    # Every file and function that docs/ names must exist in the tree.
    st, out = run_tool([sys.executable, "tools/docscheck.py"], 120)
    t.add("host: docs name only real files and functions "
          "(tools/docscheck.py)", st == 0, out.strip()[-500:])
    if st != 0:
        print(indent(out), end="")


def gdb_check(t, cpus):
    st, out = run_tool([sys.executable, "tools/gdbtest.py", "--cpus",
                        str(cpus)], 600)
    print(indent(out), end="")
    why = "timed out" if st is None else "see its output above"
    t.add("gdb: breakpoint in fork1 under make qemu-gdb (CPUS=%d)" % cpus,
          st == 0, why)


def boot_and_type(line, cpus=3, timeout=120):
    """Boot a throw-away copy of the image, type line at the prompt, and
    return (exit status or None, console text)."""
    gopts = argparse.Namespace(bios=None, qemu="qemu-system-riscv64",
                               kernel=os.path.join(REPO, "build", "kernel",
                                                   "kernel.bin"),
                               mem="128M", cpus=cpus)
    con = grade.Console(grade.qemu_argv(gopts, os.path.join(
        REPO, "build", "fs.img")) + ["-snapshot"])
    try:
        if not con.wait(lambda text: "\n$ " in text, timeout):
            return None, con.text()
        con.send(line + "\n")
        return con.wait_exit(timeout), con.text()
    finally:
        con.close()


def machine_exit_checks(t):
    """poweroff exits QEMU with 0; a panic prints its cause and a named
    backtrace and exits non-zero (never a hang, never a success)."""
    st, out = boot_and_type("poweroff")
    t.add("poweroff: QEMU exits with status 0", st == 0,
          "status %s" % st)
    st, out = boot_and_type("sysctl debug.kdb.panic=1")
    ok = (st not in (None, 0) and "panic: debug.kdb.panic" in out and
          "backtrace:" in out and "sys_sysctlbyname+" in out)
    t.add("panic: cause, named backtrace, non-zero exit", ok,
          "status %s; output tail: %s" % (st, out[-300:]))


def grade_run(t, cpus, opts, all_results):
    argv = ["--cpus", str(cpus), "--mem", opts.mem,
            "--timeout", str(opts.timeout), "--budget", str(opts.budget),
            "--results", os.path.join(REPO, "build", "grade", str(cpus),
                                      "results.json")]
    if opts.jobs:
        argv += ["--jobs", str(opts.jobs)]
    for o in opts.only:
        argv += ["--only", o]
    gopts = grade.parse_args(argv)
    start = time.monotonic()
    results = grade.run_suite(gopts)
    grade.write_results(results, gopts.results, time.monotonic() - start)
    grade.save_state(gopts, results)
    print()
    grade.print_table(results)
    print()
    for r in results:
        t.add("%s (CPUS=%d)" % (r.name, cpus), r.passed, r.reason)
    if not results:
        t.add("grader found test programs (CPUS=%d)" % cpus, False,
              "no user/test_*.c")
    all_results.extend(results)


def main(argv=None):
    p = argparse.ArgumentParser(description="Run every test: host checks, "
                                "the gdb test, and the test programs at "
                                "CPUS=1 and CPUS=3.")
    p.add_argument("--cpus", default="1,3",
                   help="CPU counts to grade at (default 1,3)")
    p.add_argument("--mem", default="128M")
    p.add_argument("--timeout", type=int, default=180,
                   help="seconds per test program (default 180)")
    p.add_argument("--budget", type=int, default=720,
                   help="seconds for each grader run (default 720)")
    p.add_argument("--jobs", type=int, default=0)
    p.add_argument("--only", action="append", default=[],
                   help="grade only these test programs (see grade.py)")
    p.add_argument("--skip-gdb", action="store_true")
    opts = p.parse_args(argv)
    cpus_list = [int(c) for c in opts.cpus.split(",") if c.strip()]

    start = time.monotonic()
    t = Tally()
    all_results = []
    try:
        print("== host checks", flush=True)
        host_checks(t)
        print("== poweroff and panic", flush=True)
        machine_exit_checks(t)
        if not opts.skip_gdb:
            for cpus in cpus_list:
                print("== gdb at CPUS=%d" % cpus, flush=True)
                gdb_check(t, cpus)
        for cpus in cpus_list:
            print("== test programs at CPUS=%d" % cpus, flush=True)
            grade_run(t, cpus, opts, all_results)
        if not opts.only:
            # Robustness: the file system survives QEMU killed mid-write.
            print("== crash consistency of the file system log", flush=True)
            import crashtest
            ok, msg = crashtest.run(cpus=1, rounds=5)
            t.add("crash consistency: 5 rounds of QEMU killed mid-write "
                  "(tools/crashtest.py)", ok, msg)
            # Coursework: each lab's student tree builds and fails its
            # grader; the full kernel passes the same tests.
            print("== labs (tools/labtest.py)", flush=True)
            import labtest
            for name, ok, why in labtest.run(build_main=False):
                t.add("lab: " + name, ok, why)
            # Robustness: the fork-family storm also at CPUS=4.
            print("== SMP stress at CPUS=4", flush=True)
            sopts = argparse.Namespace(**vars(opts))
            sopts.only = ["test_stress"]
            grade_run(t, 4, sopts, all_results)
    except KeyboardInterrupt:
        grade.Console.kill_all()
        print("\ntest: interrupted", file=sys.stderr)
        return 130
    elapsed = time.monotonic() - start
    grade.write_results(all_results, os.path.join(REPO, "results.json"),
                        elapsed)

    npass, nfail = t.counts()
    if nfail:
        print("\nfailed:")
        for name, passed, why in t.rows:
            if not passed:
                print("  %s: %s" % (name, why[:300]))
    print("\ntest: %.0fs; results.json; logs of failures in build/grade/"
          % elapsed)
    print("%d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
