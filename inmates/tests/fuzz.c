/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz: a hostile cell. Driven by a seed (the parameter string at
 * INMATE_PARAM_ADDR: "<seed>" or "<seed> <operations>", decimal or 0x-hex;
 * `warden cell load fuzz fuzz.bin -s "1234 20000"@0xff000`), it issues a
 * bounded number of random operations that a separation kernel must
 * contain:
 *
 *   - HVC with a random x0, and with x0 in the Warden range 0xc6000000..
 *   - SMC with a random function ID, and PSCI calls (0x84000000..0x8400001f,
 *     0xc4000000..0xc400001f) with random arguments: CPU_ON of foreign CPUs
 *     and of its own, with bad entry points, AFFINITY_INFO, FEATURES, ...
 *   - system-register reads and writes (MRS/MSR, and a few SYS, HVC #imm
 *     and SMC #imm forms) generated into its own RAM and executed; an
 *     undefined instruction is taken by this inmate's own EL1 vectors,
 *     which step over it
 *   - SGI bursts (ICC_SGI1R/ASGI1R/SGI0R with random targets) and a short
 *     window with IRQs unmasked
 *   - random loads from its own RAM and comm page, random 32-bit loads and
 *     stores in the GICD and GICR ranges (trapped and filtered)
 *
 * Excluded on purpose (they stop or suspend the cell's only CPU, which is
 * the cell working as designed, not a finding): PSCI CPU_SUSPEND, CPU_OFF,
 * SYSTEM_OFF, SYSTEM_RESET, CPU_FREEZE, CPU_DEFAULT_SUSPEND,
 * SYSTEM_SUSPEND, SYSTEM_RESET2, SYSTEM_OFF2, and the debug-console
 * hypercall (random bytes on the shared console). System-register writes
 * that would pull the inmate's own rug (translation, vectors, exception
 * state, DAIF, TPIDR_EL1, cache maintenance by address) are not generated.
 *
 * With the parameter "idle" it attacks nothing: it just never answers a
 * shutdown request (for the soak tests).
 *
 * Every PROGRESS operations it prints a progress line; after the last one
 * "fuzz: done <count> operations". Then, last and fatal by design, it
 * loads from outside its memory: the hypervisor must end the cell FAILED.
 */
#include <inmate.h>

#define DEFAULT_OPS	20000UL
#define PROGRESS	1000UL

#define GICD_SIZE	0x10000UL
#define GICR_STRIDE	0x20000UL
#define GICR_FRAMES	4UL

#define INSN_RET	0xd65f03c0U

/* Outside the cell: the root cell's RAM as seen at the same IPA. */
#define OUTSIDE_ADDR	0x40000000UL

/* --- PRNG: xorshift64*, fully determined by the seed ---------------- */

static u64 rng_state;

static u64 rnd(void)
{
	u64 x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static u64 rnd_below(u64 n)
{
	return n ? rnd() % n : 0;
}

/* Interesting values more often than uniform ones. */
static u64 rnd_arg(void)
{
	static const u64 special[] = {
		0, 1, 2, 3, 0xff, 0x1000, 0xff000, 0x100000, 0x7fffffff,
		0x80000000, 0xffffffff, 0x40000000, 0x70000000, 0x70800000,
		0x08000000, 0x080a0000, 0xffffffffffffffffULL,
		0x8000000000000000ULL, 0x7fffffffffffffffULL,
	};

	switch (rnd_below(4)) {
	case 0:
		return special[rnd_below(ARRAY_SIZE(special))];
	case 1:
		return rnd_below(0x100);
	case 2:
		return rnd() & 0xffffffffULL;
	default:
		return rnd();
	}
}

/* --- exceptions taken by the cell itself ---------------------------- */

static volatile unsigned long exc_sync, exc_irq, exc_other;
static volatile unsigned long irqs_seen;

/* Saved by the vectors: x0..x18, x29, x30, ELR_EL1, SPSR_EL1. */
#define FRAME_ELR	21
#define FRAME_SPSR	22

void fuzz_exception(unsigned long kind, u64 *frame);
/* The inmate library's IRQ dispatcher (inmates/lib/gic.c). */
void gic_handle_irq(void);

/*
 * Every vector saves the caller-saved registers, ELR_EL1 and SPSR_EL1 (an
 * exception inside the handler must not lose them) and calls
 * fuzz_exception(kind, frame), which may change the saved ELR (to step over
 * a faulting instruction) or SPSR; then they are restored and it erets.
 */
asm(".pushsection .text\n"
    "	.balign 2048\n"
    "	.global fuzz_vectors\n"
    "fuzz_vectors:\n"
    "	.irp kind, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
    "	.balign 128\n"
    "	sub	sp, sp, #192\n"
    "	stp	x0, x1, [sp, #0]\n"
    "	mov	x0, #\\kind\n"
    "	b	fuzz_vector_common\n"
    "	.endr\n"
    "fuzz_vector_common:\n"
    "	stp	x2, x3, [sp, #16]\n"
    "	stp	x4, x5, [sp, #32]\n"
    "	stp	x6, x7, [sp, #48]\n"
    "	stp	x8, x9, [sp, #64]\n"
    "	stp	x10, x11, [sp, #80]\n"
    "	stp	x12, x13, [sp, #96]\n"
    "	stp	x14, x15, [sp, #112]\n"
    "	stp	x16, x17, [sp, #128]\n"
    "	stp	x18, x29, [sp, #144]\n"
    "	mrs	x2, elr_el1\n"
    "	mrs	x3, spsr_el1\n"
    "	stp	x30, x2, [sp, #160]\n"
    "	str	x3, [sp, #176]\n"
    "	mov	x1, sp\n"
    "	bl	fuzz_exception\n"
    "	ldp	x30, x2, [sp, #160]\n"
    "	ldr	x3, [sp, #176]\n"
    "	msr	elr_el1, x2\n"
    "	msr	spsr_el1, x3\n"
    "	ldp	x18, x29, [sp, #144]\n"
    "	ldp	x16, x17, [sp, #128]\n"
    "	ldp	x14, x15, [sp, #112]\n"
    "	ldp	x12, x13, [sp, #96]\n"
    "	ldp	x10, x11, [sp, #80]\n"
    "	ldp	x8, x9, [sp, #64]\n"
    "	ldp	x6, x7, [sp, #48]\n"
    "	ldp	x4, x5, [sp, #32]\n"
    "	ldp	x2, x3, [sp, #16]\n"
    "	ldp	x0, x1, [sp, #0]\n"
    "	add	sp, sp, #192\n"
    "	eret\n"
    ".popsection\n");

extern char fuzz_vectors[];

#define SPSR_DAIF	(0xfUL << 6)

void fuzz_exception(unsigned long kind, u64 *frame)
{
	u64 esr, ec, elr;

	switch (kind & 3) {
	case 0:		/* synchronous */
		esr = read_sysreg(esr_el1);
		ec = (esr >> 26) & 0x3f;
		elr = frame[FRAME_ELR];
		/* Instruction abort or PC alignment: stepping cannot help. */
		if (ec == 0x20 || ec == 0x21 || ec == 0x22) {
			printk("fuzz: instruction fault ESR 0x%llx at 0x%llx, "
			       "halting\n", (unsigned long long)esr,
			       (unsigned long long)elr);
			cpu_halt();
		}
		exc_sync++;
		frame[FRAME_ELR] = elr + 4;
		break;
	case 1:		/* IRQ */
		exc_irq++;
		gic_handle_irq();
		break;
	default:	/* FIQ, SError: mask them in the interrupted context */
		exc_other++;
		frame[FRAME_SPSR] |= SPSR_DAIF;
		break;
	}
}

/* --- generated code ------------------------------------------------- */

static u32 codebuf[16] __attribute__((aligned(64)));

/* Write insn; ret into codebuf, make it visible to fetch, run it. */
static u64 run_insn(u32 insn, u64 x0)
{
	u64 (*fn)(u64) = (u64(*)(u64))(unsigned long)codebuf;

	codebuf[0] = insn;
	codebuf[1] = INSN_RET;
	asm volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n isb"
		     : : "r"(codebuf) : "memory");
	return fn(x0);
}

/* May a generated MSR write this (op0 3) register? */
static int write_allowed(unsigned int op1, unsigned int crn, unsigned int crm)
{
	if (op1 >= 4)		/* EL2/EL3 and alias encodings: UNDEF at EL1 */
		return 1;
	switch (crn) {
	case 1:			/* SCTLR, ACTLR, CPACR */
	case 2:			/* TTBR0/1, TCR, pointer-auth keys */
	case 3:
	case 4:			/* SPSR, ELR, SP_EL0, SPSel, PMR, DAIF, NZCV */
	case 10:		/* MAIR, AMAIR, LOR */
		return 0;
	case 12:		/* VBAR, RMR: no; the ICC registers: yes */
		return crm >= 8;
	case 13:		/* CONTEXTIDR_EL1, TPIDR_EL1 (our CPU index) */
		return op1 != 0;
	default:
		return 1;
	}
}

static u32 sysreg_insn(int read, unsigned int op0, unsigned int op1,
		       unsigned int crn, unsigned int crm, unsigned int op2)
{
	return 0xd5100000U | ((u32)read << 21) | ((op0 & 1) << 19) |
	       (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5);
}

static unsigned long n_sysreg_read, n_sysreg_write, n_sys_other;

static void op_sysreg(void)
{
	unsigned int op0 = 2 + (unsigned int)rnd_below(2);
	unsigned int op1 = (unsigned int)rnd_below(8);
	unsigned int crn = (unsigned int)rnd_below(16);
	unsigned int crm = (unsigned int)rnd_below(16);
	unsigned int op2 = (unsigned int)rnd_below(8);
	unsigned int kind = (unsigned int)rnd_below(16);

	if (kind < 8) {
		n_sysreg_read++;
		run_insn(sysreg_insn(1, op0, op1, crn, crm, op2), 0);
	} else if (kind < 13) {
		if (op0 == 3 && !write_allowed(op1, crn, crm))
			return;
		n_sysreg_write++;
		run_insn(sysreg_insn(0, op0, op1, crn, crm, op2), rnd_arg());
	} else if (kind == 13) {
		/* TLBI (CRn 8) or AT (CRn 7, CRm 8) with a random operand. */
		n_sys_other++;
		if (rnd_below(2))
			run_insn(0xd5080000U | (op1 << 16) | (8U << 12) |
				 (crm << 8) | (op2 << 5), rnd());
		else
			run_insn(0xd5080000U | (op1 << 16) | (7U << 12) |
				 (8U << 8) | ((op2 & 3) << 5), rnd());
	} else {
		/* HVC #imm / SMC #imm with a random immediate and x0. */
		u32 imm = (u32)rnd_below(0x10000);

		n_sys_other++;
		run_insn((kind == 14 ? 0xd4000002U : 0xd4000003U) | (imm << 5),
			 rnd_arg());
	}
}

/* --- calls ------------------------------------------------------------ */

static int psci_excluded(u32 fn)
{
	switch (fn & 0x1f) {
	case 0x01:	/* CPU_SUSPEND */
	case 0x02:	/* CPU_OFF */
	case 0x08:	/* SYSTEM_OFF */
	case 0x09:	/* SYSTEM_RESET */
	case 0x0b:	/* CPU_FREEZE */
	case 0x0c:	/* CPU_DEFAULT_SUSPEND */
	case 0x0e:	/* SYSTEM_SUSPEND */
	case 0x12:	/* SYSTEM_RESET2 */
	case 0x15:	/* SYSTEM_OFF2 */
		return 1;
	}
	return 0;
}

static unsigned long n_hvc, n_smc, n_psci, n_cpu_on;

static void op_hvc(void)
{
	u64 id = rnd_below(2) ? rnd() : WARDEN_HC_BASE + rnd_below(0x40);

	if ((id & 0xffffffffULL) == WARDEN_HC_DEBUG_CONSOLE_PUTC &&
	    (id >> 32) == 0)
		id = WARDEN_HC_NULL;
	if (rnd_below(8) == 0)
		id = rnd_below(0x1000);		/* hyp-stub range */
	n_hvc++;
	hvc_call(id, rnd_arg(), rnd_arg(), rnd_arg());
}

static void op_psci(void)
{
	u64 base = rnd_below(2) ? 0x84000000ULL : 0xc4000000ULL;
	u64 fn = base + rnd_below(0x20);
	u64 a1 = rnd_arg(), a2 = rnd_arg(), a3 = rnd_arg();

	if (psci_excluded((u32)fn))
		fn = base + 0x04;		/* AFFINITY_INFO instead */
	if ((fn & 0x1f) == 0x03) {
		/* CPU_ON: foreign CPUs, our own, bad entry points. */
		n_cpu_on++;
		if (rnd_below(2))
			a1 = rnd_below(5);
		if (rnd_below(2))
			a2 = rnd_below(2) ? OUTSIDE_ADDR + rnd_below(0x1000) * 4
					  : rnd_below(0x100000) | 1;
	}
	n_psci++;
	if (rnd_below(8) == 0)
		hvc_call(fn, a1, a2, a3);	/* wrong conduit */
	else
		smc_call(fn, a1, a2, a3);
}

static void op_smc(void)
{
	u64 id = rnd();

	/* A random ID that lands in PSCI space follows the same rules. */
	if ((id & 0xbfffffe0ULL) == 0x84000000ULL && psci_excluded((u32)id))
		id ^= 0x40;
	if ((id & 0xbfffffe0ULL) == 0x84000000ULL && psci_excluded((u32)id))
		return;
	n_smc++;
	smc_call(id, rnd_arg(), rnd_arg(), rnd_arg());
}

/* --- memory ----------------------------------------------------------- */

static inline u32 load32(unsigned long addr)
{
	u32 v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u64 load64(unsigned long addr)
{
	u64 v;

	asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void store32(unsigned long addr, u32 v)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static unsigned long n_ram, n_gicd, n_gicr;
static u64 sink;

static void op_own_memory(void)
{
	unsigned long addr;

	if (rnd_below(8) == 0)
		addr = INMATE_COMM_ADDR + rnd_below(0x1000 / 8) * 8;
	else
		addr = INMATE_RAM_BASE + rnd_below(INMATE_RAM_SIZE / 8) * 8;
	n_ram++;
	sink += load64(addr);
}

static void op_gic(void)
{
	unsigned long gicd = (unsigned long)comm_region()->gicd_base;
	unsigned long gicr = (unsigned long)comm_region()->gicr_base;
	unsigned long addr;
	int write = rnd_below(4) == 0;

	if (!gicd || !gicr)
		return;
	if (rnd_below(2)) {
		n_gicd++;
		addr = gicd + rnd_below(GICD_SIZE / 4) * 4;
	} else {
		n_gicr++;
		addr = gicr + rnd_below(GICR_FRAMES * GICR_STRIDE / 4) * 4;
	}
	if (write)
		store32(addr, (u32)rnd_arg());
	else
		sink += load32(addr);
}

/* --- interrupts ------------------------------------------------------- */

static unsigned long n_sgi;

static void count_irq(unsigned int intid)
{
	(void)intid;
	irqs_seen++;
}

static void op_irq_burst(void)
{
	unsigned int i, n = 1 + (unsigned int)rnd_below(16);
	u64 v;

	for (i = 0; i < n; i++) {
		v = rnd_below(2) ? rnd() : ((rnd_below(16) << 24) |
					    (1ULL << (rnd_below(4))));
		n_sgi++;
		switch (rnd_below(3)) {
		case 0:
			write_sysreg_s("S3_0_C12_C11_5", v);
			break;
		case 1:
			write_sysreg_s("S3_0_C12_C11_6", v);
			break;
		default:
			write_sysreg_s("S3_0_C12_C11_7", v);
			break;
		}
	}
	isb();
	/* A short window for whatever is pending to arrive. */
	irq_enable();
	delay_us(rnd_below(50));
	irq_disable();
}

/* --- main ------------------------------------------------------------- */

static u64 parse_number(const char **s)
{
	const char *p = *s;
	u64 v = 0;
	unsigned int base = 10, d;

	while (*p == ' ')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (;; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned int)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned int)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned int)(*p - 'A' + 10);
		else
			break;
		v = v * base + d;
	}
	*s = p;
	return v;
}

int main(void)
{
	const char *param = inmate_param();
	u64 seed, ops, i;
	unsigned int sgi;

	if (!strcmp(param, "idle")) {
		printk("fuzz: idle, ignoring shutdown requests\n");
		for (;;)
			delay_us(1000);
	}
	seed = parse_number(&param);
	ops = parse_number(&param);
	if (!ops)
		ops = DEFAULT_OPS;
	rng_state = seed ^ 0x9e3779b97f4a7c15ULL;
	if (!rng_state)
		rng_state = 1;

	printk("fuzz: cell \"%s\" on CPU %u, seed %llu, %llu operations\n",
	       comm_cell_name(), MPIDR_AFF0(this_mpidr()),
	       (unsigned long long)seed, (unsigned long long)ops);

	if (gic_init() == 0)
		for (sgi = 0; sgi < 16; sgi++) {
			irq_set_handler(sgi, count_irq);
			gic_enable_irq(sgi);
		}
	write_sysreg(vbar_el1, (unsigned long)fuzz_vectors);
	isb();

	for (i = 1; i <= ops; i++) {
		switch (rnd_below(16)) {
		case 0:
		case 1:
		case 2:
			op_hvc();
			break;
		case 3:
		case 4:
			op_smc();
			break;
		case 5:
		case 6:
		case 7:
			op_psci();
			break;
		case 8:
		case 9:
		case 10:
		case 11:
			op_sysreg();
			break;
		case 12:
			op_own_memory();
			break;
		case 13:
		case 14:
			op_gic();
			break;
		default:
			op_irq_burst();
			break;
		}
		if (i % PROGRESS == 0)
			printk("fuzz: %llu/%llu operations, %lu exceptions "
			       "stepped over\n", (unsigned long long)i,
			       (unsigned long long)ops, exc_sync);
	}

	printk("fuzz: hvc %lu smc %lu psci %lu (cpu_on %lu) sysreg r %lu "
	       "w %lu other %lu ram %lu gicd %lu gicr %lu sgi %lu; "
	       "exceptions sync %lu irq %lu other %lu, irqs %lu\n",
	       n_hvc, n_smc, n_psci, n_cpu_on, n_sysreg_read, n_sysreg_write,
	       n_sys_other, n_ram, n_gicd, n_gicr, n_sgi, exc_sync, exc_irq,
	       exc_other, irqs_seen);
	printk("fuzz: done %llu operations\n", (unsigned long long)ops);

	/* Fatal by design: the hypervisor must stop the cell here. */
	printk("fuzz: reading outside the cell at 0x%lx\n",
	       (unsigned long)OUTSIDE_ADDR);
	sink += load32(OUTSIDE_ADDR + rnd_below(0x1000) * 4);
	printk("fuzz: ERROR: read outside the cell returned 0x%llx\n",
	       (unsigned long long)sink);
	cpu_halt();
}
