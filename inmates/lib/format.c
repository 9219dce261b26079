/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * printf-style formatting without floating point or a C library.
 */
#include <inmate/format.h>

struct fmt_spec {
	unsigned int width;
	char pad;		/* ' ' or '0' */
	int left;		/* '-' flag */
	int length;		/* 0: int, 1: long, 2: long long, 3: size_t */
};

struct fmt_state {
	fmt_out_t out;
	void *ctx;
	int count;
};

static void emit(struct fmt_state *st, char c)
{
	st->out(c, st->ctx);
	st->count++;
}

static void emit_padding(struct fmt_state *st, char c, unsigned int n)
{
	while (n--)
		emit(st, c);
}

static unsigned int str_len(const char *s)
{
	unsigned int n = 0;

	while (s[n])
		n++;
	return n;
}

static void emit_string(struct fmt_state *st, const struct fmt_spec *spec,
			const char *s)
{
	unsigned int len = str_len(s);
	unsigned int pad = spec->width > len ? spec->width - len : 0;

	if (!spec->left)
		emit_padding(st, ' ', pad);
	while (*s)
		emit(st, *s++);
	if (spec->left)
		emit_padding(st, ' ', pad);
}

/*
 * Print a magnitude in the given base with an optional sign or "0x" prefix.
 * Zero padding goes between the prefix and the digits, as in C's printf.
 */
static void emit_number(struct fmt_state *st, const struct fmt_spec *spec,
			unsigned long long val, unsigned int base,
			const char *prefix, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	unsigned int n = 0, plen = str_len(prefix), len, pad;

	do {
		buf[n++] = digits[val % base];
		val /= base;
	} while (val);

	len = n + plen;
	pad = spec->width > len ? spec->width - len : 0;
	if (!spec->left && spec->pad == ' ')
		emit_padding(st, ' ', pad);
	while (*prefix)
		emit(st, *prefix++);
	if (!spec->left && spec->pad == '0')
		emit_padding(st, '0', pad);
	while (n)
		emit(st, buf[--n]);
	if (spec->left)
		emit_padding(st, ' ', pad);
}

static unsigned long long fetch_unsigned(const struct fmt_spec *spec,
					 va_list *ap)
{
	switch (spec->length) {
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static long long fetch_signed(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return (long long)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Parse flags, width and length after a '%'; returns the conversion. */
static const char *parse_spec(const char *fmt, struct fmt_spec *spec,
			      va_list *ap)
{
	spec->width = 0;
	spec->pad = ' ';
	spec->left = 0;
	spec->length = 0;

	for (;; fmt++) {
		if (*fmt == '0')
			spec->pad = '0';
		else if (*fmt == '-')
			spec->left = 1;
		else
			break;
	}
	if (*fmt == '*') {
		int w = va_arg(*ap, int);

		if (w < 0) {
			spec->left = 1;
			w = -w;
		}
		spec->width = (unsigned int)w;
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		spec->width = spec->width * 10 + (unsigned int)(*fmt++ - '0');
	if (*fmt == 'z') {
		spec->length = 3;
		fmt++;
	}
	while (*fmt == 'l' && spec->length < 2) {
		spec->length++;
		fmt++;
	}
	return fmt;
}

static void convert(struct fmt_state *st, struct fmt_spec *spec, char conv,
		    va_list *ap)
{
	const char *s;
	long long sval;
	char c[2];

	switch (conv) {
	case 'd':
	case 'i':
		sval = fetch_signed(spec, ap);
		if (sval < 0)
			emit_number(st, spec, 0ULL - (unsigned long long)sval,
				    10, "-", 0);
		else
			emit_number(st, spec, (unsigned long long)sval, 10, "",
				    0);
		break;
	case 'u':
		emit_number(st, spec, fetch_unsigned(spec, ap), 10, "", 0);
		break;
	case 'x':
	case 'X':
		emit_number(st, spec, fetch_unsigned(spec, ap), 16, "",
			    conv == 'X');
		break;
	case 'p':
		emit_number(st, spec, (unsigned long)va_arg(*ap, void *), 16,
			    "0x", 0);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		emit_string(st, spec, s ? s : "(null)");
		break;
	case 'c':
		c[0] = (char)va_arg(*ap, int);
		c[1] = '\0';
		emit_string(st, spec, c);
		break;
	case '%':
		emit(st, '%');
		break;
	default:
		/* Unknown: show it rather than guess at its argument. */
		emit(st, '%');
		if (conv)
			emit(st, conv);
		break;
	}
}

int fmt_vformat(fmt_out_t out, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_state st = { .out = out, .ctx = ctx, .count = 0 };
	struct fmt_spec spec;
	va_list args;

	/* A copy, so that helpers can advance it through a pointer. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			emit(&st, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec, &args);
		convert(&st, &spec, *fmt, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	return st.count;
}

struct buf_ctx {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_out(char c, void *ctx)
{
	struct buf_ctx *b = ctx;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_ctx b = { .buf = buf, .size = size, .pos = 0 };
	int n = fmt_vformat(buf_out, &b, fmt, ap);

	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
