/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMSAv8-64 translation tables: 4 KiB granule, levels 0-3, 48-bit input
 * addresses (Arm ARM, "VMSAv8-64 translation table format descriptors").
 *
 * Invariants kept by every operation:
 *  - a table other than the root is never empty (unmap frees it),
 *  - a block or page descriptor always carries the attributes built by
 *    make_attrs(), so splitting a block copies them verbatim.
 *
 * No TLB maintenance happens here. Replacing a live block by a table of the
 * same output (a split) or changing an output address strictly needs
 * break-before-make (Arm ARM, "Using break-before-make when updating
 * translation table entries"); the caller owns that policy and must
 * invalidate the TLBs for the range after every change.
 */
#include <hv/paging.h>

#define PTES_PER_TABLE		512
#define VA_BITS			48
#define VA_LIMIT		(1ULL << VA_BITS)

/* Descriptor bits[1:0]: 0bx0 invalid, 0b01 block, 0b11 table (or page). */
#define PTE_VALID		BIT_ULL(0)
#define PTE_TYPE_MASK		0x3ULL
#define PTE_TYPE_BLOCK		0x1ULL
#define PTE_TYPE_TABLE		0x3ULL	/* a page at level 3 */
#define PTE_ADDR_MASK		GENMASK_ULL(47, 12)
/* Lower attributes [11:2] and upper attributes [63:50] of a leaf. */
#define PTE_ATTR_MASK		(GENMASK_ULL(11, 2) | GENMASK_ULL(63, 50))

/* Shared by both formats. */
#define PTE_SH_INNER		(0x3ULL << 8)	/* SH[1:0] = 0b11 */
#define PTE_AF			BIT_ULL(10)	/* no access flag faults */

/* Stage 1 (EL2 regime, one privilege level). */
#define S1_ATTRINDX_SHIFT	2
#define S1_ATTRINDX_MASK	(0x7ULL << S1_ATTRINDX_SHIFT)
#define S1_AP1			BIT_ULL(6)	/* RES1: no EL0 in this regime */
#define S1_AP2_RO		BIT_ULL(7)
#define S1_XN			BIT_ULL(54)

/* Stage 2. */
#define S2_MEMATTR_SHIFT	2
#define S2_MEMATTR_MASK		(0xfULL << S2_MEMATTR_SHIFT)
#define S2_MEMATTR_NORMAL_WB	0xfULL	/* Outer WB, Inner WB */
#define S2_MEMATTR_DEVICE	0x1ULL	/* Device-nGnRE */
#define S2_MEMATTR_NORMAL_NC	0x5ULL	/* Outer NC, Inner NC */
#define S2AP_READ		BIT_ULL(6)
#define S2AP_WRITE		BIT_ULL(7)
#define S2_XN			BIT_ULL(54)	/* XN[1:0] = 0b10: no execution */

#define PAGING_PERM_FLAGS	(PAGING_READ | PAGING_WRITE | PAGING_EXEC)
#define PAGING_TYPE_FLAGS	(PAGING_DEVICE | PAGING_NONCACHED)
#define PAGING_ALL_FLAGS	(PAGING_PERM_FLAGS | PAGING_TYPE_FLAGS | \
				 PAGING_NO_BLOCKS)

/* One map request, passed down the levels. */
struct map_op {
	u64 virt;		/* start of the request */
	u64 phys;
	pte_t attrs;		/* leaf attributes, no type or address bits */
	bool blocks;		/* 1 GiB / 2 MiB blocks allowed */
};

static unsigned int level_shift(int level)
{
	return PAGE_SHIFT + 9 * (3 - level);
}

static u64 level_size(int level)
{
	return 1ULL << level_shift(level);
}

static unsigned int pte_index(u64 virt, int level)
{
	return (virt >> level_shift(level)) & (PTES_PER_TABLE - 1);
}

static bool pte_is_table(pte_t pte, int level)
{
	return level < 3 && (pte & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
}

/*
 * Blocks exist only at levels 1 and 2 with a 4 KiB granule (without
 * FEAT_LPA2); at level 3, 0b01 is reserved and 0b11 is a page.
 */
static bool pte_is_leaf(pte_t pte, int level)
{
	if (level == 3)
		return (pte & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
	return level > 0 && (pte & PTE_TYPE_MASK) == PTE_TYPE_BLOCK;
}

static pte_t leaf_pte(int level, u64 phys, pte_t attrs)
{
	pte_t type = level == 3 ? PTE_TYPE_TABLE : PTE_TYPE_BLOCK;

	return (phys & PTE_ADDR_MASK) | attrs | type;
}

/*
 * Descriptors are published with a single 64-bit store so a concurrent
 * table walk sees the old or the new entry, never a mix; release ordering
 * makes a new table's contents visible before the entry pointing at it.
 */
static void set_pte(pte_t *ptep, pte_t pte)
{
	__atomic_store_n(ptep, pte, __ATOMIC_RELEASE);
}

static pte_t *pte_table(const struct paging *pg, pte_t pte)
{
	return pg->phys2virt(pte & PTE_ADDR_MASK);
}

static u64 s1_attrs(unsigned int flags)
{
	u64 attrs = PTE_AF | S1_AP1;

	if (flags & PAGING_DEVICE)
		attrs |= (u64)PAGING_MAIR_DEVICE << S1_ATTRINDX_SHIFT;
	else if (flags & PAGING_NONCACHED)
		attrs |= PTE_SH_INNER |
			 (u64)PAGING_MAIR_NC << S1_ATTRINDX_SHIFT;
	else
		attrs |= PTE_SH_INNER |
			 (u64)PAGING_MAIR_NORMAL << S1_ATTRINDX_SHIFT;
	if (!(flags & PAGING_WRITE))
		attrs |= S1_AP2_RO;
	if (!(flags & PAGING_EXEC))
		attrs |= S1_XN;
	return attrs;
}

static u64 s2_attrs(unsigned int flags)
{
	u64 attrs = PTE_AF;

	if (flags & PAGING_DEVICE)
		attrs |= S2_MEMATTR_DEVICE << S2_MEMATTR_SHIFT;
	else if (flags & PAGING_NONCACHED)
		attrs |= PTE_SH_INNER | S2_MEMATTR_NORMAL_NC << S2_MEMATTR_SHIFT;
	else
		attrs |= PTE_SH_INNER | S2_MEMATTR_NORMAL_WB << S2_MEMATTR_SHIFT;
	if (flags & PAGING_READ)
		attrs |= S2AP_READ;
	if (flags & PAGING_WRITE)
		attrs |= S2AP_WRITE;
	if (!(flags & PAGING_EXEC))
		attrs |= S2_XN;
	return attrs;
}

static pte_t make_attrs(enum paging_format format, unsigned int flags)
{
	return format == PAGING_STAGE2 ? s2_attrs(flags) : s1_attrs(flags);
}

static unsigned int s1_flags(pte_t pte)
{
	/* Everything mapped at EL2 is readable: AP[2:1] has no "none". */
	unsigned int flags = PAGING_READ;
	u64 idx = (pte & S1_ATTRINDX_MASK) >> S1_ATTRINDX_SHIFT;

	if (idx == PAGING_MAIR_DEVICE)
		flags |= PAGING_DEVICE;
	else if (idx == PAGING_MAIR_NC)
		flags |= PAGING_NONCACHED;
	if (!(pte & S1_AP2_RO))
		flags |= PAGING_WRITE;
	if (!(pte & S1_XN))
		flags |= PAGING_EXEC;
	return flags;
}

static unsigned int s2_flags(pte_t pte)
{
	unsigned int flags = 0;
	u64 memattr = (pte & S2_MEMATTR_MASK) >> S2_MEMATTR_SHIFT;

	if (memattr == S2_MEMATTR_DEVICE)
		flags |= PAGING_DEVICE;
	else if (memattr == S2_MEMATTR_NORMAL_NC)
		flags |= PAGING_NONCACHED;
	if (pte & S2AP_READ)
		flags |= PAGING_READ;
	if (pte & S2AP_WRITE)
		flags |= PAGING_WRITE;
	if (!(pte & S2_XN))
		flags |= PAGING_EXEC;
	return flags;
}

static bool flags_valid(enum paging_format format, unsigned int flags)
{
	if (flags & ~PAGING_ALL_FLAGS)
		return false;
	if ((flags & PAGING_TYPE_FLAGS) == PAGING_TYPE_FLAGS)
		return false;
	/* EL2 stage 1 cannot express a mapping that is not readable. */
	return format == PAGING_STAGE2 || (flags & PAGING_READ);
}

/* [addr, addr + size) page aligned, non-empty and below 2^48. */
static bool range_valid(u64 addr, u64 size)
{
	return IS_ALIGNED(addr, PAGE_SIZE) && IS_ALIGNED(size, PAGE_SIZE) &&
	       size != 0 && addr < VA_LIMIT && size <= VA_LIMIT - addr;
}

int paging_init(struct paging *pg, enum paging_format format,
		struct page_pool *pool, u64 (*virt2phys)(const void *),
		void *(*phys2virt)(u64))
{
	if (!pg || !pool || !virt2phys || !phys2virt ||
	    (format != PAGING_STAGE1_EL2 && format != PAGING_STAGE2))
		return -EINVAL;
	pg->format = format;
	pg->pool = pool;
	pg->virt2phys = virt2phys;
	pg->phys2virt = phys2virt;
	pg->flush = NULL;		/* tables not in use yet */
	pg->root = page_alloc(pool, 1);
	return pg->root ? 0 : -ENOMEM;
}

/* Free @table (at @level) and every table below it. */
static void free_tables(struct paging *pg, pte_t *table, int level)
{
	unsigned int i;

	for (i = 0; i < PTES_PER_TABLE; i++)
		if (pte_is_table(table[i], level))
			free_tables(pg, pte_table(pg, table[i]), level + 1);
	page_free(pg->pool, table, 1);
}

static bool table_empty(const pte_t *table)
{
	unsigned int i;

	for (i = 0; i < PTES_PER_TABLE; i++)
		if (table[i] & PTE_VALID)
			return false;
	return true;
}

/*
 * Write @pte at @ptep (the entry for @virt at @level). Live tables get
 * break-before-make: a valid entry is cleared and flushed before another
 * valid one takes its place, and before tables below it are freed.
 */
static void update_pte(struct paging *pg, pte_t *ptep, int level, u64 virt,
		       pte_t pte)
{
	pte_t old = *ptep;

	if (pg->flush && (old & PTE_VALID) && old != pte) {
		set_pte(ptep, 0);
		pg->flush(pg, ALIGN_DOWN(virt, level_size(level)),
			  level_size(level));
	}
	set_pte(ptep, pte);
}

/* Write @pte at @ptep, freeing the tables the old entry pointed to. */
static void replace_pte(struct paging *pg, pte_t *ptep, int level, u64 virt,
			pte_t pte)
{
	pte_t old = *ptep;

	update_pte(pg, ptep, level, virt, pte);
	if (pte_is_table(old, level))
		free_tables(pg, pte_table(pg, old), level + 1);
}

/* Drop the table under *@ptep (entry for @virt) if nothing is left in it. */
static void release_if_empty(struct paging *pg, pte_t *ptep, int level,
			     u64 virt)
{
	pte_t *table = pte_table(pg, *ptep);

	if (!table_empty(table))
		return;
	update_pte(pg, ptep, level, virt, 0);
	if (pg->flush)
		pg->flush(pg, ALIGN_DOWN(virt, level_size(level)),
			  level_size(level));
	page_free(pg->pool, table, 1);
}

/*
 * A new table for the entry at @ptep (level @level) that maps exactly what
 * the block there mapped: same attributes, the output split in 512 parts.
 */
static pte_t *split_block(struct paging *pg, pte_t *ptep, int level, u64 virt)
{
	pte_t block = *ptep, attrs = block & PTE_ATTR_MASK;
	u64 phys = block & PTE_ADDR_MASK, step = level_size(level + 1);
	pte_t *table = page_alloc(pg->pool, 1);
	unsigned int i;

	if (!table)
		return NULL;
	for (i = 0; i < PTES_PER_TABLE; i++)
		table[i] = leaf_pte(level + 1, phys + i * step, attrs);
	update_pte(pg, ptep, level, virt,
		   (pg->virt2phys(table) & PTE_ADDR_MASK) | PTE_TYPE_TABLE);
	return table;
}

/* The table under *@ptep, creating an empty one if the entry is invalid. */
static pte_t *get_table(struct paging *pg, pte_t *ptep, int level, u64 virt)
{
	pte_t *table;

	if (pte_is_table(*ptep, level))
		return pte_table(pg, *ptep);
	if (pte_is_leaf(*ptep, level))
		return split_block(pg, ptep, level, virt);
	table = page_alloc(pg->pool, 1);
	if (table)
		set_pte(ptep, (pg->virt2phys(table) & PTE_ADDR_MASK) |
			      PTE_TYPE_TABLE);
	return table;
}

/* Can [virt, end) be one leaf at @level? */
static bool fits_leaf(const struct map_op *op, int level, u64 virt, u64 end)
{
	u64 size = level_size(level);

	if (level == 3)
		return true;
	if (level == 0 || !op->blocks || end - virt != size)
		return false;
	return IS_ALIGNED(virt, size) &&
	       IS_ALIGNED(op->phys + (virt - op->virt), size);
}

/* Map [virt, end), which lies within the range @table (at @level) covers. */
static int map_level(struct paging *pg, pte_t *table, int level,
		     const struct map_op *op, u64 virt, u64 end)
{
	u64 size = level_size(level);
	int err = 0;

	while (virt < end && !err) {
		u64 next = MIN(ALIGN_DOWN(virt, size) + size, end);
		pte_t *ptep = &table[pte_index(virt, level)];
		pte_t *child;

		if (fits_leaf(op, level, virt, next)) {
			replace_pte(pg, ptep, level, virt,
				    leaf_pte(level, op->phys + (virt - op->virt),
					     op->attrs));
		} else {
			child = get_table(pg, ptep, level, virt);
			if (!child)
				return -ENOMEM;
			err = map_level(pg, child, level + 1, op, virt, next);
			/* Only a failed request can leave a new table empty. */
			release_if_empty(pg, ptep, level, virt);
		}
		virt = next;
	}
	return err;
}

int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size, unsigned flags)
{
	struct map_op op;

	if (!pg || !pg->root || !range_valid(virt, size) ||
	    !range_valid(phys, size) || !flags_valid(pg->format, flags))
		return -EINVAL;
	op = (struct map_op){
		.virt = virt,
		.phys = phys,
		.attrs = make_attrs(pg->format, flags),
		.blocks = !(flags & PAGING_NO_BLOCKS),
	};
	return map_level(pg, pg->root, 0, &op, virt, virt + size);
}

/* Unmap [virt, end), which lies within the range @table (at @level) covers. */
static int unmap_level(struct paging *pg, pte_t *table, int level, u64 virt,
		       u64 end)
{
	u64 size = level_size(level);
	int err = 0;

	while (virt < end && !err) {
		u64 next = MIN(ALIGN_DOWN(virt, size) + size, end);
		pte_t *ptep = &table[pte_index(virt, level)];
		pte_t *child;

		if (!pte_is_table(*ptep, level) && !pte_is_leaf(*ptep, level)) {
			/* Nothing mapped here. */
		} else if (next - virt == size) {
			replace_pte(pg, ptep, level, virt, 0);
			if (pg->flush)	/* before the tables below are reused */
				pg->flush(pg, virt, size);
		} else {
			/* Part of a block or table: keep the rest mapped. */
			child = get_table(pg, ptep, level, virt);
			if (!child)
				return -ENOMEM;
			err = unmap_level(pg, child, level + 1, virt, next);
			release_if_empty(pg, ptep, level, virt);
		}
		virt = next;
	}
	return err;
}

int paging_unmap(struct paging *pg, u64 virt, u64 size)
{
	if (!pg || !pg->root || !range_valid(virt, size))
		return -EINVAL;
	return unmap_level(pg, pg->root, 0, virt, virt + size);
}

/* The leaf descriptor translating @virt and its level, or 0. */
static pte_t walk(const struct paging *pg, u64 virt, int *level)
{
	const pte_t *table = pg->root;
	pte_t pte;
	int lvl;

	for (lvl = 0; lvl < 4; lvl++) {
		pte = table[pte_index(virt, lvl)];
		if (pte_is_leaf(pte, lvl)) {
			*level = lvl;
			return pte;
		}
		if (!pte_is_table(pte, lvl))
			break;
		table = pte_table(pg, pte);
	}
	return 0;
}

bool paging_lookup(const struct paging *pg, u64 virt, u64 *phys,
		   unsigned *flags)
{
	u64 offset_mask;
	int level = 0;
	pte_t pte;

	if (!pg || !pg->root || virt >= VA_LIMIT)
		return false;
	pte = walk(pg, virt, &level);
	if (!pte)
		return false;
	offset_mask = level_size(level) - 1;
	if (phys)
		*phys = (pte & PTE_ADDR_MASK & ~offset_mask) |
			(virt & offset_mask);
	if (flags)
		*flags = pg->format == PAGING_STAGE2 ? s2_flags(pte) :
						      s1_flags(pte);
	return true;
}

void paging_destroy(struct paging *pg)
{
	if (!pg || !pg->root)
		return;
	free_tables(pg, pg->root, 0);
	pg->root = NULL;
}

static unsigned long count_tables(const struct paging *pg,
				  const pte_t *table, int level)
{
	unsigned long count = 1;
	unsigned int i;

	for (i = 0; i < PTES_PER_TABLE; i++)
		if (pte_is_table(table[i], level))
			count += count_tables(pg, pte_table(pg, table[i]),
					      level + 1);
	return count;
}

unsigned long paging_table_pages(const struct paging *pg)
{
	if (!pg || !pg->root)
		return 0;
	return count_tables(pg, pg->root, 0);
}
