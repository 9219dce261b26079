/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals shared by the files of the `warden` CLI: the command tables,
 * option parsing, the device and the config files. Pure text helpers are in
 * args.h; commands implemented by other files are declared in cli.h.
 */
#ifndef _WARDEN_TOOLS_WARDEN_H
#define _WARDEN_TOOLS_WARDEN_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define EXIT_USAGE	2	/* bad command line; 1 is any other failure */
#define ARGS_OK		(-1)	/* parse_options(): go on with the command */

/*
 * One command or command group. argv[0] given to run() is the command's own
 * name; run() returns the exit status.
 */
struct command {
	const char *name;
	int (*run)(const struct command *self, int argc, char **argv);
	const char *group;	/* "cell" for `warden cell NAME`, else NULL */
	const char *args;	/* operands and options, for the usage line */
	const char *summary;	/* one line, for `warden --help` */
	const char *help;	/* details for `--help`, or NULL */
	const struct command *sub;	/* a group's commands, or NULL */
};

/* What to tell the user when an ioctl or read fails with err. */
struct errno_hint {
	int err;
	const char *hint;
};

extern const struct command cell_commands[];		/* cmd_cell.c */

/* cmd_config_collect.c */
int cmd_config_collect(const struct command *self, int argc, char **argv);
int cmd_config_create(const struct command *self, int argc, char **argv);
extern const struct command hardware_commands[];	/* cmd_hardware.c */

/* Print a group's commands (NULL name ends the table). */
int run_group(const struct command *self, int argc, char **argv);

/* The usage line (and on stdout the help text); returns status. */
int usage(const struct command *cmd, FILE *out, int status);

/* "warden cell load: MESSAGE", then the usage line; returns EXIT_USAGE. */
int usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * getopt_long over argv with -h/--help and error reporting built in;
 * handle(opt, optarg, ctx) takes the other options and returns nonzero
 * (after printing why) to reject one. Returns ARGS_OK or an exit status.
 */
typedef int (*opt_handler)(int opt, const char *arg, void *ctx);
int parse_options(const struct command *cmd, int argc, char **argv,
		  const char *shortopts, const struct option *longopts,
		  opt_handler handle, void *ctx);

/* Check that min..max operands remain after the options. */
int check_operands(const struct command *cmd, int argc, int min, int max);

/* Open /dev/warden O_RDWR; -1 after explaining the failure. */
int open_device(void);

/* "warden: WHAT: strerror(err) (hint)" with the hint for err, if any. */
void report_errno(const char *what, int err, const struct errno_hint *hints);

/* One ioctl on /dev/warden; 0 or 1 (failure reported with hints). */
int device_ioctl(unsigned long request, void *arg, const char *what,
		 const struct errno_hint *hints);

/*
 * Read a config and run the shared validator over it (cell configs without
 * a system to check against), printing every finding as
 * "warden: PATH: FIELD: MESSAGE". NULL when unreadable or invalid.
 */
void *load_config(const char *path, size_t *size, bool system);
int send_config(const char *path, bool system, unsigned long request,
		const char *what, const struct errno_hint *hints);

/* Read a small text file (sysfs, procfs) without its trailing newline. */
int read_text(const char *path, char *buf, size_t len);

#endif /* _WARDEN_TOOLS_WARDEN_H */
