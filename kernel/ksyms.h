/* ksyms.h: the kernel's own symbol table, for naming backtrace frames. */
#ifndef _KSYMS_H_
#define _KSYMS_H_

struct ksym {
	unsigned long	addr;
	const char	*name;
};

/* Sorted by address, ending with { 0, 0 }: built by tools/ksyms.sh. */
extern const struct ksym ksyms[];

#endif /* !_KSYMS_H_ */
