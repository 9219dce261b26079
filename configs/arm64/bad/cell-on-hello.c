/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: valid alone, but its RAM is hello's
 * (0x70800000+1M); its name ("on-hello") and CPU (2) are its own. Creating
 * it while hello exists must be refused.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .cell.name = "on-hello", .cell.cpu_set = 0x4,
#include "../qemu-virt-hello.c"
