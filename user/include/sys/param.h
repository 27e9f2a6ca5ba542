/* sys/param.h: user-side system parameters and small helper macros. */
#ifndef _SYS_PARAM_H_
#define _SYS_PARAM_H_

#include <sys/types.h>
#include <limits.h>

#define	MAXPATHLEN	PATH_MAX

#ifndef nitems
#define	nitems(x)	(sizeof(x) / sizeof((x)[0]))
#endif
#ifndef MIN
#define	MIN(a, b)	((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define	MAX(a, b)	((a) > (b) ? (a) : (b))
#endif
#define	howmany(x, y)	(((x) + ((y) - 1)) / (y))
#define	roundup(x, y)	(howmany(x, y) * (y))

#endif /* !_SYS_PARAM_H_ */
