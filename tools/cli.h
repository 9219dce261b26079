/* SPDX-License-Identifier: GPL-2.0-only */
/* The `warden` command line tool: commands implemented in separate files. */
#ifndef _WARDEN_CLI_H
#define _WARDEN_CLI_H

#include <stddef.h>

/*
 * Each command gets argv with argv[0] = its own name (e.g. "check" for
 * `warden config check ...`) and returns the process exit status.
 */
int cmd_config_check(int argc, char **argv);	/* tools/config_check.c */

/*
 * Read a whole file into a malloc'ed buffer; NULL (with a message on stderr
 * naming the file and the reason) on failure.
 */
void *read_file(const char *path, size_t *size);

#endif /* _WARDEN_CLI_H */
