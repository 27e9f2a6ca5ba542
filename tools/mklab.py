#!/usr/bin/env python3
"""tools/mklab.py: make a student tree for one lab from the kernel.

    python3 tools/mklab.py LAB OUT     (make lab LAB=cow OUT=../lab-cow)
    python3 tools/mklab.py --list      the labs, their tests and places
    python3 tools/mklab.py --check     check every marker, write nothing

The solution of a lab lives in the kernel itself, between markers that
are C comments (so the full kernel builds and runs as if they were not
there).  In a .c, .h or .S file:

    /* LAB cow: begin
     * The hint: what the student must write here.  Optional: a begin
     * line ending in its own star-slash has none.
     */
    ... the solution's lines ...
    /* LAB cow: end */
    /* LAB cow: stub
    ... lines that replace the solution in the student tree ...
    */

The stub block is optional (without one the region becomes empty); it
must follow the end line at once, its lines are copied verbatim (so
indent them as code), and it may hold no comment of its own.  Marker
lines stand alone on their line.  Regions do not nest.

OUT gets a copy of the repository's tracked files (git ls-files; every
file under the top directory except build/ when git is not available)
in which:
  - the lab's regions are replaced by `/* LAB cow: TODO` with the hint,
    then the stub;
  - every other lab's markers are dropped, leaving its solution as
    plain code;
  - LAB.md, at the top, says what to do, where, and how to grade;
  - the Makefile gets a `grade-lab` target that grades the lab's tests.
A new lab is a set of markers plus an entry in LABS below (docs/labs.md).
Python 3 standard library only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Every lab: its title, the test programs that grade it, what it asks
# (a paragraph for LAB.md) and what to read first.
LABS = {
    "cow": {
        "title": "Copy-on-write fork",
        "tests": ["test_cow"],
        "summary": (
            "fork() should not copy the parent's memory.  Instead the "
            "child shares every private page with its parent, read-only "
            "and marked PTE_COW, and the first write on either side copies "
            "the page (or, when no one else maps it any more, just makes "
            "it writable again).  In this tree fork copies every page at "
            "once (copy_pages_eagerly, what `make COW=0` builds), and a "
            "write fault on a copy-on-write page kills the process.  "
            "Write the three pieces: fork_entry() forks a private region "
            "with fork_cow(); table_protect_cow() write-protects the "
            "PTEs that both sides now share; fault_page() resolves the "
            "write fault, counting faults, copies and reuses in the "
            "vm.cow.* sysctls that test_cow reads."),
        "reading": ["docs/memory.md", "docs/bench.md"],
    },
    "vfork": {
        "title": "vfork and rfork flags",
        "tests": ["test_vfork", "test_rfork", "test_spawn"],
        "summary": (
            "vfork() makes a child that borrows its parent's address "
            "space; the parent must sleep until the child execs or "
            "exits, or both would run on one stack.  In this tree "
            "nothing waits.  Write the parent's wait and its release: "
            "do_fork() marks a RFPPWAIT child and its parent, userret() "
            "sends such a parent to vfork_wait() on its way out of the "
            "system call, and the child's exec (exec_commit) and exit "
            "(exit1) call vfork_release() to wake it.  Then two parts "
            "of rfork(2): the rules for its flags in "
            "fork_check_request(), and rfork without RFPROC, which "
            "changes the caller's own sharing (fork_norfproc()).  "
            "posix_spawn() is built on rfork(RFSPAWN), a vfork, so "
            "test_spawn grades the lab too."),
        "reading": ["docs/fork.md", "docs/man/vfork.2.md",
                    "docs/man/rfork.2.md", "docs/man/posix_spawn.3.md"],
    },
    "procdesc": {
        "title": "Process descriptors",
        "tests": ["test_procdesc"],
        "summary": (
            "pdfork() returns a file descriptor for the child (FreeBSD's "
            "process descriptors).  Making the descriptor is done; using "
            "it is not.  Write the three system calls, pdgetpid() (the "
            "pid behind a descriptor), pdkill() (signal it) and pdwait() "
            "(wait for it, like wait6), and procdesc_close(), the last "
            "close of a descriptor, which reaps a zombie child or lets a "
            "live one go to its reaper and kills it unless PD_DAEMON.  "
            "In this tree the calls fail with ENOSYS, and the last close "
            "kills the child but never reaps it."),
        "reading": ["docs/procdesc.md", "docs/man/pdfork.2.md",
                    "docs/man/pdwait.2.md", "docs/man/pdkill.2.md",
                    "docs/man/pdgetpid.2.md"],
    },
}

SOURCE_EXTS = (".c", ".h", ".S")
NAME = r"([A-Za-z][\w-]*)"
BEGIN_RE = re.compile(r"^(\s*)/\* LAB %s: begin(\s*\*/)?\s*$" % NAME)
END_RE = re.compile(r"^\s*/\* LAB %s: end \*/\s*$" % NAME)
STUB_RE = re.compile(r"^\s*/\* LAB %s: stub\s*$" % NAME)
CLOSE_RE = re.compile(r"^\s*\*/\s*$")
ANY_RE = re.compile(r"/\* LAB \S")
FUNC_RE = re.compile(r"^([A-Za-z_]\w*)\(")


class MarkerError(Exception):
    pass


class Region:
    """One marked region of a file."""

    def __init__(self, lab, path, indent):
        self.lab = lab
        self.path = path            # relative to the tree's top
        self.indent = indent
        self.hint = []              # the hint's lines, without " * "
        self.solution = []          # the solution's lines
        self.stub = None            # the stub's lines, or None
        self.line = 0               # 1-based line of the begin marker
        self.function = None        # the function it sits in, if any


def parse(path, text):
    """Split a source file into pieces: plain lines (str) and Regions.
    MarkerError for anything malformed."""
    lines = text.split("\n")
    pieces = []
    i = 0
    func = None

    def fail(n, msg):
        raise MarkerError("%s:%d: %s" % (path, n + 1, msg))

    while i < len(lines):
        line = lines[i]
        m = FUNC_RE.match(line)
        if m:
            func = m.group(1)
        m = BEGIN_RE.match(line)
        if not m:
            if ANY_RE.search(line):
                fail(i, "a LAB marker out of place (or misspelt): %s"
                     % line.strip())
            pieces.append(line)
            i += 1
            continue
        r = Region(m.group(2), path, m.group(1))
        r.line = i + 1
        r.function = func
        i += 1
        if not m.group(3):          # a hint follows, up to " */"
            while True:
                if i >= len(lines):
                    fail(r.line - 1, "the hint of lab %s never ends"
                         % r.lab)
                if CLOSE_RE.match(lines[i]):
                    i += 1
                    break
                h = lines[i].strip()
                last = h.endswith("*/")
                if last:            # "* the last words */"
                    h = h[:-2].rstrip()
                if h.startswith("*"):
                    h = h[1:]
                    if h.startswith(" "):
                        h = h[1:]
                r.hint.append(h.rstrip())
                i += 1
                if last:
                    break
        while True:                 # the solution, up to the end line
            if i >= len(lines):
                fail(r.line - 1, "lab %s's region has no end marker"
                     % r.lab)
            e = END_RE.match(lines[i])
            if e:
                if e.group(1) != r.lab:
                    fail(i, "lab %s's region ends as lab %s's"
                         % (r.lab, e.group(1)))
                i += 1
                break
            if ANY_RE.search(lines[i]):
                fail(i, "a LAB marker inside lab %s's region (regions "
                     "do not nest): %s" % (r.lab, lines[i].strip()))
            if FUNC_RE.match(lines[i]):
                func = FUNC_RE.match(lines[i]).group(1)
            r.solution.append(lines[i])
            i += 1
        if i < len(lines):
            s = STUB_RE.match(lines[i])
            if s:
                if s.group(1) != r.lab:
                    fail(i, "lab %s's stub after lab %s's region"
                         % (s.group(1), r.lab))
                start = i
                i += 1
                r.stub = []
                while True:
                    if i >= len(lines):
                        fail(start, "lab %s's stub never ends" % r.lab)
                    if CLOSE_RE.match(lines[i]):
                        i += 1
                        break
                    if "/*" in lines[i] or "*/" in lines[i]:
                        fail(i, "a comment inside lab %s's stub" % r.lab)
                    r.stub.append(lines[i])
                    i += 1
        pieces.append(r)
    return pieces


def render(pieces, lab):
    """The file's text for lab's student tree (lab None: every lab's
    solution as plain code)."""
    out = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
        elif p.lab != lab:
            out.extend(p.solution)
        else:
            ind = p.indent
            if p.hint:
                out.append("%s/* LAB %s: TODO" % (ind, lab))
                out.extend(("%s * %s" % (ind, h)).rstrip() for h in p.hint)
                out.append("%s */" % ind)
            else:
                out.append("%s/* LAB %s: TODO */" % (ind, lab))
            out.extend(p.stub or [])
    return "\n".join(out)


# ---- the tree ---------------------------------------------------------------

def tracked_files(top=REPO):
    """The repository's files, relative to top: git ls-files when this is
    a git checkout, else every file but build/ and caches."""
    try:
        p = subprocess.run(["git", "ls-files", "-z"], cwd=top,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           check=True)
        names = [n for n in p.stdout.decode().split("\0") if n]
        if names:
            return [n for n in names
                    if os.path.lexists(os.path.join(top, n))]
    except (OSError, subprocess.CalledProcessError):
        pass
    names = []
    for dirpath, dirnames, filenames in os.walk(top):
        rel = os.path.relpath(dirpath, top)
        dirnames[:] = sorted(d for d in dirnames if not (
            rel == "." and d == "build") and d not in (".git", "__pycache__"))
        for f in sorted(filenames):
            if rel == "." and f in ("results.json", "junit.xml"):
                continue
            names.append(os.path.normpath(os.path.join(rel, f)))
    return names


def scan(top=REPO, files=None):
    """{path: pieces} for every source file that holds a marker."""
    found = {}
    for rel in files if files is not None else tracked_files(top):
        if not rel.endswith(SOURCE_EXTS):
            continue
        path = os.path.join(top, rel)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        if "/* LAB " not in text:
            continue
        found[rel] = parse(rel, text)
    return found


def regions_of(found, lab=None):
    out = []
    for rel in sorted(found):
        out.extend(p for p in found[rel]
                   if not isinstance(p, str) and (lab is None or
                                                  p.lab == lab))
    return out


def check(found):
    """Problems with the markers as a whole (parse() found the rest)."""
    problems = []
    marked = set(r.lab for r in regions_of(found))
    for lab in sorted(marked - set(LABS)):
        problems.append("lab %s is marked in the source but has no entry "
                        "in LABS (tools/mklab.py)" % lab)
    for lab in sorted(set(LABS) - marked):
        problems.append("lab %s has no marked region in the source" % lab)
    return problems


def line_of(pieces, region, lab):
    """The 1-based line where region's TODO lands in lab's tree."""
    n = 1
    for p in pieces:
        if p is region:
            return n
        if isinstance(p, str):
            n += 1
        elif p.lab != lab:
            n += len(p.solution)
        else:
            n += (len(p.hint) + 2 if p.hint else 1) + len(p.stub or [])
    return n


def lab_md(lab, found):
    info = LABS[lab]
    tests = info["tests"]
    only = " ".join("--only %s" % t for t in tests)
    out = ["# Lab %s: %s" % (lab, info["title"]), ""]
    out += wrap(info["summary"]) + [""]
    out += ["## What to write", "",
            "Each place is marked with a comment `/* LAB %s: TODO` that "
            "holds a hint;" % lab,
            "the code below it is a stub that compiles and keeps the "
            "system running,",
            "but fails the lab's tests.  `grep -rn 'LAB %s' kernel` finds "
            "them all." % lab, ""]
    by_file = {}
    for rel in sorted(found):
        for p in found[rel]:
            if not isinstance(p, str) and p.lab == lab:
                by_file.setdefault(rel, []).append(p)
    for rel, regs in by_file.items():
        funcs = []
        for r in regs:
            f = r.function or "(outside any function)"
            if f not in funcs:
                funcs.append(f)
        out.append("- `%s`: %s" % (rel, ", ".join(
            "`%s()`" % f if not f.startswith("(") else f for f in funcs)))
    out.append("")
    out += ["### The hints", ""]
    for rel, regs in by_file.items():
        for r in regs:
            where = "%s:%d" % (rel, line_of(found[rel], r, lab))
            if r.function:
                where += ", in %s()" % r.function
            out.append("%s:" % where)
            out.append("")
            for h in r.hint or ["(no hint: see the code around it)"]:
                out.append("    " + h if h else "")
            out.append("")
    out += ["## Reading", ""]
    out += ["- %s" % d for d in info["reading"]
            if os.path.exists(os.path.join(REPO, d))]
    out += ["- docs/testing.md: how the tests and the grader work", ""]
    out += ["## Building, running and grading", "",
            "    make                   # build the kernel and the file "
            "system",
            "    make qemu              # run it (Ctrl-A X quits)",
            "    make grade-lab         # grade this lab: %s"
            % ", ".join(tests),
            "    make grade-lab CPUS=1  # the same on one hart",
            "",
            "or, with the grader's own options (`--help` lists them):", "",
            "    python3 tools/grade.py %s" % only,
            "    python3 tools/grade.py --cpus 1 %s" % only,
            "    python3 tools/grade.py --only %s:CASE   # one case"
            % tests[0], "",
            "A test passes when every case prints `ok`; the console of a "
            "failed test",
            "is saved in build/grade/CPUS/TEST.log.  Grade at CPUS=1 and "
            "at CPUS=3:",
            "some bugs only show when two harts run at once.  `make grade` "
            "runs every",
            "test, the lab's and the rest of the system's, which must "
            "keep passing.", ""]
    return "\n".join(out)


def wrap(text, width=72):
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = cur + " " + word if cur else word
    if cur:
        lines.append(cur)
    return lines


MAKEFILE_TAIL = """
# ---- lab %(lab)s (added by tools/mklab.py) ----------------------------------
LAB_TESTS = %(tests)s
grade-lab: deps all
\t$(PYTHON) tools/grade.py --cpus $(strip $(CPUS)) --mem $(strip $(MEM)) \\
\t  $(addprefix --only ,$(LAB_TESTS))
.PHONY: grade-lab
"""


def make_lab(lab, out, top=REPO, log=None):
    """Write lab's student tree into out (new or empty).  Returns the
    number of files written.  MarkerError, ValueError or OSError."""
    if lab not in LABS:
        raise ValueError("no lab %r (labs: %s)" % (lab, " ".join(
            sorted(LABS))))
    out = os.path.abspath(out)
    top = os.path.abspath(top)
    if out == top or top.startswith(out + os.sep):
        raise ValueError("OUT %s would hold the repository itself" % out)
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        raise ValueError("OUT %s exists and is not an empty directory"
                         % out)
    files = tracked_files(top)
    found = scan(top, files)
    problems = check(found)
    if problems:
        raise MarkerError("; ".join(problems))
    if not regions_of(found, lab):
        raise MarkerError("no region of lab %s in this tree (is it a "
                          "student tree already?)" % lab)
    os.makedirs(out, exist_ok=True)
    n = 0
    for rel in files:
        src = os.path.join(top, rel)
        dst = os.path.join(out, rel)
        if os.path.commonpath([out, os.path.abspath(dst)]) != out:
            continue                # a tracked path escaping the tree
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        elif rel in found:
            with open(dst, "w", encoding="utf-8",
                      errors="surrogateescape") as f:
                f.write(render(found[rel], lab))
            shutil.copymode(src, dst)
        else:
            shutil.copy2(src, dst)
        n += 1
    with open(os.path.join(out, "LAB.md"), "w") as f:
        f.write(lab_md(lab, found))
    mk = os.path.join(out, "Makefile")
    if os.path.exists(mk):
        with open(mk, "a") as f:
            f.write(MAKEFILE_TAIL % {"lab": lab,
                                     "tests": " ".join(LABS[lab]["tests"])})
    if log:
        log("mklab: lab %s (%s): %d files in %s; %d regions stubbed; "
            "read LAB.md" % (lab, LABS[lab]["title"], n + 1, out,
                             len(regions_of(found, lab))))
    return n + 1


def list_labs(found, out=sys.stdout):
    for lab in sorted(LABS):
        info = LABS[lab]
        print("%-9s %s; tests: %s" % (lab, info["title"],
                                      ", ".join(info["tests"])), file=out)
        for r in regions_of(found, lab):
            print("          %s:%d %s (%d lines%s)" % (
                r.path, r.line, (r.function or "-") + "()",
                len(r.solution), ", stub %d" % len(r.stub)
                if r.stub is not None else ", no stub"), file=out)


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Make a lab's student tree from the marked kernel: "
        "the lab's regions become a hint and a stub.",
        epilog="labs: " + ", ".join("%s (%s)" % (k, v["title"])
                                     for k, v in sorted(LABS.items())))
    p.add_argument("lab", nargs="?", help="the lab: %s" % ", ".join(
        sorted(LABS)))
    p.add_argument("out", nargs="?", help="a new (or empty) directory")
    p.add_argument("--list", action="store_true",
                   help="list the labs and their marked regions")
    p.add_argument("--check", action="store_true",
                   help="check the markers and exit")
    opts = p.parse_args(argv)
    try:
        if opts.list or opts.check:
            found = scan()
            problems = check(found)
            if opts.list:
                list_labs(found)
            for pr in problems:
                print("mklab: " + pr, file=sys.stderr)
            if opts.check and not problems:
                print("mklab: %d labs, %d regions in %d files: markers "
                      "are well formed" % (len(LABS),
                                           len(regions_of(found)),
                                           len(found)))
            return 1 if problems else 0
        if not opts.lab or not opts.out:
            p.print_usage(sys.stderr)
            print("mklab: want LAB and OUT (make lab LAB=name OUT=dir); "
                  "labs: %s" % " ".join(sorted(LABS)), file=sys.stderr)
            return 2
        make_lab(opts.lab, opts.out, log=print)
        return 0
    except (MarkerError, ValueError, OSError) as e:
        print("mklab: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
