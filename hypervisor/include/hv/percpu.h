/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU data: mapped at PERCPU_VA on its own CPU (so this_cpu() is a
 * constant) and reachable for other CPUs through per_cpu().
 */
#ifndef _HV_PERCPU_H
#define _HV_PERCPU_H

#include <hv/types.h>
#include <hv/layout.h>
#include <asm/percpu.h>
#include <warden/hypercall.h>

struct cell;

struct trap_frame {
	u64 x[31];
	u64 pad;
};

enum cpu_state {
	CPU_OFF,		/* never entered, or powered off through PSCI */
	CPU_RUNNING,		/* running its cell's guest */
	CPU_PARKED,		/* held by the hypervisor */
	CPU_FAILED,		/* parked after its cell did something fatal */
};

struct per_cpu {
	u8 stack[PERCPU_STACK_SIZE];	/* the trap frame sits at its top */
	unsigned int cpu_id;		/* index in the system config */
	u64 mpidr;
	struct cell *cell;
	volatile enum cpu_state state;
	u64 stats[WARDEN_NUM_STATS];
	/* A guest's debug-console line, written out whole at its newline. */
	char con_line[128];
	unsigned int con_len;
	struct arch_percpu arch;
};

#define this_cpu()	((struct per_cpu *)PERCPU_VA)
#define trap_frame()	((struct trap_frame *)FRAME_VA)

/*
 * The per-CPU data of CPU @cpu through its global mapping. Never compare
 * it with this_cpu(), an alias at another address: compare cpu_id.
 */
struct per_cpu *per_cpu(unsigned int cpu);

#endif /* _HV_PERCPU_H */
