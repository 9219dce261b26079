/* SPDX-License-Identifier: GPL-2.0-only */
/* warden.ko internals shared between its files. */
#ifndef _WARDEN_DRIVER_H
#define _WARDEN_DRIVER_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

/* Who holds EL2, as far as the driver can tell (sysfs el2_status). */
enum el2_status {
	EL2_UNKNOWN,
	EL2_STUB,	/* Linux's hyp stub: Warden can take over */
	EL2_KVM,	/* KVM took EL2 at boot */
	EL2_VHE,	/* the kernel itself runs at EL2 */
	EL2_EL1,	/* Linux was started at EL1: no EL2 for us */
	EL2_WARDEN,	/* Warden is enabled */
};

extern struct mutex warden_lock;
extern struct device *warden_dev;
extern bool warden_enabled;

enum el2_status warden_el2_probe(void);
const char *warden_el2_name(enum el2_status s);

int warden_enable(void __user *arg);
int warden_disable(void);
/*
 * Copy hypervisor console text from character number *pos on (a negative
 * *pos counts back from the newest character) and advance *pos.
 */
ssize_t warden_console_copy(char *buf, size_t len, loff_t *pos);
long warden_hypervisor_info(unsigned int type);
void warden_hyp_exit(void);

struct warden_system;
extern struct warden_system *warden_sys;
int warden_linux_cpu(unsigned int n);
long warden_hypercall(unsigned long id, unsigned long a1, unsigned long a2,
		      unsigned long a3);

/* Cells (cell.c). */
long warden_cell_ioctl(unsigned int cmd, void __user *arg);
int warden_cells_busy(void);		/* -EBUSY (and why) while cells exist */
void warden_cells_enabled(void);	/* the root cell appears in sysfs */
void warden_cells_disabled(void);
int warden_cells_init(struct device *dev);
void warden_cells_exit(void);

int warden_sysfs_init(struct device *dev);
void warden_sysfs_exit(struct device *dev);

#endif /* _WARDEN_DRIVER_H */
