/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page pool: one bit per page, 1 = used. The bitmap lives in the first pages
 * of the pool itself; those pages are marked used at init and can never be
 * freed, so `used` always equals the number of set bits.
 */
#include <hv/page_alloc.h>
#include <hv/string.h>

#define BITS_PER_LONG	(8 * sizeof(unsigned long))

static unsigned long bitmap_pages(unsigned long pages)
{
	unsigned long longs = pages / BITS_PER_LONG + !!(pages % BITS_PER_LONG);

	return (longs * sizeof(unsigned long) + PAGE_SIZE - 1) / PAGE_SIZE;
}

static bool test_bit(const unsigned long *map, unsigned long nr)
{
	return (map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static void set_bit(unsigned long *map, unsigned long nr)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static void clear_bit(unsigned long *map, unsigned long nr)
{
	map[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

int page_pool_init(struct page_pool *pool, void *base, unsigned long pages)
{
	unsigned long meta, i;

	if (!pool || !base || !IS_ALIGNED((unsigned long)base, PAGE_SIZE) ||
	    pages == 0 || pages > ~0UL / PAGE_SIZE)
		return -EINVAL;
	/* The last byte of the range must not wrap around the address space. */
	if ((unsigned long)base + (pages * PAGE_SIZE - 1) < (unsigned long)base)
		return -EINVAL;
	meta = bitmap_pages(pages);
	if (meta > pages)
		return -EINVAL;

	memset(base, 0, meta * PAGE_SIZE);
	pool->base = base;
	pool->pages = pages;
	pool->bitmap = base;
	for (i = 0; i < meta; i++)
		set_bit(pool->bitmap, i);
	pool->used = meta;
	pool->hint = meta;
	return 0;
}

/* First index of @num free pages in [from, to), or @to when there is none. */
static unsigned long find_free_run(const struct page_pool *pool,
				   unsigned long from, unsigned long to,
				   unsigned long num)
{
	unsigned long i, start = from;

	for (i = from; i < to; i++) {
		if (test_bit(pool->bitmap, i)) {
			start = i + 1;
			continue;
		}
		if (i + 1 - start == num)
			return start;
	}
	return to;
}

void *page_alloc(struct page_pool *pool, unsigned long num)
{
	unsigned long start, i;

	if (!pool || num == 0 || num > pool->pages - pool->used)
		return NULL;

	/* Search from the hint first so repeated allocations stay cheap. */
	start = find_free_run(pool, pool->hint, pool->pages, num);
	if (start == pool->pages)
		start = find_free_run(pool, 0, pool->pages, num);
	if (start == pool->pages)
		return NULL;

	for (i = start; i < start + num; i++)
		set_bit(pool->bitmap, i);
	pool->used += num;
	pool->hint = start + num;
	memset((char *)pool->base + start * PAGE_SIZE, 0, num * PAGE_SIZE);
	return (char *)pool->base + start * PAGE_SIZE;
}

void page_free(struct page_pool *pool, void *page, unsigned long num)
{
	unsigned long addr = (unsigned long)page;
	unsigned long base, first, i;

	if (!pool || !page || num == 0)
		return;
	base = (unsigned long)pool->base;
	if (addr < base || !IS_ALIGNED(addr - base, PAGE_SIZE))
		return;
	first = (addr - base) / PAGE_SIZE;
	/* Out of range (or would run past the end): ignore it all. */
	if (first >= pool->pages || num > pool->pages - first)
		return;
	/* The bitmap's own pages are not the caller's to free. */
	if (first < bitmap_pages(pool->pages))
		return;

	for (i = first; i < first + num; i++) {
		if (!test_bit(pool->bitmap, i))
			continue;
		clear_bit(pool->bitmap, i);
		pool->used--;
	}
	if (first < pool->hint)
		pool->hint = first;
}
