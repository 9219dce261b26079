/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden cell ...`: create, load, start, shutdown and destroy cells
 * through /dev/warden; list them and show their exit statistics from
 * /sys/devices/warden/cells/<id>/.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <warden/hypercall.h>
#include <warden/ioctl.h>

#include "args.h"
#include "cli.h"
#include "warden.h"

#define CELLS_DIR	WARDEN_SYSFS "/cells"
#define OPT_NAME	256	/* long-only options */
#define OPT_ID		257
#define MAX_INTERVAL	86400.0
#define PATH_LEN	512

/* Everything a cell command can be given on its command line. */
struct cell_args {
	const struct command *cmd;
	struct warden_cell_id cell;
	bool have_cell;
	/* load */
	struct warden_preload_image images[WARDEN_MAX_PRELOAD_IMAGES];
	void *buffers[WARDEN_MAX_PRELOAD_IMAGES];
	unsigned int num_images;
	/* stats */
	bool once;
	double interval;
};

static const struct errno_hint cell_hints[] = {
	{ ENOENT, "no such cell (see warden cell list)" },
	{ ENODEV, "the hypervisor is not enabled" },
	{ EPERM, "run as root" },
	{ EACCES, "run as root" },
	{ 0, NULL },
};

/* ---- naming a cell ------------------------------------------------------ */

static int set_cell(struct cell_args *a, const char *arg,
		    enum cell_id_kind kind)
{
	int err = parse_cell_id(arg, kind, &a->cell);

	if (err == -ENAMETOOLONG)
		fprintf(stderr, "warden cell %s: cell name '%s' is longer than "
				"%d characters\n",
			a->cmd->name, arg, WARDEN_CELL_NAME_LEN - 1);
	else if (err == -ERANGE)
		fprintf(stderr, "warden cell %s: cell id %s is out of range\n",
			a->cmd->name, arg);
	else if (err)
		fprintf(stderr, "warden cell %s: '%s' is not a valid cell %s\n",
			a->cmd->name, arg, kind == CELL_BY_ID ? "id" : "name or id");
	if (!err && a->have_cell) {
		fprintf(stderr, "warden cell %s: more than one cell given\n",
			a->cmd->name);
		return 1;
	}
	a->have_cell = !err;
	return err ? 1 : 0;
}

/* After the options: take the CELL operand unless --name/--id gave it. */
static int take_cell(struct cell_args *a, int argc, char **argv)
{
	if (a->have_cell)
		return ARGS_OK;
	if (optind >= argc)
		return usage_error(a->cmd, "missing CELL (a name or an id)");
	if (set_cell(a, argv[optind++], CELL_BY_AUTO))
		return usage(a->cmd, stderr, EXIT_USAGE);
	return ARGS_OK;
}

static void cell_label(const struct warden_cell_id *cell, char *buf,
		       size_t len)
{
	if (cell->id >= 0)
		snprintf(buf, len, "%d", cell->id);
	else
		snprintf(buf, len, "%s", cell->name);
}

/* ---- sysfs -------------------------------------------------------------- */

/* "A/B" into buf; -ENAMETOOLONG rather than a truncated path. */
static int join(char *buf, size_t len, const char *a, const char *b)
{
	int n = snprintf(buf, len, "%s/%s", a, b);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static int cell_file(const char *dir, const char *file, char *buf,
		     size_t len)
{
	char path[PATH_LEN];
	int err = join(path, sizeof(path), dir, file);

	return err ? err : read_text(path, buf, len);
}

static int is_cell_entry(const struct dirent *d)
{
	return is_decimal(d->d_name);
}

static int by_id(const struct dirent **a, const struct dirent **b)
{
	long x = strtol((*a)->d_name, NULL, 10);
	long y = strtol((*b)->d_name, NULL, 10);

	return (x > y) - (x < y);
}

/* The cells' sysfs entries sorted by id; count or -errno. */
static int scan_cells(struct dirent ***list)
{
	int n = scandir(CELLS_DIR, list, is_cell_entry, by_id);

	return n < 0 ? -errno : n;
}

static void free_scan(struct dirent **list, int n)
{
	while (n-- > 0)
		free(list[n]);
	free(list);
}

static int find_by_name(const char *name, char *dir, size_t len)
{
	struct dirent **list;
	char found[WARDEN_CELL_NAME_LEN + 2];
	int n = scan_cells(&list), i, ret = -ENOENT;

	if (n < 0)
		return n;
	for (i = 0; i < n && ret == -ENOENT; i++) {
		if (!join(dir, len, CELLS_DIR, list[i]->d_name) &&
		    !cell_file(dir, "name", found, sizeof(found)) &&
		    !strcmp(found, name))
			ret = 0;
	}
	free_scan(list, n);
	return ret;
}

/* The sysfs directory of a cell; 0, -ENOENT or why the scan failed. */
static int cell_dir(const struct warden_cell_id *cell, char *dir, size_t len)
{
	if (cell->id < 0)
		return find_by_name(cell->name, dir, len);
	snprintf(dir, len, CELLS_DIR "/%d", cell->id);
	return access(dir, F_OK) ? -errno : 0;
}

static int cell_dir_or_complain(const struct warden_cell_id *cell, char *dir,
				size_t len)
{
	char label[WARDEN_CELL_NAME_LEN + 16];
	int err = cell_dir(cell, dir, len);

	if (!err)
		return 0;
	cell_label(cell, label, sizeof(label));
	if (err == -ENOENT && !access(CELLS_DIR, F_OK))
		fprintf(stderr, "warden: no cell '%s' (see warden cell list)\n",
			label);
	else
		fprintf(stderr, "warden: cannot read %s: %s (is warden.ko "
				"loaded and the hypervisor enabled?)\n",
			CELLS_DIR, strerror(-err));
	return -1;
}

/* ---- option handling shared by the cell commands ------------------------- */

static int add_string(struct cell_args *a, const char *arg);

static int parse_interval(const char *arg, double *seconds)
{
	char *end;

	*seconds = strtod(arg, &end);
	if (end != arg && !*end && isfinite(*seconds) && *seconds > 0 &&
	    *seconds <= MAX_INTERVAL)
		return 0;
	fprintf(stderr, "warden cell stats: interval '%s' is not a number of "
			"seconds between 0 and %.0f (e.g. 0.5)\n",
		arg, MAX_INTERVAL);
	return 1;
}

static int cell_option(int opt, const char *arg, void *ctx)
{
	struct cell_args *a = ctx;

	switch (opt) {
	case OPT_NAME:
		return set_cell(a, arg, CELL_BY_NAME);
	case OPT_ID:
		return set_cell(a, arg, CELL_BY_ID);
	case 's':
		return add_string(a, arg);
	case 'n':
		a->once = true;
		return 0;
	case 'i':
		return parse_interval(arg, &a->interval);
	}
	return 1;
}

#define CELL_LONGOPTS \
	{ "name", required_argument, NULL, OPT_NAME }, \
	{ "id", required_argument, NULL, OPT_ID }, \
	{ "help", no_argument, NULL, 'h' }

static const struct option cell_opts[] = {
	CELL_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

static const struct option help_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Parse the options and the CELL operand; ARGS_OK or an exit status. */
static int cell_command_args(struct cell_args *a, int argc, char **argv,
			     const char *shortopts,
			     const struct option *longopts)
{
	int ret = parse_options(a->cmd, argc, argv, shortopts, longopts,
				cell_option, a);

	return ret == ARGS_OK ? take_cell(a, argc, argv) : ret;
}

/* ---- create ------------------------------------------------------------- */

static const struct errno_hint create_hints[] = {
	{ EINVAL, "the hypervisor rejected the config: see `warden console` "
		  "or dmesg" },
	{ EEXIST, "a cell with this name already exists (warden cell list)" },
	{ EBUSY, "its CPUs or memory belong to another cell (warden cell "
		 "list)" },
	{ ENOMEM, "the hypervisor is out of memory: destroy a cell or give "
		  "the hypervisor more memory in the system config" },
	{ ENODEV, "the hypervisor is not enabled" },
	{ EPERM, "run as root" },
	{ EACCES, "run as root" },
	{ 0, NULL },
};

static int cmd_create(const struct command *self, int argc, char **argv)
{
	int ret = parse_options(self, argc, argv, ":h", help_opts, NULL,
				NULL);

	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 1, 1);
	if (ret != ARGS_OK)
		return ret;
	return send_config(argv[optind], false, WARDEN_CELL_CREATE,
			   "cannot create the cell", create_hints);
}

/* ---- load --------------------------------------------------------------- */

static int add_image(struct cell_args *a, void *buf, size_t size,
		     __u64 addr, const char *what)
{
	struct warden_preload_image *img = &a->images[a->num_images];

	if (a->num_images == WARDEN_MAX_PRELOAD_IMAGES) {
		fprintf(stderr, "warden cell load: %s: more than %d images and "
				"strings; load the rest with another `warden "
				"cell load`\n",
			what, WARDEN_MAX_PRELOAD_IMAGES);
		free(buf);
		return 1;
	}
	a->buffers[a->num_images++] = buf;
	img->source_address = (uintptr_t)buf;
	img->size = size;
	img->target_address = addr;
	return 0;
}

static int add_string(struct cell_args *a, const char *arg)
{
	size_t len;
	__u64 addr;
	char *copy;

	if (parse_at_addr(arg, &len, &addr)) {
		fprintf(stderr, "warden cell load: '%s' is not STRING@ADDR "
				"(ADDR: 0x... or decimal; end with @0 if the "
				"string holds an '@')\n", arg);
		return 1;
	}
	copy = strndup(arg, len);
	if (!copy) {
		perror("warden");
		return 1;
	}
	return add_image(a, copy, len + 1, addr, arg);	/* with its NUL */
}

static int add_file(struct cell_args *a, const char *arg)
{
	size_t len, size;
	__u64 addr;
	char *path;
	void *buf;

	if (parse_at_addr(arg, &len, &addr)) {
		fprintf(stderr, "warden cell load: '%s' is not IMAGE[@ADDR] "
				"(ADDR: 0x... or decimal)\n", arg);
		return EXIT_USAGE;
	}
	path = strndup(arg, len);
	if (!path) {
		perror("warden");
		return 1;
	}
	buf = read_file(path, &size);
	free(path);
	if (!buf)
		return 1;
	return add_image(a, buf, size, addr, arg);
}

static const struct errno_hint load_hints[] = {
	{ EINVAL, "image does not fit the cell's loadable memory (see the "
		  "cell config)" },
	{ ENOENT, "no such cell" },
	{ ENODEV, "the hypervisor is not enabled" },
	{ EPERM, "run as root" },
	{ EACCES, "run as root" },
	{ 0, NULL },
};

static int load_images(struct cell_args *a)
{
	struct warden_cell_load load = { 0 };

	load.cell = a->cell;
	load.num_images = a->num_images;
	load.images = (uintptr_t)a->images;
	return device_ioctl(WARDEN_CELL_LOAD, &load, "cannot load the cell",
			    load_hints);
}

static int cmd_load(const struct command *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "string", required_argument, NULL, 's' },
		CELL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct cell_args a = { .cmd = self };
	int ret = cell_command_args(&a, argc, argv, ":hs:", opts);

	while (ret == ARGS_OK && optind < argc) {
		ret = add_file(&a, argv[optind++]);
		ret = ret ? ret : ARGS_OK;
	}
	if (ret == ARGS_OK && !a.num_images)
		ret = usage_error(self, "nothing to load: give an IMAGE or "
					"-s STRING@ADDR");
	if (ret == ARGS_OK)
		ret = load_images(&a);
	while (a.num_images)
		free(a.buffers[--a.num_images]);
	return ret;
}

/* ---- start, destroy, shutdown ----------------------------------------- */

static int cell_ioctl(const struct command *self, int argc, char **argv,
		      unsigned long request, const char *what)
{
	struct cell_args a = { .cmd = self };
	int ret = cell_command_args(&a, argc, argv, ":h", cell_opts);

	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 0);
	if (ret != ARGS_OK)
		return ret;
	return device_ioctl(request, &a.cell, what, cell_hints);
}

static int cmd_start(const struct command *self, int argc, char **argv)
{
	return cell_ioctl(self, argc, argv, WARDEN_CELL_START,
			  "cannot start the cell");
}

static int cmd_destroy(const struct command *self, int argc, char **argv)
{
	return cell_ioctl(self, argc, argv, WARDEN_CELL_DESTROY,
			  "cannot destroy the cell");
}

/* Say how the shutdown went; the exit status (1 when denied). */
static int shutdown_outcome(const struct warden_cell_id *cell, int err)
{
	char dir[PATH_LEN], name[WARDEN_CELL_NAME_LEN + 2], result[32];

	result[0] = '\0';
	cell_label(cell, name, sizeof(name));
	if (!cell_dir(cell, dir, sizeof(dir))) {
		cell_file(dir, "shutdown_result", result, sizeof(result));
		cell_file(dir, "name", name, sizeof(name));
	}
	if (!strcmp(result, "denied")) {
		printf("cell %s: shutdown denied by the cell, still running\n",
		       name);
		return 1;
	}
	if (err) {
		report_errno("cannot shut the cell down", err, cell_hints);
		return 1;
	}
	if (!strcmp(result, "approved"))
		printf("cell %s: shut down (approved)\n", name);
	else if (!strcmp(result, "timeout"))
		printf("cell %s: timed out, shut down anyway\n", name);
	else
		printf("cell %s: shut down\n", name);
	return 0;
}

static int cmd_shutdown(const struct command *self, int argc, char **argv)
{
	struct cell_args a = { .cmd = self };
	int fd, ret = cell_command_args(&a, argc, argv, ":h", cell_opts);

	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 0);
	if (ret != ARGS_OK)
		return ret;
	fd = open_device();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, WARDEN_CELL_SHUTDOWN, &a.cell) ? errno : 0;
	close(fd);
	return shutdown_outcome(&a.cell, ret);
}

/* ---- list --------------------------------------------------------------- */

#define LIST_ROW	"%-7s %-23s %-17s %-23s %s"

static void print_row(const char *id, const char *name, const char *state,
		      const char *assigned, const char *failed)
{
	char row[512];

	snprintf(row, sizeof(row), LIST_ROW, id, name, state, assigned,
		 failed);
	puts(strip_trailing(row));
}

static void list_cell(const char *id)
{
	char dir[PATH_LEN], name[64], state[64], assigned[256], failed[256];

	if (join(dir, sizeof(dir), CELLS_DIR, id) ||
	    cell_file(dir, "name", name, sizeof(name)))
		return;		/* destroyed while we looked */
	if (cell_file(dir, "state", state, sizeof(state)))
		strcpy(state, "?");
	if (cell_file(dir, "cpus_assigned_list", assigned, sizeof(assigned)))
		strcpy(assigned, "?");
	if (cell_file(dir, "cpus_failed_list", failed, sizeof(failed)))
		strcpy(failed, "?");
	print_row(id, name, state, assigned, failed);
}

static int cmd_list(const struct command *self, int argc, char **argv)
{
	struct dirent **list;
	int i, n, ret = parse_options(self, argc, argv, ":h", help_opts,
				      NULL, NULL);

	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 0);
	if (ret != ARGS_OK)
		return ret;
	n = scan_cells(&list);
	if (n < 0) {
		fprintf(stderr, "warden: cannot read %s: %s (is warden.ko "
				"loaded? try: modprobe warden)\n",
			CELLS_DIR, strerror(-n));
		return 1;
	}
	print_row("ID", "Name", "State", "Assigned CPUs", "Failed CPUs");
	for (i = 0; i < n; i++)
		list_cell(list[i]->d_name);
	free_scan(list, n);
	return 0;
}

/* ---- stats -------------------------------------------------------------- */

static const char *const counter_names[] = WARDEN_STAT_NAMES;
_Static_assert(WARDEN_ARRAY_SIZE(counter_names) == WARDEN_NUM_STATS,
	       "one sysfs file per exit counter");

struct sample {
	__u64 count[WARDEN_NUM_STATS][WARDEN_MAX_CPUS];
	__u64 total[WARDEN_NUM_STATS];
	struct timespec time;
};

static int read_counter(const char *dir, unsigned int cpu, unsigned int c,
			__u64 *value)
{
	char path[PATH_LEN], text[32];
	int n, err = -ENAMETOOLONG;

	n = snprintf(path, sizeof(path), "%s/cpus/cpu%u/statistics/%s", dir,
		     cpu, counter_names[c]);
	if (n > 0 && (size_t)n < sizeof(path))
		err = read_text(path, text, sizeof(text));
	if (!err && parse_u64(text, value))
		err = -EINVAL;
	if (err)
		fprintf(stderr, "warden: cannot read %s: %s (is the cell still "
				"there? see warden cell list)\n",
			path, strerror(-err));
	return err;
}

static int take_sample(const char *dir, __u64 cpus, struct sample *s)
{
	unsigned int cpu, c;

	clock_gettime(CLOCK_MONOTONIC, &s->time);
	for (c = 0; c < WARDEN_NUM_STATS; c++) {
		s->total[c] = 0;
		for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++) {
			if (!(cpus & (1ULL << cpu)))
				continue;
			if (read_counter(dir, cpu, c, &s->count[c][cpu]))
				return 1;
			s->total[c] += s->count[c][cpu];
		}
	}
	return 0;
}

static double seconds_between(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void print_header(const char *name, __u64 cpus, bool rates)
{
	char list[256], column[16];
	unsigned int cpu;

	cpulist_format(cpus, list, sizeof(list));
	printf("Cell %s, CPUs %s\n\n%-12s", name, list, "Exits");
	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++) {
		if (!(cpus & (1ULL << cpu)))
			continue;
		snprintf(column, sizeof(column), "CPU%u", cpu);
		printf(" %14s", column);
	}
	printf(" %14s%s\n", "Total", rates ? "   Per second" : "");
}

static void print_stats(const char *name, __u64 cpus, const struct sample *s,
			const struct sample *prev, bool rates)
{
	double dt = prev ? seconds_between(&prev->time, &s->time) : 0;
	unsigned int cpu, c;

	print_header(name, cpus, rates);
	for (c = 0; c < WARDEN_NUM_STATS; c++) {
		printf("%-12s", counter_names[c]);
		for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++)
			if (cpus & (1ULL << cpu))
				printf(" %14llu", (unsigned long long)s->count[c][cpu]);
		printf(" %14llu", (unsigned long long)s->total[c]);
		if (rates && prev && dt > 0 && s->total[c] >= prev->total[c])
			printf(" %12.0f", (double)(s->total[c] - prev->total[c]) / dt);
		else if (rates)
			printf(" %12s", "-");
		putchar('\n');
	}
	fflush(stdout);
}

static void sleep_seconds(double seconds)
{
	struct timespec t;

	t.tv_sec = (time_t)seconds;
	t.tv_nsec = (long)((seconds - (double)t.tv_sec) * 1e9);
	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

/* Print the cell's counters, every interval seconds unless once. */
static int show_stats(const char *dir, const char *name, __u64 cpus,
		      const struct cell_args *a)
{
	static struct sample samples[2];
	struct sample *cur = &samples[0], *prev = NULL;
	bool tty = isatty(STDOUT_FILENO);

	for (;;) {
		if (take_sample(dir, cpus, cur))
			return 1;
		if (!a->once && tty)
			fputs("\033[H\033[2J", stdout);
		else if (!a->once && prev)
			putchar('\n');
		print_stats(name, cpus, cur, prev, !a->once);
		if (a->once)
			return 0;
		sleep_seconds(a->interval);
		prev = cur;
		cur = cur == &samples[0] ? &samples[1] : &samples[0];
	}
}

static int cmd_stats(const struct command *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "once", no_argument, NULL, 'n' },
		{ "interval", required_argument, NULL, 'i' },
		CELL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct cell_args a = { .cmd = self, .interval = 1.0 };
	char dir[PATH_LEN], name[64], list[256];
	__u64 cpus;
	int ret = cell_command_args(&a, argc, argv, ":hni:", opts);

	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 0);
	if (ret != ARGS_OK)
		return ret;
	if (cell_dir_or_complain(&a.cell, dir, sizeof(dir)))
		return 1;
	if (cell_file(dir, "name", name, sizeof(name)) ||
	    cell_file(dir, "cpus_assigned_list", list, sizeof(list)) ||
	    cpulist_parse(list, &cpus)) {
		fprintf(stderr, "warden: cannot read the name and CPUs of the "
				"cell from %s\n", dir);
		return 1;
	}
	return show_stats(dir, name, cpus, &a);
}

/* ---- the table ---------------------------------------------------------- */

#define CELL_HELP \
	"CELL is a cell name or a decimal id; --name NAME or --id ID says " \
	"which.\n"

const struct command cell_commands[] = {
	{ "create", cmd_create, "cell", "CELLCONFIG",
	  "Validate CELLCONFIG and create the cell it describes, taking its "
	  "CPUs and memory from the root cell",
	  "Prints nothing on success.\n", NULL },
	{ "load", cmd_load, "cell",
	  "CELL IMAGE[@ADDR]... [-s | --string STRING@ADDR]...",
	  "Copy images (and strings, with their NUL) into the cell's "
	  "loadable memory",
	  CELL_HELP "ADDR is a guest-physical address, 0x... or decimal, "
	  "default 0.\nAt most 16 images and strings per command.\n", NULL },
	{ "start", cmd_start, "cell", "CELL",
	  "Start the cell at its reset address", CELL_HELP, NULL },
	{ "shutdown", cmd_shutdown, "cell", "CELL",
	  "Ask the cell to shut down, and say whether it approved, denied or "
	  "timed out",
	  CELL_HELP "Exit status 1 when the cell denied.\n", NULL },
	{ "destroy", cmd_destroy, "cell", "CELL",
	  "Destroy the cell and give its resources back to the root cell",
	  CELL_HELP, NULL },
	{ "list", cmd_list, "cell", NULL, "List the cells and their state",
	  NULL, NULL },
	{ "stats", cmd_stats, "cell", "CELL [-n | --once] [-i SECONDS]",
	  "Show the cell's exit counters by CPU",
	  CELL_HELP
	  "  -n, --once               print once and exit\n"
	  "  -i, --interval SECONDS   refresh period (default 1)\n", NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};
