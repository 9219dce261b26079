// SPDX-License-Identifier: GPL-2.0-only
/*
 * Who holds EL2? Issuing `hvc` is an undefined instruction on a kernel that
 * was not entered at EL2, so the driver must know before its first `hvc`.
 * Linux records the mode every CPU booted in (__boot_cpu_mode), but a stock
 * kernel exports neither that variable nor is_hyp_mode_available(), and
 * kallsyms only lists text symbols. The text symbol set_cpu_boot_mode_flag
 * does list, and its first instructions compute the variable's address
 * (adrp + add): decode them to find and read it.
 */
#include <linux/kprobes.h>
#include <asm/cacheflush.h>
#include <asm/sysreg.h>
#include <asm/virt.h>
#include <warden/hypercall.h>
#include "warden.h"

#define BOOT_MODE_EL1	0xe11
#define BOOT_MODE_EL2	0xe12

/* Linux 6.1 hyp-stub call numbers (arch/arm64/include/asm/virt.h). */
#define STUB_SOFT_RESTART	1
#define STUB_HCALL_NR		4

typedef unsigned long (*lookup_fn)(const char *name);

static unsigned long lookup_symbol(const char *name)
{
	static lookup_fn lookup;
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };

	if (!lookup) {
		if (register_kprobe(&kp) < 0)
			return 0;
		lookup = (lookup_fn)kp.addr;
		unregister_kprobe(&kp);
	}
	return lookup ? lookup(name) : 0;
}

static s64 sign_extend(u64 val, unsigned int bits)
{
	return (s64)(val << (64 - bits)) >> (64 - bits);
}

/* Address formed by `adrp Xd, sym; add Xd, Xd, :lo12:sym` at @pc, or 0. */
static unsigned long decode_adrp_add(const u32 *pc)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		u32 adrp = pc[i], add = pc[i + 1];
		unsigned long page;
		u64 imm;

		if ((adrp & 0x9f000000) != 0x90000000)
			continue;
		/* add (immediate), 64-bit, same Rd/Rn as the adrp's Rd */
		if ((add & 0xff800000) != 0x91000000 ||
		    (add & 0x1f) != (adrp & 0x1f) ||
		    ((add >> 5) & 0x1f) != (adrp & 0x1f))
			return 0;
		imm = ((adrp >> 29) & 3) | (((adrp >> 5) & 0x7ffff) << 2);
		page = ((unsigned long)&pc[i] & ~0xfffUL) +
		       (sign_extend(imm, 21) << 12);
		return page + ((add >> 10) & 0xfff);
	}
	return 0;
}

static const u32 *boot_cpu_mode(void)
{
	unsigned long fn = lookup_symbol("set_cpu_boot_mode_flag");

	return fn ? (const u32 *)decode_adrp_add((const u32 *)fn) : NULL;
}

unsigned long warden_stub_hvc(unsigned long x0, unsigned long x1,
			      unsigned long x2, unsigned long x3,
			      unsigned long x4)
{
	register unsigned long r0 asm("x0") = x0;
	register unsigned long r1 asm("x1") = x1;
	register unsigned long r2 asm("x2") = x2;
	register unsigned long r3 asm("x3") = x3;
	register unsigned long r4 asm("x4") = x4;

	/* Everything the procedure call standard lets a callee clobber. */
	asm volatile("hvc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4)
		     :
		     : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory", "cc");
	return r0;
}

enum el2_status warden_el2_probe(void)
{
	const u32 *mode;

	if (warden_enabled)
		return EL2_WARDEN;
	if (read_sysreg(CurrentEL) == CurrentEL_EL2)
		return EL2_VHE;
	mode = boot_cpu_mode();
	if (!mode)
		return EL2_UNKNOWN;
	if (mode[0] != BOOT_MODE_EL2 || mode[1] != BOOT_MODE_EL2)
		return mode[0] == BOOT_MODE_EL1 ? EL2_EL1 : EL2_UNKNOWN;
	/*
	 * Every CPU entered at EL2, so `hvc` is safe. Linux's stub answers an
	 * unknown call with HVC_STUB_ERR; KVM's host handler answers it with
	 * SMCCC NOT_SUPPORTED (or anything else but HVC_STUB_ERR).
	 */
	if (warden_stub_hvc(STUB_HCALL_NR, 0, 0, 0, 0) != WARDEN_STUB_ERR)
		return EL2_KVM;
	return EL2_STUB;
}

/*
 * A CPU that Linux onlines while Warden runs is started by Warden at EL1,
 * and Linux records that in __boot_cpu_mode. After disable every CPU has
 * Linux's stub at EL2 again, so put back the record of an all-EL2 boot
 * that enable found (and that a later enable checks).
 */
void warden_el2_restore_boot_mode(void)
{
	u32 *mode = (u32 *)boot_cpu_mode();

	if (!mode || READ_ONCE(mode[0]) == BOOT_MODE_EL2)
		return;
	WRITE_ONCE(mode[0], BOOT_MODE_EL2);
	WRITE_ONCE(mode[1], BOOT_MODE_EL2);
	/* Secondary CPUs read it with the MMU off on their way in. */
	caches_clean_inval_pou((unsigned long)mode, (unsigned long)(mode + 2));
	pr_info("warden: CPUs onlined under the hypervisor are back with the hyp stub at EL2\n");
}

const char *warden_el2_name(enum el2_status s)
{
	switch (s) {
	case EL2_STUB:
		return "stub";
	case EL2_KVM:
		return "kvm";
	case EL2_VHE:
		return "vhe";
	case EL2_EL1:
		return "el1";
	case EL2_WARDEN:
		return "enabled";
	default:
		return "unknown";
	}
}

/* The error for enable, with a message saying what to change. */
int warden_el2_check(void)
{
	switch (warden_el2_probe()) {
	case EL2_STUB:
		return 0;
	case EL2_KVM:
		pr_err("warden: KVM holds EL2; boot Linux with kvm-arm.mode=none\n");
		break;
	case EL2_VHE:
		pr_err("warden: Linux runs at EL2 (VHE); boot with id_aa64mmfr1.vh=0 or use a CPU without VHE\n");
		break;
	case EL2_EL1:
		pr_err("warden: Linux was started at EL1; the firmware must start it at EL2\n");
		break;
	case EL2_WARDEN:
		return -EBUSY;
	default:
		pr_err("warden: cannot tell whether Linux's hyp stub holds EL2\n");
		break;
	}
	return -ENODEV;
}
