/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpuif-hostile: a cell that tries to make itself unstoppable through its
 * CPU interface, one game per run, named by the parameter string
 * (`warden cell load ... -s GAME@0xff000`):
 *
 *   ap1r     set every group-1 active-priority bit (running priority 0)
 *   ap0r     the same for group 0
 *   pmr0     priority mask 0: nothing may be signalled
 *   igrpen   both interrupt groups disabled
 *   bpr      binary points at their extremes, then priority mask 0x10
 *   noeoi    its own SGI at priority 0, acknowledged and never ended
 *   noeoi-a0 the same at priority 0xa0
 *   timer    its timer interrupt at priority 0, taken and never ended
 *   masked   all of the above it can do at once, then PSTATE masked
 *
 * After the game it prints "cpuif-hostile: <game> armed" and spins, never
 * answering a shutdown request: only the hypervisor can stop it.
 */
#include <inmate.h>
#include <inmate/sysreg.h>

#define SYS_ICC_AP0R0_EL1	"S3_0_C12_C8_4"
#define SYS_ICC_AP0R1_EL1	"S3_0_C12_C8_5"
#define SYS_ICC_AP0R2_EL1	"S3_0_C12_C8_6"
#define SYS_ICC_AP0R3_EL1	"S3_0_C12_C8_7"
#define SYS_ICC_AP1R0_EL1	"S3_0_C12_C9_0"
#define SYS_ICC_AP1R1_EL1	"S3_0_C12_C9_1"
#define SYS_ICC_AP1R2_EL1	"S3_0_C12_C9_2"
#define SYS_ICC_AP1R3_EL1	"S3_0_C12_C9_3"
#define SYS_ICC_BPR0_EL1	"S3_0_C12_C8_3"
#define SYS_ICC_IGRPEN0_EL1	"S3_0_C12_C12_6"

#define HOSTILE_SGI		3
#define VTIMER_PPI		27

/* ICC_CTLR_EL1.PRIbits (bits 10:8) + 1 priority bits: 1, 2 or 4 APRs. */
static unsigned int num_aprs(void)
{
	unsigned int bits = ((read_sysreg_s(SYS_ICC_CTLR_EL1) >> 8) & 7) + 1;

	return bits >= 7 ? 4 : bits == 6 ? 2 : 1;
}

static void set_ap1r(void)
{
	unsigned int n = num_aprs();

	write_sysreg_s(SYS_ICC_AP1R0_EL1, ~0U);
	if (n > 1)
		write_sysreg_s(SYS_ICC_AP1R1_EL1, ~0U);
	if (n > 2) {
		write_sysreg_s(SYS_ICC_AP1R2_EL1, ~0U);
		write_sysreg_s(SYS_ICC_AP1R3_EL1, ~0U);
	}
}

static void set_ap0r(void)
{
	unsigned int n = num_aprs();

	write_sysreg_s(SYS_ICC_AP0R0_EL1, ~0U);
	if (n > 1)
		write_sysreg_s(SYS_ICC_AP0R1_EL1, ~0U);
	if (n > 2) {
		write_sysreg_s(SYS_ICC_AP0R2_EL1, ~0U);
		write_sysreg_s(SYS_ICC_AP0R3_EL1, ~0U);
	}
}

static void block_cpuif(void)
{
	set_ap1r();
	set_ap0r();
	write_sysreg_s(SYS_ICC_PMR_EL1, 0);
	write_sysreg_s(SYS_ICC_IGRPEN1_EL1, 0);
	write_sysreg_s(SYS_ICC_IGRPEN0_EL1, 0);
	isb();
}

static volatile int taken;

/* Acknowledged, never ended: spin inside the handler with IRQs masked. */
static void hold(unsigned int intid)
{
	taken = 1;
	printk("cpuif-hostile: holding IRQ %u\n", intid);
	for (;;)
		cpu_relax();
}

/* Take @intid at @prio into hold(); returns only if it never arrives. */
static void take_and_hold(unsigned int intid, u8 prio)
{
	irq_set_handler(intid, hold);
	gic_enable_irq(intid);
	gic_set_priority(intid, prio);
	printk("cpuif-hostile: %s armed\n", inmate_param());
	irq_enable();
	if (intid < 16)
		gic_send_sgi(this_mpidr(), intid);
	else
		timer_start_virt(timer_ns_to_ticks(1000000));
	delay_us(1000000);
	printk("cpuif-hostile: IRQ %u never came (taken=%d)\n", intid, taken);
}

int main(void)
{
	const char *game = inmate_param();

	printk("cpuif-hostile: cell \"%s\" on CPU %u, game \"%s\"\n",
	       comm_cell_name(), MPIDR_AFF0(this_mpidr()), game);
	if (gic_init())
		return 1;
	if (!strcmp(game, "noeoi"))
		take_and_hold(HOSTILE_SGI, 0);
	else if (!strcmp(game, "noeoi-a0"))
		take_and_hold(HOSTILE_SGI, 0xa0);
	else if (!strcmp(game, "timer"))
		take_and_hold(VTIMER_PPI, 0);
	if (!strcmp(game, "ap1r")) {
		set_ap1r();
	} else if (!strcmp(game, "ap0r")) {
		set_ap0r();
	} else if (!strcmp(game, "pmr0")) {
		write_sysreg_s(SYS_ICC_PMR_EL1, 0);
	} else if (!strcmp(game, "igrpen")) {
		write_sysreg_s(SYS_ICC_IGRPEN1_EL1, 0);
		write_sysreg_s(SYS_ICC_IGRPEN0_EL1, 0);
	} else if (!strcmp(game, "bpr")) {
		write_sysreg_s(SYS_ICC_BPR1_EL1, 7);
		write_sysreg_s(SYS_ICC_BPR0_EL1, 7);
		write_sysreg_s(SYS_ICC_PMR_EL1, 0x10);
	} else if (!strcmp(game, "masked")) {
		block_cpuif();
		irq_disable();
	} else {
		printk("cpuif-hostile: unknown game \"%s\"\n", game);
		return 1;
	}
	isb();
	printk("cpuif-hostile: %s armed\n", game);
	for (;;)
		cpu_relax();
}
