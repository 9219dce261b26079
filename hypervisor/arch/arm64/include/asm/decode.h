/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoding of ESR_EL2 syndromes for data aborts from a lower exception level. */
#ifndef _ASM_DECODE_H
#define _ASM_DECODE_H

#include <hv/types.h>

struct dabt_info {
	u8 size;		/* bytes: 1, 2, 4, 8 */
	u8 reg;			/* Xt (31 = XZR/WZR) */
	bool is_write;
	bool sign_extend;	/* SSE: sign-extend a read to the register width */
	bool sixty_four;	/* SF: the register is 64-bit (else 32-bit) */
	bool s1ptw;		/* fault on a stage-1 table walk */
	u8 dfsc;		/* data fault status code */
};

/*
 * Decode the ISS of a data abort (ESR_EL2.EC == 0x24). Returns 0, or -EINVAL
 * when the syndrome carries no instruction information (ISV == 0), which the
 * caller must treat as an access it cannot emulate.
 */
int decode_dabt(u64 esr, struct dabt_info *info);

/* True for DFSC translation or access-flag faults (HPFAR_EL2 is valid). */
bool dabt_hpfar_valid(u64 esr);

/* Convert PAR_EL1 (after a successful AT) to the HPFAR_EL2 format. */
u64 par_to_hpfar(u64 par);

/* Extend a value read by an access as the syndrome demands. */
u64 dabt_extend_read(const struct dabt_info *info, u64 value);

#endif /* _ASM_DECODE_H */
