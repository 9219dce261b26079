/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMIO registry: regions sorted by start with no overlaps, so the region
 * that may contain an address is the last one starting at or below it, found
 * by binary search on every trapped access.
 */
#include <hv/mmio.h>

void mmio_registry_init(struct mmio_registry *reg, struct mmio_region *storage,
			unsigned int max)
{
	reg->regions = storage;
	reg->num = 0;
	reg->max = storage ? max : 0;
}

/* Index of the first region whose start is above @address (0..num). */
static unsigned int upper_bound(const struct mmio_registry *reg, u64 address)
{
	unsigned int lo = 0, hi = reg->num;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (reg->regions[mid].start <= address)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Last byte of a region; regions never wrap, so this cannot overflow. */
static u64 region_last(const struct mmio_region *r)
{
	return r->start + (r->size - 1);
}

int mmio_region_register(struct mmio_registry *reg, u64 start, u64 size,
			 mmio_handler handler, void *arg)
{
	unsigned int pos, i;
	u64 last;

	if (!reg || !handler || size == 0)
		return -EINVAL;
	last = start + (size - 1);
	if (last < start)
		return -EINVAL;

	/* Only the neighbours at the insertion point can overlap. */
	pos = upper_bound(reg, start);
	if (pos > 0 && region_last(&reg->regions[pos - 1]) >= start)
		return -EEXIST;
	if (pos < reg->num && reg->regions[pos].start <= last)
		return -EEXIST;
	if (reg->num >= reg->max)
		return -ENOSPC;

	for (i = reg->num; i > pos; i--)
		reg->regions[i] = reg->regions[i - 1];
	reg->regions[pos] = (struct mmio_region){
		.start = start, .size = size, .handler = handler, .arg = arg,
	};
	reg->num++;
	return 0;
}

int mmio_region_unregister(struct mmio_registry *reg, u64 start)
{
	unsigned int pos, i;

	if (!reg)
		return -ENOENT;
	pos = upper_bound(reg, start);
	if (pos == 0 || reg->regions[pos - 1].start != start)
		return -ENOENT;

	for (i = pos - 1; i + 1 < reg->num; i++)
		reg->regions[i] = reg->regions[i + 1];
	reg->num--;
	return 0;
}

const struct mmio_region *mmio_find(const struct mmio_registry *reg,
				    u64 address)
{
	const struct mmio_region *r;
	unsigned int pos;

	if (!reg)
		return NULL;
	pos = upper_bound(reg, address);
	if (pos == 0)
		return NULL;
	r = &reg->regions[pos - 1];
	return address - r->start < r->size ? r : NULL;
}

/*
 * Only naturally aligned 1, 2, 4 or 8 byte accesses exist on the bus here:
 * anything else cannot come from a decoded single-register load/store.
 */
static bool access_valid(const struct mmio_access *access)
{
	u8 size = access->size;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	return (access->address & (size - 1)) == 0;
}

enum mmio_result mmio_dispatch(const struct mmio_registry *reg,
			       struct mmio_access *access)
{
	const struct mmio_region *r;
	u64 offset;

	if (!access || !access_valid(access))
		return MMIO_ERROR;
	r = mmio_find(reg, access->address);
	if (!r)
		return MMIO_UNHANDLED;

	/* The whole access must lie in this one region, never straddle. */
	offset = access->address - r->start;
	if (r->size < access->size || offset > r->size - access->size)
		return MMIO_UNHANDLED;
	return r->handler(r->arg, offset, access);
}
