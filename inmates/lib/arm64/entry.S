/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Inmate entry. The cell's first CPU starts here, at offset 0 of the image,
 * in EL1h with the MMU and caches off and DAIF masked. Secondary CPUs enter
 * at inmate_secondary_entry with x0 = their boot record (see smp.c).
 */
#include <inmate/layout.h>

/* MAIR_EL1: attr0 Device-nGnRnE, attr1 Normal write-back RW-allocate. */
#define MAIR_VALUE	0xff00
/*
 * TCR_EL1: T0SZ = 32 (4 GiB, walk starts at level 1), inner/outer
 * write-back write-allocate inner-shareable walks, 4K granule, EPD1 (no
 * TTBR1 walks), IPS = 36 bits.
 */
#define TCR_VALUE	((32 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | \
			 (0 << 14) | (1 << 23) | (1 << 32))
#define SCTLR_M		(1 << 0)
#define SCTLR_A		(1 << 1)
#define SCTLR_C		(1 << 2)
#define SCTLR_I		(1 << 12)
#define SCTLR_WXN	(1 << 19)
#define SCTLR_E0E	(1 << 24)
#define SCTLR_EE	(1 << 25)

/* Boot record offsets, matching struct boot_record in smp.c. */
#define BR_STACK	0
#define BR_TTBR		8

	.section .text.entry, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	adr	x0, inmate_vectors
	msr	vbar_el1, x0
	isb

	ldr	x0, =__stacks_start + INMATE_STACK_SIZE
	mov	sp, x0

	/* Zero bss, 16 bytes at a time (the linker script aligns both ends). */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:
	bl	mmu_build_tables

	/*
	 * Everything so far was written with the caches off, straight to
	 * memory. Clean and invalidate the whole RAM by VA so that no stale
	 * line (say, from the root cell's earlier use of this memory) can
	 * shadow it once the caches are on. No memory writes from here until
	 * the MMU is on: the stack is not used.
	 */
	mov	x0, #INMATE_RAM_BASE
	mov	x1, #INMATE_RAM_BASE + INMATE_RAM_SIZE
	bl	dcache_clean_inval_range
	ldr	x0, =mmu_ttbr0
	ldr	x0, [x0]
	bl	mmu_enable

	bl	inmate_primary_init
	bl	main
	bl	inmate_main_returned
	b	cpu_halt

/* x0 = the boot record, already cleaned to the point of coherency. */
	.text
	.global inmate_secondary_entry
inmate_secondary_entry:
	msr	daifset, #0xf
	adr	x1, inmate_vectors
	msr	vbar_el1, x1
	isb
	mov	x19, x0
	ldr	x1, [x19, #BR_STACK]
	mov	sp, x1
	ldr	x0, [x19, #BR_TTBR]
	bl	mmu_enable
	mov	x0, x19
	bl	inmate_secondary_main
	b	cpu_halt

/*
 * mmu_enable(ttbr0): identity map in, caches on. Uses no stack. The local
 * TLB and instruction cache may hold entries from before this cell ran.
 */
	.global mmu_enable
mmu_enable:
	ldr	x1, =MAIR_VALUE
	msr	mair_el1, x1
	ldr	x1, =TCR_VALUE
	msr	tcr_el1, x1
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	mrs	x1, sctlr_el1
	ldr	x2, =(SCTLR_A | SCTLR_WXN | SCTLR_E0E | SCTLR_EE)
	bic	x1, x1, x2
	ldr	x2, =(SCTLR_M | SCTLR_C | SCTLR_I)
	orr	x1, x1, x2
	msr	sctlr_el1, x1
	isb
	ret

/* dcache_clean_inval_range(start, end): DC CIVAC by line, then DSB. */
	.global dcache_clean_inval_range
dcache_clean_inval_range:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words) */
	mov	x2, #4
	lsl	x2, x2, x3
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	civac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

	.global cpu_halt
cpu_halt:
	msr	daifset, #0xf
1:	wfi
	b	1b

	.ltorg
