# SPDX-License-Identifier: GPL-2.0-only
#
# Pure-logic hypervisor core: the sources linked into the hypervisor image
# and the host unit tests that exercise them (tests/unit/test_<name>.c).

HV_CORE_SRCS := \
	hypervisor/lib.c \
	hypervisor/page_alloc.c \
	hypervisor/paging.c \
	hypervisor/mmio.c \
	hypervisor/arch/arm64/decode.c

UNIT_DEPS_test_page_alloc := hypervisor/page_alloc.c hypervisor/lib.c
UNIT_DEPS_test_paging := hypervisor/paging.c hypervisor/page_alloc.c \
			 hypervisor/lib.c
UNIT_DEPS_test_mmio := hypervisor/mmio.c
UNIT_DEPS_test_decode := hypervisor/arch/arm64/decode.c
