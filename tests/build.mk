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

# The suites that must hold on the board with EL3 firmware too (TF-A, a
# GIC with two security states): takeover, cells, inmates, the hostile
# cells, isolation and the stop.
E2E_FIRMWARE	:= $(wildcard $(addprefix tests/e2e/test_,$(addsuffix .py,\
		   firmware_board enable cells inmates hostile isolation stop)))
e2e-firmware: all $(RIG)/tfa/flash.bin
	WARDEN_BOARD=firmware $(PYTHON) -m pytest -v $(E2E_FIRMWARE) $(E2E_ARGS)

check: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) -j2 fuzz-short
	$(MAKE) e2e
	$(MAKE) e2e-firmware

qemu: all
	ci/qemu-run

run: deps
	$(MAKE) all
	ci/run-demo
