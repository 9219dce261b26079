/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Console output: the cell's own PL011 when the comm region names one, the
 * debug-console hypercall otherwise. One lock keeps lines from different
 * CPUs apart; it is taken per printk call, and re-entered by a CPU that
 * already holds it (a fault while printing must still be reported).
 */
#include <inmate.h>

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1U << 5)

void console_init(void);
void console_enable_locking(void);

static unsigned long uart_base;

/* Owner: 1 + cell CPU index, 0: free. Only used once the MMU is on. */
static u32 print_lock_owner;
static int locking_ready;

static void lock_console(int *nested)
{
	u32 self = cpu_index() + 1, expected;

	*nested = 0;
	if (!locking_ready)
		return;
	if (__atomic_load_n(&print_lock_owner, __ATOMIC_RELAXED) == self) {
		*nested = 1;
		return;
	}
	for (;;) {
		expected = 0;
		if (__atomic_compare_exchange_n(&print_lock_owner, &expected,
						self, 0, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return;
		cpu_relax();
	}
}

static void unlock_console(int nested)
{
	if (locking_ready && !nested)
		__atomic_store_n(&print_lock_owner, 0, __ATOMIC_RELEASE);
}

static void raw_putc(char c)
{
	if (uart_base) {
		while (mmio_read32(uart_base + PL011_FR) & PL011_FR_TXFF)
			cpu_relax();
		mmio_write32(uart_base + PL011_DR, (unsigned char)c);
	} else {
		hvc_call(WARDEN_HC_DEBUG_CONSOLE_PUTC, (unsigned char)c, 0, 0);
	}
}

static void out_char(char c, void *ctx)
{
	(void)ctx;
	/* A raw UART needs the carriage return; the hypervisor adds its own. */
	if (c == '\n' && uart_base)
		raw_putc('\r');
	raw_putc(c);
}

/* Once the MMU is on: exclusive accesses need cacheable memory. */
void console_enable_locking(void)
{
	locking_ready = 1;
}

/* Once the comm region is known to be valid. */
void console_init(void)
{
	uart_base = (unsigned long)comm_region()->console_address;
	console_enable_locking();
}

void console_putc(char c)
{
	int nested;

	lock_console(&nested);
	out_char(c, NULL);
	unlock_console(nested);
}

void vprintk(const char *fmt, va_list ap)
{
	int nested;

	lock_console(&nested);
	fmt_vformat(out_char, NULL, fmt, ap);
	unlock_console(nested);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void puts(const char *s)
{
	int nested;

	lock_console(&nested);
	while (*s)
		out_char(*s++, NULL);
	out_char('\n', NULL);
	unlock_console(nested);
}
