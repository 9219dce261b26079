/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: RAM at 0x90000000, outside every root cell region.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .mem[0].phys_start = 0x90000000,
#include "../qemu-virt-hello.c"
