/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "uart-hello" on QEMU virt: CPU 2, 1 MiB of RAM at IPA 0, and the
 * board's only PL011 as its console, shared with the root cell (flagged
 * shared on the cell's side, so the root keeps it too). No debug-console
 * hypercall: what the cell prints goes through the PL011 or nowhere.
 */
#include <warden/config.h>

#define PL011	0x09000000

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[3];
} __attribute__((packed)) config __attribute__((section(".rodata.config"),
						  used)) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.name = "uart-hello",
		.cpu_set = 0x4,
		.num_memory_regions = WARDEN_ARRAY_SIZE(config.mem),
		.num_irqchips = 0,
		.cpu_reset_address = 0,
		.shutdown_timeout_ms = 2000,
		.console_address = PL011,
	},
	.mem = {
		/* RAM, where the root loads the inmate */ {
			.phys_start = 0x71b00000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE,
		},
		/* the PL011, at its own address */ {
			.phys_start = PL011,
			.virt_start = PL011,
			.size = 0x1000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_IO | WARDEN_MEM_SHARED,
		},
		/* communication page, provided by the hypervisor */ {
			.virt_start = 0x80000000,
			.size = 0x1000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_COMM_REGION,
		},
	},
};
