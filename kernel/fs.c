/* fs.c: the file system's blocks and inodes: allocation, cache, file data. */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "systm.h"
#include "proc.h"
#include "ucred.h"
#include "uio.h"
#include "buf.h"
#include "fs.h"
#include <sys/stat.h>
#include <sys/dirent.h>

_Static_assert(sizeof(struct fs_dinode) == 64, "dinode is 64 bytes");
_Static_assert(FS_BSIZE % sizeof(struct fs_dinode) == 0, "inodes per block");
_Static_assert(sizeof(struct fs_direct) == sizeof(struct dirent),
    "on-disk entries are struct dirent");
_Static_assert(FS_MAXNAMLEN == MAXNAMLEN, "name length");

static struct fs_super sb;		/* read once at mount, then constant */
static int fs_mounted;

/*
 * The inode cache: every inode some kernel object references (an open
 * file, a cwd, a path lookup in progress) has exactly one entry here, so
 * that its lock serialises all access.
 */
static struct {
	struct spinlock	lock;		/* guards i_ref and i_inum */
	struct inode	inode[NINODE];
} icache;

/* ------------------------------------------------------------------ */
/* Blocks. */

/* Fill block bno with zeros, through the log. */
static void
bzero_block(uint32 dev, uint32 bno)
{
	struct buf *b;

	b = bread(dev, bno);
	memset(b->b_data, 0, FS_BSIZE);
	log_write(b);
	brelse(b);
}

/*
 * Allocate a zeroed data block.  Inside a transaction; may sleep.
 * Returns 0 or ENOSPC.
 */
static int
balloc(uint32 dev, uint32 *bnop)
{
	struct buf *b;
	uint32 base, bi, bno;
	int m;

	for (base = 0; base < sb.s_size; base += FS_BPB) {
		b = bread(dev, FS_BBLOCK(base, &sb));
		for (bi = 0; bi < FS_BPB && base + bi < sb.s_size; bi++) {
			m = 1 << (bi % 8);
			if ((b->b_data[bi / 8] & m) != 0)
				continue;
			bno = base + bi;
			/* mkfs marks all metadata blocks used. */
			KASSERT(bno >= sb.s_datastart, "balloc: metadata free");
			b->b_data[bi / 8] |= m;
			log_write(b);
			brelse(b);
			bzero_block(dev, bno);
			*bnop = bno;
			return (0);
		}
		brelse(b);
	}
	return (ENOSPC);
}

/* Mark block bno free.  Inside a transaction; may sleep. */
static void
bfree(uint32 dev, uint32 bno)
{
	struct buf *b;
	uint32 bi;
	int m;

	if (bno < sb.s_datastart || bno >= sb.s_size)
		panic("bfree: block %u out of range", bno);
	b = bread(dev, FS_BBLOCK(bno, &sb));
	bi = bno % FS_BPB;
	m = 1 << (bi % 8);
	if ((b->b_data[bi / 8] & m) == 0)
		panic("bfree: block %u already free", bno);
	b->b_data[bi / 8] &= ~m;
	log_write(b);
	brelse(b);
}

/* ------------------------------------------------------------------ */
/* Mounting. */

/* Set up the empty inode cache.  Boot time; does not sleep. */
void
iinit(void)
{
	int i;

	spinlock_init(&icache.lock, "icache");
	for (i = 0; i < NINODE; i++)
		sleeplock_init(&icache.inode[i].i_lock, "inode");
}

/*
 * Read the superblock of the root device, check it and recover the log.
 * Called once by the first process before it execs init (it sleeps on
 * disk I/O, so it cannot run at boot).
 */
void
fs_mountroot(void)
{
	struct buf *b;

	KASSERT(!fs_mounted, "fs_mountroot twice");
	b = bread(ROOTDEV, FS_SBLOCK);
	memmove(&sb, b->b_data, sizeof(sb));
	brelse(b);
	if (sb.s_magic != FS_MAGIC)
		panic("fs_mountroot: bad superblock magic %#x", sb.s_magic);
	if (sb.s_datastart >= sb.s_size || sb.s_ninodes < 2)
		panic("fs_mountroot: bad superblock geometry");
	log_init(ROOTDEV, &sb);
	fs_mounted = 1;
	printf("fs: %u blocks, %u inodes, %u log blocks\n", sb.s_size,
	    sb.s_ninodes, sb.s_nlog);
}

/* A new reference to the root directory; it never fails once mounted. */
struct inode *
fs_rootvnode(void)
{
	struct inode *ip;

	KASSERT(fs_mounted, "fs_rootvnode before fs_mountroot");
	ip = iget(ROOTDEV, FS_ROOTINO);
	if (ip == NULL)
		panic("fs_rootvnode: inode cache full");
	return (ip);
}

/* ------------------------------------------------------------------ */
/* The inode cache. */

/*
 * Find inode inum in the cache, or claim a free entry for it (not read
 * from disk: ilock does that).  Returns it referenced and unlocked, or
 * NULL when every entry is in use.  Does not sleep.
 */
struct inode *
iget(uint32 dev, uint32 inum)
{
	struct inode *ip, *empty;

	spin_lock(&icache.lock);
	empty = NULL;
	for (ip = icache.inode; ip < icache.inode + NINODE; ip++) {
		if (ip->i_ref > 0 && ip->i_dev == dev && ip->i_inum == inum) {
			ip->i_ref++;
			spin_unlock(&icache.lock);
			return (ip);
		}
		if (empty == NULL && ip->i_ref == 0)
			empty = ip;
	}
	if (empty == NULL) {
		spin_unlock(&icache.lock);
		printf("iget: inode cache full\n");
		return (NULL);
	}
	ip = empty;
	ip->i_dev = dev;
	ip->i_inum = inum;
	ip->i_ref = 1;
	ip->i_valid = 0;
	spin_unlock(&icache.lock);
	return (ip);
}

/* Another reference to ip, which the caller already references. */
struct inode *
idup(struct inode *ip)
{
	spin_lock(&icache.lock);
	KASSERT(ip->i_ref > 0, "idup of an unreferenced inode");
	ip->i_ref++;
	spin_unlock(&icache.lock);
	return (ip);
}

/*
 * Allocate a free on-disk inode with the given mode, everything else
 * zero.  Returns 0 and *ipp referenced, unlocked; ENOSPC if none is
 * free; ENFILE if the cache is full.  Inside a transaction; may sleep.
 */
int
ialloc(uint32 dev, mode_t mode, struct inode **ipp)
{
	struct fs_dinode *dip;
	struct inode *ip;
	struct buf *b;
	uint32 inum;

	for (inum = FS_ROOTINO; inum < sb.s_ninodes; inum++) {
		b = bread(dev, FS_IBLOCK(inum, &sb));
		dip = (struct fs_dinode *)b->b_data + inum % FS_INOPB;
		if (dip->di_mode != 0) {
			brelse(b);
			continue;
		}
		/*
		 * Take the cache entry before claiming the disk inode: if
		 * the cache is full nothing has changed.
		 */
		ip = iget(dev, inum);
		if (ip == NULL) {
			brelse(b);
			return (ENFILE);
		}
		memset(dip, 0, sizeof(*dip));
		dip->di_mode = mode;
		log_write(b);
		brelse(b);
		*ipp = ip;
		return (0);
	}
	return (ENOSPC);
}

/*
 * Write ip's fields to its disk inode.  ip locked; inside a transaction.
 * Call after every change to a field that lives on disk.
 */
void
iupdate(struct inode *ip)
{
	struct fs_dinode *dip;
	struct buf *b;

	b = bread(ip->i_dev, FS_IBLOCK(ip->i_inum, &sb));
	dip = (struct fs_dinode *)b->b_data + ip->i_inum % FS_INOPB;
	dip->di_mode = ip->i_mode;
	dip->di_nlink = ip->i_nlink;
	dip->di_uid = ip->i_uid;
	dip->di_gid = ip->i_gid;
	dip->di_size = (uint32)ip->i_size;
	dip->di_major = ip->i_major;
	dip->di_minor = ip->i_minor;
	memmove(dip->di_addrs, ip->i_addrs, sizeof(ip->i_addrs));
	log_write(b);
	brelse(b);
}

/* Lock ip, reading it from disk the first time.  May sleep. */
void
ilock(struct inode *ip)
{
	struct fs_dinode *dip;
	struct buf *b;

	KASSERT(ip != NULL && ip->i_ref > 0, "ilock: unreferenced inode");
	sleep_lock(&ip->i_lock);
	if (ip->i_valid)
		return;
	b = bread(ip->i_dev, FS_IBLOCK(ip->i_inum, &sb));
	dip = (struct fs_dinode *)b->b_data + ip->i_inum % FS_INOPB;
	ip->i_mode = dip->di_mode;
	ip->i_nlink = dip->di_nlink;
	ip->i_uid = dip->di_uid;
	ip->i_gid = dip->di_gid;
	ip->i_size = dip->di_size;
	ip->i_major = dip->di_major;
	ip->i_minor = dip->di_minor;
	memmove(ip->i_addrs, dip->di_addrs, sizeof(ip->i_addrs));
	brelse(b);
	ip->i_valid = 1;
	/*
	 * Directory entries only name allocated inodes, so a free one here
	 * means a corrupt file system or a kernel bug.
	 */
	if (ip->i_mode == 0)
		panic("ilock: inode %u is free", ip->i_inum);
}

void
iunlock(struct inode *ip)
{
	KASSERT(ip != NULL && sleep_owned(&ip->i_lock) && ip->i_ref > 0,
	    "iunlock: not locked");
	sleep_unlock(&ip->i_lock);
}

/*
 * Drop a reference.  Dropping the last reference to an inode no directory
 * names any more frees it and its blocks, so iput must be called inside
 * a transaction (begin_op) by anyone who may hold that last reference.
 * May sleep.
 */
void
iput(struct inode *ip)
{
	int last;

	/*
	 * i_valid and i_nlink may be read here without the sleep lock:
	 * with one reference (ours) nobody else can hold the lock or
	 * gain a reference except through iget of a name, and there is
	 * no name when i_nlink is 0.
	 */
	spin_lock(&icache.lock);
	if (ip->i_ref == 1 && ip->i_valid && ip->i_nlink == 0) {
		spin_unlock(&icache.lock);
		sleep_lock(&ip->i_lock);
		itrunc(ip);
		ip->i_mode = 0;
		iupdate(ip);
		ip->i_valid = 0;
		sleep_unlock(&ip->i_lock);
		spin_lock(&icache.lock);
	}
	last = --ip->i_ref;
	KASSERT(last >= 0, "iput: negative reference count");
	spin_unlock(&icache.lock);
}

void
iunlockput(struct inode *ip)
{
	iunlock(ip);
	iput(ip);
}

/* ------------------------------------------------------------------ */
/* File blocks. */

/*
 * Return in *slotp the block pointer at index idx of indirect block
 * *indp, allocating the indirect block (and the pointed-to block when
 * alloc) as needed.  *indp is updated when the indirect block is new;
 * the caller writes it back (inode field or parent indirect block).
 * Returns 0, or ENOSPC.  A hole reads as 0 when !alloc.
 */
static int
bmap_ind(struct inode *ip, uint32 *indp, uint32 idx, int alloc,
    uint32 *bnop)
{
	struct buf *b;
	uint32 *a;
	int error;

	*bnop = 0;
	if (*indp == 0) {
		if (!alloc)
			return (0);
		if ((error = balloc(ip->i_dev, indp)) != 0)
			return (error);
	}
	b = bread(ip->i_dev, *indp);
	a = (uint32 *)b->b_data;
	if (a[idx] == 0 && alloc) {
		if ((error = balloc(ip->i_dev, &a[idx])) != 0) {
			brelse(b);
			return (error);
		}
		log_write(b);
	}
	*bnop = a[idx];
	brelse(b);
	return (0);
}

/*
 * Map file block bn of ip to a disk block in *bnop: 0 for a hole when
 * !alloc, else a block allocated now if needed.  ip locked; with alloc,
 * inside a transaction, and the caller calls iupdate() afterwards.
 * Returns 0, EFBIG past the largest file, or ENOSPC.
 */
static int
bmap(struct inode *ip, uint32 bn, int alloc, uint32 *bnop)
{
	uint32 l1;
	int error;

	if (bn < FS_NDIRECT) {
		if (ip->i_addrs[bn] == 0 && alloc) {
			error = balloc(ip->i_dev, &ip->i_addrs[bn]);
			if (error != 0)
				return (error);
		}
		*bnop = ip->i_addrs[bn];
		return (0);
	}
	bn -= FS_NDIRECT;
	if (bn < FS_NINDIRECT)
		return (bmap_ind(ip, &ip->i_addrs[FS_IND], bn, alloc, bnop));
	bn -= FS_NINDIRECT;
	if (bn >= FS_NINDIRECT * FS_NINDIRECT)
		return (EFBIG);
	/* Double indirect: first find the second-level indirect block. */
	error = bmap_ind(ip, &ip->i_addrs[FS_DIND], bn / FS_NINDIRECT, alloc,
	    &l1);
	if (error != 0 || l1 == 0) {
		*bnop = 0;
		return (error);
	}
	return (bmap_ind(ip, &l1, bn % FS_NINDIRECT, alloc, bnop));
}

/* Free every block an indirect block names, then the block itself. */
static void
itrunc_ind(struct inode *ip, uint32 ind, int depth)
{
	struct buf *b;
	uint32 *a;
	uint32 i;

	b = bread(ip->i_dev, ind);
	a = (uint32 *)b->b_data;
	for (i = 0; i < FS_NINDIRECT; i++) {
		if (a[i] == 0)
			continue;
		if (depth > 1)
			itrunc_ind(ip, a[i], depth - 1);
		else
			bfree(ip->i_dev, a[i]);
	}
	brelse(b);
	bfree(ip->i_dev, ind);
}

/*
 * Free all of ip's data blocks and set its size to 0.  ip locked; inside
 * a transaction.  Only bitmap blocks and the inode are written, so this
 * fits in one transaction on a disk with few bitmap blocks.
 */
void
itrunc(struct inode *ip)
{
	int i;

	for (i = 0; i < FS_NDIRECT; i++) {
		if (ip->i_addrs[i] != 0) {
			bfree(ip->i_dev, ip->i_addrs[i]);
			ip->i_addrs[i] = 0;
		}
	}
	if (ip->i_addrs[FS_IND] != 0) {
		itrunc_ind(ip, ip->i_addrs[FS_IND], 1);
		ip->i_addrs[FS_IND] = 0;
	}
	if (ip->i_addrs[FS_DIND] != 0) {
		itrunc_ind(ip, ip->i_addrs[FS_DIND], 2);
		ip->i_addrs[FS_DIND] = 0;
	}
	ip->i_size = 0;
	iupdate(ip);
}

/* ------------------------------------------------------------------ */
/* File data. */

/*
 * Read from ip at uio->uio_offset into the uio's buffer, up to the end of
 * the file.  ip locked.  Returns 0 (uio advanced by what was read, which
 * is nothing at or past end of file) or EFAULT.  May sleep.
 */
int
readi(struct inode *ip, struct uio *uio)
{
	struct buf *b;
	uint32 bno;
	size_t n, boff;
	int error;

	KASSERT(sleep_owned(&ip->i_lock), "readi: inode not locked");
	if (uio->uio_offset < 0)
		return (EINVAL);
	while (uio->uio_resid > 0 && uio->uio_offset < ip->i_size) {
		boff = uio->uio_offset % FS_BSIZE;
		n = MIN(FS_BSIZE - boff, uio->uio_resid);
		n = MIN(n, (size_t)(ip->i_size - uio->uio_offset));
		error = bmap(ip, uio->uio_offset / FS_BSIZE, 0, &bno);
		if (error != 0)
			return (error);
		if (bno == 0) {
			/* A hole: zeros, without touching the disk. */
			static const char zeros[FS_BSIZE];

			error = uiomove((void *)(zeros + boff), n, uio);
		} else {
			b = bread(ip->i_dev, bno);
			error = uiomove(b->b_data + boff, n, uio);
			brelse(b);
		}
		if (error != 0)
			return (error);
	}
	return (0);
}

/*
 * Write the uio's buffer to ip at uio->uio_offset, allocating blocks and
 * growing the file as needed (an offset past the end leaves a hole).
 * ip locked, inside one transaction: the caller limits uio_resid to
 * FS_WRITE_CHUNK.  Returns 0 or an errno (EFAULT, ENOSPC, EFBIG) with the
 * uio advanced by what was written.  May sleep.
 */
int
writei(struct inode *ip, struct uio *uio)
{
	struct buf *b;
	uint32 bno;
	size_t n, boff;
	int error;

	KASSERT(sleep_owned(&ip->i_lock), "writei: inode not locked");
	if (uio->uio_offset < 0)
		return (EINVAL);
	if (uio->uio_offset + (off_t)uio->uio_resid >
	    (off_t)FS_MAXFILEBLOCKS * FS_BSIZE)
		return (EFBIG);
	error = 0;
	while (uio->uio_resid > 0) {
		boff = uio->uio_offset % FS_BSIZE;
		n = MIN(FS_BSIZE - boff, uio->uio_resid);
		error = bmap(ip, uio->uio_offset / FS_BSIZE, 1, &bno);
		if (error != 0)
			break;
		b = bread(ip->i_dev, bno);
		error = uiomove(b->b_data + boff, n, uio);
		/*
		 * Log even after a fault: uiomove may have copied part of
		 * the block, and the block is new or was valid anyway.
		 */
		log_write(b);
		brelse(b);
		if (uio->uio_offset > ip->i_size)
			ip->i_size = uio->uio_offset;
		if (error != 0)
			break;
	}
	/* bmap may have changed i_addrs even when nothing was copied. */
	iupdate(ip);
	return (error);
}

/*
 * Read (write == 0) or write n bytes of ip at off from or to the kernel
 * buffer buf.  ip locked (and a transaction for writes).  Returns 0, or
 * EIO on a short read (the caller asked for bytes that are not there), or
 * writei's errors.
 */
int
inode_rw_kernel(struct inode *ip, void *buf, size_t n, off_t off, int write)
{
	struct uio uio;
	int error;

	uio.uio_base = buf;
	uio.uio_resid = n;
	uio.uio_offset = off;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_rw = write ? UIO_WRITE : UIO_READ;
	error = write ? writei(ip, &uio) : readi(ip, &uio);
	if (error == 0 && uio.uio_resid != 0)
		error = EIO;
	return (error);
}

/* Fill st from ip (locked). */
void
stati(struct inode *ip, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = ip->i_dev;
	st->st_ino = ip->i_inum;
	st->st_mode = ip->i_mode;
	st->st_nlink = ip->i_nlink;
	st->st_uid = ip->i_uid;
	st->st_gid = ip->i_gid;
	if (S_ISCHR(ip->i_mode))
		st->st_rdev = FS_MKDEV(ip->i_major, ip->i_minor);
	st->st_size = ip->i_size;
	/* In 512-byte units, as BSD, counting data blocks only. */
	st->st_blocks = roundup(ip->i_size, FS_BSIZE) / 512;
	st->st_blksize = FS_BSIZE;
}

/*
 * May cred access ip (locked) in accmode (VREAD | VWRITE | VEXEC)?
 * Returns 0 or EACCES.  The owner bits apply to the owner, the group bits
 * to a member of the file's group, the other bits to everyone else (only
 * one class is consulted, as in BSD).  The superuser may read and write
 * anything, and execute anything with at least one x bit set
 * (directories: always search).
 */
int
inode_access(struct inode *ip, int accmode, struct ucred *cred)
{
	mode_t bits;
	int want;

	if (cred == NULL || priv_check_cred(cred, PRIV_VFS_ACCESS) == 0) {
		if ((accmode & VEXEC) && !S_ISDIR(ip->i_mode) &&
		    (ip->i_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0)
			return (EACCES);
		return (0);
	}
	want = accmode & (VREAD | VWRITE | VEXEC);
	if (cred->cr_uid == ip->i_uid)
		bits = (ip->i_mode >> 6) & 7;
	else if (cred->cr_gid == ip->i_gid)
		bits = (ip->i_mode >> 3) & 7;
	else
		bits = ip->i_mode & 7;
	/* VREAD, VWRITE and VEXEC line up with r, w and x. */
	if ((bits & want) != want)
		return (EACCES);
	return (0);
}
