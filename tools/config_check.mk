# SPDX-License-Identifier: GPL-2.0-only
# `warden config check` and the shared validator it runs.
CLI_SRCS += tools/config_check.c tools/util.c hypervisor/validate.c
