// SPDX-License-Identifier: GPL-2.0-only
/* /sys/devices/warden: the hypervisor's state for tools and tests. */
#include <linux/device.h>
#include <linux/sysfs.h>
#include <warden/hypercall.h>
#include "warden.h"

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", warden_enabled);
}

static ssize_t el2_status_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", warden_el2_name(warden_el2_probe()));
}

static ssize_t info_show(char *buf, unsigned int type)
{
	long val = 0;

	mutex_lock(&warden_lock);
	if (warden_enabled)
		val = warden_hypervisor_info(type);
	mutex_unlock(&warden_lock);
	return sysfs_emit(buf, "%ld\n", val);
}

static ssize_t mem_pool_size_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return info_show(buf, WARDEN_INFO_MEM_POOL_SIZE);
}

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return info_show(buf, WARDEN_INFO_MEM_POOL_USED);
}

/* The newest part of the hypervisor console that fits a sysfs page. */
static ssize_t console_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	loff_t pos = -(loff_t)(PAGE_SIZE - 1);	/* from the end */
	ssize_t len;

	mutex_lock(&warden_lock);
	len = warden_console_copy(buf, PAGE_SIZE - 1, &pos);
	mutex_unlock(&warden_lock);
	return len < 0 ? 0 : len;
}

static DEVICE_ATTR_RO(enabled);
static DEVICE_ATTR_RO(el2_status);
static DEVICE_ATTR_RO(mem_pool_size);
static DEVICE_ATTR_RO(mem_pool_used);
static DEVICE_ATTR_RO(console);

static struct attribute *warden_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_el2_status.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_console.attr,
	NULL,
};

static const struct attribute_group warden_group = {
	.attrs = warden_attrs,
};

int warden_sysfs_init(struct device *dev)
{
	return sysfs_create_group(&dev->kobj, &warden_group);
}

void warden_sysfs_exit(struct device *dev)
{
	sysfs_remove_group(&dev->kobj, &warden_group);
}
