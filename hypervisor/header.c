// SPDX-License-Identifier: GPL-2.0-only
/* The image header the driver reads (warden/header.h). */
#include <hv/control.h>
#include <hv/layout.h>

extern char __image_size[], __core_size[], __entry_offset[],
	__console_offset[];

struct warden_header hv_header __attribute__((section(".header"), used)) = {
	.signature = WARDEN_HEADER_SIGNATURE,
	.version = WARDEN_HEADER_VERSION,
	.header_size = sizeof(struct warden_header),
	.image_size = (u64)__image_size,
	.core_size = (u64)__core_size,
	.entry_offset = (u64)__entry_offset,
	.console_offset = (u64)__console_offset,
	.console_size = CONSOLE_SIZE,
};

_Static_assert(__builtin_offsetof(struct warden_header, config_offset) ==
	       HDR_CONFIG_OFFSET, "entry.S reads config_offset");
_Static_assert(__builtin_offsetof(struct warden_system, hypervisor_memory) +
	       __builtin_offsetof(struct warden_memory, size) == SYS_HV_SIZE,
	       "entry.S reads the hypervisor memory size");
