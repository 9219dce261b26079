/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure text helpers of the `warden` CLI (see args.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

int is_decimal(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int is_hex_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return 0;
	return 1;
}

int parse_u64(const char *s, __u64 *out)
{
	int base = 10;
	unsigned long long v;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!is_hex_digits(s + 2))
			return -EINVAL;
		base = 16;
	} else if (!is_decimal(s)) {
		return -EINVAL;		/* also refuses signs, blanks, "" */
	}
	errno = 0;
	v = strtoull(s, NULL, base);
	if (errno == ERANGE)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_at_addr(const char *arg, size_t *len, __u64 *addr)
{
	const char *at = strrchr(arg, '@');

	*addr = 0;
	if (!at) {
		*len = strlen(arg);
		return *len ? 0 : -EINVAL;
	}
	*len = (size_t)(at - arg);
	if (!*len)
		return -EINVAL;
	return parse_u64(at + 1, addr) ? -EINVAL : 0;
}

static int cell_id_from_number(const char *arg, struct warden_cell_id *out)
{
	__u64 v;
	int err = parse_u64(arg, &v);

	if (err)
		return err;
	if (v > 0x7fffffffULL)
		return -ERANGE;
	out->id = (__s32)v;
	return 0;
}

int parse_cell_id(const char *arg, enum cell_id_kind kind,
		  struct warden_cell_id *out)
{
	size_t len = strlen(arg);

	memset(out, 0, sizeof(*out));
	if (kind == CELL_BY_ID || (kind == CELL_BY_AUTO && is_decimal(arg))) {
		if (!is_decimal(arg))
			return -EINVAL;
		return cell_id_from_number(arg, out);
	}
	if (!len)
		return -EINVAL;
	if (len >= WARDEN_CELL_NAME_LEN)
		return -ENAMETOOLONG;
	out->id = -1;
	memcpy(out->name, arg, len);
	return 0;
}

/* Parse one cpulist element, "N" or "N-M", advancing *s. */
static int cpulist_element(const char **s, __u64 *mask)
{
	char *end;
	unsigned long first, last;

	if (!isdigit((unsigned char)**s))
		return -EINVAL;
	first = last = strtoul(*s, &end, 10);
	if (*end == '-') {
		if (!isdigit((unsigned char)end[1]))
			return -EINVAL;
		last = strtoul(end + 1, &end, 10);
	}
	if (last < first)
		return -EINVAL;
	if (last >= 64)
		return -ERANGE;
	for (; first <= last; first++)
		*mask |= 1ULL << first;
	*s = end;
	return 0;
}

int cpulist_parse(const char *s, __u64 *mask)
{
	int err;

	*mask = 0;
	while (*s && *s != '\n') {
		err = cpulist_element(&s, mask);
		if (err)
			return err;
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -EINVAL;
	}
	return 0;
}

/* The last CPU of the run of set bits that starts at first. */
static unsigned int run_end(__u64 mask, unsigned int first)
{
	unsigned int last = first;

	while (last + 1 < 64 && (mask & (1ULL << (last + 1))))
		last++;
	return last;
}

void cpulist_format(__u64 mask, char *buf, size_t len)
{
	char el[32];
	size_t used = 0, n;
	unsigned int cpu, last;

	if (!len)
		return;
	buf[0] = '\0';
	for (cpu = 0; cpu < 64; cpu = last + 1) {
		last = cpu;
		if (!(mask & (1ULL << cpu)))
			continue;
		last = run_end(mask, cpu);
		if (last > cpu)
			snprintf(el, sizeof(el), "%s%u-%u", used ? "," : "", cpu, last);
		else
			snprintf(el, sizeof(el), "%s%u", used ? "," : "", cpu);
		n = strlen(el);
		if (used + n >= len)
			return;		/* truncate at an element boundary */
		memcpy(buf + used, el, n + 1);
		used += n;
	}
}

unsigned int cpu_count(__u64 mask)
{
	return (unsigned int)__builtin_popcountll(mask);
}

int iomem_parse_line(const char *line, __u64 *start, __u64 *end,
		     unsigned int *depth, const char **name)
{
	const char *p = line;
	char *stop;

	while (*p == ' ')
		p++;
	*depth = (unsigned int)(p - line) / 2;
	if (!isxdigit((unsigned char)*p))
		return -EINVAL;
	*start = strtoull(p, &stop, 16);
	if (*stop != '-' || !isxdigit((unsigned char)stop[1]))
		return -EINVAL;
	*end = strtoull(stop + 1, &stop, 16);
	if (strncmp(stop, " : ", 3) || *end < *start)
		return -EINVAL;
	*name = stop + 3;
	return 0;
}

int ranges_overlap(__u64 a, __u64 asize, __u64 b, __u64 bsize)
{
	if (!asize || !bsize)
		return 0;
	/* Compare last bytes, not ends, so ranges ending at 2^64 work. */
	return a <= b + (bsize - 1) && b <= a + (asize - 1);
}

char *strip_trailing(char *s)
{
	size_t len = strlen(s);

	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}
