/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for the data abort syndrome decoder (asm/decode.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <asm/decode.h>

/*
 * Hand-assembled ESR_EL2 values: EC 0x24 (bits 31:26) and IL (bit 25) give
 * 0x92000000; ISV is bit 24, SAS 23:22, SSE 21, SRT 20:16, SF 15, S1PTW 7,
 * WnR 6 and DFSC 5:0.
 */
#define ESR_LDRSH_W3	0x93630007ULL	/* ldrsh w3, [x1]; L3 translation */
#define ESR_STR_X5	0x93c58046ULL	/* str x5, [x2]; L2 translation */
#define ESR_LDRB_W0	0x93000007ULL	/* ldrb w0, [x0] */
#define ESR_STR_WZR	0x939f0047ULL	/* str wzr, [x0] */
#define ESR_LDRSW_X30	0x93be8007ULL	/* ldrsw x30, [x0] */
#define ESR_NO_ISV	0x920000cfULL	/* ldp-like: ISV=0, S1PTW, WnR, perm */

static void test_ldrsh_w3(void **state)
{
	struct dabt_info info;

	(void)state;
	assert_int_equal(decode_dabt(ESR_LDRSH_W3, &info), 0);
	assert_int_equal(info.size, 2);
	assert_int_equal(info.reg, 3);
	assert_false(info.is_write);
	assert_true(info.sign_extend);
	assert_false(info.sixty_four);
	assert_false(info.s1ptw);
	assert_int_equal(info.dfsc, 0x07);
}

static void test_str_x5(void **state)
{
	struct dabt_info info;

	(void)state;
	assert_int_equal(decode_dabt(ESR_STR_X5, &info), 0);
	assert_int_equal(info.size, 8);
	assert_int_equal(info.reg, 5);
	assert_true(info.is_write);
	assert_false(info.sign_extend);
	assert_true(info.sixty_four);
	assert_int_equal(info.dfsc, 0x06);
}

static void test_ldrb_w0(void **state)
{
	struct dabt_info info;

	(void)state;
	assert_int_equal(decode_dabt(ESR_LDRB_W0, &info), 0);
	assert_int_equal(info.size, 1);
	assert_int_equal(info.reg, 0);
	assert_false(info.is_write);
	assert_false(info.sign_extend);
	assert_false(info.sixty_four);
}

static void test_register_extremes(void **state)
{
	struct dabt_info info;

	(void)state;
	assert_int_equal(decode_dabt(ESR_STR_WZR, &info), 0);
	assert_int_equal(info.reg, 31);
	assert_int_equal(info.size, 4);
	assert_true(info.is_write);
	assert_false(info.sixty_four);

	assert_int_equal(decode_dabt(ESR_LDRSW_X30, &info), 0);
	assert_int_equal(info.reg, 30);
	assert_int_equal(info.size, 4);
	assert_true(info.sign_extend);
	assert_true(info.sixty_four);
}

static void test_no_isv(void **state)
{
	struct dabt_info info;

	(void)state;
	assert_int_equal(decode_dabt(ESR_NO_ISV, &info), -EINVAL);
	/* Fields that do not depend on ISV are still reported. */
	assert_true(info.is_write);
	assert_true(info.s1ptw);
	assert_int_equal(info.dfsc, 0x0f);
	assert_int_equal(decode_dabt(ESR_LDRB_W0, NULL), -EINVAL);
}

static void test_bad_syndrome(void **state)
{
	struct dabt_info info;

	(void)state;
	/* SAS = doubleword with SF = 0 cannot come from a real load/store. */
	assert_int_equal(decode_dabt(0x93c00007ULL, &info), -EINVAL);
}

static void test_hpfar_valid(void **state)
{
	u64 dfsc;

	(void)state;
	for (dfsc = 0; dfsc < 64; dfsc++) {
		bool expect = (dfsc >= 0x04 && dfsc <= 0x0b);

		assert_int_equal(dabt_hpfar_valid(0x92000000ULL | dfsc),
				 expect);
		/* A fault on a stage-1 walk always has a valid HPFAR. */
		assert_true(dabt_hpfar_valid(0x92000080ULL | dfsc));
	}
	assert_false(dabt_hpfar_valid(0x9200004fULL));	/* permission L3 */
	assert_false(dabt_hpfar_valid(0x92000010ULL));	/* external abort */
	assert_false(dabt_hpfar_valid(0x92000000ULL));	/* address size L0 */
}

static void test_par_to_hpfar(void **state)
{
	(void)state;
	/* PA 0x876543212000 plus MAIR attributes, NS, SH and F=0 bits. */
	assert_int_equal(par_to_hpfar(0xff00876543212f80ULL),
			 0x8765432120ULL);
	assert_int_equal(par_to_hpfar(0x40001000ULL), 0x400010ULL);
	assert_int_equal(par_to_hpfar(0xfffULL), 0);
	/* PA bits above 47 are not part of FIPA[39:4]. */
	assert_int_equal(par_to_hpfar(0x0001000000000000ULL), 0);
}

static u64 extend(u8 size, bool sse, bool sf, u64 value)
{
	struct dabt_info info = {
		.size = size, .sign_extend = sse, .sixty_four = sf,
	};

	return dabt_extend_read(&info, value);
}

static void test_extend_read(void **state)
{
	(void)state;
	/* ldrsh w: sign-extend to 32 bits, upper half of Xt zero. */
	assert_int_equal(extend(2, true, false, 0x8001), 0xffff8001ULL);
	/* ldrsh x: sign-extend to 64 bits. */
	assert_int_equal(extend(2, true, true, 0x8001),
			 0xffffffffffff8001ULL);
	/* ldrh: zero extension, junk above the access size dropped. */
	assert_int_equal(extend(2, false, false, 0xdead8001), 0x8001);
	assert_int_equal(extend(2, true, true, 0xdead7001), 0x7001);
	assert_int_equal(extend(1, true, false, 0x7f), 0x7f);
	assert_int_equal(extend(1, true, false, 0x80), 0xffffff80ULL);
	assert_int_equal(extend(1, true, true, 0x1ff), 0xffffffffffffffffULL);
	/* ldrsw x and ldr w. */
	assert_int_equal(extend(4, true, true, 0x80000000),
			 0xffffffff80000000ULL);
	assert_int_equal(extend(4, false, false, 0x123456789ULL),
			 0x23456789ULL);
	/* ldr x passes everything through. */
	assert_int_equal(extend(8, false, true, 0xfedcba9876543210ULL),
			 0xfedcba9876543210ULL);
	assert_int_equal(extend(8, true, true, 0x8000000000000000ULL),
			 0x8000000000000000ULL);
}

static void test_decode_then_extend(void **state)
{
	struct dabt_info info;

	(void)state;
	assert_int_equal(decode_dabt(ESR_LDRSH_W3, &info), 0);
	assert_int_equal(dabt_extend_read(&info, 0xfffe), 0xfffffffeULL);
	assert_int_equal(decode_dabt(ESR_LDRB_W0, &info), 0);
	assert_int_equal(dabt_extend_read(&info, 0xfffe), 0xfe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ldrsh_w3),
		cmocka_unit_test(test_str_x5),
		cmocka_unit_test(test_ldrb_w0),
		cmocka_unit_test(test_register_extremes),
		cmocka_unit_test(test_no_isv),
		cmocka_unit_test(test_bad_syndrome),
		cmocka_unit_test(test_hpfar_valid),
		cmocka_unit_test(test_par_to_hpfar),
		cmocka_unit_test(test_extend_read),
		cmocka_unit_test(test_decode_then_extend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
