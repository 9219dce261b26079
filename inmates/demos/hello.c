/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hello: greet, then tick once a second (polling the virtual counter, no
 * interrupts) until the hypervisor asks the cell to shut down.
 */
#include <inmate.h>

int main(void)
{
	u64 second = timer_freq(), next = timer_ticks() + second;
	unsigned int tick = 0;

	printk("Hello from Warden cell \"%s\" on CPU %u\n", comm_cell_name(),
	       MPIDR_AFF0(this_mpidr()));

	for (;;) {
		if (comm_shutdown_pending()) {
			printk("hello: shutdown approved\n");
			comm_reply(1);
			psci_system_off();
		}
		if (timer_ticks() >= next) {
			printk("hello: tick %u\n", ++tick);
			next += second;
		}
		delay_us(1000);
	}
}
