/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Core entry points called from the arch code, and the arch hooks the core
 * needs (implemented in arch/<arch>/).
 */
#ifndef _HV_CONTROL_H
#define _HV_CONTROL_H

#include <hv/types.h>
#include <hv/percpu.h>
#include <hv/page_alloc.h>
#include <hv/paging.h>
#include <warden/config.h>
#include <warden/header.h>

struct cell;

/* The system config and pools, valid after hv_init(). */
extern const struct warden_system *system_config;
extern struct page_pool mem_pool;
extern struct paging hv_paging;		/* common part of the EL2 tables */
extern u64 hv_phys_base;
extern struct warden_header hv_header;	/* at the image start */

u64 hv_virt2phys(const void *virt);
void *hv_phys2virt(u64 phys);

/* Global set-up on the first CPU (MMU on, boot tables); 0 or -errno. */
int hv_init(u64 phys_base, u64 stub_vectors);

/* A CPU enters the hypervisor (driver call or PSCI CPU_ON); 0 or -errno. */
int hv_cpu_init(struct per_cpu *cpu);

/* Management hypercall from the guest on this CPU; the result for x0. */
long hypercall(u64 id, u64 arg1, u64 arg2, u64 arg3);

/* Set when this CPU must leave the hypervisor on the way back to its guest. */
#define TRAP_LEAVE	1

/* This CPU leaves the hypervisor (disable); returns 0. */
long hv_cpu_leave(void);

/*
 * Copy @size bytes at guest-physical @ipa of the root cell into new pages
 * (*pages of them, to page_free() later); NULL when the root cell does not
 * own all of that memory as normal readable RAM.
 */
void *copy_from_root(u64 ipa, u64 size, unsigned long *pages);

/*
 * The temporary window (temp_map.c): the page holding physical address
 * @phys, mapped read-only in the hypervisor, or NULL; temp_unmap() removes
 * it again (one user at a time: callers hold the cells lock).
 */
void *temp_map(u64 phys);
/* The same, writable (for clearing a cell's memory). */
void *temp_map_writable(u64 phys);
void temp_unmap(void);

/* Set up the root cell from the system config; 0 or -errno. */
int root_cell_init(void);

/* Arch hooks. */
/* First thing in hv_init: exception vectors, remember Linux's stub. */
void arch_early_init(u64 stub_vectors);
/* Map the devices the hypervisor drives (UART, GIC) into hv_paging. */
int arch_map_devices(void);
/* Invalidate the EL2 translation of @va on every CPU. */
void arch_flush_hv_tlb(u64 va);
/* Run on these EL2 tables from now on (set-up only). */
void arch_switch_tables(pte_t *root);
/* Give @cpu (@pages pages of per-CPU data) its own EL2 root table. */
int arch_init_cpu_tables(struct per_cpu *cpu, unsigned int pages);
/* After everything else: publish the boot data for the entry code. */
int arch_init(void);
/*
 * Take this CPU over: EL2 registers, stage 2 of its cell. @cpu_on: it came
 * through PSCI CPU_ON and starts its guest at the requested entry point.
 * 0 or -errno.
 */
int arch_cpu_init(struct per_cpu *cpu, bool cpu_on);
/* Give this CPU back to Linux's stub (state saved at arch_cpu_init). */
void arch_cpu_restore(struct per_cpu *cpu);
/* Stage 2 of a cell: arch part of cell creation. */
int arch_cell_init(struct cell *cell);
/* Stop this CPU forever after printing why (hypervisor bug). */
void __attribute__((noreturn)) arch_panic_stop(void);
/* Clean and invalidate the data cache over [start, start + size). */
void arch_dcache_flush(const void *start, u64 size);

#endif /* _HV_CONTROL_H */
