/*
 * pddemo: process descriptors.  pdfork gives a descriptor for the
 * child; pdgetpid names it, pdkill signals it, poll sees it exit, and
 * pdwait collects it.  Closing a descriptor kills a live child.
 */
#include <sys/types.h>
#include <sys/procdesc.h>
#include <sys/wait.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	struct pollfd pfd;
	pid_t pid, got;
	int fd, st, r;

	pid = pdfork(&fd, 0);
	if (pid == -1) {
		perror("pdfork");
		return (1);
	}
	if (pid == 0) {
		/* The child: wait to be killed. */
		for (;;)
			pause();
	}
	pdgetpid(fd, &got);
	printf("pddemo: child %d, descriptor %d names pid %d\n", pid, fd, got);

	pfd.fd = fd;
	pfd.events = POLLIN;
	r = poll(&pfd, 1, 0);
	printf("pddemo: poll before pdkill: %d (revents %#x)\n", r,
	    pfd.revents);
	pdkill(fd, SIGTERM);
	r = poll(&pfd, 1, -1);
	printf("pddemo: poll after pdkill: %d (revents %#x: POLLHUP)\n", r,
	    pfd.revents);
	r = waitpid(-1, &st, WNOHANG);
	printf("pddemo: wait(-1) does not see it: %d\n", r);
	r = pdwait(fd, &st, WEXITED, NULL, NULL);
	printf("pddemo: pdwait returned %d, killed by signal %d\n", r,
	    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	close(fd);

	/* A live child dies when its last descriptor closes. */
	pid = pdfork(&fd, 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	printf("pddemo: second child %d; closing its descriptor\n", pid);
	close(fd);
	sleep(1);
	printf("pddemo: kill(%d, 0) now gives %d (the reaper collected it)\n",
	    pid, kill(pid, 0));
	return (0);
}
