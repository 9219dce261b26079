/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: PL011 output plus a ring the root cell can read. */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

#include <hv/types.h>

/* printf subset: %s %c %d %u %x %lx %llx %ld %lu %llu %p, width and 0-pad. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Point console output at a PL011 (NULL: ring only). */
void console_set_uart(volatile void *uart);

/*
 * One character from the guest on this CPU (debug console hypercall):
 * collected per CPU and written out as one line, so that lines from
 * different CPUs never interleave.
 */
void console_guest_putc(char c);

#endif /* _HV_PRINTK_H */
