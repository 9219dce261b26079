/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The one configuration validator, linked into the hypervisor (the trust
 * boundary), the `warden` CLI (`warden config check`) and the unit tests.
 * Freestanding: it needs nothing beyond <warden/...>.
 *
 * Every check produces "findings". Each finding names the offending field as
 * a path into the config ("root_cell.memory[3].phys_start", "cpu_set",
 * "cell[1].irqchips[0]"), a human-readable message (which may itself name
 * another field, e.g. "overlaps root_cell.memory[1] physically") and two
 * values whose meaning the message gives (typically the bad value and the
 * limit it broke, or a region's start and size; 0 when unused).
 */
#ifndef _WARDEN_VALIDATE_H
#define _WARDEN_VALIDATE_H

#include <warden/types.h>
#include <warden/config.h>

#define WARDEN_DIAG_FIELD_LEN	64
#define WARDEN_DIAG_MSG_LEN	96

/*
 * Zero-initialise (or use warden_diag_init), then optionally set report.
 * The field and msg strings handed to report live only for the call.
 */
struct warden_diag {
	void (*report)(void *ctx, const char *field, const char *msg,
		       __u64 v1, __u64 v2);
	void *ctx;
	/* Findings so far, summed over every validate call on this diag. */
	unsigned int count;
	/* In warden_validate_cells_together: index of the cell at fault. */
	int cell;
	/* A copy of the first finding, for a one-line summary. */
	char first_field[WARDEN_DIAG_FIELD_LEN];
	char first_msg[WARDEN_DIAG_MSG_LEN];
	__u64 first_v1;
	__u64 first_v2;
};

/* Reset diag and set its callback (report may be NULL: just count). */
void warden_diag_init(struct warden_diag *diag,
		      void (*report)(void *ctx, const char *field,
				     const char *msg, __u64 v1, __u64 v2),
		      void *ctx);

/*
 * Validate a system config of size bytes at buf (any alignment). Returns 0
 * when it is valid, else the number of findings; diag may be NULL. Nothing
 * past buf + size is ever read.
 */
int warden_validate_system(const void *buf, __u64 size,
			   struct warden_diag *diag);

/*
 * Validate a cell config of size bytes at buf; with sys (an already
 * validated system config) also check that the cell only takes what the
 * root cell may give away. Returns 0 or the number of findings.
 */
int warden_validate_cell(const void *buf, __u64 size,
			 const struct warden_system *sys,
			 struct warden_diag *diag);

/*
 * Check n cell configs, each of which passed warden_validate_cell, against
 * each other: no CPU, interrupt or (non-shared) physical memory claimed
 * twice, no duplicate names. Fields are reported as "cell[i]...." with
 * diag->cell = i during the report. sys may be NULL. Returns 0 or the number
 * of findings.
 */
int warden_validate_cells_together(const struct warden_system *sys,
				   const struct warden_cell_desc *const *cells,
				   unsigned int n, struct warden_diag *diag);

#endif /* _WARDEN_VALIDATE_H */
