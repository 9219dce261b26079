/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "cpuif-hostile" on QEMU virt: runs inmates/tests/cpuif-hostile.c,
 * which plays games with its CPU interface and never answers a shutdown
 * request (timeout 200 ms); the stop must still work (tests/e2e/test_stop.py).
 * CPU 2, 1 MiB of RAM at IPA 0, no interrupts of its own.
 * Memory comes from the root cell's "RAM for the cells" region.
 */
#include <warden/config.h>

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
		.name = "cpuif-hostile",
		.cpu_set = 0x4,
		.num_memory_regions = WARDEN_ARRAY_SIZE(config.mem),
		.num_irqchips = 0,
		.cpu_reset_address = 0,
		.shutdown_timeout_ms = 200,
	},
	.mem = {
		/* RAM, where the root loads the inmate */ {
			.phys_start = 0x72000000,
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
};
