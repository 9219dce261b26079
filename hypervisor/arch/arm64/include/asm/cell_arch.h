/* SPDX-License-Identifier: GPL-2.0-only */
/* Arch hooks for cell management (implemented in arch/arm64/). */
#ifndef _ASM_CELL_ARCH_H
#define _ASM_CELL_ARCH_H

#include <hv/percpu.h>
#include <hv/paging.h>

struct cell;

/*
 * The CPUs of @to (taken from @from) now belong to it: per-CPU ownership
 * and the interrupts that move with them (disabled while they move).
 */
void arch_cell_move_cpus(struct cell *to, struct cell *from);

/* Redistributor frames in @cell's stage 2 follow its CPUs; 0 or -errno. */
int arch_cell_sync(struct cell *cell);

/* Invalidate the root cell's stage-2 TLB entries on every CPU. */
void arch_flush_root_tlb(void);

/* The root's paging flush hook (break-before-make on its live stage 2). */
void arch_flush_root_range(const struct paging *pg, u64 virt, u64 size);

/*
 * Stop @cpu (another CPU) wherever it runs its cell and wait until it is
 * off; 0, or -ETIMEDOUT when it does not stop (it is then marked failed).
 */
int arch_cpu_stop(struct per_cpu *cpu);

/* Power @cpu on into its cell at @entry with x0 = @context; 0 or -errno. */
int arch_cpu_power_on(struct per_cpu *cpu, u64 entry, u64 context);

/* Power this CPU off, leaving it in @state (CPU_OFF or CPU_FAILED). */
void __attribute__((noreturn)) arch_cpu_power_off_self(enum cpu_state state);

/* Restart this CPU's guest at @entry from an architectural reset state. */
void __attribute__((noreturn)) arch_cpu_reset_self(u64 entry);

#endif /* _ASM_CELL_ARCH_H */
