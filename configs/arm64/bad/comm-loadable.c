/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DELIBERATELY BROKEN, for the tests: the comm region is flagged LOADABLE and
 * gives a phys_start inside the hypervisor's memory (0x70000000). The root
 * must never load into it: `config check` and `cell create` refuse it.
 * Otherwise ../qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES                                    \
	.mem[1].phys_start = 0x70000000,                             \
	.mem[1].flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |         \
			WARDEN_MEM_COMM_REGION | WARDEN_MEM_LOADABLE,
#include "../qemu-virt-hello.c"
