# .gdbinit: loaded by `make gdb` (gdb-multiarch -nx -x .gdbinit ...), so
# nobody has to edit gdb's auto-load safe-path.  The kernel's symbols come
# from build/kernel/kernel, given on the command line.
set confirm off
set pagination off
set architecture riscv:rv64
set disassemble-next-line auto
set print pretty on
# Each hart is a gdb thread; `info threads` lists them, `thread N` picks one.
# User programs: their symbols are in build/user/dbg/NAME, e.g.
#   add-symbol-file build/user/dbg/sh
# Where to start (docs/gdb.md has the walkthroughs):
#   break fork1        every process creation
#   break syscall      every system call
#   break do_trap_user every trap from user mode
# Kernel commands (tools/gdb/teachos.py; `help teachos`): ps, pt [PID],
# vmmap [PID], fdtable [PID], forkhelp [PATH], forkstep PATH.
source tools/gdb/teachos.py
