# SPDX-License-Identifier: GPL-2.0-only
#
# Inmates: bare-metal cell images built on the inmate library (inmates/lib).
# An inmate is one C file, inmates/demos/<name>.c or inmates/tests/<name>.c,
# plus its name in INMATES below; it becomes $(INMATE_DIR)/<name>.bin,
# installed in the guest as /usr/share/warden/inmates/<name>.bin.

INMATE_DIR	:= $(O)/inmates

INMATES		:= hello gic-demo smp-demo comm-demo
INMATES		+= isolation-test bench
INMATES		+= fault silent timer-test
INMATES		+= fuzz memprobe cpuif-hostile

INMATE_CFLAGS	:= -std=gnu11 -O2 -g $(WARNINGS) $(FREESTANDING) \
		   -Iinclude -Iinmates/lib/include -MMD -MP
INMATE_LIB_SRCS	:= $(wildcard inmates/lib/*.c) $(wildcard inmates/lib/arm64/*.S)
INMATE_LIB_OBJS	:= $(patsubst inmates/%,$(INMATE_DIR)/%.o,$(INMATE_LIB_SRCS))
INMATE_LIB	:= $(INMATE_DIR)/libinmate.a
INMATE_LDS	:= $(INMATE_DIR)/inmate.lds
INMATE_BINS	:= $(patsubst %,$(INMATE_DIR)/%.bin,$(INMATES))

# The source of inmate $(1): demos/ first, then tests/.
inmate_src	= $(or $(firstword $(wildcard inmates/demos/$(1).c inmates/tests/$(1).c)), \
		       $(error inmate "$(1)": no inmates/demos/$(1).c or inmates/tests/$(1).c))

$(INMATE_DIR)/%.c.o: inmates/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC_A64) $(INMATE_CFLAGS) -c $< -o $@

$(INMATE_DIR)/%.S.o: inmates/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC_A64) $(INMATE_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(INMATE_LIB): $(INMATE_LIB_OBJS)
	@echo "  AR      $@"
	@rm -f $@
	@$(CROSS_COMPILE)ar rcs $@ $^

$(INMATE_LDS): inmates/lib/arm64/inmate.lds inmates/lib/include/inmate/layout.h
	@mkdir -p $(dir $@)
	@echo "  LDS     $<"
	@$(CC_A64) -E -P -x c -Iinmates/lib/include -D__ASSEMBLY__ $< -o $@

# -u _start: the entry lives in the archive and nothing else refers to it.
define inmate_rules
$(INMATE_DIR)/$(1).elf: $(patsubst inmates/%,$(INMATE_DIR)/%.o,$(call inmate_src,$(1))) \
		$(INMATE_LIB) $(INMATE_LDS)
	@echo "  LD      $$@"
	@$(LD_A64) -nostdlib -static --no-warn-rwx-segments -u _start \
		-T $(INMATE_LDS) $$< $(INMATE_LIB) -o $$@
endef
$(foreach i,$(INMATES),$(eval $(call inmate_rules,$(i))))

$(INMATE_DIR)/%.bin: $(INMATE_DIR)/%.elf
	@echo "  BIN     $@"
	@$(OBJCOPY_A64) -O binary $< $@

.PHONY: inmates
inmates: $(INMATE_BINS)
ALL_TARGETS	+= $(INMATE_BINS)

-include $(INMATE_LIB_OBJS:.o=.d) $(wildcard $(INMATE_DIR)/demos/*.d $(INMATE_DIR)/tests/*.d)

# The printk formatter on the host (tests/unit/test_inmate_printk.c).
UNIT_DEPS_test_inmate_printk	:= inmates/lib/format.c
UNIT_FLAGS_test_inmate_printk	:= -Iinmates/lib/include
