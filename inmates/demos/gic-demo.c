/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic-demo: the virtual timer interrupts every 10 ms; the handler measures
 * the time from the programmed expiry (CNTV_CVAL) to its own entry. Once a
 * second the main loop prints the minimum, average and maximum.
 */
#include <inmate.h>

#define PERIOD_NS	10000000ULL	/* 10 ms */

struct latency {
	u64 min, max, sum;
	unsigned int count;
};

static u64 period_ticks, expiry;
static struct latency window;	/* updated by the handler, IRQs masked */

static void timer_irq(unsigned int intid)
{
	u64 now = timer_ticks(), lat = now - expiry;

	(void)intid;
	if (!window.count || lat < window.min)
		window.min = lat;
	if (lat > window.max)
		window.max = lat;
	window.sum += lat;
	window.count++;

	/* Absolute deadlines keep the period exact; skip missed ones. */
	expiry += period_ticks;
	if (expiry <= now)
		expiry = now + period_ticks;
	timer_set_virt_cval(expiry);
}

static void report(void)
{
	struct latency w;
	u64 flags = irq_save();

	w = window;
	memset(&window, 0, sizeof(window));
	irq_restore(flags);

	if (!w.count) {
		printk("gic-demo: no timer interrupts in the last second\n");
		return;
	}
	printk("gic-demo: latency min %llu avg %llu max %llu ns (%u irqs)\n",
	       (unsigned long long)timer_ticks_to_ns(w.min),
	       (unsigned long long)timer_ticks_to_ns(w.sum / w.count),
	       (unsigned long long)timer_ticks_to_ns(w.max), w.count);
}

int main(void)
{
	u64 second = timer_freq(), next;

	printk("gic-demo: cell \"%s\" on CPU %u, timer %llu Hz\n",
	       comm_cell_name(), MPIDR_AFF0(this_mpidr()),
	       (unsigned long long)second);
	if (gic_init())
		return -1;

	period_ticks = timer_ns_to_ticks(PERIOD_NS);
	irq_set_handler(TIMER_VIRT_PPI, timer_irq);
	gic_enable_irq(TIMER_VIRT_PPI);
	expiry = timer_start_virt(period_ticks);
	next = timer_ticks() + second;
	irq_enable();

	for (;;) {
		/* The timer interrupt wakes us at least every 10 ms. */
		wfi();
		if (comm_shutdown_pending()) {
			irq_disable();
			timer_stop();
			printk("gic-demo: shutdown approved\n");
			comm_reply(1);
			psci_system_off();
		}
		if (timer_ticks() >= next) {
			report();
			next += second;
		}
	}
}
