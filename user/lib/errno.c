/* errno.c: errno itself and __cerror, where failing system call stubs land. */
#include <errno.h>

int	errno;

long	__cerror(long error);

/*
 * The generated stubs in syscalls.S tail-call here when the kernel sets
 * t0: a0 holds the error number, and the caller must see -1.
 */
long
__cerror(long error)
{
	errno = (int)error;
	return (-1);
}
