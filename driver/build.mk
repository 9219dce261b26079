# SPDX-License-Identifier: GPL-2.0-only
# warden.ko, built out of tree against Debian's unmodified arm64 headers.
DRIVER_KO	:= $(O)/driver/warden.ko
DRIVER_DEPS	:= $(wildcard driver/*.c driver/*.h) driver/Kbuild $(wildcard include/warden/*.h)

$(DRIVER_KO): $(DRIVER_DEPS) | $(RIG)/rig.env
	$(MAKE) -s -C $(KDIR) M=$(CURDIR)/driver ARCH=arm64 \
		CROSS_COMPILE=$(CROSS_COMPILE) WARDEN_VERSION=$(VERSION) modules
	@mkdir -p $(@D)
	cp driver/warden.ko $@

ALL_TARGETS += $(DRIVER_KO)
