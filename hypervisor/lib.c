/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memset/memcpy for the freestanding hypervisor. The hypervisor builds with
 * -mstrict-align, so wide stores are only used when both the pointer and the
 * length are 8-byte aligned (the common case: zeroing whole pages).
 *
 * GCC turns byte loops into calls to memset/memcpy
 * (-ftree-loop-distribute-patterns), which here would recurse forever; the
 * attribute keeps the loops as loops.
 */
#include <hv/string.h>

#define NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LIBCALLS void *memset(void *s, int c, __SIZE_TYPE__ n)
{
	unsigned char *p = s;

	if ((((unsigned long)p | n) & 7) == 0) {
		unsigned long long *w = s;
		unsigned long long v = 0x0101010101010101ULL * (unsigned char)c;

		for (n /= 8; n; n--)
			*w++ = v;
		return s;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

NO_LIBCALLS void *memcpy(void *dst, const void *src, __SIZE_TYPE__ n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}
