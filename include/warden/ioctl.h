/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The /dev/warden interface between the `warden` CLI and warden.ko. */
#ifndef _WARDEN_IOCTL_H
#define _WARDEN_IOCTL_H

#include <warden/types.h>
#include <warden/config.h>
#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define WARDEN_DEVICE			"/dev/warden"
#define WARDEN_SYSFS			"/sys/devices/warden"
#define WARDEN_FIRMWARE			"warden.bin"

/* A config file in the caller's memory. */
struct warden_config_arg {
	__u64 address;
	__u32 size;
	__u32 reserved;
};

/* A cell named by id (id >= 0) or, with id == -1, by name. */
struct warden_cell_id {
	__s32 id;
	__u32 reserved;
	char name[WARDEN_CELL_NAME_LEN];
};

struct warden_preload_image {
	__u64 source_address;	/* caller's buffer */
	__u64 size;
	__u64 target_address;	/* guest-physical, in a loadable region */
	__u64 reserved;
};

#define WARDEN_MAX_PRELOAD_IMAGES	16

struct warden_cell_load {
	struct warden_cell_id cell;
	__u32 num_images;
	__u32 reserved;
	__u64 images;		/* struct warden_preload_image[num_images] */
};

#define WARDEN_IOCTL_MAGIC		'W'
#define WARDEN_ENABLE		_IOW(WARDEN_IOCTL_MAGIC, 0, struct warden_config_arg)
#define WARDEN_DISABLE		_IO(WARDEN_IOCTL_MAGIC, 1)
#define WARDEN_CELL_CREATE	_IOW(WARDEN_IOCTL_MAGIC, 2, struct warden_config_arg)
#define WARDEN_CELL_LOAD	_IOW(WARDEN_IOCTL_MAGIC, 3, struct warden_cell_load)
#define WARDEN_CELL_START	_IOW(WARDEN_IOCTL_MAGIC, 4, struct warden_cell_id)
#define WARDEN_CELL_DESTROY	_IOW(WARDEN_IOCTL_MAGIC, 5, struct warden_cell_id)
#define WARDEN_CELL_SHUTDOWN	_IOW(WARDEN_IOCTL_MAGIC, 6, struct warden_cell_id)

#endif /* _WARDEN_IOCTL_H */
