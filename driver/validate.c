// SPDX-License-Identifier: GPL-2.0-only
/* The shared config validator (hypervisor/validate.c), built into the driver. */
#include "../hypervisor/validate.c"
