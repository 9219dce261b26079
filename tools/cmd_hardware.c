/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden hardware check [SYSCONFIG]`: can this machine run Warden?
 *
 * One line per check: OK, WARN (could not tell, or might bite) or FAIL
 * (Warden will not work), with what to change. Everything comes from the
 * kernel log, /proc, sysfs and the device tree: Linux at EL1 cannot read
 * the EL2 state directly, so we read what the kernel said at boot.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <warden/config.h>
#include <warden/ioctl.h>

#include "args.h"
#include "cli.h"
#include "warden.h"

#define DT_BASE		"/sys/firmware/devicetree/base"
#define SYSLOG_READ_ALL	3	/* klogctl(2) actions */
#define SYSLOG_SIZE	10

enum level { LEVEL_OK, LEVEL_WARN, LEVEL_FAIL };

struct hw {
	char *log;	/* kernel messages, one a line; NULL: unreadable */
	char *cmdline;	/* /proc/cmdline, NULL if unreadable */
	int fails;
	int warnings;
};

static void report(struct hw *hw, enum level level, const char *check,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(struct hw *hw, enum level level, const char *check,
		   const char *fmt, ...)
{
	static const char *const names[] = { "OK", "WARN", "FAIL" };
	va_list ap;

	hw->fails += level == LEVEL_FAIL;
	hw->warnings += level == LEVEL_WARN;
	printf("%-4s  %-22s  ", names[level], check);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* ---- reading text ------------------------------------------------------- */

struct strbuf {
	char *s;
	size_t len, cap;
};

static int sb_append(struct strbuf *sb, const char *data, size_t n)
{
	char *grown;

	if (sb->len + n + 1 > sb->cap) {
		sb->cap = (sb->len + n + 1) * 2;
		grown = realloc(sb->s, sb->cap);
		if (!grown)
			return -ENOMEM;
		sb->s = grown;
	}
	memcpy(sb->s + sb->len, data, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
	return 0;
}

/* A whole /proc or sysfs file (whose size stat() does not know); or NULL. */
static char *slurp(const char *path)
{
	struct strbuf sb = { NULL, 0, 0 };
	char chunk[4096];
	ssize_t n;
	int err = 0, fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		err = n < 0 ? errno : sb_append(&sb, chunk, (size_t)n) ? ENOMEM : 0;
		if (err)
			break;
	}
	close(fd);
	if (err) {
		free(sb.s);
		errno = err;
		return NULL;
	}
	return sb.s ? sb.s : strdup("");
}

/* Append one /dev/kmsg record "PRI,SEQ,TS,FLAGS;TEXT\n[ KEY=VAL\n]...". */
static int append_record(struct strbuf *sb, const char *rec)
{
	const char *text = strchr(rec, ';');

	if (!text)
		return 0;
	text++;
	return sb_append(sb, text, strcspn(text, "\n")) ||
	       sb_append(sb, "\n", 1);
}

static char *read_kmsg(void)
{
	struct strbuf sb = { NULL, 0, 0 };
	char rec[8192];
	ssize_t n;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && (errno == EPIPE || errno == EINTR))
			continue;	/* EPIPE: a record was overwritten */
		if (n <= 0)
			break;		/* EAGAIN: we have read them all */
		rec[n] = '\0';
		if (append_record(&sb, rec))
			break;
	}
	close(fd);
	return sb.s ? sb.s : strdup("");
}

static char *read_klogctl(void)
{
	int size = klogctl(SYSLOG_SIZE, NULL, 0), n;
	char *buf;

	if (size <= 0)
		return NULL;
	buf = malloc((size_t)size + 1);
	if (!buf)
		return NULL;
	n = klogctl(SYSLOG_READ_ALL, buf, size);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static bool in_log(const struct hw *hw, const char *text)
{
	return hw->log && strstr(hw->log, text);
}

/* ---- the checks --------------------------------------------------------- */

static void check_arch(struct hw *hw)
{
	struct utsname u;

	if (uname(&u))
		report(hw, LEVEL_WARN, "CPU architecture", "uname: %s",
		       strerror(errno));
	else if (strcmp(u.machine, "aarch64"))
		report(hw, LEVEL_FAIL, "CPU architecture",
		       "%s: Warden runs on arm64 (aarch64) only", u.machine);
	else
		report(hw, LEVEL_OK, "CPU architecture", "aarch64");
}

static bool log_readable(struct hw *hw, const char *check)
{
	if (hw->log)
		return true;
	report(hw, LEVEL_WARN, check,
	       "cannot read the kernel log (run as root)");
	return false;
}

static void check_boot_el(struct hw *hw)
{
	const char *check = "Linux boot level";

	if (!log_readable(hw, check))
		return;
	if (in_log(hw, "CPUs started in inconsistent modes"))
		report(hw, LEVEL_FAIL, check, "CPUs started in inconsistent "
		       "modes: the firmware must start every CPU at EL2");
	else if (in_log(hw, "started at EL1"))
		report(hw, LEVEL_FAIL, check, "Linux started at EL1: the "
		       "firmware must start Linux at EL2");
	else if (in_log(hw, "All CPU(s) started at EL2"))
		report(hw, LEVEL_OK, check, "all CPUs started at EL2");
	else
		report(hw, LEVEL_WARN, check, "no boot mode message in the "
		       "kernel log (wrapped?); look for 'started at EL' in "
		       "dmesg right after boot");
}

/*
 * The kernel log is the authority (the last kvm-arm.mode= on the command
 * line wins). Protected and VHE KVM keep EL2 for good; plain nVHE KVM hands
 * it back to the stub while no VM runs, so Warden can still take it, but
 * the two cannot be used together.
 */
static void check_kvm(struct hw *hw)
{
	const char *check = "KVM";

	if (in_log(hw, "KVM disabled from command line"))
		report(hw, LEVEL_OK, check, "disabled from the command line");
	else if (in_log(hw, "Protected nVHE mode initialized successfully") ||
		 in_log(hw, "VHE mode initialized successfully"))
		report(hw, LEVEL_FAIL, check, "KVM holds EL2: boot with "
		       "kvm-arm.mode=none");
	else if (in_log(hw, "Hyp mode initialized successfully"))
		report(hw, LEVEL_WARN, check, "KVM (nVHE) gives EL2 back while "
		       "no VM runs, but cannot run VMs beside Warden: boot "
		       "with kvm-arm.mode=none");
	else if (hw->cmdline && strstr(hw->cmdline, "kvm-arm.mode=none"))
		report(hw, LEVEL_OK, check, "disabled (kvm-arm.mode=none)");
	else if (log_readable(hw, check))
		report(hw, LEVEL_OK, check, "not initialised, EL2 is free");
}

static void check_vhe(struct hw *hw)
{
	const char *check = "VHE";

	if (!log_readable(hw, check))
		return;
	if (in_log(hw, "VHE mode initialized successfully") ||
	    in_log(hw, "detected: Virtualization Host Extensions"))
		report(hw, LEVEL_FAIL, check, "Linux itself runs at EL2 (VHE): "
		       "use a CPU without VHE or boot with id_aa64mmfr1.vh=0");
	else
		report(hw, LEVEL_OK, check, "not in use, Linux runs at EL1");
}

static void check_driver(struct hw *hw)
{
	struct stat st;
	bool dev = !stat(WARDEN_DEVICE, &st), sys = !stat(WARDEN_SYSFS, &st);

	if (dev && sys)
		report(hw, LEVEL_OK, "driver", "warden.ko loaded (%s, %s)",
		       WARDEN_DEVICE, WARDEN_SYSFS);
	else if (!dev && !sys)
		report(hw, LEVEL_FAIL, "driver", "warden.ko is not loaded: "
		       "try: modprobe warden");
	else
		report(hw, LEVEL_FAIL, "driver", "%s is missing: reload "
		       "warden.ko (rmmod warden; modprobe warden)",
		       dev ? WARDEN_SYSFS : WARDEN_DEVICE);
}

static void report_el2_status(struct hw *hw, const char *status)
{
	const char *check = "EL2 (driver's view)";

	if (!strcmp(status, "stub"))
		report(hw, LEVEL_OK, check, "Linux hyp stub: ready for "
		       "`warden enable`");
	else if (!strcmp(status, "enabled"))
		report(hw, LEVEL_OK, check, "the hypervisor is running");
	else if (!strcmp(status, "kvm"))
		report(hw, LEVEL_FAIL, check, "KVM holds EL2: boot with "
		       "kvm-arm.mode=none");
	else if (!strcmp(status, "el1"))
		report(hw, LEVEL_FAIL, check, "Linux started at EL1: the "
		       "firmware must start Linux at EL2");
	else
		report(hw, LEVEL_WARN, check, "'%s': the driver cannot tell",
		       status);
}

static void check_el2_status(struct hw *hw)
{
	char status[64];
	int err = read_text(WARDEN_SYSFS "/el2_status", status,
			    sizeof(status));

	if (err == -ENOENT && access(WARDEN_SYSFS, F_OK))
		return;		/* no driver: check_driver() said so */
	if (err)
		report(hw, LEVEL_WARN, "EL2 (driver's view)",
		       "cannot read %s/el2_status: %s", WARDEN_SYSFS,
		       strerror(-err));
	else
		report_el2_status(hw, status);
}

/* Does a NUL-separated DT string list hold one of the wanted strings? */
static bool dt_has(const char *list, size_t len, const char *const *wanted)
{
	const char *s;

	for (s = list; s < list + len; s += strlen(s) + 1)
		for (const char *const *w = wanted; *w; w++)
			if (!strcmp(s, *w))
				return true;
	return false;
}

static unsigned int gic_from_compatible(const char *node)
{
	static const char *const v3[] = { "arm,gic-v3", NULL };
	static const char *const v2[] = { "arm,gic-400", "arm,cortex-a15-gic",
					  "arm,cortex-a9-gic",
					  "arm,cortex-a7-gic", NULL };
	char path[512], list[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), DT_BASE "/%.200s/compatible", node);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, list, sizeof(list) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	list[n] = '\0';
	if (dt_has(list, (size_t)n, v3))
		return 3;
	return dt_has(list, (size_t)n, v2) ? 2 : 0;
}

static unsigned int gic_from_dt(void)
{
	DIR *dir = opendir(DT_BASE);
	struct dirent *d;
	unsigned int version = 0;

	while (dir && !version && (d = readdir(dir)))
		if (!strncmp(d->d_name, "intc", 4) ||
		    !strncmp(d->d_name, "interrupt-controller", 20))
			version = gic_from_compatible(d->d_name);
	if (dir)
		closedir(dir);
	return version;
}

/* 2 or 3, 0 when the machine does not say. */
static unsigned int gic_version(void)
{
	char *irqs = slurp("/proc/interrupts");
	unsigned int version = 0;

	if (irqs && strstr(irqs, "GICv3"))
		version = 3;
	else if (irqs && strstr(irqs, "GICv2"))
		version = 2;
	free(irqs);
	return version ? version : gic_from_dt();
}

static void check_gic(struct hw *hw, const struct warden_system *sys)
{
	unsigned int version = gic_version();

	if (!version)
		report(hw, LEVEL_WARN, "GIC", "cannot tell the GIC version "
		       "from /proc/interrupts or the device tree");
	else if (sys && sys->platform.gic_version != version)
		report(hw, LEVEL_FAIL, "GIC", "the machine has GICv%u, the "
		       "system config says %u: fix platform.gic_version",
		       version, sys->platform.gic_version);
	else
		report(hw, LEVEL_OK, "GIC", "GICv%u", version);
}

static void psci_version(const struct hw *hw, char *buf, size_t len)
{
	const char *v = hw->log ? strstr(hw->log, "psci: PSCIv") : NULL;

	buf[0] = '\0';
	if (v)
		snprintf(buf, len, "%.*s", (int)strcspn(v + 6, " \n"),
			 v + 6);
}

static void check_psci(struct hw *hw)
{
	char method[16] = "", version[16];

	psci_version(hw, version, sizeof(version));
	if (read_text(DT_BASE "/psci/method", method, sizeof(method)) &&
	    !version[0])
		report(hw, LEVEL_WARN, "PSCI", "no psci node in the device "
		       "tree and no PSCI version in the kernel log");
	else if (!strcmp(method, "hvc"))
		report(hw, LEVEL_FAIL, "PSCI", "%s called with HVC, so firmware "
		       "claims EL2: use firmware whose PSCI is called with SMC",
		       version[0] ? version : "PSCI");
	else if (!version[0] || !strncmp(version, "PSCIv0.1", 8))
		report(hw, LEVEL_WARN, "PSCI", "%s via %s: Warden needs PSCI "
		       "0.2 or later to take CPUs from Linux",
		       version[0] ? version : "unknown version",
		       method[0] ? method : "?");
	else
		report(hw, LEVEL_OK, "PSCI", "%s via %s", version,
		       method[0] ? method : "a conduit the device tree does "
		       "not name (ACPI?)");
}

/* ---- checks against a system config ----------------------------------- */

/*
 * The next top-level "System RAM" range of /proc/iomem at or after *cursor,
 * moving *cursor past it; false at the end.
 */
static bool next_ram(const char **cursor, __u64 *start, __u64 *end)
{
	const char *line, *name;
	unsigned int depth;

	while (**cursor) {
		line = *cursor;
		*cursor += strcspn(line, "\n");
		*cursor += **cursor == '\n';
		if (!iomem_parse_line(line, start, end, &depth, &name) &&
		    !depth && !strncmp(name, "System RAM", 10))
			return true;
	}
	return false;
}

/* Without CAP_SYS_ADMIN, /proc/iomem shows every range as 0-0. */
static bool iomem_visible(const char *iomem)
{
	__u64 start, end;

	while (next_ram(&iomem, &start, &end))
		if (end)
			return true;
	return false;
}

static bool ram_overlap(const char *iomem, const struct warden_memory *m,
			__u64 *start, __u64 *end)
{
	while (next_ram(&iomem, start, end))
		if (ranges_overlap(*start, *end - *start + 1, m->phys_start,
				   m->size))
			return true;
	return false;
}

static void check_memory(struct hw *hw, const struct warden_system *sys)
{
	const struct warden_memory *m = &sys->hypervisor_memory;
	char *iomem = slurp("/proc/iomem");
	__u64 start, end;
	const char *check = "hypervisor memory";

	if (!iomem)
		report(hw, LEVEL_WARN, check, "cannot read /proc/iomem: %s",
		       strerror(errno));
	else if (!iomem_visible(iomem))
		report(hw, LEVEL_WARN, check, "/proc/iomem shows no System RAM "
		       "addresses: run as root");
	else if (ram_overlap(iomem, m, &start, &end))
		report(hw, LEVEL_FAIL, check, "0x%llx+0x%llx overlaps System "
		       "RAM 0x%llx-0x%llx: boot with mem=... or reserve the "
		       "range in the device tree",
		       (unsigned long long)m->phys_start,
		       (unsigned long long)m->size, (unsigned long long)start,
		       (unsigned long long)end);
	else
		report(hw, LEVEL_OK, check, "0x%llx+0x%llx is not System RAM",
		       (unsigned long long)m->phys_start,
		       (unsigned long long)m->size);
	free(iomem);
}

static void check_cpus(struct hw *hw, const struct warden_system *sys)
{
	char online[512];
	__u64 mask;
	unsigned int n;

	if (read_text("/sys/devices/system/cpu/online", online,
		      sizeof(online)) || cpulist_parse(online, &mask)) {
		report(hw, LEVEL_WARN, "CPUs", "cannot read the online CPUs "
		       "(or more than %d)", WARDEN_MAX_CPUS);
		return;
	}
	n = cpu_count(mask);
	if (n != sys->platform.num_cpus)
		report(hw, LEVEL_FAIL, "CPUs", "the system config describes %u "
		       "CPUs, %u are online (%s): fix platform.num_cpus and "
		       "cpu_mpidr, or bring the CPUs online",
		       sys->platform.num_cpus, n, online);
	else
		report(hw, LEVEL_OK, "CPUs", "%u online, as in the system "
		       "config", n);
}

/* ---- the command -------------------------------------------------------- */

static void run_checks(struct hw *hw, const struct warden_system *sys)
{
	check_arch(hw);
	check_boot_el(hw);
	check_kvm(hw);
	check_vhe(hw);
	check_driver(hw);
	check_el2_status(hw);
	check_gic(hw, sys);
	check_psci(hw);
	if (sys) {
		check_memory(hw, sys);
		check_cpus(hw, sys);
	}
}

static int summary(const struct hw *hw)
{
	if (hw->fails)
		printf("\n%d check%s failed: Warden will not work here until "
		       "fixed.\n", hw->fails, hw->fails == 1 ? "" : "s");
	else if (hw->warnings)
		printf("\nNo failures, %d warning%s.\n", hw->warnings,
		       hw->warnings == 1 ? "" : "s");
	else
		printf("\nAll checks passed.\n");
	return hw->fails ? 1 : 0;
}

static const struct option check_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int cmd_check(const struct command *self, int argc, char **argv)
{
	struct hw hw = { NULL, NULL, 0, 0 };
	void *sys = NULL;
	size_t size;
	int ret = parse_options(self, argc, argv, ":h", check_opts, NULL,
				NULL);

	if (ret == ARGS_OK)
		ret = check_operands(self, argc, 0, 1);
	if (ret != ARGS_OK)
		return ret;
	if (optind < argc)
		sys = load_config(argv[optind], &size, true);
	hw.log = read_kmsg();
	if (!hw.log)
		hw.log = read_klogctl();
	hw.cmdline = slurp("/proc/cmdline");
	run_checks(&hw, sys);
	if (optind < argc && !sys)
		report(&hw, LEVEL_FAIL, "system config", "%s is not valid (see "
		       "above): memory and CPU checks skipped", argv[optind]);
	ret = summary(&hw);
	free(hw.log);
	free(hw.cmdline);
	free(sys);
	return ret;
}

const struct command hardware_commands[] = {
	{ "check", cmd_check, "hardware", "[SYSCONFIG]",
	  "Check that this machine can run Warden, and with SYSCONFIG that "
	  "the config fits it",
	  "One line per check: OK, WARN or FAIL with what to change.\n"
	  "Exit status 0 when nothing failed.\n", NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};
