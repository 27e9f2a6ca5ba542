/*
 * ps.c: list every process, kernel processes included, from the
 * kern.proc.all sysctl: PID PPID PGID SID UID STAT FLAGS COMMAND.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sysctl.h>

/* The state letters of FreeBSD's ps(1). */
static char
statechar(int stat)
{
	switch (stat) {
	case SIDL:
	case SRUN:
		return ('R');
	case SSLEEP:
		return ('S');
	case SSTOP:
		return ('T');
	case SZOMB:
		return ('Z');
	case SWAIT:
		return ('W');
	case SLOCK:
		return ('L');
	default:
		return ('?');
	}
}

int
main(void)
{
	struct kinfo_proc *kp = NULL;
	size_t len, i, n;
	int tries;

	/*
	 * Ask for the size, then the table.  Processes may come and go in
	 * between, so leave slack and retry if the table still grew.
	 */
	for (tries = 0;; tries++) {
		if (sysctlbyname("kern.proc.all", NULL, &len, NULL, 0) != 0)
			err(1, "kern.proc.all");
		len += 16 * sizeof(*kp);
		free(kp);
		if ((kp = malloc(len)) == NULL)
			err(1, NULL);
		if (sysctlbyname("kern.proc.all", kp, &len, NULL, 0) == 0)
			break;
		if (errno != ENOMEM || tries == 5)
			err(1, "kern.proc.all");
	}
	n = len / sizeof(*kp);
	printf("%5s %5s %5s %5s %5s %-4s %8s %s\n", "PID", "PPID", "PGID",
	    "SID", "UID", "STAT", "FLAGS", "COMMAND");
	for (i = 0; i < n; i++)
		printf("%5d %5d %5d %5d %5u %-4c %8x %.*s\n", kp[i].ki_pid,
		    kp[i].ki_ppid, kp[i].ki_pgid, kp[i].ki_sid, kp[i].ki_uid,
		    statechar(kp[i].ki_stat), kp[i].ki_flag,
		    (int)sizeof(kp[i].ki_comm), kp[i].ki_comm);
	free(kp);
	return (0);
}
