/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure helpers of the `warden` CLI: argument and sysfs/procfs text parsing.
 * No I/O here, so the host unit tests (tests/unit/test_cli.c) cover them all.
 */
#ifndef _WARDEN_TOOLS_ARGS_H
#define _WARDEN_TOOLS_ARGS_H

#include <stddef.h>
#include <warden/types.h>
#include <warden/ioctl.h>

/* How parse_cell_id() reads its argument. */
enum cell_id_kind {
	CELL_BY_AUTO,	/* all decimal digits: an id, anything else: a name */
	CELL_BY_ID,
	CELL_BY_NAME,
};

/* Parse "0x..." (hex) or decimal into *out. 0 or -EINVAL/-ERANGE. */
int parse_u64(const char *s, __u64 *out);

/*
 * Split "THING[@ADDR]" at its last '@': *len = length of THING, *addr = ADDR
 * or 0 when there is no '@'. 0, or -EINVAL when THING is empty or ADDR is
 * not a number.
 */
int parse_at_addr(const char *arg, size_t *len, __u64 *addr);

/*
 * Fill *out from a cell argument. 0, -EINVAL (empty, not a valid id),
 * -ERANGE (id too large) or -ENAMETOOLONG (name does not fit the ABI).
 */
int parse_cell_id(const char *arg, enum cell_id_kind kind,
		  struct warden_cell_id *out);

/* Parse a kernel cpulist ("0-2,5", "" or "\n") into a mask of CPUs 0..63. */
int cpulist_parse(const char *s, __u64 *mask);

/* Format a CPU mask as a cpulist ("0-2,5"); "" for an empty mask. */
void cpulist_format(__u64 mask, char *buf, size_t len);

/* Number of bits set in mask. */
unsigned int cpu_count(__u64 mask);

/*
 * Parse one /proc/iomem line ("  40000000-bfffffff : System RAM"):
 * *start, *end (inclusive), *depth = indentation level, *name points into
 * line. 0 or -EINVAL.
 */
int iomem_parse_line(const char *line, __u64 *start, __u64 *end,
		     unsigned int *depth, const char **name);

/* Do [a, a + asize) and [b, b + bsize) overlap? Sizes of 0 never do. */
int ranges_overlap(__u64 a, __u64 asize, __u64 b, __u64 bsize);

/* Drop trailing newlines and blanks in place; returns s. */
char *strip_trailing(char *s);

/* Is s a non-empty string of decimal digits? */
int is_decimal(const char *s);

#endif /* _WARDEN_TOOLS_ARGS_H */
