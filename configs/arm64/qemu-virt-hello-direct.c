/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "hello-direct": ../qemu-virt-hello.c with direct interrupt delivery
 * (WARDEN_CELL_DIRECT_IRQ): the cell owns its physical CPU interface, with
 * no exit per interrupt, and is trusted not to block its own stop.
 * `warden config check` warns about it; refused on a GIC with two
 * security states.
 */
#define QEMU_VIRT_HELLO_OVERRIDES \
	.cell.flags = WARDEN_CELL_DEBUG_CONSOLE | WARDEN_CELL_DIRECT_IRQ, \
	.cell.name = "hello-direct",
#include "qemu-virt-hello.c"
