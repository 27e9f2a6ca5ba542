/* dinode.h: the on-disk file system format, shared by the kernel and mkfs. */
#ifndef _DINODE_H_
#define _DINODE_H_

/*
 * This header is compiled twice: in the kernel (with _KERNEL, against our
 * own sys/types.h) and on the host by mkfs (against the host's
 * <stdint.h>).  It therefore uses only the fixed-width <stdint.h> names
 * and defines every constant mkfs needs itself, so that mkfs never has to
 * include a kernel sys/ header that would clash with the host libc.
 *
 * Disk layout, in FS_BSIZE blocks:
 *
 *   [ 0: boot | 1: superblock | log header, log blocks | inode blocks |
 *     free-block bitmap | data blocks ]
 *
 * All multi-byte fields are little-endian (the host and RISC-V both are).
 */
#ifdef _KERNEL
#include "types.h"
#else
#include <stdint.h>
#endif

#define	FS_BSIZE	1024		/* block size in bytes */
#define	FS_MAGIC	0x53467672	/* "rvFS" in the superblock */
#define	FS_SBLOCK	1		/* superblock's block number */
#define	FS_ROOTINO	1		/* root directory; inode 0 is unused */

/* Geometry mkfs writes (the kernel reads it from the superblock). */
#define	FS_SIZE		16384		/* blocks: a 16 MiB image */
#define	FS_NINODES	1024		/* inodes */
#define	FS_LOGSIZE	128		/* log data blocks (header is extra) */

/*
 * The superblock.  mkfs fills it; the kernel only reads it.
 */
struct fs_super {
	uint32_t	s_magic;	/* FS_MAGIC */
	uint32_t	s_size;		/* total blocks in the image */
	uint32_t	s_ndata;	/* data blocks */
	uint32_t	s_ninodes;	/* inodes */
	uint32_t	s_nlog;		/* log data blocks, header apart */
	uint32_t	s_logstart;	/* block of the log header */
	uint32_t	s_inodestart;	/* first inode block */
	uint32_t	s_bmapstart;	/* first bitmap block */
	uint32_t	s_datastart;	/* first data block */
};

/*
 * The log header, the first block of the log area.  lh_n != 0 on disk
 * means a committed transaction not yet fully installed: lh_block[i] is
 * the home of log data block i.
 */
#define	FS_LOGMAX	((FS_BSIZE / 4) - 1)	/* blocks a header names */
struct fs_loghdr {
	uint32_t	lh_n;
	uint32_t	lh_block[FS_LOGMAX];
};

/*
 * The on-disk inode, 64 bytes.  di_mode holds the S_IFMT type bits and the
 * permission bits with FreeBSD's values; di_mode == 0 marks a free inode.
 * Block pointers: FS_NDIRECT direct, one single indirect, one double
 * indirect.  A pointer of 0 is a hole (reads as zeros).
 */
#define	FS_NDIRECT	9
#define	FS_NINDIRECT	(FS_BSIZE / 4)	/* pointers per indirect block */
#define	FS_IND		FS_NDIRECT	/* index of the single indirect */
#define	FS_DIND		(FS_NDIRECT + 1)	/* the double indirect */
#define	FS_NADDR	(FS_NDIRECT + 2)
#define	FS_MAXFILEBLOCKS \
	(FS_NDIRECT + FS_NINDIRECT + FS_NINDIRECT * FS_NINDIRECT)

struct fs_dinode {
	uint16_t	di_mode;	/* type and permissions; 0 = free */
	uint16_t	di_nlink;	/* directory entries naming it */
	uint32_t	di_uid;		/* owner */
	uint32_t	di_gid;		/* group */
	uint32_t	di_size;	/* bytes */
	uint16_t	di_major;	/* device files: cdevsw index */
	uint16_t	di_minor;
	uint32_t	di_addrs[FS_NADDR];	/* block pointers */
};

#define	FS_INOPB	(FS_BSIZE / sizeof(struct fs_dinode))	/* per block */
#define	FS_IBLOCK(inum, sb)	((inum) / FS_INOPB + (sb)->s_inodestart)
#define	FS_BPB		(FS_BSIZE * 8)		/* bitmap bits per block */
#define	FS_BBLOCK(b, sb)	((b) / FS_BPB + (sb)->s_bmapstart)

/*
 * A directory is an array of these, the same 64 bytes as struct dirent in
 * sys/dirent.h (the kernel checks this at compile time), so that read(2)
 * on a directory returns them unchanged.  d_ino 0 marks a free slot.
 */
#define	FS_MAXNAMLEN	59
struct fs_direct {
	uint32_t	d_ino;
	char		d_name[FS_MAXNAMLEN + 1];	/* NUL-terminated */
};

/* File types and modes mkfs writes (same values as sys/stat.h). */
#define	FS_IFMT		0170000
#define	FS_IFCHR	0020000
#define	FS_IFDIR	0040000
#define	FS_IFREG	0100000
#define	FS_ISVTX	0001000

/* A device file's st_rdev / mknod dev: major in bits 8-15, minor in 0-7. */
#define	FS_MKDEV(ma, mi)	((((ma) & 0xff) << 8) | ((mi) & 0xff))
#define	FS_MAJOR(dev)		(((dev) >> 8) & 0xff)
#define	FS_MINOR(dev)		((dev) & 0xff)

#endif /* !_DINODE_H_ */
