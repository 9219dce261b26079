// SPDX-License-Identifier: GPL-2.0-only
/* Reading guest memory from the hypervisor: through the root's own stage 2. */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/layout.h>
#include <hv/string.h>

/* One page of root memory, through the temporary window. */
static bool copy_page(void *dst, u64 ipa, u64 len)
{
	u64 page = ALIGN_DOWN(ipa, PAGE_SIZE), phys;
	unsigned int flags;
	bool ok;

	if (!paging_lookup(&root_cell.stage2, page, &phys, &flags) ||
	    !(flags & PAGING_READ) || (flags & PAGING_DEVICE))
		return false;
	ok = !paging_map(&hv_paging, TEMP_VA, phys & PAGE_MASK, PAGE_SIZE,
			 PAGING_READ | PAGING_NO_BLOCKS);
	if (ok)
		memcpy(dst, (void *)(TEMP_VA + (ipa - page)), len);
	paging_unmap(&hv_paging, TEMP_VA, PAGE_SIZE);
	arch_flush_hv_tlb(TEMP_VA);
	return ok;
}

void *copy_from_root(u64 ipa, u64 size, unsigned long *pages)
{
	u64 done = 0, chunk;
	u8 *buf;

	if (!size || size > 0x10000 || ipa + size < ipa)
		return NULL;
	*pages = PAGE_ALIGN_UP(size) / PAGE_SIZE;
	buf = page_alloc(&mem_pool, *pages);
	if (!buf)
		return NULL;
	while (done < size) {
		chunk = MIN(size - done, PAGE_SIZE - ((ipa + done) & ~PAGE_MASK));
		if (!copy_page(buf + done, ipa + done, chunk)) {
			page_free(&mem_pool, buf, *pages);
			return NULL;
		}
		done += chunk;
	}
	return buf;
}
