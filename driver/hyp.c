// SPDX-License-Identifier: GPL-2.0-only
/*
 * Enable and disable: load warden.bin into the hypervisor memory named by
 * the system config and enter it on every CPU through Linux's hyp stub
 * (HVC_SOFT_RESTART: the stub branches to a physical address at EL2 with
 * the MMU off, and that code returns to us with `eret`). No kernel patch,
 * no unexported symbol, and the hypervisor's memory is never mapped
 * executable at EL1.
 */
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irqdomain.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/cputype.h>
#include <warden/config.h>
#include <warden/header.h>
#include <warden/hypercall.h>
#include <warden/ioctl.h>
#include <warden/validate.h>
#include "warden.h"

#define STUB_SOFT_RESTART	1
#define MAX_CONFIG_SIZE		(64 * 1024)

unsigned long warden_stub_hvc(unsigned long x0, unsigned long x1,
			      unsigned long x2, unsigned long x3,
			      unsigned long x4);
int warden_el2_check(void);
void warden_el2_restore_boot_mode(void);

static struct {
	phys_addr_t base;		/* hypervisor memory */
	u64 size;
	phys_addr_t entry;		/* physical entry point */
	struct warden_console_ring *console;	/* read-only view */
	phys_addr_t console_phys;
	u64 console_size;
	int cpu_result[NR_CPUS];
	u64 mpidr[NR_CPUS];
	bool mpidr_known[NR_CPUS];
} hv;

long warden_hypercall(unsigned long id, unsigned long a1, unsigned long a2,
		      unsigned long a3)
{
	register unsigned long r0 asm("x0") = id;
	register unsigned long r1 asm("x1") = a1;
	register unsigned long r2 asm("x2") = a2;
	register unsigned long r3 asm("x3") = a3;

	asm volatile("hvc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory", "cc");
	return r0;
}

long warden_hypervisor_info(unsigned int type)
{
	return warden_hypercall(WARDEN_HC_HYPERVISOR_GET_INFO, type, 0, 0);
}

static void report_finding(void *ctx, const char *field, const char *msg,
			   __u64 v1, __u64 v2)
{
	pr_err("warden: system config: %s: %s (0x%llx, 0x%llx)\n", field, msg,
	       v1, v2);
}

static struct warden_system *copy_config(void __user *uarg, u32 *size)
{
	struct warden_diag diag = { .report = report_finding };
	struct warden_config_arg arg;
	void *buf;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return ERR_PTR(-EFAULT);
	if (arg.size < sizeof(struct warden_system) ||
	    arg.size > MAX_CONFIG_SIZE) {
		pr_err("warden: system config size %u out of range\n", arg.size);
		return ERR_PTR(-EINVAL);
	}
	buf = memdup_user(u64_to_user_ptr(arg.address), arg.size);
	if (IS_ERR(buf))
		return buf;
	if (warden_validate_system(buf, arg.size, &diag)) {
		kfree(buf);
		return ERR_PTR(-EINVAL);
	}
	*size = arg.size;
	return buf;
}

/* The hypervisor's memory must be memory Linux does not use. */
static int check_hv_memory(const struct warden_system *sys)
{
	u64 base = sys->hypervisor_memory.phys_start;
	u64 size = sys->hypervisor_memory.size;

	if (region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("warden: hypervisor memory 0x%llx+0x%llx overlaps Linux RAM; boot with mem= or reserve it\n",
		       base, size);
		return -EINVAL;
	}
	return 0;
}

/*
 * Is [start, end] (inclusive) inside the root cell's RAM regions (not device
 * memory)? Adjacent regions may cover it together; each round moves start
 * past one region, so n + 1 rounds are enough.
 */
static bool root_ram_covers(const struct warden_system *sys, u64 start,
			    u64 end)
{
	const struct warden_memory *m = warden_cell_memory(&sys->root_cell);
	unsigned int i, n = sys->root_cell.num_memory_regions, round;

	for (round = 0; round <= n; round++) {
		for (i = 0; i < n; i++)
			if (!(m[i].flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM_REGION)) &&
			    start >= m[i].phys_start &&
			    start - m[i].phys_start < m[i].size)
				break;
		if (i == n)
			return false;
		if (end - m[i].phys_start < m[i].size)
			return true;
		start = m[i].phys_start + m[i].size;
	}
	return false;
}

static int linux_ram_in_root(struct resource *res, void *arg)
{
	if (root_ram_covers(arg, res->start, res->end))
		return 0;
	pr_err("warden: System RAM %pR is not all in the root cell's RAM regions: Linux would lose memory it uses\n",
	       res);
	return -EINVAL;
}

/*
 * Linux keeps all the RAM it uses, as normal memory: every System RAM range
 * in /proc/iomem lies in the root's RAM regions, and no device region of the
 * root is RAM Linux uses (device attributes on its own RAM).
 */
static int check_root_ram(const struct warden_system *sys)
{
	const struct warden_memory *m = warden_cell_memory(&sys->root_cell);
	unsigned int i;

	for (i = 0; i < sys->root_cell.num_memory_regions; i++) {
		if (!(m[i].flags & WARDEN_MEM_IO) ||
		    region_intersects(m[i].phys_start, m[i].size,
				      IORESOURCE_SYSTEM_RAM,
				      IORES_DESC_NONE) == REGION_DISJOINT)
			continue;
		pr_err("warden: root cell memory region %u (0x%llx+0x%llx) is device memory but Linux's System RAM\n",
		       i, m[i].phys_start, m[i].size);
		return -EINVAL;
	}
	return walk_iomem_res_desc(IORES_DESC_NONE,
				   IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY, 0,
				   U64_MAX, (void *)sys, linux_ram_in_root);
}

/*
 * The GIC ITS is a bus master (it writes its tables and command queue
 * wherever it is told) and there is no SMMU: nobody may program it, so no
 * root region may map one. Linux must not drive one either: its CPU hotplug
 * path writes ITS registers, which would then fault in the root (Linux
 * panics as a cell's CPU comes back). Boards with an ITS boot Linux with
 * irqchip.gicv3_nolpi=1; it then registers no ITS domain.
 */
static int check_its(const struct warden_system *sys)
{
	const struct warden_memory *m = warden_cell_memory(&sys->root_cell);
	struct device_node *np;
	struct resource res;
	unsigned int i;
	int err = 0;

	for_each_compatible_node(np, NULL, "arm,gic-v3-its") {
		if (!of_device_is_available(np) ||
		    of_address_to_resource(np, 0, &res))
			continue;
		if (irq_find_matching_fwnode(of_fwnode_handle(np),
					     DOMAIN_BUS_NEXUS)) {
			pr_err("warden: Linux drives the GIC ITS %pR: Warden gives it to nobody (a bus master, no SMMU); boot Linux with irqchip.gicv3_nolpi=1\n",
			       &res);
			err = -EBUSY;
		}
		for (i = 0; i < sys->root_cell.num_memory_regions; i++) {
			if (m[i].phys_start > res.end ||
			    m[i].phys_start + m[i].size <= res.start)
				continue;
			pr_err("warden: root cell memory region %u (0x%llx+0x%llx) maps the GIC ITS %pR, a bus master\n",
			       i, m[i].phys_start, m[i].size, &res);
			err = -EINVAL;
		}
	}
	return err;
}

/* The system config enable was given, while the hypervisor runs. */
struct warden_system *warden_sys;

static void read_mpidr(void *unused)
{
	hv.cpu_result[smp_processor_id()] = 0;
	hv.mpidr[smp_processor_id()] = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
}

/* Linux's number for the system config's CPU @n, or -1 when unknown. */
int warden_linux_cpu(unsigned int n)
{
	unsigned int cpu;

	if (!warden_sys || n >= warden_sys->platform.num_cpus)
		return -1;
	for_each_possible_cpu(cpu)
		if (hv.mpidr_known[cpu] && hv.mpidr[cpu] ==
		    (warden_sys->platform.cpu_mpidr[n] & MPIDR_HWID_BITMASK))
			return cpu;
	return -1;
}

/* Every CPU Linux has online must be one the config describes. */
static int check_cpus(const struct warden_system *sys)
{
	const struct warden_platform *p = &sys->platform;
	unsigned int cpu, n;

	on_each_cpu(read_mpidr, NULL, 1);
	for_each_possible_cpu(cpu)
		hv.mpidr_known[cpu] = cpu_online(cpu);
	for_each_online_cpu(cpu) {
		for (n = 0; n < p->num_cpus && n < WARDEN_MAX_CPUS; n++)
			if ((p->cpu_mpidr[n] & MPIDR_HWID_BITMASK) == hv.mpidr[cpu])
				break;
		if (n == p->num_cpus) {
			pr_err("warden: CPU %u (MPIDR 0x%llx) is not in the system config's CPU list\n",
			       cpu, hv.mpidr[cpu]);
			return -EINVAL;
		}
	}
	return 0;
}

static const struct warden_header *check_image(const struct firmware *fw,
					       u64 mem_size)
{
	const struct warden_header *h = (const void *)fw->data;

	if (fw->size < sizeof(*h) ||
	    memcmp(h->signature, WARDEN_HEADER_SIGNATURE, 8) ||
	    h->version != WARDEN_HEADER_VERSION) {
		pr_err("warden: %s is not a Warden hypervisor image\n",
		       WARDEN_FIRMWARE);
		return NULL;
	}
	if (h->image_size > fw->size || h->core_size < h->image_size ||
	    h->core_size + MAX_CONFIG_SIZE + (1 << 20) > mem_size ||
	    h->entry_offset >= h->image_size ||
	    h->console_offset + h->console_size > h->core_size) {
		pr_err("warden: %s does not fit the hypervisor memory (0x%llx bytes)\n",
		       WARDEN_FIRMWARE, mem_size);
		return NULL;
	}
	return h;
}

/*
 * Copy image and config through a write-combining (non-cacheable) mapping:
 * the hypervisor starts with its MMU off, so what it reads must be in
 * memory, not in a cache. Everything else of its memory is zeroed.
 */
static int load_image(const struct firmware *fw, const struct warden_header *h,
		      const struct warden_system *sys, u32 config_size)
{
	u64 config_offset = PAGE_ALIGN(h->core_size);
	struct warden_header *hdr;
	void *mem;

	mem = memremap(hv.base, hv.size, MEMREMAP_WC);
	if (!mem)
		return -ENOMEM;
	memset(mem, 0, hv.size);
	memcpy(mem, fw->data, h->image_size);
	memcpy(mem + config_offset, sys, config_size);
	hdr = mem;
	hdr->config_offset = config_offset;
	hdr->config_size = config_size;
	hdr->max_cpus = num_possible_cpus();
	hdr->online_cpus = num_online_cpus();
	wmb();
	memunmap(mem);
	return 0;
}

static int map_console(const struct warden_header *h)
{
	if (hv.console)
		memunmap(hv.console);
	hv.console_phys = hv.base + h->console_offset;
	hv.console_size = h->console_size;
	hv.console = memremap(hv.console_phys, hv.console_size, MEMREMAP_WB);
	return hv.console ? 0 : -ENOMEM;
}

static int hv_call_init(void)
{
	long ret;

	preempt_disable();
	ret = warden_stub_hvc(STUB_SOFT_RESTART, hv.entry, WARDEN_ENTRY_INIT,
			      hv.base, smp_processor_id());
	preempt_enable();
	return ret;
}

static void enter_cpu(void *unused)
{
	unsigned int cpu = smp_processor_id();

	hv.cpu_result[cpu] = warden_stub_hvc(STUB_SOFT_RESTART, hv.entry,
					     WARDEN_ENTRY_CPU, hv.base, cpu);
}

static void leave_cpu(void *unused)
{
	unsigned int cpu = smp_processor_id();

	hv.cpu_result[cpu] = warden_hypercall(WARDEN_HC_DISABLE, 0, 0, 0);
}

/* Run @fn on every online CPU; the first error, if any. */
static int on_every_cpu(smp_call_func_t fn, const char *what)
{
	unsigned int cpu;
	int err = 0;

	for_each_possible_cpu(cpu)
		hv.cpu_result[cpu] = 0;
	on_each_cpu(fn, NULL, 1);
	for_each_online_cpu(cpu) {
		if (hv.cpu_result[cpu] && !err) {
			pr_err("warden: %s failed on CPU %u: %d\n", what, cpu,
			       hv.cpu_result[cpu]);
			err = hv.cpu_result[cpu];
		}
	}
	return err;
}

static int enter_hypervisor(void)
{
	int err;

	err = hv_call_init();
	if (err) {
		pr_err("warden: hypervisor set-up failed: %d (see `warden console`)\n",
		       err);
		return err;
	}
	err = on_every_cpu(enter_cpu, "entering the hypervisor");
	if (err) {
		err = -EIO;	/* not the caller's EL2: a CPU refused */
		/* Those that made it leave again; the others never left. */
		on_each_cpu(leave_cpu, NULL, 1);
		return err;
	}
	return 0;
}

int warden_enable(void __user *uarg)
{
	const struct warden_header *h;
	const struct firmware *fw;
	struct warden_system *sys;
	u32 config_size;
	int err;

	if (warden_enabled)
		return -EBUSY;
	err = warden_el2_check();
	if (err)
		return err;
	sys = copy_config(uarg, &config_size);
	if (IS_ERR(sys))
		return PTR_ERR(sys);
	err = check_hv_memory(sys) ?: check_root_ram(sys) ?: check_its(sys);
	if (!err) {
		cpus_read_lock();
		err = check_cpus(sys);
		cpus_read_unlock();
	}
	if (err)
		goto out_config;
	hv.base = sys->hypervisor_memory.phys_start;
	hv.size = sys->hypervisor_memory.size;

	err = request_firmware(&fw, WARDEN_FIRMWARE, warden_dev);
	if (err) {
		pr_err("warden: cannot load /lib/firmware/%s: %d\n",
		       WARDEN_FIRMWARE, err);
		goto out_config;
	}
	h = check_image(fw, hv.size);
	err = h ? 0 : -EINVAL;
	if (!err)
		err = load_image(fw, h, sys, config_size);
	if (!err)
		err = map_console(h);
	hv.entry = hv.base + (h ? h->entry_offset : 0);
	release_firmware(fw);
	if (err)
		goto out_config;

	cpus_read_lock();
	err = enter_hypervisor();
	cpus_read_unlock();
	if (!err) {
		warden_enabled = true;
		warden_sys = sys;
		sys = NULL;
		__module_get(THIS_MODULE);	/* no unload while enabled */
		warden_cells_enabled();
		pr_info("warden: hypervisor enabled on %u CPUs\n",
			num_online_cpus());
	}
out_config:
	kfree(sys);
	return err;
}

int warden_disable(void)
{
	int err;

	if (!warden_enabled)
		return -EINVAL;
	err = warden_cells_busy();
	if (err)
		return err;
	cpus_read_lock();
	err = on_every_cpu(leave_cpu, "leaving the hypervisor");
	cpus_read_unlock();
	if (err)
		return err;
	warden_enabled = false;
	warden_cells_disabled();
	kfree(warden_sys);
	warden_sys = NULL;
	warden_el2_restore_boot_mode();
	module_put(THIS_MODULE);
	pr_info("warden: hypervisor disabled\n");
	return 0;
}

ssize_t warden_console_copy(char *buf, size_t len, loff_t *pos)
{
	struct warden_console_ring *ring = hv.console;
	u64 head, start, size, i;

	if (!ring)
		return -ENODEV;
	head = READ_ONCE(ring->head);
	size = min_t(u64, READ_ONCE(ring->size),
		     hv.console_size - sizeof(*ring));
	if (!size)
		return 0;
	start = *pos < 0 ? head - min_t(u64, head, -*pos) : *pos;
	if (start > head || head - start > size)	/* overwritten */
		start = head > size ? head - size : 0;
	rmb();
	for (i = 0; i < len && start + i < head; i++)
		buf[i] = ring->data[(start + i) % size];
	*pos = start + i;
	return i;
}

void warden_hyp_exit(void)
{
	if (hv.console)
		memunmap(hv.console);
	hv.console = NULL;
}
