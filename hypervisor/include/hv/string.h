/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few memory helpers the freestanding hypervisor needs. GCC may emit
 * calls to memset/memcpy on its own (struct copies, zeroing), so these are
 * the real symbols, with the standard signatures.
 */
#ifndef _HV_STRING_H
#define _HV_STRING_H

/* Fill @n bytes at @s with the byte @c; returns @s. */
void *memset(void *s, int c, __SIZE_TYPE__ n);

/* Copy @n bytes from @src to @dst (must not overlap); returns @dst. */
void *memcpy(void *dst, const void *src, __SIZE_TYPE__ n);

#endif /* _HV_STRING_H */
