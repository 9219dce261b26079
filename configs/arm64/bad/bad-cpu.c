/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: root cpu_set names CPU 4 of a 4-CPU platform.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .sys.root_cell.cpu_set = 0x1f,
#include "../qemu-virt.c"
