/* vm.h: protections shared by the VM map and the pmap. */
#ifndef _VM_H_
#define _VM_H_

#define	VM_PROT_NONE	0x00
#define	VM_PROT_READ	0x01
#define	VM_PROT_WRITE	0x02
#define	VM_PROT_EXECUTE	0x04
#define	VM_PROT_RW	(VM_PROT_READ | VM_PROT_WRITE)

#endif /* !_VM_H_ */
