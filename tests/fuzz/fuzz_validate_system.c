// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the system config validator on arbitrary bytes. The input is
 * copied into a buffer of exactly its size (ASan catches any read past
 * it, which the validator promises never to do); every finding's strings
 * must be NUL-terminated within their limits, and the count returned must
 * match the findings reported.
 */
#include "common.h"
#include <warden/validate.h>

struct seen {
	unsigned int n;
};

static void report(void *ctx, const char *field, const char *msg, __u64 v1,
		   __u64 v2)
{
	struct seen *s = ctx;

	(void)v1;
	(void)v2;
	FUZZ_CHECK(field && msg);
	FUZZ_CHECK(strnlen(field, WARDEN_DIAG_FIELD_LEN) < WARDEN_DIAG_FIELD_LEN);
	FUZZ_CHECK(strnlen(msg, WARDEN_DIAG_MSG_LEN) < WARDEN_DIAG_MSG_LEN);
	s->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warden_diag diag;
	struct seen seen = { 0 };
	uint8_t *buf = malloc(size ? size : 1);
	int ret;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	warden_diag_init(&diag, report, &seen);
	ret = warden_validate_system(buf, size, &diag);
	FUZZ_CHECK(ret >= 0);
	FUZZ_CHECK((unsigned int)ret == diag.count);
	FUZZ_CHECK(seen.n == diag.count);
	if (ret == 0) {
		/* Valid: the size matches what the counts say, exactly. */
		FUZZ_CHECK(size >= sizeof(struct warden_system));
		FUZZ_CHECK(warden_system_config_size(
				   (const struct warden_system *)buf) == size);
		fuzz_check_el2_indices(&((const struct warden_system *)buf)->root_cell,
				       ((const struct warden_system *)buf)->platform.num_cpus);
	} else {
		FUZZ_CHECK(strnlen(diag.first_field, WARDEN_DIAG_FIELD_LEN) <
			   WARDEN_DIAG_FIELD_LEN);
		FUZZ_CHECK(strnlen(diag.first_msg, WARDEN_DIAG_MSG_LEN) <
			   WARDEN_DIAG_MSG_LEN);
	}
	/* Without a diag it must give the same answer. */
	FUZZ_CHECK(warden_validate_system(buf, size, NULL) == ret);
	free(buf);
	return 0;
}
