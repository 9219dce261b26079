/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: claims SPI INTID 40, which cell
 * "spi-owner" (../qemu-virt-spi-owner.c) holds while it exists. Its own
 * name, CPU (2) and memory (0x71900000) are free, so the IRQ is the only
 * conflict. Otherwise ../qemu-virt-spi-owner.c.
 */
#define QEMU_VIRT_SPI_OWNER_OVERRIDES                  \
	.cell.name = "irq-taken", .cell.cpu_set = 0x4, \
	.mem[0].phys_start = 0x71900000,

#include "../qemu-virt-spi-owner.c"
