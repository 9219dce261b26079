/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 entry and exit, the exception vectors and the world switch.
 *
 * Linux's hyp stub (HVC_SOFT_RESTART) and PSCI CPU_ON enter arch_entry at
 * its physical address with the MMU off. That code lives in the trampoline
 * page, which is identity-mapped in both the boot and the runtime tables, so
 * it can turn the MMU on (and, on the way out, off) under its own feet.
 */
#include <hv/layout.h>
#include <asm/sysregs.h>
#include <asm/boot.h>

#define EINVAL	22
#define ENODEV	19

	/*
	 * What the procedure call standard lets C code clobber: x0-x18, x29,
	 * x30. The others (x19-x28) survive a C call untouched, so paths that
	 * never look at them (HVC and SMC) need not save them at all.
	 */
	.macro save_caller_saved
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	str	x18, [sp, #144]
	stp	x29, x30, [sp, #232]
	.endm

	.macro save_callee_saved
	str	x19, [sp, #152]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	str	x28, [sp, #224]
	.endm

	.macro restore_callee_saved
	ldr	x19, [sp, #152]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldr	x28, [sp, #224]
	.endm

	/* Everything but x30 that save_caller_saved saved. */
	.macro restore_caller_saved_but_x30
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldr	x18, [sp, #144]
	ldr	x29, [sp, #232]
	.endm

	/* The whole frame: x0-x30. */
	.macro save_frame
	save_caller_saved
	save_callee_saved
	.endm

	/* Everything but x30, which the caller restores. */
	.macro restore_frame_but_x30
	restore_caller_saved_but_x30
	restore_callee_saved
	.endm

	.macro tlb_flush_el2
	tlbi	alle2
	dsb	ish
	isb
	.endm

/* ---------------------------------------------------------------------- */
	.section .trampoline, "ax"
	.global arch_entry
arch_entry:
	/*
	 * x0 = ENTRY_*, x1 = hypervisor base (phys), x2 = Linux's CPU number.
	 * Only x0-x17 may change before the guest's registers are saved: the
	 * driver's call clobbers no more (and Linux may use x18).
	 */
	cmp	x0, #ENTRY_INIT
	b.eq	init_entry
	cmp	x0, #ENTRY_CPU
	b.eq	cpu_entry
	cmp	x0, #ENTRY_CPU_ON
	b.eq	cpu_entry
	mov	x0, #-EINVAL
	eret

/*
 * Global set-up: build the boot tables (identity map and slot 1, 2 MiB
 * blocks over the hypervisor memory, which must not cross a 1 GiB boundary),
 * turn the MMU on and run hv_init() on a boot stack.
 */
init_entry:
	adrp	x3, __image_start		/* physical: PC-relative */
	lsr	x8, x3, #39
	cbnz	x8, 9f				/* identity map needs slot 0 */
	ldr	x5, [x3, #HDR_CONFIG_OFFSET]
	add	x5, x5, x3
	ldr	x6, [x5, #SYS_HV_SIZE]
	adrp	x7, boot_pt

	add	x9, x7, #0x1000			/* L0[0] -> L1 identity */
	orr	x10, x9, #3
	str	x10, [x7]
	add	x9, x7, #0x3000			/* L0[1] -> L1 slot 1 */
	orr	x10, x9, #3
	str	x10, [x7, #8]
	add	x9, x7, #0x2000			/* L1 identity -> L2 identity */
	orr	x10, x9, #3
	ubfx	x11, x3, #30, #9
	add	x12, x7, #0x1000
	str	x10, [x12, x11, lsl #3]
	add	x9, x7, #0x4000			/* L1 slot 1 [0] -> L2 slot 1 */
	orr	x10, x9, #3
	str	x10, [x7, #0x3000]

	ubfx	x11, x3, #21, #9		/* blocks: min(size/2M, rest of GiB) */
	lsr	x13, x6, #21
	mov	x14, #512
	sub	x14, x14, x11
	cmp	x13, x14
	csel	x13, x13, x14, lo
	cbz	x13, 9f
	mov	x15, #BOOT_BLOCK_ATTR
	orr	x15, x15, x3
	add	x12, x7, #0x2000
	add	x12, x12, x11, lsl #3
	add	x17, x7, #0x4000
1:	str	x15, [x12], #8
	str	x15, [x17], #8
	add	x15, x15, #0x200000
	subs	x13, x13, #1
	b.ne	1b

	/* Written with the MMU off: drop any stale cached copy. */
	dsb	sy
	mrs	x16, ctr_el0
	ubfx	x16, x16, #16, #4
	mov	x17, #4
	lsl	x17, x17, x16			/* D-cache line size */
	mov	x12, x7
	add	x13, x7, #(BOOT_PT_PAGES * 0x1000)
2:	dc	ivac, x12
	add	x12, x12, x17
	cmp	x12, x13
	b.lo	2b
	dsb	sy

	mrs	x8, id_aa64mmfr0_el1
	and	x8, x8, #7			/* PARange -> TCR_EL2.PS */
	ldr	x9, =TCR_EL2_BASE
	orr	x9, x9, x8, lsl #TCR_EL2_PS_SHIFT
	msr	tcr_el2, x9
	ldr	x9, =0x4404ff			/* PAGING_MAIR_VALUE */
	msr	mair_el2, x9
	msr	ttbr0_el2, x7
	isb
	tlb_flush_el2
	ldr	x9, =SCTLR_EL2_MMU_ON
	msr	sctlr_el2, x9
	isb
	mrs	x4, vbar_el2			/* Linux's stub vectors */
	ldr	x9, =init_virt
	br	x9
9:	mov	x0, #-EINVAL
	eret

/*
 * A CPU enters (driver or PSCI CPU_ON): find it by MPIDR in boot_data, turn
 * the MMU on with its own runtime root table and continue at its VA.
 */
cpu_entry:
	mrs	x5, mpidr_el1
	ldr	x6, =MPIDR_AFF_MASK
	and	x5, x5, x6
	adrp	x7, boot_data
	add	x7, x7, :lo12:boot_data
	ldr	x8, [x7, #BOOT_NUM_CPUS]
	add	x9, x7, #BOOT_CPUS
1:	cbz	x8, 8f
	ldr	x10, [x9, #BOOT_CPU_MPIDR]
	cmp	x10, x5
	b.eq	2f
	add	x9, x9, #BOOT_CPU_SIZE
	sub	x8, x8, #1
	b	1b
2:	ldr	x10, [x9, #BOOT_CPU_TTBR]
	cbz	x10, 8f
	ldr	x11, [x7, #BOOT_TCR]
	msr	tcr_el2, x11
	ldr	x11, [x7, #BOOT_MAIR]
	msr	mair_el2, x11
	msr	ttbr0_el2, x10
	isb
	tlb_flush_el2
	ldr	x11, =SCTLR_EL2_MMU_ON
	msr	sctlr_el2, x11
	isb
	ldr	x11, =cpu_virt
	br	x11
8:	mov	x0, #-ENODEV
	eret

/* Leave with the MMU off: x30 = return value of x30 is in TPIDR_EL2. */
	.global mmu_off_leave
mmu_off_leave:
	mrs	x30, sctlr_el2
	bic	x30, x30, #SCTLR_M
	bic	x30, x30, #SCTLR_C
	bic	x30, x30, #SCTLR_I
	msr	sctlr_el2, x30
	isb
	tlb_flush_el2
	mrs	x30, tpidr_el2
	eret

	.ltorg

/* ---------------------------------------------------------------------- */
	.text
init_virt:
	ldr	x9, =boot_stack_top
	mov	sp, x9
	stp	x18, x19, [sp, #-16]!
	stp	x20, x21, [sp, #-16]!
	stp	x22, x23, [sp, #-16]!
	stp	x24, x25, [sp, #-16]!
	stp	x26, x27, [sp, #-16]!
	stp	x28, x29, [sp, #-16]!
	mrs	x9, elr_el2
	mrs	x10, spsr_el2
	stp	x30, x9, [sp, #-16]!
	stp	x10, xzr, [sp, #-16]!
	mov	x19, x3				/* image physical address */
	mov	x21, x4				/* stub vectors */
	mov	x0, x3
	mov	x1, x4
	bl	hv_init
	msr	vbar_el2, x21
	ldp	x10, xzr, [sp], #16
	ldp	x30, x9, [sp], #16
	msr	elr_el2, x9
	msr	spsr_el2, x10
	ldr	x9, =mmu_off_leave		/* its physical address */
	ldr	x10, =__image_start
	sub	x9, x9, x10
	add	x9, x9, x19
	msr	tpidr_el2, x30
	ldp	x28, x29, [sp], #16
	ldp	x26, x27, [sp], #16
	ldp	x24, x25, [sp], #16
	ldp	x22, x23, [sp], #16
	ldp	x20, x21, [sp], #16
	ldp	x18, x19, [sp], #16
	br	x9

cpu_virt:
	ldr	x11, =FRAME_VA
	mov	sp, x11
	save_frame
	bl	hv_cpu_entry
	cbnz	x0, leave_hv
	b	guest_return

/* Back to the guest (the frame holds its registers). */
	.global guest_return
guest_return:
	restore_frame_but_x30
	ldr	x30, [sp, #240]
	eret

/*
 * Leave the hypervisor on this CPU: restore the guest, MMU off, eret.
 * x30 goes through TPIDR_EL2, as mmu_off_leave needs a register to branch.
 */
	.macro leave restore
	ldr	x30, [sp, #240]
	msr	tpidr_el2, x30
	ldr	x30, =mmu_off_leave
	ldr	x29, =__image_start
	sub	x30, x30, x29
	ldr	x29, =hv_phys_base
	ldr	x29, [x29]
	add	x30, x30, x29
	\restore
	br	x30
	.endm

leave_hv:
	leave restore_frame_but_x30

/* The same after HVC/SMC: x19-x28 were never saved, they are still live. */
leave_call:
	leave restore_caller_saved_but_x30

call_return:
	restore_caller_saved_but_x30
	ldr	x30, [sp, #240]
	eret

/*
 * Common synchronous trap path; the caller-saved registers are in the
 * frame. Any SError the guest caused is made pending (dsb) and taken in a
 * one-instruction window with aborts unmasked, so it is attributed to the
 * guest and not lost. HVC and SMC then take the short way: their handlers
 * use x0-x3 only, and C keeps x19-x28 as they are. Everything else saves
 * those too, for handlers that read or write any register (MMIO).
 */
trap_common:
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	mrs	x2, esr_el2
	mrs	x3, far_el2
	dsb	sy
	msr	daifclr, #4
	.global serror_window
serror_window:
	isb
	msr	daifset, #4
	msr	elr_el2, x0
	msr	spsr_el2, x1
	mov	x0, x2
	mov	x1, x3
	ubfx	x4, x2, #ESR_EC_SHIFT, #6
	cmp	x4, #EC_HVC64
	b.eq	1f
	cmp	x4, #EC_SMC64
	b.eq	1f
	save_callee_saved
	bl	arch_handle_trap
	cbnz	x0, leave_hv
	b	guest_return
1:	bl	arch_handle_call
	cbnz	x0, leave_call
	b	call_return

irq_common:
	bl	arch_handle_irq
	b	guest_return

serror_common:
	bl	arch_handle_serror
	cbnz	x0, leave_hv
	b	guest_return

/* An exception taken at EL2 itself: a hypervisor bug, report and stop. */
hv_fault:
	mov	x0, sp
	bl	hv_panic_exception		/* does not return */
1:	wfe
	b	1b

	.ltorg

/* ---------------------------------------------------------------------- */
	/* Each entry has 128 bytes: .org fails the build on overflow. */
	.macro vector_guest target
	.align	7
9998:	save_frame
	b	\target
	.org	9998b + 0x80
	.endm

	.macro vector_sync
	.align	7
9998:	save_caller_saved
	b	trap_common
	.org	9998b + 0x80
	.endm

	.macro vector_hv kind
	.align	7
9998:	sub	sp, sp, #FRAME_SIZE
	save_frame
	mov	x1, #\kind
	b	hv_fault
	.org	9998b + 0x80
	.endm

	.section .text.vectors, "ax"
	.align	11
	.global hv_vectors
hv_vectors:
	vector_hv 0		/* current EL, SP_EL0: sync */
	vector_hv 1		/* irq */
	vector_hv 2		/* fiq */
	vector_hv 3		/* serror */
	vector_hv 4		/* current EL, SP_ELx: sync */
	vector_hv 5		/* irq */
	vector_hv 6		/* fiq */
	.align	7		/* serror: expected only in the window */
9997:	mrs	x4, elr_el2
	adr	x5, serror_window
	sub	x4, x4, x5
	cmp	x4, #8
	b.hi	1f
	movz	x4, #(FRAME_VA & 0xffff)
	movk	x4, #((FRAME_VA >> 32) & 0xffff), lsl #32
	mov	x5, #1
	str	x5, [x4, #248]			/* trap_frame.pad */
	eret
1:	b	hv_serror_fault
	.org	9997b + 0x80
	vector_sync			/* lower EL, AArch64: sync */
	vector_guest irq_common		/* irq */
	vector_guest irq_common		/* fiq */
	vector_guest serror_common	/* serror */
	vector_sync			/* lower EL, AArch32: sync */
	vector_guest irq_common
	vector_guest irq_common
	vector_guest serror_common

/* Not in the window: our own SError. */
hv_serror_fault:
	sub	sp, sp, #FRAME_SIZE
	save_frame
	mov	x1, #7
	b	hv_fault

/* ---------------------------------------------------------------------- */
	.bss
	.align	12
	.global boot_pt
boot_pt:
	.space	BOOT_PT_PAGES * 0x1000
	.align	4
boot_stack:
	.space	0x2000
boot_stack_top:
