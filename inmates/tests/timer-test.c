/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timer-test: the EL1 virtual timer as a periodic interrupt through the
 * hypervisor's GIC emulation. The timer fires every PERIOD_NS for
 * DURATION_NS of guest time; the handler records how late each interrupt
 * came (programmed expiry to handler entry). The checks: the number of
 * interrupts within +-10% of DURATION_NS / PERIOD_NS, none before its
 * expiry, none from another INTID, and the worst latency below
 * MAX_LATENCY_NS.
 */
#include <inmate.h>

#define PERIOD_NS      1000000ULL /* 1 ms */
#define DURATION_NS    2000000000ULL /* 2 s */
#define MAX_LATENCY_NS 5000000ULL /* 5 ms */
#define IDLE_PERIOD_NS 10000000ULL /* 10 ms, after the test */

static u64 period_ticks, expiry;
static volatile int measuring;

static struct {
	u64 min, max, sum;
	unsigned int count, early, missed, wrong_intid;
} stats;

static void timer_irq(unsigned int intid)
{
	u64 now = timer_ticks(), lat;

	if (intid != TIMER_VIRT_PPI)
		stats.wrong_intid++;
	if (!measuring) {
		/* After the test: a slow tick that only wakes the main loop. */
		timer_start_virt(timer_ns_to_ticks(IDLE_PERIOD_NS));
		return;
	}
	if (now < expiry) {
		stats.early++;
		lat = 0;
	} else {
		lat = now - expiry;
	}
	if (!stats.count || lat < stats.min)
		stats.min = lat;
	if (lat > stats.max)
		stats.max = lat;
	stats.sum += lat;
	stats.count++;

	/* Absolute deadlines; a deadline already gone counts as missed. */
	expiry += period_ticks;
	while (expiry <= now) {
		stats.missed++;
		expiry += period_ticks;
	}
	timer_set_virt_cval(expiry);
}

int main(void)
{
	unsigned long long want = DURATION_NS / PERIOD_NS, avg_ns = 0;
	u64 start, end;

	printk("timer-test: cell \"%s\" on CPU %u, timer %llu Hz, "
	       "period %llu ns for %llu ms\n",
	       comm_cell_name(), MPIDR_AFF0(this_mpidr()),
	       (unsigned long long)timer_freq(), PERIOD_NS,
	       DURATION_NS / 1000000ULL);
	if (!EXPECT_EQ(gic_init(), 0, "gic_init finds the cell's GICv3")) {
		test_summary();
		inmate_wait_for_shutdown("timer-test");
	}

	period_ticks = timer_ns_to_ticks(PERIOD_NS);
	irq_set_handler(TIMER_VIRT_PPI, timer_irq);
	gic_enable_irq(TIMER_VIRT_PPI);
	measuring = 1;
	expiry = timer_start_virt(period_ticks);
	start = expiry - period_ticks;
	end = start + timer_ns_to_ticks(DURATION_NS);
	irq_enable();
	/*
	 * Stop at the first wake-up at or after `end`; the interrupt due at
	 * `end` itself may or may not have been taken by then.
	 */
	while (timer_ticks() < end)
		wfi();
	irq_disable();
	measuring = 0;
	timer_stop();

	if (stats.count)
		avg_ns = timer_ticks_to_ns(stats.sum / stats.count);
	printk("timer-test: %u irqs in %llu ms (want %llu), %u missed, "
	       "latency min %llu avg %llu max %llu ns\n",
	       stats.count,
	       (unsigned long long)(timer_ticks_to_ns(timer_ticks() - start) /
				    1000000ULL),
	       want, stats.missed,
	       (unsigned long long)timer_ticks_to_ns(stats.min), avg_ns,
	       (unsigned long long)timer_ticks_to_ns(stats.max));

	EXPECT_TRUE(stats.count * 10ULL >= want * 9ULL,
		    "timer interrupts: at least 90% of the expected count");
	EXPECT_TRUE(stats.count * 10ULL <= want * 11ULL,
		    "timer interrupts: at most 110% of the expected count");
	EXPECT_EQ(stats.early, 0, "no timer interrupt before its expiry");
	EXPECT_EQ(stats.wrong_intid, 0, "every interrupt was the timer PPI 27");
	EXPECT_TRUE(timer_ticks_to_ns(stats.max) < MAX_LATENCY_NS,
		    "timer interrupt latency below 5 ms");
	test_summary();

	/*
	 * Wait for the shutdown request sleeping in wfi, woken by a slow
	 * tick, rather than polling the counter (cheap under -icount).
	 */
	timer_start_virt(timer_ns_to_ticks(IDLE_PERIOD_NS));
	irq_enable();
	while (!comm_shutdown_pending())
		wfi();
	irq_disable();
	timer_stop();
	printk("timer-test: shutdown approved\n");
	comm_reply(1);
	psci_system_off();
}
