// SPDX-License-Identifier: GPL-2.0-only
/*
 * memprobe: reports what it finds in one page of its RAM (IPA 0xf0000, past
 * image and stacks, below the parameter page), then fills that page with a
 * pattern and cleans it to the point of coherency. Run twice on the same
 * memory, the second run shows whether the first run's data was cleared in
 * between; the root can look at the same page with devmem.
 */
#include <inmate.h>

#define PROBE_ADDR	0xf0000UL
#define PROBE_WORDS	(0x1000 / sizeof(u64))
#define PATTERN		0x57415244454e2121ULL	/* "WARDEN!!" */

void dcache_clean_inval_range(unsigned long start, unsigned long end);

int main(void)
{
	volatile u64 *page = (volatile u64 *)PROBE_ADDR;
	unsigned int i, nonzero = 0;
	u64 first = page[0];

	for (i = 0; i < PROBE_WORDS; i++)
		nonzero += page[i] != 0;
	printk("memprobe: found 0x%llx at 0x%lx, %u nonzero words\n", first,
	       PROBE_ADDR, nonzero);
	for (i = 0; i < PROBE_WORDS; i++)
		page[i] = PATTERN;
	dcache_clean_inval_range(PROBE_ADDR, PROBE_ADDR + 0x1000);
	printk("memprobe: wrote 0x%llx\n", PATTERN);
	return 0;	/* the library approves the next shutdown request */
}
