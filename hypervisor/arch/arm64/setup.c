// SPDX-License-Identifier: GPL-2.0-only
/* arm64 set-up: EL2 tables, boot data, taking a CPU over and giving it back. */
#include <hv/control.h>
#include <hv/cell.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <asm/boot.h>
#include <asm/cell_arch.h>
#include <asm/psci.h>
#include <asm/gic.h>
#include <asm/sysregs.h>

#define ROOT_VMID		1
#define CNTHCTL_EL1PCTEN	(1 << 0)
#define CNTHCTL_EL1PCEN		(1 << 1)
#define ICC_SRE_EL2_SRE		(1 << 0)
#define ICC_SRE_EL2_ENABLE	(1 << 3)
#define ICC_SRE_EL1_SRE		(1 << 0)

extern char hv_vectors[], arch_entry[];

struct boot_data boot_data;
/* EL2 state of Linux's stub, as found on the first CPU that entered. */
static struct {
	bool valid;
	u64 hcr, vbar, cptr, mdcr, cnthctl, sre;
} stub;
static u64 vtcr;

void arch_early_init(u64 stub_vectors)
{
	write_sysreg(hv_vectors, vbar_el2);
	isb();
	stub.vbar = stub_vectors;
	stub.valid = false;
}

void arch_dcache_flush(const void *start, u64 size)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 addr = (u64)start & ~(line - 1);

	for (; addr < (u64)start + size; addr += line)
		asm volatile("dc civac, %0" : : "r"(addr) : "memory");
	dsb(sy);
}

void arch_panic_stop(void)
{
	asm volatile("msr daifset, #0xf");
	for (;;)
		wfe();
}

int arch_map_devices(void)
{
	const struct warden_system *sys = system_config;
	int err = 0;

	if (sys->debug_console.type == WARDEN_CONSOLE_PL011) {
		err = paging_map(&hv_paging, DEVICE_VA_UART,
				 sys->debug_console.address, PAGE_SIZE,
				 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	}
	return err ?: gic_map(&hv_paging);
}

void arch_switch_tables(pte_t *root)
{
	write_sysreg(hv_virt2phys(root), ttbr0_el2);
	isb();
	asm volatile("tlbi alle2" : : : "memory");
	dsb(ish);
	isb();
}

/*
 * Every CPU's root table is a copy of the common one plus its own slot 2,
 * where its per-CPU data appears at PERCPU_VA.
 */
int arch_init_cpu_tables(struct per_cpu *cpu, unsigned int pages)
{
	struct paging pg = hv_paging;
	unsigned int slot;

	pg.root = page_alloc(&mem_pool, 1);
	if (!pg.root)
		return -ENOMEM;
	for (slot = 0; slot < 512; slot++)
		pg.root[slot] = hv_paging.root[slot];
	cpu->arch.root_table = pg.root;
	cpu->arch.root_ttbr = hv_virt2phys(pg.root);
	return paging_map(&pg, PERCPU_VA, hv_virt2phys(cpu), pages * PAGE_SIZE,
			  PAGING_READ | PAGING_WRITE);
}

static unsigned int pa_bits(void)
{
	static const unsigned char bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	unsigned int r = read_sysreg(id_aa64mmfr0_el1) & 7;

	return r < ARRAY_SIZE(bits) ? MIN(bits[r], 48U) : 48;
}

/* The entry code reads boot_data with the MMU off: clean it to memory. */
int arch_init(void)
{
	unsigned int n, ipa = pa_bits();

	if (ipa < 40) {
		printk("ERROR: %u-bit physical addresses: stage 2 needs 40 or more\n",
		       ipa);
		return -EINVAL;
	}
	vtcr = VTCR_RES1 | TCR_T0SZ(ipa) | VTCR_SL0_L0 | TCR_IRGN0_WBWA |
	       TCR_ORGN0_WBWA | TCR_SH0_INNER |
	       ((read_sysreg(id_aa64mmfr0_el1) & 7) << VTCR_PS_SHIFT);
	boot_data.tcr = read_sysreg(tcr_el2);
	boot_data.mair = read_sysreg(mair_el2);
	for (n = 0; n < system_config->platform.num_cpus; n++) {
		boot_data.cpus[n].mpidr = per_cpu(n)->mpidr & MPIDR_AFF_MASK;
		boot_data.cpus[n].ttbr = per_cpu(n)->arch.root_ttbr;
	}
	boot_data.num_cpus = n;
	arch_dcache_flush(&boot_data, sizeof(boot_data));
	gic_init();
	return 0;
}

int arch_cell_init(struct cell *cell)
{
	cell->arch.vmid = ROOT_VMID + cell->id;
	cell->arch.vttbr = hv_virt2phys(cell->stage2.root) |
			   ((u64)cell->arch.vmid << 48);
	return gic_cell_check(cell) ?: gic_cell_init(cell);
}

static void save_stub_state(struct per_cpu *cpu)
{
	if (!stub.valid) {
		stub.hcr = read_sysreg(hcr_el2);
		stub.cptr = read_sysreg(cptr_el2);
		stub.mdcr = read_sysreg(mdcr_el2);
		stub.cnthctl = read_sysreg(cnthctl_el2);
		stub.sre = read_sysreg(S3_4_C12_C9_5);	/* ICC_SRE_EL2 */
		stub.valid = true;
	}
	cpu->arch.stub_hcr = stub.hcr;
	cpu->arch.stub_vbar = stub.vbar;
}

/*
 * The architectural reset state a guest CPU starts in (PSCI CPU_ON, cell
 * start and restart): EL1h, MMU and caches off, interrupts masked, timers
 * off, all registers but x0 zero.
 */
static void reset_el1(struct trap_frame *frame, u64 entry, u64 context)
{
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	write_sysreg(0, vbar_el1);
	write_sysreg(0, cpacr_el1);
	write_sysreg(0, cntkctl_el1);
	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	write_sysreg(0, mdscr_el1);
	write_sysreg(0, tpidr_el1);
	write_sysreg(0, sp_el1);
	write_sysreg(0, sp_el0);
	write_sysreg(ICC_SRE_EL1_SRE, S3_0_C12_C12_5);	/* ICC_SRE_EL1 */
	memset(frame, 0, sizeof(*frame));
	frame->x[0] = context;
	write_sysreg(entry, elr_el2);
	write_sysreg(SPSR_DAIF | SPSR_EL1H, spsr_el2);
}

/*
 * A CPU coming from PSCI CPU_ON has EL2 registers in their reset state:
 * give it what Linux's stub would have set up, then the guest's entry.
 */
static void prepare_cpu_on(struct per_cpu *cpu)
{
	struct trap_frame *frame = trap_frame();

	write_sysreg(stub.cptr, cptr_el2);
	write_sysreg(stub.mdcr, mdcr_el2);
	write_sysreg(stub.cnthctl | CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN,
		     cnthctl_el2);
	write_sysreg(0, cntvoff_el2);
	write_sysreg(stub.sre | ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE,
		     S3_4_C12_C9_5);
	write_sysreg(0, hstr_el2);
	cpu->arch.stub_hcr = stub.hcr;
	cpu->arch.stub_vbar = stub.vbar;
	reset_el1(frame, cpu->arch.on_entry, cpu->arch.on_context);
}

int arch_cpu_init(struct per_cpu *cpu, bool cpu_on)
{
	struct cell *cell = cpu->cell;

	if (!cpu_on)
		save_stub_state(cpu);
	else if (!stub.valid)
		return -EINVAL;
	else
		prepare_cpu_on(cpu);
	/* EL1 reads of MIDR/MPIDR return these while EL2 is on. */
	write_sysreg(read_sysreg(midr_el1), vpidr_el2);
	write_sysreg(read_sysreg(mpidr_el1), vmpidr_el2);
	cpu->arch.leave = false;
	write_sysreg(hv_vectors, vbar_el2);
	write_sysreg(vtcr, vtcr_el2);
	write_sysreg(cell->arch.vttbr, vttbr_el2);
	isb();
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	gic_cpu_init(cpu);
	/*
	 * The root's interrupts go straight to it (IMO, FMO clear). A cell's
	 * CPU takes its interrupts through the virtual CPU interface, or,
	 * flagged for direct delivery, only the group-0 kick at EL2; both make
	 * SGI sends trap so they stay inside the cell (see gicv3_cpu.c).
	 */
	write_sysreg(stub.hcr | HCR_VM | HCR_SWIO | HCR_AMO | HCR_TSC | HCR_RW |
		     gic_cpu_hcr(cpu), hcr_el2);
	isb();
	return 0;
}

void arch_cpu_restore(struct per_cpu *cpu)
{
	write_sysreg(cpu->arch.stub_hcr, hcr_el2);
	write_sysreg(0, vttbr_el2);
	isb();
	/* Linux's own TLB entries (VMID 0) may be stale after our session. */
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	write_sysreg(cpu->arch.stub_vbar, vbar_el2);
	isb();
}

/* Where PSCI CPU_ON sends a CPU of ours: arch_entry's physical address. */
u64 arch_cpu_on_entry(void)
{
	return hv_virt2phys(arch_entry);
}

void arch_flush_root_tlb(void)
{
	/* Only the root cell manages cells, so its VMID is the current one. */
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	isb();
}

void arch_flush_hv_tlb(u64 va)
{
	asm volatile("tlbi vae2is, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

void arch_cpu_reset_self(u64 entry)
{
	reset_el1(trap_frame(), entry, 0);
	asm volatile("mov sp, %0\n\tb guest_return" : : "r"(FRAME_VA));
	__builtin_unreachable();
}

/*
 * The root cell's stage 2 changes while its CPUs run (cells come and go):
 * the break-before-make flush. Only the root cell manages cells, so its
 * VMID is the current one on the CPU that makes the change.
 */
void arch_flush_root_range(const struct paging *pg, u64 virt, u64 size)
{
	(void)pg;
	(void)virt;
	(void)size;
	dsb(ishst);
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	isb();
}
