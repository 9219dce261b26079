/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The header at the start of the hypervisor image (warden.bin). The driver
 * reads it from the firmware file, copies the image to the start of the
 * hypervisor memory, fills in the fields marked "driver" and enters the
 * hypervisor on every CPU at entry_offset through Linux's hyp stub.
 */
#ifndef _WARDEN_HEADER_H
#define _WARDEN_HEADER_H

#include <warden/types.h>

#define WARDEN_HEADER_SIGNATURE		"WARDENHV"
#define WARDEN_HEADER_VERSION		1

/* x0 at the entry point: what the driver asks for. */
#define WARDEN_ENTRY_INIT		1	/* global set-up, once, on one CPU */
#define WARDEN_ENTRY_CPU		2	/* take this CPU over */

struct warden_header {
	char signature[8];
	__u32 version;
	__u32 header_size;
	/* image */
	__u64 image_size;		/* bytes to copy from the file */
	__u64 core_size;		/* image + bss, page aligned */
	__u64 entry_offset;		/* offset of the EL2 entry point */
	__u64 console_offset;		/* offset of struct warden_console_ring */
	__u64 console_size;
	/* driver */
	__u64 config_offset;		/* copy of the system config */
	__u64 config_size;
	__u32 max_cpus;			/* CPUs the driver may bring in */
	__u32 online_cpus;
	__u64 cpu_mpidr[64];		/* MPIDR of Linux logical CPU n */
	__u64 stub_vectors;		/* VBAR_EL2 found at entry (hypervisor) */
};

/*
 * The hypervisor console: a ring of characters that the root cell may read
 * (mapped read-only into it); `head` counts every character ever written,
 * so a reader that remembers the last head it saw can tell what it missed.
 */
struct warden_console_ring {
	volatile __u64 head;
	__u64 size;			/* bytes in data[] */
	char data[];
};

#endif /* _WARDEN_HEADER_H */
