/* sys/dirent.h: directory entries as read(2) returns them from a directory. */
#ifndef _SYS_DIRENT_H_
#define _SYS_DIRENT_H_

#include <sys/types.h>

/*
 * Ours, not FreeBSD's variable-length record: a directory is an array of
 * fixed-size entries, and read(2) on a directory returns them as stored.
 * d_fileno 0 marks an unused slot.
 */
#define	MAXNAMLEN	59

struct dirent {
	uint32_t	d_fileno;		/* inode number, 0 if free */
	char		d_name[MAXNAMLEN + 1];	/* NUL-terminated name */
};

#endif /* !_SYS_DIRENT_H_ */
