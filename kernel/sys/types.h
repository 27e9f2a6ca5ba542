/* sys/types.h: basic types shared by the kernel and user programs. */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

typedef unsigned char		uint8_t;
typedef unsigned short		uint16_t;
typedef unsigned int		uint32_t;
typedef unsigned long		uint64_t;
typedef signed char		int8_t;
typedef short			int16_t;
typedef int			int32_t;
typedef long			int64_t;
typedef unsigned long		uintptr_t;
typedef long			intptr_t;

typedef unsigned long		size_t;
typedef long			ssize_t;
typedef long			off_t;
typedef int			pid_t;
typedef unsigned int		uid_t;
typedef unsigned int		gid_t;
typedef long			id_t;
typedef unsigned short		mode_t;
typedef unsigned int		dev_t;
typedef unsigned int		ino_t;
typedef unsigned short		nlink_t;
typedef long			time_t;
typedef long			suseconds_t;
typedef long			register_t;
typedef unsigned long		u_long;
typedef unsigned int		u_int;
typedef unsigned short		u_short;
typedef unsigned char		u_char;
typedef long			rlim_t;

#ifndef NULL
#define NULL			((void *)0)
#endif

#endif /* !_SYS_TYPES_H_ */
