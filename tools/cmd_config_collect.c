/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden config collect [OUTPUT]`: gather what a system config is made
 * from into one POSIX ustar archive, to be turned into C on the development
 * host by `warden config create` (tools/warden-config-create).
 *
 * `warden config create ARGS...`: run warden-config-create with ARGS. It is
 * a Python program (python3-libfdt); it is looked for next to this binary,
 * then in PATH.
 *
 * Archive layout, everything under warden-collect/:
 *   manifest.txt        what was collected, when, and what could not be
 *   sys/firmware/fdt    the device tree Linux booted with (binary)
 *   proc/iomem, proc/interrupts, proc/cmdline, proc/version, proc/cpuinfo
 *   uname.txt           uname(2): sysname, release (uname -r), version,
 *                       machine
 *   cpus.txt            one line per /sys/devices/system/cpu/cpuN: Linux CPU
 *                       number, online state, device tree node, MPIDR
 *                       affinity, then the reg of every cpu@ node of the
 *                       device tree
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "warden.h"

/* Also declared in warden.c, which dispatches to them. */

#define COLLECT_DIR	"warden-collect/"
#define DEFAULT_OUTPUT	"warden-collect.tar"
#define CPU_SYSFS	"/sys/devices/system/cpu"
#define DT_CPUS		"/proc/device-tree/cpus"
#define TAR_BLOCK	512
#define TAR_RECORD	(20 * TAR_BLOCK)
#define SLURP_MAX	(64u << 20)
#define CREATE_TOOL	"warden-config-create"

/* ---- a growable buffer -------------------------------------------------- */

struct buf {
	char *data;
	size_t len, cap;
	bool failed;	/* out of memory: everything after is dropped */
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
	size_t cap;
	char *p;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	big = malloc((size_t)n + 1);
	if (!big) {
		b->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, big, (size_t)n);
	free(big);
}

/*
 * Read a whole file (procfs and sysfs report size 0, so read to EOF).
 * 0 or an errno value.
 */
static int slurp(const char *path, struct buf *out)
{
	char chunk[16384];
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > SLURP_MAX) {
			err = EFBIG;
			break;
		}
		buf_add(out, chunk, (size_t)n);
		if (out->failed) {
			err = ENOMEM;
			break;
		}
	}
	close(fd);
	return err;
}

/* ---- ustar -------------------------------------------------------------- */

/* Octal, zero-padded to width - 1 digits and NUL-terminated. */
static void tar_octal(char *field, size_t width, unsigned long long value)
{
	snprintf(field, width, "%0*llo", (int)width - 1, value);
}

/* One member: a 512-byte header, the data, zero padding to 512 bytes. */
static void tar_add(struct buf *tar, const char *name, char type,
		    const void *data, size_t size, time_t mtime)
{
	unsigned char hdr[TAR_BLOCK];
	static const char zeros[TAR_BLOCK];
	unsigned int sum = 0;
	size_t i;

	memset(hdr, 0, sizeof(hdr));
	/* Every name here is short: no need for the prefix field. */
	snprintf((char *)hdr, 100, "%s", name);
	tar_octal((char *)hdr + 100, 8, type == '5' ? 0755 : 0644);
	tar_octal((char *)hdr + 108, 8, 0);	/* uid */
	tar_octal((char *)hdr + 116, 8, 0);	/* gid */
	tar_octal((char *)hdr + 124, 12, size);
	tar_octal((char *)hdr + 136, 12, (unsigned long long)mtime);
	memset(hdr + 148, ' ', 8);		/* checksum, counted as blanks */
	hdr[156] = (unsigned char)type;
	memcpy(hdr + 257, "ustar", 6);		/* magic with its NUL */
	memcpy(hdr + 263, "00", 2);		/* version */
	snprintf((char *)hdr + 265, 32, "root");
	snprintf((char *)hdr + 297, 32, "root");
	for (i = 0; i < sizeof(hdr); i++)
		sum += hdr[i];
	snprintf((char *)hdr + 148, 8, "%06o", sum);	/* NUL, then ' ' */
	hdr[155] = ' ';
	buf_add(tar, hdr, sizeof(hdr));
	if (size) {
		buf_add(tar, data, size);
		buf_add(tar, zeros, (TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK);
	}
}

/* Two zero blocks end the archive; pad it to a whole 10 KiB record. */
static void tar_finish(struct buf *tar)
{
	static const char zeros[TAR_BLOCK];

	buf_add(tar, zeros, TAR_BLOCK);
	buf_add(tar, zeros, TAR_BLOCK);
	while (!tar->failed && tar->len % TAR_RECORD)
		buf_add(tar, zeros, TAR_BLOCK);
}

/* ---- collecting ---------------------------------------------------------- */

struct collect {
	struct buf tar;
	struct buf manifest;	/* the file list */
	struct buf problems;	/* manifest's "Not collected" section */
	time_t now;
	int errors;		/* essential items missing: exit 1 */
	int warnings;
};

static void problem(struct collect *c, bool essential, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Said on stderr and recorded in the manifest. */
static void problem(struct collect *c, bool essential, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "warden config collect: %s%s\n",
		essential ? "" : "warning: ", msg);
	buf_printf(&c->problems, "  %s%s\n", essential ? "ERROR: " : "", msg);
	if (essential)
		c->errors++;
	else
		c->warnings++;
}

static void add_member(struct collect *c, const char *name, const char *from,
		       const void *data, size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), COLLECT_DIR "%s", name);
	tar_add(&c->tar, path, '0', data, size, c->now);
	buf_printf(&c->manifest, "  %-20s %8zu bytes  %s\n", name, size, from);
}

static const char *errno_hint(int err)
{
	if (err == EACCES || err == EPERM)
		return " (run as root)";
	if (err == ENOENT)
		return " (not present: was Linux booted with a device tree?)";
	return "";
}

/* Copy file `from` into the archive as `name`; false if unreadable. */
static bool add_file(struct collect *c, const char *name, const char *from,
		     bool essential, struct buf *keep)
{
	struct buf data = { 0 };
	int err = slurp(from, &data);

	if (err) {
		problem(c, essential, "cannot read %s: %s%s", from,
			strerror(err), errno_hint(err));
		free(data.data);
		return false;
	}
	add_member(c, name, from, data.data, data.len);
	if (keep)
		*keep = data;
	else
		free(data.data);
	return true;
}

/*
 * Without CAP_SYS_ADMIN, /proc/iomem shows every address as zero. Is there
 * at least one non-zero "System RAM" line?
 */
static bool iomem_has_addresses(const char *iomem)
{
	const char *line = iomem, *name;
	char one[256];
	unsigned int depth;
	__u64 start, end;
	size_t n;

	while (line && *line) {
		n = strcspn(line, "\n");
		if (n < sizeof(one)) {
			memcpy(one, line, n);
			one[n] = '\0';
			if (!iomem_parse_line(one, &start, &end, &depth,
					      &name) &&
			    (start || end) && strstr(name, "System RAM"))
				return true;
		}
		line += n;
		if (*line)
			line++;
	}
	return false;
}

static void collect_iomem(struct collect *c)
{
	struct buf iomem = { 0 };

	if (!add_file(c, "proc/iomem", "/proc/iomem", true, &iomem))
		return;
	if (!iomem_has_addresses(iomem.data ? iomem.data : ""))
		problem(c, true,
			"/proc/iomem shows no System RAM addresses (all zeros "
			"when read without root): run `warden config collect` "
			"as root, or the config cannot tell which RAM Linux "
			"uses");
	free(iomem.data);
}

static void collect_uname(struct collect *c)
{
	struct utsname u;
	struct buf text = { 0 };

	if (uname(&u)) {
		problem(c, false, "uname: %s", strerror(errno));
		return;
	}
	buf_printf(&text,
		   "sysname: %s\nnodename: %s\nrelease: %s\nversion: %s\n"
		   "machine: %s\n",
		   u.sysname, u.nodename, u.release, u.version, u.machine);
	add_member(c, "uname.txt", "uname(2), as uname -a", text.data,
		   text.len);
	free(text.data);
}

/* A device tree reg property as one number (big-endian cells). */
static bool read_reg(const char *path, unsigned long long *value)
{
	struct buf reg = { 0 };
	unsigned long long v = 0;
	size_t i;
	bool ok;

	ok = !slurp(path, &reg) && reg.len && reg.len <= 8 && reg.len % 4 == 0;
	for (i = 0; ok && i < reg.len; i++)
		v = v << 8 | (unsigned char)reg.data[i];
	free(reg.data);
	*value = v;
	return ok;
}

static int by_number(const struct dirent **a, const struct dirent **b)
{
	long na = strtol((*a)->d_name + 3, NULL, 10);
	long nb = strtol((*b)->d_name + 3, NULL, 10);

	return (na > nb) - (na < nb);
}

static int is_cpu_dir(const struct dirent *d)
{
	return !strncmp(d->d_name, "cpu", 3) && is_decimal(d->d_name + 3);
}

static int is_cpu_node(const struct dirent *d)
{
	return !strncmp(d->d_name, "cpu@", 4);
}

/* One line per Linux CPU: number, online, DT node, MPIDR affinity. */
static int list_linux_cpus(struct collect *c, struct buf *text)
{
	struct dirent **cpus;
	char path[PATH_MAX], link[PATH_MAX], online[16];
	unsigned long long mpidr;
	const char *node;
	ssize_t n;
	int i, count;

	count = scandir(CPU_SYSFS, &cpus, is_cpu_dir, by_number);
	if (count < 0) {
		problem(c, true, "cannot list %s: %s", CPU_SYSFS,
			strerror(errno));
		return 0;
	}
	buf_printf(text,
		   "# Linux CPUs (%s/cpuN)\n"
		   "# cpu  online  dt-node  mpidr (affinity, from the "
		   "node's reg)\n",
		   CPU_SYSFS);
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), CPU_SYSFS "/%s/online",
			 cpus[i]->d_name);
		if (read_text(path, online, sizeof(online)))
			/* The boot CPU often cannot be offlined: no file. */
			snprintf(online, sizeof(online), "1");
		snprintf(path, sizeof(path), CPU_SYSFS "/%s/of_node",
			 cpus[i]->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = '\0';
		node = strrchr(link, '/');
		node = node ? node + 1 : "-";
		snprintf(path, sizeof(path), CPU_SYSFS "/%s/of_node/reg",
			 cpus[i]->d_name);
		if (n > 0 && read_reg(path, &mpidr))
			buf_printf(text, "%s %s %s 0x%llx\n",
				   cpus[i]->d_name + 3, online, node, mpidr);
		else
			buf_printf(text, "%s %s %s -\n", cpus[i]->d_name + 3,
				   online, node);
		free(cpus[i]);
	}
	free(cpus);
	return count;
}

/* Every cpu@ node of the device tree, with its reg (MPIDR affinity). */
static void list_dt_cpus(struct collect *c, struct buf *text)
{
	struct dirent **nodes;
	char path[PATH_MAX];
	unsigned long long mpidr;
	int i, count;

	count = scandir(DT_CPUS, &nodes, is_cpu_node, alphasort);
	if (count < 0) {
		problem(c, false, "cannot list %s: %s%s", DT_CPUS,
			strerror(errno), errno_hint(errno));
		return;
	}
	buf_printf(text,
		   "\n# Device tree CPU nodes (%s/cpu@*/reg)\n"
		   "# node  mpidr\n",
		   DT_CPUS);
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), DT_CPUS "/%s/reg",
			 nodes[i]->d_name);
		if (read_reg(path, &mpidr))
			buf_printf(text, "%s 0x%llx\n", nodes[i]->d_name,
				   mpidr);
		else
			buf_printf(text, "%s -\n", nodes[i]->d_name);
		free(nodes[i]);
	}
	free(nodes);
}

static void collect_cpus(struct collect *c)
{
	struct buf text = { 0 };
	int n;

	n = list_linux_cpus(c, &text);
	list_dt_cpus(c, &text);
	if (n)
		add_member(c, "cpus.txt", CPU_SYSFS "/cpuN, " DT_CPUS,
			   text.data, text.len);
	free(text.data);
}

static void write_manifest(struct collect *c)
{
	struct buf text = { 0 };
	char when[64];
	struct tm tm;

	gmtime_r(&c->now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	buf_printf(&text,
		   "Warden hardware description\n"
		   "===========================\n\n"
		   "Collected by `warden config collect` (warden %s)\n"
		   "on %s, running as uid %u.\n\n"
		   "Turn it into a system config on the development host:\n"
		   "  warden config create ARCHIVE -o board.c\n\n"
		   "Contents (name, size, source):\n%s",
		   WARDEN_VERSION, when, (unsigned int)geteuid(),
		   c->manifest.data ? c->manifest.data : "");
	if (c->problems.len)
		buf_printf(&text, "\nNot collected or incomplete:\n%s",
			   c->problems.data);
	else
		buf_printf(&text, "\nEverything was collected.\n");
	tar_add(&c->tar, COLLECT_DIR "manifest.txt", '0', text.data, text.len,
		c->now);
	free(text.data);
}

static int write_out(const char *output, const struct buf *tar)
{
	bool to_stdout = !strcmp(output, "-");
	int fd, err = 0;
	size_t done = 0;
	ssize_t n;

	if (to_stdout)
		fd = STDOUT_FILENO;
	else
		fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0644);
	if (fd < 0) {
		fprintf(stderr, "warden config collect: cannot create %s: %s\n",
			output, strerror(errno));
		return 1;
	}
	while (done < tar->len) {
		n = write(fd, tar->data + done, tar->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		done += (size_t)n;
	}
	if (!to_stdout && close(fd) && !err)
		err = errno;
	if (err) {
		fprintf(stderr, "warden config collect: cannot write %s: %s\n",
			to_stdout ? "to stdout" : output, strerror(err));
		if (!to_stdout)
			unlink(output);
		return 1;
	}
	return 0;
}

int cmd_config_collect(const struct command *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct collect c = { 0 };
	const char *output;
	int ret;

	ret = parse_options(self, argc, argv, ":h", opts, NULL, NULL);
	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 1);
	if (ret != ARGS_OK)
		return ret;
	output = optind < argc ? argv[optind] : DEFAULT_OUTPUT;
	if (!strcmp(output, "-") && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "warden config collect: not writing a tar "
				"archive to a terminal (redirect it: warden "
				"config collect - > FILE.tar)\n");
		return EXIT_USAGE;
	}

	c.now = time(NULL);
	tar_add(&c.tar, COLLECT_DIR, '5', NULL, 0, c.now);
	add_file(&c, "sys/firmware/fdt", "/sys/firmware/fdt", true, NULL);
	collect_iomem(&c);
	add_file(&c, "proc/interrupts", "/proc/interrupts", false, NULL);
	add_file(&c, "proc/cmdline", "/proc/cmdline", false, NULL);
	add_file(&c, "proc/version", "/proc/version", false, NULL);
	collect_uname(&c);
	collect_cpus(&c);
	add_file(&c, "proc/cpuinfo", "/proc/cpuinfo", false, NULL);
	write_manifest(&c);
	tar_finish(&c.tar);

	if (c.tar.failed || c.manifest.failed || c.problems.failed) {
		fprintf(stderr, "warden config collect: out of memory\n");
		ret = 1;
	} else {
		ret = write_out(output, &c.tar);
	}
	if (!ret && strcmp(output, "-"))
		fprintf(stderr,
			"warden config collect: wrote %s (%zu bytes)%s\n",
			output, c.tar.len, c.errors ? ", incomplete" : "");
	if (!ret && c.errors)
		fprintf(stderr,
			"warden config collect: %d essential item%s "
			"missing (see above); `warden config create` "
			"needs the device tree and /proc/iomem\n",
			c.errors, c.errors == 1 ? "" : "s");
	free(c.tar.data);
	free(c.manifest.data);
	free(c.problems.data);
	return ret ? ret : (c.errors ? 1 : 0);
}

/* ---- config create: run the host tool ----------------------------------- */

static bool executable(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && !access(path, X_OK);
}

/* Next to this binary, then in PATH. */
static bool find_create_tool(char *path, size_t len)
{
	char self[PATH_MAX], *slash;
	const char *dirs, *end;
	ssize_t n;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			if (snprintf(path, len, "%s/" CREATE_TOOL, self) <
				    (int)len &&
			    executable(path))
				return true;
		}
	}
	dirs = getenv("PATH");
	for (; dirs && *dirs; dirs = *end ? end + 1 : end) {
		end = strchr(dirs, ':');
		if (!end)
			end = dirs + strlen(dirs);
		if (snprintf(path, len, "%.*s/" CREATE_TOOL,
			     end == dirs ? 1 : (int)(end - dirs),
			     end == dirs ? "." : dirs) < (int)len &&
		    executable(path))
			return true;
	}
	return false;
}

int cmd_config_create(const struct command *self, int argc, char **argv)
{
	char tool[PATH_MAX];

	if (!find_create_tool(tool, sizeof(tool))) {
		if (argc > 1 &&
		    (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
			return usage(self, stdout, 0);
		fprintf(stderr,
			"warden config create: " CREATE_TOOL " not found next "
			"to this program nor in PATH.\n"
			"It runs on the development host, not on the target: "
			"copy the archive from `warden config collect` there "
			"and run `warden config create` from the Warden build "
			"(build/host/warden, with " CREATE_TOOL " next to it), "
			"or put tools/" CREATE_TOOL " in PATH.\n"
			"It needs /usr/bin/python3 and python3-libfdt "
			"(apt-get install python3-libfdt).\n");
		return 1;
	}
	argv[0] = tool;
	execv(tool, argv);
	fprintf(stderr, "warden config create: cannot run %s: %s%s\n", tool,
		strerror(errno),
		errno == ENOENT ? " (it needs /usr/bin/python3)" : "");
	return 1;
}
