/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared helpers for the libFuzzer harnesses in tests/fuzz. */
#ifndef _FUZZ_COMMON_H
#define _FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <warden/config.h>

/* A failed invariant: report and abort, which libFuzzer records as a crash. */
#define FUZZ_CHECK(cond)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",     \
				__FILE__, __LINE__, #cond);                  \
			abort();                                             \
		}                                                            \
	} while (0)

/* Consume n bytes of the input (zeros past its end). */
struct fuzz_input {
	const uint8_t *data;
	size_t size, pos;
};

static inline uint64_t fuzz_take(struct fuzz_input *in, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (in->pos < in->size)
			v |= (uint64_t)in->data[in->pos++] << (8 * i);
	return v;
}

static inline int fuzz_left(const struct fuzz_input *in)
{
	return in->pos < in->size;
}

/* A whole file into a malloc'ed buffer (NULL if it cannot be read). */
static inline void *fuzz_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

/*
 * What EL2 derives from a config the validator passed must stay inside its
 * arrays: the 1024-bit ownership map is indexed with pin_base / 32 + w for
 * each pin_bitmap word w (hypervisor/cell.c, cell_take_irqs), CPUs are
 * indexed by their bit in cpu_set (per-CPU data for WARDEN_MAX_CPUS).
 */
static inline void fuzz_check_el2_indices(const struct warden_cell_desc *c,
					  uint32_t num_cpus)
{
	const struct warden_irqchip *ic = warden_cell_irqchips(c);
	unsigned int k, w;

	FUZZ_CHECK(c->num_memory_regions <= WARDEN_MAX_MEMORY_REGIONS);
	FUZZ_CHECK(c->num_irqchips <= WARDEN_MAX_IRQCHIPS);
	FUZZ_CHECK(num_cpus >= 1 && num_cpus <= WARDEN_MAX_CPUS);
	FUZZ_CHECK(num_cpus == 64 || !(c->cpu_set >> num_cpus));
	for (k = 0; k < c->num_irqchips; k++) {
		FUZZ_CHECK(ic[k].pin_base / 32 < 1024 / 32);
		for (w = 0; w < WARDEN_IRQCHIP_PINS / 32; w++)
			FUZZ_CHECK(ic[k].pin_base / 32 + w < 1024 / 32 ||
				   !ic[k].pin_bitmap[w]);
	}
}

#endif
