/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Memory layout of an inmate, shared by C, assembly and the linker script
 * (plain #defines only, so all three can include it).
 *
 *   0x00000 .. image end      text, rodata, data, bss (page tables included)
 *   image end ..              one stack per CPU of the cell
 *   0xff000 .. 0x100000       parameter page, loaded by `warden cell load
 *                             -s <string>@0xff000`; never written by the image
 */
#ifndef _INMATE_LAYOUT_H
#define _INMATE_LAYOUT_H

#define INMATE_RAM_BASE		0x0
#define INMATE_RAM_SIZE		0x100000
#define INMATE_PARAM_ADDR	0xff000
#define INMATE_PARAM_SIZE	0x1000
#define INMATE_COMM_ADDR	0x80000000

#define INMATE_MAX_CPUS		8
#define INMATE_STACK_SIZE	0x4000

#endif /* _INMATE_LAYOUT_H */
