/* dev_null.c: /dev/null, the character device that is always empty. */

#include "types.h"
#include "file.h"
#include "uio.h"
#include <sys/poll.h>

/* Reading gives end of file at once. */
static int
null_read(int minor, struct uio *uio, int ioflag)
{
	return (0);
}

/* Writing swallows everything, without touching the user's buffer. */
static int
null_write(int minor, struct uio *uio, int ioflag)
{
	uio->uio_base += uio->uio_resid;
	uio->uio_offset += uio->uio_resid;
	uio->uio_resid = 0;
	return (0);
}

static int
null_poll(int minor, int events)
{
	return (events & (POLLIN | POLLRDNORM | POLLOUT));
}

/* Register /dev/null's major.  Boot time; does not sleep. */
void
devnull_init(void)
{
	cdevsw[NULL_MAJOR].d_read = null_read;
	cdevsw[NULL_MAJOR].d_write = null_write;
	cdevsw[NULL_MAJOR].d_poll = null_poll;
}
