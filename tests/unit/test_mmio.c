/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for the MMIO registry and dispatcher (hv/mmio.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <hv/mmio.h>

/* What a handler saw on its last call. */
struct probe {
	int calls;
	u64 offset;
	u8 size;
	bool is_write;
	u64 value;
};

static enum mmio_result probe_handler(void *arg, u64 offset,
				      struct mmio_access *access)
{
	struct probe *p = arg;

	p->calls++;
	p->offset = offset;
	p->size = access->size;
	p->is_write = access->is_write;
	if (access->is_write)
		p->value = access->value;
	else
		access->value = 0x1122334455667788ULL;
	return MMIO_HANDLED;
}

static enum mmio_result access_at(const struct mmio_registry *reg, u64 address,
				  u8 size, bool is_write)
{
	struct mmio_access a = {
		.address = address, .size = size, .is_write = is_write,
		.value = 0xabcd,
	};

	return mmio_dispatch(reg, &a);
}

static void assert_sorted(const struct mmio_registry *reg)
{
	unsigned int i;

	for (i = 1; i < reg->num; i++)
		assert_true(reg->regions[i - 1].start +
			    reg->regions[i - 1].size <= reg->regions[i].start);
}

static void test_order_independent(void **state)
{
	static const unsigned int orders[][4] = {
		{ 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 2, 0, 3, 1 }, { 1, 3, 0, 2 },
	};
	static const u64 starts[4] = { 0x1000, 0x3000, 0x9000000, 0x2000 };
	struct probe probes[4];
	struct mmio_region storage[4];
	struct mmio_registry reg;
	unsigned int o, i;

	(void)state;
	for (o = 0; o < ARRAY_SIZE(orders); o++) {
		memset(probes, 0, sizeof(probes));
		mmio_registry_init(&reg, storage, 4);
		for (i = 0; i < 4; i++) {
			unsigned int k = orders[o][i];

			assert_int_equal(mmio_region_register(&reg, starts[k],
					 0x1000, probe_handler, &probes[k]), 0);
		}
		assert_int_equal(reg.num, 4);
		assert_sorted(&reg);
		for (i = 0; i < 4; i++) {
			const struct mmio_region *r;

			r = mmio_find(&reg, starts[i] + 0x10);
			assert_non_null(r);
			assert_ptr_equal(r->arg, &probes[i]);
			assert_int_equal(access_at(&reg, starts[i] + 0x10, 4,
						   false), MMIO_HANDLED);
			assert_int_equal(probes[i].calls, 1);
			assert_int_equal(probes[i].offset, 0x10);
		}
	}
}

static void test_overlap_rejected(void **state)
{
	struct mmio_region storage[8];
	struct mmio_registry reg;
	struct probe p = { 0 };

	(void)state;
	mmio_registry_init(&reg, storage, 8);
	assert_int_equal(mmio_region_register(&reg, 0x2000, 0x1000,
					      probe_handler, &p), 0);
	/* Same start, inside, covering, touching either end by one byte. */
	assert_int_equal(mmio_region_register(&reg, 0x2000, 0x1000,
					      probe_handler, &p), -EEXIST);
	assert_int_equal(mmio_region_register(&reg, 0x2800, 0x10,
					      probe_handler, &p), -EEXIST);
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0x3000,
					      probe_handler, &p), -EEXIST);
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0x1001,
					      probe_handler, &p), -EEXIST);
	assert_int_equal(mmio_region_register(&reg, 0x2fff, 0x10,
					      probe_handler, &p), -EEXIST);
	assert_int_equal(reg.num, 1);
	/* Adjacent regions are fine. */
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0x1000,
					      probe_handler, &p), 0);
	assert_int_equal(mmio_region_register(&reg, 0x3000, 0x1000,
					      probe_handler, &p), 0);
	assert_int_equal(reg.num, 3);
	assert_sorted(&reg);
}

static void test_invalid_regions(void **state)
{
	struct mmio_region storage[4];
	struct mmio_registry reg;
	struct probe p = { 0 };

	(void)state;
	mmio_registry_init(&reg, storage, 4);
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0, probe_handler,
					      &p), -EINVAL);
	assert_int_equal(mmio_region_register(&reg, ~0ULL - 0xf, 0x20,
					      probe_handler, &p), -EINVAL);
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0x10, NULL, &p),
			 -EINVAL);
	/* A region may end exactly at the top of the address space. */
	assert_int_equal(mmio_region_register(&reg, ~0ULL - 0xf, 0x10,
					      probe_handler, &p), 0);
	assert_int_equal(access_at(&reg, ~0ULL - 7, 8, false), MMIO_HANDLED);
	assert_int_equal(p.offset, 8);
	assert_int_equal(reg.num, 1);
}

static void test_boundaries(void **state)
{
	struct mmio_region storage[4];
	struct mmio_registry reg;
	struct probe a = { 0 }, b = { 0 };

	(void)state;
	mmio_registry_init(&reg, storage, 4);
	assert_int_equal(mmio_region_register(&reg, 0x9000000, 0x100,
					      probe_handler, &a), 0);
	assert_int_equal(mmio_region_register(&reg, 0x9000100, 0x100,
					      probe_handler, &b), 0);

	assert_null(mmio_find(&reg, 0x8ffffff));
	assert_ptr_equal(mmio_find(&reg, 0x9000000)->arg, &a);
	assert_ptr_equal(mmio_find(&reg, 0x90000ff)->arg, &a);
	assert_ptr_equal(mmio_find(&reg, 0x9000100)->arg, &b);
	assert_ptr_equal(mmio_find(&reg, 0x90001ff)->arg, &b);
	assert_null(mmio_find(&reg, 0x9000200));

	/* First and last byte, last doubleword. */
	assert_int_equal(access_at(&reg, 0x9000000, 1, true), MMIO_HANDLED);
	assert_int_equal(a.offset, 0);
	assert_true(a.is_write);
	assert_int_equal(a.value, 0xabcd);
	assert_int_equal(access_at(&reg, 0x90000ff, 1, false), MMIO_HANDLED);
	assert_int_equal(a.offset, 0xff);
	assert_int_equal(access_at(&reg, 0x90000f8, 8, false), MMIO_HANDLED);
	assert_int_equal(a.offset, 0xf8);
	assert_int_equal(a.size, 8);
	assert_int_equal(a.calls, 3);
	assert_int_equal(b.calls, 0);

	/* Just outside either end. */
	assert_int_equal(access_at(&reg, 0x8fffff8, 8, false), MMIO_UNHANDLED);
	assert_int_equal(access_at(&reg, 0x9000200, 4, false), MMIO_UNHANDLED);
	assert_int_equal(a.calls + b.calls, 3);
}

static void test_straddle(void **state)
{
	struct mmio_region storage[4];
	struct mmio_registry reg;
	struct probe a = { 0 };

	(void)state;
	mmio_registry_init(&reg, storage, 4);
	/* A 6-byte region: an aligned 8-byte access at its start straddles. */
	assert_int_equal(mmio_region_register(&reg, 0x1000, 6, probe_handler,
					      &a), 0);
	assert_int_equal(access_at(&reg, 0x1000, 8, false), MMIO_UNHANDLED);
	assert_int_equal(access_at(&reg, 0x1004, 4, false), MMIO_UNHANDLED);
	assert_int_equal(access_at(&reg, 0x1004, 2, false), MMIO_HANDLED);
	/* Straddling two adjacent regions is not one region's access. */
	assert_int_equal(mmio_region_register(&reg, 0x1006, 2, probe_handler,
					      &a), 0);
	assert_int_equal(access_at(&reg, 0x1004, 4, false), MMIO_UNHANDLED);
	assert_int_equal(a.calls, 1);
}

static void test_size_alignment(void **state)
{
	struct mmio_region storage[2];
	struct mmio_registry reg;
	struct mmio_access acc = { .address = 0x1000, .size = 4 };
	struct probe a = { 0 };
	u8 size;

	(void)state;
	mmio_registry_init(&reg, storage, 2);
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0x1000,
					      probe_handler, &a), 0);
	for (size = 0; size < 17; size++) {
		bool ok = size == 1 || size == 2 || size == 4 || size == 8;

		assert_int_equal(access_at(&reg, 0x1000, size, false),
				 ok ? MMIO_HANDLED : MMIO_ERROR);
	}
	assert_int_equal(access_at(&reg, 0x1001, 2, false), MMIO_ERROR);
	assert_int_equal(access_at(&reg, 0x1002, 4, false), MMIO_ERROR);
	assert_int_equal(access_at(&reg, 0x1004, 8, false), MMIO_ERROR);
	assert_int_equal(access_at(&reg, 0x1003, 1, false), MMIO_HANDLED);
	/* Bad accesses are errors even where no region is. */
	assert_int_equal(access_at(&reg, 0x5001, 4, false), MMIO_ERROR);
	assert_int_equal(a.calls, 5);

	/* A read's result comes back in the access. */
	assert_int_equal(mmio_dispatch(&reg, &acc), MMIO_HANDLED);
	assert_int_equal(acc.value, 0x1122334455667788ULL);
}

static void test_unregister(void **state)
{
	struct mmio_region storage[4];
	struct mmio_registry reg;
	struct probe a = { 0 }, b = { 0 }, c = { 0 };

	(void)state;
	mmio_registry_init(&reg, storage, 4);
	assert_int_equal(mmio_region_register(&reg, 0x3000, 0x100,
					      probe_handler, &c), 0);
	assert_int_equal(mmio_region_register(&reg, 0x1000, 0x100,
					      probe_handler, &a), 0);
	assert_int_equal(mmio_region_register(&reg, 0x2000, 0x100,
					      probe_handler, &b), 0);
	/* Only an exact start matches. */
	assert_int_equal(mmio_region_unregister(&reg, 0x2010), -ENOENT);
	assert_int_equal(mmio_region_unregister(&reg, 0x5000), -ENOENT);
	assert_int_equal(mmio_region_unregister(&reg, 0x2000), 0);
	assert_int_equal(mmio_region_unregister(&reg, 0x2000), -ENOENT);
	assert_int_equal(reg.num, 2);
	assert_sorted(&reg);
	assert_null(mmio_find(&reg, 0x2000));
	assert_int_equal(access_at(&reg, 0x2000, 4, false), MMIO_UNHANDLED);
	assert_ptr_equal(mmio_find(&reg, 0x1000)->arg, &a);
	assert_ptr_equal(mmio_find(&reg, 0x30ff)->arg, &c);
	/* The freed slot can be reused, even by an overlapping newcomer. */
	assert_int_equal(mmio_region_register(&reg, 0x1f00, 0x200,
					      probe_handler, &b), 0);
	assert_ptr_equal(mmio_find(&reg, 0x2000)->arg, &b);
	assert_int_equal(mmio_region_unregister(&reg, 0x1000), 0);
	assert_int_equal(mmio_region_unregister(&reg, 0x3000), 0);
	assert_int_equal(mmio_region_unregister(&reg, 0x1f00), 0);
	assert_int_equal(reg.num, 0);
	assert_null(mmio_find(&reg, 0x1000));
}

static void test_capacity(void **state)
{
	struct mmio_region storage[3];
	struct mmio_registry reg, empty;
	struct probe a = { 0 };
	unsigned int i;

	(void)state;
	mmio_registry_init(&reg, storage, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(mmio_region_register(&reg, 0x1000 * (i + 1),
				 0x1000, probe_handler, &a), 0);
	assert_int_equal(mmio_region_register(&reg, 0x10000, 0x1000,
					      probe_handler, &a), -ENOSPC);
	assert_int_equal(reg.num, 3);
	assert_int_equal(mmio_region_unregister(&reg, 0x2000), 0);
	assert_int_equal(mmio_region_register(&reg, 0x10000, 0x1000,
					      probe_handler, &a), 0);

	mmio_registry_init(&empty, NULL, 0);
	assert_null(mmio_find(&empty, 0));
	assert_int_equal(access_at(&empty, 0, 4, false), MMIO_UNHANDLED);
	assert_int_equal(mmio_region_register(&empty, 0, 4, probe_handler,
					      &a), -ENOSPC);
}

/* Many regions in shuffled order: every lookup matches a linear search. */
static void test_many_regions(void **state)
{
	enum { N = 97 };
	struct mmio_region storage[N];
	struct mmio_registry reg;
	struct probe p[N];
	unsigned int i, k;
	u64 addr;

	(void)state;
	memset(p, 0, sizeof(p));
	mmio_registry_init(&reg, storage, N);
	/* 37 is coprime with 97: visits every index once. */
	for (i = 0, k = 0; i < N; i++, k = (k + 37) % N)
		assert_int_equal(mmio_region_register(&reg, 0x10000 + k * 0x100,
				 0x80 + k, probe_handler, &p[k]), 0);
	assert_sorted(&reg);
	for (addr = 0xff00; addr < 0x10000 + N * 0x100 + 0x100; addr += 8) {
		const struct mmio_region *r = mmio_find(&reg, addr);
		u64 rel = addr - 0x10000;
		bool inside = addr >= 0x10000 && rel / 0x100 < N &&
			      rel % 0x100 < 0x80 + rel / 0x100;

		if (!inside) {
			assert_null(r);
			continue;
		}
		assert_non_null(r);
		assert_ptr_equal(r->arg, &p[rel / 0x100]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_overlap_rejected),
		cmocka_unit_test(test_invalid_regions),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_straddle),
		cmocka_unit_test(test_size_alignment),
		cmocka_unit_test(test_unregister),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_many_regions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
