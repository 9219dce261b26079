/* SPDX-License-Identifier: GPL-2.0-only */
/* GICv3 register layout and helpers shared by the redistributor and CPU-interface code. */
#ifndef _ASM_GICV3_H
#define _ASM_GICV3_H

#include <hv/types.h>
#include <warden/hypercall.h>

#define KICK_SGI		WARDEN_STOP_SGI
#define GICR_SGI_BASE		0x10000
#define GICR_TYPER		0x0008
#define GICR_PIDR2		0xffe8
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_ISPENDR0		(GICR_SGI_BASE + 0x0200)
#define GICR_ICPENDR0		(GICR_SGI_BASE + 0x0280)
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x0300)
#define GICR_ICACTIVER0		(GICR_SGI_BASE + 0x0380)
#define GICR_IPRIORITYR		(GICR_SGI_BASE + 0x0400)
#define GICR_ICFGR0		(GICR_SGI_BASE + 0x0c00)
#define GICR_IGRPMODR0		(GICR_SGI_BASE + 0x0d00)

#define ICC_CTLR_EOIMODE	(1 << 1)
#define SGIR_TARGETS		0xffffULL
#define SGIR_AFF1_SHIFT		16
#define SGIR_INTID_SHIFT	24
#define SGIR_AFF2_SHIFT		32
#define SGIR_IRM		(1ULL << 40)
#define SGIR_RS_SHIFT		44
#define SGIR_AFF3_SHIFT		48

/* The hypervisor's mapping of CPU @cpu's redistributor frame. */
volatile u8 *gicr_frame(unsigned int cpu);

#endif /* _ASM_GICV3_H */
