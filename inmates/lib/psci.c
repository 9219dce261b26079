/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * SMC Calling Convention calls: Warden hypercalls through HVC #0, PSCI
 * through SMC #0 (the hypervisor traps and emulates it for the cell).
 */
#include <inmate.h>

/* SMCCC: x0..x3 in, x0 out; x1..x17 may be clobbered. */
#define SMCCC_CALL(insn, id, a1, a2, a3)                                  \
	({                                                                \
		register u64 x0 asm("x0") = (id);                         \
		register u64 x1 asm("x1") = (a1);                         \
		register u64 x2 asm("x2") = (a2);                         \
		register u64 x3 asm("x3") = (a3);                         \
		asm volatile(insn " #0"                                   \
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)     \
			     :                                            \
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", \
			       "x11", "x12", "x13", "x14", "x15", "x16",  \
			       "x17", "memory");                          \
		(long)x0;                                                 \
	})

long hvc_call(u64 id, u64 a1, u64 a2, u64 a3)
{
	return SMCCC_CALL("hvc", id, a1, a2, a3);
}

long smc_call(u64 id, u64 a1, u64 a2, u64 a3)
{
	return SMCCC_CALL("smc", id, a1, a2, a3);
}

/* PSCI results are 32-bit signed, in w0. */
static int psci_call(u32 fn, u64 a1, u64 a2, u64 a3)
{
	return (int)(s32)smc_call(fn, a1, a2, a3);
}

u32 psci_version(void)
{
	return (u32)psci_call(PSCI_VERSION, 0, 0, 0);
}

int psci_cpu_on(u64 mpidr, u64 entry, u64 ctx)
{
	return psci_call(PSCI_CPU_ON, mpidr, entry, ctx);
}

int psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int psci_affinity_info(u64 mpidr)
{
	return psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0);
}

void psci_system_off(void)
{
	int ret = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);

	printk("inmate: PSCI SYSTEM_OFF returned %d, halting CPU %u\n", ret,
	       cpu_index());
	cpu_halt();
}

void psci_system_reset(void)
{
	int ret = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);

	printk("inmate: PSCI SYSTEM_RESET returned %d, halting CPU %u\n", ret,
	       cpu_index());
	cpu_halt();
}
