/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: an irqchip with pin_base 0xffffffe0 and
 * no pin set. The hypervisor indexes its ownership map with pin_base / 32;
 * the validator must refuse it although no INTID is claimed.
 * Otherwise ../qemu-virt-spi-owner.c.
 */
#define QEMU_VIRT_SPI_OWNER_OVERRIDES                                 \
	.irqchips[0].pin_base = 0xffffffe0,                           \
	.irqchips[0].pin_bitmap = { 0, 0, 0, 0 },
#include "../qemu-virt-spi-owner.c"
