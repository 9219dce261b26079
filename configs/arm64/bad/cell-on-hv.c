/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: its RAM (0x70700000+1M) is the last
 * MiB of the hypervisor's memory (0x70000000+8M).
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .mem[0].phys_start = 0x70700000,
#include "../qemu-virt-hello.c"
