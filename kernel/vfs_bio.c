/* vfs_bio.c: the buffer cache: bread, bwrite, brelse over the disk driver. */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "systm.h"
#include "proc.h"
#include "buf.h"
#include "virtio.h"

/*
 * The buffers sit on a circular list in least-recently-released order:
 * head.b_next is the most recently released, head.b_prev the least.
 * Blocks are written back only by the log (bwrite), never on eviction,
 * so an unreferenced buffer may be reused at once.
 */
static struct {
	struct spinlock	lock;		/* guards identity, refcnt, the list */
	struct buf	buf[NBUF];
	struct buf	head;
	int		waiting;	/* someone sleeps for a free buffer */
} bcache;

/* Set up the empty cache.  Boot, before processes run; does not sleep. */
void
binit(void)
{
	struct buf *b;

	spinlock_init(&bcache.lock, "bcache");
	bcache.head.b_prev = &bcache.head;
	bcache.head.b_next = &bcache.head;
	for (b = bcache.buf; b < bcache.buf + NBUF; b++) {
		sleeplock_init(&b->b_lock, "buffer");
		b->b_next = bcache.head.b_next;
		b->b_prev = &bcache.head;
		bcache.head.b_next->b_prev = b;
		bcache.head.b_next = b;
	}
}

/*
 * Find the buffer for (dev, blkno), or recycle the least recently used
 * free one for it.  Returns it referenced and sleep-locked.  Sleeps while
 * every buffer is in use (the log pins at most half of them, so others
 * come free as operations finish).
 */
static struct buf *
bget(uint32 dev, uint32 blkno)
{
	struct buf *b;

	spin_lock(&bcache.lock);
	for (;;) {
		for (b = bcache.head.b_next; b != &bcache.head; b = b->b_next) {
			if (b->b_dev == dev && b->b_blkno == blkno &&
			    (b->b_flags & B_VALID || b->b_refcnt > 0)) {
				b->b_refcnt++;
				spin_unlock(&bcache.lock);
				sleep_lock(&b->b_lock);
				return (b);
			}
		}
		for (b = bcache.head.b_prev; b != &bcache.head; b = b->b_prev) {
			if (b->b_refcnt == 0) {
				b->b_dev = dev;
				b->b_blkno = blkno;
				/*
				 * Invalid until read; b_flags is ours to
				 * change as nobody holds or waits for b.
				 */
				b->b_flags = 0;
				b->b_refcnt = 1;
				spin_unlock(&bcache.lock);
				sleep_lock(&b->b_lock);
				return (b);
			}
		}
		bcache.waiting = 1;
		msleep(&bcache.waiting, &bcache.lock, 0, "bufwait", 0);
	}
}

/* Return block blkno locked, its data read from the disk if needed. */
struct buf *
bread(uint32 dev, uint32 blkno)
{
	struct buf *b;

	b = bget(dev, blkno);
	if ((b->b_flags & B_VALID) == 0) {
		virtio_blk_rw(b, 0);
		b->b_flags |= B_VALID;
	}
	return (b);
}

/* Write b's data to its disk block.  b locked by the caller; may sleep. */
void
bwrite(struct buf *b)
{
	KASSERT(sleep_owned(&b->b_lock), "bwrite: buffer not locked");
	virtio_blk_rw(b, 1);
}

/*
 * Unlock b and drop the caller's reference; the last one makes it the
 * most recently used free buffer.
 */
void
brelse(struct buf *b)
{
	KASSERT(sleep_owned(&b->b_lock), "brelse: buffer not locked");
	sleep_unlock(&b->b_lock);

	spin_lock(&bcache.lock);
	KASSERT(b->b_refcnt > 0, "brelse: refcnt");
	b->b_refcnt--;
	if (b->b_refcnt == 0) {
		b->b_next->b_prev = b->b_prev;
		b->b_prev->b_next = b->b_next;
		b->b_next = bcache.head.b_next;
		b->b_prev = &bcache.head;
		bcache.head.b_next->b_prev = b;
		bcache.head.b_next = b;
		if (bcache.waiting) {
			bcache.waiting = 0;
			wakeup(&bcache.waiting);
		}
	}
	spin_unlock(&bcache.lock);
}

/* Keep b cached until bunpin(): its new contents exist nowhere else yet. */
void
bpin(struct buf *b)
{
	spin_lock(&bcache.lock);
	b->b_refcnt++;
	spin_unlock(&bcache.lock);
}

void
bunpin(struct buf *b)
{
	spin_lock(&bcache.lock);
	KASSERT(b->b_refcnt > 0, "bunpin: refcnt");
	b->b_refcnt--;
	if (b->b_refcnt == 0 && bcache.waiting) {
		bcache.waiting = 0;
		wakeup(&bcache.waiting);
	}
	spin_unlock(&bcache.lock);
}
