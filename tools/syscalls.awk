# syscalls.awk: generate the system call glue from kernel/syscalls.master.
#
# usage: awk -v out=DIR -f tools/syscalls.awk kernel/syscalls.master
# writes DIR/sys/syscall.h, DIR/sysproto.h, DIR/sysent.c, DIR/syscalls.S
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
BEGIN {
	hdr = out "/sys/syscall.h"; proto = out "/sysproto.h"
	ent = out "/sysent.c"; stubs = out "/syscalls.S"
	gen = "/* Generated from kernel/syscalls.master by tools/syscalls.awk: do not edit. */"
	print gen > hdr
	print "#ifndef _SYS_SYSCALL_H_\n#define _SYS_SYSCALL_H_" > hdr
	print gen > proto
	print "#ifndef _SYSPROTO_H_\n#define _SYSPROTO_H_\n" > proto
	print "#include <sys/types.h>\n#include <sys/signal.h>\n#include <sys/time.h>\n#include <sys/resource.h>\n" > proto
	print "struct proc;\nstruct rusage;\nstruct pollfd;\nstruct timespec;\nstruct stat;\n" > proto
	print "/* Each argument fills one 64-bit register slot (little-endian). */" > proto
	print "#define SYSARG(type, name) union { type name; register_t name##_reg; }\n" > proto
	print gen > ent
	print "#include \"types.h\"\n#include \"sysproto.h\"\n#include <sys/syscall.h>\n" > ent
	print "const struct sysent sysent[] = {" > ent
	print gen > stubs
	print "/* User stubs: t0 = number, ecall; t0 != 0 on return means a0 is an errno. */" > stubs
	print "\t.text" > stubs
	max = 0
}
/^[ \t]*;/ || /^[ \t]*$/ { next }
{
	num = $1; kname = $2; uname = $3
	line = $0
	p = index(line, $4)
	pr = substr(line, p)
	lp = index(pr, "("); rp = index(pr, ")")
	head = trim(substr(pr, 1, lp - 1))
	args = trim(substr(pr, lp + 1, rp - lp - 1))
	n = 0
	if (args != "void" && args != "") {
		n = split(args, a, ",")
	}
	print "#define\tSYS_" kname "\t" num > hdr
	if (n > 0) {
		print "struct " kname "_args {" > proto
		for (i = 1; i <= n; i++) {
			arg = trim(a[i])
			match(arg, /[A-Za-z_][A-Za-z_0-9]*$/)
			aname = substr(arg, RSTART)
			atype = trim(substr(arg, 1, RSTART - 1))
			print "\tSYSARG(" atype ", " aname ");" > proto
		}
		print "};" > proto
	} else {
		print "struct " kname "_args {\n\tregister_t dummy;\n};" > proto
	}
	print "int\tsys_" kname "(struct proc *, struct " kname "_args *);\n" > proto
	names[num] = kname; nargs[num] = n
	if (num + 0 > max) max = num + 0
	if (uname != "-") {
		print "\n\t.globl " uname "\n\t.type " uname ", @function\n" uname ":" > stubs
		print "\tli\tt0, " num "\n\tecall\n\tbnez\tt0, 1f\n\tret\n1:\ttail\t__cerror" > stubs
		print "\t.size " uname ", . - " uname > stubs
	}
}
END {
	for (i = 0; i <= max; i++) {
		if (i in names)
			printf("\t[%d] = { %d, (sy_call_t *)sys_%s, \"%s\" },\n", i,
			    nargs[i], names[i], names[i]) > ent
	}
	print "};\n\nconst int nsysent = " max + 1 ";" > ent
	print "#define\tSYS_MAXSYSCALL\t" max + 1 > hdr
	print "#endif" > hdr
	print "typedef int sy_call_t(struct proc *, void *);" > proto
	print "struct sysent {\n\tint\t\tsy_narg;\n\tsy_call_t\t*sy_call;\n\tconst char\t*sy_name;\n};" > proto
	print "extern const struct sysent sysent[];\nextern const int nsysent;\n" > proto
	print "#endif" > proto
}
