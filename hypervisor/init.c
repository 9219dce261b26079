// SPDX-License-Identifier: GPL-2.0-only
/*
 * Global set-up (once, on the CPU that runs the driver's enable, with the
 * boot tables) and per-CPU entry.
 */
#include <hv/control.h>
#include <hv/cell.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <asm/cell_arch.h>
#include <asm/traps.h>
#include <warden/validate.h>

extern char __image_start[], __text_end[], __rodata_end[], __console_start[],
	__console_end[], __core_end[], __trampoline_start[], __trampoline_end[];

const struct warden_system *system_config;
struct page_pool mem_pool;
struct paging hv_paging;
u64 hv_phys_base;
static u64 hv_mem_size;
static struct per_cpu *cpus[WARDEN_MAX_CPUS];

u64 hv_virt2phys(const void *virt)
{
	return (u64)virt - HV_VA_BASE + hv_phys_base;
}

void *hv_phys2virt(u64 phys)
{
	return (void *)(phys - hv_phys_base + HV_VA_BASE);
}

struct per_cpu *per_cpu(unsigned int cpu)
{
	return cpu < WARDEN_MAX_CPUS ? cpus[cpu] : NULL;
}

static void report_finding(void *ctx, const char *field, const char *msg,
			   __u64 v1, __u64 v2)
{
	(void)ctx;
	printk("ERROR: system config: %s: %s (0x%llx, 0x%llx)\n", field, msg,
	       v1, v2);
}

/* The driver's copy of the config: re-validated, it is our trust boundary. */
static int check_config(void)
{
	const struct warden_system *sys;
	struct warden_diag diag;
	u64 off = hv_header.config_offset, size = hv_header.config_size;

	if (off < (u64)(__core_end - __image_start) || size > 0x100000 ||
	    size < sizeof(*sys)) {
		printk("ERROR: bad config placement 0x%llx+0x%llx\n", off, size);
		return -EINVAL;
	}
	sys = (const void *)(__image_start + off);
	warden_diag_init(&diag, report_finding, NULL);
	if (warden_validate_system(sys, size, &diag))
		return -EINVAL;
	if (sys->hypervisor_memory.phys_start != hv_phys_base ||
	    off + size > sys->hypervisor_memory.size) {
		printk("ERROR: hypervisor loaded at 0x%llx, config says 0x%llx\n",
		       hv_phys_base, sys->hypervisor_memory.phys_start);
		return -EINVAL;
	}
	system_config = sys;
	hv_mem_size = sys->hypervisor_memory.size;
	return 0;
}

static int init_pool(void)
{
	u64 first = PAGE_ALIGN_UP(hv_header.config_offset + hv_header.config_size);

	return page_pool_init(&mem_pool, (void *)(HV_VA_BASE + first),
			      (hv_mem_size - first) / PAGE_SIZE);
}

static int map_hv(u64 start, u64 end, unsigned int flags)
{
	return paging_map(&hv_paging, start, hv_virt2phys((void *)start),
			  end - start, flags | PAGING_READ);
}

/* The common part of every CPU's EL2 tables: slots 0, 1 and 3. */
static int init_hv_paging(void)
{
	u64 tramp = hv_virt2phys(__trampoline_start);
	int err;

	err = paging_init(&hv_paging, PAGING_STAGE1_EL2, &mem_pool,
			  hv_virt2phys, hv_phys2virt);
	err = err ?: map_hv((u64)__image_start, (u64)__text_end, PAGING_EXEC);
	err = err ?: map_hv((u64)__text_end, (u64)__rodata_end, 0);
	err = err ?: map_hv((u64)__rodata_end, HV_VA_BASE + hv_mem_size,
			    PAGING_WRITE);
	err = err ?: paging_map(&hv_paging, tramp, tramp, PAGE_SIZE,
				PAGING_READ | PAGING_EXEC);
	return err ?: arch_map_devices();
}

static int init_cpu(unsigned int n)
{
	struct per_cpu *cpu;
	unsigned int pages = PAGE_ALIGN_UP(sizeof(*cpu)) / PAGE_SIZE;

	cpu = page_alloc(&mem_pool, pages);
	if (!cpu)
		return -ENOMEM;
	cpu->cpu_id = n;
	cpu->mpidr = system_config->platform.cpu_mpidr[n];
	cpu->state = CPU_OFF;
	cpu->cell = &root_cell;
	cpus[n] = cpu;
	return arch_init_cpu_tables(cpu, pages);
}

int hv_init(u64 phys_base, u64 stub_vectors)
{
	unsigned int n;
	int err;

	arch_early_init(stub_vectors);
	hv_phys_base = phys_base;
	/* Anything cached from an earlier session is stale now. */
	arch_dcache_flush(__image_start, hv_header.config_offset +
			  hv_header.config_size);
	err = check_config();
	err = err ?: init_pool();
	err = err ?: init_hv_paging();
	if (!err) {
		arch_switch_tables(hv_paging.root);
		if (system_config->debug_console.type == WARDEN_CONSOLE_PL011)
			console_set_uart((void *)DEVICE_VA_UART);
	}
	printk("\nWarden hypervisor %s initializing\n", WARDEN_VERSION_STRING);
	for (n = 0; !err && n < system_config->platform.num_cpus; n++)
		err = init_cpu(n);
	err = err ?: root_cell_init();
	err = err ?: arch_init();
	if (err) {
		printk("ERROR: hypervisor set-up failed (%d)\n", err);
		return err;
	}
	printk("Memory pool: %lu of %lu pages used\n", mem_pool.used,
	       mem_pool.pages);
	return 0;
}

/* Called on a CPU entering from the driver or PSCI CPU_ON (see entry.S). */
long hv_cpu_entry(void)
{
	struct per_cpu *cpu = this_cpu();
	struct trap_frame *frame = trap_frame();
	bool cpu_on = frame->x[0] == ENTRY_CPU_ON;
	int err;

	/* PSCI CPU_ON claimed the CPU (CPU_PARKED) before starting it. */
	err = cpu->state != (cpu_on ? CPU_PARKED : CPU_OFF) ? -EBUSY : 0;
	err = err ?: arch_cpu_init(cpu, cpu_on);
	if (err) {
		printk("ERROR: CPU %u cannot enter: %d\n", cpu->cpu_id, err);
		if (cpu_on)		/* nowhere to return to */
			arch_panic_stop();
		frame->x[0] = err;
		return TRAP_LEAVE;
	}
	cpu->con_len = 0;
	/* Asked to stop while it was on its way up: never run the guest. */
	if (cpu_on && cpu->arch.stop)
		arch_cpu_power_off_self(CPU_OFF);
	cpu->state = CPU_RUNNING;
	if (cpu->cell == &root_cell)
		printk("Activating hypervisor on CPU %u\n", cpu->cpu_id);
	if (!cpu_on)
		frame->x[0] = 0;
	return 0;
}

/* Leave the hypervisor on this CPU (disable). */
long hv_cpu_leave(void)
{
	struct per_cpu *cpu = this_cpu();

	cpu->state = CPU_OFF;
	printk("Releasing CPU %u\n", cpu->cpu_id);
	arch_cpu_restore(cpu);
	/*
	 * The next enable writes this memory with the caches bypassed:
	 * nothing dirty of ours may linger to be written back over it.
	 */
	arch_dcache_flush((void *)HV_VA_BASE, hv_mem_size);
	return 0;
}
