# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests (cmocka) and QEMU end-to-end tests (pytest).
UNIT_SRCS	:= $(wildcard tests/unit/test_*.c)
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(O)/unit/%,$(UNIT_SRCS))
UNIT_INCLUDES	:= -Ihypervisor/include -Ihypervisor/arch/arm64/include

.SECONDEXPANSION:
$(O)/unit/%: tests/unit/%.c $$(UNIT_DEPS_%) $(wildcard include/warden/*.h hypervisor/include/hv/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS) $(UNIT_FLAGS_$*) $(UNIT_INCLUDES) $< $(UNIT_DEPS_$*) -lcmocka -o $@

ALL_TARGETS += $(UNIT_BINS)

INITRAMFS	:= $(O)/initramfs.cpio.gz
$(INITRAMFS): ci/mkinitramfs ci/init $(DRIVER_KO) $(O)/tools/warden $(HV_BIN) \
		$(CONFIG_CELLS) $(CONFIG_BAD_CELLS) $(INMATE_BINS) | $(RIG)/rig.env
	ci/mkinitramfs $@ $(BUSYBOX) $(DRIVER_KO) $(O)/tools/warden $(HV_BIN) \
		$(O)/configs $(INMATE_DIR)
ALL_TARGETS += $(INITRAMFS)

unit: $(UNIT_BINS) $(O)/host/warden
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done
	$(PYTHON) -m pytest -q tests/host

# pytest's exit 5 ("no tests collected") is a failure here too.
E2E_ARGS	?=
e2e: all
	$(PYTHON) -m pytest -v tests/e2e $(E2E_ARGS)

check: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) -j2 fuzz-short
	$(MAKE) e2e

qemu: all
	ci/qemu-run

run: deps
	$(MAKE) all
	ci/run-demo
