// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 redistributors and the distributor as cells see them: mapping,
 * trapped frames, handing CPUs and interrupts between cells, and the
 * clean-up when a CPU leaves a cell.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/layout.h>
#include <hv/printk.h>
#include <asm/cell_arch.h>
#include <asm/gic.h>
#include <asm/gicv3.h>
#include <asm/sysregs.h>

#define GICD_ICENABLER		0x0180

static const struct warden_platform *platform(void)
{
	return &system_config->platform;
}

volatile u8 *gicr_frame(unsigned int cpu)
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
