/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: the root cell's Linux RAM region is
 * flagged as device memory: enable must refuse it.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .mem[0].flags = IO_RW,
#include "../qemu-virt.c"
