# SPDX-License-Identifier: GPL-2.0-only
#
# Board and cell configs: C initialisers compiled for arm64, then the one
# section holding the config object (.rodata.config) is copied out as the
# binary .cell file. The file's size is checked against the object's symbol
# size, so a stray section or padding can never end up in a .cell.
#
#   build/configs/<name>.cell      from configs/arm64/<name>.c
#   build/configs/bad/<name>.cell  from configs/arm64/bad/<name>.c (tests)

CONFIG_CFLAGS	:= -std=gnu11 -O1 $(WARNINGS) -Iinclude -D__WARDEN_FREESTANDING__ \
		   -ffreestanding -fno-common
NM_A64		:= $(CROSS_COMPILE)nm

CONFIG_SRCS	:= $(wildcard configs/arm64/*.c)
CONFIG_BAD_SRCS	:= $(wildcard configs/arm64/bad/*.c)
CONFIG_CELLS	:= $(patsubst configs/arm64/%.c,$(O)/configs/%.cell,$(CONFIG_SRCS))
CONFIG_BAD_CELLS := $(patsubst configs/arm64/bad/%.c,$(O)/configs/bad/%.cell,\
		   $(CONFIG_BAD_SRCS))
CONFIG_HDRS	:= include/warden/config.h include/warden/types.h

ALL_TARGETS	+= $(CONFIG_CELLS) $(CONFIG_BAD_CELLS)

# $(call config_cell,object,cell): extract and check the size.
define config_cell
	$(OBJCOPY_A64) -O binary --only-section=.rodata.config $(1) $(2)
	@want=$$(( 0x$$($(NM_A64) -S --defined-only $(1) | \
		awk '$$4 == "config" { print $$2 }') )); \
	got=$$(stat -c %s $(2)); \
	if [ "$$want" != "$$got" ]; then \
		echo "$(2): $$got bytes, but the config object has $$want" >&2; \
		rm -f $(2); exit 1; \
	fi
endef

$(O)/configs/%.o: configs/arm64/%.c $(CONFIG_HDRS)
	@mkdir -p $(dir $@)
	$(CC_A64) $(CONFIG_CFLAGS) -c $< -o $@

$(O)/configs/%.cell: $(O)/configs/%.o
	$(call config_cell,$<,$@)

# Keep the objects: the size check reads their symbol table.
.SECONDARY: $(CONFIG_CELLS:.cell=.o) $(CONFIG_BAD_CELLS:.cell=.o)

.PHONY: configs
configs: $(CONFIG_CELLS) $(CONFIG_BAD_CELLS)

# Unit test of the validator (tests/unit/test_validate.c); it also compiles
# the config sources above on the host to check the real configs.
UNIT_DEPS_test_validate := hypervisor/validate.c
