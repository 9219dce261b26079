/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * comm-demo: the shutdown protocol from the cell's side. Loaded with the
 * string "busy" at 0xff000 (`warden cell load -s busy@0xff000`), it denies
 * every shutdown request; otherwise it approves the first one. With
 * "locked" it holds the root cell locked (no cell may be created or
 * destroyed) for its first three seconds, denying shutdown meanwhile.
 */
#include <inmate.h>

int main(void)
{
	int locked = strcmp(inmate_param(), "locked") == 0;
	int busy = locked || strcmp(inmate_param(), "busy") == 0;
	u64 second = timer_freq(), next = timer_ticks() + second;
	unsigned int tick = 0;

	if (locked) {
		comm_region()->cell_state = WARDEN_CELL_RUNNING_LOCKED;
		printk("comm-demo: root cell locked\n");
	}

	printk("comm-demo: cell \"%s\" on CPU %u, %s\n", comm_cell_name(),
	       MPIDR_AFF0(this_mpidr()),
	       busy ? "busy: shutdown requests will be denied" :
		      "idle: shutdown requests will be approved");

	for (;;) {
		if (comm_shutdown_pending()) {
			if (busy) {
				printk("comm-demo: shutdown denied (busy)\n");
				comm_reply(0);
			} else {
				printk("comm-demo: shutdown approved\n");
				comm_reply(1);
				psci_system_off();
			}
		}
		if (timer_ticks() >= next) {
			printk("comm-demo: tick %u\n", ++tick);
			next += second;
			if (locked && tick == 3) {
				locked = busy = 0;
				comm_region()->cell_state = WARDEN_CELL_RUNNING;
				printk("comm-demo: root cell unlocked\n");
			}
		}
		delay_us(1000);
	}
}
