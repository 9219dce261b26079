/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for the bitmap page pool (hv/page_alloc.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hv/page_alloc.h>

struct arena {
	void *mem;
	unsigned long pages;
};

/* A page-aligned arena full of junk, so zeroing is really tested. */
static void *arena_new(unsigned long pages)
{
	void *mem = aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);

	assert_non_null(mem);
	memset(mem, 0xa5, pages * PAGE_SIZE);
	return mem;
}

static void *page_at(const struct page_pool *pool, unsigned long idx)
{
	return (char *)pool->base + idx * PAGE_SIZE;
}

static bool page_is_zero(const void *page, unsigned long num)
{
	const unsigned char *p = page;
	unsigned long i;

	for (i = 0; i < num * PAGE_SIZE; i++)
		if (p[i])
			return false;
	return true;
}

static void test_init_invalid(void **state)
{
	struct page_pool pool;
	void *mem = arena_new(4);

	(void)state;
	assert_int_equal(page_pool_init(&pool, NULL, 4), -EINVAL);
	assert_int_equal(page_pool_init(&pool, (char *)mem + 8, 3), -EINVAL);
	assert_int_equal(page_pool_init(&pool, mem, 0), -EINVAL);
	assert_int_equal(page_pool_init(NULL, mem, 4), -EINVAL);
	/* One page holds just its own bitmap: valid, but nothing to give. */
	assert_int_equal(page_pool_init(&pool, mem, 1), 0);
	assert_int_equal(pool.used, 1);
	assert_null(page_alloc(&pool, 1));
	free(mem);
}

static void test_alloc_zeroed_and_used(void **state)
{
	struct page_pool pool;
	void *mem = arena_new(64);
	char *a, *b;

	(void)state;
	assert_int_equal(page_pool_init(&pool, mem, 64), 0);
	assert_int_equal(pool.used, 1);	/* the bitmap page */
	assert_null(page_alloc(&pool, 0));

	a = page_alloc(&pool, 1);
	assert_ptr_equal(a, page_at(&pool, 1));
	assert_true(page_is_zero(a, 1));
	b = page_alloc(&pool, 3);
	assert_ptr_equal(b, page_at(&pool, 2));
	assert_true(page_is_zero(b, 3));
	assert_int_equal(pool.used, 5);

	memset(a, 0xff, PAGE_SIZE);
	page_free(&pool, a, 1);
	assert_int_equal(pool.used, 4);
	/* Reused, and zeroed again. */
	a = page_alloc(&pool, 1);
	assert_ptr_equal(a, page_at(&pool, 1));
	assert_true(page_is_zero(a, 1));
	free(mem);
}

static void test_contiguous_runs(void **state)
{
	struct page_pool pool;
	void *mem = arena_new(17);
	unsigned long i;
	char *p;

	(void)state;
	assert_int_equal(page_pool_init(&pool, mem, 17), 0);
	for (i = 1; i < 17; i++)
		assert_ptr_equal(page_alloc(&pool, 1), page_at(&pool, i));
	assert_null(page_alloc(&pool, 1));
	assert_int_equal(pool.used, 17);

	/* Free every other page: 8 free pages but no run of 2. */
	for (i = 1; i < 17; i += 2)
		page_free(&pool, page_at(&pool, i), 1);
	assert_int_equal(pool.used, 9);
	assert_null(page_alloc(&pool, 2));
	assert_int_equal(pool.used, 9);

	/* Freeing page 10 joins 9..11 into a run of 3. */
	page_free(&pool, page_at(&pool, 10), 1);
	assert_null(page_alloc(&pool, 4));
	p = page_alloc(&pool, 3);
	assert_ptr_equal(p, page_at(&pool, 9));
	assert_true(page_is_zero(p, 3));
	assert_int_equal(pool.used, 11);
	free(mem);
}

static void test_free_ignored(void **state)
{
	struct page_pool pool;
	void *mem = arena_new(16);
	char *p;

	(void)state;
	assert_int_equal(page_pool_init(&pool, mem, 16), 0);
	p = page_alloc(&pool, 2);
	assert_non_null(p);
	assert_int_equal(pool.used, 3);

	page_free(&pool, page_at(&pool, 5), 1);		/* never allocated */
	page_free(&pool, p + 1, 1);			/* not page aligned */
	page_free(&pool, page_at(&pool, 16), 1);	/* past the end */
	page_free(&pool, page_at(&pool, 15), 2);	/* runs past the end */
	page_free(&pool, (char *)mem - PAGE_SIZE, 1);	/* below the base */
	page_free(&pool, page_at(&pool, 0), 1);		/* the bitmap */
	page_free(&pool, NULL, 1);
	page_free(&pool, p, 0);
	page_free(&pool, p, ~0UL);
	assert_int_equal(pool.used, 3);

	/* Partly allocated range: only the allocated page counts. */
	page_free(&pool, p + PAGE_SIZE, 2);
	assert_int_equal(pool.used, 2);
	page_free(&pool, p, 1);
	page_free(&pool, p, 1);				/* double free */
	assert_int_equal(pool.used, 1);
	/* The bitmap page still is not handed out. */
	assert_ptr_equal(page_alloc(&pool, 15), page_at(&pool, 1));
	/* A range running past the end is ignored even where it is used. */
	page_free(&pool, page_at(&pool, 15), 2);
	page_free(&pool, page_at(&pool, 1), ~0UL);
	assert_int_equal(pool.used, 16);
	free(mem);
}

static void test_multi_page_bitmap(void **state)
{
	/* 32769 pages need 4104 bytes of bitmap: two pages of it. */
	const unsigned long pages = 32769;
	struct page_pool pool;
	void *mem = arena_new(pages);
	unsigned long n = 0;
	char *p;

	(void)state;
	assert_int_equal(page_pool_init(&pool, mem, pages), 0);
	assert_int_equal(pool.used, 2);
	assert_ptr_equal(page_alloc(&pool, 1), page_at(&pool, 2));
	while ((p = page_alloc(&pool, 1)) != NULL) {
		n++;
		assert_true(p >= (char *)page_at(&pool, 3) &&
			    p <= (char *)page_at(&pool, pages - 1));
	}
	assert_int_equal(n, pages - 3);
	assert_int_equal(pool.used, pages);
	/* The last page is allocatable and freeable. */
	page_free(&pool, page_at(&pool, pages - 1), 1);
	assert_ptr_equal(page_alloc(&pool, 1), page_at(&pool, pages - 1));
	free(mem);
}

/* Random allocations and frees checked against a shadow ownership map. */
static void test_random_against_model(void **state)
{
	enum { PAGES = 512, SLOTS = 64 };
	struct page_pool pool;
	void *mem = arena_new(PAGES);
	int owner[PAGES];
	struct { char *p; unsigned long num; } slot[SLOTS] = { { 0 } };
	unsigned long expect_used = 1, i, k, round;
	unsigned int seed = 12345;

	(void)state;
	assert_int_equal(page_pool_init(&pool, mem, PAGES), 0);
	for (i = 0; i < PAGES; i++)
		owner[i] = -1;

	for (round = 0; round < 20000; round++) {
		unsigned long s = (unsigned long)rand_r(&seed) % SLOTS;

		if (slot[s].p) {
			/* Each slot's pages still hold its own pattern. */
			for (k = 0; k < slot[s].num * PAGE_SIZE; k += 509)
				assert_int_equal((unsigned char)slot[s].p[k], s);
			page_free(&pool, slot[s].p, slot[s].num);
			i = (unsigned long)(slot[s].p - (char *)mem) / PAGE_SIZE;
			for (k = i; k < i + slot[s].num; k++)
				owner[k] = -1;
			expect_used -= slot[s].num;
			slot[s].p = NULL;
		} else {
			unsigned long num = 1 + (unsigned long)rand_r(&seed) % 12;
			char *p = page_alloc(&pool, num);

			if (!p)
				continue;
			i = (unsigned long)(p - (char *)mem) / PAGE_SIZE;
			assert_true(i >= 1 && i + num <= PAGES);
			assert_true(page_is_zero(p, num));
			for (k = i; k < i + num; k++) {
				assert_int_equal(owner[k], -1);
				owner[k] = (int)s;
			}
			memset(p, (int)s, num * PAGE_SIZE);
			slot[s].p = p;
			slot[s].num = num;
			expect_used += num;
		}
		assert_int_equal(pool.used, expect_used);
	}
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_invalid),
		cmocka_unit_test(test_alloc_zeroed_and_used),
		cmocka_unit_test(test_contiguous_runs),
		cmocka_unit_test(test_free_ignored),
		cmocka_unit_test(test_multi_page_bitmap),
		cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
