/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "spi-owner" on QEMU virt, for the tests: CPU 3, 1 MiB of RAM at
 * IPA 0 and SPI INTID 40 (the secure UART's, unused by Linux). It only
 * needs to exist: while it does, no other cell may claim INTID 40.
 *
 * The deliberately broken variants in bad/ include this file after
 * defining QEMU_VIRT_SPI_OWNER_OVERRIDES as designated initialisers that
 * replace single fields.
 */
#include <warden/config.h>

#ifndef QEMU_VIRT_SPI_OWNER_OVERRIDES
#define QEMU_VIRT_SPI_OWNER_OVERRIDES
#endif
#pragma GCC diagnostic ignored "-Woverride-init"

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[2];
	struct warden_irqchip irqchips[1];
} __attribute__((packed)) config __attribute__((section(".rodata.config"),
						  used)) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.flags = WARDEN_CELL_DEBUG_CONSOLE,
		.name = "spi-owner",
		.cpu_set = 0x8,
		.num_memory_regions = WARDEN_ARRAY_SIZE(config.mem),
		.num_irqchips = WARDEN_ARRAY_SIZE(config.irqchips),
		.cpu_reset_address = 0,
		.shutdown_timeout_ms = 2000,
	},
	.mem = {
		/* RAM, where the root loads the inmate */ {
			.phys_start = 0x71800000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE,
		},
		/* communication page, provided by the hypervisor */ {
			.virt_start = 0x80000000,
			.size = 0x1000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_COMM_REGION,
		},
	},
	.irqchips = {
		/* INTID 40 = pin_base 32 + bit 8 */ {
			.address = 0x08000000,
			.pin_base = 32,
			.pin_bitmap = { 1U << 8, 0, 0, 0 },
		},
	},
	QEMU_VIRT_SPI_OWNER_OVERRIDES
};

#undef QEMU_VIRT_SPI_OWNER_OVERRIDES
