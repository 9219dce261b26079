/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: hypervisor memory inside the root cell's Linux RAM.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .sys.hypervisor_memory.phys_start = 0x50000000,
#include "../qemu-virt.c"
