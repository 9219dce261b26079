// SPDX-License-Identifier: GPL-2.0-only
/* Reading guest memory from the hypervisor: through the root's own stage 2. */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/string.h>

/* One page of root memory (@len bytes from @ipa), through the window. */
static bool copy_page(void *dst, u64 ipa, u64 len)
{
	u64 page = ALIGN_DOWN(ipa, PAGE_SIZE), phys;
	unsigned int flags;
	u8 *window;

	if (!paging_lookup(&root_cell.stage2, page, &phys, &flags) ||
	    !(flags & PAGING_READ) || (flags & PAGING_DEVICE))
		return false;
	window = temp_map(phys);
	if (window)
		memcpy(dst, window + (ipa - page), len);
	temp_unmap();
	return window != NULL;
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
