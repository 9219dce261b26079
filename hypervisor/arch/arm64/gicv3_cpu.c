// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 per CPU and per cell: redistributors, the CPU interface, SGIs.
 *
 * Guests take their interrupts directly (HCR_EL2.IMO = 0): no exit per
 * interrupt. The hypervisor keeps group 0 for itself: SGI 15, group 0, is
 * its "kick" to stop a CPU that runs a cell, delivered as an FIQ that
 * HCR_EL2.FMO routes to EL2 on the cells' CPUs. FMO also makes a cell's
 * SGI sends trap, so a cell can only ever interrupt its own CPUs. Since FMO
 * virtualises the common CPU-interface registers (PMR, CTLR, DIR) for EL1,
 * a cell CPU's physical interface runs with EOImode 0: EOIR both drops
 * priority and deactivates, whatever the cell writes to ICV_CTLR_EL1.
 *
 * The root cell's CPUs run without FMO: Linux uses EOImode 1 there, which
 * needs its ICC_DIR_EL1 writes to reach the physical interface. So the
 * root's SGIs are not filtered yet (it can interrupt, but not stop or
 * reach into, a cell's CPU: group-0 SGIs from it are ignored there).
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/layout.h>
#include <hv/printk.h>
#include <asm/cell_arch.h>
#include <asm/gic.h>
#include <asm/gicv3.h>
#include <asm/sysregs.h>

static const struct warden_platform *platform(void)
{
	return &system_config->platform;
}

/* ---- the CPU interface --------------------------------------------- */

#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IGRPEN0_EL1	S3_0_C12_C12_6
#define ICC_IAR0_EL1	S3_0_C12_C8_0
#define ICC_EOIR0_EL1	S3_0_C12_C8_1
#define ICC_SGI0R_EL1	S3_0_C12_C11_7
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_ASGI1R_EL1	S3_0_C12_C11_6

/* The kick SGI: group 0, top priority, enabled, on this CPU. */
static void setup_kick(unsigned int cpu)
{
	volatile u8 *frame = gicr_frame(cpu);

	*(volatile u32 *)(frame + GICR_IGROUPR0) &= ~(1U << KICK_SGI);
	*(volatile u32 *)(frame + GICR_IGRPMODR0) &= ~(1U << KICK_SGI);
	frame[GICR_IPRIORITYR + KICK_SGI] = 0;
	*(volatile u32 *)(frame + GICR_ISENABLER0) = 1U << KICK_SGI;
	write_sysreg(1, ICC_IGRPEN0_EL1);
}

/* A CPU about to run a cell (not the root: its CPU interface is Linux's). */
void gic_cpu_init(struct per_cpu *cpu)
{
	if (cpu->cell == &root_cell)
		return;
	write_sysreg(read_sysreg(ICC_CTLR_EL1) & ~ICC_CTLR_EOIMODE,
		     ICC_CTLR_EL1);
	write_sysreg(0xff, ICC_PMR_EL1);
	setup_kick(cpu->cpu_id);
	isb();
}

static u64 sgir_for(u64 mpidr, unsigned int intid)
{
	unsigned int aff0 = mpidr & 0xff;

	return (1ULL << (aff0 % 16)) | ((u64)(aff0 / 16) << SGIR_RS_SHIFT) |
	       (((mpidr >> 8) & 0xff) << SGIR_AFF1_SHIFT) |
	       (((mpidr >> 16) & 0xff) << SGIR_AFF2_SHIFT) |
	       (((mpidr >> 32) & 0xff) << SGIR_AFF3_SHIFT) |
	       ((u64)intid << SGIR_INTID_SHIFT);
}


void gic_kick(struct per_cpu *cpu)
{
	dsb(ish);
	write_sysreg(sgir_for(cpu->mpidr, KICK_SGI), ICC_SGI0R_EL1);
	isb();
}

/* Does the SGI register value @v name the CPU with affinity @mpidr? */
static bool sgir_targets(u64 v, u64 mpidr, u64 self)
{
	unsigned int aff0 = mpidr & 0xff;

	if (v & SGIR_IRM)
		return (mpidr & MPIDR_AFF_MASK) != (self & MPIDR_AFF_MASK);
	return ((v >> SGIR_AFF1_SHIFT) & 0xff) == ((mpidr >> 8) & 0xff) &&
	       ((v >> SGIR_AFF2_SHIFT) & 0xff) == ((mpidr >> 16) & 0xff) &&
	       ((v >> SGIR_AFF3_SHIFT) & 0xff) == ((mpidr >> 32) & 0xff) &&
	       ((v >> SGIR_RS_SHIFT) & 0xf) == aff0 / 16 &&
	       (v & (1ULL << (aff0 % 16)));
}

/*
 * A guest wrote ICC_SGI1R_EL1 or ICC_ASGI1R_EL1 (@alias): send the SGI to
 * those targets that are CPUs of its own cell, one at a time.
 */
void gic_send_sgi(u64 value, bool alias)
{
	struct per_cpu *self = this_cpu();
	unsigned int intid = (value >> SGIR_INTID_SHIFT) & 0xf, n;
	u64 mpidr;

	if (intid == KICK_SGI)
		return;
	for (n = 0; n < platform()->num_cpus; n++) {
		if (!(self->cell->cpu_set & (1ULL << n)))
			continue;
		mpidr = per_cpu(n)->mpidr;
		if (!sgir_targets(value, mpidr, self->mpidr))
			continue;
		if (alias)
			write_sysreg(sgir_for(mpidr, intid), ICC_ASGI1R_EL1);
		else
			write_sysreg(sgir_for(mpidr, intid), ICC_SGI1R_EL1);
	}
	isb();
}

/* An FIQ reached EL2: acknowledge it; true if it was the kick. */
bool gic_handle_fiq(void)
{
	u64 intid = read_sysreg(ICC_IAR0_EL1) & 0xffffff;

	if (intid >= 1020)
		return false;
	write_sysreg(intid, ICC_EOIR0_EL1);
	isb();
	return intid == KICK_SGI;
}
