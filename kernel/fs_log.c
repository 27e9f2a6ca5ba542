/* fs_log.c: the write-ahead log that makes file system updates atomic. */

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "systm.h"
#include "proc.h"
#include "buf.h"
#include "fs.h"

/*
 * Every system call that changes the disk brackets its changes with
 * begin_op()/end_op() and marks each modified buffer with log_write()
 * instead of writing it.  When the last of the operations running
 * together ends, the whole group commits at once (group commit):
 *
 *   1. copy each modified block into the log area;
 *   2. write the log header naming them: this single-block write is the
 *      commit point;
 *   3. copy the blocks to their homes ("install");
 *   4. write a header with lh_n = 0.
 *
 * A crash before 2 loses the group; after 2, mount-time recovery redoes
 * step 3.  Modified buffers are pinned in the cache until step 3, since
 * their only copy is in memory.  The kernel uses at most NBUF / 2 log
 * blocks, so that pinned buffers never starve the rest of the cache.
 */
static struct {
	struct spinlock	lock;		/* guards the fields below */
	uint32		dev;
	uint32		start;		/* block of the on-disk header */
	uint32		cap;		/* log data blocks we may use */
	int		outstanding;	/* operations in begin_op..end_op */
	int		committing;	/* commit() running: wait */
	struct fs_loghdr lh;		/* blocks of the group so far */
} fslog;

static void	log_commit(void);

/*
 * Copy the logged blocks from the log area to their homes: at commit, and
 * at recovery (then the home buffers are not pinned).  May sleep.
 */
static void
log_install(int recovering)
{
	struct buf *lb, *hb;
	uint32 i;

	for (i = 0; i < fslog.lh.lh_n; i++) {
		lb = bread(fslog.dev, fslog.start + 1 + i);
		hb = bread(fslog.dev, fslog.lh.lh_block[i]);
		memmove(hb->b_data, lb->b_data, FS_BSIZE);
		bwrite(hb);
		if (!recovering)
			bunpin(hb);
		brelse(lb);
		brelse(hb);
	}
}

/* Read the on-disk log header into fslog.lh.  May sleep. */
static void
log_read_head(void)
{
	struct buf *b;

	b = bread(fslog.dev, fslog.start);
	memmove(&fslog.lh, b->b_data, sizeof(fslog.lh));
	brelse(b);
	if (fslog.lh.lh_n > fslog.cap)
		panic("log: header names %u blocks, log holds %u",
		    fslog.lh.lh_n, fslog.cap);
}

/*
 * Write fslog.lh to the on-disk header.  With lh_n > 0 this is the commit
 * point of a group.  May sleep.
 */
static void
log_write_head(void)
{
	struct buf *b;

	b = bread(fslog.dev, fslog.start);
	memmove(b->b_data, &fslog.lh, sizeof(fslog.lh));
	bwrite(b);
	brelse(b);
}

/*
 * Set up the log of the file system described by sb and redo any
 * committed group a crash left half installed.  Called once by
 * fs_mountroot() in process context; may sleep.
 */
void
log_init(uint32 dev, struct fs_super *sb)
{
	KASSERT(sizeof(struct fs_loghdr) <= FS_BSIZE, "log header too big");
	spinlock_init(&fslog.lock, "fslog");
	fslog.dev = dev;
	fslog.start = sb->s_logstart;
	fslog.cap = MIN(sb->s_nlog, (uint32)MIN(FS_LOGMAX, NBUF / 2));
	if (fslog.cap < MAXOPBLOCKS)
		panic("log: %u blocks, need at least %d", fslog.cap,
		    MAXOPBLOCKS);

	log_read_head();
	if (fslog.lh.lh_n > 0)
		printf("fs: recovering %u logged blocks\n", fslog.lh.lh_n);
	log_install(1);
	fslog.lh.lh_n = 0;
	log_write_head();
}

/*
 * Enter a file system operation.  Waits while a commit runs, or while
 * the log could not take MAXOPBLOCKS more blocks for us.  Not
 * interruptible: an operation, once started, always finishes.
 */
void
begin_op(void)
{
	spin_lock(&fslog.lock);
	for (;;) {
		if (fslog.committing ||
		    fslog.lh.lh_n + (fslog.outstanding + 1) * MAXOPBLOCKS >
		    fslog.cap) {
			msleep(&fslog, &fslog.lock, 0, "logwait", 0);
			continue;
		}
		fslog.outstanding++;
		break;
	}
	spin_unlock(&fslog.lock);
}

/*
 * Leave a file system operation.  The last one out commits the group,
 * which sleeps for the disk writes; until then new operations wait.
 */
void
end_op(void)
{
	int docommit;

	docommit = 0;
	spin_lock(&fslog.lock);
	KASSERT(fslog.outstanding > 0, "end_op without begin_op");
	KASSERT(!fslog.committing, "end_op during commit");
	fslog.outstanding--;
	if (fslog.outstanding == 0) {
		docommit = 1;
		fslog.committing = 1;
	} else {
		/* Our unused reservation may let a waiter in. */
		wakeup(&fslog);
	}
	spin_unlock(&fslog.lock);

	if (docommit) {
		/* No other operation runs now: fslog.lh is ours. */
		log_commit();
		spin_lock(&fslog.lock);
		fslog.committing = 0;
		wakeup(&fslog);
		spin_unlock(&fslog.lock);
	}
}

/* Copy the group's modified blocks from the cache into the log area. */
static void
log_copy_out(void)
{
	struct buf *to, *from;
	uint32 i;

	for (i = 0; i < fslog.lh.lh_n; i++) {
		to = bread(fslog.dev, fslog.start + 1 + i);
		from = bread(fslog.dev, fslog.lh.lh_block[i]);
		memmove(to->b_data, from->b_data, FS_BSIZE);
		bwrite(to);
		brelse(from);
		brelse(to);
	}
}

/* Commit the group (steps 1-4 above).  Called with committing set. */
static void
log_commit(void)
{
	if (fslog.lh.lh_n == 0)
		return;
	log_copy_out();
	log_write_head();
	log_install(0);
	fslog.lh.lh_n = 0;
	log_write_head();
}

/*
 * Record that b (locked by the caller, modified) belongs to the current
 * group, and pin it in the cache until the group is installed.  A block
 * already in the group takes no new log slot ("absorption").  Must be
 * inside begin_op()/end_op().
 */
void
log_write(struct buf *b)
{
	uint32 i;

	spin_lock(&fslog.lock);
	if (fslog.outstanding < 1)
		panic("log_write outside a transaction");
	for (i = 0; i < fslog.lh.lh_n; i++) {
		if (fslog.lh.lh_block[i] == b->b_blkno)
			break;
	}
	if (i == fslog.lh.lh_n) {
		if (fslog.lh.lh_n >= fslog.cap)
			panic("log_write: transaction too big");
		fslog.lh.lh_block[i] = b->b_blkno;
		fslog.lh.lh_n++;
		bpin(b);
	}
	spin_unlock(&fslog.lock);
}
