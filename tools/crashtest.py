#!/usr/bin/env python3
"""tools/crashtest.py: crash-consistency test of the file system's log.

Each round:

1. copies build/fs.img to a private image (not -snapshot: the image must
   outlive QEMU), boots QEMU on it and types
   `thelper_crash /crash N SEED` (user/thelper_crash.c), which writes
   files /crash/f0, /crash/f1, ... with contents fixed by SEED and prints
   `committed K` once file K's write(2)s and close(2) have returned;
2. waits for a random number of `committed` lines, or none, plus a random
   delay, and kills QEMU with SIGKILL, in the middle of the writes;
3. checks the crashed image on the host: tools/fsck.py with --replay
   (installs the committed log in memory, as the kernel's mount will) must
   find no error, and every file reported committed must be there with
   exactly its contents (and a later file, if any, a prefix of its own);
   In half the rounds whose crash left a committed log, the next boot is
   killed too, as soon as the kernel prints `fs: recovering`: replaying
   the log must be idempotent, so the image (log replayed) is checked
   again;
4. boots again on the same image (the kernel recovers the log), types
   `thelper_crash -v /crash K SEED` (K: the last file reported
   committed), which must print `verified K`, then writes a few more files
   (`thelper_crash /after 3 SEED`) on the recovered file system, and
   types `poweroff`;
5. checks the image with tools/fsck.py (no replay: the log must be empty)
   and the committed files again from the host.

A panic on either boot, a missing or wrong committed file, or an fsck
error fails the round.  An orphan inode (a file unlinked while open when
QEMU died) is allowed: the kernel frees such files only at their last
close, so a crash leaks them (fsck warns).  A failed round's console logs
and images (as crashed, and at the end) are kept in build/crashtest/.

Usage: python3 tools/crashtest.py [--cpus N] [--rounds N] [--seed S]
Prints a TAP-like line per round and `N passed, N failed`; exit status 1
on a failure.  From Python: crashtest.run(cpus=1, rounds=5) returns
(ok, message).  Python 3 standard library only.
"""

import argparse
import functools
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time

sys.dont_write_bytecode = True        # no tools/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fsck   # noqa: E402
import grade  # noqa: E402

REPO = grade.REPO
DEFAULT_ROUNDS = 5

BOOT_TIMEOUT = 90.0       # QEMU start to the prompt
WRITE_TIMEOUT = 240.0     # command to the chosen `committed` line
VERIFY_TIMEOUT = 180.0    # `thelper_crash -v` and the files after it
POWEROFF_TIMEOUT = 30.0

COMMITTED_RE = re.compile(r"^committed (\d+)$", re.M)
RECOVER_RE = re.compile(r"fs: recovering (\d+) logged blocks")
HELPER_ERR_RE = re.compile(r"^(thelper_crash: [^\n]*|mismatch [^\n]*)",
                           re.M)

# ---- user/thelper_crash.c's contents, mirrored ------------------------------

M32 = 0xffffffff


def _mix(x):
    x &= M32
    x ^= x >> 16
    x = (x * 0x85ebca6b) & M32
    x ^= x >> 13
    x = (x * 0xc2b2ae35) & M32
    x ^= x >> 16
    return x


def _filekey(seed, k):
    return _mix(seed * 0x9e3779b9 + k * 0x7f4a7c15 + 1)


def plan(seed, k):
    """(size, hole_lo, hole_hi) of file k, as plan() in the helper."""
    key = _filekey(seed, k)
    r = _mix(key ^ 0x51ed270b)
    size = (r % 1024, 1024 + r % (8 * 1024), 9 * 1024 + r % (191 * 1024),
            300 * 1024 + r % (120 * 1024))[key % 4]
    lo = hi = 0
    r = _mix(r)
    if size >= 20 * 1024 and r % 3 == 0:
        lo = _mix(r) % (size - 16 * 1024)
        hi = lo + 1024 + _mix((r + 1) & M32) % (63 * 1024)
        hi = min(hi, size - 4096)
    return size, lo, hi


@functools.lru_cache(maxsize=64)
def contents(seed, k):
    """The bytes of file k, as content() in the helper."""
    size, lo, hi = plan(seed, k)
    key = _filekey(seed, k)
    words = [_mix(key ^ ((j * 0x2545f491) & M32))
             for j in range((size + 3) // 4)]
    data = bytearray(b"".join(w.to_bytes(4, "little") for w in words))
    del data[size:]
    data[lo:hi] = bytes(hi - lo)
    return bytes(data)


def host_verify(image, directory, last, seed):
    """Check on image (an fsck.Image) that directory/f0..f<last> hold
    their contents and that later files are prefixes.  Returns a list of
    problems, and the number of later (partial or complete) files."""
    problems = []
    later = 0
    k = 0
    while True:
        path = "%s/f%d" % (directory, k)
        try:
            ip = image.lookup(path)
        except fsck.FsckError as e:
            problems.append("%s: %s" % (path, e))
            break
        if ip is None:
            if k <= last:
                problems.append("%s: committed but missing" % path)
            break
        try:
            got = image.read(ip)
        except fsck.FsckError as e:
            problems.append("%s: %s" % (path, e))
            break
        want = contents(seed, k)
        whole = k <= last
        if ip.type != fsck.IFREG:
            problems.append("%s: mode %o, not a file" % (path, ip.mode))
        elif (whole and got != want) or (not whole and
                                         got != want[:len(got)]):
            i = next((i for i in range(min(len(got), len(want)))
                      if got[i] != want[i]), min(len(got), len(want)))
            problems.append("%s: %d bytes, want %s%d; first difference at "
                            "byte %d" % (path, len(got),
                                         "" if whole else "a prefix of ",
                                         len(want), i))
        if not whole:
            later += 1
        k += 1
        if problems:
            break
    return problems, later


# ---- one round --------------------------------------------------------------

class Round:
    def __init__(self, number, seed, target, delay):
        self.number = number
        self.seed = seed            # the helper's SEED
        self.target = target        # `committed` lines to wait for (0: none)
        self.delay = delay          # then seconds before the kill
        self.ok = False
        self.why = ""
        self.last = -1              # last file reported committed
        self.logged = 0             # blocks in the log at the crash
        self.recrash = False        # kill the next boot in its recovery
        self.recrashed = False      # ... and it was done
        self.relogged = 0           # blocks in the log after that
        self.recovered = None       # the kernel's "recovering N" count
        self.later = 0
        self.warnings = []
        self.consoles = []          # (name, text)
        self.duration = 0.0

    def describe(self):
        how = ("after `committed %d` + %.2fs" % (self.target - 1, self.delay)
               if self.target else "%.2fs after the command" % self.delay)
        s = "seed %d, killed %s: %d committed" % (self.seed, how,
                                                  self.last + 1)
        s += ", log %s" % ("empty" if not self.logged else
                           "held %d blocks" % self.logged)
        if self.recrashed:
            s += ", killed again in recovery (log then %s)" % (
                "empty" if not self.relogged else
                "held %d blocks" % self.relogged)
        if self.later:
            s += ", %d later file%s" % (self.later,
                                        "" if self.later == 1 else "s")
        return s


def _opts(cpus, kernel, mem):
    return argparse.Namespace(bios=None, qemu=os.environ.get(
        "QEMU", "qemu-system-riscv64"), kernel=kernel, mem=mem, cpus=cpus)


def _boot(opts, image, rnd, label):
    """Start QEMU and wait for the prompt; returns (console, end of the
    prompt) or raises RoundFailed."""
    con = grade.Console(grade.qemu_argv(opts, image), cwd=REPO)

    def ready(text):
        if grade.find_panic(text):
            return "panic"
        m = grade.PROMPT_RE.search(text)
        return m.end() if m else None

    got = con.wait(ready, BOOT_TIMEOUT)
    if got is None or got == "panic":
        if got == "panic":
            con.wait_exit(grade.PANIC_GRACE)
        con.close()
        rnd.consoles.append((label, con.text()))
        if got == "panic":
            raise RoundFailed("%s: kernel panic before the prompt: %s"
                              % (label, grade.find_panic(con.text())))
        raise RoundFailed("%s: no prompt within %ds" % (label, BOOT_TIMEOUT))
    return con, got


class RoundFailed(Exception):
    pass


def _run_cmd(con, start, cmd, done_re, timeout, label):
    """Type cmd and wait for done_re after it, a panic, a helper error or
    the next prompt.  Returns the text after the command."""
    con.send(cmd + "\n")

    def finished(text):
        tail = text[start:]
        if grade.find_panic(tail):
            return "panic"
        if HELPER_ERR_RE.search(tail) or done_re.search(tail):
            return "done"
        i = tail.find(cmd + "\n")
        if i >= 0 and grade.PROMPT_RE.search(tail, i + len(cmd)):
            return "prompt"
        return None

    got = con.wait(finished, timeout)
    tail = con.text()[start:]
    if got == "panic":
        con.wait_exit(grade.PANIC_GRACE)
        raise RoundFailed("%s: kernel panic: %s" % (
            label, grade.find_panic(con.text()[start:])))
    m = HELPER_ERR_RE.search(tail)
    if m:
        raise RoundFailed("%s: %s" % (label, m.group(1)))
    if got is None:
        raise RoundFailed("%s: `%s` did not finish within %ds%s" % (
            label, cmd, timeout, "" if con.proc.poll() is None else
            " (QEMU exited)"))
    return tail


def _crash_in_recovery(opts, image, rnd):
    """Boot, and kill QEMU as soon as the kernel says it is recovering the
    log, perhaps half way through installing it; then check the image
    with the log replayed again."""
    con = grade.Console(grade.qemu_argv(opts, image), cwd=REPO)
    try:
        got = con.wait(lambda t: "panic" if grade.find_panic(t) else
                       RECOVER_RE.search(t), BOOT_TIMEOUT)
        if con.proc.poll() is None:
            os.kill(con.proc.pid, signal.SIGKILL)   # our QEMU only
        con.proc.wait()
    finally:
        con.close()
        rnd.consoles.append(("boot 1b (killed in recovery)", con.text()))
    if got == "panic" or got is None:
        raise RoundFailed("boot 1b: %s" % (
            "kernel panic: %s" % grade.find_panic(con.text())
            if got == "panic" else "no `fs: recovering` line"))
    rnd.relogged = fsck.Image(image).log_header()[0]
    rnd.recrashed = True
    _fsck(image, True, rnd, "after a crash in recovery (log replayed)")


def _fsck(path, replay, rnd, label):
    try:
        rep = fsck.check_image(path, replay=replay)
    except fsck.FsckError as e:
        raise RoundFailed("%s: fsck: %s" % (label, e))
    rnd.warnings += ["%s: %s" % (label, w) for w in rep.warnings]
    if not rep.ok:
        raise RoundFailed("%s: fsck: %s" % (label, "; ".join(
            rep.errors[:5]) + ("; ... %d errors" % len(rep.errors)
                               if len(rep.errors) > 5 else "")))
    return rep


def run_round(rnd, opts, fs_img, keep_dir):
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="teachos-crash-")
    image = os.path.join(tmp, "fs.img")
    crashed = os.path.join(tmp, "crashed.img")
    con = None
    try:
        shutil.copyfile(fs_img, image)
        # 1-2. Write, and kill QEMU in the middle.
        con, start_at = _boot(opts, image, rnd, "boot 1")
        nfiles = rnd.target + 40        # more than it can write in time
        cmd = "thelper_crash /crash %d %d" % (nfiles, rnd.seed)
        con.send(cmd + "\n")
        if rnd.target > 0:
            want = "committed %d\n" % (rnd.target - 1)

            def reached(text):
                tail = text[start_at:]
                if grade.find_panic(tail):
                    return "panic"
                if HELPER_ERR_RE.search(tail):
                    return "error"
                return want in tail or "done %d" % nfiles in tail

            got = con.wait(reached, WRITE_TIMEOUT)
            if got is None:
                raise RoundFailed("boot 1: no `%s` within %ds" % (
                    want.strip(), WRITE_TIMEOUT))
        else:
            # Wait for the command to reach the helper before the clock.
            con.wait(lambda t: cmd + "\n" in t[start_at:], 10)
        time.sleep(rnd.delay)
        if con.proc.poll() is None:
            os.kill(con.proc.pid, signal.SIGKILL)   # our QEMU only
        con.proc.wait()
        con.close()
        text = con.text()
        rnd.consoles.append(("boot 1 (killed)", text))
        con = None
        tail = text[start_at:]
        panic = grade.find_panic(tail)
        if panic:
            raise RoundFailed("boot 1: kernel panic while writing: %s"
                              % panic)
        m = HELPER_ERR_RE.search(tail)
        if m:
            raise RoundFailed("boot 1: %s" % m.group(1))
        committed = [int(x) for x in COMMITTED_RE.findall(tail)]
        if committed != list(range(len(committed))):
            raise RoundFailed("boot 1: `committed` lines out of order: %s"
                              % committed[:20])
        rnd.last = len(committed) - 1
        shutil.copyfile(image, crashed)

        # 3. The crashed image, with its log installed in memory.
        img = fsck.Image(image)
        rnd.logged = rnd.relogged = img.log_header()[0]
        _fsck(image, True, rnd, "after the crash (log replayed)")
        img = fsck.Image(image, replay=True)
        problems, _ = host_verify(img, "/crash", rnd.last, rnd.seed)
        if problems:
            raise RoundFailed("after the crash (log replayed), on the host: "
                              + "; ".join(problems))

        # 3b. Sometimes crash again during the recovery itself: the
        # replay must be idempotent.
        if rnd.logged and rnd.recrash:
            _crash_in_recovery(opts, image, rnd)

        # 4. Boot again: recovery, then the helper checks the files.
        con, start_at = _boot(opts, image, rnd, "boot 2")
        m = RECOVER_RE.search(con.text())
        rnd.recovered = int(m.group(1)) if m else 0
        if rnd.recovered != rnd.relogged:
            raise RoundFailed("boot 2: the kernel recovered %d blocks, the "
                              "log held %d" % (rnd.recovered, rnd.relogged))
        verified = "verified %d" % rnd.last
        out = _run_cmd(con, start_at, "thelper_crash -v /crash %d %d" % (
            rnd.last, rnd.seed), re.compile(re.escape(verified) + r"\n"),
            VERIFY_TIMEOUT, "boot 2")
        rnd.later = len(re.findall(r"^# later ", out, re.M))
        pos = len(con.text())
        _run_cmd(con, pos, "thelper_crash /after 3 %d" % rnd.seed,
                 re.compile(r"done 3\n"), VERIFY_TIMEOUT, "boot 2")
        pos = len(con.text())
        con.send("poweroff\n")
        status = con.wait_exit(POWEROFF_TIMEOUT)
        con.close()
        rnd.consoles.append(("boot 2", con.text()))
        con_text = con.text()
        con = None
        panic = grade.find_panic(con_text[pos:])
        if panic:
            raise RoundFailed("boot 2: kernel panic at poweroff: %s" % panic)
        if status is None:
            raise RoundFailed("boot 2: poweroff did not stop QEMU within "
                              "%ds" % POWEROFF_TIMEOUT)

        # 5. The image after recovery and a clean shutdown.
        _fsck(image, False, rnd, "after reboot")
        img = fsck.Image(image)
        problems, _ = host_verify(img, "/crash", rnd.last, rnd.seed)
        problems += host_verify(img, "/after", 2, rnd.seed)[0]
        if problems:
            raise RoundFailed("after reboot, on the host: " +
                              "; ".join(problems))
        rnd.ok = True
    except RoundFailed as e:
        rnd.why = str(e)
    except OSError as e:
        rnd.why = "could not run QEMU or copy the image: %s" % e
    finally:
        if con is not None:
            con.close()
            rnd.consoles.append(("last boot", con.text()))
        if not rnd.ok and keep_dir:
            _keep(rnd, keep_dir, image, crashed)
        shutil.rmtree(tmp, ignore_errors=True)
        rnd.duration = time.monotonic() - start
    return rnd


def _keep(rnd, keep_dir, image, crashed):
    """Save a failed round's consoles and images for a post-mortem."""
    try:
        os.makedirs(keep_dir, exist_ok=True)
        base = os.path.join(keep_dir, "round%d-seed%d" % (rnd.number,
                                                         rnd.seed))
        with open(base + ".log", "w") as f:
            f.write("# %s\n# why: %s\n" % (rnd.describe(), rnd.why))
            for name, text in rnd.consoles:
                f.write("# ---- %s ----\n%s\n" % (name, text))
        for src, suffix in ((crashed, "-crashed.img"), (image, "-final.img")):
            if os.path.exists(src):
                shutil.copyfile(src, base + suffix)
        shown = os.path.relpath(base, REPO)
        if shown.startswith(".."):
            shown = base
        rnd.why += " [kept: %s.*]" % shown
    except OSError:
        pass


# ---- the test ---------------------------------------------------------------

def run(cpus=1, rounds=DEFAULT_ROUNDS, seed=None, out=None, kernel=None,
        fs_img=None, mem="128M", keep_dir=None, verbose=False):
    """Run the crash test; return (ok, message).  Prints a line per round
    to out (default stdout; pass open(os.devnull, "w") for silence)."""
    out = out or sys.stdout
    kernel = kernel or os.path.join(REPO, "build", "kernel", "kernel.bin")
    fs_img = fs_img or os.path.join(REPO, "build", "fs.img")
    if keep_dir is None:
        keep_dir = os.path.join(REPO, "build", "crashtest")
    for f in (kernel, fs_img):
        if not os.path.exists(f):
            return False, "not built: %s missing (run make all)" % f
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1 << 31)
    gen = random.Random(seed)
    opts = _opts(cpus, kernel, mem)
    print("1..%d" % rounds, file=out)
    print("# crashtest: %d rounds at CPUS=%d, seed %d (rerun with --seed "
          "%d)" % (rounds, cpus, seed, seed), file=out, flush=True)
    start = time.monotonic()
    results = []
    try:
        for i in range(1, rounds + 1):
            # Mostly after a few files; sometimes before the first one.
            target = gen.choice((0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10))
            delay = gen.uniform(0.0, 1.5) if target else gen.uniform(0.05,
                                                                     3.0)
            rnd = Round(i, gen.randrange(1, 1 << 31), target, delay)
            rnd.recrash = gen.random() < 0.5
            run_round(rnd, opts, fs_img, keep_dir)
            results.append(rnd)
            print("%s %d - %s (%.1fs)%s" % (
                "ok" if rnd.ok else "not ok", i, rnd.describe(),
                rnd.duration, "" if rnd.ok else " # " + rnd.why),
                file=out, flush=True)
            for w in rnd.warnings if verbose else []:
                print("#   warning: %s" % w, file=out)
    except KeyboardInterrupt:
        grade.Console.kill_all()
        raise
    npass = sum(1 for r in results if r.ok)
    nfail = len(results) - npass
    norph = sum(1 for r in results for w in r.warnings
                if w.startswith("after reboot") and "orphan" in w)
    nlog = sum(1 for r in results if r.logged)
    print("# %d of %d crashes left a committed log to recover; %d orphan "
          "inode%s (files unlinked while open: allowed, leaked); %.0fs"
          % (nlog, len(results), norph, "" if norph == 1 else "s",
             time.monotonic() - start), file=out)
    print("%d passed, %d failed" % (npass, nfail), file=out, flush=True)
    if nfail:
        first = next(r for r in results if not r.ok)
        return False, "%d of %d rounds failed (seed %d); round %d: %s: %s" % (
            nfail, len(results), seed, first.number, first.describe(),
            first.why)
    return True, "%d rounds passed (seed %d)" % (npass, seed)


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Kill QEMU in the middle of file writes, boot again, "
        "and check that the file system is consistent and that no "
        "committed file is lost.")
    p.add_argument("--cpus", type=int, default=int(os.environ.get("CPUS",
                                                                  1)),
                   help="harts (QEMU -smp); default $CPUS or 1")
    p.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS,
                   help="crashes to try (default %d)" % DEFAULT_ROUNDS)
    p.add_argument("--seed", type=int, default=None,
                   help="base seed for the rounds' seeds and crash points "
                   "(default: random, printed)")
    p.add_argument("--mem", default=os.environ.get("MEM", "128M").strip())
    p.add_argument("--kernel", default=None,
                   help="default build/kernel/kernel.bin")
    p.add_argument("--fs-img", default=None, help="default build/fs.img")
    p.add_argument("--keep-dir", default=None,
                   help="where a failed round's logs and images go "
                   "(default build/crashtest)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print fsck's warnings (orphans)")
    opts = p.parse_args(argv)
    if not 1 <= opts.cpus <= 8:
        p.error("--cpus must be 1..8")
    try:
        ok, msg = run(cpus=opts.cpus, rounds=opts.rounds, seed=opts.seed,
                      kernel=opts.kernel, fs_img=opts.fs_img, mem=opts.mem,
                      keep_dir=opts.keep_dir, verbose=opts.verbose)
    except KeyboardInterrupt:
        print("\ncrashtest: interrupted", file=sys.stderr)
        return 130
    print("# " + msg)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
