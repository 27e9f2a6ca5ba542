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
5. The kernel commands of tools/gdb/teachos.py, loaded by .gdbinit, on
   known states made by user/thelper_gdb.c:
   - `thelper_gdb vfork`: the child waits for a line on the console, so
     the parent sleeps on "ppwait" and both share one vmspace.  ps,
     vmmap PARENT, vmmap CHILD, pt CHILD and fdtable PARENT must show
     that, a text mapping r-x, a stack mapping rw-, and fds 0-2 on the
     console.
   - `thelper_gdb fork`: the child waits; pt PARENT and pt CHILD show
     copy-on-write marks and the same text frames, in two vmspaces.
   - `thelper_gdb spin 3`: a hart runs it, in user mode: `pt` without an
     argument walks its table, and the hart's state is left as it was.

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


def gdb(gdbexe, kernel, port, commands, timeout, during=None, init=None):
    """Run gdb in batch mode with commands (after connecting); return its
    output, or None if it timed out (and was killed).  during() is called
    about once a second while gdb runs.  init: a gdb script run before
    connecting (.gdbinit)."""
    argv = [gdbexe, "-nx", "-batch"]
    if init is not None:
        argv += ["-x", init]
    argv += ["-ex", "set pagination off",
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
    if got:
        commands_check(con, gdbexe, kernel, port, check, opts)
    con.send("poweroff\n")
    status = con.wait_exit(30)
    check(status == 0 and not find_panic(con.text()),
          "poweroff ends make qemu-gdb with status 0",
          "status %s; %s" % (status, find_panic(con.text()) or ""))
    return finish()


# ---- the kernel commands (tools/gdb/teachos.py) -----------------------------

PS_RE = re.compile(r"^[* ]\s*(?P<slot>\d+)\s+(?P<pid>\d+)\s+(?P<ppid>\d+)\s+"
                   r"(?P<pgid>\d+)\s+(?P<state>[A-Z]+)\s+(?P<flags>\S+)\s+"
                   r"(?P<cpu>\d+)\s+(?P<hart>\S+)\s+(?P<vm>0x[0-9a-f]+)\s+"
                   r"(?P<wmesg>\S+)\s+(?P<comm>\S+)", re.M)
PT_RE = re.compile(r"^\s+0x(?P<start>[0-9a-f]+)-0x(?P<end>[0-9a-f]+)\s+"
                   r"(?P<n>\d+)\s+(?P<flags>[r-][w-][x-](?: [a-zA-Z]+)*)\s+"
                   r"(?P<frames>0x[0-9a-f]+(?:\.\.0x[0-9a-f]+)?)\s+ref (?P<ref>\d+)",
                   re.M)


def sections(out):
    """gdb's output cut at the `==NAME==` lines we echo."""
    parts, name = {}, None
    for line in (out or "").split("\n"):
        m = re.match(r"^==(\S+)==$", line)
        if m:
            name = m.group(1)
            parts[name] = ""
        elif name is not None:
            parts[name] += line + "\n"
    return parts


def run_commands(gdbexe, kernel, port, named, opts):
    """gdb, with .gdbinit, runs each (name, command) and detaches; returns
    (whole output, {name: its output})."""
    cmds = []
    for name, cmd in named:
        cmds += ["echo ==%s==\\n" % name, cmd]
    cmds += ["echo ==end==\\n", "detach"]
    out = gdb(gdbexe, kernel, port, cmds, 60, init=".gdbinit")
    if opts.verbose and out:
        print(out)
    return out or "", sections(out)


def no_python_error(check, out, what):
    bad = re.search(r"Python Exception[^\n]*|Error occurred in Python[^\n]*|"
                    r"Undefined command[^\n]*", out)
    check(out and not bad, "%s: the commands run without errors" % what,
          bad.group(0) if bad else "no output from gdb")


def ps_rows(text):
    return {int(m.group("pid")): m.groupdict()
            for m in PS_RE.finditer(text or "")}


def commands_check(con, gdbexe, kernel, port, check, opts):
    # -- vfork: the parent asleep on ppwait, one vmspace for both.
    mark = len(con.text())
    con.send("thelper_gdb vfork\n")
    got = con.wait(lambda t: re.search(
        r"thelper_gdb: vfork child (\d+) of parent (\d+) waiting\n",
        t[mark:]), 30)
    if not check(got, "thelper_gdb vfork: the child is waiting",
                 "console: %s" % con.text()[-300:]):
        return
    child, parent = int(got.group(1)), int(got.group(2))
    time.sleep(0.3)             # the child goes to sleep on the console
    out, sec = run_commands(gdbexe, kernel, port, [
        ("ps", "ps"), ("vmmap-parent", "vmmap %d" % parent),
        ("vmmap-child", "vmmap %d" % child), ("pt-child", "pt %d" % child),
        ("fdtable-parent", "fdtable %d" % parent)], opts)
    no_python_error(check, out, "vfork state")
    rows = ps_rows(sec.get("ps"))
    pr, cr = rows.get(parent), rows.get(child)
    check(pr and pr["state"] == "SLEEPING" and pr["wmesg"] == "ppwait",
          "ps: the vfork parent %d is SLEEPING on ppwait" % parent,
          (sec.get("ps") or out)[-600:])
    check(cr and cr["state"] in ("RUNNING", "RUNNABLE", "SLEEPING") and
          int(cr["ppid"]) == parent and "PPWAIT" in cr["flags"],
          "ps: the vfork child %d is there, P_PPWAIT, parent %d" %
          (child, parent), (sec.get("ps") or out)[-600:])
    check(pr and cr and pr["vm"] == cr["vm"],
          "ps: parent and child have the same vmspace",
          (sec.get("ps") or out)[-600:])
    vp = re.search(r"vmspace (0x[0-9a-f]+) refcnt (\d+)",
                   sec.get("vmmap-parent", ""))
    vc = re.search(r"vmspace (0x[0-9a-f]+) refcnt (\d+)",
                   sec.get("vmmap-child", ""))
    check(vp and vc and vp.group(1) == vc.group(1) and
          int(vp.group(2)) >= 2,
          "vmmap: parent and child show one vmspace address, refcnt 2",
          "%s / %s" % (sec.get("vmmap-parent", out)[-300:],
                       sec.get("vmmap-child", "")[-300:]))
    check(vp and re.search(r"\br-x\s+\S+\s+TEXT",
                           sec.get("vmmap-parent", "")) and
          re.search(r"\brw-\s+\S+\s+STACK", sec.get("vmmap-parent", "")),
          "vmmap: a TEXT region r-x and a STACK region rw-",
          sec.get("vmmap-parent", out)[-400:])
    pts = list(PT_RE.finditer(sec.get("pt-child", "")))
    check(any(m.group("flags") == "r-x u" and
              int(m.group("start"), 16) <= 0x10000 < int(m.group("end"), 16)
              for m in pts),
          "pt: the child's text at 0x10000 is mapped r-x u",
          sec.get("pt-child", out)[-500:])
    check(any(m.group("flags").startswith("rw- u") and
              int(m.group("start"), 16) >= 0x3f00000000 for m in pts),
          "pt: the child's stack is mapped rw- u",
          sec.get("pt-child", out)[-500:])
    fds = {int(m.group(1)): m.group(0) for m in re.finditer(
        r"^\s+(\d+) 0x[0-9a-f]+ .*$", sec.get("fdtable-parent", ""), re.M)}
    check(all(fd in fds and re.search(r"\bdev\b.*\bconsole\b", fds[fd])
              for fd in (0, 1, 2)),
          "fdtable: the parent's fds 0, 1, 2 are the console device",
          sec.get("fdtable-parent", out)[-500:])
    con.send("\n")             # the child execs; the parent wakes
    got = con.wait(lambda t: re.search(
        r"thelper_gdb: parent awake, child %d exited with 0\n" % child,
        t[mark:]), 30)
    if not check(got, "thelper_gdb vfork: the parent wakes after the "
                 "child execs", "console: %s" % con.text()[-300:]):
        return

    # -- fork: copy-on-write, two vmspaces.
    mark = len(con.text())
    con.send("thelper_gdb fork\n")
    got = con.wait(lambda t: re.search(
        r"thelper_gdb: fork child (\d+) of parent (\d+) waiting\n",
        t[mark:]), 30)
    if not check(got, "thelper_gdb fork: the child is waiting",
                 "console: %s" % con.text()[-300:]):
        return
    child, parent = int(got.group(1)), int(got.group(2))
    time.sleep(0.3)
    out, sec = run_commands(gdbexe, kernel, port, [
        ("ps", "ps"), ("pt-parent", "pt %d" % parent),
        ("pt-child", "pt %d" % child)], opts)
    no_python_error(check, out, "fork state")
    rows = ps_rows(sec.get("ps"))
    pr, cr = rows.get(parent), rows.get(child)
    check(pr and cr and pr["vm"] != cr["vm"],
          "ps: after fork, parent and child have two vmspaces",
          (sec.get("ps") or out)[-600:])
    pp = list(PT_RE.finditer(sec.get("pt-parent", "")))
    pc = list(PT_RE.finditer(sec.get("pt-child", "")))
    check(any("COW" in m.group("flags") for m in pp) and
          any("COW" in m.group("flags") for m in pc),
          "pt: parent and child both have COW pages",
          sec.get("pt-parent", out)[-600:])

    def text_frame(ms):
        for m in ms:
            if int(m.group("start"), 16) == 0x10000:
                return m.group("frames").split("..")[0]
        return None
    check(text_frame(pp) and text_frame(pp) == text_frame(pc),
          "pt: parent and child map the same text frame",
          "%s / %s" % (text_frame(pp), text_frame(pc)))
    con.send("\n")
    got = con.wait(lambda t: re.search(
        r"thelper_gdb: parent awake, child %d exited with 0\n" % child,
        t[mark:]), 30)
    if not check(got, "thelper_gdb fork: the child writes (COW) and exits 0",
                 "console: %s" % con.text()[-300:]):
        return

    # -- spin: pt of the running process, from user mode.
    mark = len(con.text())
    con.send("thelper_gdb spin 3\n")
    got = con.wait(lambda t: "thelper_gdb: spinning\n" in t[mark:], 30)
    if not check(got, "thelper_gdb spin: it runs",
                 "console: %s" % con.text()[-300:]):
        return
    time.sleep(0.3)
    out, sec = run_commands(gdbexe, kernel, port, [
        ("priv-before", "thread apply all -q p $priv"),
        ("ps", "ps"), ("pt", "thread apply all -s pt"),
        ("priv-after", "thread apply all -q p $priv")], opts)
    no_python_error(check, out, "spin state")
    rows = ps_rows(sec.get("ps"))
    spin = [r for r in rows.values() if r["comm"] == "thelper_gdb" and
            r["state"] == "RUNNING" and r["hart"] != "-"]
    check(spin, "ps: the spinning process is RUNNING, marked current "
          "on a hart", (sec.get("ps") or out)[-600:])
    check(spin and re.search(r"pt: pid %s \(thelper_gdb\)" % spin[0]["pid"],
                             sec.get("pt", "")) and
          PT_RE.search(sec.get("pt", "")),
          "pt without an argument walks the current process's table",
          sec.get("pt", out)[-500:])
    before, after = (re.findall(r"\$\d+ = (\d+)", sec.get(k, ""))
                     for k in ("priv-before", "priv-after"))
    check(before and before == after,
          "the harts' privilege levels are left as they were",
          "%r / %r" % (sec.get("priv-before"), sec.get("priv-after")))
    con.wait(lambda t: re.search(r"thelper_gdb: spinning\n(?:.*\n)*?\$ ",
                                 t[mark:]), 30)


if __name__ == "__main__":
    sys.exit(main())
