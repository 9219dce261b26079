/* SPDX-License-Identifier: GPL-2.0-only */
/* GIC handling behind one interface (GICv3 now; GICv2 later). */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <hv/paging.h>
#include <hv/mmio.h>

struct cell;

/* Map the distributor (and redistributors) for the hypervisor itself. */
int gic_map(struct paging *pg);

/*
 * A cell's view of the GIC: the distributor trapped and filtered by the
 * cell's IRQ ownership; its CPUs' redistributors mapped directly.
 */
int gic_cell_init(struct cell *cell);

/*
 * Emulate a distributor access for @cell on the real distributor at @gicd.
 * Registers indexed by INTID only see the cell's own interrupts: other
 * bits read as zero and ignore writes. Host-testable (see tests/unit).
 */
enum mmio_result gicd_filter(const struct cell *cell, volatile void *gicd,
			     u64 offset, struct mmio_access *access);

#endif /* _ASM_GIC_H */
