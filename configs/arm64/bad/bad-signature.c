/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: wrong signature.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .sys.signature = "WDNXXX",
#include "../qemu-virt.c"
