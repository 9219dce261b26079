/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "smp-direct": ./qemu-virt-smp-demo.c with direct interrupt delivery
 * (WARDEN_CELL_DIRECT_IRQ), for the benchmarks that compare the delivery
 * modes (ci/bench). Trusted not to block its stop; refused on a GIC with
 * two security states.
 */
#define QEMU_VIRT_SMP_DEMO_OVERRIDES \
	.cell.flags = WARDEN_CELL_DEBUG_CONSOLE | WARDEN_CELL_DIRECT_IRQ, \
	.cell.name = "smp-direct",
#include "qemu-virt-smp-demo.c"
