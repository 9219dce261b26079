// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: warden_validate_cells_together on several cell configs cut
 * out of one input ([u16 length][bytes] each, up to 6). Each piece must
 * first pass warden_validate_cell (the function's precondition); then the
 * set is checked with and without the system config, and the cell index
 * reported with each finding must name one of them.
 */
#include "common.h"
#include <warden/validate.h>

#ifndef FUZZ_SYSCONFIG
#define FUZZ_SYSCONFIG "build/configs/qemu-virt.cell"
#endif

#define MAX_CELLS 6

static const struct warden_system *sys;

struct ctx {
	const struct warden_diag *diag;
	unsigned int n;
};

static void report(void *p, const char *field, const char *msg, __u64 v1,
		   __u64 v2)
{
	struct ctx *c = p;

	(void)field;
	(void)msg;
	(void)v1;
	(void)v2;
	FUZZ_CHECK(c->diag->cell >= 0 && (unsigned int)c->diag->cell < c->n);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t size = 0;
	void *buf;

	(void)argc;
	(void)argv;
	buf = fuzz_read_file(FUZZ_SYSCONFIG, &size);
	if (!buf || warden_validate_system(buf, size, NULL)) {
		fprintf(stderr, "fuzz: %s missing or invalid\n", FUZZ_SYSCONFIG);
		exit(1);
	}
	sys = buf;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct warden_cell_desc *cells[MAX_CELLS];
	uint8_t *pieces[MAX_CELLS];
	struct fuzz_input in = { data, size, 0 };
	struct warden_diag diag;
	struct ctx ctx;
	unsigned int n = 0, i;
	size_t len;

	while (fuzz_left(&in) && n < MAX_CELLS) {
		len = (size_t)fuzz_take(&in, 2);
		if (len > in.size - in.pos)
			len = in.size - in.pos;
		pieces[n] = malloc(len ? len : 1);
		if (!pieces[n])
			break;
		memcpy(pieces[n], in.data + in.pos, len);
		in.pos += len;
		if (warden_validate_cell(pieces[n], len, sys, NULL)) {
			free(pieces[n]);
			continue;
		}
		cells[n] = (const struct warden_cell_desc *)pieces[n];
		n++;
	}
	ctx.n = n;
	warden_diag_init(&diag, report, &ctx);
	ctx.diag = &diag;
	FUZZ_CHECK(warden_validate_cells_together(sys, cells, n, &diag) >= 0);
	warden_diag_init(&diag, report, &ctx);
	FUZZ_CHECK(warden_validate_cells_together(NULL, cells, n, &diag) >= 0);
	for (i = 0; i < n; i++)
		free(pieces[i]);
	return 0;
}
