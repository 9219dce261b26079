/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault: touch a guest-physical address outside the cell's memory. The
 * hypervisor must stop the CPU and fail the cell, so the line after the
 * access ("fault: ... returned ...") must never be printed.
 *
 * The parameter page (`warden cell load -s STRING@0xff000`) says what to
 * touch: "0x<hex address>" reads 32 bits there, "w0x<hex address>" writes
 * them. Without a parameter it reads 0x40000000 (root Linux's RAM at the
 * same physical address; not mapped in the cell's stage 2).
 */
#include <inmate.h>

#define DEFAULT_ADDRESS 0x40000000UL
#define WRITE_PATTERN	0x5a5aa5a5U

/* "0x..." hex only; returns 0 and leaves *val alone on anything else. */
static int parse_hex(const char *s, unsigned long *val)
{
	unsigned long v = 0;
	unsigned int digits = 0;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return 0;
	for (s += 2; *s; s++, digits++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return 0;
		if (digits >= 16)
			return 0;
		v = v << 4 | d;
	}
	if (!digits)
		return 0;
	*val = v;
	return 1;
}

int main(void)
{
	const char *param = inmate_param();
	unsigned long addr = DEFAULT_ADDRESS;
	int write = 0;

	if (param[0] == 'w') {
		write = 1;
		param++;
	}
	if (param[0] && !parse_hex(param, &addr)) {
		printk("fault: bad parameter \"%s\" (want [w]0x<address>)\n",
		       inmate_param());
		inmate_wait_for_shutdown("fault");
	}

	printk("fault: cell \"%s\" on CPU %u %s 0x%lx\n", comm_cell_name(),
	       MPIDR_AFF0(this_mpidr()), write ? "writing" : "reading", addr);
	if (write) {
		mmio_write32(addr, WRITE_PATTERN);
		dsb(sy);
		printk("fault: write to 0x%lx returned\n", addr);
	} else {
		u32 val = mmio_read32(addr);

		printk("fault: read returned 0x%08x\n", val);
	}
	/* Only reached if the hypervisor let the access through. */
	inmate_wait_for_shutdown("fault");
}
