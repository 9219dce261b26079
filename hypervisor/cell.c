// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cells. The root cell starts with everything the system config gives it;
 * `cell create` moves CPUs, memory and interrupts from it to a new cell,
 * `cell destroy` gives them back. The root's stage 2 is always derived from
 * the same rule (root_sync_stage2): its config regions minus whatever other
 * cells own, so nothing is ever mapped in two cells at once, not even for a
 * moment.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/layout.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <asm/cell_arch.h>
#include <asm/spinlock.h>
#include <warden/validate.h>

/* Regions scrub_memory leaves alone. */
#define SCRUB_SKIP	(WARDEN_MEM_COMM_REGION | WARDEN_MEM_IO | \
			 WARDEN_MEM_SHARED | WARDEN_MEM_ROOTSHARED)

struct cell root_cell;
static struct cell *cells[MAX_CELLS];
static spinlock_t cells_lock;

struct cell *cell_get(unsigned int id)
{
	return id < MAX_CELLS ? cells[id] : NULL;
}

unsigned int cell_count(void)
{
	unsigned int id, n = 0;

	for (id = 0; id < MAX_CELLS; id++)
		n += cells[id] != NULL;
	return n;
}

/*
 * The validator keeps every irqchip's 128 pins below INTID 1024; the index
 * is bounded here as well so that no config can make this write outside
 * irq_bitmap.
 */
static void cell_take_irqs(struct cell *cell)
{
	const struct warden_cell_desc *c = cell->config;
	const struct warden_irqchip *chip = warden_cell_irqchips(c);
	unsigned int i, w, word;

	for (i = 0; i < c->num_irqchips; i++)
		for (w = 0; w < WARDEN_IRQCHIP_PINS / 32; w++) {
			word = chip[i].pin_base / 32 + w;
			if (word < ARRAY_SIZE(cell->irq_bitmap))
				cell->irq_bitmap[word] |= chip[i].pin_bitmap[w];
		}
}

static unsigned int mem_flags(const struct warden_memory *m)
{
	unsigned int f = 0;

	if (m->flags & WARDEN_MEM_READ)
		f |= PAGING_READ;
	if (m->flags & WARDEN_MEM_WRITE)
		f |= PAGING_WRITE;
	if (m->flags & WARDEN_MEM_EXECUTE)
		f |= PAGING_EXEC;
	if (m->flags & WARDEN_MEM_IO)
		f |= PAGING_DEVICE;
	return f;
}

/* Regions of @cell that the root cell may not see right now. */
static bool taken_from_root(const struct cell *cell,
			    const struct warden_memory *m)
{
	if (m->flags & (WARDEN_MEM_COMM_REGION | WARDEN_MEM_SHARED))
		return false;
	return !(m->flags & WARDEN_MEM_LOADABLE) || !cell->loadable_in_root;
}

/* The lowest-starting range other cells hold in [start, end), if any. */
static bool first_taken(u64 start, u64 end, u64 *tstart, u64 *tend)
{
	const struct warden_memory *m;
	bool found = false;
	unsigned int id, i;

	for (id = 1; id < MAX_CELLS; id++) {
		if (!cells[id])
			continue;
		m = warden_cell_memory(cells[id]->config);
		for (i = 0; i < cells[id]->config->num_memory_regions; i++) {
			if (!taken_from_root(cells[id], &m[i]) ||
			    m[i].phys_start >= end ||
			    m[i].phys_start + m[i].size <= start)
				continue;
			if (!found || m[i].phys_start < *tstart) {
				*tstart = m[i].phys_start;
				*tend = m[i].phys_start + m[i].size;
				found = true;
			}
		}
	}
	return found;
}

/* Map [start, end) into the root cell, minus what other cells hold. */
static int root_map_free(u64 start, u64 end, unsigned int flags)
{
	u64 tstart = 0, tend = 0;
	int err;

	while (start < end) {
		if (!first_taken(start, end, &tstart, &tend))
			return paging_map(&root_cell.stage2, start, start,
					  end - start, flags);
		if (tstart > start) {
			err = paging_map(&root_cell.stage2, start, start,
					 tstart - start, flags);
			if (err)
				return err;
		}
		start = tend;
	}
	return 0;
}

static int root_unmap_taken(void)
{
	const struct warden_memory *m;
	unsigned int id, i;
	int err;

	for (id = 1; id < MAX_CELLS; id++) {
		if (!cells[id])
			continue;
		m = warden_cell_memory(cells[id]->config);
		for (i = 0; i < cells[id]->config->num_memory_regions; i++) {
			if (!taken_from_root(cells[id], &m[i]))
				continue;
			err = paging_unmap(&root_cell.stage2, m[i].phys_start,
					   m[i].size);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Make the root's stage 2 match who owns what now. */
static int root_sync_stage2(void)
{
	const struct warden_cell_desc *rc = root_cell.config;
	const struct warden_memory *m = warden_cell_memory(rc);
	unsigned int i;
	int err;

	err = root_unmap_taken();
	for (i = 0; !err && i < rc->num_memory_regions; i++)
		err = root_map_free(m[i].phys_start,
				    m[i].phys_start + m[i].size, mem_flags(&m[i]));
	err = err ?: arch_cell_sync(&root_cell);
	arch_flush_root_tlb();
	return err;
}

/* Map every region of the cell's config into its stage 2. */
int cell_map_memory(struct cell *cell)
{
	const struct warden_cell_desc *c = cell->config;
	const struct warden_memory *m = warden_cell_memory(c);
	unsigned int i;
	int err;

	for (i = 0; i < c->num_memory_regions; i++) {
		u64 phys = m[i].phys_start;

		if (m[i].flags & WARDEN_MEM_COMM_REGION) {
			if (!cell->comm)
				continue;
			phys = hv_virt2phys(cell->comm);
		}
		err = paging_map(&cell->stage2, m[i].virt_start, phys,
				 m[i].size, mem_flags(&m[i]));
		if (err)
			return err;
	}
	return 0;
}

/*
 * The console ring is the one piece of hypervisor memory the root cell may
 * see, read-only, so `warden console` needs no hypercall.
 */
static int root_map_console(struct cell *cell)
{
	extern char __console_start[];
	u64 phys = hv_virt2phys(__console_start);

	return paging_map(&cell->stage2, phys, phys, CONSOLE_SIZE, PAGING_READ);
}

static int cell_init_common(struct cell *cell)
{
	int err;

	mmio_registry_init(&cell->mmio, cell->mmio_storage, CELL_MAX_MMIO);
	cell_take_irqs(cell);
	err = paging_init(&cell->stage2, PAGING_STAGE2, &mem_pool,
			  hv_virt2phys, hv_phys2virt);
	err = err ?: cell_map_memory(cell);
	return err ?: arch_cell_init(cell);
}

int root_cell_init(void)
{
	struct cell *cell = &root_cell;
	int err;

	memset(cells, 0, sizeof(cells));
	memset(cell, 0, sizeof(*cell));
	cell->config = &system_config->root_cell;
	cell->cpu_set = cell->config->cpu_set;
	cell->state = WARDEN_CELL_RUNNING;
	err = cell_init_common(cell);
	err = err ?: root_map_console(cell);
	if (err)
		return err;
	/* From now on the root's tables are live whenever they change. */
	cell->stage2.flush = arch_flush_root_range;
	cells[0] = cell;
	printk("Root cell \"%s\": CPUs 0x%llx, %u memory regions\n",
	       cell->config->name, cell->cpu_set,
	       cell->config->num_memory_regions);
	return 0;
}

/* ---- creation ------------------------------------------------------- */

static void report_finding(void *ctx, const char *field, const char *msg,
			   __u64 v1, __u64 v2)
{
	(void)ctx;
	printk("ERROR: cell config: %s: %s (0x%llx, 0x%llx)\n", field, msg,
	       v1, v2);
}

static bool locked_by_a_cell(void)
{
	unsigned int id;

	for (id = 1; id < MAX_CELLS; id++)
		if (cells[id] && cells[id]->state == WARDEN_CELL_RUNNING &&
		    cells[id]->comm &&
		    cells[id]->comm->cell_state == WARDEN_CELL_RUNNING_LOCKED) {
			printk("ERROR: cell \"%s\" holds the root cell locked\n",
			       cells[id]->config->name);
			return true;
		}
	return false;
}

/* What the new cell wants must be the root's now, not another cell's. */
static int check_resources(const struct warden_cell_desc *c)
{
	const struct warden_memory *m = warden_cell_memory(c), *o;
	const struct warden_irqchip *chip = warden_cell_irqchips(c);
	unsigned int id, i, j, n;

	for (id = 1; id < MAX_CELLS; id++) {
		if (!cells[id])
			continue;
		if (warden_names_equal(cells[id]->config->name, c->name)) {
			printk("ERROR: a cell named \"%s\" exists\n", c->name);
			return -EEXIST;
		}
		o = warden_cell_memory(cells[id]->config);
		for (i = 0; i < c->num_memory_regions; i++)
			for (j = 0; j < cells[id]->config->num_memory_regions; j++)
				if (warden_mem_conflict(&m[i], &o[j])) {
					printk("ERROR: memory region %u (0x%llx+0x%llx) belongs to cell \"%s\"\n",
					       i, m[i].phys_start, m[i].size,
					       cells[id]->config->name);
					return -EBUSY;
				}
	}
	for (n = 0; n < WARDEN_MAX_CPUS; n++) {
		if (!(c->cpu_set & (1ULL << n)))
			continue;
		if (!(root_cell.cpu_set & (1ULL << n))) {
			printk("ERROR: CPU %u belongs to another cell\n", n);
			return -EBUSY;
		}
		if (per_cpu(n)->state != CPU_OFF) {
			printk("ERROR: CPU %u is still running in the root cell (take it offline first)\n",
			       n);
			return -EBUSY;
		}
	}
	for (i = 0; i < c->num_irqchips; i++)
		for (j = 0; j < WARDEN_IRQCHIP_PINS; j++)
			if (warden_pin_set(&chip[i], j) &&
			    !cell_owns_irq(&root_cell, chip[i].pin_base + j)) {
				printk("ERROR: IRQ %u belongs to another cell\n",
				       chip[i].pin_base + j);
				return -EBUSY;
			}
	return 0;
}

static unsigned int free_id(void)
{
	unsigned int id;

	for (id = 1; id < MAX_CELLS; id++)
		if (!cells[id])
			return id;
	return 0;
}

static void comm_init(struct cell *cell)
{
	const struct warden_platform *p = &system_config->platform;
	struct warden_comm_region *comm = cell->comm;
	unsigned int n;

	memset(comm, 0, PAGE_SIZE);
	memcpy(comm->signature, WARDEN_COMM_SIGNATURE, WARDEN_SIGNATURE_LEN);
	comm->revision = WARDEN_COMM_REVISION;
	memcpy(comm->cell_name, cell->config->name, WARDEN_CELL_NAME_LEN);
	comm->cell_id = cell->id;
	for (n = 0; n < p->num_cpus; n++)
		if (cell->cpu_set & (1ULL << n))
			comm->cpu_mpidr[comm->num_cpus++] = p->cpu_mpidr[n];
	comm->gic_version = p->gic_version;
	comm->timer_frequency = p->timer_frequency;
	comm->gicd_base = p->gicd_base;
	comm->gicr_base = p->gicr_base;
	comm->gicc_base = p->gicc_base;
	comm->console_address = cell->config->console_address;
	comm->cell_state = WARDEN_CELL_SHUT_DOWN;
}

static void cell_free(struct cell *cell)
{
	if (cell->stage2.root)
		paging_destroy(&cell->stage2);
	if (cell->comm)
		page_free(&mem_pool, cell->comm, 1);
	if (cell->config)
		page_free(&mem_pool, (void *)cell->config, cell->config_pages);
	page_free(&mem_pool, cell, PAGE_ALIGN_UP(sizeof(*cell)) / PAGE_SIZE);
}

static struct cell *cell_alloc(void *config, unsigned long config_pages)
{
	struct cell *cell = page_alloc(&mem_pool,
				       PAGE_ALIGN_UP(sizeof(*cell)) / PAGE_SIZE);

	if (!cell)
		return NULL;
	cell->config = config;
	cell->config_pages = config_pages;
	cell->comm = page_alloc(&mem_pool, 1);
	if (!cell->comm) {
		cell_free(cell);
		return NULL;
	}
	return cell;
}

/* Move the new cell's CPUs and IRQs out of the root cell. */
static void take_from_root(struct cell *cell)
{
	unsigned int w;

	root_cell.cpu_set &= ~cell->cpu_set;
	for (w = 1; w < ARRAY_SIZE(cell->irq_bitmap); w++)
		root_cell.irq_bitmap[w] &= ~cell->irq_bitmap[w];
	arch_cell_move_cpus(cell, &root_cell);
}

static void give_back_to_root(struct cell *cell)
{
	unsigned int w;

	root_cell.cpu_set |= cell->cpu_set;
	for (w = 1; w < ARRAY_SIZE(cell->irq_bitmap); w++)
		root_cell.irq_bitmap[w] |= cell->irq_bitmap[w];
	arch_cell_move_cpus(&root_cell, cell);
}

static long create_locked(u64 config_ipa, u64 size)
{
	struct warden_diag diag;
	unsigned long pages;
	struct cell *cell;
	void *config;
	long err;

	if (locked_by_a_cell())
		return -EPERM;
	config = copy_from_root(config_ipa, size, &pages);
	if (!config)
		return -EINVAL;
	warden_diag_init(&diag, report_finding, NULL);
	err = warden_validate_cell(config, size, system_config, &diag) ?
	      -EINVAL : 0;
	err = err ?: check_resources(config);
	if (!err && !free_id())
		err = -ENOSPC;
	cell = err ? NULL : cell_alloc(config, pages);
	if (!cell) {
		page_free(&mem_pool, config, pages);
		return err ?: -ENOMEM;
	}
	cell->id = free_id();
	cell->cpu_set = cell->config->cpu_set;
	cell->state = WARDEN_CELL_SHUT_DOWN;
	cell->loadable_in_root = true;
	comm_init(cell);
	err = cell_init_common(cell);
	if (err) {
		cell_free(cell);
		return err;
	}
	cells[cell->id] = cell;
	take_from_root(cell);
	err = root_sync_stage2();
	if (err) {
		cells[cell->id] = NULL;
		give_back_to_root(cell);
		root_sync_stage2();
		cell_free(cell);
		return err;
	}
	printk("Created cell \"%s\" (id %u): CPUs 0x%llx\n", cell->config->name,
	       cell->id, cell->cpu_set);
	return cell->id;
}

long cell_create(u64 config_ipa, u64 size)
{
	long ret;

	spin_lock(&cells_lock);
	ret = create_locked(config_ipa, size);
	spin_unlock(&cells_lock);
	return ret;
}

/* ---- life cycle ----------------------------------------------------- */

typedef long (*cell_op)(struct cell *cell, u64 arg);

/* Run @op on cell @id (never the root) with the cells locked. */
static long manage(unsigned int id, cell_op op, u64 arg)
{
	struct cell *cell;
	long ret = -ENOENT;

	spin_lock(&cells_lock);
	cell = cell_get(id);
	if (cell && cell != &root_cell)
		ret = op(cell, arg);
	spin_unlock(&cells_lock);
	return ret;
}

/*
 * Stop every CPU of @cell but the caller's; 0 or -errno. Twice: a CPU
 * stopped late in the first pass may have switched on a sibling (PSCI
 * CPU_ON) that the pass had already found off. A CPU that does not stop
 * leaves the cell FAILED, saying so: it keeps its CPUs and memory, and
 * whatever asked for the stop is refused.
 */
static int stop_cpus(struct cell *cell)
{
	unsigned int n, pass, stuck = 0;
	int err = 0, e;

	for (pass = 0; pass < 2; pass++)
		for (n = 0; n < system_config->platform.num_cpus; n++) {
			if (!(cell->cpu_set & (1ULL << n)) ||
			    n == this_cpu()->cpu_id)
				continue;
			e = arch_cpu_stop(per_cpu(n));
			if (e && !err)
				stuck = n;
			err = err ?: e;
		}
	if (err) {
		cell->state = WARDEN_CELL_FAILED;
		cell->comm->cell_state = WARDEN_CELL_FAILED;
		printk("Cell \"%s\" FAILED: CPU %u did not stop\n",
		       cell->config->name, stuck);
	}
	return err;
}

/*
 * Zero the RAM the cell holds alone and clean it to the point of coherency,
 * so that the next owner (the root, then maybe another cell) reads zeros
 * whatever cache attributes the cell used. With @loadable_only, just the
 * regions the root is about to see again for loading. Comm pages are the
 * hypervisor's (comm_init clears them); device memory and shared regions
 * are not the cell's alone to clear. 0 or -ENOMEM (a window table).
 */
static int scrub_memory(const struct cell *cell, bool loadable_only)
{
	const struct warden_memory *m = warden_cell_memory(cell->config);
	unsigned int i;
	u64 off;
	u8 *page;

	for (i = 0; i < cell->config->num_memory_regions; i++) {
		if ((m[i].flags & SCRUB_SKIP) ||
		    (loadable_only && !(m[i].flags & WARDEN_MEM_LOADABLE)))
			continue;
		for (off = 0; off < m[i].size; off += PAGE_SIZE) {
			page = temp_map_writable(m[i].phys_start + off);
			if (page) {
				memset(page, 0, PAGE_SIZE);
				arch_dcache_flush(page, PAGE_SIZE);
			}
			temp_unmap();
			if (!page)
				return -ENOMEM;
		}
	}
	return 0;
}

static unsigned int first_cpu(const struct cell *cell)
{
	return __builtin_ctzll(cell->cpu_set);
}

static long start_locked(struct cell *cell, u64 unused)
{
	int err;

	(void)unused;
	if (cell->state == WARDEN_CELL_RUNNING)
		return -EBUSY;
	err = stop_cpus(cell);		/* a failed cell may have CPUs left */
	if (err)
		return err;
	cell->loadable_in_root = false;
	err = root_sync_stage2();
	if (err)
		return err;
	comm_init(cell);
	cell->comm->cell_state = WARDEN_CELL_RUNNING;
	cell->state = WARDEN_CELL_RUNNING;
	err = arch_cpu_power_on(per_cpu(first_cpu(cell)),
				cell->config->cpu_reset_address, 0);
	if (err) {
		cell->state = WARDEN_CELL_FAILED;
		printk("ERROR: cannot start cell \"%s\": %d\n",
		       cell->config->name, err);
		return err;
	}
	printk("Started cell \"%s\"\n", cell->config->name);
	return 0;
}

long cell_start(unsigned int id)
{
	return manage(id, start_locked, 0);
}

static long set_loadable_locked(struct cell *cell, u64 unused)
{
	long ret;

	(void)unused;
	if (cell->state == WARDEN_CELL_RUNNING)
		return -EBUSY;
	ret = stop_cpus(cell);
	if (ret)
		return ret;
	/* The cell ran since its memory was last the root's: clear it. */
	if (!cell->loadable_in_root) {
		ret = scrub_memory(cell, true);
		if (ret)
			return ret;
	}
	cell->loadable_in_root = true;
	return root_sync_stage2();
}

long cell_set_loadable(unsigned int id)
{
	return manage(id, set_loadable_locked, 0);
}

static long shutdown_locked(struct cell *cell, u64 force)
{
	int err;

	if (!force) {
		if (cell->state != WARDEN_CELL_RUNNING)
			return -EINVAL;
		cell->comm->reply_from_cell = WARDEN_MSG_NONE;
		__atomic_store_n(&cell->comm->msg_to_cell,
				 WARDEN_MSG_SHUTDOWN_REQUEST, __ATOMIC_RELEASE);
		return 0;
	}
	err = stop_cpus(cell);
	if (err)
		return err;
	if (cell->state != WARDEN_CELL_FAILED)
		cell->state = WARDEN_CELL_SHUT_DOWN;
	cell->comm->cell_state = cell->state;
	cell->comm->msg_to_cell = WARDEN_MSG_NONE;
	printk("Cell \"%s\" shut down\n", cell->config->name);
	return 0;
}

long cell_shutdown(unsigned int id, u64 force)
{
	return manage(id, shutdown_locked, force);
}

/* State in bits 7:0, the cell's last reply to a message in bits 15:8. */
long cell_get_state(unsigned int id)
{
	struct cell *cell = cell_get(id);
	u32 state;

	if (!cell)
		return -ENOENT;
	if (cell == &root_cell)
		return WARDEN_CELL_RUNNING;
	state = cell->state;
	if (state == WARDEN_CELL_RUNNING &&
	    cell->comm->cell_state == WARDEN_CELL_RUNNING_LOCKED)
		state = WARDEN_CELL_RUNNING_LOCKED;
	return state | ((cell->comm->reply_from_cell & 0xff) << 8);
}

static long destroy_locked(struct cell *cell, u64 unused)
{
	int err;

	(void)unused;
	if (locked_by_a_cell())
		return -EPERM;
	err = stop_cpus(cell);
	err = err ?: scrub_memory(cell, false);
	if (err)
		return err;
	cells[cell->id] = NULL;
	give_back_to_root(cell);
	err = root_sync_stage2();
	printk("Destroyed cell \"%s\"\n", cell->config->name);
	cell_free(cell);
	return err;
}

long cell_destroy(unsigned int id)
{
	return manage(id, destroy_locked, 0);
}

/* ---- from inside a cell --------------------------------------------- */

void cell_fail_this_cpu(const char *why, u64 v1, u64 v2)
{
	struct per_cpu *cpu = this_cpu();
	struct cell *cell = cpu->cell;

	printk("Cell \"%s\" FAILED: CPU %u: %s (0x%llx, 0x%llx)\n",
	       cell->config->name, cpu->cpu_id, why, v1, v2);
	cell->state = WARDEN_CELL_FAILED;
	if (cell->comm)
		cell->comm->cell_state = WARDEN_CELL_FAILED;
	arch_cpu_power_off_self(CPU_FAILED);
}

/*
 * The root cell may be managing this cell right now (it holds the lock and
 * is stopping our CPUs): then this CPU just goes off, as it is asked to.
 */
static void lock_or_power_off(void)
{
	if (!spin_trylock(&cells_lock))
		arch_cpu_power_off_self(CPU_OFF);
}

void cell_system_off(void)
{
	struct cell *cell = this_cpu()->cell;

	lock_or_power_off();
	stop_cpus(cell);
	cell->state = WARDEN_CELL_SHUT_DOWN;
	cell->comm->cell_state = WARDEN_CELL_SHUT_DOWN;
	printk("Cell \"%s\" powered itself off\n", cell->config->name);
	spin_unlock(&cells_lock);
	arch_cpu_power_off_self(CPU_OFF);
}

void cell_system_reset(void)
{
	struct cell *cell = this_cpu()->cell;
	struct per_cpu *first = per_cpu(first_cpu(cell));

	lock_or_power_off();
	stop_cpus(cell);
	comm_init(cell);
	cell->comm->cell_state = WARDEN_CELL_RUNNING;
	printk("Cell \"%s\" restarts\n", cell->config->name);
	if (first->cpu_id == this_cpu()->cpu_id) {
		spin_unlock(&cells_lock);
		arch_cpu_reset_self(cell->config->cpu_reset_address);
	}
	if (arch_cpu_power_on(first, cell->config->cpu_reset_address, 0))
		cell->state = WARDEN_CELL_FAILED;
	spin_unlock(&cells_lock);
	arch_cpu_power_off_self(CPU_OFF);
}
