// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI for the root cell: forwarded to firmware, except where the
 * hypervisor must stay in the loop. CPU_ON is redirected through our own
 * entry so the CPU comes up under the hypervisor and then starts Linux at
 * the entry point it asked for; a CPU may only be switched on by the cell
 * that owns it.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <hv/layout.h>
#include <asm/cell_arch.h>
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <warden/hypercall.h>

#define SMCCC_VERSION			0x80000000
#define SMCCC_ARCH_FEATURES		0x80000001
#define SMCCC_ARCH_WORKAROUND_1		0x80008000
#define SMCCC_ARCH_WORKAROUND_2		0x80007fff
#define SMCCC_ARCH_WORKAROUND_3		0x80003fff
#define PSCI_POWER_STATE_TYPE		(1 << 16)

static u64 firmware_smc(u64 x0, u64 x1, u64 x2, u64 x3)
{
	register u64 r0 asm("x0") = x0;
	register u64 r1 asm("x1") = x1;
	register u64 r2 asm("x2") = x2;
	register u64 r3 asm("x3") = x3;

	asm volatile("smc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return r0;
}

static struct per_cpu *cpu_by_mpidr(u64 mpidr)
{
	unsigned int n;

	for (n = 0; n < system_config->platform.num_cpus; n++)
		if (per_cpu(n) && (per_cpu(n)->mpidr & MPIDR_AFF_MASK) ==
		    (mpidr & MPIDR_AFF_MASK))
			return per_cpu(n);
	return NULL;
}

static bool cell_has_cpu(const struct cell *cell, const struct per_cpu *cpu)
{
	return cpu && (cell->cpu_set & (1ULL << cpu->cpu_id));
}

static u64 counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

int arch_cpu_power_on(struct per_cpu *target, u64 entry, u64 context)
{
	enum cpu_state off = CPU_OFF;
	s64 ret;

	/* A CPU being stopped stays off (see arch_cpu_stop()). */
	if (target->arch.stop)
		return PSCI_DENIED;
	/* One power-on at a time per target: claim it while it is off. */
	if (!__atomic_compare_exchange_n(&target->state, &off, CPU_PARKED,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return off == CPU_RUNNING ? PSCI_ALREADY_ON : PSCI_ON_PENDING;
	target->arch.on_entry = entry;
	target->arch.on_context = context;
	dsb(ish);
	ret = firmware_smc(PSCI_CPU_ON_64, target->mpidr & MPIDR_AFF_MASK,
			   arch_cpu_on_entry(), ENTRY_CPU_ON);
	/*
	 * On success the target may already be running: hv_cpu_entry() on
	 * it takes the claim over, so only a failed call gives it back.
	 */
	if (ret != PSCI_SUCCESS)
		target->state = CPU_OFF;
	return ret;
}

/* Nothing a cell did to this CPU's private devices may outlive it here. */
static void clean_cell_cpu(struct per_cpu *cpu)
{
	write_sysreg(0, pmcr_el0);
	write_sysreg(~0UL, pmcntenclr_el0);
	write_sysreg(~0UL, pmintenclr_el1);
	write_sysreg(~0UL, pmovsclr_el0);
	write_sysreg(0, pmuserenr_el0);
	write_sysreg(0, mdscr_el1);
	gic_cpu_reset_vif(cpu);
	gic_cpu_clean(cpu->cpu_id);
}

void arch_cpu_power_off_self(enum cpu_state state)
{
	struct per_cpu *cpu = this_cpu();

	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	if (cpu->cell != &root_cell)
		clean_cell_cpu(cpu);
	cpu->arch.stop = false;
	dsb(ish);
	cpu->state = state;
	sev();
	firmware_smc(PSCI_CPU_OFF, 0, 0, 0);
	printk("ERROR: CPU %u did not power off\n", cpu->cpu_id);
	arch_panic_stop();
}

static bool firmware_says_off(const struct per_cpu *cpu)
{
	return firmware_smc(PSCI_AFFINITY_INFO_64, cpu->mpidr & MPIDR_AFF_MASK,
			    0, 0) == 1;
}

/*
 * Stop @cpu and wait (bounded) until it is off, for us and for the
 * firmware. The stop request stays set until then: a CPU that is still on
 * its way up (PARKED) sees it in hv_cpu_entry() and goes straight off, and
 * one that runs its cell is kicked, again every few milliseconds, so that
 * neither a slow start nor a lost kick can leave it running.
 */
int arch_cpu_stop(struct per_cpu *cpu)
{
	u64 freq = read_sysreg(cntfrq_el0), now = counter();
	u64 deadline = now + 2 * freq, next_kick = now;

	cpu->arch.stop = true;
	dsb(ish);
	for (;;) {
		now = counter();
		if (cpu->state == CPU_RUNNING && now >= next_kick) {
			gic_kick(cpu);
			next_kick = now + freq / 200;
		}
		if (cpu->state != CPU_RUNNING && cpu->state != CPU_PARKED &&
		    firmware_says_off(cpu))
			break;
		if (now > deadline) {
			printk("ERROR: CPU %u does not stop\n", cpu->cpu_id);
			cpu->state = CPU_FAILED;
			return -EBUSY;
		}
		cpu_relax();
	}
	cpu->state = CPU_OFF;
	cpu->arch.stop = false;
	return 0;
}

static s64 psci_cpu_on(struct cell *cell, u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *target = cpu_by_mpidr(mpidr);

	if (!cell_has_cpu(cell, target))
		return PSCI_INVALID_PARAMETERS;
	return arch_cpu_power_on(target, entry, context);
}

static s64 psci_affinity_info(struct cell *cell, u64 fid, u64 mpidr, u64 level)
{
	if (level != 0 || !cell_has_cpu(cell, cpu_by_mpidr(mpidr)))
		return PSCI_INVALID_PARAMETERS;
	return firmware_smc(fid, mpidr, level, 0);
}

/* Standby suspend returns normally; a power-down one would lose EL2. */
static s64 psci_cpu_suspend(u64 fid, u64 state, u64 entry, u64 context)
{
	if (state & PSCI_POWER_STATE_TYPE)
		return PSCI_DENIED;
	return firmware_smc(fid, state, entry, context);
}

/* SYSTEM_OFF and SYSTEM_RESET power the machine only for the root cell. */
static s64 psci_system(struct trap_frame *f, struct cell *cell, u64 fid)
{
	if (cell == &root_cell)
		return firmware_smc(fid, f->x[1], f->x[2], f->x[3]);
	if (fid == PSCI_SYSTEM_OFF)
		cell_system_off();
	else
		cell_system_reset();
	return PSCI_INTERNAL_FAILURE;
}

static s64 psci_call(struct trap_frame *f, struct cell *cell, u64 fid)
{
	switch (fid) {
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		return psci_cpu_on(cell, f->x[1], f->x[2], f->x[3]);
	case PSCI_CPU_OFF:
		printk("CPU %u powered off by cell \"%s\"\n", this_cpu()->cpu_id,
		       cell->config->name);
		arch_cpu_power_off_self(CPU_OFF);
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		return psci_affinity_info(cell, fid, f->x[1], f->x[2]);
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		return psci_cpu_suspend(fid, f->x[1], f->x[2], f->x[3]);
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		return psci_system(f, cell, fid);
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_MIGRATE_INFO_TYPE:
		return firmware_smc(fid, f->x[1], f->x[2], f->x[3]);
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

static bool smccc_arch_call(u64 fid)
{
	return fid == SMCCC_VERSION || fid == SMCCC_ARCH_FEATURES ||
	       fid == SMCCC_ARCH_WORKAROUND_1 || fid == SMCCC_ARCH_WORKAROUND_2 ||
	       fid == SMCCC_ARCH_WORKAROUND_3;
}

void handle_psci_smccc(struct trap_frame *f)
{
	struct per_cpu *cpu = this_cpu();
	u64 fid = f->x[0] & 0xffffffff;

	if ((fid & 0xbfffffe0) == 0x84000000) {
		cpu->stats[WARDEN_STAT_PSCI]++;
		f->x[0] = psci_call(f, cpu->cell, fid);
	} else if (smccc_arch_call(fid)) {
		cpu->stats[WARDEN_STAT_SMCCC]++;
		f->x[0] = firmware_smc(fid, f->x[1], f->x[2], f->x[3]);
	} else {
		cpu->stats[WARDEN_STAT_SMCCC]++;
		f->x[0] = WARDEN_HC_NOT_SUPPORTED;
	}
}

u64 smccc_discovery(struct trap_frame *f)
{
	switch (f->x[0]) {
	case WARDEN_HC_CALL_COUNT:
		return WARDEN_HC_MAX + 1;
	case WARDEN_HC_CALL_UID:
		f->x[1] = WARDEN_UID_1;
		f->x[2] = WARDEN_UID_2;
		f->x[3] = WARDEN_UID_3;
		return WARDEN_UID_0;
	case WARDEN_HC_REVISION:
		f->x[1] = WARDEN_REVISION_MINOR;
		return WARDEN_REVISION_MAJOR;
	default:
		return WARDEN_HC_NOT_SUPPORTED;
	}
}
