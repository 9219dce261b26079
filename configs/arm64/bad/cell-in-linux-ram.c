/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: its RAM (0x60000000+1M) is inside the
 * root cell's region for Linux and in Linux's System RAM. The validator
 * cannot know what Linux uses; the driver refuses it at cell create.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES .mem[0].phys_start = 0x60000000,
#include "../qemu-virt-hello.c"
