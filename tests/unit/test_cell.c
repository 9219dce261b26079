// SPDX-License-Identifier: GPL-2.0-only
/*
 * hypervisor/cell.c on the host, with no driver in front of it: the EL2
 * bound on irqchip pin_base, a cell's RAM cleared (and cleaned to PoC)
 * before the root sees it again, at destroy and when it is made loadable
 * after running, only the RAM that is the cell's alone, and a CPU that does
 * not stop leaving the cell FAILED with that reason and its memory in place.
 * The arch hooks are fakes; "physical" cell RAM is a host buffer reached
 * through the fake writable window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hv/percpu.h>
#undef this_cpu
#define this_cpu()	(&cpus[0])	/* the root's CPU 0 makes every call */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <asm/cell_arch.h>

#define NCPUS		4
static struct per_cpu cpus[NCPUS];

#include "../../hypervisor/cell.c"

#define config cfg_qemu_virt
#include "../../configs/arm64/qemu-virt.c"
#undef config
#define config cfg_hello
#include "../../configs/arm64/qemu-virt-hello.c"
#undef config

#define POOL_PAGES	1024
#define FAKE_POOL_PHYS	0x7f000000ULL	/* never a cell's RAM */
#define CONSOLE_PHYS	0x70000000ULL
#define RAM_PHYS	0x70800000ULL	/* the fake RAM: cells' memory */
#define RAM_SIZE	0x300000ULL
#define PATTERN		0xa5

const struct warden_system *system_config;
struct page_pool mem_pool;
char __console_start[CONSOLE_SIZE] __attribute__((aligned(4096)));
static char *arena;
static unsigned char *ram;
static u64 stuck_cpus;		/* arch_cpu_stop fails for these */
static bool window_fails;
static u64 flushed;		/* bytes cleaned to PoC */
static char log_text[8192];

u64 hv_virt2phys(const void *virt)
{
	if (virt == __console_start)
		return CONSOLE_PHYS;
	return (u64)((const char *)virt - arena) + FAKE_POOL_PHYS;
}

void *hv_phys2virt(u64 phys)
{
	return arena + (phys - FAKE_POOL_PHYS);
}

struct per_cpu *per_cpu(unsigned int cpu)
{
	return cpu < NCPUS ? &cpus[cpu] : NULL;
}

void printk(const char *fmt, ...)
{
	size_t len = strlen(log_text);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(log_text + len, sizeof(log_text) - len, fmt, ap);
	va_end(ap);
}

/* The configs handed over "by IPA" are host pointers here. */
void *copy_from_root(u64 ipa, u64 size, unsigned long *pages)
{
	void *buf;

	*pages = PAGE_ALIGN_UP(size) / PAGE_SIZE;
	buf = page_alloc(&mem_pool, *pages);
	if (buf)
		memcpy(buf, (const void *)(uintptr_t)ipa, size);
	return buf;
}

void *temp_map_writable(u64 phys)
{
	if (window_fails || phys < RAM_PHYS || phys >= RAM_PHYS + RAM_SIZE)
		return NULL;
	return ram + (phys & PAGE_MASK) - RAM_PHYS;
}

void temp_unmap(void)
{
}

void arch_dcache_flush(const void *start, u64 size)
{
	(void)start;
	flushed += size;
}

int arch_cpu_stop(struct per_cpu *cpu)
{
	if (stuck_cpus & (1ULL << cpu->cpu_id)) {
		cpu->state = CPU_FAILED;
		return -EBUSY;
	}
	cpu->state = CPU_OFF;
	return 0;
}

int arch_cpu_power_on(struct per_cpu *cpu, u64 entry, u64 context)
{
	(void)entry;
	(void)context;
	cpu->state = CPU_RUNNING;
	return 0;
}

int arch_cell_init(struct cell *cell)
{
	(void)cell;
	return 0;
}

int arch_cell_sync(struct cell *cell)
{
	(void)cell;
	return 0;
}

void arch_cell_move_cpus(struct cell *to, struct cell *from)
{
	(void)to;
	(void)from;
}

void arch_flush_root_tlb(void)
{
}

void arch_flush_root_range(const struct paging *pg, u64 virt, u64 size)
{
	(void)pg;
	(void)virt;
	(void)size;
}

void arch_cpu_power_off_self(enum cpu_state state)
{
	(void)state;
	abort();
}

void arch_cpu_reset_self(u64 entry)
{
	(void)entry;
	abort();
}

/* A system config that is valid, or one changed to be tried at EL2. */
static struct {
	struct warden_system sys;
	struct warden_memory mem[10];
	struct warden_irqchip irqchips[1];
} __attribute__((packed)) sys_cfg;

static int setup(void **state)
{
	unsigned int n;

	(void)state;
	arena = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	ram = malloc(RAM_SIZE);
	if (!arena || !ram || page_pool_init(&mem_pool, arena, POOL_PAGES))
		return -1;
	memset(ram, PATTERN, RAM_SIZE);
	memset(cpus, 0, sizeof(cpus));
	for (n = 0; n < NCPUS; n++)
		cpus[n].cpu_id = n;
	/* CPUs 1-3 were taken offline by the driver before each create. */
	for (n = 1; n < NCPUS; n++)
		cpus[n].state = CPU_OFF;
	cpus[0].state = CPU_RUNNING;
	assert_int_equal(sizeof(sys_cfg), sizeof(cfg_qemu_virt));
	memcpy(&sys_cfg, &cfg_qemu_virt, sizeof(sys_cfg));
	system_config = &sys_cfg.sys;
	stuck_cpus = 0;
	window_fails = false;
	flushed = 0;
	log_text[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(arena);
	free(ram);
	return 0;
}

/* RAM at physical [start, start + size) holds only byte @val. */
static bool ram_is(u64 start, u64 size, unsigned char val)
{
	u64 i;

	for (i = 0; i < size; i++)
		if (ram[start - RAM_PHYS + i] != val)
			return false;
	return true;
}

static long create(const void *cfg, u64 size)
{
	return cell_create((u64)(uintptr_t)cfg, size);
}

/* hello's own RAM is 0x70800000+1M; the rest of the fake RAM is not its. */
#define HELLO_RAM	0x70800000ULL
#define HELLO_SIZE	0x100000ULL

static void test_pin_base_bounded_at_el2(void **state)
{
	u32 before[ARRAY_SIZE(root_cell.irq_bitmap)];

	(void)state;
	/*
	 * An unvalidated root config: pin_base 0xffffffe0 with pins set. The
	 * bitmap index must stay in range (ASan catches a write outside the
	 * cell); nothing of it may be owned.
	 */
	sys_cfg.irqchips[0].pin_base = 0xffffffe0;
	assert_int_equal(root_cell_init(), 0);
	memcpy(before, root_cell.irq_bitmap, sizeof(before));
	assert_false(cell_owns_irq(&root_cell, 32));
	assert_false(cell_owns_irq(&root_cell, 1000));
	/* The last valid base: INTIDs 992..1019 land in the last word. */
	sys_cfg.irqchips[0].pin_base = 992;
	sys_cfg.irqchips[0].pin_bitmap[0] = 1u << 27;
	assert_int_equal(root_cell_init(), 0);
	assert_true(cell_owns_irq(&root_cell, 1019));
	assert_false(cell_owns_irq(&root_cell, 1018));
	paging_destroy(&root_cell.stage2);
}

static void test_destroy_scrubs(void **state)
{
	long id;

	(void)state;
	assert_int_equal(root_cell_init(), 0);
	id = create(&cfg_hello, sizeof(cfg_hello));
	assert_int_equal(id, 1);
	assert_int_equal(cell_start(id), 0);
	assert_true(ram_is(HELLO_RAM, HELLO_SIZE, PATTERN));	/* "its data" */
	assert_int_equal(cell_destroy(id), 0);
	assert_true(ram_is(HELLO_RAM, HELLO_SIZE, 0));
	assert_int_equal(flushed, HELLO_SIZE);
	/* Nothing beyond the cell's region is touched. */
	assert_true(ram_is(HELLO_RAM + HELLO_SIZE, RAM_SIZE - HELLO_SIZE,
			   PATTERN));
	assert_null(cell_get(id));
}

/*
 * A cell with loadable RAM, private RAM, memory shared with other cells and
 * a device: only RAM it holds alone is ever cleared, the loadable part
 * already when the root gets it back for a new load after a run.
 */
static struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[5];
} __attribute__((packed)) mixed = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.name = "mixed",
		.cpu_set = 0x4,
		.num_memory_regions = 5,
	},
	.mem = {
		{ 0x70800000, 0, 0x10000, WARDEN_MEM_READ | WARDEN_MEM_WRITE |
		  WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE },
		{ 0x70810000, 0x10000, 0x10000,
		  WARDEN_MEM_READ | WARDEN_MEM_WRITE },
		{ 0x70820000, 0x20000, 0x10000, WARDEN_MEM_READ |
		  WARDEN_MEM_WRITE | WARDEN_MEM_SHARED },
		{ 0x09030000, 0x09030000, 0x1000, WARDEN_MEM_READ |
		  WARDEN_MEM_WRITE | WARDEN_MEM_IO },
		{ 0, 0x80000000, 0x1000, WARDEN_MEM_READ | WARDEN_MEM_WRITE |
		  WARDEN_MEM_COMM_REGION },
	},
};

static void test_loadable_scrubbed_after_a_run(void **state)
{
	long id;

	(void)state;
	assert_int_equal(root_cell_init(), 0);
	id = create(&mixed, sizeof(mixed));
	assert_true(id > 0);
	/* Never ran: what the root loaded stays (it is the root's own). */
	assert_int_equal(cell_set_loadable(id), 0);
	assert_true(ram_is(0x70800000, 0x30000, PATTERN));
	assert_int_equal(flushed, 0);
	assert_int_equal(cell_start(id), 0);
	assert_int_equal(cell_shutdown(id, 1), 0);
	assert_int_equal(cell_set_loadable(id), 0);
	assert_true(ram_is(0x70800000, 0x10000, 0));		/* loadable */
	assert_true(ram_is(0x70810000, 0x20000, PATTERN));	/* private, shared */
	/* Loadable again with no run in between: no second clear. */
	memset(ram, PATTERN, 0x10000);
	assert_int_equal(cell_set_loadable(id), 0);
	assert_true(ram_is(0x70800000, 0x10000, PATTERN));
	assert_int_equal(cell_destroy(id), 0);
	assert_true(ram_is(0x70800000, 0x20000, 0));		/* both its own */
	assert_true(ram_is(0x70820000, 0x10000, PATTERN));	/* shared kept */
	assert_int_equal(flushed, 0x10000 + 0x20000);
}

static void test_stuck_cpu_fails_the_cell(void **state)
{
	long id;

	(void)state;
	assert_int_equal(root_cell_init(), 0);
	id = create(&cfg_hello, sizeof(cfg_hello));
	assert_int_equal(cell_start(id), 0);
	stuck_cpus = 1ULL << 1;
	log_text[0] = '\0';
	assert_int_equal(cell_shutdown(id, 1), -EBUSY);
	assert_int_equal(cell_get_state(id) & 0xff, WARDEN_CELL_FAILED);
	assert_int_equal(cell_get(id)->comm->cell_state, WARDEN_CELL_FAILED);
	assert_non_null(strstr(log_text,
			       "Cell \"hello\" FAILED: CPU 1 did not stop\n"));
	assert_null(strstr(log_text, "shut down"));
	/* Not destroyed, nothing handed back, nothing cleared. */
	assert_int_equal(cell_destroy(id), -EBUSY);
	assert_non_null(cell_get(id));
	assert_false(root_cell.cpu_set & (1ULL << 1));
	assert_true(ram_is(HELLO_RAM, HELLO_SIZE, PATTERN));
	/* Once the CPU stops, the failed cell goes as usual. */
	stuck_cpus = 0;
	assert_int_equal(cell_destroy(id), 0);
	assert_true(ram_is(HELLO_RAM, HELLO_SIZE, 0));
	assert_true(root_cell.cpu_set & (1ULL << 1));
}

static void test_no_window_no_destroy(void **state)
{
	long id;

	(void)state;
	assert_int_equal(root_cell_init(), 0);
	id = create(&cfg_hello, sizeof(cfg_hello));
	assert_int_equal(cell_start(id), 0);
	window_fails = true;
	assert_int_equal(cell_destroy(id), -ENOMEM);
	assert_non_null(cell_get(id));
	assert_false(root_cell.cpu_set & (1ULL << 1));
	window_fails = false;
	assert_int_equal(cell_destroy(id), 0);
	assert_true(ram_is(HELLO_RAM, HELLO_SIZE, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pin_base_bounded_at_el2,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_scrubs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_loadable_scrubbed_after_a_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stuck_cpu_fails_the_cell,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_window_no_destroy,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
