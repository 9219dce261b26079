# SPDX-License-Identifier: GPL-2.0-only
# The hypervisor image: build/hypervisor/warden.bin (installed in the guest
# as /lib/firmware/warden.bin).
include hypervisor/core_units.mk

HV_DIR		:= $(O)/hypervisor
HV_SRCS		:= $(HV_CORE_SRCS) \
		   hypervisor/header.c hypervisor/init.c hypervisor/cell.c \
		   hypervisor/hypercall.c hypervisor/printk.c \
		   hypervisor/validate.c \
		   hypervisor/arch/arm64/setup.c hypervisor/arch/arm64/traps.c \
		   hypervisor/arch/arm64/psci.c hypervisor/arch/arm64/gicv3.c \
		   hypervisor/arch/arm64/gicv3_cpu.c hypervisor/arch/arm64/gicv3_redist.c \
		   hypervisor/guest_mem.c \
		   hypervisor/temp_map.c
HV_ASM		:= hypervisor/arch/arm64/entry.S
HV_OBJS		:= $(patsubst %.c,$(HV_DIR)/%.o,$(HV_SRCS)) \
		   $(patsubst %.S,$(HV_DIR)/%.o,$(HV_ASM))
HV_CFLAGS	:= -std=gnu11 -O2 -g $(WARNINGS) $(FREESTANDING) \
		   -Iinclude -Ihypervisor/include -Ihypervisor/arch/arm64/include \
		   -DWARDEN_VERSION_STRING=\"$(VERSION)\" -MMD -MP
HV_LDS		:= hypervisor/arch/arm64/hypervisor.lds
HV_BIN		:= $(HV_DIR)/warden.bin

$(HV_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC_A64) $(HV_CFLAGS) -c $< -o $@

$(HV_DIR)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC_A64) $(HV_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(HV_DIR)/warden.elf: $(HV_OBJS) $(HV_LDS)
	$(LD_A64) -nostdlib --no-warn-rwx-segments -T $(HV_LDS) $(HV_OBJS) -o $@

$(HV_BIN): $(HV_DIR)/warden.elf
	$(OBJCOPY_A64) -O binary $< $@

-include $(HV_OBJS:.o=.d)

ALL_TARGETS += $(HV_BIN)

# The GICv3 distributor filter, on the host (tests/unit/test_gicv3.c).
UNIT_DEPS_test_gicv3 := hypervisor/arch/arm64/gicv3.c
UNIT_FLAGS_test_gicv3 := -Itests/unit/stubs

# Copying from the root cell's memory (tests/unit/test_guest_mem.c).
UNIT_DEPS_test_guest_mem := hypervisor/guest_mem.c hypervisor/paging.c \
			    hypervisor/page_alloc.c hypervisor/lib.c

# Cells without the driver in front (tests/unit/test_cell.c includes cell.c).
UNIT_DEPS_test_cell := hypervisor/paging.c hypervisor/page_alloc.c \
		       hypervisor/validate.c hypervisor/mmio.c hypervisor/lib.c
UNIT_FLAGS_test_cell := -Itests/unit/stubs
