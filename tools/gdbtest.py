#!/usr/bin/env python3
"""tools/gdbtest.py: gdb-multiarch, in batch mode, against `make qemu-gdb`.

1. Start `make qemu-gdb` on a free TCP port (QEMU halts, waiting for gdb),
   with -snapshot so that build/fs.img is not written.
2. A first gdb attaches and detaches, which lets the kernel boot.
3. When the shell's prompt is up, a second gdb attaches, sets a breakpoint
   on fork1 and continues.  We type commands at the shell, whose forks go
   through sys_fork -> fork1, until the breakpoint is hit; gdb prints the
   backtrace and detaches.
4. The backtrace must name fork1 and the syscall entry (syscall, reached
   from do_trap_user); the shell must still run the command afterwards.

Prints TAP-like lines and `N passed, N failed`; exit 1 on a failure.
Only one gdb may attach at a time, so the two never overlap.
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True        # no tools/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from grade import REPO, Console, find_panic  # noqa: E402

GDB_TIMEOUT = 180       # seconds for the gdb that waits for the fork
BOOT_TIMEOUT = 120      # seconds from the first detach to the prompt


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_gdb():
    for g in (os.environ.get("GDB"), "gdb-multiarch", "riscv64-unknown-elf-gdb",
              "riscv64-linux-gnu-gdb"):
        if g and subprocess.call(["sh", "-c", "command -v %s" % g],
                                 stdout=subprocess.DEVNULL) == 0:
            return g
    return None


def gdb(gdbexe, kernel, port, commands, timeout, during=None):
    """Run gdb in batch mode with commands (after connecting); return its
    output, or None if it timed out (and was killed).  during() is called
    about once a second while gdb runs."""
    argv = [gdbexe, "-nx", "-batch", "-ex", "set pagination off",
            "-ex", "set confirm off", "-ex", "set width 0",
            "-ex", "set tcp connect-timeout 20",
            "-ex", "target remote 127.0.0.1:%d" % port]
    for c in commands:
        argv += ["-ex", c]
    argv.append(kernel)
    proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            out, _ = proc.communicate(timeout=1.0)
            return out.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            pass
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None
        if during is not None:
            during()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cpus", type=int, default=1)
    p.add_argument("--verbose", "-v", action="store_true")
    opts = p.parse_args(argv)

    results = []

    def check(cond, name, why=""):
        results.append(bool(cond))
        print("%s %d - %s%s" % ("ok" if cond else "not ok", len(results),
                                name, "" if cond else " # " + why),
              flush=True)
        return cond

    def finish():
        npass = sum(results)
        print("%d passed, %d failed" % (npass, len(results) - npass))
        return 0 if npass == len(results) else 1

    kernel = os.path.join(REPO, "build", "kernel", "kernel")
    gdbexe = find_gdb()
    if not check(gdbexe is not None, "gdb-multiarch is installed",
                 "no gdb-multiarch: run make deps"):
        return finish()
    if not check(os.path.exists(kernel), "build/kernel/kernel exists",
                 "run make all"):
        return finish()

    port = free_port()
    qemu = os.environ.get("QEMU", "qemu-system-riscv64")
    con = Console(["make", "-s", "qemu-gdb", "GDBPORT=%d" % port,
                   "CPUS=%d" % opts.cpus, "QEMU=%s -snapshot" % qemu],
                  cwd=REPO)
    try:
        return run(con, gdbexe, kernel, port, check, finish, opts)
    finally:
        con.close()
        if opts.verbose:
            print(con.text())


def run(con, gdbexe, kernel, port, check, finish, opts):
    # gdb 1: attach as soon as QEMU listens, then detach: the kernel boots.
    # (gdb itself retries a refused connection for 20 s.)
    out = ""
    deadline = time.monotonic() + 120
    while con.proc.poll() is None and time.monotonic() < deadline:
        out = gdb(gdbexe, kernel, port, ["detach"], 60) or ""
        if "detached" in out.lower():
            break
        time.sleep(1)           # QEMU is not listening yet
    if not check("detached" in out.lower(),
                 "gdb attaches to make qemu-gdb and detaches",
                 "gdb said: %s; console: %s" % (out.strip()[-300:],
                                                con.text()[-300:])):
        return finish()

    prompt = con.wait(lambda t: re.search(r"(?:^|\n)\$ ", t) or
                      find_panic(t), BOOT_TIMEOUT)
    if not check(prompt and not isinstance(prompt, str),
                 "the kernel boots to the shell's prompt after detach",
                 "console: %s" % con.text()[-500:]):
        return finish()

    # gdb 2: break on fork1; the shell's next fork hits it.
    typed = [0, 0.0]

    def poke():
        now = time.monotonic()
        if now - typed[1] >= 5.0:
            con.send("echo gdbtest-fork-%d\n" % typed[0])
            typed[0] += 1
            typed[1] = now

    typed[1] = time.monotonic() - 3.0      # first command after ~2 s
    out = gdb(gdbexe, kernel, port,
              ["break fork1", "continue", "bt 25", "delete", "detach"],
              GDB_TIMEOUT, during=poke)
    if opts.verbose and out:
        print(out)
    if not check(out is not None, "the breakpoint on fork1 is hit when "
                 "the shell forks", "gdb timed out after %ds; console: %s"
                 % (GDB_TIMEOUT, con.text()[-300:])):
        return finish()
    check(re.search(r"Breakpoint 1 at 0x[0-9a-f]+: file [^\n]*kern_fork\.c",
                    out), "gdb finds fork1 in kern_fork.c",
          out.strip()[-400:])
    check(re.search(r"Breakpoint 1, (?:0x[0-9a-f]+ in )?fork1 \(", out),
          "gdb stops in fork1", out.strip()[-400:])
    bt = "\n".join(l for l in out.split("\n") if re.match(r"#\d+ ", l))
    check(re.search(r"\bsys_fork \(", bt), "the backtrace names sys_fork",
          bt or out.strip()[-400:])
    check(re.search(r"\bsyscall \(", bt),
          "the backtrace names the syscall entry (syscall)",
          bt or out.strip()[-400:])
    if not re.search(r"\bdo_trap_user \(", bt):
        print("# note: do_trap_user is not in the backtrace:\n# " +
              bt.replace("\n", "\n# "))

    # After the detach, the shell carries on.
    last = typed[0] - 1
    got = con.wait(lambda t: re.search(r"(?:^|\n)gdbtest-fork-%d\n" % last,
                                       t), 60)
    check(got, "the system runs on after gdb detaches",
          "console: %s" % con.text()[-300:])
    con.send("poweroff\n")
    status = con.wait_exit(30)
    check(status == 0 and not find_panic(con.text()),
          "poweroff ends make qemu-gdb with status 0",
          "status %s; %s" % (status, find_panic(con.text()) or ""))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
