/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden config check SYSCONFIG [CELLCONFIG...]`: run the validator the
 * hypervisor runs, on the host or the target, and print every finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <warden/config.h>
#include <warden/validate.h>

#include "cli.h"

#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

struct config_file {
	const char *path;
	void *buf;
	size_t size;
	unsigned int findings;
};

struct check {
	struct config_file *files;	/* [0]: system, then the cells */
	unsigned int nfiles;
	unsigned int current;		/* file being validated */
	int together;			/* diag.cell picks the file */
	struct warden_diag diag;
};

static const char usage_text[] =
	"usage: warden config check SYSCONFIG [CELLCONFIG...]\n"
	"\n"
	"Validate a system config and cell configs the way the hypervisor\n"
	"will: each file on its own, each cell against the system, and the\n"
	"cells against each other (CPUs, interrupts and memory claimed twice).\n"
	"Prints FILE: FIELD: MESSAGE (values) for every finding, FILE: OK for\n"
	"clean files. Exit status: 0 all clean, 1 findings, 2 usage or I/O.\n";

static void print_finding(void *ctx, const char *field, const char *msg,
			  __u64 v1, __u64 v2)
{
	struct check *chk = ctx;
	unsigned int i = chk->current;

	if (chk->together && chk->diag.cell >= 0)
		i = 1 + (unsigned int)chk->diag.cell;
	if (i >= chk->nfiles)
		i = 0;
	chk->files[i].findings++;
	printf("%s: %s: %s", chk->files[i].path, field, msg);
	if (v1 || v2)
		printf(" (0x%llx, 0x%llx)", (unsigned long long)v1,
		       (unsigned long long)v2);
	putchar('\n');
}

/* Operands into files[]; returns the count, or -1 after a usage message. */
static int parse_args(int argc, char **argv, const char **paths)
{
	int i, n = 0, operands_only = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!operands_only && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (!operands_only && !strcmp(a, "--")) {
			operands_only = 1;
			continue;
		}
		if (!operands_only && a[0] == '-' && a[1]) {
			fprintf(stderr, "warden config check: unknown option "
				"'%s'\n%s", a, usage_text);
			return -1;
		}
		paths[n++] = a;
	}
	if (n == 0) {
		fprintf(stderr, "warden config check: no SYSCONFIG given\n%s",
			usage_text);
		return -1;
	}
	return n;
}

static int read_files(struct config_file *files, unsigned int n)
{
	unsigned int i;
	int ok = 1;

	for (i = 0; i < n; i++) {
		files[i].buf = read_file(files[i].path, &files[i].size);
		if (!files[i].buf)
			ok = 0;
	}
	return ok;
}

/*
 * Whether the cross checks may read a cell's arrays: the counts are bounded
 * and the file as long as they say (the precondition of
 * warden_validate_cells_together).
 */
static int cell_intact(const struct config_file *f)
{
	const struct warden_cell_desc *c = f->buf;

	return f->size >= sizeof(*c) &&
	       !memcmp(c->signature, WARDEN_CELL_SIGNATURE,
		       WARDEN_SIGNATURE_LEN) &&
	       c->num_memory_regions <= WARDEN_MAX_MEMORY_REGIONS &&
	       c->num_irqchips <= WARDEN_MAX_IRQCHIPS &&
	       f->size == warden_cell_config_size(c);
}

/*
 * What a valid config may still ask for that weakens isolation: said on
 * stderr, without changing the verdict.
 */
static void warn_trusted(const struct config_file *f)
{
	const struct warden_cell_desc *c = f->buf;

	if (c->flags & WARDEN_CELL_DIRECT_IRQ)
		fprintf(stderr, "%s: warning: flags: WARDEN_CELL_DIRECT_IRQ: "
			"cell \"%.*s\" owns its physical CPU interface and can "
			"block the hypervisor's stop signal (priorities, active "
			"priorities, group enables); it is trusted not to. "
			"Refused on a GIC with two security states.\n",
			f->path, WARDEN_CELL_NAME_LEN, c->name);
}

/* Cells are checked against the system only if it is valid itself. */
static const struct warden_system *check_system(struct check *chk)
{
	struct config_file *f = &chk->files[0];

	chk->current = 0;
	if (warden_validate_system(f->buf, f->size, &chk->diag) == 0)
		return f->buf;
	if (chk->nfiles > 1)
		fprintf(stderr, "warden config check: %s has findings; the "
			"cells are checked without it\n", f->path);
	return NULL;
}

/* Returns 0, or EXIT_USAGE when out of memory. */
static int check_all(struct check *chk)
{
	const struct warden_cell_desc **cells;
	const struct warden_system *sys;
	struct config_file *f = chk->files;
	unsigned int i, n = chk->nfiles - 1;

	/* calloc(0) may return NULL: ask for one slot more. */
	cells = calloc(n + 1, sizeof(*cells));
	if (!cells) {
		fputs("warden config check: out of memory\n", stderr);
		return EXIT_USAGE;
	}
	sys = check_system(chk);
	for (i = 0; i < n; i++) {
		chk->current = i + 1;
		warden_validate_cell(f[i + 1].buf, f[i + 1].size, sys,
				     &chk->diag);
		/* Left NULL (and skipped) unless the arrays can be read. */
		if (cell_intact(&f[i + 1])) {
			cells[i] = f[i + 1].buf;
			warn_trusted(&f[i + 1]);
		}
	}
	chk->together = 1;
	warden_validate_cells_together(sys, cells, n, &chk->diag);
	free(cells);
	return 0;
}

static int summarise(const struct check *chk)
{
	unsigned int i;
	int status = 0;

	for (i = 0; i < chk->nfiles; i++) {
		if (chk->files[i].findings)
			status = EXIT_FINDINGS;
		else
			printf("%s: OK\n", chk->files[i].path);
	}
	return status;
}

static void free_files(struct config_file *files, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		free(files[i].buf);
	free(files);
}

int cmd_config_check(int argc, char **argv)
{
	struct check chk = { 0 };
	const char **paths;
	int i, n, status;

	paths = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*paths));
	if (!paths)
		return EXIT_USAGE;
	n = parse_args(argc, argv, paths);
	if (n <= 0) {
		free(paths);
		return n == 0 ? 0 : EXIT_USAGE;
	}
	chk.nfiles = (unsigned int)n;
	chk.files = calloc(chk.nfiles, sizeof(*chk.files));
	for (i = 0; chk.files && i < n; i++)
		chk.files[i].path = paths[i];
	free(paths);
	if (!chk.files || !read_files(chk.files, chk.nfiles)) {
		if (chk.files)
			free_files(chk.files, chk.nfiles);
		return EXIT_USAGE;
	}
	warden_diag_init(&chk.diag, print_finding, &chk);
	status = check_all(&chk);
	if (!status)
		status = summarise(&chk);
	free_files(chk.files, chk.nfiles);
	return status;
}
