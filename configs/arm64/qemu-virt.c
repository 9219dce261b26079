/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System config for the QEMU `virt` machine (-cpu cortex-a57 -smp 4, GICv3,
 * 1 GiB RAM, Linux booted with mem=768M).
 *
 *   0x40000000-0x6fffffff  Linux RAM (root cell)
 *   0x70000000-0x707fffff  hypervisor memory (never in any cell)
 *   0x70800000-0x7fffffff  RAM for the cells, carved out of the root cell
 *
 * The GIC distributor and redistributors are not memory regions: the
 * hypervisor emulates the distributor and maps each CPU's redistributor.
 * Nor is the GIC ITS (0x08080000 when QEMU has one): it is a bus master that
 * writes its tables wherever it is told, and there is no SMMU to stop it, so
 * nobody may program it (the validator refuses a region there). The rig
 * runs QEMU with its=off; Linux then has no LPIs and needs none.
 */
#include <warden/config.h>

/*
 * The deliberately broken variants in bad/ include this file after
 * defining QEMU_VIRT_OVERRIDES as designated initialisers that replace
 * single fields (e.g. `.sys.root_cell.cpu_set = 0x1f,`).
 */
#ifndef QEMU_VIRT_OVERRIDES
#define QEMU_VIRT_OVERRIDES
#endif
#pragma GCC diagnostic ignored "-Woverride-init"

#define RWX	(WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE)
#define IO_RW	(WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO)
/* Registers of DMA-capable devices: no cell may have them (no SMMU yet). */
#define IO_DMA	(IO_RW | WARDEN_MEM_BUSMASTER)
#define ALL_PINS { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }

const struct {
	struct warden_system sys;
	struct warden_memory mem[10];
	struct warden_irqchip irqchips[1];
} __attribute__((packed)) config __attribute__((section(".rodata.config"),
						  used)) = {
	.sys = {
		.signature = WARDEN_SYSTEM_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.hypervisor_memory = {
			.phys_start = 0x70000000,
			.size = 0x00800000,
		},
		.debug_console = {
			.address = 0x09000000,
			.size = 0x1000,
			.type = WARDEN_CONSOLE_PL011,
		},
		.platform = {
			.gic_version = 3,
			.maintenance_irq = 25,	/* PPI 9 */
			.gicd_base = 0x08000000,
			.gicr_base = 0x080a0000,
			.gicr_stride = 0x20000,
			.timer_frequency = 62500000,
			.num_cpus = 4,
			/* MPIDR_EL1: bit 31 is RES1, Aff0 = CPU number. */
			.cpu_mpidr = { 0x80000000, 0x80000001, 0x80000002,
				       0x80000003 },
		},
		.root_cell = {
			.name = "qemu-virt",
			.cpu_set = 0xf,
			.num_memory_regions = WARDEN_ARRAY_SIZE(config.mem),
			.num_irqchips = WARDEN_ARRAY_SIZE(config.irqchips),
		},
	},
	.mem = {
		/* Linux RAM */ {
			.phys_start = 0x40000000, .virt_start = 0x40000000,
			.size = 0x30000000, .flags = RWX | WARDEN_MEM_DMA,
		},
		/* RAM for the cells */ {
			.phys_start = 0x70800000, .virt_start = 0x70800000,
			.size = 0x0f800000, .flags = RWX | WARDEN_MEM_DMA,
		},
		/* PL011 UART */ {
			.phys_start = 0x09000000, .virt_start = 0x09000000,
			.size = 0x1000, .flags = IO_RW,
		},
		/* PL031 RTC */ {
			.phys_start = 0x09010000, .virt_start = 0x09010000,
			.size = 0x1000, .flags = IO_RW,
		},
		/* fw-cfg (0x18 bytes; its DMA interface writes memory) */ {
			.phys_start = 0x09020000, .virt_start = 0x09020000,
			.size = 0x1000, .flags = IO_DMA,
		},
		/* PL061 GPIO */ {
			.phys_start = 0x09030000, .virt_start = 0x09030000,
			.size = 0x1000, .flags = IO_RW,
		},
		/* virtio-mmio transports */ {
			.phys_start = 0x0a000000, .virt_start = 0x0a000000,
			.size = 0x4000, .flags = IO_DMA,
		},
		/* PCIe MMIO window */ {
			.phys_start = 0x10000000, .virt_start = 0x10000000,
			.size = 0x2eff0000, .flags = IO_DMA,
		},
		/* PCIe PIO window */ {
			.phys_start = 0x3eff0000, .virt_start = 0x3eff0000,
			.size = 0x10000, .flags = IO_DMA,
		},
		/* PCIe ECAM (high) */ {
			.phys_start = 0x4010000000, .virt_start = 0x4010000000,
			.size = 0x10000000, .flags = IO_DMA,
		},
		/* The high PCIe MMIO window is left out: nothing uses it. */
	},
	.irqchips = {
		/* SPIs 32..159 */ {
			.address = 0x08000000,
			.pin_base = 32,
			.pin_bitmap = ALL_PINS,
		},
	},
	QEMU_VIRT_OVERRIDES
};

#undef QEMU_VIRT_OVERRIDES
