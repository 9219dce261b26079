/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The communication region: one page shared between a cell and the
 * hypervisor, mapped into the cell at the virt_start of its
 * WARDEN_MEM_COMM_REGION memory region.
 */
#ifndef _WARDEN_COMM_H
#define _WARDEN_COMM_H

#include <warden/types.h>
#include <warden/config.h>

#define WARDEN_COMM_SIGNATURE		"WDNCOM"
#define WARDEN_COMM_REVISION		1

/* Messages to the cell (msg_to_cell). */
#define WARDEN_MSG_NONE			0
#define WARDEN_MSG_SHUTDOWN_REQUEST	1

/* Replies from the cell (reply_from_cell). */
#define WARDEN_MSG_UNKNOWN		1
#define WARDEN_MSG_RECEIVED		2
#define WARDEN_MSG_REQUEST_DENIED	3
#define WARDEN_MSG_REQUEST_APPROVED	4

/* Cell states (cell_state, and WARDEN_HC_CELL_GET_STATE). */
#define WARDEN_CELL_RUNNING		0
#define WARDEN_CELL_RUNNING_LOCKED	1
#define WARDEN_CELL_SHUT_DOWN		2
#define WARDEN_CELL_FAILED		3
#define WARDEN_CELL_FAILED_COMM_REV	4

struct warden_comm_region {
	char signature[WARDEN_SIGNATURE_LEN];
	__u16 revision;
	volatile __u32 cell_state;
	volatile __u32 msg_to_cell;
	volatile __u32 reply_from_cell;
	__u32 flags;
	char cell_name[WARDEN_CELL_NAME_LEN];
	__u32 cell_id;
	__u32 num_cpus;				/* CPUs of this cell */
	__u64 cpu_mpidr[WARDEN_MAX_CPUS];	/* their affinities, by cell index */
	__u8 gic_version;
	__u8 reserved[3];
	__u32 timer_frequency;
	__u64 gicd_base;
	__u64 gicr_base;
	__u64 gicc_base;
	__u64 console_address;			/* cell-owned UART, 0: none */
	__u32 console_type;
	__u32 reserved2;
} WARDEN_PACKED;

#endif /* _WARDEN_COMM_H */
