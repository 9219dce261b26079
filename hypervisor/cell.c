// SPDX-License-Identifier: GPL-2.0-only
/* The root cell: Linux, with everything the system config gives it. */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/layout.h>
#include <hv/printk.h>

struct cell root_cell;

static void cell_take_irqs(struct cell *cell)
{
	const struct warden_cell_desc *c = cell->config;
	const struct warden_irqchip *chip = warden_cell_irqchips(c);
	unsigned int i, w;

	for (i = 0; i < c->num_irqchips; i++)
		for (w = 0; w < WARDEN_IRQCHIP_PINS / 32; w++)
			cell->irq_bitmap[chip[i].pin_base / 32 + w] |=
				chip[i].pin_bitmap[w];
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

/* Map every region of the cell's config into its stage 2. */
int cell_map_memory(struct cell *cell)
{
	const struct warden_cell_desc *c = cell->config;
	const struct warden_memory *m = warden_cell_memory(c);
	unsigned int i;
	int err;

	for (i = 0; i < c->num_memory_regions; i++) {
		if (m[i].flags & WARDEN_MEM_COMM_REGION)
			continue;
		err = paging_map(&cell->stage2, m[i].virt_start,
				 m[i].phys_start, m[i].size, mem_flags(&m[i]));
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

int root_cell_init(void)
{
	struct cell *cell = &root_cell;
	int err;

	cell->id = 0;
	cell->config = &system_config->root_cell;
	cell->cpu_set = cell->config->cpu_set;
	mmio_registry_init(&cell->mmio, cell->mmio_storage, CELL_MAX_MMIO);
	cell_take_irqs(cell);
	err = paging_init(&cell->stage2, PAGING_STAGE2, &mem_pool,
			  hv_virt2phys, hv_phys2virt);
	err = err ?: cell_map_memory(cell);
	err = err ?: root_map_console(cell);
	err = err ?: arch_cell_init(cell);
	if (!err)
		printk("Root cell \"%s\": CPUs 0x%llx, %u memory regions\n",
		       cell->config->name, cell->cpu_set,
		       cell->config->num_memory_regions);
	return err;
}
