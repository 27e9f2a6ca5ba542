# tools/gdb/teachos.py: gdb commands for looking at the kernel's state.
#
# Loaded by .gdbinit (`source tools/gdb/teachos.py`); Python for
# gdb-multiarch 13, standard library only.  `help teachos` lists them:
#
#   ps                  the process table (like ^P), current process of
#                       each hart marked
#   pt [PID|ROOT|EXPR]  walk a user Sv39 page table: mappings coalesced,
#                       flags, COW marks, frame reference counts, shared
#                       level-0 tables
#   vmmap [PID|EXPR]    the regions of a process's vmspace
#   fdtable [PID|EXPR]  a process's fd table
#   forkhelp [PATH]     breakpoint recipes for each fork path
#   forkstep PATH|off   set those breakpoints, each printing what to see
#
# Without an argument, a command uses the current process of the hart of
# gdb's selected thread.  A PID is a decimal number; EXPR is any C
# expression of type struct proc * (or, for pt, struct vmspace * or
# struct pmap *, or a number: a physical root address).  Everything is
# read through the kernel's direct map (va = pa + DMAP_BASE), so gdb must
# be stopped (Ctrl-C) with the MMU on, i.e. after the kernel has booted.
# A hart stopped in user mode cannot read kernel pages through QEMU's gdb
# stub; the commands then set its $priv to supervisor while they read
# and restore it afterwards (see _KernelView).

import struct

import gdb

DMAP_BASE = 0xffffffc000000000
PGSHIFT = 12
PGSIZE = 1 << PGSHIFT
PID_MAX = 99999

PTE_V, PTE_R, PTE_W, PTE_X = 0x1, 0x2, 0x4, 0x8
PTE_U, PTE_G, PTE_A, PTE_D = 0x10, 0x20, 0x40, 0x80
PTE_COW = 0x100
PTE_RWX = PTE_R | PTE_W | PTE_X
PTE_PPN_SHIFT = 10

P_FLAGS = [(0x0001, "SYSTEM"), (0x0002, "WEXIT"), (0x0008, "OLDMASK"),
           (0x0010, "WAITED"), (0x0020, "CONTINUED"), (0x0040, "EXEC"),
           (0x0080, "REAPER"), (0x0200, "PPWAIT"), (0x0400, "PROCDESC")]
ENTRY_FLAGS = [(0x01, "TEXT"), (0x02, "HEAP"), (0x04, "STACK"),
               (0x08, "SHARED"), (0x10, "MMAP")]
INHERIT = {0: "share", 1: "copy", 2: "none", 3: "zero"}
FREAD, FWRITE, O_NONBLOCK, O_APPEND = 0x10000000, 0x20000000, 0x4, 0x8
UF_EXCLOSE = 0x01
DEVNAMES = {1: "console", 2: "null"}


class TeachosError(gdb.GdbError):
    pass


# ---- reading the kernel -----------------------------------------------------

def _read(addr, n):
    """n bytes at kernel virtual address addr."""
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, n))
    except gdb.MemoryError:
        raise TeachosError("cannot read %d bytes at 0x%x" % (n, addr))


# What the user had selected when the command started: the default
# process is the current one of that thread's hart.
_sel = {"num": None, "tp": None}


class _KernelView:
    """Make kernel memory readable for the length of a command.  A hart
    stopped in user mode cannot read the kernel's pages through QEMU's
    gdb stub (their PTEs have no U bit).  Then switch the hart to
    supervisor mode ($priv, QEMU's virtual register) while we read, and
    put it back afterwards; failing that, read through another hart."""

    def __enter__(self):
        th = gdb.selected_thread()
        _sel["num"] = th.num if th is not None else None
        try:
            _sel["tp"] = _addr(gdb.parse_and_eval("$tp"))
        except gdb.error:
            _sel["tp"] = None
        self.priv, self.thread = None, None
        if th is None:
            raise TeachosError("no thread: connect first (target remote)")
        probe = _addr(_sym("pcpu").address)
        if self._ok(probe):
            return self
        try:
            priv = int(gdb.parse_and_eval("$priv"))
            gdb.execute("set $priv = 1", to_string=True)
            self.priv = priv
            if self._ok(probe):
                return self
            self._restore()
        except gdb.error:
            pass
        for t in gdb.selected_inferior().threads():
            t.switch()
            if self._ok(probe):
                self.thread = th
                return self
        th.switch()
        raise TeachosError("cannot read kernel memory (is the kernel "
                           "running with the MMU on?)")

    @staticmethod
    def _ok(addr):
        try:
            gdb.selected_inferior().read_memory(addr, 8)
            return True
        except gdb.MemoryError:
            return False

    def _restore(self):
        if self.priv is not None:
            gdb.execute("set $priv = %d" % self.priv, to_string=True)
            self.priv = None

    def __exit__(self, *exc):
        self._restore()
        if self.thread is not None and self.thread.is_valid():
            self.thread.switch()
        return False


def _kernel(invoke):
    def wrapper(self, arg, from_tty):
        with _KernelView():
            return invoke(self, arg, from_tty)
    wrapper.__doc__ = invoke.__doc__
    return wrapper


def _sym(name):
    """The value of a global or file-static kernel variable."""
    s = gdb.lookup_global_symbol(name)
    if s is None:
        s = gdb.lookup_static_symbol(name)
    if s is None:
        raise TeachosError("no symbol %s: load build/kernel/kernel" % name)
    return s.value()


def _type(name):
    try:
        return gdb.lookup_type(name)
    except gdb.error:
        raise TeachosError("no type %s: load build/kernel/kernel" % name)


def _offset(t, field):
    for f in t.fields():
        if f.name == field:
            return f.bitpos // 8
    raise TeachosError("%s has no field %s" % (t, field))


def _addr(v):
    return int(v) & 0xffffffffffffffff


def _str(v, maxlen=64):
    """The C string at pointer v, or None for NULL."""
    a = _addr(v)
    if a == 0:
        return None
    out = b""
    while len(out) < maxlen:
        try:
            b = _read(a + len(out), 16)
        except gdb.GdbError:
            return "?"
        if b"\0" in b:
            return (out + b[:b.index(b"\0")]).decode("latin-1")
        out += b
    return out[:maxlen].decode("latin-1")


def _comm(p):
    try:
        return p["p_comm"].string().split("\0")[0]
    except (gdb.error, UnicodeDecodeError):
        return "?"


def _procs():
    """(slot, struct proc value) for every used slot, in table order.  The
    table is read in one go, then only the used slots field by field."""
    arr = _sym("proc")
    ptype = _type("struct proc")
    size = ptype.sizeof
    n = arr.type.sizeof // size
    base = _addr(arr.address)
    st = _offset(ptype, "p_state")
    raw = b""
    chunk = 64 * size
    for a in range(0, n * size, chunk):
        raw += _read(base + a, min(chunk, n * size - a))
    pptr = ptype.pointer()
    out = []
    for i in range(n):
        if struct.unpack_from("<i", raw, i * size + st)[0] != 0:
            out.append((i, gdb.Value(base + i * size).cast(pptr)
                        .dereference()))
    return out


def _harts():
    """(pcpu index, hartid, curproc address or 0) for each started hart."""
    pc = _sym("pcpu")
    n = pc.type.range()[1] + 1
    try:
        ncpu = int(_sym("ncpu"))
    except TeachosError:
        ncpu = n
    out = []
    for i in range(min(n, max(ncpu, 1))):
        out.append((i, int(pc[i]["pc_hartid"]),
                    _addr(pc[i]["pc_curproc"])))
    return out


def _selected_pcpu():
    """The pcpu index of the hart of the thread selected when the command
    started, or None."""
    pc = _sym("pcpu")
    base = _addr(pc.address)
    esz = pc.type.target().sizeof
    tp = _sel["tp"]
    if tp is not None and base <= tp < base + pc.type.sizeof and \
            (tp - base) % esz == 0:
        return (tp - base) // esz       # in the kernel: tp is the pcpu
    if _sel["num"] is None:
        return None
    hart = _sel["num"] - 1              # QEMU: one thread per hart, in order
    for i, hartid, _ in _harts():
        if hartid == hart:
            return i
    return None


def _proc_ptr(addr):
    return gdb.Value(addr).cast(_type("struct proc").pointer()).dereference()


def _curproc():
    i = _selected_pcpu()
    if i is None:
        raise TeachosError("cannot tell the selected thread's hart; "
                           "give a PID")
    cur = _addr(_sym("pcpu")[i]["pc_curproc"])
    if cur == 0:
        raise TeachosError("hart %d (pcpu[%d]) runs no process (idle); "
                           "give a PID (see ps)" % (
                               int(_sym("pcpu")[i]["pc_hartid"]), i))
    return _proc_ptr(cur)


def _find_pid(pid):
    for _, p in _procs():
        if int(p["p_pid"]) == pid and str(p["p_state"]) != "PRS_UNUSED":
            return p
    raise TeachosError("no process with pid %d (see ps)" % pid)


def _parse_int(arg):
    try:
        return int(arg, 0)
    except ValueError:
        return None


def _proc_arg(arg, what):
    """The struct proc named by arg: empty (current), a PID, or an EXPR."""
    arg = arg.strip()
    if not arg:
        return _curproc()
    n = _parse_int(arg)
    if n is not None:
        return _find_pid(n)
    try:
        v = gdb.parse_and_eval(arg)
    except gdb.error as e:
        raise TeachosError("%s: %s" % (what, e))
    t = v.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR and \
            str(t.target().strip_typedefs()) == "struct proc":
        return v.dereference()
    if str(t) == "struct proc":
        return v
    raise TeachosError("%s: want a PID or a struct proc *, not %s" %
                       (what, t))


def _describe(p):
    return "pid %d (%s)" % (int(p["p_pid"]), _comm(p))


def _sharers(field, addr, skip=None):
    """pids of the processes whose p_<field> is addr."""
    return [int(q["p_pid"]) for _, q in _procs()
            if _addr(q[field]) == addr and
            (skip is None or _addr(q.address) != skip)]


def _where(addr):
    """A readable name for a kernel address: a symbol, or a field of a
    slot of proc[]."""
    arr = _sym("proc")
    ptype = _type("struct proc")
    base = _addr(arr.address)
    if base <= addr < base + arr.type.sizeof:
        i, off = divmod(addr - base, ptype.sizeof)
        name = "+%d" % off if off else ""
        for f in ptype.fields() if off else ():
            if f.bitpos // 8 == off:
                name = "." + f.name
                break
        p = _proc_ptr(base + i * ptype.sizeof)
        return "&proc[%d]%s (pid %d)" % (i, name, int(p["p_pid"]))
    try:
        s = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
        if not s.startswith("No symbol"):
            return "&" + s.split(" in section")[0].replace(" + ", "+")
    except gdb.error:
        pass
    return "0x%x" % addr


def _flagnames(v, table):
    names = [n for bit, n in table if v & bit]
    rest = v & ~sum(bit for bit, _ in table)
    if rest:
        names.append("0x%x" % rest)
    return names


# ---- ps -----------------------------------------------------------------------

class Ps(gdb.Command):
    """ps: the process table, like the kernel's ^P list, read by gdb.
Columns: slot, pid, parent's pid, process group, state, p_flag names,
hart it last ran on, vmspace address, wait message and channel, name.
A `*` marks the current process of a hart (the HART column names it);
`[vforkwait]` marks a parent asleep until its vfork child execs."""

    def __init__(self):
        super().__init__("ps", gdb.COMMAND_DATA)

    @_kernel
    def invoke(self, arg, from_tty):
        cur = {}
        for i, hartid, pa in _harts():
            if pa:
                cur.setdefault(pa, []).append(hartid)
        print("  %4s %5s %5s %5s %-8s %-16s %3s %4s %-18s %-8s %-20s %s" % (
            "SLOT", "PID", "PPID", "PGID", "STATE", "FLAGS", "CPU", "HART",
            "VMSPACE", "WMESG", "COMMAND", "WCHAN"))
        count = 0
        for slot, p in _procs():
            count += 1
            addr = _addr(p.address)
            pptr = _addr(p["p_pptr"])
            ppid = int(_proc_ptr(pptr)["p_pid"]) if pptr else 0
            pg = _addr(p["p_pgrp"])
            pgid = int(p["p_pgrp"]["pg_id"]) if pg else 0
            state = str(p["p_state"]).replace("PRS_", "")
            fl = int(p["p_flag"])
            fls = ",".join(_flagnames(fl, P_FLAGS)) or "-"
            wmesg = _str(p["p_wmesg"]) or "-"
            wchan = _addr(p["p_wchan"])
            harts = cur.get(addr)
            extra = ""
            if int(p["p_vforkwait"]):
                extra += " [vforkwait]"
            print("%s %4d %5d %5d %5d %-8s %-16s %3d %4s 0x%016x %-8s %-20s "
                  "%s%s" % ("*" if harts else " ", slot, int(p["p_pid"]),
                            ppid, pgid, state, fls, int(p["p_cpu"]),
                            ",".join(str(h) for h in harts) if harts else "-",
                            _addr(p["p_vmspace"]), wmesg, _comm(p),
                            _where(wchan) if wchan else "-", extra))
        for i, hartid, pa in _harts():
            print("hart %d (pcpu[%d]): %s" % (
                hartid, i, _describe(_proc_ptr(pa)) if pa else "idle"))
        print("%d processes" % count)


# ---- pt -----------------------------------------------------------------------

class _Pages:
    """vm_page reference counts, read from vm_page_array in chunks."""

    CHUNK = 1024

    def __init__(self):
        self.first = _addr(_sym("first_pa"))
        self.last = _addr(_sym("last_pa"))
        self.array = _addr(_sym("vm_page_array"))
        t = _type("struct vm_page")
        self.size = t.sizeof
        self.off = _offset(t, "ref_count")
        self.cache = {}

    def ref(self, pa):
        if not self.first <= pa < self.last or not self.array:
            return None
        idx = (pa - self.first) >> PGSHIFT
        c, i = divmod(idx, self.CHUNK)
        if c not in self.cache:
            start = c * self.CHUNK
            n = min(self.CHUNK, ((self.last - self.first) >> PGSHIFT) - start)
            self.cache[c] = _read(self.array + start * self.size,
                                  n * self.size)
        return struct.unpack_from("<I", self.cache[c],
                                  i * self.size + self.off)[0]


def _table(pa):
    b = _read(DMAP_BASE + pa, PGSIZE)
    return struct.unpack("<512Q", b)


def _pte_pa(pte):
    return (pte >> PTE_PPN_SHIFT) << PGSHIFT


def pte_flags(pte):
    s = ("r" if pte & PTE_R else "-") + ("w" if pte & PTE_W else "-") + \
        ("x" if pte & PTE_X else "-")
    if pte & PTE_U:
        s += " u"
    if pte & PTE_G:
        s += " g"
    if pte & PTE_COW:
        s += " COW"
    return s


def walk(root):
    """Walk the user half of the Sv39 table at physical address root.
    Returns (leaves, tables): leaves are (va, size, pte, l0 table pa or
    None); tables are (level, pa, va of the first byte it maps)."""
    leaves, tables = [], [(2, root, 0)]
    t2 = _table(root)
    for i2 in range(256):           # 256..511: the kernel's half
        e2 = t2[i2]
        if not e2 & PTE_V:
            continue
        va2 = i2 << 30
        if e2 & PTE_RWX:
            leaves.append((va2, 1 << 30, e2, None))
            continue
        t1pa = _pte_pa(e2)
        tables.append((1, t1pa, va2))
        t1 = _table(t1pa)
        for i1 in range(512):
            e1 = t1[i1]
            if not e1 & PTE_V:
                continue
            va1 = va2 | (i1 << 21)
            if e1 & PTE_RWX:
                leaves.append((va1, 1 << 21, e1, None))
                continue
            t0pa = _pte_pa(e1)
            tables.append((0, t0pa, va1))
            t0 = _table(t0pa)
            for i0 in range(512):
                e0 = t0[i0]
                if e0 & PTE_V:
                    leaves.append((va1 | (i0 << 12), PGSIZE, e0, t0pa))
    return leaves, tables


def _size(n):
    for unit, shift in (("G", 30), ("M", 20), ("K", 10)):
        if n >= (1 << shift) and n % (1 << shift) == 0:
            return "%d%s" % (n >> shift, unit)
    return "%d" % n


def _pt_target(arg):
    """(root pa, description, vmspace address or 0) for pt's argument."""
    arg = arg.strip()
    n = _parse_int(arg) if arg else None
    if n is not None and n > PID_MAX:
        root = n - DMAP_BASE if n >= DMAP_BASE else n
        if root % PGSIZE:
            raise TeachosError("pt: 0x%x is not page aligned" % n)
        return root, "root 0x%x" % root, 0
    if arg and n is None:
        try:
            v = gdb.parse_and_eval(arg)
        except gdb.error as e:
            raise TeachosError("pt: %s" % e)
        t = v.type.strip_typedefs()
        if t.code == gdb.TYPE_CODE_PTR:
            name = str(t.target().strip_typedefs())
            if name == "struct vmspace":
                return (_addr(v["vm_pmap"]["pm_root"]),
                        "vmspace 0x%x" % _addr(v), _addr(v))
            if name == "struct pmap":
                return (_addr(v["pm_root"]), "pmap 0x%x" % _addr(v), 0)
        if t.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM):
            return _pt_target("%d" % int(v)) if int(v) <= PID_MAX else \
                _pt_target("0x%x" % _addr(v))
    p = _proc_arg(arg, "pt")
    vm = p["p_vmspace"]
    if _addr(vm) == 0:
        raise TeachosError("pt: %s has no vmspace" % _describe(p))
    return (_addr(vm["vm_pmap"]["pm_root"]),
            "%s vmspace 0x%x" % (_describe(p), _addr(vm)), _addr(vm))


class Pt(gdb.Command):
    """pt [PID | ROOT | EXPR]: walk a user Sv39 page table.
Without an argument: the current process of the selected hart.  PID: that
process's pmap.  ROOT: a number above 99999, a root table's physical (or
direct-map) address.  EXPR: a struct proc *, struct vmspace * or
struct pmap *.
Runs of pages with the same flags, consecutive frames (up or down) and
the same reference count print as one line: virtual range, pages, PTE
flags (r w x, u user, g global, COW copy-on-write), the frames of the
first and last page, and `ref N`, the frames' vm_page ref_count.  `L0 shared(N)` marks pages whose level-0
table (2 MiB of address space) is shared by N pmaps after a fork; the
frames such a table maps are held once, by the table."""

    def __init__(self):
        super().__init__("pt", gdb.COMMAND_DATA)

    @_kernel
    def invoke(self, arg, from_tty):
        root, desc, vmaddr = _pt_target(arg)
        pages = _Pages()
        leaves, tables = walk(root)
        print("pt: %s, root table pa 0x%x (va 0x%x)" % (
            desc, root, root + DMAP_BASE))
        print("  %-25s %5s  %-10s %-23s %-7s %s" % (
            "VIRTUAL", "PAGES", "FLAGS", "FRAMES", "REF", "TABLE"))
        shared = {}
        for lvl, pa, va in tables:
            if lvl == 0:
                r = pages.ref(pa)
                if r is not None and r > 1:
                    shared[pa] = r
        runs = []
        for va, size, pte, t0 in leaves:
            pa = _pte_pa(pte)
            key = (pte_flags(pte), pages.ref(pa),
                   t0 if t0 in shared else None, size)
            if runs:
                r = runs[-1]
                # Frames in order, up or down (the allocator hands them
                # out from the top down).
                step = r["step"] if r["n"] > 1 else pa - r["last"]
                if r["key"] == key and r["end"] == va and \
                        abs(step) == size and pa - r["last"] == step:
                    r["end"] += size
                    r["last"] = pa
                    r["step"] = step
                    r["n"] += 1
                    continue
            runs.append({"key": key, "start": va, "end": va + size,
                         "pa": pa, "last": pa, "step": 0, "n": 1})
        total = 0
        for r in runs:
            flags, ref, t0, size = r["key"]
            total += r["end"] - r["start"]
            tab = ""
            if t0 is not None:
                tab = "L0 0x%x shared(%d)" % (t0, shared[t0])
            if size != PGSIZE:
                tab = (tab + " " if tab else "") + "%s superpage" % \
                    _size(size)
            frames = "0x%x" % r["pa"] if r["n"] == 1 else \
                "0x%x..0x%x" % (r["pa"], r["last"])
            print("  0x%010x-0x%010x %5d  %-10s %-23s %-7s %s" % (
                r["start"], r["end"], r["n"], flags, frames,
                "ref %s" % ("?" if ref is None else ref), tab))
        nl1 = sum(1 for t in tables if t[0] == 1)
        nl0 = sum(1 for t in tables if t[0] == 0)
        ptp = ""
        if vmaddr:
            vm = gdb.Value(vmaddr).cast(_type("struct vmspace").pointer())
            ptp = "; pm_ptpages %d" % int(vm["vm_pmap"]["pm_ptpages"])
        print("%d pages mapped (%s); page tables: root, %d L1, %d L0 "
              "(%d shared)%s" % (total // PGSIZE,
                                 _size(total) if total else "0", nl1, nl0,
                                 len(shared), ptp))
        for lvl, pa, va in tables:
            if pa in shared:
                print("  L0 table 0x%x maps 0x%010x-0x%010x: shared by %d "
                      "pmaps" % (pa, va, va + (1 << 21), shared[pa]))


# ---- vmmap --------------------------------------------------------------------

def _prot(v):
    return ("r" if v & 1 else "-") + ("w" if v & 2 else "-") + \
        ("x" if v & 4 else "-")


class Vmmap(gdb.Command):
    """vmmap [PID | EXPR]: the regions (vm_map_entry list) of a process's
vmspace, with the vmspace's address and reference count: processes that
share an address space (vfork, RFMEM, CLONE_VM) show the same address.
Columns: start, end, size, protection, inheritance across fork, flags
(TEXT, HEAP, STACK, SHARED for MAP_SHARED, MMAP)."""

    def __init__(self):
        super().__init__("vmmap", gdb.COMMAND_DATA)

    @_kernel
    def invoke(self, arg, from_tty):
        p = _proc_arg(arg, "vmmap")
        vm = p["p_vmspace"]
        vma = _addr(vm)
        if vma == 0:
            raise TeachosError("vmmap: %s has no vmspace" % _describe(p))
        others = _sharers("p_vmspace", vma, skip=_addr(p.address))
        print("vmmap: %s vmspace 0x%x refcnt %d%s" % (
            _describe(p), vma, int(vm["vm_refcnt"]),
            " shared with pid %s" % ", ".join(map(str, others))
            if others else ""))
        pm = vm["vm_pmap"]
        print("  pmap root pa 0x%x, %d page-table pages, active mask 0x%x" %
              (_addr(pm["pm_root"]), int(pm["pm_ptpages"]),
               _addr(pm["pm_active"])))
        print("  heap 0x%x break 0x%x; pages: text %d, data %d, stack %d" % (
            _addr(vm["vm_daddr"]), _addr(vm["vm_brk"]), int(vm["vm_tsize"]),
            int(vm["vm_dsize"]), int(vm["vm_ssize"])))
        print("  %-12s %-12s %6s %-4s %-7s %s" % (
            "START", "END", "SIZE", "PROT", "INHERIT", "FLAGS"))
        e = vm["vm_entries"]
        n = 0
        while _addr(e) and n < 10000:
            s, t = _addr(e["start"]), _addr(e["end"])
            inh = int(e["inheritance"])
            print("  0x%010x 0x%010x %6s %-4s %-7s %s" % (
                s, t, _size(t - s), _prot(int(e["prot"])),
                INHERIT.get(inh, str(inh)),
                " ".join(_flagnames(int(e["flags"]), ENTRY_FLAGS)) or "-"))
            e = e["next"]
            n += 1
        print("%d regions" % n)


# ---- fdtable ------------------------------------------------------------------

def _inode(ip):
    if _addr(ip) == 0:
        return "no inode"
    return "inode %d/%d" % (int(ip["i_dev"]), int(ip["i_inum"]))


class Fdtable(gdb.Command):
    """fdtable [PID | EXPR]: a process's file descriptor table.
Shows the filedesc's address and reference count (shared by rfork
without RFFDG and __clone(CLONE_FILES)), then per open fd: the struct
file, its type, f_count, offset, flags (r, w, append, nonblock, cloexec
for close-on-exec) and what it refers to."""

    def __init__(self):
        super().__init__("fdtable", gdb.COMMAND_DATA)

    @_kernel
    def invoke(self, arg, from_tty):
        p = _proc_arg(arg, "fdtable")
        fdp = p["p_fd"]
        fda = _addr(fdp)
        if fda == 0:
            print("fdtable: %s has no fd table" % _describe(p))
            return
        others = _sharers("p_fd", fda, skip=_addr(p.address))
        print("fdtable: %s filedesc 0x%x refcnt %d%s" % (
            _describe(p), fda, int(fdp["fd_refcnt"]),
            " shared with pid %s" % ", ".join(map(str, others))
            if others else ""))
        pwd = p["p_pwd"]
        if _addr(pwd):
            print("  pwd 0x%x refcnt %d: cwd %s, umask %03o" % (
                _addr(pwd), int(pwd["pwd_refcnt"]), _inode(pwd["pwd_cdir"]),
                int(pwd["pwd_cmask"])))
        print("  %3s %-18s %-8s %4s %8s %-18s %s" % (
            "FD", "FILE", "TYPE", "REF", "OFFSET", "FLAGS", "OBJECT"))
        ofiles, oflags = fdp["fd_ofiles"], fdp["fd_oflags"]
        n = 0
        for fd in range(ofiles.type.range()[1] + 1):
            fp = ofiles[fd]
            if _addr(fp) == 0:
                continue
            n += 1
            f = fp.dereference()
            ty = str(f["f_type"]).replace("DTYPE_", "").lower()
            ff = int(f["f_flag"])
            fl = [x for bit, x in ((FREAD, "r"), (FWRITE, "w"),
                                   (O_APPEND, "append"),
                                   (O_NONBLOCK, "nonblock")) if ff & bit]
            if int(oflags[fd]) & UF_EXCLOSE:
                fl.append("cloexec")
            if ty == "vnode":
                obj = _inode(f["f_inode"])
            elif ty == "dev":
                major = int(f["f_major"])
                ip = f["f_inode"]
                obj = "%s (major %d%s), %s" % (
                    DEVNAMES.get(major, "dev%d" % major), major,
                    ", minor %d" % int(ip["i_minor"]) if _addr(ip) else "",
                    _inode(ip))
            elif ty == "pipe":
                obj = "pipe 0x%x, %s end" % (
                    _addr(f["f_pipe"]),
                    "write" if int(f["f_pipewr"]) else "read")
            elif ty == "procdesc":
                pd = f["f_procdesc"]
                obj = "procdesc 0x%x pid %d" % (
                    _addr(pd), int(pd["pd_pid"])) if _addr(pd) else "procdesc"
            else:
                obj = "- (reserved, not set up yet)"
            print("  %3d 0x%016x %-8s %4d %8d %-18s %s" % (
                fd, _addr(fp), ty, int(f["f_count"]), int(f["f_offset"]),
                ",".join(fl) or "-", obj))
        print("%d open" % n)


# ---- the fork paths ------------------------------------------------------------

# For each path: the demo to type, then (location, what it is, expressions
# worth printing there).  Every location is a kernel function (some are
# inlined by -O; gdb still stops at each inlined copy) or, for user code,
# a libc/demo function whose symbols come from build/user/dbg/NAME.
FORK_PATHS = [
    ("fork", "forkdemo", "sys_fork -> fork_syscall -> fork1; the child "
     "gets a copy-on-write copy of the address space (vmspace_fork)", [
         ("sys_fork", "the system call, in the parent",
          ["p->p_pid", "p->p_comm"]),
         ("fork1", "the request (every fork stops here): fr_flags 0x14 = "
          "RFFDG|RFPROC",
          ["/x fr->fr_flags", "p1->p_pid"]),
         ("vmspace_fork", "the address space is copied: look with "
          "`vmmap` and `pt` on the parent afterwards (COW marks)",
          ["vm1", "vm1->vm_refcnt"]),
         ("do_fork", "the child gets its pid and is made runnable",
          ["pid", "p2->p_comm", "/x p2->p_ctx.ra"]),
         ("fork_exit", "the child's first run (fork_trampoline)",
          ["((struct pcpu *)$tp)->pc_curproc->p_pid", "frame->tf_a[0]",
           "/x frame->tf_sepc"]),
     ]),
    ("vfork", "vforkdemo", "sys_vfork: RFPPWAIT|RFMEM; the child borrows "
     "the parent's vmspace, the parent sleeps on ppwait until the child "
     "execs or exits", [
         ("sys_vfork", "the system call", ["p->p_pid"]),
         ("fork1", "fr_flags RFFDG|RFPROC|RFPPWAIT|RFMEM",
          ["/x fr->fr_flags"]),
         ("vmspace_hold", "RFMEM: the vmspace is shared, not copied",
          ["vm", "vm->vm_refcnt"]),
         ("vfork_wait", "the parent, from userret(): sleeps on "
          "p_vforkwait (`ps` shows ppwait; `vmmap` the same vmspace for "
          "both)", ["p->p_pid", "p->p_vforkwait"]),
         ("fork_exit", "the child's first run, on the parent's stack",
          ["((struct pcpu *)$tp)->pc_curproc->p_pid", "/x frame->tf_sp"]),
         ("vfork_release", "from exec_commit (or exit1): the parent may "
          "run again (p_vforkparent is NULL unless a vfork child)",
          ["child->p_pid", "child->p_vforkparent"]),
     ]),
    ("rfork", "rforkdemo RFPROC RFTSIGZMB 31", "sys_rfork: the caller's "
     "flags, checked, then fork1; try also `rforkdemo RFFDG` "
     "(fork_norfproc) and `rforkdemo RFSPAWN` (sig_drop_caught)", [
         ("sys_rfork", "the flags as given", ["/x uap->flags"]),
         ("fork_check_request", "EINVAL for bad combinations",
          ["/x flags"]),
         ("fork_norfproc", "rfork without RFPROC changes the caller",
          ["/x flags"]),
         ("do_fork", "p2->p_exitsig comes from fork_exitsig",
          ["pid", "/x fr->fr_flags"]),
     ]),
    ("rfork_thread", "rforkdemo RFPROC RFMEM RFSIGSHARE", "libc's "
     "rfork_thread (user/lib/rfork_thread.S) calls rfork(2) and switches "
     "the child to its own stack; add-symbol-file "
     "build/user/dbg/rforkdemo for the user side (break rfork_thread)", [
         ("sys_rfork", "RFPROC|RFMEM|RFSIGSHARE", ["/x uap->flags"]),
         ("vmspace_hold", "RFMEM: one vmspace for both", ["vm->vm_refcnt"]),
         ("fork_exit", "the child: its stack is in s1 (tf_s[1])",
          ["/x frame->tf_s[1]", "/x frame->tf_sp"]),
     ]),
    ("__clone", "clonedemo", "sys_clone translates CLONE_* into RF* "
     "flags and a stack; add-symbol-file build/user/dbg/clonedemo, "
     "break add_one for fn(arg) in the child", [
         ("sys_clone", "CLONE_* flags, exit signal, stack",
          ["/x uap->flags", "uap->stack"]),
         ("fork1", "the translated request",
          ["/x fr->fr_flags", "/x fr->fr_flags2", "fr->fr_stack"]),
         ("fork_exit", "the child starts on the given stack",
          ["/x frame->tf_sp"]),
     ]),
    ("posix_spawn", "spawndemo", "libc posix_spawn -> rfork(RFSPAWN): "
     "vfork's flags plus FR2_DROPSIG_CAUGHT; add-symbol-file "
     "build/user/dbg/spawndemo, break spawn_child for the child in libc", [
         ("sys_rfork", "uap->flags 0x80000000 = RFSPAWN", ["/x uap->flags"]),
         ("sig_drop_caught", "the child's caught signals back to default",
          ["p->p_pid"]),
         ("vfork_wait", "the parent sleeps on ppwait", ["p->p_pid"]),
         ("vfork_release", "exec_commit (or exit1 on a failed spawn)",
          ["child->p_pid"]),
     ]),
    ("pdfork", "pddemo", "sys_pdfork: RFFDG|RFPROC|RFPROCDESC; the "
     "descriptor is reserved before the slot (procdesc_falloc) and joined "
     "in do_fork; `fdtable` shows it as type procdesc", [
         ("sys_pdfork", "the system call", ["uap->flags"]),
         ("procdesc_falloc", "the descriptor is reserved (step 6)",
          ["pdflags"]),
         ("do_fork", "procdesc_new links the child and the descriptor",
          ["pid", "/x fr->fr_flags"]),
     ]),
    ("kproc_create", "(at boot: set the breakpoints before the first "
     "continue)", "kproc_create: RFMEM|RFFDG|RFPROC|RFSTOPPED|RFHIGHPID "
     "from proc0, FR2_KPROC; the pagezero kernel process", [
         ("kproc_create", "from start_pagezero at boot", ["name"]),
         ("fork1", "parent proc0, fr_flags2 FR2_KPROC",
          ["/x fr->fr_flags", "fr->fr_flags2", "fr->fr_name"]),
         ("vm_pagezero", "its first run, through fork_exit",
          ["((struct pcpu *)$tp)->pc_curproc->p_pid"]),
     ]),
]


def _path(name):
    for path in FORK_PATHS:
        if path[0] == name:
            return path
    raise TeachosError("unknown fork path %r; one of: %s" % (
        name, ", ".join(p[0] for p in FORK_PATHS)))


class Forkhelp(gdb.Command):
    """forkhelp [PATH]: breakpoint recipes for the fork paths (fork, vfork,
rfork, rfork_thread, __clone, posix_spawn, pdfork, kproc_create): the
breakpoints to set, what to type at the shell, what to print at each
stop.  `forkstep PATH` sets them for you.  docs/fork.md has the full
walkthroughs."""

    def __init__(self):
        super().__init__("forkhelp", gdb.COMMAND_SUPPORT)

    def invoke(self, arg, from_tty):
        names = arg.split() or [p[0] for p in FORK_PATHS]
        for name in names:
            path, demo, what, stops = _path(name)
            print("== %s: %s" % (path, what))
            print("   (at the shell: %s; use CPUS=1)" % demo)
            for loc, note, exprs in stops:
                print("   break %-20s # %s" % (loc, note))
                for e in exprs:
                    cmd = "p" + e if e.startswith("/") else "p " + e
                    print("       %s" % cmd)
            print("   then: ps, vmmap PID, pt PID, fdtable PID at any stop")
        if not arg.split():
            print("forkstep PATH sets these breakpoints; forkstep off "
                  "deletes them.")


class _ForkStepBP(gdb.Breakpoint):
    """A stage of forkstep: prints the stage and its values, then stops.
    With comm, only where the current process or its parent is named
    comm (so that the shell's own forks pass by)."""

    def __init__(self, path, n, total, loc, note, exprs, comm):
        super().__init__(loc, internal=False)
        self.fs = (path, n, total, loc, note, exprs)
        self.comm = comm

    def _wanted(self):
        if not self.comm:
            return True
        try:
            p = gdb.parse_and_eval("((struct pcpu *)$tp)->pc_curproc")
            if _addr(p) == 0:
                return True
            names = [_comm(p)]
            if _addr(p["p_pptr"]):
                names.append(_comm(p["p_pptr"]))
            return self.comm in names
        except gdb.error:
            return True

    def stop(self):
        if not self._wanted():
            return False
        path, n, total, loc, note, exprs = self.fs
        print("forkstep %s %d/%d %s: %s" % (path, n, total, loc, note))
        for e in exprs:
            fmt = ""
            if e.startswith("/"):
                fmt, e = e[1], e.split(None, 1)[1]
            try:
                v = gdb.parse_and_eval(e)
                s = v.format_string(format=fmt) if fmt else str(v)
            except gdb.error as err:
                s = "<%s>" % err
            print("    %s = %s" % (e, s))
        return True


_forksteps = []


class Forkstep(gdb.Command):
    """forkstep PATH [COMM|-] | off: a walkthrough of one fork path.  Sets
a breakpoint at each stage of PATH (see forkhelp); at each stop it prints
the stage, what happens there and the values worth seeing.  It stops
only in a process named COMM or its children (default: PATH's demo
program, so that the shell's own fork passes by; `-`: everywhere).
`continue` to go on; `forkstep off` deletes the breakpoints.  Without an
argument, lists the paths."""

    def __init__(self):
        super().__init__("forkstep", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if not arg:
            print("forkstep PATH, PATH one of: %s" %
                  ", ".join(p[0] for p in FORK_PATHS))
            return
        for bp in _forksteps:
            if bp.is_valid():
                bp.delete()
        del _forksteps[:]
        if arg == "off":
            print("forkstep: breakpoints deleted")
            return
        words = arg.split()
        path, demo, what, stops = _path(words[0])
        comm = demo.split()[0] if not demo.startswith("(") else ""
        if len(words) > 1:
            comm = "" if words[1] == "-" else words[1]
        for i, (loc, note, exprs) in enumerate(stops):
            _forksteps.append(_ForkStepBP(path, i + 1, len(stops), loc,
                                          note, exprs, comm))
        print("forkstep %s: %s" % (path, what))
        if comm:
            print("stops only in %s and its children (forkstep %s - for "
                  "every process)" % (comm, path))
        print("%d breakpoints set; continue, then type at the shell: %s" %
              (len(stops), demo))


class Teachos(gdb.Command):
    """teachos: gdb commands for this kernel (tools/gdb/teachos.py).
  ps                  the process table; * marks each hart's process
  pt [PID|ROOT|EXPR]  walk a user page table (COW, refs, shared L0)
  vmmap [PID|EXPR]    a process's regions and its vmspace
  fdtable [PID|EXPR]  a process's fd table
  forkhelp [PATH]     breakpoint recipes for each fork path
  forkstep PATH|off   set those breakpoints, each printing what to see
Without a PID: the current process of the selected thread's hart.
`help CMD` says more."""

    def __init__(self):
        super().__init__("teachos", gdb.COMMAND_SUPPORT)

    def invoke(self, arg, from_tty):
        print(self.__doc__)


Ps()
Pt()
Vmmap()
Fdtable()
Forkhelp()
Forkstep()
Teachos()
