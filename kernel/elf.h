/* elf.h: the parts of the ELF-64 format that exec reads (System V gABI). */
#ifndef _ELF_H_
#define _ELF_H_

#include "types.h"

#define	ELF_MAGIC	0x464c457fU	/* "\x7fELF", little-endian */
#define	ELFCLASS64	2
#define	ELFDATA2LSB	1
#define	ET_EXEC		2
#define	EM_RISCV	243

struct elf64_ehdr {
	uint32	e_magic;
	uchar	e_class;
	uchar	e_data;
	uchar	e_version_id;
	uchar	e_pad[9];
	uint16	e_type;
	uint16	e_machine;
	uint32	e_version;
	uint64	e_entry;
	uint64	e_phoff;
	uint64	e_shoff;
	uint32	e_flags;
	uint16	e_ehsize;
	uint16	e_phentsize;
	uint16	e_phnum;
	uint16	e_shentsize;
	uint16	e_shnum;
	uint16	e_shstrndx;
};

struct elf64_phdr {
	uint32	p_type;
	uint32	p_flags;
	uint64	p_offset;
	uint64	p_vaddr;
	uint64	p_paddr;
	uint64	p_filesz;
	uint64	p_memsz;
	uint64	p_align;
};

#define	PT_LOAD		1
#define	PF_X		0x1
#define	PF_W		0x2
#define	PF_R		0x4

#endif /* !_ELF_H_ */
