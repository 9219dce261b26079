/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated MMIO: a per-cell registry of (start, size, handler, arg) regions,
 * kept sorted and searched by binary search on every trapped access.
 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/types.h>

struct mmio_access {
	u64 address;		/* guest-physical address accessed */
	u64 value;		/* written value, or where a read's result goes */
	u8 size;		/* 1, 2, 4 or 8 bytes */
	bool is_write;
};

enum mmio_result {
	MMIO_HANDLED,		/* done: a read's value is in access->value */
	MMIO_UNHANDLED,		/* nobody emulates it: fault the guest */
	MMIO_ERROR,		/* the access was invalid (bad size/alignment) */
};

/* @offset is relative to the region's start. */
typedef enum mmio_result (*mmio_handler)(void *arg, u64 offset,
					 struct mmio_access *access);

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler handler;
	void *arg;
};

struct mmio_registry {
	struct mmio_region *regions;	/* sorted by start, no overlaps */
	unsigned int num;
	unsigned int max;
};

/* Use @storage (room for @max regions) for @reg; the registry starts empty. */
void mmio_registry_init(struct mmio_registry *reg, struct mmio_region *storage,
			unsigned int max);

/*
 * Add a region. 0, -EINVAL (zero size, wrap-around), -EEXIST (overlaps a
 * registered region) or -ENOSPC (registry full).
 */
int mmio_region_register(struct mmio_registry *reg, u64 start, u64 size,
			 mmio_handler handler, void *arg);

/* Remove the region starting exactly at @start; 0 or -ENOENT. */
int mmio_region_unregister(struct mmio_registry *reg, u64 start);

/* The region containing @address, or NULL. */
const struct mmio_region *mmio_find(const struct mmio_registry *reg,
				    u64 address);

/*
 * Dispatch @access to the region covering all of it; MMIO_UNHANDLED when no
 * region covers it (or it straddles a region's end).
 */
enum mmio_result mmio_dispatch(const struct mmio_registry *reg,
			       struct mmio_access *access);

#endif /* _HV_MMIO_H */
