/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: unsupported revision.
 * Otherwise ../qemu-virt.c.
 */
#define QEMU_VIRT_OVERRIDES .sys.revision = WARDEN_CONFIG_REVISION + 1,
#include "../qemu-virt.c"
