/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * silent: greets once, then never looks at the comm region again, so a
 * shutdown request is never answered and has to time out.
 */
#include <inmate.h>

int main(void)
{
	printk("silent: cell \"%s\" on CPU %u, ignoring shutdown requests\n",
	       comm_cell_name(), MPIDR_AFF0(this_mpidr()));
	/* No interrupt is enabled: this CPU sleeps until it is stopped. */
	irq_disable();
	for (;;)
		wfi();
}
