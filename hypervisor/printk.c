// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console: every line goes to the PL011 debug UART (when
 * mapped) and into a ring in the .console section, which the root cell may
 * read (mapped read-only into it) for `warden console`.
 */
#include <stdarg.h>
#include <hv/printk.h>
#include <hv/layout.h>
#include <hv/percpu.h>
#include <asm/spinlock.h>

#define RING_DATA	(CONSOLE_SIZE - 16)
#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1 << 5)
#define UART_SPINS	100000		/* bounded: a stuck UART never hangs us */

static struct {
	volatile u64 head;
	u64 size;
	char data[RING_DATA];
} ring __attribute__((section(".console"), used, aligned(4096))) = {
	.size = RING_DATA,
};

static volatile u32 *uart;
static spinlock_t console_lock;

void console_set_uart(volatile void *base)
{
	uart = base;
}

static void uart_putc(char c)
{
	unsigned int spins = UART_SPINS;

	if (!uart)
		return;
	while ((uart[UART_FR / 4] & UART_FR_TXFF) && --spins)
		;
	uart[UART_DR / 4] = (unsigned char)c;
}

static void emit(char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
	ring.data[ring.head % RING_DATA] = c;
	/* The reader in the root cell trusts data up to head. */
	__atomic_store_n(&ring.head, ring.head + 1, __ATOMIC_RELEASE);
}

static void emit_all(const char *buf, unsigned int len)
{
	unsigned int i;

	spin_lock(&console_lock);
	for (i = 0; i < len; i++)
		emit(buf[i]);
	spin_unlock(&console_lock);
}

void console_guest_putc(char c)
{
	struct per_cpu *cpu = this_cpu();

	cpu->con_line[cpu->con_len++] = c;
	if (c == '\n' || cpu->con_len == sizeof(cpu->con_line)) {
		emit_all(cpu->con_line, cpu->con_len);
		cpu->con_len = 0;
	}
}

struct out {
	char *buf;
	unsigned int len, max;
};

static void put(struct out *o, char c)
{
	if (o->len < o->max)
		o->buf[o->len++] = c;
}

static void put_number(struct out *o, unsigned long long v, unsigned int base,
		       bool negative, unsigned int width, char pad)
{
	char tmp[24];
	unsigned int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[n++] = '-';
	while (width > n) {
		put(o, pad);
		width--;
	}
	while (n)
		put(o, tmp[--n]);
}

static void put_string(struct out *o, const char *s, unsigned int width)
{
	unsigned int n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		put(o, s[n++]);
	while (width > n++)
		put(o, ' ');
}

/* One conversion after '%'; returns the format position after it. */
static const char *convert(struct out *o, const char *f, va_list *ap)
{
	unsigned int width = 0, longs = 0;
	char pad = ' ';
	long long sv;

	if (*f == '0')
		pad = '0';
	while (*f >= '0' && *f <= '9')
		width = width * 10 + (*f++ - '0');
	while (*f == 'l') {
		longs++;
		f++;
	}
	switch (*f) {
	case 'd':
		sv = longs ? va_arg(*ap, long long) : va_arg(*ap, int);
		put_number(o, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			   10, sv < 0, width, pad);
		break;
	case 'u':
		put_number(o, longs ? va_arg(*ap, unsigned long long) :
			   va_arg(*ap, unsigned int), 10, false, width, pad);
		break;
	case 'x':
		put_number(o, longs ? va_arg(*ap, unsigned long long) :
			   va_arg(*ap, unsigned int), 16, false, width, pad);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_number(o, (unsigned long)va_arg(*ap, void *), 16, false, 0, '0');
		break;
	case 's':
		put_string(o, va_arg(*ap, const char *), width);
		break;
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	default:
		put(o, '%');
		put(o, *f);
		break;
	}
	return *f ? f + 1 : f;
}

void printk(const char *fmt, ...)
{
	char buf[256];
	struct out o = { .buf = buf, .max = sizeof(buf) };
	va_list ap;

	va_start(ap, fmt);
	while (*fmt) {
		if (*fmt != '%')
			put(&o, *fmt++);
		else
			fmt = convert(&o, fmt + 1, &ap);
	}
	va_end(ap);

	emit_all(buf, o.len);
}
