/* crt0.S: program entry; the kernel's exec leaves argc, argv, envp in a0-a2. */

	.text
	.globl	_start
	.type	_start, @function
_start:
	/*
	 * A zero frame pointer and return address end gdb's and our own
	 * backtraces here instead of wandering into the argument strings.
	 * a0-a2 pass straight through to __libc_start(argc, argv, envp).
	 */
	li	s0, 0
	li	ra, 0
	call	__libc_start
	/* __libc_start() calls exit() and never returns; trap if it does. */
	ebreak
	.size	_start, . - _start
