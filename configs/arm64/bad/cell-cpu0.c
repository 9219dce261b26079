/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: takes CPU 0, which stays with the root cell.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .cell.cpu_set = 0x1,
#include "../qemu-virt-hello.c"
