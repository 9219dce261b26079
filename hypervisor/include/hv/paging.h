/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMSAv8-64 translation tables, 4 KiB granule, 4 levels (48-bit input
 * addresses), for both the hypervisor's own stage-1 tables (EL2) and cells'
 * stage-2 tables. Pure logic: no system registers, no TLB maintenance (the
 * caller invalidates after changes); builds and is tested on the host.
 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include <hv/types.h>
#include <hv/page_alloc.h>

typedef u64 pte_t;

enum paging_format {
	PAGING_STAGE1_EL2,	/* EL2 stage 1: AttrIndx, AP[2], XN */
	PAGING_STAGE2,		/* stage 2: MemAttr, S2AP, XN */
};

/* Access flags for a mapping. */
#define PAGING_READ		0x01
#define PAGING_WRITE		0x02
#define PAGING_EXEC		0x04
#define PAGING_DEVICE		0x08	/* Device-nGnRE instead of Normal WB */
#define PAGING_NONCACHED	0x10	/* Normal non-cacheable */
#define PAGING_NO_BLOCKS	0x20	/* map with 4 KiB pages only */

/*
 * Stage-1 MAIR_EL2 indices the tables use (the arch code programs MAIR_EL2
 * to match): 0 = Normal WB RA/WA, 1 = Device-nGnRE, 2 = Normal NC.
 */
#define PAGING_MAIR_NORMAL	0
#define PAGING_MAIR_DEVICE	1
#define PAGING_MAIR_NC		2
#define PAGING_MAIR_VALUE	0x00000000004404ffULL

struct paging {
	enum paging_format format;
	pte_t *root;			/* level-0 table (hypervisor VA) */
	struct page_pool *pool;		/* where tables come from */
	/* Converting between table addresses in entries and pointers. */
	u64 (*virt2phys)(const void *virt);
	void *(*phys2virt)(u64 phys);
	/*
	 * For tables in use while they change (NULL otherwise): invalidate
	 * the TLBs for [virt, virt + size). When set, a valid entry is never
	 * replaced by another valid one directly (break-before-make, Arm ARM
	 * D8.14): it is cleared, @flush runs, then the new entry is written;
	 * and a table is flushed before its page is freed.
	 */
	void (*flush)(const struct paging *pg, u64 virt, u64 size);
};

/* Allocate an empty root table; 0, -EINVAL (bad arguments) or -ENOMEM. */
int paging_init(struct paging *pg, enum paging_format format,
		struct page_pool *pool, u64 (*virt2phys)(const void *),
		void *(*phys2virt)(u64));

/*
 * Map [virt, virt + size) to [phys, phys + size) with @flags. All three must
 * be page aligned; uses 1 GiB / 2 MiB blocks where alignment allows (unless
 * PAGING_NO_BLOCKS) and replaces whatever was mapped there before, splitting
 * blocks as needed. 0, -EINVAL or -ENOMEM (on -ENOMEM the range may be
 * partially mapped). -EINVAL also for unknown flags, PAGING_DEVICE with
 * PAGING_NONCACHED, or an EL2 stage-1 mapping without PAGING_READ (AP[2:1]
 * cannot express "no read" there).
 */
int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size, unsigned flags);

/*
 * Unmap [virt, virt + size), page aligned; blocks that straddle the edges
 * are split so that the rest of them stays mapped. Tables that become empty
 * are freed. 0, -EINVAL or -ENOMEM (splitting needs tables).
 */
int paging_unmap(struct paging *pg, u64 virt, u64 size);

/*
 * Translate @virt. Returns true and sets *phys (when not NULL) and *flags
 * (when not NULL: PAGING_* as mapped, minus PAGING_NO_BLOCKS) when mapped,
 * false otherwise.
 */
bool paging_lookup(const struct paging *pg, u64 virt, u64 *phys,
		   unsigned *flags);

/* Free every table including the root (the mappings are gone). */
void paging_destroy(struct paging *pg);

/* Number of pages currently used by tables of @pg (root included). */
unsigned long paging_table_pages(const struct paging *pg);

#endif /* _HV_PAGING_H */
