// SPDX-License-Identifier: GPL-2.0-only
/* Management hypercalls (warden/hypercall.h). */
#include <hv/control.h>
#include <hv/cell.h>
#include <hv/printk.h>
#include <warden/hypercall.h>

static long hypervisor_info(u64 type)
{
	switch (type) {
	case WARDEN_INFO_MEM_POOL_SIZE:
		return mem_pool.pages;
	case WARDEN_INFO_MEM_POOL_USED:
		return mem_pool.used;
	case WARDEN_INFO_NUM_CELLS:
		return cell_count();
	default:
		return -EINVAL;
	}
}

static long cpu_info(u64 cpu_id, u64 type)
{
	struct per_cpu *cpu = per_cpu(cpu_id);

	if (!system_config || cpu_id >= system_config->platform.num_cpus || !cpu)
		return -EINVAL;
	if (type == WARDEN_CPU_INFO_STATE)
		return cpu->state == CPU_FAILED ? WARDEN_CPU_FAILED :
		       cpu->state == CPU_RUNNING ? WARDEN_CPU_RUNNING :
		       WARDEN_CPU_PARKED;
	if (type >= WARDEN_CPU_INFO_STAT_BASE &&
	    type < WARDEN_CPU_INFO_STAT_BASE + WARDEN_NUM_STATS)
		return cpu->stats[type - WARDEN_CPU_INFO_STAT_BASE] & 0x7fffffffffffffffULL;
	return -EINVAL;
}

/* Disable: this CPU leaves; the caller gets 0 after the hypervisor is gone. */
static long disable(void)
{
	if (cell_count() > 1)
		return -EBUSY;
	this_cpu()->arch.leave = true;
	return 0;
}

long hypercall(u64 id, u64 arg1, u64 arg2, u64 arg3)
{
	struct cell *cell = this_cpu()->cell;
	bool root = cell == &root_cell;

	(void)arg3;
	this_cpu()->stats[WARDEN_STAT_HYPERCALL]++;
	switch (id) {
	case WARDEN_HC_NULL:
		return 0;
	case WARDEN_HC_DEBUG_CONSOLE_PUTC:
		if (!root && !(cell->config->flags & WARDEN_CELL_DEBUG_CONSOLE))
			return -EPERM;
		console_guest_putc((char)arg1);
		return 0;
	}
	if (!root)
		return -EPERM;
	switch (id) {
	case WARDEN_HC_DISABLE:
		return disable();
	case WARDEN_HC_HYPERVISOR_GET_INFO:
		return hypervisor_info(arg1);
	case WARDEN_HC_CPU_GET_INFO:
		return cpu_info(arg1, arg2);
	case WARDEN_HC_CELL_CREATE:
		return cell_create(arg1, arg2);
	case WARDEN_HC_CELL_START:
		return cell_start(arg1);
	case WARDEN_HC_CELL_SET_LOADABLE:
		return cell_set_loadable(arg1);
	case WARDEN_HC_CELL_DESTROY:
		return cell_destroy(arg1);
	case WARDEN_HC_CELL_GET_STATE:
		return cell_get_state(arg1);
	case WARDEN_HC_CELL_SHUTDOWN:
		return cell_shutdown(arg1, arg2);
	default:
		return WARDEN_HC_NOT_SUPPORTED;
	}
}
