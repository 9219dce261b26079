/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells: the root cell (Linux) and, later, the cells carved out of it. */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <hv/types.h>
#include <hv/paging.h>
#include <hv/mmio.h>
#include <asm/cell.h>
#include <warden/config.h>

#define CELL_MAX_MMIO	16

struct cell {
	unsigned int id;
	const struct warden_cell_desc *config;	/* validated copy */
	u64 cpu_set;
	struct paging stage2;
	struct mmio_registry mmio;
	struct mmio_region mmio_storage[CELL_MAX_MMIO];
	u32 irq_bitmap[1024 / 32];		/* INTIDs the cell owns */
	struct arch_cell arch;
};

extern struct cell root_cell;

/* Map every region of the cell's config into its stage 2; 0 or -errno. */
int cell_map_memory(struct cell *cell);

/* True when the cell owns INTID @irq (SGIs and PPIs always). */
static inline bool cell_owns_irq(const struct cell *cell, unsigned int irq)
{
	if (irq < 32)
		return true;
	if (irq >= 1024)
		return false;
	return cell->irq_bitmap[irq / 32] & (1U << (irq % 32));
}

#endif /* _HV_CELL_H */
