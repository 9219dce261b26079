/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp-demo: the first CPU starts the cell's other CPUs one after another
 * (so that their lines come out in order); each reports in and parks.
 */
#include <inmate.h>

#define START_TIMEOUT_US	1000000

static volatile u32 online[INMATE_MAX_CPUS];

static void report_in(void)
{
	u64 mpidr = this_mpidr();

	printk("smp-demo: CPU %u (mpidr 0x%llx) reporting in\n",
	       MPIDR_AFF0(mpidr), (unsigned long long)mpidr);
}

static void secondary(void *arg)
{
	(void)arg;
	report_in();
	/* Publish the line before the flag: the first CPU prints next. */
	dsb(ish);
	online[cpu_index()] = 1;
	dsb(ish);
	cpu_halt();
}

static int wait_online(unsigned int idx)
{
	u64 end = timer_ticks() + timer_ns_to_ticks(START_TIMEOUT_US * 1000ULL);

	while (!online[idx])
		if (timer_ticks() > end)
			return 0;
	return 1;
}

static unsigned int start_cpu(unsigned int idx)
{
	u64 mpidr = comm_cpu_mpidr(idx);
	int ret;

	if (idx >= INMATE_MAX_CPUS) {
		printk("smp-demo: CPU index %u beyond the library's %u CPUs\n",
		       idx, INMATE_MAX_CPUS);
		return 0;
	}
	ret = smp_cpu_on(mpidr, secondary, NULL);
	if (ret != PSCI_SUCCESS) {
		printk("smp-demo: CPU_ON 0x%llx failed: %d\n",
		       (unsigned long long)mpidr, ret);
		return 0;
	}
	if (!wait_online(idx)) {
		printk("smp-demo: CPU 0x%llx did not report in\n",
		       (unsigned long long)mpidr);
		return 0;
	}
	return 1;
}

int main(void)
{
	unsigned int i, up = 1;

	report_in();
	for (i = 1; i < comm_num_cpus(); i++)
		up += start_cpu(i);
	printk("smp-demo: %u CPUs up\n", up);

	inmate_wait_for_shutdown("smp-demo");
}
