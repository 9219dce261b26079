// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the cell config validator on arbitrary bytes, alone and
 * against the real QEMU system config (FUZZ_SYSCONFIG, read once); a cell
 * that passes is then checked together with the real cell configs
 * (FUZZ_CELLS, a space-separated list) and with itself.
 */
#include "common.h"
#include <warden/validate.h>

#ifndef FUZZ_SYSCONFIG
#define FUZZ_SYSCONFIG "build/configs/qemu-virt.cell"
#endif
#ifndef FUZZ_CELLS
#define FUZZ_CELLS "build/configs/qemu-virt-hello.cell"
#endif

#define MAX_KNOWN 16

static const struct warden_system *sys;
static const struct warden_cell_desc *known[MAX_KNOWN];
static unsigned int num_known;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char list[4096], *tok, *save = NULL;
	size_t size = 0;
	void *buf;

	(void)argc;
	(void)argv;
	buf = fuzz_read_file(FUZZ_SYSCONFIG, &size);
	if (!buf || warden_validate_system(buf, size, NULL)) {
		fprintf(stderr, "fuzz: %s missing or invalid (run make all "
				"first)\n", FUZZ_SYSCONFIG);
		exit(1);
	}
	sys = buf;
	snprintf(list, sizeof(list), "%s", FUZZ_CELLS);
	for (tok = strtok_r(list, " ", &save); tok && num_known < MAX_KNOWN;
	     tok = strtok_r(NULL, " ", &save)) {
		buf = fuzz_read_file(tok, &size);
		if (buf && !warden_validate_cell(buf, size, sys, NULL))
			known[num_known++] = buf;
		else
			free(buf);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct warden_cell_desc *cells[MAX_KNOWN + 2];
	struct warden_diag diag;
	uint8_t *buf = malloc(size ? size : 1);
	unsigned int i;
	int alone, with_sys;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	warden_diag_init(&diag, NULL, NULL);
	alone = warden_validate_cell(buf, size, NULL, &diag);
	FUZZ_CHECK(alone >= 0 && (unsigned int)alone == diag.count);
	with_sys = warden_validate_cell(buf, size, sys, NULL);
	FUZZ_CHECK(with_sys >= 0);
	/* The system only adds checks. */
	FUZZ_CHECK(!(alone && !with_sys));
	if (with_sys == 0) {
		FUZZ_CHECK(warden_cell_config_size(
				   (const struct warden_cell_desc *)buf) == size);
		fuzz_check_el2_indices((const struct warden_cell_desc *)buf,
				       sys->platform.num_cpus);
		for (i = 0; i < num_known; i++)
			cells[i] = known[i];
		cells[num_known] = (const struct warden_cell_desc *)buf;
		warden_diag_init(&diag, NULL, NULL);
		FUZZ_CHECK(warden_validate_cells_together(sys, cells,
							  num_known + 1,
							  &diag) >= 0);
		/* Twice the same cell: its CPUs and name are claimed twice. */
		cells[0] = cells[1] = (const struct warden_cell_desc *)buf;
		FUZZ_CHECK(warden_validate_cells_together(sys, cells, 2,
							  NULL) > 0);
	}
	free(buf);
	return 0;
}
