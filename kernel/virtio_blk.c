/* virtio_blk.c: the virtio-mmio (version 2) block device driver. */

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "riscv.h"
#include "spinlock.h"
#include "systm.h"
#include "proc.h"
#include "vm_page.h"
#include "buf.h"
#include "virtio.h"

/*
 * Descriptors in our one queue.  Each request takes a chain of three
 * (header, data, status), so VQ_NUM / 3 requests can be in flight from
 * different harts at once.
 */
#define	VQ_NUM		16

struct virtq_avail {
	uint16	flags;
	uint16	idx;		/* where we put the next ring entry */
	uint16	ring[VQ_NUM];
	uint16	used_event;
};

struct virtq_used {
	uint16	flags;
	uint16	idx;		/* where the device puts the next entry */
	struct virtq_used_elem ring[VQ_NUM];
	uint16	avail_event;
};

static struct vdisk {
	struct spinlock	lock;		/* guards everything below */
	vaddr_t		regs;		/* the slot's MMIO window (DMAP) */
	int		ready;
	volatile struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint8_t		freedesc[VQ_NUM];	/* 1: descriptor free */
	uint16		used_idx;	/* next used entry we will look at */
	struct {
		struct buf	*b;	/* request of the chain here */
		volatile uint8_t	status;	/* written by the device */
	} info[VQ_NUM];
	struct virtio_blk_req req[VQ_NUM];	/* by head descriptor */
} vdisk;

int virtio_blk_irq;

static inline uint32
vd_read(uint32 off)
{
	return (*(volatile uint32 *)(vdisk.regs + off));
}

static inline void
vd_write(uint32 off, uint32 val)
{
	*(volatile uint32 *)(vdisk.regs + off) = val;
}

/*
 * Find the first virtio-mmio slot holding a version 2 block device.
 * Returns its index or -1.
 */
static int
virtio_blk_probe(void)
{
	vaddr_t regs;
	int i;

	for (i = 0; i < VIRTIO_NSLOTS; i++) {
		regs = PHYS_TO_DMAP(VIRTIO0_PA + i * VIRTIO_STRIDE);
		if (*(volatile uint32 *)(regs + VIRTIO_MMIO_MAGIC) !=
		    VIRTIO_MAGIC_VALUE)
			continue;
		if (*(volatile uint32 *)(regs + VIRTIO_MMIO_DEVICE_ID) !=
		    VIRTIO_DEVICE_BLOCK)
			continue;
		if (*(volatile uint32 *)(regs + VIRTIO_MMIO_VERSION) != 2) {
			printf("virtio%d: legacy device; run QEMU with "
			    "-global virtio-mmio.force-legacy=false\n", i);
			continue;
		}
		return (i);
	}
	return (-1);
}

/*
 * Set up the disk: the device initialisation sequence of spec 3.1.1 and
 * 4.2.3.  Called once at boot, before any process runs; does not sleep.
 * Panics if there is no usable disk: the kernel cannot run without root.
 */
void
virtio_blk_init(void)
{
	uint32 status, feat_hi;
	paddr_t pa;
	char *page;
	int slot, i;

	spinlock_init(&vdisk.lock, "vdisk");
	slot = virtio_blk_probe();
	if (slot < 0)
		panic("virtio_blk_init: no virtio block device");
	vdisk.regs = PHYS_TO_DMAP(VIRTIO0_PA + slot * VIRTIO_STRIDE);
	virtio_blk_irq = VIRTIO0_IRQ + slot;

	/* Reset, then say we found it and know how to drive it. */
	vd_write(VIRTIO_MMIO_STATUS, 0);
	status = VIRTIO_STATUS_ACKNOWLEDGE;
	vd_write(VIRTIO_MMIO_STATUS, status);
	status |= VIRTIO_STATUS_DRIVER;
	vd_write(VIRTIO_MMIO_STATUS, status);

	/*
	 * Accept only VIRTIO_F_VERSION_1: no indirect descriptors, no event
	 * index, so every completion interrupts and the rings stay simple.
	 */
	vd_write(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	feat_hi = vd_read(VIRTIO_MMIO_DEVICE_FEATURES);
	if ((feat_hi & (1U << (VIRTIO_F_VERSION_1 - 32))) == 0)
		panic("virtio_blk_init: device lacks VIRTIO_F_VERSION_1");
	vd_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vd_write(VIRTIO_MMIO_DRIVER_FEATURES, 0);
	vd_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vd_write(VIRTIO_MMIO_DRIVER_FEATURES, 1U << (VIRTIO_F_VERSION_1 - 32));
	status |= VIRTIO_STATUS_FEATURES_OK;
	vd_write(VIRTIO_MMIO_STATUS, status);
	if ((vd_read(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK) == 0)
		panic("virtio_blk_init: features not accepted");

	/* Queue 0: the request queue. */
	vd_write(VIRTIO_MMIO_QUEUE_SEL, 0);
	if (vd_read(VIRTIO_MMIO_QUEUE_READY) != 0)
		panic("virtio_blk_init: queue already live");
	if (vd_read(VIRTIO_MMIO_QUEUE_NUM_MAX) < VQ_NUM)
		panic("virtio_blk_init: queue too short");
	vd_write(VIRTIO_MMIO_QUEUE_NUM, VQ_NUM);

	/*
	 * One zeroed page holds the three rings: descriptors at 0 (16-byte
	 * alignment), available ring at 256 (2), used ring at 512 (4).
	 */
	page = kmem_alloc_page();
	if (page == NULL)
		panic("virtio_blk_init: no memory");
	vdisk.desc = (volatile struct virtq_desc *)page;
	vdisk.avail = (volatile struct virtq_avail *)(page + 256);
	vdisk.used = (volatile struct virtq_used *)(page + 512);
	pa = DMAP_TO_PHYS(page);
	vd_write(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32)pa);
	vd_write(VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32)(pa >> 32));
	vd_write(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32)(pa + 256));
	vd_write(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32)((pa + 256) >> 32));
	vd_write(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32)(pa + 512));
	vd_write(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32)((pa + 512) >> 32));
	vd_write(VIRTIO_MMIO_QUEUE_READY, 1);

	for (i = 0; i < VQ_NUM; i++)
		vdisk.freedesc[i] = 1;
	vdisk.used_idx = 0;

	status |= VIRTIO_STATUS_DRIVER_OK;
	vd_write(VIRTIO_MMIO_STATUS, status);
	vdisk.ready = 1;
}

/* Take a free descriptor; -1 if none.  vdisk.lock held. */
static int
vq_alloc_desc(void)
{
	int i;

	for (i = 0; i < VQ_NUM; i++) {
		if (vdisk.freedesc[i]) {
			vdisk.freedesc[i] = 0;
			return (i);
		}
	}
	return (-1);
}

/* Return the chain starting at i to the free set.  vdisk.lock held. */
static void
vq_free_chain(int i)
{
	uint16 flags;

	for (;;) {
		KASSERT(!vdisk.freedesc[i], "virtio: freeing a free desc");
		flags = vdisk.desc[i].flags;
		vdisk.freedesc[i] = 1;
		if ((flags & VIRTQ_DESC_F_NEXT) == 0)
			break;
		i = vdisk.desc[i].next;
	}
	wakeup(&vdisk.freedesc);
}

/* Take three descriptors, all or none.  vdisk.lock held. */
static int
vq_alloc3(int idx[3])
{
	int i, j;

	for (i = 0; i < 3; i++) {
		idx[i] = vq_alloc_desc();
		if (idx[i] < 0) {
			for (j = 0; j < i; j++)
				vdisk.freedesc[idx[j]] = 1;
			return (-1);
		}
	}
	return (0);
}

/*
 * Read (write == 0) or write block b->b_blkno between the disk and
 * b->b_data.  The caller holds b's sleep lock; sleeps until the device is
 * done.  A device error panics: nothing a user does can cause one, and
 * the file system cannot go on with a block it could not read or write.
 */
void
virtio_blk_rw(struct buf *b, int write)
{
	struct virtio_blk_req *req;
	int idx[3];

	spin_lock(&vdisk.lock);
	KASSERT(vdisk.ready, "virtio_blk_rw before init");
	while (vq_alloc3(idx) != 0)
		msleep(&vdisk.freedesc, &vdisk.lock, 0, "vdfree", 0);

	req = &vdisk.req[idx[0]];
	req->type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
	req->reserved = 0;
	req->sector = (uint64)b->b_blkno * (FS_BSIZE / VIRTIO_BLK_SECTOR);

	vdisk.desc[idx[0]].addr = DMAP_TO_PHYS(req);
	vdisk.desc[idx[0]].len = sizeof(*req);
	vdisk.desc[idx[0]].flags = VIRTQ_DESC_F_NEXT;
	vdisk.desc[idx[0]].next = idx[1];

	vdisk.desc[idx[1]].addr = DMAP_TO_PHYS(b->b_data);
	vdisk.desc[idx[1]].len = FS_BSIZE;
	vdisk.desc[idx[1]].flags = VIRTQ_DESC_F_NEXT |
	    (write ? 0 : VIRTQ_DESC_F_WRITE);
	vdisk.desc[idx[1]].next = idx[2];

	vdisk.info[idx[0]].status = 0xff;	/* the device writes 0 */
	vdisk.desc[idx[2]].addr = DMAP_TO_PHYS(&vdisk.info[idx[0]].status);
	vdisk.desc[idx[2]].len = 1;
	vdisk.desc[idx[2]].flags = VIRTQ_DESC_F_WRITE;
	vdisk.desc[idx[2]].next = 0;

	b->b_disk = 1;
	b->b_error = 0;
	vdisk.info[idx[0]].b = b;

	/* The descriptors must be visible before the ring entry... */
	vdisk.avail->ring[vdisk.avail->idx % VQ_NUM] = idx[0];
	__sync_synchronize();
	/* ...and the entry before the index that publishes it. */
	vdisk.avail->idx += 1;
	__sync_synchronize();
	vd_write(VIRTIO_MMIO_QUEUE_NOTIFY, 0);

	/* Wait for virtio_blk_intr() to see the request finish. */
	while (b->b_disk)
		msleep(b, &vdisk.lock, 0, "vdio", 0);

	if (vdisk.info[idx[0]].status != VIRTIO_BLK_S_OK)
		b->b_error = 1;
	vdisk.info[idx[0]].b = NULL;
	vq_free_chain(idx[0]);
	spin_unlock(&vdisk.lock);

	if (b->b_error)
		panic("virtio_blk: %s error on block %u",
		    write ? "write" : "read", b->b_blkno);
}

/*
 * The disk's interrupt: mark every finished request done and wake its
 * waiter.  Called by the PLIC dispatcher with interrupts off.
 */
void
virtio_blk_intr(void)
{
	struct buf *b;
	uint32 id;

	spin_lock(&vdisk.lock);
	/*
	 * Acknowledge first: a request finishing after we looked at the
	 * used ring raises a new interrupt instead of being missed.
	 */
	vd_write(VIRTIO_MMIO_INTERRUPT_ACK,
	    vd_read(VIRTIO_MMIO_INTERRUPT_STATUS) &
	    (VIRTIO_INT_USED_RING | VIRTIO_INT_CONFIG));
	__sync_synchronize();

	while (vdisk.used_idx != vdisk.used->idx) {
		__sync_synchronize();
		id = vdisk.used->ring[vdisk.used_idx % VQ_NUM].id;
		KASSERT(id < VQ_NUM, "virtio_blk_intr: bad used id");
		b = vdisk.info[id].b;
		KASSERT(b != NULL, "virtio_blk_intr: no request");
		b->b_disk = 0;
		wakeup(b);
		vdisk.used_idx++;
	}
	spin_unlock(&vdisk.lock);
}
