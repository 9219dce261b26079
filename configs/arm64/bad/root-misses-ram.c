/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: the root cell's Linux RAM region stops
 * at 0x60000000 while Linux uses RAM up to 0x6fffffff (mem=768M): enable
 * must refuse it. Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .mem[0].size = 0x20000000,
#include "../qemu-virt.c"
