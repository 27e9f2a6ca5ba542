/* poweroff.c: turn the machine off (root only). */
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int
main(void)
{
	/* Push out what we have written; the kernel syncs the disk. */
	fflush(stdout);
	if (reboot(RB_POWEROFF) != 0) {
		perror("poweroff");
		return (1);
	}
	return (0);
}
