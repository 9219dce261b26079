/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: claims SPI INTID 200, which the root
 * cell never had (qemu-virt.c gives it INTIDs 32..159). Its own name, CPU
 * (2) and memory (0x71a00000) are free, so the IRQ is the only problem.
 * Otherwise ../qemu-virt-spi-owner.c.
 */
#define QEMU_VIRT_SPI_OWNER_OVERRIDES                                 \
	.cell.name = "foreign-irq", .cell.cpu_set = 0x4,              \
	.mem[0].phys_start = 0x71a00000, .irqchips[0].pin_base = 192, \
	.irqchips[0].pin_bitmap = { 1U << 8, 0, 0, 0 },

#include "../qemu-virt-spi-owner.c"
