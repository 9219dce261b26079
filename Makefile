# SPDX-License-Identifier: GPL-2.0-only
#
# Warden: the one entry point.
#
#   make            cross-build everything for arm64 (hypervisor, warden.ko,
#                   CLI, configs, inmates) and the host unit tests
#   make check      install what is missing, build, run unit and QEMU e2e tests
#   make run        boot the QEMU board and show Warden at work
#   make qemu       interactive shell in the QEMU guest
#   make bench      benchmarks (see docs/performance.md)
#
# Each part contributes a build.mk fragment; outputs go to build/.

O		:= build
RIG		:= $(O)/rig
CROSS_COMPILE	?= aarch64-linux-gnu-
CC_A64		:= $(CROSS_COMPILE)gcc
LD_A64		:= $(CROSS_COMPILE)ld
OBJCOPY_A64	:= $(CROSS_COMPILE)objcopy
HOSTCC		?= gcc
PYTHON		:= /usr/bin/python3
VERSION		:= $(shell git describe --always --dirty 2>/dev/null || echo unknown)

WARNINGS	:= -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow -Wundef \
		   -Wstrict-prototypes
# Freestanding arm64 code (hypervisor, inmates): no FP/SIMD at EL2.
FREESTANDING	:= -ffreestanding -fno-builtin -nostdinc -fno-common \
		   -fno-stack-protector -fno-pic -fno-pie \
		   -mgeneral-regs-only -mstrict-align -march=armv8-a -mno-outline-atomics \
		   -fno-asynchronous-unwind-tables -fno-unwind-tables \
		   -D__WARDEN_FREESTANDING__ -isystem $(shell $(CC_A64) -print-file-name=include)
HOST_CFLAGS	:= -std=gnu11 -O2 -g $(WARNINGS) -Iinclude
UNIT_CFLAGS	:= $(HOST_CFLAGS) -D__WARDEN_FREESTANDING__ -fsanitize=address,undefined \
		   -fno-sanitize-recover=all

.PHONY: all deps check unit e2e e2e-firmware run qemu bench fuzz clean distclean format format-check
all:

# --- host dependencies and the QEMU rig ---------------------------------
DEPS_STAMP	:= $(O)/.deps-installed
$(DEPS_STAMP): ci/install-deps
	@mkdir -p $(O)
	ci/install-deps
	@touch $@
$(RIG)/rig.env: ci/fetch-kernel | $(DEPS_STAMP)
	ci/fetch-kernel $(RIG)
# TF-A for the board with EL3 firmware (ci/qemu-run --board firmware).
$(RIG)/tfa/flash.bin: ci/fetch-tfa | $(DEPS_STAMP)
	ci/fetch-tfa $(RIG)
deps: $(DEPS_STAMP) $(RIG)/rig.env $(RIG)/tfa/flash.bin

-include $(RIG)/rig.env

include hypervisor/build.mk
include driver/build.mk
include tools/build.mk
include configs/build.mk
include inmates/build.mk
include tests/build.mk
-include tests/bench.mk
-include tests/fuzz.mk

all: $(ALL_TARGETS)

clean:
	rm -rf $(filter-out $(RIG),$(wildcard $(O)/*)) $(O)/.deps-installed
	$(MAKE) -C driver clean-local
distclean: clean
	rm -rf $(O)

# .clang-format cannot express all of the house style (tab-aligned
# #defines, `?:` chains): format-check reports, it is not part of check.
FORMAT_FILES	?= $(shell git ls-files '*.c' '*.h')
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	ci/check-format $(FORMAT_FILES)
