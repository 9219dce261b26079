// SPDX-License-Identifier: GPL-2.0-only
/*
 * Traps from guests: one table indexed by ESR_EL2.EC, one fallback. A guest
 * can never take the hypervisor down: what nobody handles is reflected into
 * the guest as the exception it would have seen without us.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <asm/cell_arch.h>
#include <asm/decode.h>
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define DFSC_SYNC_EXT_ABORT	0x10
#define HPFAR_FIPA_MASK		0x00000ffffffffff0ULL
#define PAR_F			1
#define ID_AA64MMFR1_PAN_SHIFT	20
#define SCTLR_SPAN		(1UL << 23)
#define SPSR_PAN		(1UL << 22)
#define HCR_VSE			(1UL << 8)

/* Enter the guest's EL1 vector for a synchronous exception with @esr. */
static void inject_sync(u64 esr, u64 far)
{
	u64 spsr = read_sysreg(spsr_el2), offset, pstate;

	if (spsr & 0x10)		/* from AArch32 EL0 */
		offset = 0x600;
	else if ((spsr & SPSR_MODE_MASK) == 0)
		offset = 0x400;		/* from EL0 */
	else if ((spsr & SPSR_MODE_MASK) == SPSR_EL1H)
		offset = 0x200;
	else
		offset = 0x000;
	write_sysreg(esr, esr_el1);
	write_sysreg(far, far_el1);
	write_sysreg(read_sysreg(elr_el2), elr_el1);
	write_sysreg(spsr, spsr_el1);
	pstate = SPSR_DAIF | SPSR_EL1H;
	/* PSTATE.PAN is set on exception entry unless SCTLR_EL1.SPAN says not. */
	if (((read_sysreg(id_aa64mmfr1_el1) >> ID_AA64MMFR1_PAN_SHIFT) & 0xf) &&
	    !(read_sysreg(sctlr_el1) & SCTLR_SPAN))
		pstate |= SPSR_PAN;
	write_sysreg(pstate, spsr_el2);
	write_sysreg(read_sysreg(vbar_el1) + offset, elr_el2);
}

static bool from_el0(void)
{
	return (read_sysreg(spsr_el2) & SPSR_MODE_MASK) == 0;
}

void inject_dabt(u64 far)
{
	u64 ec = from_el0() ? EC_DABT_LOW : EC_DABT_CUR;

	inject_sync((ec << ESR_EC_SHIFT) | ESR_IL | DFSC_SYNC_EXT_ABORT, far);
}

void inject_undef(void)
{
	inject_sync(ESR_IL, 0);
}

static void skip_instruction(u64 esr)
{
	write_sysreg(read_sysreg(elr_el2) + ((esr & ESR_IL) ? 4 : 2), elr_el2);
}

/* The faulting IPA, or false when the guest should just retry. */
static bool fault_ipa(u64 esr, u64 far, u64 *ipa)
{
	u64 par, saved;

	if (dabt_hpfar_valid(esr)) {
		*ipa = ((read_sysreg(hpfar_el2) & HPFAR_FIPA_MASK) << 8) |
		       (far & 0xfff);
		return true;
	}
	/*
	 * HPFAR_EL2 is UNKNOWN for a stage-2 permission fault that is not on
	 * a stage-1 walk: translate FAR again. If that fails, another CPU
	 * changed the guest's tables under us; let the guest fault again.
	 * PAR_EL1 is the guest's: give it back as it was.
	 */
	saved = read_sysreg(par_el1);
	asm volatile("at s1e1r, %0" : : "r"(far));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(saved, par_el1);
	if (par & PAR_F)
		return false;
	*ipa = ((par_to_hpfar(par) & HPFAR_FIPA_MASK) << 8) | (far & 0xfff);
	return true;
}

static void handle_unknown(struct trap_frame *f, u64 esr, u64 far);

#define FSC_TRANSLATION(fsc)	(((fsc) & 0x3c) == 0x04)

/*
 * A translation fault on memory that is mapped by now: the root cell hit
 * an entry in the middle of a break-before-make (its stage 2 changes while
 * it runs). Let it retry.
 */
static bool retry_after_break(const struct cell *cell, u64 esr, u64 ipa)
{
	unsigned int flags;
	u64 phys;

	return cell == &root_cell && FSC_TRANSLATION(esr & 0x3f) &&
	       paging_lookup(&cell->stage2, ipa & PAGE_MASK, &phys, &flags) &&
	       !(flags & PAGING_DEVICE);
}

/* Instruction aborts at stage 2: only a break-before-make retry is normal. */
static void handle_iabt(struct trap_frame *f, u64 esr, u64 far)
{
	u64 ipa = ((read_sysreg(hpfar_el2) & HPFAR_FIPA_MASK) << 8) |
		  (far & 0xfff);

	if (retry_after_break(this_cpu()->cell, esr, ipa))
		return;
	handle_unknown(f, esr, far);
}

static void handle_dabt(struct trap_frame *f, u64 esr, u64 far)
{
	struct per_cpu *cpu = this_cpu();
	struct mmio_access access;
	struct dabt_info info;
	enum mmio_result res = MMIO_UNHANDLED;
	u64 ipa;

	cpu->stats[WARDEN_STAT_MMIO]++;
	if (!fault_ipa(esr, far, &ipa))
		return;
	if (!decode_dabt(esr, &info)) {
		access.address = ipa;
		access.size = info.size;
		access.is_write = info.is_write;
		access.value = info.reg == 31 ? 0 : f->x[info.reg];
		res = mmio_dispatch(&cpu->cell->mmio, &access);
	}
	if (res == MMIO_HANDLED) {
		if (!info.is_write && info.reg != 31)
			f->x[info.reg] = dabt_extend_read(&info, access.value);
		skip_instruction(esr);
		return;
	}
	if (retry_after_break(cpu->cell, esr, ipa))
		return;
	if (cpu->cell != &root_cell)
		cell_fail_this_cpu((esr & (1 << 6)) ?
				   "write outside its memory at IPA" :
				   "read outside its memory at IPA",
				   ipa, read_sysreg(elr_el2));
	printk("CPU %u: cell %u %s at IPA 0x%llx (ELR 0x%llx): data abort injected\n",
	       cpu->cpu_id, cpu->cell->id,
	       (esr & (1 << 6)) ? "write" : "read", ipa, read_sysreg(elr_el2));
	inject_dabt(far);
}

/* ISS of a trapped MSR/MRS (EC 0x18): the register and the direction. */
#define SYSREG_ISS_MASK		0x3ffc1e	/* Op0 Op2 Op1 CRn CRm */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))
#define ISS_ICC_SGI1R		SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ICC_ASGI1R		SYSREG_ISS(3, 0, 12, 11, 6)
#define ISS_ICC_SGI0R		SYSREG_ISS(3, 0, 12, 11, 7)

static void handle_sysreg(struct trap_frame *f, u64 esr, u64 far)
{
	u64 iss = ESR_ISS(esr), reg = (iss >> 5) & 0x1f;
	u64 value = reg == 31 ? 0 : f->x[reg];
	bool read = iss & 1;

	this_cpu()->stats[WARDEN_STAT_SYSREG]++;
	switch (iss & SYSREG_ISS_MASK) {
	case ISS_ICC_SGI1R:
	case ISS_ICC_ASGI1R:
		if (!read)
			gic_send_sgi(value, (iss & SYSREG_ISS_MASK) ==
					    ISS_ICC_ASGI1R);
		break;
	case ISS_ICC_SGI0R:
		break;		/* group 0 is the hypervisor's: ignored */
	default:
		handle_unknown(f, esr, far);
		return;
	}
	if (read && reg != 31)
		f->x[reg] = 0;	/* SGI registers are write-only */
	skip_instruction(esr);
}

static void handle_hvc(struct trap_frame *f, u64 esr, u64 far)
{
	u64 id = f->x[0];

	(void)far;
	if (ESR_ISS(esr) & 0xffff)		/* only HVC #0 is ours */
		f->x[0] = WARDEN_HC_NOT_SUPPORTED;
	else if (id < 0x1000)			/* Linux hyp-stub calls */
		f->x[0] = WARDEN_STUB_ERR;
	else if ((id & 0xffffff00) == 0x8600ff00)
		f->x[0] = smccc_discovery(f);
	else
		f->x[0] = hypercall(id, f->x[1], f->x[2], f->x[3]);
}

static void handle_smc(struct trap_frame *f, u64 esr, u64 far)
{
	(void)far;
	/* A trapped SMC returns to the SMC itself: step over it. */
	skip_instruction(esr);
	if (ESR_ISS(esr) & 0xffff)
		f->x[0] = WARDEN_HC_NOT_SUPPORTED;
	else
		handle_psci_smccc(f);
}

static void handle_unknown(struct trap_frame *f, u64 esr, u64 far)
{
	struct per_cpu *cpu = this_cpu();

	(void)f;
	(void)far;
	cpu->stats[WARDEN_STAT_OTHER]++;
	if (cpu->cell != &root_cell)
		cell_fail_this_cpu("unhandled trap, ESR", esr,
				   read_sysreg(elr_el2));
	printk("CPU %u: cell %u: unhandled trap, ESR 0x%llx ELR 0x%llx: undefined instruction injected\n",
	       cpu->cpu_id, cpu->cell->id, esr, read_sysreg(elr_el2));
	inject_undef();
}

typedef void (*trap_handler)(struct trap_frame *f, u64 esr, u64 far);

static const trap_handler trap_handlers[EC_MAX + 1] = {
	[EC_HVC64] = handle_hvc,
	[EC_SMC64] = handle_smc,
	[EC_DABT_LOW] = handle_dabt,
	[EC_IABT_LOW] = handle_iabt,
	[EC_SYSREG] = handle_sysreg,
};

static long finish_trap(void)
{
	struct per_cpu *cpu = this_cpu();
	struct trap_frame *f = trap_frame();

	if (f->pad) {
		/* An SError the guest caused surfaced in the exit window. */
		f->pad = 0;
		if (cpu->cell != &root_cell)
			cell_fail_this_cpu("SError, ESR", read_sysreg(esr_el2), 0);
		printk("CPU %u: cell %u raised an SError: virtual SError injected\n",
		       cpu->cpu_id, cpu->cell->id);
		write_sysreg(read_sysreg(hcr_el2) | HCR_VSE, hcr_el2);
	}
	return cpu->arch.leave ? hv_cpu_leave() + TRAP_LEAVE : 0;
}

long arch_handle_trap(u64 esr, u64 far)
{
	struct per_cpu *cpu = this_cpu();
	trap_handler handler = trap_handlers[ESR_EC(esr)];

	cpu->stats[WARDEN_STAT_TOTAL]++;
	(handler ? handler : handle_unknown)(trap_frame(), esr, far);
	return finish_trap();
}

/*
 * HVC and SMC (entry.S saved only x0-x18, x29, x30: these handlers use the
 * frame's x0-x3 and nothing else); 0 or TRAP_LEAVE.
 */
long arch_handle_call(u64 esr, u64 far)
{
	this_cpu()->stats[WARDEN_STAT_TOTAL]++;
	if (ESR_EC(esr) == EC_HVC64)
		handle_hvc(trap_frame(), esr, far);
	else
		handle_smc(trap_frame(), esr, far);
	return finish_trap();
}

/*
 * Interrupts reach EL2 only on a cell's CPUs: every physical IRQ with the
 * virtual CPU interface, the group-0 kick as an FIQ for a direct-delivery
 * cell. Either way a pending stop request is honoured here.
 */
void arch_handle_irq(void)
{
	struct per_cpu *cpu = this_cpu();

	cpu->stats[WARDEN_STAT_IRQ]++;
	if (cpu->arch.direct_irqs)
		gic_handle_fiq();
	else
		gic_handle_irq(cpu);
	if (cpu->arch.stop)
		arch_cpu_power_off_self(CPU_OFF);
}

long arch_handle_serror(void)
{
	struct per_cpu *cpu = this_cpu();

	cpu->stats[WARDEN_STAT_TOTAL]++;
	if (cpu->cell != &root_cell)
		cell_fail_this_cpu("SError, ESR", read_sysreg(esr_el2), 0);
	printk("CPU %u: cell %u: SError (ESR 0x%llx): virtual SError injected\n",
	       cpu->cpu_id, cpu->cell->id, read_sysreg(esr_el2));
	write_sysreg(read_sysreg(hcr_el2) | HCR_VSE, hcr_el2);
	return finish_trap();
}

/* An exception at EL2 itself: our bug. Report everything and stop. */
void hv_panic_exception(struct trap_frame *f, u64 kind)
{
	static const char *const kinds[] = {
		"sync (SP0)", "irq (SP0)", "fiq (SP0)", "serror (SP0)",
		"sync", "irq", "fiq", "serror",
	};
	unsigned int i;

	printk("\nWARDEN PANIC: unexpected %s exception at EL2\n",
	       kinds[kind & 7]);
	printk("ESR 0x%016llx ELR 0x%016llx FAR 0x%016llx SPSR 0x%016llx\n",
	       read_sysreg(esr_el2), read_sysreg(elr_el2), read_sysreg(far_el2),
	       read_sysreg(spsr_el2));
	printk("MPIDR 0x%llx SP 0x%llx\n", read_sysreg(mpidr_el1),
	       (u64)f + FRAME_SIZE);
	for (i = 0; i < 31; i += 2)
		printk("x%02u 0x%016llx  x%02u 0x%016llx\n", i, f->x[i], i + 1,
		       i + 1 < 31 ? f->x[i + 1] : 0);
	arch_panic_stop();
}
