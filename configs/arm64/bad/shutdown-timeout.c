/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: a shutdown timeout of 0xffffffff ms
 * (49 days, the driver waiting with its lock held); the limit is 60000.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .cell.shutdown_timeout_ms = 0xffffffff,
#include "../qemu-virt-hello.c"
