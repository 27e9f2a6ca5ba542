/*
 * fdt.c: a small reader for the flattened device tree (devicetree spec
 * v0.4, chapter 5): memory size, harts and their ISA, timer frequency.
 */
#include "types.h"
#include "param.h"
#include "systm.h"
#include "memlayout.h"
#include "fdt.h"

#define	FDT_MAGIC	0xd00dfeed
#define	FDT_BEGIN_NODE	1
#define	FDT_END_NODE	2
#define	FDT_PROP	3
#define	FDT_NOP		4
#define	FDT_END		9

struct boot_info bootinfo;

static uint32
be32(const void *p)
{
	const uchar *b = p;

	return ((uint32)b[0] << 24 | (uint32)b[1] << 16 | (uint32)b[2] << 8 |
	    b[3]);
}

static uint64
be64(const void *p)
{
	return ((uint64)be32(p) << 32 | be32((const uchar *)p + 4));
}

static int
has_prefix(const char *s, const char *prefix)
{
	return (strncmp(s, prefix, strlen(prefix)) == 0);
}

/* Does the ISA string name the extension ext (in its _ext list)? */
static int
isa_has(const char *isa, const char *ext)
{
	size_t n = strlen(ext);
	const char *p;

	for (p = isa; (p = strchr(p, '_')) != NULL; p++)
		if (strncmp(p + 1, ext, n) == 0 &&
		    (p[1 + n] == '\0' || p[1 + n] == '_'))
			return (1);
	return (0);
}

int
fdt_parse(paddr_t dtb_pa)
{
	const uchar *fdt = (const uchar *)PHYS_TO_DMAP(dtb_pa);
	const uchar *structs, *p;
	const char *strings, *node[8];
	int depth = 0, cpu_ok = 0, cpu_reg = -1;
	uint32 tok, len;

	if (be32(fdt) != FDT_MAGIC)
		return (EINVAL);
	bootinfo.dtb_start = dtb_pa;
	bootinfo.dtb_size = be32(fdt + 4);
	structs = fdt + be32(fdt + 8);
	strings = (const char *)fdt + be32(fdt + 12);
	bootinfo.timebase = 10000000;

	for (p = structs;;) {
		tok = be32(p);
		p += 4;
		if (tok == FDT_END)
			break;
		switch (tok) {
		case FDT_BEGIN_NODE:
			if (depth < (int)nitems(node))
				node[depth] = (const char *)p;
			depth++;
			p += roundup(strlen((const char *)p) + 1, 4);
			if (depth == 3 && has_prefix(node[1], "cpus") &&
			    has_prefix(node[2], "cpu@")) {
				cpu_ok = 1;
				cpu_reg = -1;
			}
			break;
		case FDT_END_NODE:
			if (depth == 3 && has_prefix(node[1], "cpus") &&
			    has_prefix(node[2], "cpu@") && cpu_ok &&
			    cpu_reg >= 0 && bootinfo.nharts < MAXCPU)
				bootinfo.hartids[bootinfo.nharts++] = cpu_reg;
			depth--;
			break;
		case FDT_PROP: {
			const char *name;
			const uchar *val;

			len = be32(p);
			name = strings + be32(p + 4);
			val = p + 8;
			p += 8 + roundup(len, 4);
			if (depth == 2 && has_prefix(node[1], "memory") &&
			    strcmp(name, "reg") == 0 && len >= 16 &&
			    bootinfo.mem_size == 0) {
				bootinfo.mem_start = be64(val);
				bootinfo.mem_size = be64(val + 8);
			} else if (depth == 2 && has_prefix(node[1], "cpus") &&
			    strcmp(name, "timebase-frequency") == 0)
				bootinfo.timebase = be32(val);
			else if (depth == 3 && has_prefix(node[1], "cpus") &&
			    has_prefix(node[2], "cpu@")) {
				if (strcmp(name, "reg") == 0)
					cpu_reg = be32(val);
				else if (strcmp(name, "status") == 0)
					cpu_ok = strcmp((const char *)val,
					    "okay") == 0;
				else if (strcmp(name, "riscv,isa") == 0 &&
				    bootinfo.isa[0] == '\0')
					strlcpy(bootinfo.isa, (const char *)val,
					    sizeof(bootinfo.isa));
			}
			break;
		}
		case FDT_NOP:
			break;
		default:
			return (EINVAL);
		}
	}
	bootinfo.has_sstc = isa_has(bootinfo.isa, "sstc");
	return (bootinfo.mem_size != 0 && bootinfo.nharts > 0 ? 0 : EINVAL);
}
