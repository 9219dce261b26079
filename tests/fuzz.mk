# SPDX-License-Identifier: GPL-2.0-only
#
# Fuzzing (issue 8).
#
# Host: libFuzzer harnesses in tests/fuzz/fuzz_<target>.c, built with clang,
# ASan and UBSan, over the code that parses data crossing a trust boundary:
# the config validator (system, cell, cells together), the data-abort
# decoder, the MMIO registry and the GICv3 distributor filter.
#
#   make fuzz-short   replay tests/fuzz/regressions/<target>/*, then fuzz
#                     each target FUZZ_SHORT_TIME s (10) with a fixed seed;
#                     fails on any crash (2 targets at a time with -j2)
#   make fuzz         the same FUZZ_TIME s (300) each with a random seed,
#                     then the hostile-cell campaign in QEMU with a random
#                     seed and FUZZ_HOSTILE_OPS operations
#
# A crash leaves its input in build/fuzz/artifacts/<target>/; copy it to
# tests/fuzz/regressions/<target>/ once fixed, and fuzz-short replays it.
#
# Guest: static arm64 helpers from tests/e2e/guest/<name>.c become
# build/guest/<name>, which the e2e tests copy in with qemu-run --file.

FUZZ_CC		?= clang
FUZZ_CFLAGS	:= -std=gnu11 -g -O1 -Wall -Wextra -Werror -Iinclude \
		   -D__WARDEN_FREESTANDING__ \
		   -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_DIR	:= $(O)/fuzz
FUZZ_TARGETS	:= validate_system validate_cell cells_together decode mmio gicd \
		   guest_mem
FUZZ_BINS	:= $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_SHORT_TIME	?= 10
FUZZ_TIME	?= 300
FUZZ_SEED	?= 1
FUZZ_HOSTILE_OPS ?= 1000000
FUZZ_OPTS	:= -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

FUZZ_HV_INC	:= -Ihypervisor/include -Ihypervisor/arch/arm64/include
FUZZ_SRCS_validate_system := hypervisor/validate.c
FUZZ_SRCS_validate_cell	:= hypervisor/validate.c
FUZZ_SRCS_cells_together := hypervisor/validate.c
FUZZ_SRCS_decode	:= hypervisor/arch/arm64/decode.c
FUZZ_SRCS_mmio		:= hypervisor/mmio.c
FUZZ_SRCS_gicd		:= hypervisor/arch/arm64/gicv3.c
FUZZ_SRCS_guest_mem	:= hypervisor/guest_mem.c hypervisor/paging.c \
			   hypervisor/page_alloc.c
FUZZ_FLAGS_validate_cell := '-DFUZZ_CELLS="$(O)/configs/qemu-virt-hello.cell \
			   $(O)/configs/qemu-virt-gic-demo.cell $(O)/configs/qemu-virt-smp-demo.cell"'
FUZZ_FLAGS_decode	:= $(FUZZ_HV_INC)
FUZZ_FLAGS_mmio		:= $(FUZZ_HV_INC)
FUZZ_FLAGS_gicd		:= -Itests/unit/stubs $(FUZZ_HV_INC)
FUZZ_FLAGS_guest_mem	:= $(FUZZ_HV_INC)

FUZZ_SEED_CELLS	= $(wildcard $(O)/configs/*.cell $(O)/configs/bad/*.cell)

.SECONDEXPANSION:
$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/common.h $$(FUZZ_SRCS_%) \
		$(wildcard include/warden/*.h hypervisor/include/hv/*.h \
		hypervisor/arch/arm64/include/asm/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_FLAGS_$*) $< $(FUZZ_SRCS_$*) -o $@

# Seed corpora: the real and the bad configs; for cells_together, pairs
# and triples of real cell configs as [u16 length][bytes] records.
$(FUZZ_DIR)/seeds/.stamp: $(CONFIG_CELLS) $(CONFIG_BAD_CELLS)
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds/configs \
		$(FUZZ_DIR)/seeds/cells_together
	cp $(FUZZ_SEED_CELLS) $(FUZZ_DIR)/seeds/configs/ 2>/dev/null || true
	$(PYTHON) -c 'import sys, struct, itertools; \
cells = [open(p, "rb").read() for p in sys.argv[2:]]; \
[open("%s/%d-%d" % (sys.argv[1], n, i), "wb").write(b"".join(struct.pack("<H", len(c)) + c for c in combo)) \
 for n in (1, 2, 3) for i, combo in enumerate(itertools.permutations(cells, n)) if i < 12]' \
		$(FUZZ_DIR)/seeds/cells_together \
		$(filter-out %/qemu-virt.cell,$(wildcard $(O)/configs/qemu-virt-*.cell))
	@touch $@

FUZZ_SEEDS_validate_system := $(FUZZ_DIR)/seeds/configs
FUZZ_SEEDS_validate_cell := $(FUZZ_DIR)/seeds/configs
FUZZ_SEEDS_cells_together := $(FUZZ_DIR)/seeds/cells_together

# $(call fuzz_run,target,seconds,seed option)
define fuzz_run
	@mkdir -p $(FUZZ_DIR)/corpus/$(1) $(FUZZ_DIR)/artifacts/$(1)
	@regs="$$(ls tests/fuzz/regressions/$(1)/* 2>/dev/null)"; \
	if [ -n "$$regs" ]; then \
		echo "== fuzz_$(1): replaying $$(echo $$regs | wc -w) regression inputs"; \
		$(FUZZ_DIR)/fuzz_$(1) $(FUZZ_OPTS) $$regs || exit 1; \
	fi
	@echo "== fuzz_$(1): $(2) s $(3)"
	@$(FUZZ_DIR)/fuzz_$(1) $(FUZZ_OPTS) -max_total_time=$(2) $(3) \
		-artifact_prefix=$(FUZZ_DIR)/artifacts/$(1)/ \
		$(FUZZ_DIR)/corpus/$(1) $(wildcard tests/fuzz/corpus/$(1)) \
		$(FUZZ_SEEDS_$(1)) > $(FUZZ_DIR)/$(1).log 2>&1 || \
		{ tail -40 $(FUZZ_DIR)/$(1).log; \
		  echo "fuzz_$(1): CRASH, input in $(FUZZ_DIR)/artifacts/$(1)/"; exit 1; }
	@grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss)' \
		$(FUZZ_DIR)/$(1).log | tr '\n' ' '; echo
endef

.PHONY: soak fuzz-build fuzz-short fuzz fuzz-hostile
fuzz-build: $(FUZZ_BINS) $(FUZZ_DIR)/seeds/.stamp

FUZZ_SHORT_RUNS	:= $(patsubst %,fuzz-short-%,$(FUZZ_TARGETS))
FUZZ_LONG_RUNS	:= $(patsubst %,fuzz-long-%,$(FUZZ_TARGETS))
.PHONY: $(FUZZ_SHORT_RUNS) $(FUZZ_LONG_RUNS)

$(FUZZ_SHORT_RUNS): fuzz-short-%: $(FUZZ_DIR)/fuzz_% $(FUZZ_DIR)/seeds/.stamp
	$(call fuzz_run,$*,$(FUZZ_SHORT_TIME),-seed=$(FUZZ_SEED))

$(FUZZ_LONG_RUNS): fuzz-long-%: $(FUZZ_DIR)/fuzz_% $(FUZZ_DIR)/seeds/.stamp
	$(call fuzz_run,$*,$(FUZZ_TIME),)

fuzz-short: $(FUZZ_SHORT_RUNS)
	@echo "fuzz-short: $(words $(FUZZ_TARGETS)) targets, no crash"

# The long hostile-cell campaign in QEMU: random seed (printed by the test).
fuzz-hostile: all
	WARDEN_FUZZ_SEED=$${WARDEN_FUZZ_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')} \
	WARDEN_FUZZ_OPS=$(FUZZ_HOSTILE_OPS) \
	$(PYTHON) -m pytest -v tests/e2e/test_hostile.py

# The long soak: 500 cell cycles, 100 enable/disable rounds with cells in
# between, 20 icount rounds (make check runs 100, 30 and 10).
soak: all
	WARDEN_SOAK_CYCLES=500 WARDEN_SOAK_ENABLES=100 WARDEN_SOAK_ICOUNT=20 \
	$(PYTHON) -m pytest -v tests/e2e/test_soak.py

fuzz: $(FUZZ_LONG_RUNS)
	$(MAKE) fuzz-hostile
	$(MAKE) soak
	@echo "fuzz: $(words $(FUZZ_TARGETS)) host targets $(FUZZ_TIME) s each, the hostile cell and the long soak: no crash"

# ---- static arm64 helpers for the guest --------------------------------
GUEST_DIR	:= $(O)/guest
GUEST_SRCS	:= $(wildcard tests/e2e/guest/*.c)
GUEST_BINS	:= $(patsubst tests/e2e/guest/%.c,$(GUEST_DIR)/%,$(GUEST_SRCS))

$(GUEST_DIR)/%: tests/e2e/guest/%.c $(wildcard include/warden/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC_A64) -std=gnu11 -O2 -static $(WARNINGS) -Iinclude $< -o $@

ALL_TARGETS	+= $(GUEST_BINS)
