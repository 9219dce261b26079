/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the inmate library's printf-style formatter
 * (inmates/lib/format.c), checked against what C's printf prints for the
 * same conversions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include <inmate/format.h>

/* Format with both fmt_snprintf and the C library and compare. */
#define CHECK_LIKE_LIBC(...)                                            \
	do {                                                            \
		char ours[128], libc[128];                              \
		int n1 = fmt_snprintf(ours, sizeof(ours), __VA_ARGS__); \
		int n2 = snprintf(libc, sizeof(libc), __VA_ARGS__);     \
		assert_string_equal(ours, libc);                        \
		assert_int_equal(n1, n2);                               \
	} while (0)

static void test_integers(void **state)
{
	(void)state;
	CHECK_LIKE_LIBC("%d %d %d", 0, 42, -42);
	CHECK_LIKE_LIBC("%i|%d", INT_MAX, INT_MIN);
	CHECK_LIKE_LIBC("%u %u", 0U, UINT_MAX);
	CHECK_LIKE_LIBC("%ld %lu", LONG_MIN, ULONG_MAX);
	CHECK_LIKE_LIBC("%lld %llu", LLONG_MIN, ULLONG_MAX);
	CHECK_LIKE_LIBC("%zu", (size_t)12345);
}

static void test_hex(void **state)
{
	(void)state;
	CHECK_LIKE_LIBC("%x %X", 0xdeadbeefU, 0xdeadbeefU);
	CHECK_LIKE_LIBC("%lx", 0xfedcba9876543210UL);
	CHECK_LIKE_LIBC("%llx", 0x8000000000000000ULL);
	CHECK_LIKE_LIBC("0x%08x 0x%016llx", 0x1234U, 0xabcULL);
	CHECK_LIKE_LIBC("%x", 0U);
}

static void test_width_and_padding(void **state)
{
	(void)state;
	CHECK_LIKE_LIBC("[%5d][%-5d][%05d]", 42, 42, 42);
	CHECK_LIKE_LIBC("[%5d][%-5d][%05d]", -42, -42, -42);
	CHECK_LIKE_LIBC("[%2d][%02x]", 12345, 0x1234U);
	CHECK_LIKE_LIBC("[%8s][%-8s][%2s]", "abc", "abc", "abcdef");
	CHECK_LIKE_LIBC("[%*d][%-*d]", 6, 7, 6, 7);
	CHECK_LIKE_LIBC("[%3c][%-3c]", 'x', 'y');
}

static void test_strings_and_chars(void **state)
{
	(void)state;
	CHECK_LIKE_LIBC("%s, %s!", "Hello", "world");
	CHECK_LIKE_LIBC("%s", "");
	CHECK_LIKE_LIBC("%c%c%c", 'a', 'b', 'c');
	CHECK_LIKE_LIBC("100%%");
}

static void test_pointer(void **state)
{
	char buf[64];

	(void)state;
	fmt_snprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	assert_string_equal(buf, "0x1234");
	fmt_snprintf(buf, sizeof(buf), "%p", (void *)0);
	assert_string_equal(buf, "0x0");
	fmt_snprintf(buf, sizeof(buf), "%p", (void *)0xffff800012345678UL);
	assert_string_equal(buf, "0xffff800012345678");
}

/* No format attribute: for formats the compiler would (rightly) reject. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_null_string_and_unknown(void **state)
{
	char buf[64];

	(void)state;
	unchecked(buf, sizeof(buf), "%s", (const char *)NULL);
	assert_string_equal(buf, "(null)");
	/* Unknown conversions are shown, not interpreted. */
	unchecked(buf, sizeof(buf), "a%qb");
	assert_string_equal(buf, "a%qb");
	unchecked(buf, sizeof(buf), "end%");
	assert_string_equal(buf, "end%");
}

static void test_truncation(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%s", "0123456789"),
			 10);
	assert_string_equal(buf, "0123456");

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 1, "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'X');

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 0, "abc"), 3);
	assert_int_equal(buf[0], 'X');
}

struct sink {
	char text[64];
	size_t len;
};

static void sink_out(char c, void *ctx)
{
	struct sink *s = ctx;

	if (s->len + 1 < sizeof(s->text))
		s->text[s->len++] = c;
}

static int format_to_sink(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vformat(sink_out, s, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vformat_callback(void **state)
{
	struct sink s = { .len = 0 };

	(void)state;
	assert_int_equal(format_to_sink(&s, "tick %u\n", 7U), 7);
	assert_memory_equal(s.text, "tick 7\n", 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_width_and_padding),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_null_string_and_unknown),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_vformat_callback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
