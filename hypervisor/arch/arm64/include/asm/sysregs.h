/* SPDX-License-Identifier: GPL-2.0-only */
/* System register access and the bits Warden uses (Arm ARM D19). */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

#define SCTLR_M			(1 << 0)
#define SCTLR_A			(1 << 1)
#define SCTLR_C			(1 << 2)
#define SCTLR_SA		(1 << 3)
#define SCTLR_I			(1 << 12)
#define SCTLR_EL2_RES1		0x30c50830
#define SCTLR_EL2_MMU_ON	(SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I)
/* SCTLR_EL1 at reset for a CPU we start: MMU and caches off, RES1 bits. */
#define SCTLR_EL1_RESET		0x30d00800

#define TCR_EL2_RES1		((1 << 31) | (1 << 23))
#define TCR_T0SZ(bits)		(64 - (bits))
#define TCR_IRGN0_WBWA		(1 << 8)
#define TCR_ORGN0_WBWA		(1 << 10)
#define TCR_SH0_INNER		(3 << 12)
#define TCR_EL2_PS_SHIFT	16
#define TCR_EL2_BASE		(TCR_EL2_RES1 | TCR_T0SZ(48) | TCR_IRGN0_WBWA | \
				 TCR_ORGN0_WBWA | TCR_SH0_INNER)

#define VTCR_RES1		(1 << 31)
#define VTCR_SL0_L0		(2 << 6)
#define VTCR_PS_SHIFT		16

#define HCR_VM			(1UL << 0)
#define HCR_SWIO		(1UL << 1)
#define HCR_FMO			(1UL << 3)
#define HCR_IMO			(1UL << 4)
#define HCR_AMO			(1UL << 5)
#define HCR_TSC			(1UL << 19)
#define HCR_RW			(1UL << 31)

#define SPSR_EL1H		0x5
#define SPSR_DAIF		(0xfUL << 6)
#define SPSR_MODE_MASK		0xf

#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		(((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL			(1UL << 25)
#define ESR_ISS(esr)		((esr) & 0x1ffffff)

#define EC_UNKNOWN		0x00
#define EC_WFX			0x01
#define EC_HVC64		0x16
#define EC_SMC64		0x17
#define EC_SYSREG		0x18
#define EC_IABT_LOW		0x20
#define EC_DABT_LOW		0x24
#define EC_DABT_CUR		0x25
#define EC_SERROR		0x2f
#define EC_MAX			0x3f

#define MPIDR_AFF_MASK		0xff00ffffffUL

#ifndef __ASSEMBLY__
#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#define read_sysreg(r) ({					\
	unsigned long long __val;				\
	asm volatile("mrs %0, " __stringify(r) : "=r"(__val));	\
	__val;							\
})

#define write_sysreg(v, r) do {					\
	unsigned long __wval = (unsigned long)(v);		\
	asm volatile("msr " __stringify(r) ", %x0" : : "rZ"(__wval)); \
} while (0)

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define wfe()		asm volatile("wfe" : : : "memory")
#define sev()		asm volatile("sev" : : : "memory")
#define cpu_relax()	asm volatile("yield" : : : "memory")
#endif

#endif /* _ASM_SYSREGS_H */
