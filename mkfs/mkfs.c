/* mkfs.c: host tool that builds the root file system image. */

/*
 * usage: mkfs OUT.img FILE...
 *
 * Makes an FS_SIZE-block image holding
 *   /            0755 root
 *   /bin         0755: every FILE, under its base name, mode 0755
 *   /dev         0755: console (char 1, 0) and null (char 2, 0), 0666
 *   /etc /home   0755
 *   /tmp         01777 (sticky: anyone creates, only owners remove)
 *   /README      0644: a FILE whose base name is README.md
 * A FILE written as HOSTPATH=/DIR/NAME goes to /DIR/NAME instead (DIR
 * must be one of the directories above), mode 0644.
 *
 * The image depends only on the arguments and the files' contents (no
 * times, no host ids), so two runs give identical bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>

#include "../kernel/dinode.h"

#define	NDIRS	8

static uint8_t *img;			/* the whole image, in memory */
static struct fs_super sb;
static uint32_t next_block;		/* first unallocated data block */
static uint32_t next_inum = FS_ROOTINO;	/* first unallocated inode */

static struct {
	const char	*name;		/* absolute path */
	uint32_t	inum;
} dirs[NDIRS];
static int ndirs;

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "mkfs: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(1);
}

static uint8_t *
block(uint32_t bno)
{
	if (bno >= sb.s_size)
		die("block %s out of range", "number");
	return (img + (size_t)bno * FS_BSIZE);
}

static struct fs_dinode *
dinode(uint32_t inum)
{
	return ((struct fs_dinode *)block(FS_IBLOCK(inum, &sb)) +
	    inum % FS_INOPB);
}

/* A zeroed data block (the image starts zeroed). */
static uint32_t
balloc(void)
{
	if (next_block >= sb.s_size)
		die("image full%s", "");
	return (next_block++);
}

static uint32_t
ialloc(uint16_t mode, uint16_t major, uint16_t minor)
{
	struct fs_dinode *dip;
	uint32_t inum;

	if (next_inum >= sb.s_ninodes)
		die("out of inodes%s", "");
	inum = next_inum++;
	dip = dinode(inum);
	memset(dip, 0, sizeof(*dip));
	dip->di_mode = mode;
	dip->di_nlink = 0;	/* counted as names are added */
	dip->di_uid = 0;
	dip->di_gid = 0;
	dip->di_major = major;
	dip->di_minor = minor;
	return (inum);
}

/* The slot in indirect block *indp at idx, allocating on the way. */
static uint32_t *
ind_slot(uint32_t *indp, uint32_t idx)
{
	if (*indp == 0)
		*indp = balloc();
	return ((uint32_t *)block(*indp) + idx);
}

/* The disk block of file block fbn of dip, allocated if new. */
static uint32_t
bmap(struct fs_dinode *dip, uint32_t fbn)
{
	uint32_t *slot;

	if (fbn < FS_NDIRECT) {
		slot = &dip->di_addrs[fbn];
	} else if ((fbn -= FS_NDIRECT) < FS_NINDIRECT) {
		slot = ind_slot(&dip->di_addrs[FS_IND], fbn);
	} else if ((fbn -= FS_NINDIRECT) < FS_NINDIRECT * FS_NINDIRECT) {
		slot = ind_slot(&dip->di_addrs[FS_DIND], fbn / FS_NINDIRECT);
		slot = ind_slot(slot, fbn % FS_NINDIRECT);
	} else {
		die("file too large%s", "");
	}
	if (*slot == 0)
		*slot = balloc();
	return (*slot);
}

/* Append n bytes to inode inum. */
static void
iappend(uint32_t inum, const void *data, size_t n)
{
	struct fs_dinode *dip;
	const uint8_t *p;
	uint32_t off, bno;
	size_t m;

	dip = dinode(inum);
	p = data;
	while (n > 0) {
		off = dip->di_size;
		bno = bmap(dip, off / FS_BSIZE);
		/* bmap may move nothing: dip stays valid (image is fixed). */
		m = FS_BSIZE - off % FS_BSIZE;
		if (m > n)
			m = n;
		memcpy(block(bno) + off % FS_BSIZE, p, m);
		dip->di_size += m;
		p += m;
		n -= m;
	}
}

/* Add entry name -> inum to directory dinum; counts the link. */
static void
dir_add(uint32_t dinum, const char *name, uint32_t inum)
{
	struct fs_direct de;
	struct fs_dinode *dip;
	uint32_t off;

	if (strlen(name) > FS_MAXNAMLEN)
		die("name too long: %s", name);
	dip = dinode(dinum);
	for (off = 0; off < dip->di_size; off += sizeof(de)) {
		struct fs_direct *e;

		e = (struct fs_direct *)(block(bmap(dip, off / FS_BSIZE)) +
		    off % FS_BSIZE);
		if (e->d_ino != 0 && strcmp(e->d_name, name) == 0)
			die("duplicate name: %s", name);
	}
	memset(&de, 0, sizeof(de));
	de.d_ino = inum;
	strncpy(de.d_name, name, FS_MAXNAMLEN);
	iappend(dinum, &de, sizeof(de));
	dinode(inum)->di_nlink++;
}

/* Make directory name (absolute path) in parent pinum. */
static uint32_t
mkdir_at(uint32_t pinum, const char *path, const char *name, uint16_t perm)
{
	uint32_t inum;

	inum = ialloc(FS_IFDIR | perm, 0, 0);
	dir_add(inum, ".", inum);
	dir_add(inum, "..", pinum);
	if (pinum != inum)
		dir_add(pinum, name, inum);
	if (ndirs == NDIRS)
		die("too many directories%s", "");
	dirs[ndirs].name = path;
	dirs[ndirs].inum = inum;
	ndirs++;
	return (inum);
}

static uint32_t
dir_lookup(const char *path)
{
	int i;

	for (i = 0; i < ndirs; i++)
		if (strcmp(dirs[i].name, path) == 0)
			return (dirs[i].inum);
	die("no directory %s in the image", path);
	return (0);
}

/* Copy host file src into directory dinum as name. */
static void
add_file(const char *src, uint32_t dinum, const char *name, uint16_t perm)
{
	uint8_t buf[8192];
	uint32_t inum;
	size_t n;
	FILE *f;

	if ((f = fopen(src, "rb")) == NULL) {
		fprintf(stderr, "mkfs: %s: %s\n", src, strerror(errno));
		exit(1);
	}
	inum = ialloc(FS_IFREG | perm, 0, 0);
	dir_add(dinum, name, inum);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		iappend(inum, buf, n);
	if (ferror(f))
		die("read error on %s", src);
	fclose(f);
}

static const char *
base_name(const char *path)
{
	const char *s;

	s = strrchr(path, '/');
	return (s != NULL ? s + 1 : path);
}

int
main(int argc, char *argv[])
{
	char dir[256], src[256];
	const char *arg, *dest, *eq, *name;
	uint32_t ninodeblocks, nbitmap, root, dev, b;
	FILE *out;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: mkfs OUT.img FILE...\n");
		return (2);
	}

	ninodeblocks = (FS_NINODES + FS_INOPB - 1) / FS_INOPB;
	nbitmap = (FS_SIZE + FS_BPB - 1) / FS_BPB;
	sb.s_magic = FS_MAGIC;
	sb.s_size = FS_SIZE;
	sb.s_ninodes = FS_NINODES;
	sb.s_nlog = FS_LOGSIZE;
	sb.s_logstart = FS_SBLOCK + 1;
	sb.s_inodestart = sb.s_logstart + 1 + FS_LOGSIZE;
	sb.s_bmapstart = sb.s_inodestart + ninodeblocks;
	sb.s_datastart = sb.s_bmapstart + nbitmap;
	sb.s_ndata = FS_SIZE - sb.s_datastart;
	if (FS_LOGSIZE > FS_LOGMAX)
		die("log too big%s", "");

	if ((img = calloc(FS_SIZE, FS_BSIZE)) == NULL)
		die("out of memory%s", "");
	memcpy(block(FS_SBLOCK), &sb, sizeof(sb));
	next_block = sb.s_datastart;

	root = mkdir_at(FS_ROOTINO, "/", "", 0755);
	if (root != FS_ROOTINO)
		die("root is not inode FS_ROOTINO%s", "");
	mkdir_at(root, "/bin", "bin", 0755);
	dev = mkdir_at(root, "/dev", "dev", 0755);
	mkdir_at(root, "/etc", "etc", 0755);
	mkdir_at(root, "/home", "home", 0755);
	mkdir_at(root, "/tmp", "tmp", FS_ISVTX | 0777);
	dir_add(dev, "console", ialloc(FS_IFCHR | 0666, 1, 0));
	dir_add(dev, "null", ialloc(FS_IFCHR | 0666, 2, 0));

	for (i = 2; i < argc; i++) {
		arg = argv[i];
		if ((eq = strchr(arg, '=')) != NULL) {
			/* HOSTPATH=/DIR/NAME */
			dest = eq + 1;
			name = base_name(dest);
			if (dest[0] != '/' || *name == '\0' ||
			    (size_t)(eq - arg) >= sizeof(src) ||
			    (size_t)(name - dest) >= sizeof(dir))
				die("bad destination in %s", arg);
			memcpy(src, arg, eq - arg);
			src[eq - arg] = '\0';
			/* "/bin/ls" -> "/bin"; "/x" -> "/". */
			memcpy(dir, dest, name - dest);
			dir[name - dest > 1 ? name - dest - 1 : 1] = '\0';
			add_file(src, dir_lookup(dir), name, 0644);
		} else if (strcmp(base_name(arg), "README.md") == 0) {
			add_file(arg, root, "README", 0644);
		} else {
			add_file(arg, dir_lookup("/bin"), base_name(arg),
			    0755);
		}
	}

	/* Every block below next_block is in use: metadata and data. */
	for (b = 0; b < next_block; b++)
		block(FS_BBLOCK(b, &sb))[(b % FS_BPB) / 8] |= 1 << (b % 8);

	if ((out = fopen(argv[1], "wb")) == NULL) {
		fprintf(stderr, "mkfs: %s: %s\n", argv[1], strerror(errno));
		return (1);
	}
	if (fwrite(img, FS_BSIZE, FS_SIZE, out) != FS_SIZE || fclose(out) != 0)
		die("write error on %s", argv[1]);
	printf("mkfs: %s: %u blocks (%u data, %u used), %u inodes (%u used)\n",
	    argv[1], sb.s_size, sb.s_ndata, next_block - sb.s_datastart,
	    sb.s_ninodes, next_inum - 1);
	return (0);
}
