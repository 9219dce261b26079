/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The inmate's stage-1 identity map (4K granule, 32-bit VA, walk from level
 * 1). RAM and the comm page are Normal write-back memory, so that exclusive
 * accesses work and the comm page is coherent with the hypervisor's
 * cacheable view of it; everything else below 4 GiB is Device-nGnRnE and
 * never executable. RAM beyond 1 MiB and the rest of the comm page's 2 MiB
 * stay unmapped, so stray accesses fault in the inmate with a clear report.
 *
 * Runs before the MMU is on (from the entry code), so it only writes plain
 * aligned words.
 */
#include <inmate.h>

#define PTE_TYPE_BLOCK		0x1ULL	/* levels 1 and 2 */
#define PTE_TYPE_TABLE		0x3ULL	/* levels 1 and 2 */
#define PTE_TYPE_PAGE		0x3ULL	/* level 3 */
#define PTE_ATTR_DEVICE		(0ULL << 2)	/* MAIR attr0 */
#define PTE_ATTR_NORMAL		(1ULL << 2)	/* MAIR attr1 */
#define PTE_SH_INNER		(3ULL << 8)
#define PTE_AF			(1ULL << 10)
#define PTE_PXN			(1ULL << 53)
#define PTE_UXN			(1ULL << 54)

#define PTE_NORMAL	(PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PTE_DEVICE	(PTE_ATTR_DEVICE | PTE_AF | PTE_PXN | PTE_UXN)

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL
#define ENTRIES		512

void mmu_build_tables(void);

static u64 l1[ENTRIES] __attribute__((aligned(4096)));
static u64 l2_low[ENTRIES] __attribute__((aligned(4096)));	/* 0..1G */
static u64 l3_ram[ENTRIES] __attribute__((aligned(4096)));	/* 0..2M */
static u64 l2_comm[ENTRIES] __attribute__((aligned(4096)));	/* 2G..3G */
static u64 l3_comm[ENTRIES] __attribute__((aligned(4096)));

/* Read by the entry code and by secondary CPUs' boot records. */
u64 mmu_ttbr0;

static u64 table(const u64 *next)
{
	return (u64)(unsigned long)next | PTE_TYPE_TABLE;
}

void mmu_build_tables(void)
{
	u64 addr;
	unsigned int i;

	for (i = 0; i < INMATE_RAM_SIZE / SZ_4K; i++)
		l3_ram[i] = (INMATE_RAM_BASE + i * SZ_4K) | PTE_NORMAL |
			    PTE_TYPE_PAGE;

	l2_low[0] = table(l3_ram);
	for (i = 1; i < ENTRIES; i++)
		l2_low[i] = (i * SZ_2M) | PTE_DEVICE | PTE_TYPE_BLOCK;

	l3_comm[0] = INMATE_COMM_ADDR | PTE_NORMAL | PTE_TYPE_PAGE;
	l2_comm[0] = table(l3_comm);
	for (i = 1; i < ENTRIES; i++)
		l2_comm[i] = (2 * SZ_1G + i * SZ_2M) | PTE_DEVICE |
			     PTE_TYPE_BLOCK;

	l1[0] = table(l2_low);
	l1[1] = SZ_1G | PTE_DEVICE | PTE_TYPE_BLOCK;
	l1[2] = table(l2_comm);
	l1[3] = 3 * SZ_1G | PTE_DEVICE | PTE_TYPE_BLOCK;

	addr = (u64)(unsigned long)l1;
	mmu_ttbr0 = addr;
}
