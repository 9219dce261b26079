// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 distributor filtering. The distributor is shared by all cells, so a
 * cell may only touch the bits of the interrupts it owns; the redistributor
 * frames are per CPU and are mapped straight into the cell that owns the
 * CPU, so the root cell's interrupt handling causes no exits at all
 * (interrupts are delivered to EL1 directly, HCR_EL2.IMO = 0).
 */
#include <hv/cell.h>
#include <asm/gic.h>
#include <asm/spinlock.h>

#define GICD_SIZE		0x10000
#define GICD_CTLR		0x0000
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_CTLR_ENABLE_G0	(1 << 0)

static spinlock_t gicd_lock;

/* Read-modify-write registers need the lock; set/clear ones do not. */
struct irq_reg {
	u32 base;
	u8 bits_per_irq;
	bool rmw;
	bool read_only;
};

static const struct irq_reg irq_regs[] = {
	/* Every interrupt stays group 1: group 0 is the hypervisor's. */
	{ GICD_IGROUPR, 1, true, true },
	{ GICD_ISENABLER, 1, false, false },
	{ GICD_ICENABLER, 1, false, false },
	{ GICD_ISPENDR, 1, false, false },
	{ GICD_ICPENDR, 1, false, false },
	{ GICD_ISACTIVER, 1, false, false },
	{ GICD_ICACTIVER, 1, false, false },
	{ GICD_IPRIORITYR, 8, true, false },
	{ GICD_ITARGETSR, 8, true, false },
	{ GICD_ICFGR, 2, true, false },
	{ GICD_IGRPMODR, 1, true, true },
	{ GICD_NSACR, 2, true, false },
};

static const struct irq_reg *find_irq_reg(u64 offset)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(irq_regs); i++) {
		u64 len = 1024 * irq_regs[i].bits_per_irq / 8;

		if (offset >= irq_regs[i].base && offset < irq_regs[i].base + len)
			return &irq_regs[i];
	}
	return NULL;
}

/* Mask of the bits in this access that belong to the cell's interrupts. */
static u64 owned_mask(const struct cell *cell, const struct irq_reg *r,
		      u64 offset, unsigned int size)
{
	unsigned int first = (offset - r->base) * 8 / r->bits_per_irq;
	unsigned int n = size * 8 / r->bits_per_irq, i;
	u64 field = r->bits_per_irq == 64 ? ~0ULL : (1ULL << r->bits_per_irq) - 1;
	u64 mask = 0;

	for (i = 0; i < n; i++)
		if (first + i >= 32 && cell_owns_irq(cell, first + i))
			mask |= field << (i * r->bits_per_irq);
	return mask;
}

static u64 mmio_read(volatile void *addr, unsigned int size)
{
	switch (size) {
	case 1:
		return *(volatile u8 *)addr;
	case 2:
		return *(volatile u16 *)addr;
	case 4:
		return *(volatile u32 *)addr;
	default:
		return *(volatile u64 *)addr;
	}
}

static void mmio_write(volatile void *addr, unsigned int size, u64 val)
{
	switch (size) {
	case 1:
		*(volatile u8 *)addr = val;
		break;
	case 2:
		*(volatile u16 *)addr = val;
		break;
	case 4:
		*(volatile u32 *)addr = val;
		break;
	default:
		*(volatile u64 *)addr = val;
		break;
	}
}

static enum mmio_result filtered(const struct irq_reg *r, volatile void *reg,
				 struct mmio_access *a, u64 mask)
{
	if (!a->is_write) {
		a->value = mmio_read(reg, a->size) & mask;
	} else if (r->read_only) {
		/* ignored */
	} else if (!r->rmw) {
		/* Write-1-to-set/clear: zero bits have no effect. */
		if (a->value & mask)
			mmio_write(reg, a->size, a->value & mask);
	} else if (mask) {
		spin_lock(&gicd_lock);
		mmio_write(reg, a->size, (mmio_read(reg, a->size) & ~mask) |
			   (a->value & mask));
		spin_unlock(&gicd_lock);
	}
	return MMIO_HANDLED;
}

static enum mmio_result irouter(const struct cell *cell, volatile void *reg,
				u64 offset, struct mmio_access *a)
{
	unsigned int irq = (offset - GICD_IROUTER) / 8;

	if (a->size != 8 && a->size != 4)
		return MMIO_ERROR;
	if (irq < 32 || !cell_owns_irq(cell, irq)) {
		a->value = 0;
		return MMIO_HANDLED;
	}
	/* An interrupt may only be routed to a CPU of the cell that owns it. */
	if (a->is_write && (a->size != 8 || gic_cell_has_target(cell, a->value)))
		mmio_write(reg, a->size, a->value);
	else if (!a->is_write)
		a->value = mmio_read(reg, a->size);
	return MMIO_HANDLED;
}

static enum mmio_result global_reg(const struct cell *cell, volatile void *reg,
				   u64 offset, struct mmio_access *a)
{
	bool root = cell == &root_cell;

	if (!a->is_write) {
		a->value = mmio_read(reg, a->size);
		return MMIO_HANDLED;
	}
	if ((offset == GICD_SETSPI_NSR || offset == GICD_CLRSPI_NSR) &&
	    cell_owns_irq(cell, a->value & 0x3ff) && (a->value & 0x3ff) >= 32)
		mmio_write(reg, a->size, a->value);
	else if (offset == GICD_CTLR && root)
		mmio_write(reg, a->size, a->value | GICD_CTLR_ENABLE_G0);
	/* Anything else is ignored: it would affect other cells. */
	return MMIO_HANDLED;
}

enum mmio_result gicd_filter(const struct cell *cell, volatile void *gicd,
			     u64 offset, struct mmio_access *a)
{
	volatile u8 *reg;
	const struct irq_reg *r;

	if (offset >= GICD_SIZE || (offset & (a->size - 1)))
		return MMIO_ERROR;
	reg = (volatile u8 *)gicd + offset;
	/* The global registers below IGROUPR are the ones read most. */
	if (offset < GICD_IGROUPR)
		return global_reg(cell, reg, offset, a);
	if (offset >= GICD_IROUTER && offset < GICD_IROUTER_END + 8)
		return irouter(cell, reg, offset, a);
	r = find_irq_reg(offset);
	if (!r)
		return global_reg(cell, reg, offset, a);
	if (a->size != 4 && !(r->bits_per_irq == 8 && a->size == 1))
		return MMIO_ERROR;
	return filtered(r, reg, a, owned_mask(cell, r, offset, a->size));
}
