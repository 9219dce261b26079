/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cells: the root cell (Linux) and the cells carved out of it. Every CPU,
 * memory region and interrupt belongs to exactly one cell at a time
 * (memory regions flagged shared excepted).
 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <hv/types.h>
#include <hv/paging.h>
#include <hv/mmio.h>
#include <asm/cell.h>
#include <warden/config.h>
#include <warden/comm.h>

#define CELL_MAX_MMIO	16
#define MAX_CELLS	16

struct cell {
	unsigned int id;
	const struct warden_cell_desc *config;	/* validated copy */
	unsigned long config_pages;		/* 0 for the root's */
	u64 cpu_set;
	u32 state;				/* WARDEN_CELL_* */
	bool loadable_in_root;			/* loadable memory mapped in root */
	struct warden_comm_region *comm;	/* NULL for the root */
	struct paging stage2;
	struct mmio_registry mmio;
	struct mmio_region mmio_storage[CELL_MAX_MMIO];
	u32 irq_bitmap[1024 / 32];		/* INTIDs the cell owns */
	struct arch_cell arch;
};

extern struct cell root_cell;

/* The cell with @id, or NULL. */
struct cell *cell_get(unsigned int id);

/* Number of cells, the root included. */
unsigned int cell_count(void);

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

/* Management, from the root cell's hypercalls; results for x0. */
long cell_create(u64 config_ipa, u64 size);
long cell_start(unsigned int id);
long cell_set_loadable(unsigned int id);
long cell_destroy(unsigned int id);
long cell_shutdown(unsigned int id, u64 force);
long cell_get_state(unsigned int id);

/*
 * The cell running on this CPU did something it may not: stop this CPU
 * and mark the cell FAILED, printing @why. Does not return.
 */
void __attribute__((noreturn)) cell_fail_this_cpu(const char *why, u64 v1,
						  u64 v2);

/* The cell asked to power off (all CPUs) or to restart (PSCI). */
void cell_system_off(void);
void cell_system_reset(void);

#endif /* _HV_CELL_H */
