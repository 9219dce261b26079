/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The Warden inmate library for arm64 cells.
 *
 * An inmate provides int main(void). The library's entry code runs first on
 * the cell's first CPU: it installs the exception vectors, zeroes bss, turns
 * on the MMU (identity map: RAM and the comm page as cacheable memory,
 * everything else as device memory) and picks the console. If main returns,
 * the CPU waits for a shutdown request, approves it and powers the cell off.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <stdarg.h>
#include <stddef.h>
#include <warden/comm.h>
#include <warden/hypercall.h>
#include <inmate/layout.h>
#include <inmate/sysreg.h>
#include <inmate/format.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

int main(void);

/* --- console -------------------------------------------------------- */

/*
 * printk formats as described in <inmate/format.h> and writes to the cell's
 * PL011 if the comm region names one (console_address), else through the
 * debug-console hypercall. Lines from different CPUs do not interleave.
 */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);
/* Print s and a newline. */
void puts(const char *s);
void console_putc(char c);

/* --- string helpers (also what the compiler may call) ----------------- */

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* --- CPU ------------------------------------------------------------ */

/* This CPU's index in the comm region's cpu_mpidr[] (0: the first CPU). */
static inline unsigned int cpu_index(void)
{
	return (unsigned int)read_sysreg(tpidr_el1);
}

/* Stop this CPU for good, interrupts masked (it stays in wfi). */
void __noreturn cpu_halt(void);

/* Busy-wait on the virtual counter. */
void delay_us(u64 us);

/* --- communication region --------------------------------------------- */

static inline struct warden_comm_region *comm_region(void)
{
	return (struct warden_comm_region *)INMATE_COMM_ADDR;
}

/* The cell's name, NUL-terminated even if the comm region's is not. */
const char *comm_cell_name(void);
unsigned int comm_num_cpus(void);
/* Affinity of the cell's CPU number idx (MPIDR_AFF_MASK bits), 0 if none. */
u64 comm_cpu_mpidr(unsigned int idx);
/* Index of mpidr among the cell's CPUs, or -1 if it is not one of them. */
int comm_cpu_index_of(u64 mpidr);

/* Has the hypervisor asked this cell to shut down? */
int comm_shutdown_pending(void);
/*
 * Answer the pending request: clears msg_to_cell, then writes
 * WARDEN_MSG_REQUEST_APPROVED (approve != 0) or WARDEN_MSG_REQUEST_DENIED
 * into reply_from_cell. After approving, stop (psci_system_off()).
 */
void comm_reply(int approve);

/*
 * The string loaded at INMATE_PARAM_ADDR (`warden cell load -s str@0xff000`),
 * or "" if that page holds no NUL-terminated string.
 */
const char *inmate_param(void);

/* Wait for a shutdown request, approve it and power the cell off. */
void __noreturn inmate_wait_for_shutdown(const char *who);

/* --- hypercalls, SMCCC, PSCI ------------------------------------------ */

/* HVC #0 / SMC #0 with x0 = id, x1..x3 = a1..a3; returns x0. */
long hvc_call(u64 id, u64 a1, u64 a2, u64 a3);
long smc_call(u64 id, u64 a1, u64 a2, u64 a3);

#define PSCI_VERSION		0x84000000U
#define PSCI_CPU_OFF		0x84000002U
#define PSCI_CPU_ON		0xc4000003U
#define PSCI_AFFINITY_INFO	0xc4000004U
#define PSCI_SYSTEM_OFF		0x84000008U
#define PSCI_SYSTEM_RESET	0x84000009U

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)

/* Major in [31:16], minor in [15:0]. */
u32 psci_version(void);
/* Raw CPU_ON: target starts at the physical address entry, x0 = ctx. */
int psci_cpu_on(u64 mpidr, u64 entry, u64 ctx);
/* Returns only on failure. */
int psci_cpu_off(void);
/* 0: on, 1: off, 2: on pending, or a negative PSCI error. */
int psci_affinity_info(u64 mpidr);
/* Power the cell off; halts the CPU if the call returns. */
void __noreturn psci_system_off(void);
void __noreturn psci_system_reset(void);

/*
 * Start the cell's CPU mpidr on its own stack with the MMU set up like the
 * first CPU's, running fn(arg); the CPU turns itself off if fn returns.
 * Returns the PSCI result (PSCI_INVALID_PARAMETERS if mpidr is not one of
 * the cell's CPUs or beyond INMATE_MAX_CPUS).
 */
int smp_cpu_on(u64 mpidr, void (*fn)(void *arg), void *arg);

/* --- generic timer ---------------------------------------------------- */

#define TIMER_VIRT_PPI		27
#define TIMER_PHYS_PPI		30

/* Counter frequency in Hz (CNTFRQ_EL0). */
u64 timer_freq(void);
/* The virtual count, CNTVCT_EL0 (ordered after earlier instructions). */
u64 timer_ticks(void);
u64 timer_ticks_to_ns(u64 ticks);
u64 timer_ns_to_ticks(u64 ns);

/* Arm the virtual timer `ticks` from now, unmasked; returns the expiry. */
u64 timer_start_virt(u64 ticks);
/* Arm the virtual timer for the absolute count cval. */
void timer_set_virt_cval(u64 cval);
/* Disable the virtual timer. */
void timer_stop(void);
/* The same for the EL1 physical timer (CNTP_*). */
u64 timer_start_phys(u64 ticks);
void timer_stop_phys(void);

/* --- GICv3 ------------------------------------------------------------ */

typedef void (*irq_handler_t)(unsigned int intid);

#define GIC_MAX_INTID		1020

/*
 * Set up this CPU's redistributor and CPU interface (call on every CPU
 * that takes interrupts). Returns 0, or -1 if the cell has no GICv3 or this
 * CPU's redistributor cannot be found. Interrupts stay masked in PSTATE:
 * irq_enable() when ready.
 */
int gic_init(void);
/* Enable an SGI/PPI on this CPU, or an SPI routed to this CPU. */
void gic_enable_irq(unsigned int intid);
void gic_disable_irq(unsigned int intid);
/* Give intid (this CPU's SGI/PPI, or an SPI) priority prio (0: highest). */
void gic_set_priority(unsigned int intid, u8 prio);
/* Send SGI intid (0..15) to the CPU with affinity mpidr. */
void gic_send_sgi(u64 mpidr, unsigned int intid);
/* Called from the IRQ vector for intid; NULL: unhandled (it is disabled). */
void irq_set_handler(unsigned int intid, irq_handler_t handler);

/* GICD register offsets the tests and demos need. */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x0400 + 4 * (n))
#define GICD_IROUTER(intid)	(0x6000 + 8 * (intid))

u64 gicd_base(void);

/* --- in-cell tests ---------------------------------------------------- */

/*
 * Each check prints "PASS: what" or "FAIL: what (got 0x.., want 0x..)".
 * test_summary() prints "<N> passed, <M> failed", then WARDEN-INMATE-DONE,
 * and returns M.
 */
#define EXPECT_EQ(a, b, what)                                               \
	test_expect_eq((unsigned long long)(a), (unsigned long long)(b), what)
#define EXPECT_TRUE(cond, what)	test_expect_true(!!(cond), what)

int test_expect_eq(unsigned long long got, unsigned long long want,
		   const char *what);
int test_expect_true(int cond, const char *what);
int test_summary(void);

#endif /* _INMATE_H */
