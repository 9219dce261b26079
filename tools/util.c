/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by the `warden` CLI commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Configs and images are small; refuse to swallow a device or a huge file. */
#define READ_FILE_MAX	(64u << 20)
#define READ_CHUNK	(64u << 10)

/* Reads fd to EOF into *buf (grown as needed); 0 or an errno value. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 0;
	ssize_t n;
	char *p;

	for (;;) {
		if (*len == cap) {
			if (cap >= READ_FILE_MAX)
				return EFBIG;
			cap += READ_CHUNK;
			p = realloc(*buf, cap);
			if (!p)
				return ENOMEM;
			*buf = p;
		}
		n = read(fd, *buf + *len, cap - *len);
		if (n == 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return errno;
		if (n > 0)
			*len += (size_t)n;
	}
}

void *read_file(const char *path, size_t *size)
{
	char *buf = NULL;
	size_t len = 0;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "warden: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	err = read_all(fd, &buf, &len);
	close(fd);
	if (err) {
		fprintf(stderr, "warden: %s: %s\n", path,
			err == EFBIG ? "file too large" : strerror(err));
		free(buf);
		return NULL;
	}
	*size = len;
	return buf;
}
