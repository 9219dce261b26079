/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * warden: the command line tool driving the Warden hypervisor through
 * warden.ko (/dev/warden ioctls, /sys/devices/warden).
 *
 * This file holds main(), the command tables and option handling, the
 * device and config helpers every command uses, and the hypervisor-wide
 * commands (enable, disable, console, config). Cell commands live in
 * cmd_cell.c, `hardware check` in cmd_hardware.c, `config check` in
 * config_check.c, `config collect` and `config create` in
 * cmd_config_collect.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <warden/ioctl.h>
#include <warden/validate.h>

#include "cli.h"
#include "warden.h"

#ifndef WARDEN_VERSION
#define WARDEN_VERSION "unknown"
#endif

#define CONSOLE_POLL_NS	200000000L	/* `console -f`: 200 ms */

static const struct command top_commands[];

/* ---- usage and options ------------------------------------------------ */

static void print_synopsis(FILE *out, const struct command *c)
{
	fprintf(out, "  warden %s%s%s%s%s\n", c->group ? c->group : "",
		c->group ? " " : "", c->name, c->args ? " " : "",
		c->args ? c->args : "");
}

static void list_commands(FILE *out, const struct command *table)
{
	const struct command *c, *s;

	for (c = table; c->name; c++) {
		if (!c->sub) {
			print_synopsis(out, c);
			continue;
		}
		for (s = c->sub; s->name; s++)
			print_synopsis(out, s);
	}
}

static int main_usage(FILE *out, int status)
{
	fprintf(out, "usage: warden [--help | --version] COMMAND [ARGS]\n\n"
		     "Commands:\n");
	list_commands(out, top_commands);
	fprintf(out, "\nCELL is a cell name or a decimal cell id; --name NAME "
		     "or --id ID says which.\n"
		     "Run `warden COMMAND --help` for the details of one "
		     "command, or see warden(8).\n");
	return status;
}

int usage(const struct command *cmd, FILE *out, int status)
{
	if (cmd->sub) {
		fprintf(out, "usage: warden %s COMMAND [ARGS]\n\n"
			     "Commands:\n", cmd->name);
		list_commands(out, cmd->sub);
		return status;
	}
	fprintf(out, "usage: warden %s%s%s%s%s\n", cmd->group ? cmd->group : "",
		cmd->group ? " " : "", cmd->name, cmd->args ? " " : "",
		cmd->args ? cmd->args : "");
	if (out == stdout) {
		fprintf(out, "\n%s.\n", cmd->summary);
		if (cmd->help)
			fprintf(out, "\n%s", cmd->help);
	}
	return status;
}

int usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "warden %s%s%s: ", cmd->group ? cmd->group : "",
		cmd->group ? " " : "", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return usage(cmd, stderr, EXIT_USAGE);
}

static int option_error(const struct command *cmd, int opt, char **argv)
{
	const char *arg = argv[optind - 1];

	if (opt == ':')
		return usage_error(cmd, "option '%s' needs an argument", arg);
	if (optopt)
		return usage_error(cmd, "unknown option '-%c'", optopt);
	return usage_error(cmd, "unknown option '%s'", arg);
}

int parse_options(const struct command *cmd, int argc, char **argv,
		  const char *shortopts, const struct option *longopts,
		  opt_handler handle, void *ctx)
{
	int opt;

	opterr = 0;	/* we word the errors ourselves */
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (opt == 'h')
			return usage(cmd, stdout, 0);
		if (opt == '?' || opt == ':')
			return option_error(cmd, opt, argv);
		if (!handle || handle(opt, optarg, ctx))
			return usage(cmd, stderr, EXIT_USAGE);
	}
	return ARGS_OK;
}

int check_operands(const struct command *cmd, int argc, int min, int max)
{
	int n = argc - optind;

	if (n < min)
		return usage_error(cmd, "missing argument");
	if (n > max)
		return usage_error(cmd, "too many arguments");
	return ARGS_OK;
}

/* For commands whose only option is --help. */
static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int simple_args(const struct command *cmd, int argc, char **argv,
		       int min, int max)
{
	int ret = parse_options(cmd, argc, argv, ":h", help_only, NULL, NULL);

	return ret == ARGS_OK ? check_operands(cmd, argc, min, max) : ret;
}

static const struct command *find_command(const struct command *table,
					  const char *name)
{
	for (; table->name; table++)
		if (!strcmp(table->name, name))
			return table;
	return NULL;
}

static bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int run_group(const struct command *self, int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		fprintf(stderr, "warden %s: missing command\n", self->name);
		return usage(self, stderr, EXIT_USAGE);
	}
	if (is_help(argv[1]))
		return usage(self, stdout, 0);
	cmd = find_command(self->sub, argv[1]);
	if (!cmd) {
		fprintf(stderr, "warden %s: unknown command '%s'\n", self->name,
			argv[1]);
		return usage(self, stderr, EXIT_USAGE);
	}
	return cmd->run(cmd, argc - 1, argv + 1);
}

/* ---- the device, files and configs ------------------------------------ */

int open_device(void)
{
	int fd = open(WARDEN_DEVICE, O_RDWR | O_CLOEXEC);
	int err = errno;

	if (fd >= 0)
		return fd;
	fprintf(stderr, "warden: cannot open %s: %s", WARDEN_DEVICE,
		strerror(err));
	if (err == ENOENT || err == ENODEV || err == ENXIO)
		fprintf(stderr, " (is warden.ko loaded? try: modprobe warden)");
	else if (err == EACCES || err == EPERM)
		fprintf(stderr, " (run as root)");
	fputc('\n', stderr);
	return -1;
}

void report_errno(const char *what, int err, const struct errno_hint *hints)
{
	fprintf(stderr, "warden: %s: %s", what, strerror(err));
	for (; hints && hints->err; hints++) {
		if (hints->err == err) {
			fprintf(stderr, ": %s", hints->hint);
			break;
		}
	}
	fputc('\n', stderr);
}

/*
 * Why a request failed is in the kernel log (the driver's checks) or on the
 * hypervisor console (its own, "ERROR: ..."): remember where both end
 * before the request, and show what was added after a failure.
 */
struct why {
	int kmsg;		/* /dev/kmsg, positioned at its end */
	int dev;		/* /dev/warden, its read position at the end */
};

static void why_start(struct why *w, int dev)
{
	char buf[4096];

	w->dev = dev;
	while (read(dev, buf, sizeof(buf)) > 0)
		;
	w->kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (w->kmsg >= 0)
		lseek(w->kmsg, 0, SEEK_END);
}

static void why_kernel(int kmsg)
{
	char rec[2048], *msg;
	ssize_t n;

	while ((n = read(kmsg, rec, sizeof(rec) - 1)) > 0) {
		rec[n] = 0;
		msg = strchr(rec, ';');
		if (msg && !strncmp(msg + 1, "warden: ", 8))
			fprintf(stderr, "  %s", msg + 9);
	}
}

static void why_console(int dev)
{
	char buf[8192], *line, *save = NULL;
	ssize_t n = read(dev, buf, sizeof(buf) - 1);

	if (n <= 0)
		return;
	buf[n] = 0;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, "ERROR: ", 7))
			fprintf(stderr, "  hypervisor: %s\n", line + 7);
}

static void why_report(struct why *w)
{
	if (w->kmsg >= 0) {
		why_kernel(w->kmsg);
		close(w->kmsg);
	}
	why_console(w->dev);
}

int device_ioctl(unsigned long request, void *arg, const char *what,
		 const struct errno_hint *hints)
{
	int fd = open_device(), ret, err;
	struct why why;

	if (fd < 0)
		return 1;
	why_start(&why, fd);
	ret = ioctl(fd, request, arg);
	err = errno;
	if (ret < 0) {
		report_errno(what, err, hints);
		why_report(&why);
	} else if (why.kmsg >= 0) {
		close(why.kmsg);
	}
	close(fd);
	return ret < 0;
}

int read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* One validator finding; v1 and v2 are the values the message speaks of. */
static void print_finding(void *ctx, const char *field, const char *msg,
			  __u64 v1, __u64 v2)
{
	fprintf(stderr, "warden: %s: ", (const char *)ctx);
	if (field && *field)
		fprintf(stderr, "%s: ", field);
	fputs(msg, stderr);
	if (v1 || v2)
		fprintf(stderr, " (0x%llx, 0x%llx)", (unsigned long long)v1,
			(unsigned long long)v2);
	fputc('\n', stderr);
}

static int validate(const char *path, const void *buf, size_t size,
		    bool system)
{
	struct warden_diag diag;

	warden_diag_init(&diag, print_finding, (void *)path);
	if (system)
		return warden_validate_system(buf, size, &diag);
	return warden_validate_cell(buf, size, NULL, &diag);
}

void *load_config(const char *path, size_t *size, bool system)
{
	void *buf = read_file(path, size);
	int findings;

	if (!buf)
		return NULL;
	if (*size > UINT32_MAX) {
		fprintf(stderr, "warden: %s: %zu bytes is not a config (too "
				"large; did you pick the wrong file?)\n",
			path, *size);
		free(buf);
		return NULL;
	}
	findings = validate(path, buf, *size, system);
	if (findings) {
		fprintf(stderr, "warden: %s: %d problem%s found, nothing done "
				"(fix the config source and rebuild it)\n",
			path, findings, findings == 1 ? "" : "s");
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- enable, disable ---------------------------------------------------- */

static const struct errno_hint enable_hints[] = {
	{ EBUSY, "the hypervisor is already enabled (warden disable first)" },
	{ ENODEV, "EL2 is not available to Linux: see `warden hardware check`" },
	{ EINVAL, "the hypervisor rejected the config: see `warden console` "
		  "or dmesg" },
	{ ENOENT, WARDEN_FIRMWARE " not found in /lib/firmware" },
	{ EPERM, "run as root" },
	{ EACCES, "run as root" },
	{ ENOMEM, "not enough memory for the hypervisor: check its memory "
		  "region is reserved (see `warden hardware check`)" },
	{ 0, NULL },
};

/* Validate the config at @path and pass it to the driver with @request. */
int send_config(const char *path, bool system, unsigned long request,
		const char *what, const struct errno_hint *hints)
{
	struct warden_config_arg arg = { 0 };
	size_t size;
	void *buf = load_config(path, &size, system);
	int ret;

	if (!buf)
		return 1;
	arg.address = (uintptr_t)buf;
	arg.size = (__u32)size;
	ret = device_ioctl(request, &arg, what, hints);
	free(buf);
	return ret;
}

static int cmd_enable(const struct command *self, int argc, char **argv)
{
	int ret = simple_args(self, argc, argv, 1, 1);

	if (ret != ARGS_OK)
		return ret;
	return send_config(argv[optind], true, WARDEN_ENABLE,
			   "cannot enable the hypervisor", enable_hints);
}

static const struct errno_hint disable_hints[] = {
	{ EBUSY, "cells still exist: destroy them first (warden cell list)" },
	{ EINVAL, "the hypervisor is not enabled" },
	{ ENODEV, "the hypervisor is not enabled" },
	{ EPERM, "run as root" },
	{ EACCES, "run as root" },
	{ 0, NULL },
};

static int cmd_disable(const struct command *self, int argc, char **argv)
{
	int ret = simple_args(self, argc, argv, 0, 0);

	if (ret != ARGS_OK)
		return ret;
	return device_ioctl(WARDEN_DISABLE, NULL,
			    "cannot disable the hypervisor", disable_hints);
}

/* ---- console ------------------------------------------------------------ */

static const struct errno_hint console_hints[] = {
	{ EINVAL, "the hypervisor is not enabled" },
	{ ENODEV, "the hypervisor is not enabled" },
	{ 0, NULL },
};

static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copy the console ring to stdout; with follow, poll for more forever. */
static int copy_console(int fd, bool follow)
{
	const struct timespec poll = { 0, CONSOLE_POLL_NS };
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0 && write_all(STDOUT_FILENO, buf, (size_t)n))
			return 1;	/* stdout went away: nothing to say */
		if (n == 0 && !follow)
			return 0;
		if (n == 0)
			nanosleep(&poll, NULL);
		if (n < 0 && errno != EINTR) {
			report_errno("cannot read the console from " WARDEN_DEVICE,
				     errno, console_hints);
			return 1;
		}
	}
}

static int console_option(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != 'f')
		return 1;
	*(bool *)ctx = true;
	return 0;
}

static int cmd_console(const struct command *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool follow = false;
	int fd, ret;

	ret = parse_options(self, argc, argv, ":fh", opts, console_option,
			    &follow);
	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 0);
	if (ret != ARGS_OK)
		return ret;
	fd = open_device();
	if (fd < 0)
		return 1;
	ret = copy_console(fd, follow);
	close(fd);
	return ret;
}

/* ---- config ------------------------------------------------------------- */

static int cmd_check(const struct command *self, int argc, char **argv)
{
	(void)self;
	return cmd_config_check(argc, argv);
}


static const struct command config_commands[] = {
	{ "check", cmd_check, "config", "SYSCONFIG [CELLCONFIG...]",
	  "Validate system and cell configs without touching the hypervisor",
	  NULL, NULL },
	{ "collect", cmd_config_collect, "config", "[OUTPUT | -]",
	  "On the target: gather the device tree, /proc/iomem, CPUs and the "
	  "kernel's view of the machine into one tar archive for `config "
	  "create`",
	  "OUTPUT defaults to warden-collect.tar; - writes the archive to "
	  "stdout.\nRun it as root: without root /proc/iomem and the device "
	  "tree are hidden.\nExit status: 0 when everything essential was "
	  "collected, 1 otherwise.\n", NULL },
	{ "create", cmd_config_create, "config",
	  "ARCHIVE -o OUT.c [--name NAME] [--hv-size SIZE] "
	  "[--cell NAME --cpus LIST --mem SIZE -O CELL.c]",
	  "On the development host: write a system config (and optionally a "
	  "cell config) in C from a `config collect` archive",
	  "Runs warden-config-create (Python 3, python3-libfdt), found next "
	  "to this program or in PATH, with the same arguments.\n", NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};

/* ---- main --------------------------------------------------------------- */

static const struct command top_commands[] = {
	{ "enable", cmd_enable, NULL, "SYSCONFIG",
	  "Validate SYSCONFIG, load " WARDEN_FIRMWARE " and start the "
	  "hypervisor under the running Linux, which becomes the root cell",
	  "SYSCONFIG is a system config (.cell) built from configs/.\n"
	  "Exit status: 0 when the hypervisor runs, 1 otherwise.\n", NULL },
	{ "disable", cmd_disable, NULL, NULL,
	  "Stop the hypervisor and give the machine back to Linux; all cells "
	  "but the root cell must have been destroyed", NULL, NULL },
	{ "console", cmd_console, NULL, "[-f | --follow]",
	  "Print the hypervisor's console messages",
	  "  -f, --follow  keep printing new messages (every 200 ms) until "
	  "interrupted\n", NULL },
	{ "cell", run_group, NULL, "COMMAND [ARGS]", "Manage cells", NULL,
	  cell_commands },
	{ "config", run_group, NULL, "COMMAND [ARGS]", "Work with configs",
	  NULL, config_commands },
	{ "hardware", run_group, NULL, "COMMAND [ARGS]",
	  "Check the machine", NULL, hardware_commands },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2)
		return main_usage(stderr, EXIT_USAGE);
	if (is_help(argv[1]))
		return main_usage(stdout, 0);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("warden %s\n", WARDEN_VERSION);
		return 0;
	}
	cmd = find_command(top_commands, argv[1]);
	if (!cmd) {
		fprintf(stderr, "warden: unknown %s '%s'\n",
			argv[1][0] == '-' ? "option" : "command", argv[1]);
		return main_usage(stderr, EXIT_USAGE);
	}
	return cmd->run(cmd, argc - 1, argv + 1);
}
