/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: takes QEMU virt's first virtio-mmio
 * transports (0x0a000000+4K) in place of its comm page. virtio devices are
 * bus masters: their backend writes wherever the driver's queues point, and
 * no SMMU stops it. The root config flags the window WARDEN_MEM_BUSMASTER,
 * so no cell may have it. Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES                                         \
	.mem[1].phys_start = 0x0a000000, .mem[1].virt_start = 0x0a000000, \
	.mem[1].flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO,
#include "../qemu-virt-hello.c"
