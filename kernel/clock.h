/* clock.h: the timer interrupt and the time of day. */
#ifndef _CLOCK_H_
#define _CLOCK_H_

#include "types.h"

void	clock_init(void);
void	clock_init_hart(void);
void	clock_intr(void);
extern uint64 boottime_sec;	/* wall-clock seconds at boot (0: none) */

#endif /* !_CLOCK_H_ */
