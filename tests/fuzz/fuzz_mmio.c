// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the MMIO registry (hypervisor/mmio.c) driven by a sequence of
 * register / unregister / find / dispatch operations decoded from the
 * input, checked against a plain list kept on the side: the registry stays
 * sorted and non-overlapping, finds what the list finds, and a handler is
 * only ever called with an access that lies entirely inside its region.
 */
#include "common.h"
#include <hv/mmio.h>

#define MAX_REGIONS 12

struct shadow {
	u64 start, size;
	int used;
};

static struct shadow shadow[MAX_REGIONS * 2];
static unsigned int calls;

static enum mmio_result handler(void *arg, u64 offset, struct mmio_access *a)
{
	const struct shadow *s = arg;

	FUZZ_CHECK(s->used);
	FUZZ_CHECK(offset < s->size && a->size <= s->size - offset);
	FUZZ_CHECK(a->address == s->start + offset);
	calls++;
	if (!a->is_write)
		a->value = offset;
	return MMIO_HANDLED;
}

static struct shadow *shadow_find(u64 addr)
{
	unsigned int i;

	for (i = 0; i < MAX_REGIONS * 2; i++)
		if (shadow[i].used && addr - shadow[i].start < shadow[i].size)
			return &shadow[i];
	return NULL;
}

static int overlaps(u64 start, u64 size)
{
	unsigned int i;
	u64 last = start + size - 1;

	for (i = 0; i < MAX_REGIONS * 2; i++)
		if (shadow[i].used && start <= shadow[i].start + shadow[i].size - 1 &&
		    shadow[i].start <= last)
			return 1;
	return 0;
}

/* Addresses cluster so that regions meet, touch and overlap often. */
static u64 take_addr(struct fuzz_input *in)
{
	u64 v = fuzz_take(in, 2);

	switch (v & 3) {
	case 0:
		return (v >> 2) * 8;
	case 1:
		return ~0ULL - (v >> 2);
	default:
		return fuzz_take(in, 8);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size, 0 };
	struct mmio_region storage[MAX_REGIONS];
	struct mmio_registry reg;
	struct mmio_access a;
	const struct mmio_region *r;
	struct shadow *s;
	unsigned int i, n;
	u64 start, len;
	int ret, ops = 0;

	memset(shadow, 0, sizeof(shadow));
	mmio_registry_init(&reg, storage, MAX_REGIONS);
	while (fuzz_left(&in) && ops++ < 256) {
		switch (fuzz_take(&in, 1) % 4) {
		case 0:		/* register */
			start = take_addr(&in);
			len = fuzz_take(&in, 1) ? fuzz_take(&in, 2) : take_addr(&in);
			for (i = 0; i < MAX_REGIONS * 2 && shadow[i].used; i++)
				;
			if (i == MAX_REGIONS * 2)
				break;
			s = &shadow[i];
			ret = mmio_region_register(&reg, start, len, handler, s);
			n = reg.num;
			if (len == 0 || start + (len - 1) < start) {
				FUZZ_CHECK(ret == -EINVAL);
			} else if (overlaps(start, len)) {
				FUZZ_CHECK(ret == -EEXIST);
			} else if (ret == 0) {
				*s = (struct shadow){ start, len, 1 };
			} else {
				FUZZ_CHECK(ret == -ENOSPC && n == MAX_REGIONS);
			}
			break;
		case 1:		/* unregister (an existing start or any) */
			i = (unsigned int)fuzz_take(&in, 1) % (MAX_REGIONS * 2);
			start = shadow[i].used && fuzz_take(&in, 1) % 4 ?
				shadow[i].start : take_addr(&in);
			s = NULL;
			for (i = 0; i < MAX_REGIONS * 2; i++)
				if (shadow[i].used && shadow[i].start == start)
					s = &shadow[i];
			ret = mmio_region_unregister(&reg, start);
			FUZZ_CHECK(s ? ret == 0 : ret == -ENOENT);
			if (s)
				s->used = 0;
			break;
		case 2:		/* find */
			start = take_addr(&in);
			r = mmio_find(&reg, start);
			s = shadow_find(start);
			FUZZ_CHECK(!r == !s);
			if (r)
				FUZZ_CHECK(r->arg == s && r->start == s->start);
			break;
		default:	/* dispatch */
			a = (struct mmio_access){
				.address = take_addr(&in),
				.size = (u8)fuzz_take(&in, 1),
				.is_write = fuzz_take(&in, 1) & 1,
				.value = fuzz_take(&in, 8),
			};
			(void)mmio_dispatch(&reg, &a);
			break;
		}
		/* Sorted, non-overlapping, within bounds. */
		FUZZ_CHECK(reg.num <= MAX_REGIONS);
		for (i = 0; i + 1 < reg.num; i++)
			FUZZ_CHECK(storage[i].start + (storage[i].size - 1) <
				   storage[i + 1].start);
	}
	FUZZ_CHECK(mmio_dispatch(&reg, NULL) == MMIO_ERROR);
	(void)calls;
	return 0;
}
