# SPDX-License-Identifier: GPL-2.0-only
# The `warden` command line tool: a static arm64 binary for the target and
# the same program for the development host (so `warden config check` runs
# there too).

# config_check.mk adds `warden config check` and the shared validator to
# CLI_SRCS; it must come first, since rule prerequisites expand when read.
-include tools/config_check.mk

CLI_SRCS	+= tools/args.c tools/cmd_cell.c tools/cmd_hardware.c \
		   tools/cmd_config_collect.c
CLI_ALL_SRCS	:= tools/warden.c $(CLI_SRCS)
CLI_DEPS	:= $(wildcard include/warden/*.h tools/*.h)
CLI_CFLAGS	:= -O2 -std=gnu11 $(WARNINGS) -Iinclude -Ihypervisor/include \
		   -DWARDEN_VERSION=\"$(VERSION)\"
CLI_VERSION	:= $(O)/tools/.version

# Rebuild when `git describe` changes, not only when a source does.
$(CLI_VERSION): FORCE_CLI_VERSION
	@mkdir -p $(@D)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@
.PHONY: FORCE_CLI_VERSION

$(O)/tools/warden: $(CLI_ALL_SRCS) $(CLI_DEPS) $(CLI_VERSION)
	@mkdir -p $(@D)
	$(CC_A64) -static $(CLI_CFLAGS) -o $@ $(CLI_ALL_SRCS)

$(O)/host/warden: $(CLI_ALL_SRCS) $(CLI_DEPS) $(CLI_VERSION)
	@mkdir -p $(@D)
	$(HOSTCC) $(CLI_CFLAGS) -o $@ $(CLI_ALL_SRCS)

# `warden config create` runs warden-config-create from next to the binary.
$(O)/host/warden-config-create: tools/warden-config-create
	@mkdir -p $(@D)
	cp $< $@

ALL_TARGETS	+= $(O)/tools/warden $(O)/host/warden \
		   $(O)/host/warden-config-create

# Host unit test of the CLI's pure helpers (tests/unit/test_cli.c).
UNIT_DEPS_test_cli := tools/args.c
