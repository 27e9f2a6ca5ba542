/*
 * virtio.h: virtio-mmio (version 2, "modern") registers and split
 * virtqueue structures, from the OASIS Virtual I/O Device (VIRTIO)
 * specification 1.1, sections 2.6 (virtqueues), 4.2 (MMIO) and 5.2 (block).
 */
#ifndef _VIRTIO_H_
#define _VIRTIO_H_

#include "types.h"

/* MMIO register offsets (spec 4.2.2). */
#define	VIRTIO_MMIO_MAGIC		0x000	/* "virt" */
#define	VIRTIO_MMIO_VERSION		0x004	/* 2 for modern */
#define	VIRTIO_MMIO_DEVICE_ID		0x008	/* 0: empty slot */
#define	VIRTIO_MMIO_VENDOR_ID		0x00c
#define	VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define	VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define	VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define	VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define	VIRTIO_MMIO_QUEUE_SEL		0x030
#define	VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define	VIRTIO_MMIO_QUEUE_NUM		0x038
#define	VIRTIO_MMIO_QUEUE_READY		0x044
#define	VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define	VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define	VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define	VIRTIO_MMIO_STATUS		0x070
#define	VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define	VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define	VIRTIO_MMIO_QUEUE_DRIVER_LOW	0x090	/* the available ring */
#define	VIRTIO_MMIO_QUEUE_DRIVER_HIGH	0x094
#define	VIRTIO_MMIO_QUEUE_DEVICE_LOW	0x0a0	/* the used ring */
#define	VIRTIO_MMIO_QUEUE_DEVICE_HIGH	0x0a4
#define	VIRTIO_MMIO_CONFIG		0x100	/* device-specific config */

#define	VIRTIO_MAGIC_VALUE	0x74726976
#define	VIRTIO_DEVICE_BLOCK	2

/* Device status bits (spec 2.1). */
#define	VIRTIO_STATUS_ACKNOWLEDGE	1
#define	VIRTIO_STATUS_DRIVER		2
#define	VIRTIO_STATUS_DRIVER_OK		4
#define	VIRTIO_STATUS_FEATURES_OK	8
#define	VIRTIO_STATUS_NEEDS_RESET	64
#define	VIRTIO_STATUS_FAILED		128

/* Feature bits we look at (spec 6 and 5.2.3). */
#define	VIRTIO_F_VERSION_1	32	/* a modern driver must accept it */
#define	VIRTIO_BLK_F_RO		5

/* Interrupt status bits. */
#define	VIRTIO_INT_USED_RING	1
#define	VIRTIO_INT_CONFIG	2

/* Split virtqueue (spec 2.6). */
#define	VIRTQ_DESC_F_NEXT	1	/* chained with the next field */
#define	VIRTQ_DESC_F_WRITE	2	/* device writes (vs reads) */

struct virtq_desc {
	uint64	addr;		/* physical address */
	uint32	len;
	uint16	flags;
	uint16	next;
};

struct virtq_used_elem {
	uint32	id;		/* head of the finished chain */
	uint32	len;
};

/* Block requests (spec 5.2.6). */
#define	VIRTIO_BLK_T_IN		0	/* read */
#define	VIRTIO_BLK_T_OUT	1	/* write */
#define	VIRTIO_BLK_S_OK		0
#define	VIRTIO_BLK_SECTOR	512	/* the unit of a request's sector */

struct virtio_blk_req {
	uint32	type;
	uint32	reserved;
	uint64	sector;
};

struct buf;
void	virtio_blk_init(void);
void	virtio_blk_intr(void);
void	virtio_blk_rw(struct buf *b, int write);
extern int virtio_blk_irq;	/* PLIC source of the disk found, 0 if none */

#endif /* !_VIRTIO_H_ */
