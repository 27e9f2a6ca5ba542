#!/usr/bin/env python3
"""tools/fsck.py: check a file system image (kernel/dinode.h's format).

    python3 tools/fsck.py [--replay] [--strict] [-v] IMAGE

Checks, and reports every problem as an error or a warning:

- the superblock: magic, and a geometry that is the one mkfs computes
  (log, inodes, bitmap, data in that order, nothing overlapping);
- the log: empty (lh_n == 0), as the kernel leaves it after a clean
  shutdown or after its mount-time recovery.  With --replay a committed
  log is first installed in memory, as kernel/fs_log.c's log_init() does
  (the image file is never written), so that an image taken right after a
  crash can be checked;
- inodes: a known type (directory, regular file, character device), block
  pointers inside the data area, no block used twice (by one inode or by
  two), sizes within the blocks a file may have;
- directories: whole 64-byte entries, names NUL-terminated, without `/`,
  unique; every entry names an allocated inode; `.` names the directory
  and `..` its parent (the root's `..` is itself); each directory is named
  by exactly one entry (no hard links to directories);
- reachability and link counts: every inode reachable from the root has
  di_nlink equal to the entries naming it (a directory: its entry, its
  `.`, and one `..` per subdirectory: 2 + subdirectories, as BSD);
- the bitmap: every block in use is marked, every marked block is in use
  (metadata, or named by an inode), nothing past the end is marked.

An allocated inode that no directory names is an error if its link count
is not 0.  With a count of 0 it is an orphan: a file that was unlinked
while open, which the kernel frees only at the last close (iput() in
kernel/fs.c), so a crash while it is open leaves it (and its blocks)
allocated for good: the format allows that leak, so it is a warning
(an error with --strict).

Exit status 0 if there is no error, 1 if there is, 2 if the image cannot
be read.  Python 3 standard library only; importable: check_image(path,
replay=...) returns a Report, and Image reads files by path for tests.
"""

import argparse
import struct
import sys

BSIZE = 1024
MAGIC = 0x53467672
SBLOCK = 1
ROOTINO = 1
NDIRECT = 9
NINDIRECT = BSIZE // 4
IND = NDIRECT
DIND = NDIRECT + 1
NADDR = NDIRECT + 2
MAXFILEBLOCKS = NDIRECT + NINDIRECT + NINDIRECT * NINDIRECT
LOGMAX = BSIZE // 4 - 1
DINODE_SIZE = 64
INOPB = BSIZE // DINODE_SIZE
BPB = BSIZE * 8
DIRENT_SIZE = 64
MAXNAMLEN = 59

IFMT = 0o170000
IFCHR = 0o020000
IFDIR = 0o040000
IFREG = 0o100000

SUPER_FMT = "<9I"
DINODE_FMT = "<HHIIIHH%dI" % NADDR
assert struct.calcsize(DINODE_FMT) == DINODE_SIZE


class FsckError(Exception):
    """The image cannot be checked at all (unreadable, no superblock)."""


class Super:
    FIELDS = ("magic", "size", "ndata", "ninodes", "nlog", "logstart",
              "inodestart", "bmapstart", "datastart")

    def __init__(self, raw):
        for name, value in zip(self.FIELDS, struct.unpack_from(SUPER_FMT,
                                                                raw)):
            setattr(self, name, value)


class Inode:
    def __init__(self, inum, raw):
        (self.mode, self.nlink, self.uid, self.gid, self.size, self.major,
         self.minor) = struct.unpack_from("<HHIIIHH", raw)
        self.addrs = list(struct.unpack_from("<%dI" % NADDR, raw, 20))
        self.inum = inum

    @property
    def type(self):
        return self.mode & IFMT


class Image:
    """An image in memory, optionally with its committed log installed."""

    def __init__(self, path, replay=False):
        try:
            with open(path, "rb") as f:
                self.data = bytearray(f.read())
        except OSError as e:
            raise FsckError("cannot read %s: %s" % (path, e))
        self.path = path
        if len(self.data) < 2 * BSIZE:
            raise FsckError("%s: %d bytes, too small for a superblock"
                            % (path, len(self.data)))
        self.sb = Super(self.block(SBLOCK))
        self.replayed = 0           # log blocks installed by replay()
        self.log_n = None           # lh_n as found on disk
        if replay:
            self.replay()

    def nblocks(self):
        return len(self.data) // BSIZE

    def block(self, b):
        if b >= self.nblocks():
            raise FsckError("block %d is past the end of the image" % b)
        return memoryview(self.data)[b * BSIZE:(b + 1) * BSIZE]

    def log_header(self):
        raw = self.block(self.sb.logstart)
        n = struct.unpack_from("<I", raw)[0]
        homes = list(struct.unpack_from("<%dI" % LOGMAX, raw, 4))
        return n, homes

    def replay(self):
        """Install a committed log in memory, as log_init() does: copy log
        block i to its home lh_block[i], then clear the header.  Returns
        the number of blocks installed; raises FsckError for a header the
        kernel would refuse (it panics on lh_n > its capacity)."""
        sb = self.sb
        n, homes = self.log_header()
        self.log_n = n
        if n == 0:
            return 0
        if n > min(sb.nlog, LOGMAX):
            raise FsckError("log header names %d blocks, the log holds %d"
                            % (n, min(sb.nlog, LOGMAX)))
        for i in range(n):
            home = homes[i]
            if home < sb.inodestart or home >= sb.size:
                raise FsckError("log block %d has home %d, outside the "
                                "inode, bitmap and data areas" % (i, home))
            self.block(home)[:] = self.block(sb.logstart + 1 + i)
        self.block(sb.logstart)[0:4] = struct.pack("<I", 0)
        self.replayed = n
        return n

    def inode(self, inum):
        sb = self.sb
        b = inum // INOPB + sb.inodestart
        off = (inum % INOPB) * DINODE_SIZE
        return Inode(inum, self.block(b)[off:off + DINODE_SIZE])

    def u32s(self, b):
        return struct.unpack_from("<%dI" % NINDIRECT, self.block(b))

    def bmap(self, ip, fbn):
        """Disk block of file block fbn of ip, 0 for a hole."""
        if fbn < NDIRECT:
            return ip.addrs[fbn]
        fbn -= NDIRECT
        if fbn < NINDIRECT:
            ind = ip.addrs[IND]
            return self.u32s(ind)[fbn] if ind else 0
        fbn -= NINDIRECT
        dind = ip.addrs[DIND]
        if not dind:
            return 0
        l1 = self.u32s(dind)[fbn // NINDIRECT]
        return self.u32s(l1)[fbn % NINDIRECT] if l1 else 0

    def read(self, ip, off=0, n=None):
        """Bytes [off, off + n) of inode ip, cut at its size."""
        end = ip.size if n is None else min(ip.size, off + n)
        out = bytearray()
        while off < end:
            fbn, boff = divmod(off, BSIZE)
            m = min(BSIZE - boff, end - off)
            b = self.bmap(ip, fbn)
            if b == 0:
                out += bytes(m)
            else:
                out += self.block(b)[boff:boff + m]
            off += m
        return bytes(out)

    def entries(self, ip):
        """(offset, d_ino, raw name bytes) of every slot of directory ip."""
        data = self.read(ip)
        out = []
        for off in range(0, len(data) - DIRENT_SIZE + 1, DIRENT_SIZE):
            ino = struct.unpack_from("<I", data, off)[0]
            out.append((off, ino, data[off + 4:off + DIRENT_SIZE]))
        return out

    def lookup(self, path):
        """The inode path names, or None."""
        ip = self.inode(ROOTINO)
        for name in [p for p in path.split("/") if p]:
            if ip.type != IFDIR:
                return None
            found = None
            for _, ino, raw in self.entries(ip):
                if ino and raw.split(b"\0", 1)[0] == name.encode():
                    found = ino
                    break
            if found is None:
                return None
            ip = self.inode(found)
        return ip


class Report:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.warnings = []
        self.stats = {}

    def error(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        s = self.stats
        return ("%s: %d inodes in use (%d directories, %d orphans), %d "
                "blocks in use, log %s; %d error%s, %d warning%s" % (
                    self.path, s.get("inodes", 0), s.get("dirs", 0),
                    s.get("orphans", 0), s.get("blocks", 0),
                    s.get("log", "?"), len(self.errors),
                    "" if len(self.errors) == 1 else "s",
                    len(self.warnings),
                    "" if len(self.warnings) == 1 else "s"))

    def text(self, limit=None):
        lines = [self.summary()]
        errs = self.errors if limit is None else self.errors[:limit]
        lines += ["error: " + e for e in errs]
        if limit is not None and len(self.errors) > limit:
            lines.append("error: ... and %d more" % (len(self.errors) -
                                                     limit))
        warns = self.warnings if limit is None else self.warnings[:limit]
        lines += ["warning: " + w for w in warns]
        return "\n".join(lines)


def check_super(img, rep):
    sb = img.sb
    if sb.magic != MAGIC:
        raise FsckError("bad superblock magic %#x (want %#x)"
                        % (sb.magic, MAGIC))
    want_inodestart = sb.logstart + 1 + sb.nlog
    want_bmapstart = sb.inodestart + (sb.ninodes + INOPB - 1) // INOPB
    want_datastart = sb.bmapstart + (sb.size + BPB - 1) // BPB
    bad = []
    if sb.logstart != SBLOCK + 1:
        bad.append("log starts at %d, not %d" % (sb.logstart, SBLOCK + 1))
    if sb.nlog < 1:
        bad.append("no log blocks")
    if sb.inodestart != want_inodestart:
        bad.append("inodes start at %d, not %d" % (sb.inodestart,
                                                   want_inodestart))
    if sb.bmapstart != want_bmapstart:
        bad.append("bitmap starts at %d, not %d" % (sb.bmapstart,
                                                    want_bmapstart))
    if sb.datastart != want_datastart:
        bad.append("data starts at %d, not %d" % (sb.datastart,
                                                  want_datastart))
    if sb.ndata != sb.size - sb.datastart:
        bad.append("s_ndata %d, not s_size - s_datastart = %d"
                   % (sb.ndata, sb.size - sb.datastart))
    if sb.ninodes < 2:
        bad.append("%d inodes" % sb.ninodes)
    if sb.datastart >= sb.size:
        bad.append("no data blocks")
    if sb.size > img.nblocks():
        bad.append("s_size %d blocks, the image has %d" % (sb.size,
                                                          img.nblocks()))
    if bad:
        # Everything else depends on the geometry: stop here.
        raise FsckError("bad superblock: " + "; ".join(bad))
    if img.nblocks() != sb.size:
        rep.warn("the image has %d blocks, the superblock says %d"
                 % (img.nblocks(), sb.size))


def check_log(img, rep):
    n, homes = img.log_header()
    if img.replayed:
        rep.stats["log"] = "replayed (%d blocks)" % img.replayed
    elif n == 0:
        rep.stats["log"] = "empty"
    else:
        rep.stats["log"] = "holds %d blocks" % n
        rep.error("the log holds a committed transaction of %d blocks not "
                  "installed (boot once, or check with --replay)" % n)


def walk_blocks(img, ip, rep, owner, bad):
    """Every block ip uses (data and indirect), checking the pointers.
    Returns (list of (block, what), highest file block index mapped + 1).
    bad collects pointers outside the data area."""
    sb = img.sb
    out = []
    top = 0

    def ok(b, what):
        if sb.datastart <= b < sb.size:
            return True
        bad.append("inode %d: %s points to block %d, outside the data "
                   "area [%d, %d)" % (ip.inum, what, b, sb.datastart,
                                      sb.size))
        return False

    for i in range(NDIRECT):
        b = ip.addrs[i]
        if b and ok(b, "addrs[%d]" % i):
            out.append((b, "addrs[%d]" % i))
            top = i + 1
    ind = ip.addrs[IND]
    if ind and ok(ind, "its indirect block"):
        out.append((ind, "indirect block"))
        for j, b in enumerate(img.u32s(ind)):
            if b and ok(b, "indirect[%d]" % j):
                out.append((b, "indirect[%d]" % j))
                top = NDIRECT + j + 1
    dind = ip.addrs[DIND]
    if dind and ok(dind, "its double indirect block"):
        out.append((dind, "double indirect block"))
        for j, l1 in enumerate(img.u32s(dind)):
            if not l1 or not ok(l1, "double indirect[%d]" % j):
                continue
            out.append((l1, "double indirect[%d]" % j))
            for k, b in enumerate(img.u32s(l1)):
                if b and ok(b, "double indirect[%d][%d]" % (j, k)):
                    out.append((b, "double indirect[%d][%d]" % (j, k)))
                    top = NDIRECT + NINDIRECT + j * NINDIRECT + k + 1
    return out, top


def check_image(path, replay=False, strict=False):
    """Check the image at path; return a Report.  Raises FsckError only
    when the image cannot be checked at all."""
    rep = Report(path)
    img = Image(path)
    check_super(img, rep)
    if replay:
        img.replay()
    check_log(img, rep)
    check_fs(img, rep, strict)
    return rep


def check_fs(img, rep, strict=False):
    sb = img.sb
    inodes = {}
    for inum in range(sb.ninodes):
        ip = img.inode(inum)
        if inum == 0:
            if ip.mode != 0:
                rep.warn("inode 0 (never used) has mode %o" % ip.mode)
            continue
        if ip.mode == 0:
            if any(ip.addrs) or ip.size:
                rep.warn("free inode %d has size %d and block pointers %s"
                         % (inum, ip.size, ip.addrs))
            continue
        inodes[inum] = ip

    root = inodes.get(ROOTINO)
    if root is None or root.type != IFDIR:
        rep.error("the root, inode %d, is not an allocated directory"
                  % ROOTINO)

    # Blocks: who uses what.
    owner = {}                  # block -> (inum, what)
    for inum, ip in sorted(inodes.items()):
        t = ip.type
        if t not in (IFDIR, IFREG, IFCHR):
            rep.error("inode %d has unknown type %o (mode %o)"
                      % (inum, t, ip.mode))
            continue
        if t == IFCHR:
            if any(ip.addrs) or ip.size:
                rep.error("device inode %d has size %d or blocks"
                          % (inum, ip.size))
            continue
        bad = []
        blocks, top = walk_blocks(img, ip, rep, owner, bad)
        for msg in bad:
            rep.error(msg)
        for b, what in blocks:
            if b in owner:
                o = owner[b]
                rep.error("block %d used twice: inode %d (%s) and inode %d "
                          "(%s)" % (b, o[0], o[1], inum, what))
            else:
                owner[b] = (inum, what)
        if ip.size > MAXFILEBLOCKS * BSIZE:
            rep.error("inode %d: size %d is more than a file can hold"
                      % (inum, ip.size))
        nblk = (ip.size + BSIZE - 1) // BSIZE
        if top > nblk:
            # writei() can leave one after a fault or ENOSPC mid-write.
            rep.warn("inode %d: size %d (%d blocks) but file block %d is "
                     "mapped" % (inum, ip.size, nblk, top - 1))
        if t == IFDIR and ip.size % DIRENT_SIZE:
            rep.error("directory %d: size %d is not a multiple of %d"
                      % (inum, ip.size, DIRENT_SIZE))

    # Directories: the tree from the root.
    refs = {}                   # inum -> entries naming it
    parent = {ROOTINO: ROOTINO}
    reached = set()
    ndirs = 0
    queue = [ROOTINO] if root is not None and root.type == IFDIR else []
    reached.update(queue)
    while queue:
        dnum = queue.pop(0)
        dp = inodes[dnum]
        ndirs += 1
        names = set()
        dot = dotdot = None
        for idx, (off, ino, raw) in enumerate(img.entries(dp)):
            if ino == 0:
                continue
            nul = raw.find(b"\0")
            if nul < 0:
                rep.error("directory %d, offset %d: name not "
                          "NUL-terminated" % (dnum, off))
                continue
            name = raw[:nul].decode("latin-1")
            where = "directory %d, entry %r (offset %d)" % (dnum, name, off)
            if name == "" or "/" in name:
                rep.error("%s: bad name" % where)
                continue
            if name in names:
                rep.error("%s: duplicate name" % where)
            names.add(name)
            if ino >= sb.ninodes:
                rep.error("%s: inode %d out of range" % (where, ino))
                continue
            if ino not in inodes:
                rep.error("%s: names free inode %d" % (where, ino))
                continue
            refs[ino] = refs.get(ino, 0) + 1
            if name == ".":
                dot = ino
                if off != 0:
                    rep.warn("%s: not the first entry" % where)
                continue
            if name == "..":
                dotdot = ino
                if off != DIRENT_SIZE:
                    rep.warn("%s: not the second entry" % where)
                continue
            child = inodes[ino]
            if child.type == IFDIR:
                if ino in reached:
                    rep.error("%s: directory %d already named elsewhere "
                              "(or a loop)" % (where, ino))
                    continue
                reached.add(ino)
                parent[ino] = dnum
                queue.append(ino)
            else:
                reached.add(ino)
        if dot != dnum:
            rep.error("directory %d: `.` is %s, want %d" % (
                dnum, "missing" if dot is None else dot, dnum))
        if dotdot != parent[dnum]:
            rep.error("directory %d: `..` is %s, want %d" % (
                dnum, "missing" if dotdot is None else dotdot,
                parent[dnum]))

    # Link counts, orphans.
    norphans = 0
    for inum, ip in sorted(inodes.items()):
        n = refs.get(inum, 0)
        if inum in reached:
            if ip.nlink != n:
                rep.error("inode %d (%s): link count %d, but %d entries "
                          "name it" % (inum, typename(ip), ip.nlink, n))
        elif ip.nlink == 0:
            norphans += 1
            msg = ("inode %d (%s, %d bytes): orphan with no links (a file "
                   "unlinked while open when the system stopped); its "
                   "inode and blocks are leaked" % (inum, typename(ip),
                                                    ip.size))
            (rep.error if strict else rep.warn)(msg)
        else:
            rep.error("inode %d (%s, %d bytes, link count %d) is allocated "
                      "but no directory reachable from the root names it"
                      % (inum, typename(ip), ip.size, ip.nlink))

    # The bitmap.
    nbad_unmarked = nbad_leaked = 0
    used = 0
    for base in range(0, sb.size, BPB):
        bm = img.block(sb.bmapstart + base // BPB)
        for bi in range(BPB):
            b = base + bi
            marked = bool(bm[bi // 8] & (1 << (bi % 8)))
            if b >= sb.size:
                if marked:
                    rep.warn("bitmap marks block %d, past the end" % b)
                continue
            if marked:
                used += 1
            if b < sb.datastart:
                if not marked:
                    rep.error("metadata block %d is not marked in use" % b)
                continue
            if b in owner and not marked:
                nbad_unmarked += 1
                if nbad_unmarked <= 20:
                    rep.error("block %d is used by inode %d (%s) but free "
                              "in the bitmap" % (b, owner[b][0],
                                                 owner[b][1]))
            elif marked and b not in owner:
                nbad_leaked += 1
                if nbad_leaked <= 20:
                    rep.error("block %d is marked in use but no inode "
                              "uses it" % b)
    if nbad_unmarked > 20:
        rep.error("... %d blocks in all used but free in the bitmap"
                  % nbad_unmarked)
    if nbad_leaked > 20:
        rep.error("... %d blocks in all marked but unused" % nbad_leaked)

    rep.stats.update(inodes=len(inodes), dirs=ndirs, orphans=norphans,
                     blocks=used)
    return rep


def typename(ip):
    return {IFDIR: "directory", IFREG: "file", IFCHR: "device"}.get(
        ip.type, "type %o" % ip.type)


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Check a file system image: superblock, log, inodes, "
        "directories, link counts, bitmap.")
    p.add_argument("image")
    p.add_argument("--replay", action="store_true",
                   help="install a committed log (in memory) first, as the "
                   "kernel does at mount")
    p.add_argument("--strict", action="store_true",
                   help="count orphan inodes (unlinked while open) as errors")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list every problem (default: the first 50 of each)")
    opts = p.parse_args(argv)
    try:
        rep = check_image(opts.image, replay=opts.replay, strict=opts.strict)
    except FsckError as e:
        print("fsck: %s: %s" % (opts.image, e))
        return 2
    print("fsck: " + rep.text(None if opts.verbose else 50))
    return 0 if rep.ok else 1


if __name__ == "__main__":
    sys.exit(main())
