/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Data abort syndrome decoding. Field positions are those of the ISS for
 * "Data Abort taken from a lower Exception level" (EC 0x24): Arm ARM,
 * ESR_EL2, "ISS encoding for an exception from a Data Abort".
 */
#include <asm/decode.h>

#define ESR_ISS_ISV		BIT_ULL(24)	/* bits 23:14 hold a valid syndrome */
#define ESR_ISS_SAS_SHIFT	22		/* access size: 1 << SAS bytes */
#define ESR_ISS_SAS_MASK	0x3ULL
#define ESR_ISS_SSE		BIT_ULL(21)	/* sign-extend the loaded value */
#define ESR_ISS_SRT_SHIFT	16		/* transfer register Xt/Wt */
#define ESR_ISS_SRT_MASK	0x1fULL
#define ESR_ISS_SF		BIT_ULL(15)	/* 64-bit register */
#define ESR_ISS_S1PTW		BIT_ULL(7)	/* fault on a stage-1 walk */
#define ESR_ISS_WNR		BIT_ULL(6)	/* write, not read */
#define ESR_ISS_DFSC_MASK	0x3fULL

/* DFSC 0b0001LL: translation fault at level LL; 0b0010LL: access flag. */
#define DFSC_TYPE_MASK		0x3cU
#define DFSC_TRANSLATION	0x04U
#define DFSC_ACCESS_FLAG	0x08U

int decode_dabt(u64 esr, struct dabt_info *info)
{
	if (!info)
		return -EINVAL;
	/* WnR, S1PTW and DFSC are valid whatever ISV says. */
	*info = (struct dabt_info){
		.is_write = !!(esr & ESR_ISS_WNR),
		.s1ptw = !!(esr & ESR_ISS_S1PTW),
		.dfsc = (u8)(esr & ESR_ISS_DFSC_MASK),
	};
	if (!(esr & ESR_ISS_ISV))
		return -EINVAL;

	info->size = (u8)(1U << ((esr >> ESR_ISS_SAS_SHIFT) & ESR_ISS_SAS_MASK));
	info->reg = (u8)((esr >> ESR_ISS_SRT_SHIFT) & ESR_ISS_SRT_MASK);
	info->sign_extend = !!(esr & ESR_ISS_SSE);
	info->sixty_four = !!(esr & ESR_ISS_SF);
	/* A doubleword access to a W register does not exist: bad syndrome. */
	if (info->size == 8 && !info->sixty_four)
		return -EINVAL;
	return 0;
}

/*
 * HPFAR_EL2 holds the faulting IPA only for translation and access flag
 * faults, and for any fault on a stage-1 table walk (Arm ARM, HPFAR_EL2);
 * for anything else (permission faults) it is UNKNOWN.
 */
bool dabt_hpfar_valid(u64 esr)
{
	unsigned int type = (unsigned int)(esr & DFSC_TYPE_MASK);

	if (esr & ESR_ISS_S1PTW)
		return true;
	return type == DFSC_TRANSLATION || type == DFSC_ACCESS_FLAG;
}

/* PAR_EL1.PA[47:12] becomes HPFAR_EL2.FIPA[39:4]: a shift right by 8. */
u64 par_to_hpfar(u64 par)
{
	return (par & GENMASK_ULL(47, 12)) >> 8;
}

/*
 * Arm ARM load semantics: the loaded item of @size bytes is sign-extended
 * (SSE) or zero-extended to the register width, and a write to a W register
 * clears bits 63:32 of the X register.
 */
u64 dabt_extend_read(const struct dabt_info *info, u64 value)
{
	unsigned int bits = info->size * 8U;

	if (bits == 0 || bits > 64)
		return 0;
	if (bits < 64) {
		u64 sign = 1ULL << (bits - 1);

		value &= (1ULL << bits) - 1;
		if (info->sign_extend)
			value = (value ^ sign) - sign;
	}
	if (!info->sixty_four)
		value &= 0xffffffffULL;
	return value;
}
