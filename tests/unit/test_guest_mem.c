// SPDX-License-Identifier: GPL-2.0-only
/*
 * copy_from_root(): the hypervisor reads a config the root cell handed it
 * by guest-physical address. Only memory the root's stage 2 maps as normal
 * readable memory may be read, through the translation, and nothing leaks
 * from the page pool on any path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <hv/cell.h>
#include <hv/control.h>

#define POOL_PAGES	256
#define FAKE_POOL_PHYS	0x80000000ULL
#define GUEST_PHYS	0x40000000ULL
#define GUEST_PAGES	16

struct page_pool mem_pool;
struct cell root_cell;
static char *arena;
static unsigned char *guest;		/* "physical" memory at GUEST_PHYS */
static int maps, unmaps;

static u64 v2p(const void *virt)
{
	return (u64)((const char *)virt - arena) + FAKE_POOL_PHYS;
}

static void *p2v(u64 phys)
{
	return arena + (phys - FAKE_POOL_PHYS);
}

/* The window onto "physical" memory: only the fake guest RAM exists. */
void *temp_map(u64 phys)
{
	maps++;
	if (phys < GUEST_PHYS || phys >= GUEST_PHYS + GUEST_PAGES * PAGE_SIZE)
		return NULL;
	return guest + (phys & PAGE_MASK) - GUEST_PHYS;
}

void temp_unmap(void)
{
	unmaps++;
}

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	arena = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	guest = malloc(GUEST_PAGES * PAGE_SIZE);
	if (!arena || !guest || page_pool_init(&mem_pool, arena, POOL_PAGES))
		return -1;
	for (i = 0; i < GUEST_PAGES * PAGE_SIZE; i++)
		guest[i] = (unsigned char)(i * 7 + 3);
	if (paging_init(&root_cell.stage2, PAGING_STAGE2, &mem_pool, v2p, p2v))
		return -1;
	/* 8 pages of RAM, 1 device page, a hole, 2 pages mapped elsewhere. */
	if (paging_map(&root_cell.stage2, GUEST_PHYS, GUEST_PHYS, 8 * PAGE_SIZE,
		       PAGING_READ | PAGING_WRITE) ||
	    paging_map(&root_cell.stage2, GUEST_PHYS + 0x8000, GUEST_PHYS + 0x8000,
		       PAGE_SIZE, PAGING_READ | PAGING_WRITE | PAGING_DEVICE) ||
	    paging_map(&root_cell.stage2, GUEST_PHYS + 0xa000, GUEST_PHYS + 0xc000,
		       2 * PAGE_SIZE, PAGING_READ))
		return -1;
	maps = unmaps = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	paging_destroy(&root_cell.stage2);
	free(arena);
	free(guest);
	return 0;
}

/* Copy and compare with what "physical" memory holds at @phys. */
static void check_copy(u64 ipa, u64 size, u64 phys)
{
	unsigned long used = mem_pool.used, pages = 0;
	void *buf = copy_from_root(ipa, size, &pages);

	assert_non_null(buf);
	assert_int_equal(pages, (size + PAGE_SIZE - 1) / PAGE_SIZE);
	assert_memory_equal(buf, guest + (phys - GUEST_PHYS), size);
	page_free(&mem_pool, buf, pages);
	assert_int_equal(mem_pool.used, used);
	assert_int_equal(maps, unmaps);
}

static void check_refused(u64 ipa, u64 size)
{
	unsigned long used = mem_pool.used, pages = 0;

	assert_null(copy_from_root(ipa, size, &pages));
	assert_int_equal(mem_pool.used, used);
	assert_int_equal(maps, unmaps);
}

static void test_copies(void **state)
{
	(void)state;
	check_copy(GUEST_PHYS + 0x10, 100, GUEST_PHYS + 0x10);
	check_copy(GUEST_PHYS + 0xff0, 0x20, GUEST_PHYS + 0xff0);	/* across pages */
	check_copy(GUEST_PHYS + 0x1800, 3 * PAGE_SIZE, GUEST_PHYS + 0x1800);
	check_copy(GUEST_PHYS, 8 * PAGE_SIZE, GUEST_PHYS);
}

static void test_through_the_translation(void **state)
{
	(void)state;
	/* IPA 0xa000 is physical 0xc000: the copy must follow stage 2. */
	check_copy(GUEST_PHYS + 0xa123, 0x1000, GUEST_PHYS + 0xc123);
}

static void test_refused(void **state)
{
	(void)state;
	check_refused(GUEST_PHYS + 0x9000, 16);			/* hole */
	check_refused(GUEST_PHYS + 0x8000, 16);			/* device */
	check_refused(GUEST_PHYS + 0x7f00, 0x200);		/* into device */
	check_refused(GUEST_PHYS + 0xbf00, 0x200);		/* runs off the end */
	check_refused(0x70000000, 16);				/* not mapped at all */
	check_refused(GUEST_PHYS, 0);
	check_refused(GUEST_PHYS, 0x10001);			/* over 64 KiB */
	check_refused(~0ULL - 10, 100);				/* wraps */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_through_the_translation,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
