/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: the RTC region (memory[3]) is placed on top of the UART
 * region (memory[2]).
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .mem[3].phys_start = 0x09000000, .mem[3].virt_start = 0x09000000,
#include "../qemu-virt.c"
