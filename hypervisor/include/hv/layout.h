/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's virtual address space (EL2 stage 1, 48-bit), one level-0
 * slot (512 GiB) per purpose so the per-CPU slot can differ between the CPUs'
 * root tables while all other slots share their lower-level tables:
 *   slot 0: identity map of the trampoline page (the physical address of the
 *           hypervisor memory must lie below 512 GiB)
 *   slot 1: the whole hypervisor memory, image first
 *   slot 2: this CPU's per-CPU data (a different page on every CPU)
 *   slot 3: device mappings (UART, GIC)
 * Also included by assembly.
 */
#ifndef _HV_LAYOUT_H
#define _HV_LAYOUT_H

#define HV_VA_BASE		0x0000008000000000
#define PERCPU_VA		0x0000010000000000
#define DEVICE_VA		0x0000018000000000
#define HV_SLOT_SIZE		0x0000008000000000

/* Device mappings in slot 3. */
#define DEVICE_VA_UART		(DEVICE_VA + 0x00000000)
#define DEVICE_VA_GICD		(DEVICE_VA + 0x00100000)
#define DEVICE_VA_GICR		(DEVICE_VA + 0x00200000)
/* A window for copying from guest memory (one page at a time). */
#define TEMP_VA			(DEVICE_VA + 0x40000000)

#define PERCPU_STACK_SIZE	0x4000
/* The guest's registers, at the top of the per-CPU stack. */
#define FRAME_SIZE		0x100
#define FRAME_VA		(PERCPU_VA + PERCPU_STACK_SIZE - FRAME_SIZE)

#define CONSOLE_SIZE		0x4000

/* What x0 asks for at the entry point (warden/header.h), and PSCI CPU_ON. */
#define ENTRY_INIT		1
#define ENTRY_CPU		2
#define ENTRY_CPU_ON		3

/* Offsets the MMU-off entry code reads (struct warden_header, warden_system). */
#define HDR_CONFIG_OFFSET	56
#define SYS_HV_SIZE		32

/* Boot tables: L0, L1 and L2 for the identity map, L1 and L2 for slot 1. */
#define BOOT_PT_PAGES		5
/* EL2 stage-1 block: AF, inner shareable, AP[1] (RES1 at EL2), Normal WB. */
#define BOOT_BLOCK_ATTR		0x741

#endif /* _HV_LAYOUT_H */
