/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * A minimal in-cell test framework; the e2e suite parses its output.
 */
#include <inmate.h>

static unsigned int passed, failed;

int test_expect_eq(unsigned long long got, unsigned long long want,
		   const char *what)
{
	if (got == want) {
		passed++;
		printk("PASS: %s\n", what);
		return 1;
	}
	failed++;
	printk("FAIL: %s (got 0x%llx, want 0x%llx)\n", what, got, want);
	return 0;
}

int test_expect_true(int cond, const char *what)
{
	if (cond) {
		passed++;
		printk("PASS: %s\n", what);
		return 1;
	}
	failed++;
	printk("FAIL: %s (got false, want true)\n", what);
	return 0;
}

int test_summary(void)
{
	printk("%u passed, %u failed\n", passed, failed);
	printk("WARDEN-INMATE-DONE\n");
	return (int)failed;
}
