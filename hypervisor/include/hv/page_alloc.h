/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page pool: a bitmap allocator over one contiguous range of hypervisor
 * virtual memory. Used for page tables, cell structures and per-CPU data.
 */
#ifndef _HV_PAGE_ALLOC_H
#define _HV_PAGE_ALLOC_H

#include <hv/types.h>

struct page_pool {
	void *base;		/* first page managed */
	unsigned long pages;	/* number of pages managed */
	unsigned long used;	/* pages currently allocated */
	unsigned long *bitmap;	/* one bit per page, 1 = used */
	unsigned long hint;	/* where the next search starts */
};

/*
 * Set up @pool over @pages pages at @base. The bitmap is taken from the start
 * of the range itself and marked used (so @used counts it); returns 0 or
 * -EINVAL when the range cannot even hold its bitmap (or is not page aligned).
 */
int page_pool_init(struct page_pool *pool, void *base, unsigned long pages);

/* @num contiguous zeroed pages, or NULL when the pool has no such run. */
void *page_alloc(struct page_pool *pool, unsigned long num);

/* Give back @num pages from @page; freeing pages not allocated is ignored. */
void page_free(struct page_pool *pool, void *page, unsigned long num);

#endif /* _HV_PAGE_ALLOC_H */
