/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "smp-demo" on QEMU virt: CPUs 2 and 3, 1 MiB of RAM at IPA 0.
 * Memory comes from the root cell's "RAM for the cells" region.
 * Variants (qemu-virt-smp-demo-direct.c) define QEMU_VIRT_SMP_DEMO_OVERRIDES
 * as initialisers replacing single fields.
 */
#include <warden/config.h>

#ifndef QEMU_VIRT_SMP_DEMO_OVERRIDES
#define QEMU_VIRT_SMP_DEMO_OVERRIDES
#endif
#pragma GCC diagnostic ignored "-Woverride-init"

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[2];
} __attribute__((packed)) config __attribute__((section(".rodata.config"),
						  used)) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.flags = WARDEN_CELL_DEBUG_CONSOLE,
		.name = "smp-demo",
		.cpu_set = 0xc,
		.num_memory_regions = WARDEN_ARRAY_SIZE(config.mem),
		.num_irqchips = 0,
		.cpu_reset_address = 0,
		.shutdown_timeout_ms = 2000,
	},
	.mem = {
		/* RAM, where the root loads the inmate */ {
			.phys_start = 0x70a00000,
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
	QEMU_VIRT_SMP_DEMO_OVERRIDES
};

#undef QEMU_VIRT_SMP_DEMO_OVERRIDES
