/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 part of a cell. */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <hv/types.h>

struct arch_cell {
	u64 vttbr;		/* stage-2 root | VMID */
	u16 vmid;
};

#endif /* _ASM_CELL_H */
