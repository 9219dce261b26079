/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell "patient" on QEMU virt, for the tests: hello's CPU and memory with the
 * longest shutdown timeout the validator allows (60 s), so that a test can
 * interrupt `warden cell shutdown` while it waits for an answer (run it with
 * inmates/tests/silent.c, which never answers).
 * Otherwise ./qemu-virt-hello.c.
 */
#define QEMU_VIRT_HELLO_OVERRIDES \
	.cell.name = "patient", .cell.shutdown_timeout_ms = 60000,
#include "qemu-virt-hello.c"
