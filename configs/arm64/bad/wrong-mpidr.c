/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: valid on paper, but the MPIDR given for CPU 3 (Aff0 = 7)
 * is not that of any CPU of the machine: enable must refuse it.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .sys.platform.cpu_mpidr[3] = 0x80000007,
#include "../qemu-virt.c"
