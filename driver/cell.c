// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cells, as the driver sees them: the ioctls behind `warden cell ...` and
 * their state under /sys/devices/warden/cells/<id>/. The hypervisor is the
 * authority (it re-validates everything); the driver moves CPUs between
 * Linux and cells with normal CPU hotplug and copies images into cells'
 * loadable memory.
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <warden/comm.h>
#include <warden/config.h>
#include <warden/hypercall.h>
#include <warden/ioctl.h>
#include <warden/validate.h>
#include "warden.h"

#define MAX_CELL_CONFIG		(64 * 1024)
#define DEFAULT_SHUTDOWN_MS	2000

struct cell_cpu {
	struct kobject kobj;		/* cpus/cpu<n> */
	struct kobject stats;		/* cpus/cpu<n>/statistics */
	unsigned int cpu;		/* system config's CPU number */
};

struct cell {
	struct kobject kobj;
	struct list_head list;
	int id;
	char name[WARDEN_CELL_NAME_LEN];
	u64 cpu_set;
	struct warden_cell_desc *config;	/* NULL for the root cell */
	u32 config_size;
	const char *shutdown_result;
	struct kobject *cpus_dir;
	struct cell_cpu *cpus[WARDEN_MAX_CPUS];
};

static LIST_HEAD(cells);
static struct kobject *cells_dir;

static const char *const stat_names[WARDEN_NUM_STATS] = WARDEN_STAT_NAMES;

/* ---- sysfs ---------------------------------------------------------- */

static long cell_state(const struct cell *cell)
{
	return warden_enabled ?
	       warden_hypercall(WARDEN_HC_CELL_GET_STATE, cell->id, 0, 0) : -ENODEV;
}

static const char *state_name(long state)
{
	switch (state < 0 ? -1 : state & 0xff) {
	case WARDEN_CELL_RUNNING:
		return "running";
	case WARDEN_CELL_RUNNING_LOCKED:
		return "running/locked";
	case WARDEN_CELL_SHUT_DOWN:
		return "shut down";
	case WARDEN_CELL_FAILED:
		return "failed";
	case WARDEN_CELL_FAILED_COMM_REV:
		return "failed/comm";
	default:
		return "unknown";
	}
}

static u64 failed_cpus(const struct cell *cell)
{
	u64 failed = 0;
	unsigned int n;

	for (n = 0; n < WARDEN_MAX_CPUS; n++)
		if ((cell->cpu_set & BIT_ULL(n)) &&
		    warden_hypercall(WARDEN_HC_CPU_GET_INFO, n,
				     WARDEN_CPU_INFO_STATE, 0) == WARDEN_CPU_FAILED)
			failed |= BIT_ULL(n);
	return failed;
}

static ssize_t show_cpulist(char *buf, u64 set)
{
	unsigned long bits = set;

	return sysfs_emit(buf, "%*pbl\n", WARDEN_MAX_CPUS, &bits);
}

static ssize_t cell_attr_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	struct cell *cell = container_of(kobj, struct cell, kobj);
	const char *name = attr->attr.name;
	ssize_t ret;

	mutex_lock(&warden_lock);
	if (!strcmp(name, "name"))
		ret = sysfs_emit(buf, "%s\n", cell->name);
	else if (!strcmp(name, "id"))
		ret = sysfs_emit(buf, "%d\n", cell->id);
	else if (!strcmp(name, "state"))
		ret = sysfs_emit(buf, "%s\n", state_name(cell_state(cell)));
	else if (!strcmp(name, "cpus_assigned_list"))
		ret = show_cpulist(buf, cell->cpu_set);
	else if (!strcmp(name, "cpus_failed_list"))
		ret = show_cpulist(buf, warden_enabled ? failed_cpus(cell) : 0);
	else
		ret = sysfs_emit(buf, "%s\n", cell->shutdown_result ?: "");
	mutex_unlock(&warden_lock);
	return ret;
}

static struct kobj_attribute cell_attrs[] = {
	__ATTR(name, 0444, cell_attr_show, NULL),
	__ATTR(id, 0444, cell_attr_show, NULL),
	__ATTR(state, 0444, cell_attr_show, NULL),
	__ATTR(cpus_assigned_list, 0444, cell_attr_show, NULL),
	__ATTR(cpus_failed_list, 0444, cell_attr_show, NULL),
	__ATTR(shutdown_result, 0444, cell_attr_show, NULL),
};

static struct attribute *cell_default_attrs[] = {
	&cell_attrs[0].attr, &cell_attrs[1].attr, &cell_attrs[2].attr,
	&cell_attrs[3].attr, &cell_attrs[4].attr, &cell_attrs[5].attr, NULL,
};
ATTRIBUTE_GROUPS(cell_default);

static void cell_release(struct kobject *kobj)
{
	struct cell *cell = container_of(kobj, struct cell, kobj);

	kfree(cell->config);
	kfree(cell);
}

static struct kobj_type cell_type = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_default_groups,
};

/* cpus/cpu<n>/statistics/<counter>: exit counts from the hypervisor. */
static ssize_t stat_show(struct kobject *kobj, struct attribute *attr,
			 char *buf)
{
	struct cell_cpu *cc = container_of(kobj, struct cell_cpu, stats);
	unsigned int i;
	long val = 0;

	for (i = 0; i < WARDEN_NUM_STATS; i++)
		if (stat_names[i] && !strcmp(attr->name, stat_names[i]))
			break;
	mutex_lock(&warden_lock);
	if (warden_enabled && i < WARDEN_NUM_STATS)
		val = warden_hypercall(WARDEN_HC_CPU_GET_INFO, cc->cpu,
				       WARDEN_CPU_INFO_STAT_BASE + i, 0);
	mutex_unlock(&warden_lock);
	return sysfs_emit(buf, "%ld\n", val < 0 ? 0 : val);
}

static const struct sysfs_ops stat_ops = { .show = stat_show };
static struct attribute stat_attrs[WARDEN_NUM_STATS];
static struct attribute *stat_attr_attrs[WARDEN_NUM_STATS + 1];
ATTRIBUTE_GROUPS(stat_attr);

static void cpu_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct cell_cpu, kobj));
}

static void nop_release(struct kobject *kobj)
{
}

static struct kobj_type cpu_type = {
	.release = cpu_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

static struct kobj_type stats_type = {
	.release = nop_release,
	.sysfs_ops = &stat_ops,
	.default_groups = stat_attr_groups,
};

static void cell_sysfs_remove(struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < WARDEN_MAX_CPUS; n++) {
		if (!cell->cpus[n])
			continue;
		kobject_put(&cell->cpus[n]->stats);
		kobject_put(&cell->cpus[n]->kobj);
		cell->cpus[n] = NULL;
	}
	kobject_put(cell->cpus_dir);
	cell->cpus_dir = NULL;
}

static int cell_sysfs_add_cpu(struct cell *cell, unsigned int n)
{
	struct cell_cpu *cc = kzalloc(sizeof(*cc), GFP_KERNEL);
	int err;

	if (!cc)
		return -ENOMEM;
	cc->cpu = n;
	err = kobject_init_and_add(&cc->kobj, &cpu_type, cell->cpus_dir,
				   "cpu%u", n);
	if (err) {
		kobject_put(&cc->kobj);
		return err;
	}
	cell->cpus[n] = cc;
	err = kobject_init_and_add(&cc->stats, &stats_type, &cc->kobj,
				   "statistics");
	return err;
}

static int cell_sysfs_add(struct cell *cell)
{
	unsigned int n;
	int err;

	err = kobject_init_and_add(&cell->kobj, &cell_type, cells_dir, "%d",
				   cell->id);
	if (err)
		return err;
	cell->cpus_dir = kobject_create_and_add("cpus", &cell->kobj);
	if (!cell->cpus_dir)
		return -ENOMEM;
	for (n = 0; n < WARDEN_MAX_CPUS; n++)
		if (cell->cpu_set & BIT_ULL(n)) {
			err = cell_sysfs_add_cpu(cell, n);
			if (err)
				return err;
		}
	return 0;
}

static void cell_remove(struct cell *cell)
{
	list_del(&cell->list);
	cell_sysfs_remove(cell);
	kobject_put(&cell->kobj);	/* frees it once sysfs lets go */
}

/* ---- lookup --------------------------------------------------------- */

static struct cell *root_cell(void)
{
	return list_first_entry_or_null(&cells, struct cell, list);
}

/* CPUs move between the root cell and @cell; sysfs follows. */
static void root_cpus_changed(u64 taken, u64 returned)
{
	struct cell *root = root_cell();
	unsigned int n;

	if (!root)
		return;
	root->cpu_set = (root->cpu_set & ~taken) | returned;
	for (n = 0; n < WARDEN_MAX_CPUS; n++) {
		if ((taken & BIT_ULL(n)) && root->cpus[n]) {
			kobject_put(&root->cpus[n]->stats);
			kobject_put(&root->cpus[n]->kobj);
			root->cpus[n] = NULL;
		}
		if ((returned & BIT_ULL(n)) && !root->cpus[n] &&
		    cell_sysfs_add_cpu(root, n))
			pr_warn("warden: sysfs entry of CPU %u incomplete\n", n);
	}
}

static struct cell *find_cell(const struct warden_cell_id *cid)
{
	struct cell *cell;

	list_for_each_entry(cell, &cells, list) {
		if (cid->id >= 0 && cell->id == cid->id)
			return cell;
		if (cid->id == -1 &&
		    !strncmp(cell->name, cid->name, WARDEN_CELL_NAME_LEN))
			return cell;
	}
	return NULL;
}

static struct cell *get_cell(void __user *arg, bool allow_root)
{
	struct warden_cell_id cid;
	struct cell *cell;

	if (copy_from_user(&cid, arg, sizeof(cid)))
		return ERR_PTR(-EFAULT);
	cid.name[WARDEN_CELL_NAME_LEN - 1] = 0;
	if (cid.id < -1)
		return ERR_PTR(-EINVAL);
	cell = find_cell(&cid);
	if (!cell) {
		pr_err("warden: no such cell\n");
		return ERR_PTR(-ENOENT);
	}
	if (!cell->config && !allow_root) {
		pr_err("warden: the root cell cannot be changed this way\n");
		return ERR_PTR(-EINVAL);
	}
	return cell;
}

/* ---- CPUs between Linux and cells ----------------------------------- */

static void cpus_back_to_linux(u64 set)
{
	unsigned int n;
	int cpu, err;

	for (n = 0; n < WARDEN_MAX_CPUS; n++) {
		if (!(set & BIT_ULL(n)))
			continue;
		cpu = warden_linux_cpu(n);
		if (cpu < 0 || cpu_online(cpu))
			continue;
		err = add_cpu(cpu);
		if (err)
			pr_err("warden: cannot bring CPU %d back online: %d\n",
			       cpu, err);
	}
}

/*
 * Take the cell's CPUs away from Linux; on success *taken says which this
 * call took (and must give back if the cell is not created). On failure
 * Linux has them all again. CPUs Linux did not have are left alone: they
 * may be another cell's.
 */
static int cpus_from_linux(u64 set, u64 *taken)
{
	unsigned int n;
	int cpu, err;

	*taken = 0;
	for (n = 0; n < WARDEN_MAX_CPUS; n++) {
		if (!(set & BIT_ULL(n)))
			continue;
		cpu = warden_linux_cpu(n);
		if (cpu < 0) {
			pr_err("warden: CPU %u of the config is unknown to Linux\n", n);
			err = -EINVAL;
			goto undo;
		}
		if (!cpu_online(cpu))
			continue;
		err = remove_cpu(cpu);
		if (err) {
			pr_err("warden: cannot take CPU %d offline: %d\n", cpu, err);
			goto undo;
		}
		*taken |= BIT_ULL(n);
	}
	return 0;
undo:
	cpus_back_to_linux(*taken);
	*taken = 0;
	return err;
}

/* ---- ioctls --------------------------------------------------------- */

static void report_finding(void *ctx, const char *field, const char *msg,
			   __u64 v1, __u64 v2)
{
	pr_err("warden: cell config: %s: %s (0x%llx, 0x%llx)\n", field, msg,
	       v1, v2);
}

static struct warden_cell_desc *copy_cell_config(void __user *uarg, u32 *size)
{
	struct warden_diag diag;
	struct warden_config_arg arg;
	void *buf;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return ERR_PTR(-EFAULT);
	if (arg.size < sizeof(struct warden_cell_desc) ||
	    arg.size > MAX_CELL_CONFIG) {
		pr_err("warden: cell config size %u out of range\n", arg.size);
		return ERR_PTR(-EINVAL);
	}
	/* kmalloc: physically contiguous, for the hypervisor to read. */
	buf = kmalloc(arg.size, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(buf, u64_to_user_ptr(arg.address), arg.size)) {
		kfree(buf);
		return ERR_PTR(-EFAULT);
	}
	warden_diag_init(&diag, report_finding, NULL);
	if (warden_validate_cell(buf, arg.size, warden_sys, &diag)) {
		kfree(buf);
		return ERR_PTR(-EINVAL);
	}
	*size = arg.size;
	return buf;
}

/*
 * Nothing of a cell may be memory Linux uses: taking it from under the
 * running kernel livelocks the root. The validator only knows the root
 * cell's regions, which include all of Linux's RAM; System RAM in
 * /proc/iomem is what Linux actually uses. A comm region has no physical
 * memory of its own (the hypervisor provides the page).
 */
static int check_linux_ram(const struct warden_cell_desc *c)
{
	const struct warden_memory *m = warden_cell_memory(c);
	unsigned int i;

	for (i = 0; i < c->num_memory_regions; i++) {
		if (m[i].flags & WARDEN_MEM_COMM_REGION)
			continue;
		if (region_intersects(m[i].phys_start, m[i].size,
				      IORESOURCE_SYSTEM_RAM,
				      IORES_DESC_NONE) == REGION_DISJOINT)
			continue;
		pr_err("warden: cell \"%s\": memory region %u (0x%llx+0x%llx) is RAM Linux uses (System RAM in /proc/iomem)\n",
		       c->name, i, m[i].phys_start, m[i].size);
		return -EBUSY;
	}
	return 0;
}

static struct cell *new_cell(struct warden_cell_desc *config, u32 size, int id)
{
	struct cell *cell = kzalloc(sizeof(*cell), GFP_KERNEL);

	if (!cell)
		return NULL;
	cell->id = id;
	cell->config = config;
	cell->config_size = size;
	cell->cpu_set = config->cpu_set;
	strscpy(cell->name, config->name, sizeof(cell->name));
	return cell;
}

static int cell_create(void __user *arg)
{
	struct warden_cell_desc *config;
	struct warden_cell_id cid = { .id = -1 };
	struct cell *cell;
	u64 taken;
	u32 size;
	long id;
	int err;

	config = copy_cell_config(arg, &size);
	if (IS_ERR(config))
		return PTR_ERR(config);
	strscpy(cid.name, config->name, sizeof(cid.name));
	if (find_cell(&cid)) {
		pr_err("warden: a cell named \"%s\" exists\n", config->name);
		err = -EEXIST;
		goto out_config;
	}
	err = check_linux_ram(config);
	if (err)
		goto out_config;
	err = cpus_from_linux(config->cpu_set, &taken);
	if (err)
		goto out_config;
	id = warden_hypercall(WARDEN_HC_CELL_CREATE, virt_to_phys(config), size, 0);
	if (id < 0) {
		pr_err("warden: the hypervisor refused cell \"%s\": %ld (see `warden console`)\n",
		       config->name, id);
		err = id == WARDEN_HC_NOT_SUPPORTED ? -EIO : id;
		goto out_cpus;
	}
	cell = new_cell(config, size, id);
	if (!cell) {
		warden_hypercall(WARDEN_HC_CELL_DESTROY, id, 0, 0);
		err = -ENOMEM;
		goto out_cpus;
	}
	list_add_tail(&cell->list, &cells);
	root_cpus_changed(cell->cpu_set, 0);
	if (cell_sysfs_add(cell))
		pr_warn("warden: sysfs entries of cell %ld incomplete\n", id);
	pr_info("warden: created cell \"%s\" (id %ld)\n", cell->name, id);
	return 0;

out_cpus:
	cpus_back_to_linux(taken);
out_config:
	kfree(config);
	return err;
}

/*
 * The root writes only into the cell's own plain RAM: never a comm page
 * (hypervisor memory), device memory or memory other cells may share, even
 * if a config flags them loadable (the validator refuses that too).
 */
#define LOAD_FLAGS	(WARDEN_MEM_LOADABLE | WARDEN_MEM_COMM_REGION | \
			 WARDEN_MEM_IO | WARDEN_MEM_SHARED | \
			 WARDEN_MEM_ROOTSHARED)

/* The loadable region holding [addr, addr + size) of the cell, or NULL. */
static const struct warden_memory *loadable_region(const struct cell *cell,
						   u64 addr, u64 size)
{
	const struct warden_memory *m = warden_cell_memory(cell->config);
	unsigned int i;

	for (i = 0; i < cell->config->num_memory_regions; i++)
		if ((m[i].flags & LOAD_FLAGS) == WARDEN_MEM_LOADABLE &&
		    addr >= m[i].virt_start && size <= m[i].size &&
		    addr - m[i].virt_start <= m[i].size - size)
			return &m[i];
	return NULL;
}

/*
 * Copy through a write-combining mapping: the cell starts with its MMU and
 * caches off, so the image must be in memory, not in a cache.
 */
static int load_image(struct cell *cell, const struct warden_preload_image *img)
{
	const struct warden_memory *m;
	void *dst;
	int err = 0;

	if (!img->size || img->size > SZ_1G)
		return -EINVAL;
	m = loadable_region(cell, img->target_address, img->size);
	if (!m) {
		pr_err("warden: cell \"%s\": 0x%llx+0x%llx is outside its loadable memory\n",
		       cell->name, img->target_address, img->size);
		return -EINVAL;
	}
	dst = memremap(m->phys_start + (img->target_address - m->virt_start),
		       img->size, MEMREMAP_WC);
	if (!dst)
		return -ENOMEM;
	if (copy_from_user(dst, u64_to_user_ptr(img->source_address), img->size))
		err = -EFAULT;
	wmb();
	memunmap(dst);
	return err;
}

static int cell_load(void __user *arg)
{
	struct warden_preload_image img;
	struct warden_cell_load load;
	struct cell *cell;
	unsigned int i;
	long ret;

	if (copy_from_user(&load, arg, sizeof(load)))
		return -EFAULT;
	if (load.num_images > WARDEN_MAX_PRELOAD_IMAGES)
		return -EINVAL;
	cell = get_cell(arg, false);
	if (IS_ERR(cell))
		return PTR_ERR(cell);
	ret = warden_hypercall(WARDEN_HC_CELL_SET_LOADABLE, cell->id, 0, 0);
	if (ret) {
		pr_err("warden: cell \"%s\" is running: shut it down before loading\n",
		       cell->name);
		return ret == -EBUSY ? -EBUSY : -EIO;
	}
	for (i = 0; i < load.num_images; i++) {
		if (copy_from_user(&img, u64_to_user_ptr(load.images) +
				   i * sizeof(img), sizeof(img)))
			return -EFAULT;
		ret = load_image(cell, &img);
		if (ret)
			return ret;
	}
	return 0;
}

static int cell_start(void __user *arg)
{
	struct cell *cell = get_cell(arg, false);
	long ret;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	ret = warden_hypercall(WARDEN_HC_CELL_START, cell->id, 0, 0);
	if (ret == -EBUSY)
		pr_err("warden: cell \"%s\" is already running\n", cell->name);
	else if (ret)
		pr_err("warden: cannot start cell \"%s\": %ld\n", cell->name, ret);
	cell->shutdown_result = NULL;
	return ret;
}

/*
 * Ask the cell; it approves, denies or does not answer in time. The wait
 * (at most the validator's 60 s) holds warden_lock, so a signal ends it
 * (NULL): the cell is not stopped, and the request stays posted in its comm
 * region, for it to act on or for the next shutdown to repeat.
 */
static const char *ask_shutdown(struct cell *cell)
{
	unsigned int ms = cell->config->shutdown_timeout_ms ?: DEFAULT_SHUTDOWN_MS;
	unsigned long deadline;
	long state;

	if ((cell->config->flags & WARDEN_CELL_PASSIVE_COMMREG) ||
	    warden_hypercall(WARDEN_HC_CELL_SHUTDOWN, cell->id, 0, 0))
		return "approved";
	deadline = jiffies + msecs_to_jiffies(ms);
	do {
		if (msleep_interruptible(10) || signal_pending(current))
			return NULL;
		state = cell_state(cell);
		if (state < 0 || (state & 0xff) != WARDEN_CELL_RUNNING)
			return "approved";
		if ((state >> 8) == WARDEN_MSG_REQUEST_APPROVED)
			return "approved";
		if ((state >> 8) == WARDEN_MSG_REQUEST_DENIED)
			return "denied";
	} while (time_before(jiffies, deadline));
	return "timeout";
}

static int cell_shutdown(void __user *arg)
{
	struct cell *cell = get_cell(arg, false);
	const char *result;
	long state, ret;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	state = cell_state(cell);
	if ((state & 0xff) != WARDEN_CELL_RUNNING &&
	    (state & 0xff) != WARDEN_CELL_RUNNING_LOCKED) {
		pr_err("warden: cell \"%s\" is not running\n", cell->name);
		return -EINVAL;
	}
	result = ask_shutdown(cell);
	if (!result) {
		pr_err("warden: cell \"%s\": shutdown interrupted before the cell answered; it was not stopped\n",
		       cell->name);
		return -EINTR;
	}
	cell->shutdown_result = result;
	if (!strcmp(result, "denied"))
		return 0;
	ret = warden_hypercall(WARDEN_HC_CELL_SHUTDOWN, cell->id, 1, 0);
	if (ret) {
		/* The hypervisor marked the cell failed and said which CPU. */
		cell->shutdown_result = "failed";
		pr_err("warden: cell \"%s\" did not stop: %ld; it is marked failed and keeps its CPUs (see `warden console`)\n",
		       cell->name, ret);
		return ret == WARDEN_HC_NOT_SUPPORTED ? -EIO : ret;
	}
	pr_info("warden: cell \"%s\" shut down (%s)\n", cell->name, result);
	return 0;
}

static int cell_destroy(void __user *arg)
{
	struct cell *cell = get_cell(arg, false);
	long ret;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	ret = warden_hypercall(WARDEN_HC_CELL_DESTROY, cell->id, 0, 0);
	if (ret) {
		pr_err("warden: cannot destroy cell \"%s\": %ld%s\n", cell->name,
		       ret, ret == -EPERM ? " (a cell holds the root cell locked)" : "");
		return ret == WARDEN_HC_NOT_SUPPORTED ? -EIO : ret;
	}
	cpus_back_to_linux(cell->cpu_set);
	root_cpus_changed(0, cell->cpu_set);
	pr_info("warden: destroyed cell \"%s\"\n", cell->name);
	cell_remove(cell);
	return 0;
}

long warden_cell_ioctl(unsigned int cmd, void __user *arg)
{
	switch (cmd) {
	case WARDEN_CELL_CREATE:
		return cell_create(arg);
	case WARDEN_CELL_LOAD:
		return cell_load(arg);
	case WARDEN_CELL_START:
		return cell_start(arg);
	case WARDEN_CELL_SHUTDOWN:
		return cell_shutdown(arg);
	case WARDEN_CELL_DESTROY:
		return cell_destroy(arg);
	default:
		return -ENOTTY;
	}
}

/* ---- the root cell and module life ---------------------------------- */

int warden_cells_busy(void)
{
	struct cell *cell;
	int err = 0;

	list_for_each_entry(cell, &cells, list) {
		if (!cell->config)
			continue;
		pr_err("warden: cell \"%s\" still exists: destroy it first\n",
		       cell->name);
		err = -EBUSY;
	}
	return err;
}

void warden_cells_enabled(void)
{
	struct cell *root = kzalloc(sizeof(*root), GFP_KERNEL);

	if (!root)
		return;
	root->id = 0;
	root->cpu_set = warden_sys->root_cell.cpu_set;
	strscpy(root->name, warden_sys->root_cell.name, sizeof(root->name));
	list_add(&root->list, &cells);
	if (cell_sysfs_add(root))
		pr_warn("warden: sysfs entries of the root cell incomplete\n");
}

void warden_cells_disabled(void)
{
	struct cell *cell, *tmp;

	list_for_each_entry_safe(cell, tmp, &cells, list)
		cell_remove(cell);
}

int warden_cells_init(struct device *dev)
{
	unsigned int i;

	for (i = 0; i < WARDEN_NUM_STATS; i++) {
		stat_attrs[i].name = stat_names[i];
		stat_attrs[i].mode = 0444;
		stat_attr_attrs[i] = &stat_attrs[i];
	}
	cells_dir = kobject_create_and_add("cells", &dev->kobj);
	return cells_dir ? 0 : -ENOMEM;
}

void warden_cells_exit(void)
{
	warden_cells_disabled();
	kobject_put(cells_dir);
}
