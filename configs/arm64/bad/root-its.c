/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: the root cell maps QEMU virt's GIC ITS
 * (0x08080000+128K, between distributor and redistributors), a bus master
 * that would write its tables wherever the root kernel says, hypervisor
 * memory included. Region 3 (the RTC) is moved there.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES                                          \
	.mem[3].phys_start = 0x08080000, .mem[3].virt_start = 0x08080000, \
	.mem[3].size = 0x20000,
#include "../qemu-virt.c"
