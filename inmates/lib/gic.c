/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * GICv3 for inmates: the CPU interface through system registers, SGIs and
 * PPIs in this CPU's redistributor, SPIs in the distributor (whose accesses
 * the hypervisor traps and filters: 32-bit accesses only, 64-bit for
 * GICD_IROUTER). Distributor-wide settings (GICD_CTLR) belong to the root
 * cell and are left alone. All interrupts are Group 1 Non-secure.
 */
#include <inmate.h>

/* Redistributor: RD_base frame, then SGI_base frame 64 KiB above. */
#define GICR_FRAME_STRIDE	0x20000
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1ULL << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1U << 1)	/* ProcessorSleep */
#define GICR_WAKER_ASLEEP	(1U << 2)	/* ChildrenAsleep */
#define GICR_SGI_BASE		0x10000
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR(n)	(GICR_SGI_BASE + 0x0400 + 4 * (n))
#define GICR_MAX_FRAMES		256

#define ICC_SRE_SRE		(1U << 0)
#define ICC_CTLR_EOIMODE	(1U << 1)
#define ICC_IAR_INTID_MASK	0xffffffU
#define ICC_SGI1R_AFF1_SHIFT	16
#define ICC_SGI1R_INTID_SHIFT	24
#define ICC_SGI1R_AFF2_SHIFT	32
#define ICC_SGI1R_RS_SHIFT	44
#define ICC_SGI1R_AFF3_SHIFT	48

#define IRQ_PRIORITY		0xa0
#define PMR_ALLOW_ALL		0xf0

void gic_handle_irq(void);

static unsigned long gicr_of_cpu[INMATE_MAX_CPUS];
static irq_handler_t handlers[GIC_MAX_INTID];

u64 gicd_base(void)
{
	return comm_region()->gicd_base;
}

/* GICR_TYPER.Affinity [63:32] packs Aff3.Aff2.Aff1.Aff0. */
static u32 gicr_affinity(u64 mpidr)
{
	return (u32)(mpidr & 0xffffff) | (MPIDR_AFF3(mpidr) << 24);
}

/*
 * Frames of other cells' CPUs are not mapped for this cell, so try the
 * frame whose index is our Aff0 first (the system CPU index on QEMU virt)
 * and only then walk from the first frame.
 */
static unsigned long find_redistributor(void)
{
	unsigned long base = (unsigned long)comm_region()->gicr_base;
	u32 aff = gicr_affinity(this_mpidr());
	unsigned long frame = base + MPIDR_AFF0(this_mpidr()) *
					     (unsigned long)GICR_FRAME_STRIDE;
	unsigned int i;
	u64 typer;

	if ((u32)(mmio_read64(frame + GICR_TYPER) >> 32) == aff)
		return frame;
	for (i = 0; i < GICR_MAX_FRAMES; i++) {
		frame = base + i * (unsigned long)GICR_FRAME_STRIDE;
		typer = mmio_read64(frame + GICR_TYPER);
		if ((u32)(typer >> 32) == aff)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static void redistributor_wake(unsigned long rd)
{
	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP)
		cpu_relax();
}

int gic_init(void)
{
	unsigned long rd;

	if (comm_region()->gic_version != 3) {
		printk("inmate: GIC version %u is not supported\n",
		       comm_region()->gic_version);
		return -1;
	}
	rd = find_redistributor();
	if (!rd) {
		printk("inmate: no redistributor for mpidr 0x%llx\n",
		       (unsigned long long)this_mpidr());
		return -1;
	}
	gicr_of_cpu[cpu_index()] = rd;
	redistributor_wake(rd);

	write_sysreg_s(SYS_ICC_SRE_EL1,
		       read_sysreg_s(SYS_ICC_SRE_EL1) | ICC_SRE_SRE);
	isb();
	write_sysreg_s(SYS_ICC_PMR_EL1, PMR_ALLOW_ALL);
	write_sysreg_s(SYS_ICC_BPR1_EL1, 0);
	/* EOImode 0: writing EOIR1 both drops priority and deactivates. */
	write_sysreg_s(SYS_ICC_CTLR_EL1,
		       read_sysreg_s(SYS_ICC_CTLR_EL1) & ~ICC_CTLR_EOIMODE);
	write_sysreg_s(SYS_ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

/* Set byte intid % 4 of a priority word (the registers are byte arrays). */
static u32 with_priority(u32 word, unsigned int intid, u8 prio)
{
	unsigned int shift = (intid % 4) * 8;

	return (word & ~(0xffU << shift)) | ((u32)prio << shift);
}

static unsigned long priority_reg(unsigned int intid)
{
	unsigned long rd = gicr_of_cpu[cpu_index()];

	if (intid < 32)
		return rd ? rd + GICR_IPRIORITYR(intid / 4) : 0;
	return (unsigned long)gicd_base() + GICD_IPRIORITYR(intid / 4);
}

void gic_set_priority(unsigned int intid, u8 prio)
{
	unsigned long reg = intid < GIC_MAX_INTID ? priority_reg(intid) : 0;

	if (reg)
		mmio_write32(reg, with_priority(mmio_read32(reg), intid, prio));
}

static void enable_private(unsigned int intid)
{
	unsigned long rd = gicr_of_cpu[cpu_index()];

	if (!rd)
		return;
	mmio_write32(rd + GICR_IGROUPR0,
		     mmio_read32(rd + GICR_IGROUPR0) | (1U << intid));
	gic_set_priority(intid, IRQ_PRIORITY);
	mmio_write32(rd + GICR_ISENABLER0, 1U << intid);
}

static void enable_shared(unsigned int intid)
{
	unsigned long gicd = (unsigned long)gicd_base();
	unsigned long group = gicd + GICD_IGROUPR(intid / 32);

	mmio_write32(group, mmio_read32(group) | (1U << (intid % 32)));
	gic_set_priority(intid, IRQ_PRIORITY);
	mmio_write64(gicd + GICD_IROUTER(intid), this_mpidr());
	mmio_write32(gicd + GICD_ISENABLER(intid / 32), 1U << (intid % 32));
}

void gic_enable_irq(unsigned int intid)
{
	if (intid < 32)
		enable_private(intid);
	else if (intid < GIC_MAX_INTID)
		enable_shared(intid);
}

void gic_disable_irq(unsigned int intid)
{
	unsigned long rd = gicr_of_cpu[cpu_index()];

	if (intid < 32) {
		if (rd)
			mmio_write32(rd + GICR_ICENABLER0, 1U << intid);
	} else if (intid < GIC_MAX_INTID) {
		mmio_write32((unsigned long)gicd_base() +
				     GICD_ICENABLER(intid / 32),
			     1U << (intid % 32));
	}
}

/*
 * ICC_SGI1R_EL1: the target list holds Aff0 values RS * 16 .. RS * 16 + 15
 * of the cluster Aff3.Aff2.Aff1.
 */
void gic_send_sgi(u64 mpidr, unsigned int intid)
{
	unsigned int aff0 = MPIDR_AFF0(mpidr);
	u64 val = (1ULL << (aff0 % 16)) |
		  ((u64)MPIDR_AFF1(mpidr) << ICC_SGI1R_AFF1_SHIFT) |
		  ((u64)(intid & 0xf) << ICC_SGI1R_INTID_SHIFT) |
		  ((u64)MPIDR_AFF2(mpidr) << ICC_SGI1R_AFF2_SHIFT) |
		  ((u64)(aff0 / 16) << ICC_SGI1R_RS_SHIFT) |
		  ((u64)MPIDR_AFF3(mpidr) << ICC_SGI1R_AFF3_SHIFT);

	/* Data the target will read must be visible before the SGI. */
	dsb(ishst);
	write_sysreg_s(SYS_ICC_SGI1R_EL1, val);
	isb();
}

void irq_set_handler(unsigned int intid, irq_handler_t handler)
{
	if (intid < GIC_MAX_INTID)
		handlers[intid] = handler;
}

/* From the IRQ vector: acknowledge, dispatch, end, until none is pending. */
void gic_handle_irq(void)
{
	u64 iar;
	unsigned int intid;

	for (;;) {
		iar = read_sysreg_s(SYS_ICC_IAR1_EL1);
		intid = (unsigned int)(iar & ICC_IAR_INTID_MASK);
		if (intid >= 1020)	/* 1020..1023: special, none pending */
			break;
		if (handlers[intid]) {
			handlers[intid](intid);
		} else {
			printk("inmate: unhandled IRQ %u on CPU %u, disabled\n",
			       intid, cpu_index());
			gic_disable_irq(intid);
		}
		write_sysreg_s(SYS_ICC_EOIR1_EL1, iar);
		isb();
	}
}
