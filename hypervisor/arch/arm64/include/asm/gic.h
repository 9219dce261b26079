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
/*
 * True when the GICD_IROUTER value @irouter names one CPU of @cell
 * (1-of-N routing, IRM, is refused: it could pick any CPU).
 */
bool gic_cell_has_target(const struct cell *cell, u64 irouter);

enum mmio_result gicd_filter(const struct cell *cell, volatile void *gicd,
			     u64 offset, struct mmio_access *access);

struct per_cpu;

/* Global GIC set-up, with the hypervisor's tables live. */
void gic_init(void);

/* This CPU is about to run a cell: its CPU interface and the kick SGI. */
void gic_cpu_init(struct per_cpu *cpu);
/* This CPU leaves a cell: reset its SGIs and PPIs in the redistributor. */
void gic_cpu_clean(unsigned int cpu);
/* Send the hypervisor's stop signal (WARDEN_STOP_SGI) to @cpu. */
void gic_kick(struct per_cpu *cpu);
/* Forward a guest's SGI write to the targets inside its own cell. */
void gic_send_sgi(u64 value, bool alias);
/* Acknowledge an FIQ taken to EL2 (direct delivery); true: the kick. */
bool gic_handle_fiq(void);
/* A physical IRQ taken to EL2 on a cell CPU with the virtual interface. */
void gic_handle_irq(struct per_cpu *cpu);
/* HCR_EL2 interrupt routing bits (IMO, FMO) for the cell @cpu runs. */
u64 gic_cpu_hcr(const struct per_cpu *cpu);
/* Clear this CPU's virtual CPU interface and pending injections. */
void gic_cpu_reset_vif(struct per_cpu *cpu);
/* Can @cell's interrupt delivery mode work on this GIC? 0 or -EINVAL. */
int gic_cell_check(const struct cell *cell);

#endif /* _ASM_GIC_H */
