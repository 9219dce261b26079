/* SPDX-License-Identifier: GPL-2.0-only */
/* Trap handling entry points (from entry.S) and helpers. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <hv/percpu.h>

/* Synchronous trap from a guest; 0 to return to it, else leave (TRAP_LEAVE). */
long arch_handle_trap(u64 esr, u64 far);
/* HVC or SMC from a guest (x19-x28 not in the frame); 0 or TRAP_LEAVE. */
long arch_handle_call(u64 esr, u64 far);
void arch_handle_irq(void);
long arch_handle_serror(void);
void hv_panic_exception(struct trap_frame *f, u64 kind);
long hv_cpu_entry(void);

/* Reflect a synchronous external abort at @far into the guest's EL1. */
void inject_dabt(u64 far);
/* Reflect an undefined instruction into the guest's EL1. */
void inject_undef(void);

#endif /* _ASM_TRAPS_H */
