/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * EL1 exception vectors. IRQs taken from EL1 go to gic_handle_irq(); every
 * other entry is unexpected and ends in inmate_unexpected_exception(), which
 * prints the syndrome and halts the CPU.
 */

/* struct exception_frame in traps.c: x0..x30, elr, spsr, pad. */
#define FRAME_SIZE	(34 * 8)

/* Each entry is 128 bytes (.org fails the build if one grows beyond). */
.macro unexpected_entry kind
	.balign 128
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	unexpected_common
.endm

.macro irq_entry
	.balign 128
	b	irq_common
.endm

	.text
	.balign 2048
	.global inmate_vectors
inmate_vectors:
	/* Current EL with SP_EL0: never used, the inmate runs on SP_EL1. */
	unexpected_entry 0
	unexpected_entry 1
	unexpected_entry 2
	unexpected_entry 3
	/* Current EL with SP_ELx. */
	unexpected_entry 4
	irq_entry
	unexpected_entry 6
	unexpected_entry 7
	/* Lower EL, AArch64 and AArch32: the inmate has no EL0. */
	unexpected_entry 8
	unexpected_entry 9
	unexpected_entry 10
	unexpected_entry 11
	unexpected_entry 12
	unexpected_entry 13
	unexpected_entry 14
	unexpected_entry 15
	.org inmate_vectors + 2048

unexpected_common:
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x1, elr_el1
	stp	x30, x1, [sp, #16 * 15]
	mrs	x1, spsr_el1
	str	x1, [sp, #16 * 16]
	mov	x1, sp
	bl	inmate_unexpected_exception
	b	cpu_halt

/*
 * The caller-saved registers and ELR/SPSR (IRQs stay masked in the handler,
 * so there is no nesting; ELR/SPSR only for a fault inside it).
 */
irq_common:
	sub	sp, sp, #(12 * 16)
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x29, [sp, #16 * 9]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #16 * 10]
	str	x1, [sp, #16 * 11]
	bl	gic_handle_irq
	ldr	x1, [sp, #16 * 11]
	ldp	x30, x0, [sp, #16 * 10]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x29, [sp, #16 * 9]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #(12 * 16)
	eret
