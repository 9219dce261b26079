/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Starting the cell's other CPUs. A new CPU comes up with its MMU and
 * caches off, so everything it reads before turning them on (its boot
 * record) is cleaned to the point of coherency first.
 */
#include <inmate.h>

/* Offsets used by entry.S: stack 0, ttbr 8. */
struct boot_record {
	u64 stack;
	u64 ttbr;
	u64 cpu_index;
	void (*fn)(void *arg);
	void *arg;
} __attribute__((aligned(64)));

_Static_assert(offsetof(struct boot_record, stack) == 0, "entry.S BR_STACK");
_Static_assert(offsetof(struct boot_record, ttbr) == 8, "entry.S BR_TTBR");

void inmate_secondary_entry(void);
void inmate_secondary_main(struct boot_record *br);
void dcache_clean_inval_range(unsigned long start, unsigned long end);

extern u64 mmu_ttbr0;
extern char __stacks_start[];

static struct boot_record boot_records[INMATE_MAX_CPUS];

int smp_cpu_on(u64 mpidr, void (*fn)(void *arg), void *arg)
{
	int idx = comm_cpu_index_of(mpidr);
	struct boot_record *br;

	if (idx < 0 || idx >= INMATE_MAX_CPUS)
		return PSCI_INVALID_PARAMETERS;

	br = &boot_records[idx];
	br->stack = (u64)(unsigned long)__stacks_start +
		    (u64)(idx + 1) * INMATE_STACK_SIZE;
	br->ttbr = mmu_ttbr0;
	br->cpu_index = (u64)idx;
	br->fn = fn;
	br->arg = arg;
	dcache_clean_inval_range((unsigned long)br, (unsigned long)(br + 1));

	return psci_cpu_on(mpidr, (u64)(unsigned long)inmate_secondary_entry,
			   (u64)(unsigned long)br);
}

void inmate_secondary_main(struct boot_record *br)
{
	int ret;

	write_sysreg(tpidr_el1, br->cpu_index);
	br->fn(br->arg);
	ret = psci_cpu_off();
	printk("inmate: PSCI CPU_OFF returned %d on CPU %u\n", ret,
	       cpu_index());
}
