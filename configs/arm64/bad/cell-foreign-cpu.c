/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: takes CPU 5 of a 4-CPU platform.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .cell.cpu_set = 0x20,
#include "../qemu-virt-hello.c"
