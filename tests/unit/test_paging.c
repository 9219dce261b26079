/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the VMSAv8-64 table code (hv/paging.h): exact descriptor
 * encodings, block use, splitting, table reclamation, and random map/unmap
 * sequences checked page by page against a reference model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hv/paging.h>

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL
#define OA_MASK		GENMASK_ULL(47, 12)
#define FAKE_PHYS	0x80000000ULL	/* where the arena "is" physically */
#define POOL_PAGES	4800UL

static char *arena;
static struct page_pool pool;
static unsigned long baseline;	/* pool.used with no tables allocated */

/* Tables hold physical addresses: pretend the arena is at FAKE_PHYS. */
static u64 v2p(const void *virt)
{
	const char *p = virt;

	assert_true(p >= arena && p < arena + POOL_PAGES * PAGE_SIZE);
	return (u64)(p - arena) + FAKE_PHYS;
}

static void *p2v(u64 phys)
{
	assert_true(phys >= FAKE_PHYS &&
		    phys < FAKE_PHYS + POOL_PAGES * PAGE_SIZE);
	return arena + (phys - FAKE_PHYS);
}

static int setup(void **state)
{
	(void)state;
	arena = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	if (!arena)
		return -1;
	memset(arena, 0x5a, POOL_PAGES * PAGE_SIZE);
	if (page_pool_init(&pool, arena, POOL_PAGES))
		return -1;
	baseline = pool.used;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(arena);
	arena = NULL;
	return 0;
}

static void init_pg(struct paging *pg, enum paging_format format)
{
	assert_int_equal(paging_init(pg, format, &pool, v2p, p2v), 0);
	assert_int_equal(paging_table_pages(pg), 1);
	assert_int_equal(pool.used, baseline + 1);
}

/*
 * Independent table walk: the level of the leaf translating @virt (its
 * descriptor in *@out), or -1. Bits[1:0] are 0b01 for a block and 0b11 for
 * a table or (at level 3) a page.
 */
static int leaf_level(const struct paging *pg, u64 virt, pte_t *out)
{
	const pte_t *t = pg->root;
	int level;

	for (level = 0; level < 4; level++) {
		pte_t pte = t[(virt >> (39 - 9 * level)) & 511];

		if (!(pte & 1))
			return -1;
		if (level == 3 || !(pte & 2)) {
			/* No level-0 blocks, no 0b01 at level 3. */
			assert_true(level > 0);
			assert_true(level < 3 || (pte & 3) == 3);
			*out = pte;
			return level;
		}
		t = p2v(pte & OA_MASK);
	}
	return -1;
}

/* Tables below the root are never empty; returns the table count. */
static unsigned long check_tables(const pte_t *t, int level)
{
	unsigned long count = 1;
	bool any = false;
	int i;

	for (i = 0; i < 512; i++) {
		if (!(t[i] & 1))
			continue;
		any = true;
		if (level < 3 && (t[i] & 3) == 3)
			count += check_tables(p2v(t[i] & OA_MASK), level + 1);
	}
	assert_true(any || level == 0);
	return count;
}

/* No empty tables, the count is right, and no page leaked from the pool. */
static void check_invariants(const struct paging *pg)
{
	unsigned long count = check_tables(pg->root, 0);

	assert_int_equal(paging_table_pages(pg), count);
	assert_int_equal(pool.used, baseline + count);
}

static void expect_map(const struct paging *pg, u64 virt, u64 phys,
		       unsigned flags)
{
	unsigned got_flags = ~0U;
	u64 got = ~0ULL;

	assert_true(paging_lookup(pg, virt, &got, &got_flags));
	assert_int_equal(got, phys);
	assert_int_equal(got_flags, flags);
}

static void expect_unmapped(const struct paging *pg, u64 virt)
{
	u64 phys;

	assert_false(paging_lookup(pg, virt, &phys, NULL));
}

static void expect_leaf(const struct paging *pg, u64 virt, int level,
			pte_t value)
{
	pte_t pte = 0;

	assert_int_equal(leaf_level(pg, virt, &pte), level);
	assert_int_equal(pte, value);
}

static void test_invalid_args(void **state)
{
	const u64 top = 1ULL << 48;
	struct paging pg;
	u64 phys;

	(void)state;
	assert_int_equal(paging_init(&pg, 7, &pool, v2p, p2v), -EINVAL);
	assert_int_equal(paging_init(&pg, PAGING_STAGE2, &pool, NULL, p2v),
			 -EINVAL);
	init_pg(&pg, PAGING_STAGE2);
	assert_int_equal(paging_map(&pg, 0x1001, 0, SZ_4K, PAGING_READ),
			 -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0x800, SZ_4K, PAGING_READ),
			 -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0, 0x1800, PAGING_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0, 0, PAGING_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, top - SZ_4K, 0, 2 * SZ_4K,
				    PAGING_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, 0, top - SZ_4K, 2 * SZ_4K,
				    PAGING_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, top, 0, SZ_4K, PAGING_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, SZ_4K, 0, ~0ULL - 0xfff,
				    PAGING_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0, SZ_4K, PAGING_DEVICE |
				    PAGING_NONCACHED), -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0, SZ_4K, 0x40), -EINVAL);
	assert_int_equal(paging_unmap(&pg, 0x800, SZ_4K), -EINVAL);
	assert_int_equal(paging_unmap(&pg, top - SZ_4K, 2 * SZ_4K), -EINVAL);
	assert_int_equal(paging_table_pages(&pg), 1);
	assert_false(paging_lookup(&pg, top, &phys, NULL));
	assert_false(paging_lookup(&pg, ~0ULL, &phys, NULL));

	/* The very last page of the 48-bit space is mappable. */
	assert_int_equal(paging_map(&pg, top - SZ_4K, top - SZ_4K, SZ_4K,
				    PAGING_READ), 0);
	expect_map(&pg, top - 1, top - 1, PAGING_READ);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);

	/* EL2 stage 1 cannot make a mapping unreadable. */
	init_pg(&pg, PAGING_STAGE1_EL2);
	assert_int_equal(paging_map(&pg, 0, 0, SZ_4K, PAGING_WRITE), -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0, SZ_4K, 0), -EINVAL);
	paging_destroy(&pg);
	assert_null(pg.root);
	assert_int_equal(pool.used, baseline);
}

static void test_stage2_encodings(void **state)
{
	struct paging pg;

	(void)state;
	init_pg(&pg, PAGING_STAGE2);
	/*
	 * RO page: S2AP = 0b01, XN[1:0] = 0b10 (bit 54), MemAttr = 0b1111,
	 * SH = 0b11, AF, page type 0b11.
	 */
	assert_int_equal(paging_map(&pg, 0x40000000, 0x50000000, SZ_4K,
				    PAGING_READ), 0);
	expect_leaf(&pg, 0x40000000, 3, 0x004000005000077fULL);
	/* Device RW: MemAttr = 0b0001, SH = 0, S2AP = 0b11. */
	assert_int_equal(paging_map(&pg, 0x09000000, 0x09000000, SZ_4K,
				    PAGING_READ | PAGING_WRITE |
				    PAGING_DEVICE), 0);
	expect_leaf(&pg, 0x09000000, 3, 0x00400000090004c7ULL);
	/* Normal NC RWX 2 MiB block: MemAttr = 0b0101, XN = 0, type 0b01. */
	assert_int_equal(paging_map(&pg, 0x80200000, 0x60200000, SZ_2M,
				    PAGING_READ | PAGING_WRITE | PAGING_EXEC |
				    PAGING_NONCACHED), 0);
	expect_leaf(&pg, 0x80200000, 2, 0x00000000602007d5ULL);
	/* Write-only, execute-only and no-access exist at stage 2. */
	assert_int_equal(paging_map(&pg, 0x1000, 0x1000, SZ_4K,
				    PAGING_WRITE), 0);
	expect_leaf(&pg, 0x1000, 3, 0x00400000000017bfULL);
	assert_int_equal(paging_map(&pg, 0x2000, 0x2000, SZ_4K,
				    PAGING_EXEC), 0);
	expect_leaf(&pg, 0x2000, 3, 0x000000000000273fULL);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);
}

static void test_stage1_encodings(void **state)
{
	struct paging pg;

	(void)state;
	init_pg(&pg, PAGING_STAGE1_EL2);
	/*
	 * Device RO: AttrIndx = 1, AP[2] = 1 (read-only), AP[1] = 1 (RES1
	 * at EL2), SH = 0, AF, XN (bit 54).
	 */
	assert_int_equal(paging_map(&pg, 0x09000000, 0x09000000, SZ_4K,
				    PAGING_READ | PAGING_DEVICE), 0);
	expect_leaf(&pg, 0x09000000, 3, 0x00400000090004c7ULL);
	/* Normal RWX 2 MiB block: AttrIndx = 0, SH = 0b11, AP[2] = 0. */
	assert_int_equal(paging_map(&pg, 0x7fe00000, 0x40000000, SZ_2M,
				    PAGING_READ | PAGING_WRITE | PAGING_EXEC),
			 0);
	expect_leaf(&pg, 0x7fe00000, 2, 0x0000000040000741ULL);
	/* Normal NC RW page: AttrIndx = 2, XN. */
	assert_int_equal(paging_map(&pg, 0x1000, 0x3000, SZ_4K,
				    PAGING_READ | PAGING_WRITE |
				    PAGING_NONCACHED), 0);
	expect_leaf(&pg, 0x1000, 3, 0x004000000000374bULL);
	/* Normal RO 1 GiB block. */
	assert_int_equal(paging_map(&pg, 0x8000000000ULL, 0x40000000, SZ_1G,
				    PAGING_READ), 0);
	expect_leaf(&pg, 0x8000000000ULL, 1, 0x00400000400007c1ULL);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);
}

/* Every valid flag combination comes back from paging_lookup as mapped. */
static void test_flags_roundtrip(void **state)
{
	static const enum paging_format formats[] = {
		PAGING_STAGE1_EL2, PAGING_STAGE2,
	};
	unsigned int f, flags;
	struct paging pg;

	(void)state;
	for (f = 0; f < 2; f++) {
		init_pg(&pg, formats[f]);
		for (flags = 0; flags < 0x40; flags++) {
			u64 va = 0x100000000ULL + flags * SZ_2M;
			unsigned mapped = flags & ~PAGING_NO_BLOCKS;
			int err = paging_map(&pg, va, 0x40000000, SZ_2M, flags);
			bool valid = (flags & 0x18) != 0x18 &&
				     (formats[f] == PAGING_STAGE2 ||
				      (flags & PAGING_READ));

			assert_int_equal(err, valid ? 0 : -EINVAL);
			if (!valid)
				continue;
			expect_map(&pg, va + 0x1234, 0x40001234, mapped);
			expect_map(&pg, va + SZ_2M - 1, 0x40000000 + SZ_2M - 1,
				   mapped);
		}
		check_invariants(&pg);
		paging_destroy(&pg);
		assert_int_equal(pool.used, baseline);
	}
}

static void test_block_selection(void **state)
{
	const unsigned rw = PAGING_READ | PAGING_WRITE;
	struct paging pg;
	pte_t pte;

	(void)state;
	init_pg(&pg, PAGING_STAGE2);
	/* 1 GiB aligned on both sides: one level-1 block, two tables. */
	assert_int_equal(paging_map(&pg, SZ_1G, 4 * SZ_1G, SZ_1G, rw), 0);
	assert_int_equal(leaf_level(&pg, SZ_1G + 0x12345000, &pte), 1);
	assert_int_equal(paging_table_pages(&pg), 2);
	expect_map(&pg, SZ_1G + 0x12345678, 4 * SZ_1G + 0x12345678, rw);

	/* 2 MiB + 4 KiB: a level-2 block and a page. */
	assert_int_equal(paging_map(&pg, 0x200000, 0x600000, SZ_2M + SZ_4K,
				    rw), 0);
	assert_int_equal(leaf_level(&pg, 0x200000, &pte), 2);
	assert_int_equal(leaf_level(&pg, 0x3ff000, &pte), 2);
	assert_int_equal(leaf_level(&pg, 0x400000, &pte), 3);
	expect_unmapped(&pg, 0x401000);
	expect_unmapped(&pg, 0x1ff000);

	/* Virtual side aligned, physical side not: pages only. */
	assert_int_equal(paging_map(&pg, 0x2000000, 0x601000, SZ_2M, rw), 0);
	assert_int_equal(leaf_level(&pg, 0x2000000, &pte), 3);
	assert_int_equal(leaf_level(&pg, 0x21ff000, &pte), 3);
	expect_map(&pg, 0x21ff000, 0x800000, rw);

	/* PAGING_NO_BLOCKS forces pages. */
	assert_int_equal(paging_map(&pg, 3 * SZ_1G, 0, SZ_1G,
				    rw | PAGING_NO_BLOCKS), 0);
	assert_int_equal(leaf_level(&pg, 3 * SZ_1G + SZ_2M * 100, &pte), 3);
	/*
	 * Root, L1, the L2 of GiB 0 with its two L3 tables, then one L2 and
	 * 512 L3 tables for GiB 3.
	 */
	assert_int_equal(paging_table_pages(&pg), 2 + 1 + 2 + 513);

	/* 1 GiB aligned start but 2 MiB aligned phys: 512 level-2 blocks. */
	assert_int_equal(paging_map(&pg, 8 * SZ_1G, SZ_2M, SZ_1G, rw), 0);
	assert_int_equal(leaf_level(&pg, 8 * SZ_1G, &pte), 2);
	assert_int_equal(leaf_level(&pg, 9 * SZ_1G - SZ_4K, &pte), 2);
	check_invariants(&pg);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);
}

/* Every page of [virt, virt + size) maps linearly to phys with @flags. */
static void expect_linear(const struct paging *pg, u64 virt, u64 phys,
			  u64 size, unsigned flags, u64 hole, u64 hole_size)
{
	u64 off;

	for (off = 0; off < size; off += SZ_4K) {
		if (virt + off >= hole && virt + off < hole + hole_size)
			continue;
		expect_map(pg, virt + off + 8, phys + off + 8, flags);
	}
}

static void test_split_keeps_neighbours(void **state)
{
	const unsigned rw = PAGING_READ | PAGING_WRITE;
	const unsigned nc = PAGING_READ | PAGING_EXEC | PAGING_NONCACHED;
	const u64 va = 0x40000000, pa = 0x100000000ULL;
	const u64 hole = va + 0x12345000;
	struct paging pg;
	pte_t pte;

	(void)state;
	init_pg(&pg, PAGING_STAGE2);
	assert_int_equal(paging_map(&pg, va, pa, SZ_1G, rw), 0);

	/* A hole in the middle splits 1 GiB -> 2 MiB -> 4 KiB. */
	assert_int_equal(paging_unmap(&pg, hole, SZ_4K), 0);
	expect_unmapped(&pg, hole);
	expect_unmapped(&pg, hole + SZ_4K - 1);
	expect_linear(&pg, va, pa, SZ_1G, rw, hole, SZ_4K);
	assert_int_equal(paging_table_pages(&pg), 4);
	/* The split left blocks wherever possible, with the same bits. */
	assert_int_equal(leaf_level(&pg, va, &pte), 2);
	assert_int_equal(pte, pa | 0x4000000000000000ULL >> 8 | 0x7fd);
	assert_int_equal(leaf_level(&pg, hole - SZ_4K, &pte), 3);
	assert_int_equal(pte, (pa + 0x12344000) | 0x0040000000000000ULL |
			      0x7ff);

	/* Remap the hole read-only: neighbours untouched. */
	assert_int_equal(paging_map(&pg, hole, 0x7000, SZ_4K, PAGING_READ), 0);
	expect_map(&pg, hole, 0x7000, PAGING_READ);
	expect_linear(&pg, va, pa, SZ_1G, rw, hole, SZ_4K);

	/* Remap a 2 MiB part with other attributes: a block again. */
	assert_int_equal(paging_map(&pg, va + 0x20000000, 0x20000000, SZ_2M,
				    nc), 0);
	assert_int_equal(leaf_level(&pg, va + 0x20000000, &pte), 2);
	expect_map(&pg, va + 0x20000000 + 0x1000, 0x20001000, nc);
	expect_map(&pg, va + 0x20000000 - 1, pa + 0x20000000 - 1, rw);
	expect_map(&pg, va + 0x20000000 + SZ_2M, pa + 0x20000000 + SZ_2M, rw);

	/* Unmap a range straddling two 2 MiB blocks. */
	assert_int_equal(paging_unmap(&pg, va + 0x3ff000, 0x3000), 0);
	expect_unmapped(&pg, va + 0x3ff000);
	expect_unmapped(&pg, va + 0x401000);
	expect_map(&pg, va + 0x3fe000, pa + 0x3fe000, rw);
	expect_map(&pg, va + 0x402000, pa + 0x402000, rw);
	check_invariants(&pg);

	/* Unmapping it all frees every table but the root. */
	assert_int_equal(paging_unmap(&pg, va, SZ_1G), 0);
	expect_unmapped(&pg, va);
	expect_unmapped(&pg, hole);
	assert_int_equal(paging_table_pages(&pg), 1);
	assert_int_equal(pool.used, baseline + 1);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);
}

static void test_replace_frees_tables(void **state)
{
	const unsigned rw = PAGING_READ | PAGING_WRITE;
	struct paging pg;
	pte_t pte;

	(void)state;
	init_pg(&pg, PAGING_STAGE2);
	assert_int_equal(paging_map(&pg, SZ_2M, 0, SZ_2M,
				    rw | PAGING_NO_BLOCKS), 0);
	assert_int_equal(paging_table_pages(&pg), 4);
	assert_int_equal(pool.used, baseline + 4);

	/* The same range as a block: the level-3 table goes. */
	assert_int_equal(paging_map(&pg, SZ_2M, SZ_1G, SZ_2M, PAGING_READ), 0);
	assert_int_equal(leaf_level(&pg, SZ_2M, &pte), 2);
	assert_int_equal(paging_table_pages(&pg), 3);
	assert_int_equal(pool.used, baseline + 3);
	expect_map(&pg, SZ_2M + 0x5000, SZ_1G + 0x5000, PAGING_READ);

	/* A GiB block over several tables: all of them go. */
	assert_int_equal(paging_map(&pg, 5 * SZ_2M, 0, SZ_4K, rw), 0);
	assert_int_equal(paging_table_pages(&pg), 4);
	assert_int_equal(paging_map(&pg, 0, SZ_1G, SZ_1G, rw), 0);
	assert_int_equal(leaf_level(&pg, 5 * SZ_2M, &pte), 1);
	assert_int_equal(paging_table_pages(&pg), 2);
	assert_int_equal(pool.used, baseline + 2);
	expect_map(&pg, 5 * SZ_2M, SZ_1G + 5 * SZ_2M, rw);

	/* Unmapping nothing changes nothing. */
	assert_int_equal(paging_unmap(&pg, 7 * SZ_1G, SZ_1G), 0);
	assert_int_equal(paging_table_pages(&pg), 2);

	/* Piecewise unmap of pages reclaims tables as they empty. */
	assert_int_equal(paging_unmap(&pg, 0, SZ_1G - SZ_4K), 0);
	assert_int_equal(paging_table_pages(&pg), 4);
	expect_map(&pg, SZ_1G - SZ_4K, 2 * SZ_1G - SZ_4K, rw);
	assert_int_equal(paging_unmap(&pg, SZ_1G - SZ_4K, SZ_4K), 0);
	assert_int_equal(paging_table_pages(&pg), 1);
	assert_int_equal(pool.used, baseline + 1);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);
}

static void test_out_of_memory(void **state)
{
	const unsigned rw = PAGING_READ | PAGING_WRITE;
	struct page_pool big = pool;
	struct paging pg;
	void *mem, *spare;
	u64 off;

	(void)state;
	/* A 6-page pool inside the arena: bitmap, root and 4 tables. */
	mem = page_alloc(&big, 6);
	assert_non_null(mem);
	assert_int_equal(page_pool_init(&pool, mem, 6), 0);
	baseline = pool.used;
	init_pg(&pg, PAGING_STAGE2);

	/* 6 MiB of pages needs L1, L2 and three L3 tables: one too many. */
	assert_int_equal(paging_map(&pg, 0, 0, 3 * SZ_2M,
				    rw | PAGING_NO_BLOCKS), -ENOMEM);
	for (off = 0; off < 2 * SZ_2M; off += SZ_4K)
		expect_map(&pg, off, off, rw);
	expect_unmapped(&pg, 2 * SZ_2M);
	expect_unmapped(&pg, 3 * SZ_2M - SZ_4K);
	check_invariants(&pg);
	assert_int_equal(paging_unmap(&pg, 0, 3 * SZ_2M), 0);
	assert_int_equal(pool.used, baseline + 1);

	/* A GiB block, then a pool too small to split it: nothing changes. */
	assert_int_equal(paging_map(&pg, SZ_1G, 0, SZ_1G, rw), 0);
	spare = page_alloc(&pool, 3);
	assert_non_null(spare);
	assert_null(page_alloc(&pool, 1));
	assert_int_equal(paging_unmap(&pg, SZ_1G + SZ_4K, SZ_4K), -ENOMEM);
	expect_map(&pg, SZ_1G + SZ_4K, SZ_4K, rw);
	assert_int_equal(paging_table_pages(&pg), 2);
	/* With one table to spare, the split stops halfway: still intact. */
	page_free(&pool, spare, 1);
	assert_int_equal(paging_unmap(&pg, SZ_1G + SZ_4K, SZ_4K), -ENOMEM);
	for (off = 0; off < SZ_1G; off += 0x1ff000)
		expect_map(&pg, SZ_1G + off, off, rw);
	expect_map(&pg, SZ_1G + SZ_4K, SZ_4K, rw);

	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline + 2);
	pool = big;
}

/* ---- random operations against a page-granular reference model ---- */

#define WIN_BASE	0x7f80000000ULL		/* crosses the 512 GiB line */
#define WIN_SIZE	(4 * SZ_1G)
#define WIN_PAGES	(WIN_SIZE / SZ_4K)
#define MODEL_VALID	0x80

struct model {
	u64 *phys;		/* per page of the window */
	u8 *flags;		/* PAGING_* | MODEL_VALID */
	u64 state;		/* PRNG */
	unsigned long leaves[4];	/* leaf levels seen in sweeps */
};

static u64 rnd(struct model *m)
{
	/* xorshift64*: deterministic and good enough for test coverage. */
	m->state ^= m->state >> 12;
	m->state ^= m->state << 25;
	m->state ^= m->state >> 27;
	return m->state * 0x2545f4914f6cdd1dULL;
}

static void model_check_page(struct model *m, const struct paging *pg,
			     u64 va)
{
	u64 idx = (va - WIN_BASE) / SZ_4K, off = rnd(m) & 0xff8, phys;
	unsigned flags;
	bool mapped = paging_lookup(pg, va + off, &phys, &flags);

	assert_int_equal(mapped, !!(m->flags[idx] & MODEL_VALID));
	if (!mapped)
		return;
	assert_int_equal(phys, m->phys[idx] + off);
	assert_int_equal(flags, m->flags[idx] & ~MODEL_VALID);
}

static void model_sweep(struct model *m, const struct paging *pg)
{
	u64 i;
	pte_t pte;

	for (i = 0; i < WIN_PAGES; i++) {
		u64 va = WIN_BASE + i * SZ_4K;
		int level;

		model_check_page(m, pg, va);
		level = leaf_level(pg, va, &pte);
		if (level >= 0)
			m->leaves[level]++;
	}
	expect_unmapped(pg, WIN_BASE - SZ_4K);
	expect_unmapped(pg, WIN_BASE + WIN_SIZE);
	check_invariants(pg);
}

static unsigned random_flags(struct model *m, enum paging_format format)
{
	static const unsigned types[] = {
		0, 0, PAGING_DEVICE, PAGING_NONCACHED,
	};
	unsigned flags = (unsigned)rnd(m) & (PAGING_READ | PAGING_WRITE | PAGING_EXEC);

	if (format == PAGING_STAGE1_EL2)
		flags |= PAGING_READ;
	flags |= types[rnd(m) % 4];
	if (rnd(m) % 8 == 0)
		flags |= PAGING_NO_BLOCKS;
	return flags;
}

static u64 random_size(struct model *m, u64 align)
{
	if (align == SZ_4K)
		return SZ_4K * (1 + rnd(m) % (rnd(m) % 4 ? 64 : 2048));
	if (align == SZ_2M)
		return SZ_2M * (1 + rnd(m) % 32) +
		       (rnd(m) % 3 ? 0 : SZ_4K * (rnd(m) % 512));
	return SZ_1G * (1 + rnd(m) % 2) +
	       (rnd(m) % 3 ? 0 : SZ_2M * (rnd(m) % 512));
}

/* A physical address for @va: congruent mod 1 GiB, 2 MiB or neither. */
static u64 random_phys(struct model *m, u64 va)
{
	u64 base = (rnd(m) % (1ULL << 14)) * SZ_1G;

	switch (rnd(m) % 4) {
	case 0:
		return base + (va & (SZ_2M - 1));
	case 1:
		return base + SZ_4K * (rnd(m) % 512);
	default:
		return base + (va & (SZ_1G - 1));
	}
}

/* The leaf for a block-sized, block-aligned part of a fresh mapping. */
static void check_block_use(const struct paging *pg, u64 va, u64 pa,
			    u64 size, unsigned flags)
{
	u64 first = ALIGN_UP(va, SZ_2M), end = va + size;
	bool giant;
	pte_t pte;
	int level;

	if ((pa - va) & (SZ_2M - 1) || (flags & PAGING_NO_BLOCKS)) {
		assert_int_equal(leaf_level(pg, va, &pte), 3);
		return;
	}
	if (first + SZ_2M > end)
		return;
	giant = !((pa - va) & (SZ_1G - 1)) &&
		ALIGN_DOWN(first, SZ_1G) >= va &&
		ALIGN_DOWN(first, SZ_1G) + SZ_1G <= end;
	level = leaf_level(pg, first, &pte);
	assert_int_equal(level, giant ? 1 : 2);
}

static void model_step(struct model *m, struct paging *pg)
{
	static const u64 aligns[] = {
		SZ_4K, SZ_4K, SZ_4K, SZ_4K, SZ_2M, SZ_2M, SZ_2M, SZ_2M,
		SZ_1G, SZ_1G,
	};
	u64 align = aligns[rnd(m) % 10], i, va, size, pa = 0, first;
	unsigned flags = 0;

	va = WIN_BASE + ALIGN_DOWN(rnd(m) % WIN_SIZE, align);
	size = random_size(m, align);
	size = MIN(size, WIN_BASE + WIN_SIZE - va);
	first = (va - WIN_BASE) / SZ_4K;
	if (rnd(m) % 10 < 6) {
		pa = random_phys(m, va);
		flags = random_flags(m, pg->format);
		assert_int_equal(paging_map(pg, va, pa, size, flags), 0);
		for (i = 0; i < size / SZ_4K; i++) {
			m->phys[first + i] = pa + i * SZ_4K;
			m->flags[first + i] = MODEL_VALID |
					      (flags & ~PAGING_NO_BLOCKS);
		}
		check_block_use(pg, va, pa, size, flags);
	} else {
		assert_int_equal(paging_unmap(pg, va, size), 0);
		memset(&m->flags[first], 0, size / SZ_4K);
	}

	/* The edges on both sides, and a few pages inside. */
	if (va > WIN_BASE)
		model_check_page(m, pg, va - SZ_4K);
	model_check_page(m, pg, va);
	model_check_page(m, pg, va + size - SZ_4K);
	if (va + size < WIN_BASE + WIN_SIZE)
		model_check_page(m, pg, va + size);
	for (i = 0; i < 16; i++)
		model_check_page(m, pg, va + SZ_4K * (rnd(m) % (size / SZ_4K)));
}

static void run_model(enum paging_format format, u64 seed, int ops)
{
	struct model m = { .state = seed };
	struct paging pg;
	int op;

	m.phys = calloc(WIN_PAGES, sizeof(*m.phys));
	m.flags = calloc(WIN_PAGES, 1);
	assert_non_null(m.phys);
	assert_non_null(m.flags);
	init_pg(&pg, format);

	for (op = 1; op <= ops; op++) {
		model_step(&m, &pg);
		if (op % 250 == 0)
			model_sweep(&m, &pg);
	}
	model_sweep(&m, &pg);
	/* The mix must really have produced blocks of both sizes. */
	assert_true(m.leaves[1] > 0);
	assert_true(m.leaves[2] > 0);
	assert_true(m.leaves[3] > 0);

	assert_int_equal(paging_unmap(&pg, WIN_BASE, WIN_SIZE), 0);
	memset(m.flags, 0, WIN_PAGES);
	model_sweep(&m, &pg);
	assert_int_equal(paging_table_pages(&pg), 1);
	assert_int_equal(pool.used, baseline + 1);
	paging_destroy(&pg);
	assert_int_equal(pool.used, baseline);
	free(m.phys);
	free(m.flags);
}

static void test_random_stage2(void **state)
{
	(void)state;
	run_model(PAGING_STAGE2, 0x9e3779b97f4a7c15ULL, 3000);
}

static void test_random_stage1(void **state)
{
	(void)state;
	run_model(PAGING_STAGE1_EL2, 0x0123456789abcdefULL, 2000);
}

/* Break-before-make on live tables: what the flush hook saw. */
static struct {
	unsigned int calls;
	bool broken_at_flush;	/* the entry was invalid while flushing */
	u64 virt, size;
	u64 probe;		/* an address the replaced entry maps */
} bbm;

static void record_flush(const struct paging *pg, u64 virt, u64 size)
{
	u64 phys;

	if (virt <= bbm.probe && bbm.probe < virt + size) {
		bbm.calls++;
		bbm.virt = virt;
		bbm.size = size;
		bbm.broken_at_flush = !paging_lookup(pg, bbm.probe, &phys, NULL);
	}
}

static void test_break_before_make(void **state)
{
	struct paging pg;
	u64 phys;

	(void)state;
	init_pg(&pg, PAGING_STAGE2);
	assert_int_equal(paging_map(&pg, 0x40000000, 0x40000000, SZ_2M,
				    PAGING_READ | PAGING_WRITE), 0);
	pg.flush = record_flush;
	/* Splitting the live block: cleared and flushed, then the table. */
	memset(&bbm, 0, sizeof(bbm));
	bbm.probe = 0x40000000;
	assert_int_equal(paging_unmap(&pg, 0x40001000, SZ_4K), 0);
	assert_true(bbm.calls >= 1);
	assert_true(bbm.broken_at_flush);
	assert_true(bbm.virt == 0x40000000 && bbm.size == SZ_2M);
	assert_true(paging_lookup(&pg, 0x40000000, &phys, NULL));
	assert_false(paging_lookup(&pg, 0x40001000, &phys, NULL));
	/* Coalescing back into a block replaces a live table the same way. */
	memset(&bbm, 0, sizeof(bbm));
	bbm.probe = 0x40002000;
	assert_int_equal(paging_map(&pg, 0x40000000, 0x40000000, SZ_2M,
				    PAGING_READ | PAGING_WRITE), 0);
	assert_true(bbm.calls >= 1);
	assert_true(bbm.broken_at_flush);
	assert_int_equal(paging_table_pages(&pg), 3);	/* L0, L1, L2 */
	/* Mapping where nothing was needs no break (and no flush). */
	memset(&bbm, 0, sizeof(bbm));
	bbm.probe = 0x50000000;
	assert_int_equal(paging_map(&pg, 0x50000000, 0x50000000, SZ_4K,
				    PAGING_READ), 0);
	assert_int_equal(bbm.calls, 0);
	paging_destroy(&pg);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_invalid_args),
		TEST(test_stage2_encodings),
		TEST(test_stage1_encodings),
		TEST(test_flags_roundtrip),
		TEST(test_block_selection),
		TEST(test_split_keeps_neighbours),
		TEST(test_replace_frees_tables),
		TEST(test_out_of_memory),
		TEST(test_random_stage2),
		TEST(test_random_stage1),
		TEST(test_break_before_make),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
