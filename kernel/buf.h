/*
 * buf.h: the buffer cache, NBUF copies of disk blocks.  A buffer's data
 * is protected by its sleep lock, held from bread() to brelse(); the
 * identity, reference count and LRU links by the cache's spinlock.
 */
#ifndef _BUF_H_
#define _BUF_H_

#include "types.h"
#include "sleeplock.h"
#include "dinode.h"

struct buf {
	int		b_flags;	/* B_* below; owner of b_lock */
	int		b_disk;		/* (vdisk lock) request in flight */
	int		b_error;	/* (vdisk lock) device status != OK */
	uint32		b_dev;		/* (bcache lock) */
	uint32		b_blkno;	/* (bcache lock) */
	uint32		b_refcnt;	/* (bcache lock) holders and pins */
	struct sleeplock b_lock;	/* guards b_data and b_flags */
	struct buf	*b_prev;	/* (bcache lock) LRU list */
	struct buf	*b_next;
	uchar		b_data[FS_BSIZE] __aligned(16);
};

#define	B_VALID		0x0001		/* b_data holds the block */

void	binit(void);
struct buf *bread(uint32 dev, uint32 blkno);	/* locked; may sleep */
void	bwrite(struct buf *b);		/* b locked; waits for the disk */
void	brelse(struct buf *b);		/* unlock and release */
void	bpin(struct buf *b);		/* keep in the cache (the log) */
void	bunpin(struct buf *b);

#endif /* !_BUF_H_ */
