#!/usr/bin/env python3
"""docscheck: every code fact in docs/ must be true of the code.

Scans README.md and docs/**/*.md and checks two kinds of facts:

Paths.  A word whose first component is one of our top-level directories
(kernel/, user/, mkfs/, tools/, docs/, .ci/), or one of our top-level
files (Makefile, kernel.ld, .gdbinit, README.md, LICENSE, .clang-format,
.editorconfig), must name something that exists.  Also checked: the
target of every relative Markdown link, [text](path#anchor), relative to
the page that holds it.
  - A trailing ":123" (line number) or ":name" (gdb location) is dropped.
  - If the path does not exist as written, a word in capitals (NAME,
    CPUS) is a placeholder and "*" a glob: the path must then match at
    least one file (user/test_NAME.c matches user/test_fork.c).
  - build/ paths are not checked (they exist only after a build), nor
    are paths with any other first component: FreeBSD's and NetBSD's
    files (sys/kern/kern_fork.c, lib/libc/...) start with sys/, lib/,
    usr.bin/, tests/, ..., never with one of ours.

Names.  An inline code span that starts with a call, `name()` or
`name(args)`, names a function or macro that must be defined in kernel/,
user/, mkfs/ or tools/:
  - a C function definition in BSD style: "name(" at the start of a line;
  - a macro: "#define name";
  - an assembly label "name:" at the start of a line, or ".globl name";
  - a Python "def name(" or a shell function "name()";
  - a system call: the 2nd (kernel) and 3rd (libc stub) columns of
    kernel/syscalls.master, whose stubs are generated at build time.
`sizeof()` is accepted as C's; a span like `sysctl(3)` (name and manual
section only) is a reference to a manual page, not code, and is not
checked.  Only the head of the span is checked (in `rfork(RFPROC | RFTSIGFLAGS(x))`
that is rfork).  Fenced code blocks (```) are not read for names or
links (they hold prototypes), only for paths; indented blocks (gdb
sessions, shell commands) are read like text, and hold no code spans.

Opting out, for text about other systems or pseudo-code: a line holding
<!-- docscheck: skip --> is not checked, nor is anything between
<!-- docscheck: off --> and <!-- docscheck: on -->.

Prints each failure as file:line: message and exits 1 if there is any;
otherwise prints "docscheck: N names and M paths checked".  Python 3
standard library only; run from anywhere.
"""

import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TOP_DIRS = ("kernel", "user", "mkfs", "tools", "docs", ".ci")
SKIP_DIRS = ("build",)
TOP_FILES = ("Makefile", "kernel.ld", ".gdbinit", "README.md", "LICENSE",
             ".clang-format", ".editorconfig")
CODE_DIRS = ("kernel", "user", "mkfs", "tools")

# A path: one of our first components, then path characters.  Not
# preceded by a path character, so that the "kern/..." inside FreeBSD's
# "sys/kern/..." or "src/user/..." is never taken for one of ours.
PATH_RE = re.compile(
    r"(?<![\w./\-~$])((?:%s)/[\w.*/\-]*)" %
    "|".join(re.escape(d) for d in TOP_DIRS + SKIP_DIRS))
FILE_RE = re.compile(
    r"(?<![\w./\-])(%s)(?![\w/\-]|\.\w)" %
    "|".join(re.escape(f) for f in TOP_FILES))
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
SPAN_RE = re.compile(r"(`+)(.+?)\1")
CALL_RE = re.compile(r"^\s*([A-Za-z_]\w*)\(")
MANREF_RE = re.compile(r"^[A-Za-z_]\w*\(\d\w*\)$")  # sysctl(3): a manual page
C_OPERATORS = {"sizeof", "alignof", "_Alignof", "defined"}

SKIP_LINE = "<!-- docscheck: skip -->"
OFF = "<!-- docscheck: off -->"
ON = "<!-- docscheck: on -->"

DEF_PATTERNS = [
    re.compile(r"^([A-Za-z_]\w*)\s*\(", re.M),            # C, shell
    re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)", re.M),  # macro
    re.compile(r"^([A-Za-z_.$][\w.$]*):", re.M),           # asm label
    re.compile(r"^\s*\.globl\s+([A-Za-z_]\w*)", re.M),     # asm global
    re.compile(r"^\s*def\s+([A-Za-z_]\w*)\s*\(", re.M),    # Python
    re.compile(r"^\s*ENTRY\(([A-Za-z_]\w*)\)", re.M),      # asm macro
]
SOURCE_EXTS = (".c", ".h", ".S", ".s", ".py", ".sh", ".awk", ".ld")


def defined_names():
    """Every function, macro and label defined in our code."""
    names = set()
    for top in CODE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for fn in filenames:
                if not fn.endswith(SOURCE_EXTS):
                    continue
                try:
                    with open(os.path.join(dirpath, fn),
                              encoding="utf-8", errors="replace") as f:
                        text = f.read()
                except OSError:
                    continue
                for pat in DEF_PATTERNS:
                    names.update(pat.findall(text))
    master = os.path.join(ROOT, "kernel", "syscalls.master")
    with open(master, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith(";"):
                continue
            cols = line.split()
            if len(cols) >= 3:
                names.add(cols[1])
                names.add("sys_" + cols[1])
                if cols[2] != "-":
                    names.add(cols[2])
    return names


def doc_files():
    files = [os.path.join(ROOT, "README.md")]
    files += sorted(glob.glob(os.path.join(ROOT, "docs", "**", "*.md"),
                              recursive=True))
    return files


def path_exists(path):
    """Does repository path (relative to ROOT, maybe a glob) exist?"""
    if os.path.exists(os.path.join(ROOT, path)):
        return True
    # Placeholders in capitals (user/NAME.c, user/test_NAME.c,
    # build/grade/CPUS/) stand for any name: make them globs.
    pat = re.sub(r"(?<![A-Za-z])[A-Z][A-Z0-9]+(?![a-z])", "*", path)
    if pat == path and not any(c in path for c in "*?["):
        return False
    return bool(glob.glob(os.path.join(ROOT, pat)))


def clean_path(raw):
    """Trim prose punctuation, a :line or :function suffix."""
    p = raw.split(":")[0]
    p = p.rstrip(".,;)")
    return p


def strip_spans(line):
    return SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)


def check_file(md, names, failures, counts):
    rel_md = os.path.relpath(md, ROOT)
    with open(md, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_fence = False
    off = False
    for lineno, line in enumerate(lines, 1):
        if OFF in line:
            off = True
        if ON in line:
            off = False
            continue
        if off or SKIP_LINE in line:
            continue
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            continue
        where = "%s:%d" % (rel_md, lineno)

        # Paths, everywhere (code blocks too).
        for m in PATH_RE.finditer(line):
            p = clean_path(m.group(1))
            if p.split("/")[0] in SKIP_DIRS:
                continue
            counts["paths"] += 1
            if not path_exists(p):
                failures.append("%s: no such file: %s" % (where, p))
        for m in FILE_RE.finditer(line):
            counts["paths"] += 1
            if not path_exists(m.group(1)):
                failures.append("%s: no such file: %s" % (where, m.group(1)))

        if in_fence:
            continue  # a fenced block: paths only

        # Relative Markdown links.
        for m in LINK_RE.finditer(strip_spans(line)):
            target = m.group(1)
            if re.match(r"^[a-z][a-z0-9+.\-]*:", target) or \
                    target.startswith("#"):
                continue
            target = target.split("#")[0]
            full = os.path.normpath(os.path.join(os.path.dirname(md),
                                                 target))
            relt = os.path.relpath(full, ROOT)
            if relt.split(os.sep)[0] in SKIP_DIRS:
                continue
            counts["paths"] += 1
            if not os.path.exists(full):
                failures.append("%s: broken link: %s" % (where, target))

        # Names: `name()` or `name(args)` in inline code.
        for m in SPAN_RE.finditer(line):
            c = CALL_RE.match(m.group(2))
            if not c or MANREF_RE.match(m.group(2).strip()):
                continue
            name = c.group(1)
            counts["names"] += 1
            if name not in names and name not in C_OPERATORS:
                failures.append("%s: not defined in kernel/, user/, mkfs/ "
                                "or tools/: %s()" % (where, name))


def main():
    names = defined_names()
    failures = []
    counts = {"names": 0, "paths": 0}
    for md in doc_files():
        check_file(md, names, failures, counts)
    for f in failures:
        print(f)
    if failures:
        print("docscheck: %d failures" % len(failures))
        return 1
    print("docscheck: %d names and %d paths checked" %
          (counts["names"], counts["paths"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
