// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the data-abort syndrome decoder (hypervisor/arch/arm64/
 * decode.c) with an arbitrary ESR, PAR and loaded value; the decoded
 * access and the extended register value must respect the architecture.
 */
#include "common.h"
#include <asm/decode.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size, 0 };
	u64 esr = fuzz_take(&in, 8), value = fuzz_take(&in, 8);
	u64 par = fuzz_take(&in, 8), ext;
	struct dabt_info info, raw;

	FUZZ_CHECK(decode_dabt(esr, NULL) != 0);
	if (decode_dabt(esr, &info) == 0) {
		FUZZ_CHECK(esr & (1ULL << 24));
		FUZZ_CHECK(info.size == 1 || info.size == 2 || info.size == 4 ||
			   info.size == 8);
		FUZZ_CHECK(info.reg <= 31);
		FUZZ_CHECK(!(info.size == 8 && !info.sixty_four));
		ext = dabt_extend_read(&info, value);
		if (!info.sixty_four)
			FUZZ_CHECK(ext <= 0xffffffffULL);
		if (info.size < 8 && !info.sign_extend)
			FUZZ_CHECK(ext < (1ULL << (info.size * 8)));
		/* The low bytes of the item are always the loaded ones. */
		if (info.size < 8)
			FUZZ_CHECK((ext & ((1ULL << (info.size * 8)) - 1)) ==
				   (value & ((1ULL << (info.size * 8)) - 1)));
	}
	FUZZ_CHECK(info.is_write == !!(esr & (1ULL << 6)));
	/* Any size in an info, even one no decode gives, is survived. */
	raw = (struct dabt_info){
		.size = (u8)(value >> 56),
		.sign_extend = (value >> 55) & 1,
		.sixty_four = (value >> 54) & 1,
	};
	(void)dabt_extend_read(&raw, value);
	(void)dabt_hpfar_valid(esr);
	FUZZ_CHECK((par_to_hpfar(par) & ~GENMASK_ULL(39, 4)) == 0);
	return 0;
}
