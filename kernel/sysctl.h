/*
 * sysctl.h: the kernel side of sysctl.  A subsystem declares its nodes
 * where its data lives, with the SYSCTL_* macros below; each one lands in
 * the set_sysctl linker set, and kern_sysctl.c finds them all by name.
 */
#ifndef _SYSCTL_H_
#define _SYSCTL_H_

#include "types.h"
#include <sys/sysctl.h>

struct proc;
struct sysctl_oid;

struct sysctl_req {
	struct proc	*p;
	void		*oldp;		/* user buffer, or NULL */
	size_t		oldlen;		/* its size */
	size_t		oldidx;		/* bytes produced so far */
	const void	*newp;		/* user value to set, or NULL */
	size_t		newlen;
};

typedef int sysctl_handler_t(struct sysctl_oid *oidp, struct sysctl_req *req);

struct sysctl_oid {
	const char	*oid_name;	/* "kern.maxproc" */
	int		oid_type;	/* CTLTYPE_* */
	int		oid_flags;	/* CTLFLAG_* */
	void		*oid_arg;	/* the variable */
	long		oid_min;	/* bounds for writes of numbers */
	long		oid_max;
	sysctl_handler_t *oid_handler;
	const char	*oid_descr;
};

#define	CTLFLAG_RD	0x1		/* readable by all */
#define	CTLFLAG_WR	0x2		/* writable by root */
#define	CTLFLAG_RW	(CTLFLAG_RD | CTLFLAG_WR)

int	sysctl_out(struct sysctl_req *req, const void *buf, size_t len);
int	sysctl_in(struct sysctl_req *req, void *buf, size_t len);
sysctl_handler_t sysctl_handle_int;
sysctl_handler_t sysctl_handle_ulong;
sysctl_handler_t sysctl_handle_string;
void	sysctl_init(void);

#define	__SYSCTL_CAT2(a, b)	a##b
#define	__SYSCTL_CAT(a, b)	__SYSCTL_CAT2(a, b)
#define	SYSCTL_OID(name, type, flags, arg, min, max, handler, descr)	\
	static struct sysctl_oid __SYSCTL_CAT(sysctl_oid_, __LINE__) = {\
		name, type, flags, arg, min, max, handler, descr };	\
	static struct sysctl_oid *__SYSCTL_CAT(sysctl_ptr_, __LINE__)	\
	    __attribute__((section("set_sysctl"), used)) =		\
	    &__SYSCTL_CAT(sysctl_oid_, __LINE__)

/* An int; writes (root only, if CTLFLAG_WR) must lie in [min, max]. */
#define	SYSCTL_INT(name, flags, ptr, min, max, descr)			\
	SYSCTL_OID(name, CTLTYPE_INT, flags, ptr, min, max,		\
	    sysctl_handle_int, descr)
#define	SYSCTL_ULONG(name, flags, ptr, descr)				\
	SYSCTL_OID(name, CTLTYPE_ULONG, flags, (void *)(ptr), 0, 0,	\
	    sysctl_handle_ulong, descr)
#define	SYSCTL_STRING(name, ptr, descr)					\
	SYSCTL_OID(name, CTLTYPE_STRING, CTLFLAG_RD, (void *)(ptr), 0, 0,\
	    sysctl_handle_string, descr)
#define	SYSCTL_PROC(name, type, flags, arg, handler, descr)		\
	SYSCTL_OID(name, type, flags, arg, 0, 0, handler, descr)

#endif /* !_SYSCTL_H_ */
