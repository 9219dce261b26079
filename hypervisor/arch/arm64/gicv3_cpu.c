// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 per CPU: the CPU interface of a CPU that runs a cell, the stop
 * signal and SGIs between a cell's CPUs.
 *
 * By default a cell gets the virtual CPU interface (HCR_EL2.IMO = FMO = 1,
 * ICH_HCR_EL2.En = 1): every physical interrupt on its CPUs is taken at
 * EL2, which drops its priority at once (EOImode 1) and hands it to the
 * guest in a list register with HW = 1, so that the guest's own
 * deactivation deactivates the physical interrupt. The guest reaches only
 * the ICV_* registers: whatever it does with priorities, active
 * priorities, the priority mask, binary points, group enables or
 * acknowledging without ending, the physical interface stays the
 * hypervisor's and its stop signal, WARDEN_STOP_SGI (7) in group 1 (which
 * the non-secure world has on every GIC, also with two security states),
 * is always taken. SGIs between a cell's CPUs travel as a bit in the target's
 * mailbox plus that same SGI, and are injected without a physical SGI
 * behind them; any other physical SGI reaching a cell CPU (only the root
 * could send one) is dropped.
 *
 * A cell flagged WARDEN_CELL_DIRECT_IRQ owns its physical interface
 * instead (IMO = 0: no exit per interrupt). It is stopped with WARDEN_STOP_SGI
 * in group 0 as an FIQ (FMO = 1), which only a GIC with one security state
 * gives the non-secure world, and which the cell can block: such a cell
 * is trusted not to. Its physical interface runs with EOImode 0.
 *
 * The root cell's CPUs run without IMO and FMO: Linux keeps its physical
 * interface (EOImode 1), its SGIs are not trapped.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/layout.h>
#include <hv/printk.h>
#include <asm/cell_arch.h>
#include <asm/gic.h>
#include <asm/gicv3.h>
#include <asm/sysregs.h>

static const struct warden_platform *platform(void)
{
	return &system_config->platform;
}

/* ---- registers ------------------------------------------------------ */

#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_BPR1_EL1	S3_0_C12_C12_3
#define ICC_IGRPEN0_EL1	S3_0_C12_C12_6
#define ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define ICC_IAR0_EL1	S3_0_C12_C8_0
#define ICC_EOIR0_EL1	S3_0_C12_C8_1
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_DIR_EL1	S3_0_C12_C11_1
#define ICC_SGI0R_EL1	S3_0_C12_C11_7
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_ASGI1R_EL1	S3_0_C12_C11_6

#define ICH_HCR_EL2	S3_4_C12_C11_0
#define ICH_VTR_EL2	S3_4_C12_C11_1
#define ICH_ELRSR_EL2	S3_4_C12_C11_5
#define ICH_VMCR_EL2	S3_4_C12_C11_7

#define ICH_HCR_EN	(1UL << 0)
#define ICH_HCR_UIE	(1UL << 1)	/* maintenance IRQ: <= 1 LR in use */

#define ICH_LR_STATE_SHIFT	62
#define ICH_LR_PENDING		(1ULL << 62)
#define ICH_LR_ACTIVE		(1ULL << 63)
#define ICH_LR_HW		(1ULL << 61)
#define ICH_LR_GROUP1		(1ULL << 60)
#define ICH_LR_PRIO_SHIFT	48
#define ICH_LR_PINTID_SHIFT	32

#define MAINT_PPI		25	/* the virtual interface's maintenance IRQ */
#define GICD_IPRIORITYR		0x0400
#define GICD_CTLR_DS		(1U << 6)
#define IRQ_BATCH		16	/* interrupts taken per exit, at most */

#define LR_CASE(n, r)	case n: return read_sysreg(r)
static u64 read_lr(unsigned int n)
{
	switch (n) {
	LR_CASE(0, S3_4_C12_C12_0); LR_CASE(1, S3_4_C12_C12_1);
	LR_CASE(2, S3_4_C12_C12_2); LR_CASE(3, S3_4_C12_C12_3);
	LR_CASE(4, S3_4_C12_C12_4); LR_CASE(5, S3_4_C12_C12_5);
	LR_CASE(6, S3_4_C12_C12_6); LR_CASE(7, S3_4_C12_C12_7);
	LR_CASE(8, S3_4_C12_C13_0); LR_CASE(9, S3_4_C12_C13_1);
	LR_CASE(10, S3_4_C12_C13_2); LR_CASE(11, S3_4_C12_C13_3);
	LR_CASE(12, S3_4_C12_C13_4); LR_CASE(13, S3_4_C12_C13_5);
	LR_CASE(14, S3_4_C12_C13_6); LR_CASE(15, S3_4_C12_C13_7);
	}
	return 0;
}

#define LW_CASE(n, r)	case n: write_sysreg(v, r); break
static void write_lr(unsigned int n, u64 v)
{
	switch (n) {
	LW_CASE(0, S3_4_C12_C12_0); LW_CASE(1, S3_4_C12_C12_1);
	LW_CASE(2, S3_4_C12_C12_2); LW_CASE(3, S3_4_C12_C12_3);
	LW_CASE(4, S3_4_C12_C12_4); LW_CASE(5, S3_4_C12_C12_5);
	LW_CASE(6, S3_4_C12_C12_6); LW_CASE(7, S3_4_C12_C12_7);
	LW_CASE(8, S3_4_C12_C13_0); LW_CASE(9, S3_4_C12_C13_1);
	LW_CASE(10, S3_4_C12_C13_2); LW_CASE(11, S3_4_C12_C13_3);
	LW_CASE(12, S3_4_C12_C13_4); LW_CASE(13, S3_4_C12_C13_5);
	LW_CASE(14, S3_4_C12_C13_6); LW_CASE(15, S3_4_C12_C13_7);
	}
}

static unsigned int num_lrs(void)
{
	return (read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
}

/* ICH_VTR_EL2.PREbits: 5, 6 or 7 bits of preemption, 1, 2 or 4 APRs. */
static unsigned int num_aprs(void)
{
	unsigned int pre = ((read_sysreg(ICH_VTR_EL2) >> 26) & 7) + 1;

	return pre >= 7 ? 4 : pre == 6 ? 2 : 1;
}

static void write_aprs(unsigned int n)
{
	/* All zero: no virtual interrupt active at any priority. */
	switch (n) {
	case 4:
		write_sysreg(0, S3_4_C12_C8_3);
		write_sysreg(0, S3_4_C12_C9_3);
		write_sysreg(0, S3_4_C12_C8_2);
		write_sysreg(0, S3_4_C12_C9_2);
		/* fall through */
	case 2:
		write_sysreg(0, S3_4_C12_C8_1);
		write_sysreg(0, S3_4_C12_C9_1);
		/* fall through */
	default:
		write_sysreg(0, S3_4_C12_C8_0);
		write_sysreg(0, S3_4_C12_C9_0);
	}
}

/* ---- the stop signal and the CPU interface of a cell CPU ----------- */

static bool two_security_states(void)
{
	return !(*(volatile u32 *)DEVICE_VA_GICD & GICD_CTLR_DS);
}

int gic_cell_check(const struct cell *cell)
{
	if (cell == &root_cell || !(cell->config->flags & WARDEN_CELL_DIRECT_IRQ))
		return 0;
	if (two_security_states()) {
		printk("ERROR: cell \"%s\": direct interrupt delivery needs group 0 for the hypervisor, which this GIC with two security states (GICD_CTLR.DS = 0) does not give the non-secure world (firmware SDEI would be needed)\n",
		       cell->config->name);
		return -EINVAL;
	}
	return 0;
}

/*
 * WARDEN_STOP_SGI (the stop signal and mailbox doorbell) and, for the virtual
 * interface, the maintenance PPI: top priority, enabled, group 1 (group 0
 * for a direct-delivery cell).
 */
static void setup_own_irqs(unsigned int cpu, bool direct)
{
	volatile u8 *frame = gicr_frame(cpu);
	volatile u32 *group = (volatile u32 *)(frame + GICR_IGROUPR0);
	u32 mine = 1U << KICK_SGI | (direct ? 0 : 1U << MAINT_PPI);

	*(volatile u32 *)(frame + GICR_IGRPMODR0) &= ~mine;
	if (direct)
		*group &= ~mine;
	else
		*group |= mine;
	frame[GICR_IPRIORITYR + KICK_SGI] = 0;
	frame[GICR_IPRIORITYR + MAINT_PPI] = 0;
	*(volatile u32 *)(frame + GICR_ISENABLER0) = mine;
}

/* No virtual interrupt pending or active, the virtual interface off. */
void gic_cpu_reset_vif(struct per_cpu *cpu)
{
	unsigned int n, lrs = num_lrs();

	write_sysreg(0, ICH_HCR_EL2);
	for (n = 0; n < lrs; n++)
		write_lr(n, 0);
	write_aprs(num_aprs());
	write_sysreg(0, ICH_VMCR_EL2);
	__atomic_store_n(&cpu->arch.vsgi_pending, 0, __ATOMIC_RELAXED);
	for (n = 0; n < ARRAY_SIZE(cpu->arch.lr_overflow); n++)
		cpu->arch.lr_overflow[n] = 0;
	isb();
}

u64 gic_cpu_hcr(const struct per_cpu *cpu)
{
	if (cpu->cell == &root_cell)
		return 0;
	return cpu->arch.direct_irqs ? HCR_FMO : HCR_FMO | HCR_IMO;
}

/* A CPU about to run a cell (not the root: its CPU interface is Linux's). */
void gic_cpu_init(struct per_cpu *cpu)
{
	bool direct;
	u64 ctlr;

	if (cpu->cell == &root_cell)
		return;
	direct = cpu->cell->config->flags & WARDEN_CELL_DIRECT_IRQ;
	cpu->arch.direct_irqs = direct;
	gic_cpu_reset_vif(cpu);
	ctlr = read_sysreg(ICC_CTLR_EL1) & ~ICC_CTLR_EOIMODE;
	write_sysreg(direct ? ctlr : ctlr | ICC_CTLR_EOIMODE, ICC_CTLR_EL1);
	write_sysreg(0xff, ICC_PMR_EL1);
	write_sysreg(0, ICC_BPR1_EL1);
	setup_own_irqs(cpu->cpu_id, direct);
	if (direct) {
		write_sysreg(1, ICC_IGRPEN0_EL1);
	} else {
		write_sysreg(1, ICC_IGRPEN1_EL1);
		write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
	}
	isb();
}

static u64 sgir_for(u64 mpidr, unsigned int intid)
{
	unsigned int aff0 = mpidr & 0xff;

	return (1ULL << (aff0 % 16)) | ((u64)(aff0 / 16) << SGIR_RS_SHIFT) |
	       (((mpidr >> 8) & 0xff) << SGIR_AFF1_SHIFT) |
	       (((mpidr >> 16) & 0xff) << SGIR_AFF2_SHIFT) |
	       (((mpidr >> 32) & 0xff) << SGIR_AFF3_SHIFT) |
	       ((u64)intid << SGIR_INTID_SHIFT);
}

void gic_kick(struct per_cpu *cpu)
{
	dsb(ish);
	if (cpu->arch.direct_irqs)
		write_sysreg(sgir_for(cpu->mpidr, KICK_SGI), ICC_SGI0R_EL1);
	else
		write_sysreg(sgir_for(cpu->mpidr, KICK_SGI), ICC_SGI1R_EL1);
	isb();
}

/* Does the SGI register value @v name the CPU with affinity @mpidr? */
static bool sgir_targets(u64 v, u64 mpidr, u64 self)
{
	unsigned int aff0 = mpidr & 0xff;

	if (v & SGIR_IRM)
		return (mpidr & MPIDR_AFF_MASK) != (self & MPIDR_AFF_MASK);
	return ((v >> SGIR_AFF1_SHIFT) & 0xff) == ((mpidr >> 8) & 0xff) &&
	       ((v >> SGIR_AFF2_SHIFT) & 0xff) == ((mpidr >> 16) & 0xff) &&
	       ((v >> SGIR_AFF3_SHIFT) & 0xff) == ((mpidr >> 32) & 0xff) &&
	       ((v >> SGIR_RS_SHIFT) & 0xf) == aff0 / 16 &&
	       (v & (1ULL << (aff0 % 16)));
}

/*
 * A guest wrote ICC_SGI1R_EL1 or ICC_ASGI1R_EL1 (@alias): send the SGI to
 * those targets that are CPUs of its own cell. With the virtual interface
 * it goes as a mailbox bit and the doorbell SGI (which a target's guest
 * cannot mask); a direct-delivery cell gets the physical SGI itself.
 */
void gic_send_sgi(u64 value, bool alias)
{
	struct per_cpu *self = this_cpu(), *target;
	unsigned int intid = (value >> SGIR_INTID_SHIFT) & 0xf, n;

	if (intid == KICK_SGI)
		return;
	dsb(ish);
	for (n = 0; n < platform()->num_cpus; n++) {
		if (!(self->cell->cpu_set & (1ULL << n)))
			continue;
		target = per_cpu(n);
		if (!sgir_targets(value, target->mpidr, self->mpidr))
			continue;
		if (!self->arch.direct_irqs) {
			__atomic_fetch_or(&target->arch.vsgi_pending,
					  1U << intid, __ATOMIC_RELEASE);
			write_sysreg(sgir_for(target->mpidr, KICK_SGI),
				     ICC_SGI1R_EL1);
		} else if (alias) {
			write_sysreg(sgir_for(target->mpidr, intid),
				     ICC_ASGI1R_EL1);
		} else {
			write_sysreg(sgir_for(target->mpidr, intid),
				     ICC_SGI1R_EL1);
		}
	}
	isb();
}

/* A direct-delivery cell's CPU took an FIQ: acknowledge; true: the kick. */
bool gic_handle_fiq(void)
{
	u64 intid = read_sysreg(ICC_IAR0_EL1) & 0xffffff;

	if (intid >= 1020)
		return false;
	write_sysreg(intid, ICC_EOIR0_EL1);
	isb();
	return intid == KICK_SGI;
}

/* ---- virtual interrupt delivery ------------------------------------ */

/* The priority the cell gave @intid (its physical priority byte). */
static u8 irq_priority(unsigned int cpu, unsigned int intid)
{
	if (intid < 32)
		return gicr_frame(cpu)[GICR_IPRIORITYR + intid];
	return ((volatile u8 *)DEVICE_VA_GICD)[GICD_IPRIORITYR + intid];
}

static u64 lr_for(unsigned int cpu, unsigned int intid)
{
	u64 lr = ICH_LR_PENDING | ICH_LR_GROUP1 | intid |
		 (u64)irq_priority(cpu, intid) << ICH_LR_PRIO_SHIFT;

	/* SGIs are the hypervisor's own injection: nothing to deactivate. */
	if (intid >= 16)
		lr |= ICH_LR_HW | (u64)intid << ICH_LR_PINTID_SHIFT;
	return lr;
}

/*
 * Put @intid into a list register; false when all are in use. An SGI
 * already listed is made pending there again (the same vINTID in two list
 * registers is UNPREDICTABLE); a hardware interrupt cannot be listed
 * twice, it stays active until the guest deactivates it.
 */
static bool list_irq(unsigned int cpu, unsigned int intid, unsigned int lrs)
{
	u64 empty = read_sysreg(ICH_ELRSR_EL2), lr;
	unsigned int n;

	if (intid < 16) {
		for (n = 0; n < lrs; n++) {
			if (empty & (1UL << n))
				continue;
			lr = read_lr(n);
			if ((u32)lr == intid) {
				write_lr(n, lr | ICH_LR_PENDING);
				return true;
			}
		}
	}
	for (n = 0; n < lrs; n++)
		if (empty & (1UL << n)) {
			write_lr(n, lr_for(cpu, intid));
			return true;
		}
	return false;
}

/*
 * Move what waits into free list registers; while anything is left, ask
 * for the maintenance interrupt that says list registers have emptied.
 */
static void flush_pending(struct per_cpu *cpu)
{
	unsigned int w, bit, lrs = num_lrs();
	bool left = false;
	u32 word;

	for (w = 0; w < ARRAY_SIZE(cpu->arch.lr_overflow); w++) {
		word = cpu->arch.lr_overflow[w];
		while (word) {
			bit = __builtin_ctz(word);
			word &= word - 1;
			if (list_irq(cpu->cpu_id, w * 32 + bit, lrs))
				cpu->arch.lr_overflow[w] &= ~(1U << bit);
			else
				left = true;
		}
	}
	write_sysreg(left ? ICH_HCR_EN | ICH_HCR_UIE : ICH_HCR_EN,
		     ICH_HCR_EL2);
}

static void queue_irq(struct per_cpu *cpu, unsigned int intid)
{
	cpu->arch.lr_overflow[intid / 32] |= 1U << (intid % 32);
}

static void deactivate(unsigned int intid)
{
	write_sysreg(intid, ICC_DIR_EL1);
}

/*
 * A cell CPU with the virtual interface took a physical IRQ at EL2. Take
 * what is pending (a bounded batch: the rest comes back at once), drop
 * each priority at once, and hand the cell what is its own.
 */
void gic_handle_irq(struct per_cpu *cpu)
{
	unsigned int n, intid;
	u32 sgis;

	for (n = 0; n < IRQ_BATCH; n++) {
		intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
		if (intid >= 1020)
			break;
		write_sysreg(intid, ICC_EOIR1_EL1);
		if (intid == KICK_SGI || intid == MAINT_PPI || intid < 16 ||
		    !cell_owns_irq(cpu->cell, intid)) {
			/* Ours, a stray SGI (from the root) or not the cell's. */
			deactivate(intid);
			if (intid == MAINT_PPI)
				cpu->stats[WARDEN_STAT_MAINTENANCE]++;
			continue;
		}
		queue_irq(cpu, intid);
	}
	sgis = __atomic_exchange_n(&cpu->arch.vsgi_pending, 0,
				   __ATOMIC_ACQUIRE);
	cpu->arch.lr_overflow[0] |= sgis;
	flush_pending(cpu);
	isb();
}
