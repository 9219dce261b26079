# SPDX-License-Identifier: GPL-2.0-only
# Inmates (bare-metal cell images): none yet; see the inmate-library issue.
INMATE_DIR	:= $(O)/inmates
