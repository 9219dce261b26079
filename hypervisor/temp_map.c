// SPDX-License-Identifier: GPL-2.0-only
/* The temporary window: one page of physical memory at TEMP_VA. */
#include <hv/control.h>
#include <hv/layout.h>

static void *map_window(u64 phys, unsigned int flags)
{
	if (paging_map(&hv_paging, TEMP_VA, phys & PAGE_MASK, PAGE_SIZE,
		       flags | PAGING_NO_BLOCKS))
		return NULL;
	return (void *)TEMP_VA;
}

void *temp_map(u64 phys)
{
	return map_window(phys, PAGING_READ);
}

void *temp_map_writable(u64 phys)
{
	return map_window(phys, PAGING_READ | PAGING_WRITE);
}

void temp_unmap(void)
{
	paging_unmap(&hv_paging, TEMP_VA, PAGE_SIZE);
	arch_flush_hv_tlb(TEMP_VA);
}
