/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for the `warden` CLI's pure helpers (tools/args.c). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../tools/args.h"

static void test_parse_u64(void **state)
{
	__u64 v = 7;

	(void)state;
	assert_int_equal(parse_u64("0", &v), 0);
	assert_true(v == 0);
	assert_int_equal(parse_u64("4096", &v), 0);
	assert_true(v == 4096);
	assert_int_equal(parse_u64("0x40080000", &v), 0);
	assert_true(v == 0x40080000ULL);
	assert_int_equal(parse_u64("0XfFfFfFfFfFfFfFfF", &v), 0);
	assert_true(v == ~0ULL);
	assert_int_equal(parse_u64("18446744073709551615", &v), 0);
	assert_true(v == ~0ULL);
}

static void test_parse_u64_rejects(void **state)
{
	static const char *const bad[] = {
		"", "0x", "-1", "+1", " 1", "1 ", "12a", "0x1g", "1e3", "0b1",
	};
	__u64 v = 42;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse_u64(bad[i], &v), -EINVAL);
	assert_int_equal(parse_u64("18446744073709551616", &v), -ERANGE);
	assert_int_equal(parse_u64("0x10000000000000000", &v), -ERANGE);
	assert_true(v == 42);	/* untouched on failure */
}

static void test_at_addr(void **state)
{
	size_t len;
	__u64 addr;

	(void)state;
	assert_int_equal(parse_at_addr("linux.bin", &len, &addr), 0);
	assert_int_equal(len, 9);
	assert_true(addr == 0);
	assert_int_equal(parse_at_addr("dtb@0x40000000", &len, &addr), 0);
	assert_int_equal(len, 3);
	assert_true(addr == 0x40000000ULL);
	/* the last '@' splits: strings may hold '@' if an address follows */
	assert_int_equal(parse_at_addr("a@b@16", &len, &addr), 0);
	assert_int_equal(len, 3);
	assert_true(addr == 16);
}

static void test_at_addr_rejects(void **state)
{
	size_t len;
	__u64 addr;

	(void)state;
	assert_int_equal(parse_at_addr("", &len, &addr), -EINVAL);
	assert_int_equal(parse_at_addr("@0x100", &len, &addr), -EINVAL);
	assert_int_equal(parse_at_addr("img@", &len, &addr), -EINVAL);
	assert_int_equal(parse_at_addr("img@zz", &len, &addr), -EINVAL);
	assert_int_equal(parse_at_addr("user@host", &len, &addr), -EINVAL);
}

static void test_cell_id(void **state)
{
	struct warden_cell_id c;

	(void)state;
	assert_int_equal(parse_cell_id("3", CELL_BY_AUTO, &c), 0);
	assert_int_equal(c.id, 3);
	assert_string_equal(c.name, "");
	assert_int_equal(parse_cell_id("hello", CELL_BY_AUTO, &c), 0);
	assert_int_equal(c.id, -1);
	assert_string_equal(c.name, "hello");
	assert_int_equal(parse_cell_id("0x3", CELL_BY_AUTO, &c), 0);
	assert_int_equal(c.id, -1);	/* not purely decimal: a name */
	assert_int_equal(parse_cell_id("42", CELL_BY_NAME, &c), 0);
	assert_int_equal(c.id, -1);
	assert_string_equal(c.name, "42");
	assert_int_equal(parse_cell_id("2147483647", CELL_BY_ID, &c), 0);
	assert_int_equal(c.id, 2147483647);
}

static void test_cell_id_rejects(void **state)
{
	char longest[WARDEN_CELL_NAME_LEN + 1];
	struct warden_cell_id c;

	(void)state;
	assert_int_equal(parse_cell_id("", CELL_BY_AUTO, &c), -EINVAL);
	assert_int_equal(parse_cell_id("", CELL_BY_NAME, &c), -EINVAL);
	assert_int_equal(parse_cell_id("x", CELL_BY_ID, &c), -EINVAL);
	assert_int_equal(parse_cell_id("-1", CELL_BY_ID, &c), -EINVAL);
	assert_int_equal(parse_cell_id("2147483648", CELL_BY_AUTO, &c), -ERANGE);
	memset(longest, 'a', sizeof(longest));
	longest[WARDEN_CELL_NAME_LEN - 1] = '\0';	/* 31: fits */
	assert_int_equal(parse_cell_id(longest, CELL_BY_AUTO, &c), 0);
	assert_int_equal(c.name[WARDEN_CELL_NAME_LEN - 1], '\0');
	longest[WARDEN_CELL_NAME_LEN - 1] = 'a';
	longest[WARDEN_CELL_NAME_LEN] = '\0';		/* 32: does not */
	assert_int_equal(parse_cell_id(longest, CELL_BY_AUTO, &c),
			 -ENAMETOOLONG);
}

static void test_cpulist_parse(void **state)
{
	__u64 m = 1;

	(void)state;
	assert_int_equal(cpulist_parse("", &m), 0);
	assert_true(m == 0);
	assert_int_equal(cpulist_parse("\n", &m), 0);
	assert_true(m == 0);
	assert_int_equal(cpulist_parse("0", &m), 0);
	assert_true(m == 1);
	assert_int_equal(cpulist_parse("1-3,5\n", &m), 0);
	assert_true(m == 0x2e);
	assert_int_equal(cpulist_parse("0-63", &m), 0);
	assert_true(m == ~0ULL);
	assert_int_equal(cpulist_parse("3-1", &m), -EINVAL);
	assert_int_equal(cpulist_parse("1,", &m), 0);	/* as the kernel */
	assert_int_equal(cpulist_parse("a", &m), -EINVAL);
	assert_int_equal(cpulist_parse("1-", &m), -EINVAL);
	assert_int_equal(cpulist_parse("1 2", &m), -EINVAL);
	assert_int_equal(cpulist_parse("64", &m), -ERANGE);
}

static void test_cpulist_format(void **state)
{
	char buf[64];

	(void)state;
	cpulist_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	cpulist_format(0x2e, buf, sizeof(buf));
	assert_string_equal(buf, "1-3,5");
	cpulist_format(~0ULL, buf, sizeof(buf));
	assert_string_equal(buf, "0-63");
	cpulist_format(0x8000000000000001ULL, buf, sizeof(buf));
	assert_string_equal(buf, "0,63");
	cpulist_format(0x5555555555555555ULL, buf, 8);	/* truncates cleanly */
	assert_string_equal(buf, "0,2,4,6");
	assert_int_equal(cpu_count(0x2e), 4);
}

static void test_iomem(void **state)
{
	__u64 start, end;
	unsigned int depth;
	const char *name;

	(void)state;
	assert_int_equal(iomem_parse_line("40000000-bfffffff : System RAM\n",
					  &start, &end, &depth, &name), 0);
	assert_true(start == 0x40000000ULL && end == 0xbfffffffULL);
	assert_int_equal(depth, 0);
	assert_memory_equal(name, "System RAM", 10);
	assert_int_equal(iomem_parse_line("  40210000-41ffffff : Kernel code",
					  &start, &end, &depth, &name), 0);
	assert_int_equal(depth, 1);
	assert_int_equal(iomem_parse_line("", &start, &end, &depth, &name),
			 -EINVAL);
	assert_int_equal(iomem_parse_line("x-y : z", &start, &end, &depth,
					  &name), -EINVAL);
	assert_int_equal(iomem_parse_line("20-10 : z", &start, &end, &depth,
					  &name), -EINVAL);
}

static void test_overlap(void **state)
{
	(void)state;
	assert_true(ranges_overlap(0x1000, 0x1000, 0x1fff, 1));
	assert_false(ranges_overlap(0x1000, 0x1000, 0x2000, 0x1000));
	assert_false(ranges_overlap(0x2000, 0x1000, 0x1000, 0x1000));
	assert_true(ranges_overlap(0, 0x10000, 0x100, 0x10));
	assert_false(ranges_overlap(0x1000, 0, 0x1000, 0x1000));
	assert_true(ranges_overlap(~0ULL - 0xfff, 0x1000, ~0ULL, 1));
}

static void test_strings(void **state)
{
	char s[] = "running/locked \n\n";

	(void)state;
	assert_string_equal(strip_trailing(s), "running/locked");
	assert_true(is_decimal("0123"));
	assert_false(is_decimal(""));
	assert_false(is_decimal("1a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_u64),
		cmocka_unit_test(test_parse_u64_rejects),
		cmocka_unit_test(test_at_addr),
		cmocka_unit_test(test_at_addr_rejects),
		cmocka_unit_test(test_cell_id),
		cmocka_unit_test(test_cell_id_rejects),
		cmocka_unit_test(test_cpulist_parse),
		cmocka_unit_test(test_cpulist_format),
		cmocka_unit_test(test_iomem),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
