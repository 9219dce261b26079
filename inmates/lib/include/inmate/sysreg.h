/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * System register, barrier and MMIO helpers for arm64 inmates.
 */
#ifndef _INMATE_SYSREG_H
#define _INMATE_SYSREG_H

#include <warden/types.h>

/* Architectural names for registers older assemblers may not know. */
#define SYS_ICC_PMR_EL1		"S3_0_C4_C6_0"
#define SYS_ICC_IAR1_EL1	"S3_0_C12_C12_0"
#define SYS_ICC_EOIR1_EL1	"S3_0_C12_C12_1"
#define SYS_ICC_BPR1_EL1	"S3_0_C12_C12_3"
#define SYS_ICC_CTLR_EL1	"S3_0_C12_C12_4"
#define SYS_ICC_SRE_EL1		"S3_0_C12_C12_5"
#define SYS_ICC_IGRPEN1_EL1	"S3_0_C12_C12_7"
#define SYS_ICC_SGI1R_EL1	"S3_0_C12_C11_5"

#define read_sysreg(reg)                                                    \
	({                                                                  \
		__u64 __val;                                                \
		asm volatile("mrs %0, " #reg : "=r"(__val));                \
		__val;                                                      \
	})

#define write_sysreg(reg, val)                                              \
	asm volatile("msr " #reg ", %0" : : "r"((__u64)(val)) : "memory")

/* For the SYS_* encodings above, which are strings. */
#define read_sysreg_s(name)                                                 \
	({                                                                  \
		__u64 __val;                                                \
		asm volatile("mrs %0, " name : "=r"(__val));                \
		__val;                                                      \
	})

#define write_sysreg_s(name, val)                                           \
	asm volatile("msr " name ", %0" : : "r"((__u64)(val)) : "memory")

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")
#define wfi()		asm volatile("wfi" : : : "memory")
#define cpu_relax()	asm volatile("yield" : : : "memory")

static inline void irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

/* Save DAIF and mask IRQs; give the value back to irq_restore(). */
static inline __u64 irq_save(void)
{
	__u64 flags = read_sysreg(daif);

	irq_disable();
	return flags;
}

static inline void irq_restore(__u64 flags)
{
	write_sysreg(daif, flags);
}

/*
 * MMIO. Plain single-register loads and stores without writeback, so that a
 * trapped access has a valid instruction syndrome (ESR_EL2.ISV = 1) the
 * hypervisor can emulate; the compiler might otherwise pick a pre-indexed
 * or paired form.
 */
static inline __u32 mmio_read32(unsigned long addr)
{
	__u32 val;

	asm volatile("ldr %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mmio_write32(unsigned long addr, __u32 val)
{
	asm volatile("str %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline __u64 mmio_read64(unsigned long addr)
{
	__u64 val;

	asm volatile("ldr %0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mmio_write64(unsigned long addr, __u64 val)
{
	asm volatile("str %x0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

/* MPIDR_EL1 affinity fields: Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_MASK		0xff00ffffffULL
#define MPIDR_AFF0(m)		((unsigned int)((m) & 0xff))
#define MPIDR_AFF1(m)		((unsigned int)(((m) >> 8) & 0xff))
#define MPIDR_AFF2(m)		((unsigned int)(((m) >> 16) & 0xff))
#define MPIDR_AFF3(m)		((unsigned int)(((m) >> 32) & 0xff))

static inline __u64 this_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

#endif /* _INMATE_SYSREG_H */
