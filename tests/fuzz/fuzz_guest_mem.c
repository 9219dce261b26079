// SPDX-License-Identifier: GPL-2.0-only
/*
 * copy_from_root() with hostile (address, size) pairs: the guest pointer of
 * WARDEN_HC_CELL_CREATE. The root cell's stage 2 maps normal RAM, a device
 * page, a hole and a translated range over fake "physical" memory; every
 * copy must either be refused or hold exactly the bytes stage 2 translates
 * to, and the page pool must come back to where it was.
 */
#include "common.h"
#include <hv/cell.h>
#include <hv/control.h>

#define POOL_PAGES	256
#define POOL_PHYS	0x80000000ULL
#define GUEST_PHYS	0x40000000ULL
#define GUEST_PAGES	16

struct page_pool mem_pool;
struct cell root_cell;
static char *arena;
static unsigned char *guest;
static int mapped;

static u64 v2p(const void *virt)
{
	return (u64)((const char *)virt - arena) + POOL_PHYS;
}

static void *p2v(u64 phys)
{
	return arena + (phys - POOL_PHYS);
}

void *temp_map(u64 phys)
{
	FUZZ_CHECK(!mapped);
	mapped = 1;
	if (phys < GUEST_PHYS || phys >= GUEST_PHYS + GUEST_PAGES * PAGE_SIZE)
		return NULL;
	return guest + (phys & PAGE_MASK) - GUEST_PHYS;
}

void temp_unmap(void)
{
	mapped = 0;
}

static void setup(void)
{
	unsigned int i;

	arena = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	guest = malloc(GUEST_PAGES * PAGE_SIZE);
	FUZZ_CHECK(arena && guest && !page_pool_init(&mem_pool, arena, POOL_PAGES));
	for (i = 0; i < GUEST_PAGES * PAGE_SIZE; i++)
		guest[i] = (unsigned char)(i * 13 + 1);
	FUZZ_CHECK(!paging_init(&root_cell.stage2, PAGING_STAGE2, &mem_pool,
				v2p, p2v));
	FUZZ_CHECK(!paging_map(&root_cell.stage2, GUEST_PHYS, GUEST_PHYS,
			       8 * PAGE_SIZE, PAGING_READ | PAGING_WRITE));
	FUZZ_CHECK(!paging_map(&root_cell.stage2, GUEST_PHYS + 0x8000,
			       GUEST_PHYS + 0x8000, PAGE_SIZE,
			       PAGING_READ | PAGING_DEVICE));
	FUZZ_CHECK(!paging_map(&root_cell.stage2, GUEST_PHYS + 0xa000,
			       GUEST_PHYS + 0xc000, 4 * PAGE_SIZE, PAGING_READ));
}

/* What a correct copy must hold at @ipa, or -1 where it must refuse. */
static int expected(u64 ipa)
{
	unsigned int flags;
	u64 phys;

	if (!paging_lookup(&root_cell.stage2, ipa & PAGE_MASK, &phys, &flags) ||
	    (flags & PAGING_DEVICE))
		return -1;
	phys += ipa & ~PAGE_MASK;
	if (phys < GUEST_PHYS || phys >= GUEST_PHYS + GUEST_PAGES * PAGE_SIZE)
		return -1;
	return guest[phys - GUEST_PHYS];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size, 0 };
	unsigned long used, pages = 0;
	u64 ipa, len, i;
	unsigned char *buf;
	bool all_ok = true;

	if (!arena)
		setup();
	used = mem_pool.used;
	/* Mostly near the mapped range, sometimes anywhere. */
	ipa = fuzz_take(&in, 1) & 1 ? fuzz_take(&in, 8) :
	      GUEST_PHYS - 0x2000 + fuzz_take(&in, 3) % 0x14000;
	len = fuzz_take(&in, 1) & 1 ? fuzz_take(&in, 8) : fuzz_take(&in, 3) % 0x11000;
	buf = copy_from_root(ipa, len, &pages);
	FUZZ_CHECK(!mapped);
	for (i = 0; len && len <= 0x10000 && ipa + len > ipa && i < len; i++)
		if (expected(ipa + i) < 0)
			all_ok = false;
	if (!len || len > 0x10000 || ipa + len < ipa)
		all_ok = false;
	FUZZ_CHECK(!!buf == all_ok);
	if (buf) {
		for (i = 0; i < len; i++)
			FUZZ_CHECK(buf[i] == expected(ipa + i));
		page_free(&mem_pool, buf, pages);
	}
	FUZZ_CHECK(mem_pool.used == used);
	return 0;
}
