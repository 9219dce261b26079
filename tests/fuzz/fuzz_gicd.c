// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the GICv3 distributor filter (gicd_filter in
 * hypervisor/arch/arm64/gicv3.c), which sees every distributor access a
 * cell makes, against a fake distributor in memory. The input gives the
 * cell's interrupts and a sequence of accesses (offset, size, direction,
 * value). A cell that owns no interrupt must never change a single byte of
 * the distributor; any access must stay inside its 64 KiB (ASan). Sizes
 * are 1, 2, 4 or 8 only, as mmio_dispatch() guarantees.
 */
#include "common.h"
#include <hv/cell.h>
#include <asm/gic.h>

#define GICD_BYTES 0x10000

struct cell root_cell;
static struct cell owner, nobody;
static u32 *gicd;
static u32 *before;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* gicv3_cpu.c's: here the cells' CPUs are those with Aff0 2 and 3. */
bool gic_cell_has_target(const struct cell *cell, u64 irouter)
{
	(void)cell;
	return !(irouter & (1ULL << 31)) && ((irouter & 0xffffff) == 2 ||
					     (irouter & 0xffffff) == 3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size, 0 };
	struct mmio_access a;
	struct cell *c;
	unsigned int i, ops = 0;
	u64 off;

	if (!gicd) {
		gicd = malloc(GICD_BYTES);
		before = malloc(GICD_BYTES);
		if (!gicd || !before)
			abort();
	}
	memset(&root_cell, 0, sizeof(root_cell));
	memset(&owner, 0, sizeof(owner));
	memset(&nobody, 0, sizeof(nobody));
	for (i = 0; i < GICD_BYTES / 4; i++)
		gicd[i] = (u32)(i * 0x9e3779b9U);
	/* The owner's interrupts: 8 bytes of bitmap for INTIDs 32..95. */
	for (i = 0; i < 2 && i + 1 < ARRAY_SIZE(owner.irq_bitmap); i++)
		owner.irq_bitmap[i + 1] = (u32)fuzz_take(&in, 4);

	while (fuzz_left(&in) && ops++ < 64) {
		u8 sel = (u8)fuzz_take(&in, 1);

		c = (sel & 3) == 0 ? &root_cell : (sel & 3) == 1 ? &nobody
								  : &owner;
		/*
		 * mmio_dispatch() only passes offsets inside the 64 KiB region;
		 * up to 128 KiB also exercises the filter's own range check.
		 */
		off = fuzz_take(&in, 2);
		if (sel & 4)
			off |= 0x10000;
		a = (struct mmio_access){
			.size = (u8)(1U << ((sel >> 3) & 3)),
			.is_write = (sel >> 5) & 1,
			.value = fuzz_take(&in, 8),
		};
		a.address = 0x08000000 + off;
		memcpy(before, gicd, GICD_BYTES);
		(void)gicd_filter(c, gicd, off, &a);
		if (c == &nobody)
			FUZZ_CHECK(memcmp(before, gicd, GICD_BYTES) == 0);
	}
	return 0;
}
