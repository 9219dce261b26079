// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden.ko: loads the Warden hypervisor under the running Linux and drives
 * it on behalf of the `warden` CLI (/dev/warden, /sys/devices/warden).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <warden/ioctl.h>
#include "warden.h"

#ifndef WARDEN_VERSION
#define WARDEN_VERSION "unknown"
#endif

DEFINE_MUTEX(warden_lock);
struct device *warden_dev;
bool warden_enabled;

static long warden_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (mutex_lock_interruptible(&warden_lock))
		return -EINTR;
	switch (cmd) {
	case WARDEN_ENABLE:
		ret = warden_enable(uarg);
		break;
	case WARDEN_DISABLE:
		ret = warden_disable();
		break;
	case WARDEN_CELL_CREATE:
	case WARDEN_CELL_LOAD:
	case WARDEN_CELL_START:
	case WARDEN_CELL_SHUTDOWN:
	case WARDEN_CELL_DESTROY:
		ret = warden_enabled ? warden_cell_ioctl(cmd, uarg) : -ENODEV;
		break;
	default:
		ret = -ENOTTY;
		break;
	}
	mutex_unlock(&warden_lock);
	return ret;
}

/* The hypervisor console, from the file position (a character count) on. */
static ssize_t warden_read(struct file *file, char __user *buf, size_t len,
			   loff_t *pos)
{
	char *bounce;
	ssize_t ret;

	len = min_t(size_t, len, PAGE_SIZE);
	bounce = kmalloc(len, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	if (mutex_lock_interruptible(&warden_lock)) {
		kfree(bounce);
		return -EINTR;
	}
	ret = warden_console_copy(bounce, len, pos);
	mutex_unlock(&warden_lock);
	if (ret > 0 && copy_to_user(buf, bounce, ret))
		ret = -EFAULT;
	kfree(bounce);
	return ret;
}

static const struct file_operations warden_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = warden_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = warden_read,
	.llseek = default_llseek,
};

static struct miscdevice warden_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "warden",
	.fops = &warden_fops,
};

static int __init warden_init(void)
{
	int err;

	warden_dev = root_device_register("warden");
	if (IS_ERR(warden_dev))
		return PTR_ERR(warden_dev);
	err = warden_sysfs_init(warden_dev);
	if (err)
		goto err_root;
	err = warden_cells_init(warden_dev);
	if (err)
		goto err_sysfs;
	err = misc_register(&warden_misc);
	if (err)
		goto err_cells;
	pr_info("warden: driver %s loaded, EL2: %s\n", WARDEN_VERSION,
		warden_el2_name(warden_el2_probe()));
	return 0;

err_cells:
	warden_cells_exit();
err_sysfs:
	warden_sysfs_exit(warden_dev);
err_root:
	root_device_unregister(warden_dev);
	return err;
}

static void __exit warden_exit(void)
{
	mutex_lock(&warden_lock);
	if (warden_enabled && warden_disable())
		pr_err("warden: cannot disable the hypervisor at unload\n");
	mutex_unlock(&warden_lock);
	misc_deregister(&warden_misc);
	warden_cells_exit();
	warden_hyp_exit();
	warden_sysfs_exit(warden_dev);
	root_device_unregister(warden_dev);
}

module_init(warden_init);
module_exit(warden_exit);
MODULE_DESCRIPTION("Warden static partitioning hypervisor loader");
MODULE_LICENSE("GPL");
MODULE_VERSION(WARDEN_VERSION);
MODULE_FIRMWARE(WARDEN_FIRMWARE);
