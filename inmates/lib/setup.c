/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * What runs around main(): per-CPU setup after the MMU is on, the report of
 * an unexpected exception, and the end of an inmate whose main returned.
 */
#include <inmate.h>

void console_init(void);
void console_enable_locking(void);
int comm_check(void);
void inmate_primary_init(void);
void inmate_main_returned(int ret);
void inmate_unexpected_exception(unsigned long kind, const u64 *frame);

/* Layout of the frame saved by vectors.S. */
#define FRAME_ELR  31
#define FRAME_SPSR 32

void inmate_primary_init(void)
{
	int idx;

	/* Until we know better, this CPU is index 0. */
	write_sysreg(tpidr_el1, 0);
	if (comm_check() == 0)
		console_init();
	else
		console_enable_locking();

	idx = comm_cpu_index_of(this_mpidr());
	if (idx < 0) {
		printk("inmate: MPIDR 0x%llx is not in the comm region\n",
		       (unsigned long long)this_mpidr());
		idx = 0;
	}
	write_sysreg(tpidr_el1, idx);
}

void inmate_main_returned(int ret)
{
	printk("inmate: main returned %d; waiting for shutdown\n", ret);
	inmate_wait_for_shutdown("inmate");
}

static const char *const exception_kinds[16] = {
	"synchronous (EL1t)",
	"IRQ (EL1t)",
	"FIQ (EL1t)",
	"SError (EL1t)",
	"synchronous",
	"IRQ",
	"FIQ",
	"SError",
	"synchronous (EL0)",
	"IRQ (EL0)",
	"FIQ (EL0)",
	"SError (EL0)",
	"synchronous (AArch32)",
	"IRQ (AArch32)",
	"FIQ (AArch32)",
	"SError (AArch32)",
};

/* Print what the CPU knows about the exception; the caller halts. */
void inmate_unexpected_exception(unsigned long kind, const u64 *frame)
{
	u64 esr = read_sysreg(esr_el1), far = read_sysreg(far_el1);
	unsigned int i;

	printk("\ninmate: unexpected %s exception on CPU %u (mpidr 0x%llx)\n",
	       exception_kinds[kind & 15], cpu_index(),
	       (unsigned long long)this_mpidr());
	printk("  ESR_EL1 0x%08llx (EC 0x%02llx)  ELR_EL1 0x%llx  FAR_EL1 0x%llx"
	       "  SPSR_EL1 0x%llx\n",
	       (unsigned long long)esr, (unsigned long long)(esr >> 26) & 0x3f,
	       (unsigned long long)frame[FRAME_ELR], (unsigned long long)far,
	       (unsigned long long)frame[FRAME_SPSR]);
	for (i = 0; i < 31; i += 2) {
		if (i == 30)
			printk("  x30 0x%016llx\n",
			       (unsigned long long)frame[30]);
		else
			printk("  x%-2u 0x%016llx  x%-2u 0x%016llx\n", i,
			       (unsigned long long)frame[i], i + 1,
			       (unsigned long long)frame[i + 1]);
	}
	printk("inmate: CPU %u halted\n", cpu_index());
}

void delay_us(u64 us)
{
	u64 end = timer_ticks() + timer_ns_to_ticks(us * 1000);

	while (timer_ticks() < end)
		cpu_relax();
}
