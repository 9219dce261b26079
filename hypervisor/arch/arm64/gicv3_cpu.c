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
#include <asm/sysregs.h>

#define KICK_SGI		15
#define GICR_SGI_BASE		0x10000
#define GICR_TYPER		0x0008
#define GICR_PIDR2		0xffe8
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_ISPENDR0		(GICR_SGI_BASE + 0x0200)
#define GICR_ICPENDR0		(GICR_SGI_BASE + 0x0280)
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x0300)
#define GICR_ICACTIVER0		(GICR_SGI_BASE + 0x0380)
#define GICR_IPRIORITYR		(GICR_SGI_BASE + 0x0400)
#define GICR_ICFGR0		(GICR_SGI_BASE + 0x0c00)
#define GICR_IGRPMODR0		(GICR_SGI_BASE + 0x0d00)
#define GICD_ICENABLER		0x0180

#define ICC_CTLR_EOIMODE	(1 << 1)
#define SGIR_TARGETS		0xffffULL
#define SGIR_AFF1_SHIFT		16
#define SGIR_INTID_SHIFT	24
#define SGIR_AFF2_SHIFT		32
#define SGIR_IRM		(1ULL << 40)
#define SGIR_RS_SHIFT		44
#define SGIR_AFF3_SHIFT		48

static const struct warden_platform *platform(void)
{
	return &system_config->platform;
}

static volatile u8 *gicr_frame(unsigned int cpu)
{
	return (volatile u8 *)DEVICE_VA_GICR + cpu * platform()->gicr_stride;
}

static u64 gicr_size(void)
{
	return platform()->num_cpus * platform()->gicr_stride;
}

int gic_map(struct paging *pg)
{
	int err;

	err = paging_map(pg, DEVICE_VA_GICD, platform()->gicd_base, 0x10000,
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	return err ?: paging_map(pg, DEVICE_VA_GICR, platform()->gicr_base,
				 gicr_size(), PAGING_READ | PAGING_WRITE |
				 PAGING_DEVICE);
}

void gic_init(void)
{
	volatile u32 *ctlr = (volatile u32 *)DEVICE_VA_GICD;

	*ctlr |= 1;		/* group 0 on, for the kick SGI */
}

/* ---- redistributors as guests see them ----------------------------- */

static u32 kick_mask(u64 offset, unsigned int size)
{
	u64 prio = GICR_IPRIORITYR + KICK_SGI;

	switch (offset) {
	case GICR_ISENABLER0:
	case GICR_ICENABLER0:
	case GICR_ISPENDR0:
	case GICR_ICPENDR0:
	case GICR_ISACTIVER0:
	case GICR_ICACTIVER0:
		return 1U << KICK_SGI;
	}
	if (offset <= prio && prio < offset + size)
		return 0xffU << ((prio - offset) * 8);
	return 0;
}

/* A frame of the guest's own CPU: everything but the kick SGI and groups. */
static enum mmio_result own_frame(volatile u8 *frame, u64 off,
				  struct mmio_access *a)
{
	volatile u32 *reg = (volatile u32 *)(frame + off);
	u32 protect;

	if (a->size == 8 && off == GICR_TYPER && !a->is_write) {
		a->value = *(volatile u64 *)(frame + off);
		return MMIO_HANDLED;
	}
	if (a->size != 4)
		return MMIO_ERROR;
	if (!a->is_write) {
		a->value = *reg;
		return MMIO_HANDLED;
	}
	if (off < GICR_SGI_BASE || off == GICR_IGROUPR0 ||
	    off == GICR_IGRPMODR0 || off >= GICR_ICFGR0 + 8)
		return MMIO_HANDLED;		/* the hypervisor's to set */
	protect = kick_mask(off, 4);
	if (off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + 32)
		*reg = (*reg & protect) | (a->value & ~protect);
	else
		*reg = a->value & ~protect;
	return MMIO_HANDLED;
}

static enum mmio_result gicr_handler(void *arg, u64 offset,
				     struct mmio_access *a)
{
	const struct cell *cell = arg;
	u64 stride = platform()->gicr_stride;
	unsigned int cpu = offset / stride;
	u64 off = offset % stride;

	if (off & (a->size - 1))
		return MMIO_ERROR;
	if (cell->cpu_set & (1ULL << cpu))
		return own_frame(gicr_frame(cpu), off, a);
	/* Other CPUs' frames: identification only, so walks find the end. */
	if (!a->is_write && (off == GICR_TYPER || off == GICR_TYPER + 4 ||
			     off == GICR_PIDR2))
		a->value = a->size == 8 ?
			   *(volatile u64 *)(gicr_frame(cpu) + off) :
			   *(volatile u32 *)(gicr_frame(cpu) + off);
	else if (!a->is_write)
		a->value = 0;
	return MMIO_HANDLED;
}

static enum mmio_result gicd_handler(void *arg, u64 offset,
				     struct mmio_access *access)
{
	return gicd_filter(arg, (void *)DEVICE_VA_GICD, offset, access);
}

bool gic_cell_has_target(const struct cell *cell, u64 irouter)
{
	u64 aff = (irouter & 0xffffff) | ((irouter >> 32 & 0xff) << 32);
	unsigned int n;

	if (irouter & (1ULL << 31))		/* Interrupt_Routing_Mode */
		return false;
	for (n = 0; n < platform()->num_cpus; n++)
		if ((cell->cpu_set & (1ULL << n)) &&
		    (per_cpu(n)->mpidr & MPIDR_AFF_MASK) == aff)
			return true;
	return false;
}

/* The root cell maps its own CPUs' frames; a cell's are all trapped. */
int arch_cell_sync(struct cell *cell)
{
	u64 stride = platform()->gicr_stride, base;
	unsigned int n;
	int err = 0;

	if (cell != &root_cell)
		return 0;
	for (n = 0; !err && n < platform()->num_cpus; n++) {
		base = platform()->gicr_base + n * stride;
		if (cell->cpu_set & (1ULL << n))
			err = paging_map(&cell->stage2, base, base, stride,
					 PAGING_READ | PAGING_WRITE |
					 PAGING_DEVICE);
		else
			err = paging_unmap(&cell->stage2, base, stride);
	}
	return err;
}

int gic_cell_init(struct cell *cell)
{
	int err = arch_cell_sync(cell);

	err = err ?: mmio_region_register(&cell->mmio, platform()->gicd_base,
					  0x10000, gicd_handler, cell);
	return err ?: mmio_region_register(&cell->mmio, platform()->gicr_base,
					   gicr_size(), gicr_handler, cell);
}

/* The SPIs that change hands are disabled on the way. */
void arch_cell_move_cpus(struct cell *to, struct cell *from)
{
	const struct cell *moving = to == &root_cell ? from : to;
	volatile u32 *icenabler = (volatile u32 *)(DEVICE_VA_GICD +
						   GICD_ICENABLER);
	unsigned int n, w;

	for (n = 0; n < platform()->num_cpus; n++)
		if (moving->cpu_set & (1ULL << n))
			per_cpu(n)->cell = to;
	for (w = 1; w < ARRAY_SIZE(moving->irq_bitmap); w++)
		if (moving->irq_bitmap[w])
			icenabler[w] = moving->irq_bitmap[w];
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

/*
 * This CPU leaves its cell: whatever the cell did to its redistributor's
 * SGIs and PPIs (enabled, pending, active, priorities) must not follow the
 * CPU into the next cell, or into Linux.
 */
void gic_cpu_clean(unsigned int cpu)
{
	volatile u8 *frame = gicr_frame(cpu);
	unsigned int i;

	*(volatile u32 *)(frame + GICR_ICENABLER0) = ~0U;
	*(volatile u32 *)(frame + GICR_ICPENDR0) = ~0U;
	*(volatile u32 *)(frame + GICR_ICACTIVER0) = ~0U;
	*(volatile u32 *)(frame + GICR_IGROUPR0) = ~0U;
	for (i = 0; i < 32; i += 4)
		*(volatile u32 *)(frame + GICR_IPRIORITYR + i) = 0xa0a0a0a0;
	dsb(sy);
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
