/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 part of the per-CPU data. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <hv/types.h>

/* EL2 state of Linux's hyp stub, put back when the CPU leaves. */
struct arch_percpu {
	u64 stub_hcr;
	u64 stub_vbar;
	u64 stub_cptr;
	u64 stub_mdcr;
	u64 stub_cnthctl;
	u64 stub_sctlr;
	/* A pending PSCI CPU_ON of this CPU: where its guest starts. */
	u64 on_entry;
	u64 on_context;
	u64 root_ttbr;			/* this CPU's EL2 root table (phys) */
	u64 *root_table;
	bool leave;			/* leave the hypervisor on return */
	volatile bool stop;		/* stop request (kick) pending */
	/* Virtual interrupt delivery (gicv3_cpu.c), this CPU's own: */
	u32 vsgi_pending;		/* SGIs sent to it by its cell (atomic) */
	u32 lr_overflow[1024 / 32];	/* INTIDs waiting for a list register */
	bool direct_irqs;		/* the cell owns the physical interface */
};

#endif /* _ASM_PERCPU_H */
