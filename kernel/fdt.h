/* fdt.h: what the kernel reads from the flattened device tree at boot. */
#ifndef _FDT_H_
#define _FDT_H_

#include "types.h"
#include "param.h"

struct boot_info {
	paddr_t		mem_start;		/* first RAM bank */
	uint64		mem_size;
	paddr_t		dtb_start;		/* the tree itself */
	uint64		dtb_size;
	uint64		timebase;		/* timer ticks per second */
	int		nharts;
	int		hartids[MAXCPU];	/* harts to run, in tree order */
	int		has_sstc;		/* "sstc" in riscv,isa */
	char		isa[96];		/* the boot hart's riscv,isa */
};

extern struct boot_info bootinfo;

/* Parse the tree at physical dtb_pa into bootinfo.  0 or EINVAL. */
int	fdt_parse(paddr_t dtb_pa);

#endif /* !_FDT_H_ */
