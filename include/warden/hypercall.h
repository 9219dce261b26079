/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Warden hypercalls. SMC Calling Convention fast calls, 64-bit, owning entity
 * 6 ("vendor-specific hypervisor service"), issued with HVC #0:
 *   x0 = function ID, x1..x3 = arguments; x0 = result on return
 *   (>= 0 success, a negative errno, or WARDEN_HC_NOT_SUPPORTED).
 * x1..x17 may be clobbered; everything else is preserved.
 */
#ifndef _WARDEN_HYPERCALL_H
#define _WARDEN_HYPERCALL_H

#include <warden/types.h>

#define WARDEN_HC_BASE			0xc6000000U
#define WARDEN_HC(n)			(WARDEN_HC_BASE + (n))

/* Root cell only. */
#define WARDEN_HC_DISABLE		WARDEN_HC(0)
#define WARDEN_HC_CELL_CREATE		WARDEN_HC(1)	/* x1 = config IPA, x2 = size; -> id */
#define WARDEN_HC_CELL_START		WARDEN_HC(2)	/* x1 = id */
#define WARDEN_HC_CELL_SET_LOADABLE	WARDEN_HC(3)	/* x1 = id */
#define WARDEN_HC_CELL_DESTROY		WARDEN_HC(4)	/* x1 = id */
#define WARDEN_HC_HYPERVISOR_GET_INFO	WARDEN_HC(5)	/* x1 = WARDEN_INFO_* */
#define WARDEN_HC_CELL_GET_STATE	WARDEN_HC(6)	/* x1 = id */
#define WARDEN_HC_CPU_GET_INFO		WARDEN_HC(7)	/* x1 = cpu, x2 = WARDEN_CPU_INFO_* */
#define WARDEN_HC_CELL_SHUTDOWN		WARDEN_HC(9)	/* x1 = id */
/* Any cell. */
#define WARDEN_HC_DEBUG_CONSOLE_PUTC	WARDEN_HC(8)	/* x1 = character */
#define WARDEN_HC_NULL			WARDEN_HC(10)	/* benchmarks: does nothing */
#define WARDEN_HC_MAX			10

/* SMCCC discovery for our owning entity (32-bit encoding, SMCCC 1.1+). */
#define WARDEN_HC_CALL_COUNT		0x8600ff00U
#define WARDEN_HC_CALL_UID		0x8600ff01U
#define WARDEN_HC_REVISION		0x8600ff03U
/* "WDN0" / revision 1.0 */
#define WARDEN_UID_0			0x574e4430U
#define WARDEN_UID_1			0x57617264U
#define WARDEN_UID_2			0x656e4859U
#define WARDEN_UID_3			0x50455256U
#define WARDEN_REVISION_MAJOR		1
#define WARDEN_REVISION_MINOR		0

#define WARDEN_HC_NOT_SUPPORTED		(-1)

/*
 * The SGI the hypervisor keeps for itself on a cell's CPUs (its stop
 * signal and doorbell): cells cannot send, receive or configure it. One of
 * SGIs 0-7, because firmware that follows Arm's convention (TF-A) makes
 * SGIs 8-15 Secure, which the non-secure world cannot use at all.
 */
#define WARDEN_STOP_SGI			7

/* Linux hyp-stub calls (HVC #0, x0 small) and its error value. */
#define WARDEN_STUB_ERR			0xbadca11UL

/* WARDEN_HC_HYPERVISOR_GET_INFO */
#define WARDEN_INFO_MEM_POOL_SIZE	0
#define WARDEN_INFO_MEM_POOL_USED	1
#define WARDEN_INFO_REMAP_POOL_SIZE	2
#define WARDEN_INFO_REMAP_POOL_USED	3
#define WARDEN_INFO_NUM_CELLS		4
#define WARDEN_INFO_CONSOLE_PHYS	5

/* WARDEN_HC_CPU_GET_INFO: state, then exit counters by reason. */
#define WARDEN_CPU_INFO_STATE		0
#define WARDEN_CPU_INFO_STAT_BASE	1000
#define WARDEN_CPU_RUNNING		0
#define WARDEN_CPU_PARKED		1
#define WARDEN_CPU_FAILED		2

enum warden_cpu_stat {
	WARDEN_STAT_TOTAL,
	WARDEN_STAT_HYPERCALL,
	WARDEN_STAT_MMIO,
	WARDEN_STAT_PSCI,
	WARDEN_STAT_SMCCC,
	WARDEN_STAT_SYSREG,
	WARDEN_STAT_IRQ,
	WARDEN_STAT_MAINTENANCE,
	WARDEN_STAT_OTHER,
	WARDEN_NUM_STATS
};

/* The counters' names in sysfs (cpus/cpu<N>/statistics/<name>), by index. */
#define WARDEN_STAT_NAMES {						\
	[WARDEN_STAT_TOTAL] = "total",					\
	[WARDEN_STAT_HYPERCALL] = "hypercall",				\
	[WARDEN_STAT_MMIO] = "mmio",					\
	[WARDEN_STAT_PSCI] = "psci",					\
	[WARDEN_STAT_SMCCC] = "smccc",					\
	[WARDEN_STAT_SYSREG] = "sysreg",				\
	[WARDEN_STAT_IRQ] = "irq",					\
	[WARDEN_STAT_MAINTENANCE] = "maintenance",			\
	[WARDEN_STAT_OTHER] = "other",					\
}

#endif /* _WARDEN_HYPERCALL_H */
