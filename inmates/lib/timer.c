/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The generic timer: the virtual counter for time, the EL1 virtual and
 * physical timers for interrupts (PPIs 27 and 30).
 */
#include <inmate.h>

#define CNT_CTL_ENABLE		(1U << 0)
#define CNT_CTL_IMASK		(1U << 1)
#define NSEC_PER_SEC		1000000000ULL

u64 timer_freq(void)
{
	u64 freq = read_sysreg(cntfrq_el0) & 0xffffffffULL;

	return freq ? freq : comm_region()->timer_frequency;
}

u64 timer_ticks(void)
{
	/* Without the ISB the counter may be read ahead of earlier code. */
	isb();
	return read_sysreg(cntvct_el0);
}

/*
 * Whole seconds and the remainder separately: the remainder times 10^9
 * stays below 2^64 for any frequency under 18 GHz.
 */
u64 timer_ticks_to_ns(u64 ticks)
{
	u64 freq = timer_freq();

	return ticks / freq * NSEC_PER_SEC + ticks % freq * NSEC_PER_SEC / freq;
}

u64 timer_ns_to_ticks(u64 ns)
{
	u64 freq = timer_freq();

	return ns / NSEC_PER_SEC * freq +
	       ns % NSEC_PER_SEC * freq / NSEC_PER_SEC;
}

void timer_set_virt_cval(u64 cval)
{
	write_sysreg(cntv_cval_el0, cval);
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
}

u64 timer_start_virt(u64 ticks)
{
	u64 cval = timer_ticks() + ticks;

	timer_set_virt_cval(cval);
	return cval;
}

void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

u64 timer_start_phys(u64 ticks)
{
	u64 cval;

	isb();
	cval = read_sysreg(cntpct_el0) + ticks;
	write_sysreg(cntp_cval_el0, cval);
	write_sysreg(cntp_ctl_el0, CNT_CTL_ENABLE);
	isb();
	return cval;
}

void timer_stop_phys(void)
{
	write_sysreg(cntp_ctl_el0, 0);
	isb();
}
