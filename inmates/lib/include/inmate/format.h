/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The printf-style formatter behind printk, free of any hardware access so
 * that it also builds on the host (tests/unit/test_inmate_printk.c).
 *
 * Conversions: %d %i %u %x %X %s %c %p %%, length modifiers l, ll and z,
 * flags '0' (zero padding) and '-' (left justify), a decimal field width or
 * '*'. %p prints "0x" and the address in hex. Anything else is printed as is.
 */
#ifndef _INMATE_FORMAT_H
#define _INMATE_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_out_t)(char c, void *ctx);

/* Format into out(c, ctx), one character at a time; returns the count. */
int fmt_vformat(fmt_out_t out, void *ctx, const char *fmt, va_list ap);

/*
 * Format into buf, truncating to size - 1 characters plus a NUL (nothing is
 * written if size is 0). Returns the untruncated length, as snprintf does.
 */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* _INMATE_FORMAT_H */
