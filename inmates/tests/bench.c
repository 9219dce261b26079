/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench: the cost of the hypervisor's trap paths and interrupt delivery, as
 * seen from a cell, measured with the virtual counter (CNTVCT_EL0).
 *
 * Under QEMU with -icount shift=0,sleep=off one counter tick is exactly 16
 * executed instructions, so each figure is printed in ticks (with three
 * decimals: a loop's total divided by its iterations) and converted to
 * instructions. Each benchmark runs ROUNDS rounds; the figure of a round is
 * its total time divided by its iterations, and min/median/max are taken
 * over the rounds (the timer latency is also given over single interrupts).
 * One line per benchmark:
 *
 *   bench: <name> min <a> median <b> max <c> ticks (<i> instructions)
 *
 * followed by `bench: done`. The loops are written in assembly so that the
 * instructions around the measured one are known: the floor benchmarks
 * (loop-empty, isb, mrs-cntvct) show what the loop itself costs.
 *
 * The parameter string (`warden cell load ... -s "TAG [key=N]..."@0xff000`)
 * starts with a tag repeated in the first and the last line, so that the
 * root can tell runs apart in the console; the tag "quick" selects short
 * rounds (make check). Options: rounds= (at most 5), iters=, irqs= (timer
 * interrupts per round, at most 200), sgis=, and wait= (milliseconds to
 * idle before measuring, so that the root can start its load first). With two or more CPUs in the cell the
 * SGI ping-pong between the first two runs as well.
 */
#include <inmate.h>

#define MAX_ROUNDS		5
#define SGI_BENCH		1
#define TIMER_DELAY_TICKS	500
#define PEER_TIMEOUT_US		1000000

struct params {
	u64 wait_ms;
	unsigned int rounds;
	u64 iters;		/* trap and floor loops, per round */
	unsigned int irqs;	/* timer interrupts per round */
	u64 sgis;		/* SGI round trips per round */
};

static const struct params full = { 0, 5, 10000, 200, 1000 };
static const struct params quick = { 0, 3, 1000, 20, 100 };
static struct params params;
static const struct params *par = &params;
static char tag[32];

/* "TAG key=N ...": the tag into tag[], the options into params. */
static void parse_param(const char *s)
{
	unsigned int len = 0;
	const char *key;
	u64 val;

	while (*s == ' ')
		s++;
	while (*s && *s != ' ' && len < sizeof(tag) - 1)
		tag[len++] = *s++;
	tag[len] = 0;
	params = strcmp(tag, "quick") ? full : quick;
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		key = s;
		while (*s && *s != '=' && *s != ' ')
			s++;
		if (*s != '=') {
			printk("bench: ignoring option without value\n");
			continue;
		}
		s++;
		for (val = 0; *s >= '0' && *s <= '9'; s++)
			val = val * 10 + (u64)(*s - '0');
		if (!strncmp(key, "rounds=", 7) && val >= 1 && val <= MAX_ROUNDS)
			params.rounds = (unsigned int)val;
		else if (!strncmp(key, "iters=", 6) && val >= 1)
			params.iters = val;
		else if (!strncmp(key, "irqs=", 5) && val >= 1 && val <= 200)
			params.irqs = (unsigned int)val;
		else if (!strncmp(key, "sgis=", 5) && val >= 1)
			params.sgis = val;
		else if (!strncmp(key, "wait=", 5))
			params.wait_ms = val;
		else
			printk("bench: ignoring bad option\n");
		while (*s && *s != ' ')
			s++;
	}
}

/* Counter read ordered after everything before it. */
static inline u64 now(void)
{
	u64 t;

	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t) : : "memory");
	return t;
}

/* --- the measured loops (n > 0 iterations each) --------------------- */

static void loop_empty(u64 n)
{
	asm volatile("1:	subs	%0, %0, #1\n"
		     "	b.ne	1b"
		     : "+r"(n) : : "cc");
}

static void loop_isb(u64 n)
{
	asm volatile("1:	isb\n"
		     "	subs	%0, %0, #1\n"
		     "	b.ne	1b"
		     : "+r"(n) : : "cc", "memory");
}

static void loop_cntvct(u64 n)
{
	u64 t;

	asm volatile("1:	mrs	%1, cntvct_el0\n"
		     "	subs	%0, %0, #1\n"
		     "	b.ne	1b"
		     : "+r"(n), "=&r"(t) : : "cc");
}

/*
 * HVC/SMC: x0 = function id, the result comes back in x0 and x1..x17 may be
 * clobbered, so the counter and the id live in registers the compiler
 * chooses outside x0..x17.
 */
#define CALL_CLOBBERS                                                       \
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",  \
		"x11", "x12", "x13", "x14", "x15", "x16", "x17", "cc",      \
		"memory"

static void loop_hvc_null(u64 n)
{
	u64 id = WARDEN_HC_NULL;

	asm volatile("1:	mov	x0, %1\n"
		     "	hvc	#0\n"
		     "	subs	%0, %0, #1\n"
		     "	b.ne	1b"
		     : "+r"(n) : "r"(id) : CALL_CLOBBERS);
}

static void loop_smc_psci_version(u64 n)
{
	u64 id = PSCI_VERSION;

	asm volatile("1:	mov	x0, %1\n"
		     "	smc	#0\n"
		     "	subs	%0, %0, #1\n"
		     "	b.ne	1b"
		     : "+r"(n) : "r"(id) : CALL_CLOBBERS);
}

static u64 gicd_typer_addr;

/* A plain `ldr w, [x]`: the trap has a valid syndrome (ISV = 1). */
static void loop_gicd_typer(u64 n)
{
	u64 val;

	asm volatile("1:	ldr	%w1, [%2]\n"
		     "	subs	%0, %0, #1\n"
		     "	b.ne	1b"
		     : "+r"(n), "=&r"(val) : "r"(gicd_typer_addr)
		     : "cc", "memory");
}

/* --- statistics and output -------------------------------------------- */

/* Values are in thousandths of a tick. */
static void sort(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void report(const char *name, u64 *v, unsigned int n)
{
	u64 med, instr_tenths;

	sort(v, n);
	med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	/* 16 instructions per tick; tenths of an instruction. */
	instr_tenths = (med * 16 + 50) / 100;
	printk("bench: %s min %llu.%03llu median %llu.%03llu max %llu.%03llu "
	       "ticks (%llu.%llu instructions)\n", name,
	       (unsigned long long)(v[0] / 1000),
	       (unsigned long long)(v[0] % 1000),
	       (unsigned long long)(med / 1000),
	       (unsigned long long)(med % 1000),
	       (unsigned long long)(v[n - 1] / 1000),
	       (unsigned long long)(v[n - 1] % 1000),
	       (unsigned long long)(instr_tenths / 10),
	       (unsigned long long)(instr_tenths % 10));
}

static void run_loop(const char *name, void (*loop)(u64 n))
{
	u64 v[MAX_ROUNDS], t0, t1;
	unsigned int r;

	loop(par->iters / 10 ? par->iters / 10 : 1);	/* warm up */
	for (r = 0; r < par->rounds; r++) {
		t0 = now();
		loop(par->iters);
		t1 = now();
		v[r] = (t1 - t0) * 1000 / par->iters;
	}
	report(name, v, par->rounds);
}

/* --- timer interrupt latency -------------------------------------------- */

#define MAX_SAMPLES	(200 * MAX_ROUNDS)

static volatile u64 timer_cval, timer_latency;
static volatile int timer_fired;
static u64 samples[MAX_SAMPLES];

static void timer_irq(unsigned int intid)
{
	u64 t = now();

	(void)intid;
	timer_latency = t - timer_cval;
	timer_stop();
	timer_fired = 1;
}

/* Sleep (wfi) with IRQs masked until flag is set, taking IRQs in between. */
static void wait_flag(volatile int *flag)
{
	while (!*flag) {
		wfi();
		irq_enable();
		isb();
		irq_disable();
	}
}

static void bench_timer(void)
{
	u64 v[MAX_ROUNDS], sum;
	unsigned int r, i, n = 0;

	irq_set_handler(TIMER_VIRT_PPI, timer_irq);
	gic_enable_irq(TIMER_VIRT_PPI);
	irq_disable();
	for (r = 0; r < par->rounds; r++) {
		sum = 0;
		for (i = 0; i < par->irqs; i++) {
			timer_fired = 0;
			timer_cval = now() + TIMER_DELAY_TICKS;
			timer_set_virt_cval(timer_cval);
			wait_flag(&timer_fired);
			sum += timer_latency;
			if (n < MAX_SAMPLES)
				samples[n++] = timer_latency * 1000;
		}
		v[r] = sum * 1000 / par->irqs;
	}
	gic_disable_irq(TIMER_VIRT_PPI);
	/*
	 * Each interrupt on its own (whole ticks: the expiry is on a tick
	 * boundary, so 2 ticks means 32 to 47 instructions), then the mean of
	 * each round, which shows how often the CPU was not run in time.
	 */
	report("timer-virt-latency", samples, n);
	report("timer-virt-latency-mean", v, par->rounds);
}

/* --- SGI ping-pong between the cell's first two CPUs ------------------ */

static volatile int peer_ready, peer_stop, pong;
static u64 first_mpidr;

static void sgi_irq(unsigned int intid)
{
	(void)intid;
	if (cpu_index() == 0)
		pong = 1;
	else if (!peer_stop)
		gic_send_sgi(first_mpidr, SGI_BENCH);
}

static void peer(void *arg)
{
	(void)arg;
	if (gic_init()) {
		printk("bench: gic_init failed on CPU %u\n", cpu_index());
		return;
	}
	gic_enable_irq(SGI_BENCH);
	irq_disable();
	dsb(ish);
	peer_ready = 1;
	dsb(ish);
	wait_flag(&peer_stop);
}

static void bench_sgi(void)
{
	u64 v[MAX_ROUNDS], t0, t1, end, i;
	u64 peer_mpidr = comm_cpu_mpidr(1);
	unsigned int r;
	int ret;

	first_mpidr = this_mpidr();
	irq_set_handler(SGI_BENCH, sgi_irq);
	gic_enable_irq(SGI_BENCH);
	ret = smp_cpu_on(peer_mpidr, peer, NULL);
	if (ret != PSCI_SUCCESS) {
		printk("bench: sgi-roundtrip skipped: CPU_ON 0x%llx: %d\n",
		       (unsigned long long)peer_mpidr, ret);
		return;
	}
	end = now() + timer_ns_to_ticks(PEER_TIMEOUT_US * 1000ULL);
	while (!peer_ready && now() < end)
		cpu_relax();
	if (!peer_ready) {
		printk("bench: sgi-roundtrip skipped: CPU 0x%llx did not start\n",
		       (unsigned long long)peer_mpidr);
		return;
	}

	irq_disable();
	for (r = 0; r < par->rounds; r++) {
		t0 = now();
		for (i = 0; i < par->sgis; i++) {
			pong = 0;
			gic_send_sgi(peer_mpidr, SGI_BENCH);
			wait_flag(&pong);
		}
		t1 = now();
		v[r] = (t1 - t0) * 1000 / par->sgis;
	}
	peer_stop = 1;
	gic_send_sgi(peer_mpidr, SGI_BENCH);	/* wake it to see the flag */
	report("sgi-roundtrip", v, par->rounds);
}

/* --- main ----------------------------------------------------------------- */

static void idle_tick(unsigned int intid)
{
	(void)intid;
	timer_stop();
}

/*
 * Sleep until the virtual timer fires, then take its interrupt: with the
 * virtual CPU interface a timer interrupt that is never acknowledged stays
 * pending in the list register (and its physical twin active), so a later
 * wfi would not sleep at all.
 */
static void idle_wfi(void)
{
	irq_set_handler(TIMER_VIRT_PPI, idle_tick);
	wfi();
	irq_enable();
	isb();
	irq_disable();
}

/* Idle for ms milliseconds (wfi on the virtual timer, IRQs masked). */
static void idle_ms(u64 ms)
{
	u64 end = now() + timer_ns_to_ticks(ms * 1000000ULL);

	irq_disable();
	gic_enable_irq(TIMER_VIRT_PPI);
	while (now() < end) {
		timer_set_virt_cval(end);
		idle_wfi();
	}
	timer_stop();
}

/* Idle (wfi, 1 ms timer) until the root asks us to shut down. */
static void __noreturn wait_for_shutdown(void)
{
	u64 ms = timer_ns_to_ticks(1000000);

	irq_disable();
	gic_enable_irq(TIMER_VIRT_PPI);
	while (!comm_shutdown_pending()) {
		timer_start_virt(ms);
		idle_wfi();	/* wakes on the timer and takes it */
		timer_stop();
	}
	printk("bench: shutdown approved\n");
	comm_reply(1);
	psci_system_off();
}

int main(void)
{
	u64 start = now();
	long ver;

	parse_param(inmate_param());
	printk("bench: start cell \"%s\" on CPU %u, %u CPUs, cntvct %llu, "
	       "%u rounds of %llu, tag \"%s\"\n", comm_cell_name(),
	       MPIDR_AFF0(this_mpidr()), comm_num_cpus(),
	       (unsigned long long)start, par->rounds,
	       (unsigned long long)par->iters, tag);
	if (timer_freq() != 62500000)
		printk("bench: note: counter at %llu Hz, not 62.5 MHz: the "
		       "instruction figures assume 16 per tick\n",
		       (unsigned long long)timer_freq());
	if (gic_init()) {
		printk("bench: no GIC\n");
		return -1;
	}
	if (par->wait_ms)
		idle_ms(par->wait_ms);

	ver = hvc_call(WARDEN_HC_NULL, 0, 0, 0);
	if (ver != 0)
		printk("bench: note: null hypercall returned %ld\n", ver);
	ver = smc_call(PSCI_VERSION, 0, 0, 0);
	printk("bench: PSCI_VERSION 0x%lx\n", ver);
	gicd_typer_addr = gicd_base() + GICD_TYPER;

	run_loop("loop-empty", loop_empty);
	run_loop("isb", loop_isb);
	run_loop("mrs-cntvct", loop_cntvct);
	run_loop("hvc-null", loop_hvc_null);
	run_loop("mmio-gicd-typer", loop_gicd_typer);
	run_loop("smc-psci-version", loop_smc_psci_version);
	bench_timer();
	if (comm_num_cpus() >= 2)
		bench_sgi();
	else
		printk("bench: sgi-roundtrip skipped: one CPU in this cell\n");

	printk("bench: total %llu ticks, tag \"%s\"\n",
	       (unsigned long long)(now() - start), tag);
	printk("bench: done\n");
	wait_for_shutdown();
}
