// SPDX-License-Identifier: GPL-2.0-only
/* The GICv3 distributor filter against a fake distributor in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <hv/cell.h>
#include <asm/gic.h>

struct cell root_cell;
static struct cell other;
static unsigned int gicd[0x10000 / 4];

/* Stand-in for the per-CPU lookup: the test cell "owns" affinity 2 only. */
bool gic_cell_has_target(const struct cell *cell, u64 irouter)
{
	(void)cell;
	return !(irouter & (1ULL << 31)) && (irouter & 0xffffff) == 2;
}

static void own(struct cell *c, unsigned int irq)
{
	c->irq_bitmap[irq / 32] |= 1U << (irq % 32);
}

static int setup(void **state)
{
	(void)state;
	memset(gicd, 0, sizeof(gicd));
	memset(&other, 0, sizeof(other));
	memset(&root_cell, 0, sizeof(root_cell));
	own(&other, 40);
	own(&other, 63);
	return 0;
}

static enum mmio_result access(struct cell *c, u64 off, u8 size, bool write,
			       u64 *val)
{
	struct mmio_access a = { .address = 0x08000000 + off, .size = size,
				 .is_write = write, .value = write ? *val : 0 };
	enum mmio_result r = gicd_filter(c, gicd, off, &a);

	if (!write)
		*val = a.value;
	return r;
}

static void test_enable_bits_only_for_owned(void **state)
{
	u64 v = 0xffffffff;

	(void)state;
	assert_int_equal(access(&other, 0x104, 4, true, &v), MMIO_HANDLED);
	/* ISENABLER1 covers INTIDs 32..63: the cell owns 40 and 63. */
	assert_int_equal(gicd[0x104 / 4], (1U << 8) | (1U << 31));
	gicd[0x104 / 4] = 0xffffffff;
	assert_int_equal(access(&other, 0x104, 4, false, &v), MMIO_HANDLED);
	assert_int_equal(v, (1U << 8) | (1U << 31));
	/* SGIs/PPIs are banked in the redistributor: nothing here. */
	gicd[0x100 / 4] = 0xffffffff;
	assert_int_equal(access(&other, 0x100, 4, false, &v), MMIO_HANDLED);
	assert_int_equal(v, 0);
}

static void test_priority_rmw_keeps_others(void **state)
{
	u64 v = 0x11223344;

	(void)state;
	gicd[(0x400 + 40) / 4] = 0xaabbccdd;	/* INTIDs 40..43 */
	assert_int_equal(access(&other, 0x400 + 40, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[(0x400 + 40) / 4], 0xaabbcc44);
	v = 0x99;
	assert_int_equal(access(&other, 0x400 + 41, 1, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[(0x400 + 40) / 4], 0xaabbcc44);
	assert_int_equal(access(&other, 0x400 + 40, 1, false, &v), MMIO_HANDLED);
	assert_int_equal(v, 0x44);
}

static void test_irouter(void **state)
{
	u64 v = 0x0000000000000002ULL;
	u64 *router = (u64 *)((char *)gicd + 0x6000);

	(void)state;
	assert_int_equal(access(&other, 0x6000 + 8 * 40, 8, true, &v), MMIO_HANDLED);
	assert_true(router[40] == v);
	/* Routing to a CPU of another cell, or 1-of-N, is ignored. */
	v = 0x3;
	assert_int_equal(access(&other, 0x6000 + 8 * 40, 8, true, &v), MMIO_HANDLED);
	assert_true(router[40] == 2);
	v = 0x80000002ULL;
	assert_int_equal(access(&other, 0x6000 + 8 * 40, 8, true, &v), MMIO_HANDLED);
	assert_true(router[40] == 2);
	v = 0x2;
	assert_int_equal(access(&other, 0x6000 + 8 * 41, 8, true, &v), MMIO_HANDLED);
	assert_true(router[41] == 0);
	router[41] = 5;
	assert_int_equal(access(&other, 0x6000 + 8 * 41, 8, false, &v), MMIO_HANDLED);
	assert_true(v == 0);
}

static void test_global_registers(void **state)
{
	u64 v = 0x37;

	(void)state;
	assert_int_equal(access(&other, 0x0, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0], 0);		/* only the root may write CTLR */
	assert_int_equal(access(&root_cell, 0x0, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0], 0x37);
	gicd[1] = 0x1234;			/* TYPER reads through */
	assert_int_equal(access(&other, 0x4, 4, false, &v), MMIO_HANDLED);
	assert_int_equal(v, 0x1234);
	v = 41;					/* SETSPI_NSR: not owned */
	assert_int_equal(access(&other, 0x40, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0x40 / 4], 0);
	v = 40;
	assert_int_equal(access(&other, 0x40, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0x40 / 4], 40);
}

static void test_groups_are_fixed(void **state)
{
	u64 v = 0;

	(void)state;
	gicd[0x84 / 4] = 0xffffffff;		/* IGROUPR1: all group 1 */
	assert_int_equal(access(&other, 0x84, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0x84 / 4], 0xffffffff);
	assert_int_equal(access(&root_cell, 0x84, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0x84 / 4], 0xffffffff);
	v = 0x36;				/* CTLR: group 0 stays on */
	assert_int_equal(access(&root_cell, 0x0, 4, true, &v), MMIO_HANDLED);
	assert_int_equal(gicd[0], 0x37);
}

static void test_bad_accesses(void **state)
{
	u64 v = 1;

	(void)state;
	assert_int_equal(access(&other, 0x102, 2, true, &v), MMIO_ERROR);
	assert_int_equal(access(&other, 0x105, 4, false, &v), MMIO_ERROR);
	assert_int_equal(access(&other, 0x104, 1, true, &v), MMIO_ERROR);
	assert_int_equal(access(&other, 0x6001, 8, false, &v), MMIO_ERROR);
	assert_int_equal(gicd[0x104 / 4], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_enable_bits_only_for_owned, setup),
		cmocka_unit_test_setup(test_priority_rmw_keeps_others, setup),
		cmocka_unit_test_setup(test_irouter, setup),
		cmocka_unit_test_setup(test_global_registers, setup),
		cmocka_unit_test_setup(test_groups_are_fixed, setup),
		cmocka_unit_test_setup(test_bad_accesses, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
