#!/usr/bin/env python3
"""tools/bench.py: the benchmarks `make bench` runs.

Builds a second kernel with COW=0 (fork copies every page, as xv6 does)
next to the normal one, boots each under QEMU, runs user/forkbench for
fork+exit+wait and fork+exec with the parent holding 0, 1, 4, 16 and 64
MiB of touched heap, and prints one table with the ratios the issues set
as goals.  Times come from the guest's CLOCK_MONOTONIC (the time CSR,
which follows the host clock and cannot lose ticks).  Benchmarks print
figures; they are not pass/fail tests, but the goals are shown as met or
missed.  Python 3 standard library only.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import shutil

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grade  # noqa: E402

REPO = grade.REPO
SIZES = [0, 1, 4, 16, 64]
SPAWN_SIZES = [0, 64]           # vfork+exec and posix_spawn (issue 5)
LINE_RE = re.compile(r"forkbench (\w+) (\d+) MiB: (\d+) iterations, (\d+) us "
                     r"each, (\d+) pages copied per fork")


def iterations(mib, cow, mode="fork"):
    """Enough runs to average out noise, fewer for slow eager copies."""
    if mode in ("vfork", "spawn"):
        return 100
    if cow:
        return 50
    return max(3, 200 // (mib * 4 + 4))


def run_kernel(kernel, image, cpus, mem, cow, timeout):
    """Boot kernel, run every forkbench line; {(mode, mib): (us, pages)}."""
    opts = argparse.Namespace(bios=None, qemu="qemu-system-riscv64",
                              kernel=kernel, mem=mem, cpus=cpus)
    con = grade.Console(grade.qemu_argv(opts, image) + ["-snapshot"])
    results = {}
    try:
        if not con.wait(lambda t: "\n$ " in t, timeout):
            raise RuntimeError("no shell prompt from %s" % kernel)
        seen = 0
        runs = [(m, s) for m in ("fork", "exec") for s in SIZES]
        if cow:
            runs += [(m, s) for m in ("vfork", "spawn") for s in SPAWN_SIZES]
        for mode, mib in runs:
            if True:
                n = iterations(mib, cow, mode)
                con.send("forkbench %s %d %d\n" % (mode, mib, n))
                want = seen + 1
                if not con.wait(lambda t: len(LINE_RE.findall(t)) >= want
                                or "forkbench: " in t.split("\n")[-2:][0],
                                timeout):
                    raise RuntimeError("forkbench %s %d: no result" %
                                       (mode, mib))
                found = LINE_RE.findall(con.text())
                seen = len(found)
                m = found[-1]
                results[(m[0], int(m[1]))] = (int(m[3]), int(m[4]))
                con.wait(lambda t: t.endswith("\n$ "), timeout)
        con.send("poweroff\n")
        con.wait_exit(30)
    finally:
        con.close()
    return results


def build_nocow():
    out = os.path.join(REPO, "build", "nocow")
    subprocess.check_call(["make", "-s", "BUILD=" + out, "COW=0",
                           os.path.join(out, "kernel", "kernel")], cwd=REPO)
    return os.path.join(out, "kernel", "kernel.bin")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cpus", type=int, default=1)
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--timeout", type=int, default=600)
    opts = ap.parse_args(argv)

    image = os.path.join(REPO, "build", "fs.img")
    cow_kernel = os.path.join(REPO, "build", "kernel", "kernel.bin")
    nocow_kernel = build_nocow()
    print("bench: CPUS=%d MEM=%s; each figure is the mean of N runs" %
          (opts.cpus, opts.mem))
    cow = run_kernel(cow_kernel, image, opts.cpus, opts.mem, True,
                     opts.timeout)
    eager = run_kernel(nocow_kernel, image, opts.cpus, opts.mem, False,
                       opts.timeout)

    print()
    print("%-6s %6s | %12s %8s | %12s %8s | %8s" % (
        "test", "MiB", "COW us", "copied", "COW=0 us", "copied",
        "COW=0/COW"))
    for mode in ("fork", "exec"):
        for mib in SIZES:
            c, e = cow[(mode, mib)], eager[(mode, mib)]
            print("%-6s %6d | %12d %8d | %12d %8d | %8.1f" % (
                mode, mib, c[0], c[1], e[0], e[1], e[0] / max(c[0], 1)))
    print()
    f0, f16 = cow[("fork", 0)][0], cow[("fork", 16)][0]
    e16 = eager[("fork", 16)][0]
    x16 = cow[("exec", 16)][1]
    goals = [
        ("fork+exit+wait, 16 MiB vs 0 MiB (goal <= 3.0)",
         f16 / max(f0, 1), f16 <= 3 * f0),
        ("COW=0 vs COW fork at 16 MiB (goal >= 30.0)",
         e16 / max(f16, 1), e16 >= 30 * f16),
        ("pages copied by fork+exec of a 16 MiB parent (goal <= 4)",
         float(x16), x16 <= 4),
    ]
    print()
    print("%-6s %6s | %12s" % ("test", "MiB", "us"))
    for mode in ("vfork", "spawn"):
        for mib in SPAWN_SIZES:
            print("%-6s %6d | %12d" % (mode, mib, cow[(mode, mib)][0]))
    v0, v64 = cow[("vfork", 0)][0], cow[("vfork", 64)][0]
    goals.append(("vfork+exec, 64 MiB vs 0 MiB (goal <= 1.2)",
                  v64 / max(v0, 1), v64 <= 1.2 * v0))
    print()
    for what, value, met in goals:
        print("%-60s %8.1f  %s" % (what, value, "met" if met else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
