/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Fixed-width types for the Warden ABI, usable from the Linux kernel, Linux
 * user space, the freestanding hypervisor and inmates alike.
 */
#ifndef _WARDEN_TYPES_H
#define _WARDEN_TYPES_H

#if defined(__KERNEL__)
#include <linux/types.h>
#elif defined(__linux__) && !defined(__WARDEN_FREESTANDING__)
#include <linux/types.h>
#else
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
#endif

#define WARDEN_PACKED __attribute__((packed))

#endif /* _WARDEN_TYPES_H */
