/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI and SMCCC calls trapped from guests (SMC conduit). */
#ifndef _ASM_PSCI_H
#define _ASM_PSCI_H

#include <hv/percpu.h>

#define PSCI_VERSION			0x84000000
#define PSCI_CPU_SUSPEND_32		0x84000001
#define PSCI_CPU_SUSPEND_64		0xc4000001
#define PSCI_CPU_OFF			0x84000002
#define PSCI_CPU_ON_32			0x84000003
#define PSCI_CPU_ON_64			0xc4000003
#define PSCI_AFFINITY_INFO_32		0x84000004
#define PSCI_AFFINITY_INFO_64		0xc4000004
#define PSCI_MIGRATE_INFO_TYPE		0x84000006
#define PSCI_SYSTEM_OFF			0x84000008
#define PSCI_SYSTEM_RESET		0x84000009
#define PSCI_FEATURES			0x8400000a

#define PSCI_SUCCESS			0
#define PSCI_NOT_SUPPORTED		-1
#define PSCI_INVALID_PARAMETERS		-2
#define PSCI_DENIED			-3
#define PSCI_ALREADY_ON			-4
#define PSCI_ON_PENDING			-5
#define PSCI_INTERNAL_FAILURE		-6

/* A trapped SMC: PSCI or an SMCCC architecture call, result in x0. */
void handle_psci_smccc(struct trap_frame *f);

/* SMCCC discovery calls for our owning entity (HVC 0x8600ffxx). */
u64 smccc_discovery(struct trap_frame *f);

/* Where PSCI CPU_ON sends a CPU of ours (arch_entry, physical). */
u64 arch_cpu_on_entry(void);

#endif /* _ASM_PSCI_H */
