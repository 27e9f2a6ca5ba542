/*
 * thelper_sig.c: a helper for test_signal (not a test itself).  Prints
 * what it inherited across execve: "disp=" one letter per signal 1..31
 * (D default, I ignored, C caught), "mask=" and "pend=" one digit each
 * (1: blocked / pending).  Exits 0, or 1 if a call failed.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	char disp[NSIG], mask[NSIG], pend[NSIG];
	struct sigaction sa;
	sigset_t cur, pset;
	int sig;

	if (sigprocmask(SIG_BLOCK, NULL, &cur) != 0 || sigpending(&pset) != 0)
		return (1);
	for (sig = 1; sig < NSIG; sig++) {
		if (sigaction(sig, NULL, &sa) != 0)
			return (1);
		disp[sig - 1] = sa.sa_handler == SIG_DFL ? 'D' :
		    sa.sa_handler == SIG_IGN ? 'I' : 'C';
		mask[sig - 1] = sigismember(&cur, sig) ? '1' : '0';
		pend[sig - 1] = sigismember(&pset, sig) ? '1' : '0';
	}
	disp[NSIG - 1] = mask[NSIG - 1] = pend[NSIG - 1] = '\0';
	printf("disp=%s mask=%s pend=%s\n", disp, mask, pend);
	return (0);
}
