/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the MMU-off entry code reads to find its CPU and turn the MMU on.
 * Written by hv_init() and cleaned to the point of coherency, because the
 * entry code reads memory with the MMU (and so the caches) off. Offsets are
 * used by entry.S.
 */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define BOOT_CPU_MPIDR		0
#define BOOT_CPU_TTBR		8
#define BOOT_CPU_SIZE		16
#define BOOT_NUM_CPUS		0	/* offsets in struct boot_data */
#define BOOT_TCR		8
#define BOOT_MAIR		16
#define BOOT_CPUS		24

#define BOOT_MAX_CPUS		64

#ifndef __ASSEMBLY__
#include <hv/types.h>

struct boot_cpu {
	u64 mpidr;
	u64 ttbr;
};

struct boot_data {
	u64 num_cpus;
	u64 tcr;
	u64 mair;
	struct boot_cpu cpus[BOOT_MAX_CPUS];
};

_Static_assert(__builtin_offsetof(struct boot_data, tcr) == BOOT_TCR, "boot");
_Static_assert(__builtin_offsetof(struct boot_data, mair) == BOOT_MAIR, "boot");
_Static_assert(__builtin_offsetof(struct boot_data, cpus) == BOOT_CPUS, "boot");
_Static_assert(sizeof(struct boot_cpu) == BOOT_CPU_SIZE, "boot");

extern struct boot_data boot_data;
#endif

#endif /* _ASM_BOOT_H */
