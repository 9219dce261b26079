// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioctl-fuzz: throw garbage at every /dev/warden ioctl and check that each
 * call ends with a clean errno (never success where success is impossible,
 * never a kernel-internal errno, never a hang), from one process and from
 * several at once.
 *
 *   ioctl-fuzz [-s SEED] [-n ROUNDS] [-j PROCS] CELLCONFIG IMAGE
 *
 * CELLCONFIG/IMAGE: a valid cell config and its inmate, used to have a
 * real cell to aim LOAD/START/SHUTDOWN at, for truncated and mutated
 * configs, and for the final check that the driver still works. Run it
 * with the hypervisor enabled and no other cell. Prints
 * "ioctl-fuzz: UNEXPECTED ..." for each bad result and a summary line;
 * exits 1 if anything was unexpected.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <warden/ioctl.h>

#define CALL_TIMEOUT_S	30
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static int fd = -1;
static uint64_t rng = 0x853c49e6748fea9bULL;
static unsigned long calls, unexpected, successes;
static unsigned char *cfg, *img;
static size_t cfg_size, img_size;
static void *unmapped;			/* a page that is mapped PROT_NONE */
static const char *who = "main";

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

/* Errnos a hardened driver may give for garbage. */
static int clean_errno(int e)
{
	switch (e) {
	case EPERM: case ENOENT: case EINTR: case EIO: case E2BIG:
	case ENOEXEC: case ENOMEM: case EFAULT: case EBUSY: case EEXIST:
	case ENODEV: case EINVAL: case ENOSPC: case ERANGE: case ENOTTY:
	case ENAMETOOLONG: case EOVERFLOW: case ETIMEDOUT: case EALREADY:
	case ESRCH: case ENXIO: case EAGAIN: case EMSGSIZE:
		return 1;
	}
	return 0;
}

static const char *cmd_name(unsigned long cmd)
{
	switch (cmd) {
	case WARDEN_ENABLE: return "ENABLE";
	case WARDEN_DISABLE: return "DISABLE";
	case WARDEN_CELL_CREATE: return "CELL_CREATE";
	case WARDEN_CELL_LOAD: return "CELL_LOAD";
	case WARDEN_CELL_START: return "CELL_START";
	case WARDEN_CELL_DESTROY: return "CELL_DESTROY";
	case WARDEN_CELL_SHUTDOWN: return "CELL_SHUTDOWN";
	}
	return "unknown";
}

static void on_alarm(int sig)
{
	(void)sig;
	/* async-signal-safe enough for a last word */
	static const char msg[] = "ioctl-fuzz: UNEXPECTED: an ioctl hung for "
				  "30 s\n";
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

/*
 * One call that must fail: any return >= 0 or an errno outside the clean
 * set is reported. allow_ok: success is legitimate (e.g. a mutated config
 * that happens to be valid); the result is returned.
 */
static long do_ioctl(unsigned long cmd, void *arg, const char *what,
		     int allow_ok)
{
	long ret;
	int e;

	alarm(CALL_TIMEOUT_S);
	ret = ioctl(fd, cmd, arg);
	e = errno;
	alarm(0);
	calls++;
	if (ret >= 0) {
		successes++;
		if (!allow_ok) {
			unexpected++;
			printf("ioctl-fuzz: UNEXPECTED [%s] %s (0x%lx) %s: "
			       "returned %ld, want an error\n", who,
			       cmd_name(cmd), cmd, what, ret);
		}
	} else if (!clean_errno(e)) {
		unexpected++;
		printf("ioctl-fuzz: UNEXPECTED [%s] %s (0x%lx) %s: errno %d "
		       "(%s)\n", who, cmd_name(cmd), cmd, what, e, strerror(e));
	}
	fflush(stdout);
	return ret < 0 ? -e : ret;
}

/* Wild pointers: none of them may be dereferenced successfully. */
static void *wild_ptr(void)
{
	static const uint64_t wild[] = {
		0, 1, 0x10, 0xfff, 0x1000, 0xdead0000, 0x7ffffffff000ULL,
		0xffff000000000000ULL, 0xffff800008000000ULL,
		0xfffffffffffff000ULL, 0xffffffffffffffffULL,
		0x0000800000000000ULL,
	};
	uint64_t i = rnd_below(ARRAY_LEN(wild) + 1);

	if (i == ARRAY_LEN(wild))
		return unmapped;
	return (void *)(uintptr_t)wild[i];
}
static void fill_random(void *p, size_t n)
{
	unsigned char *b = p;

	while (n--)
		*b++ = (unsigned char)rnd();
}

/* ---- the cases ----------------------------------------------------------- */

static const unsigned long known_cmds[] = {
	WARDEN_ENABLE, WARDEN_CELL_CREATE, WARDEN_CELL_LOAD,
	WARDEN_CELL_START, WARDEN_CELL_DESTROY, WARDEN_CELL_SHUTDOWN,
};

static void pointers(void)
{
	unsigned int i, j;
	char what[64];

	for (i = 0; i < ARRAY_LEN(known_cmds); i++)
		for (j = 0; j < 4; j++) {
			void *p = wild_ptr();

			snprintf(what, sizeof(what), "arg %p", p);
			do_ioctl(known_cmds[i], p, what, 0);
		}
}

static void unknown_cmds(void)
{
	unsigned long cmd;
	unsigned int i;
	char what[64];

	for (i = 0; i < 16; i++) {
		switch (rnd_below(4)) {
		case 0:		/* our magic, unknown number */
			cmd = _IOC(rnd_below(4), WARDEN_IOCTL_MAGIC,
				   7 + rnd_below(249), rnd_below(0x4000));
			break;
		case 1:		/* a known number with the wrong size/dir */
			cmd = known_cmds[rnd_below(ARRAY_LEN(known_cmds))] ^
			      ((1 + rnd_below(0x3fff)) << _IOC_SIZESHIFT);
			break;
		case 2:		/* other magic */
			cmd = (unsigned long)(uint32_t)rnd();
			break;
		default:
			cmd = _IO(WARDEN_IOCTL_MAGIC, 1) + 0x100 * (1 + rnd_below(8));
			break;
		}
		if (cmd == WARDEN_DISABLE)
			continue;
		if ((cmd == WARDEN_ENABLE ||
		    cmd == WARDEN_CELL_CREATE || cmd == WARDEN_CELL_LOAD ||
		    cmd == WARDEN_CELL_START || cmd == WARDEN_CELL_DESTROY ||
		    cmd == WARDEN_CELL_SHUTDOWN))
			continue;
		snprintf(what, sizeof(what), "unknown command");
		alarm(CALL_TIMEOUT_S);
		errno = 0;
		if (ioctl(fd, cmd, rnd_below(2) ? wild_ptr() : NULL) >= 0 ||
		    (errno != ENOTTY && errno != EINVAL)) {
			unexpected++;
			printf("ioctl-fuzz: UNEXPECTED [%s] unknown ioctl 0x%lx: "
			       "errno %d (%s), want ENOTTY\n", who, cmd, errno,
			       strerror(errno));
		}
		alarm(0);
		calls++;
	}
}

static void config_args(unsigned long cmd)
{
	struct warden_config_arg a;
	static unsigned char buf[65536 + 4096];
	char what[96];
	size_t n;

	/* Zero, tiny, huge sizes; NULL, wild and truncated addresses. */
	static const uint32_t sizes[] = { 0, 1, 7, 8, 63, 64, 4096, 65536,
					  0x100000, 0x7fffffff, 0xffffffff };
	for (n = 0; n < ARRAY_LEN(sizes); n++) {
		a = (struct warden_config_arg){
			.address = (uintptr_t)(rnd_below(2) ? cfg : wild_ptr()),
			.size = sizes[n], .reserved = (uint32_t)rnd_below(2),
		};
		snprintf(what, sizeof(what), "config at 0x%llx size %u",
			 (unsigned long long)a.address, a.size);
		do_ioctl(cmd, &a, what, 0);
	}
	/* Every truncation of a real config. */
	for (n = 0; n < cfg_size; n += 1 + rnd_below(8)) {
		a = (struct warden_config_arg){ .address = (uintptr_t)cfg,
						.size = (uint32_t)n };
		snprintf(what, sizeof(what), "config truncated to %zu", n);
		do_ioctl(cmd, &a, what, 0);
	}
	/* A config that ends at an unmapped page. */
	a = (struct warden_config_arg){
		.address = (uintptr_t)unmapped - cfg_size / 2,
		.size = (uint32_t)cfg_size };
	memcpy((char *)unmapped - cfg_size / 2, cfg, cfg_size / 2);
	do_ioctl(cmd, &a, "config straddling an unmapped page", 0);
	/* Random bytes, with and without a valid signature. */
	for (n = 0; n < 16; n++) {
		size_t len = 1 + rnd_below(sizeof(buf) - 1);

		fill_random(buf, len);
		if (n & 1)
			memcpy(buf, cmd == WARDEN_ENABLE ? "WDNSYS" : "WDNCEL", 6);
		a = (struct warden_config_arg){ .address = (uintptr_t)buf,
						.size = (uint32_t)len };
		snprintf(what, sizeof(what), "%zu random bytes", len);
		do_ioctl(cmd, &a, what, 0);
	}
}

/* Mutated real cell configs: a valid result is fine, then destroy it. */
static void mutated_configs(void)
{
	static unsigned char buf[4096];
	struct warden_config_arg a;
	struct warden_cell_id id;
	unsigned int i, k;
	long ret;
	char what[96];

	if (cfg_size > sizeof(buf))
		return;
	for (i = 0; i < 64; i++) {
		memcpy(buf, cfg, cfg_size);
		for (k = 0; k <= rnd_below(4); k++) {
			size_t off = rnd_below(cfg_size);

			buf[off] ^= (unsigned char)(1u << rnd_below(8));
			if (rnd_below(4) == 0)
				buf[off] = (unsigned char)rnd();
		}
		a = (struct warden_config_arg){ .address = (uintptr_t)buf,
						.size = (uint32_t)cfg_size };
		snprintf(what, sizeof(what), "mutated config #%u", i);
		ret = do_ioctl(WARDEN_CELL_CREATE, &a, what, 1);
		if (ret >= 0) {
			/* CELL_CREATE returns 0: destroy it by its name. */
			id = (struct warden_cell_id){ .id = -1 };
			memcpy(id.name, ((struct warden_cell_desc *)buf)->name,
			       sizeof(id.name) - 1);
			ret = do_ioctl(WARDEN_CELL_DESTROY, &id,
				       "destroy a cell from a mutated config", 1);
			if (ret < 0) {
				unexpected++;
				printf("ioctl-fuzz: UNEXPECTED: cannot destroy "
				       "cell \"%s\" created from mutated config "
				       "#%u: %s\n", id.name, i, strerror((int)-ret));
			}
		}
	}
}

static void cell_ids(unsigned long cmd)
{
	struct warden_cell_id id;
	unsigned int i;
	char what[96];

	static const int32_t ids[] = { 0, -1, -2, 1000, 0x7fffffff,
				       (int32_t)0x80000000, 64, 63 };
	for (i = 0; i < ARRAY_LEN(ids); i++) {
		memset(&id, 0, sizeof(id));
		id.id = ids[i];
		id.reserved = (uint32_t)rnd();
		switch (rnd_below(3)) {
		case 0:		/* no NUL anywhere */
			memset(id.name, 'A' + (int)rnd_below(26),
			       sizeof(id.name));
			break;
		case 1:
			fill_random(id.name, sizeof(id.name));
			break;
		default:
			strcpy(id.name, "qemu-virt");	/* the root cell */
			break;
		}
		snprintf(what, sizeof(what), "cell id %d", (int)id.id);
		do_ioctl(cmd, &id, what, 0);
	}
}

static void load_args(const char *cell)
{
	struct warden_cell_load l;
	struct warden_preload_image im[WARDEN_MAX_PRELOAD_IMAGES + 2];
	unsigned int i;
	char what[128];

	for (i = 0; i < 48; i++) {
		memset(&l, 0, sizeof(l));
		memset(im, 0, sizeof(im));
		l.cell.id = -1;
		strcpy(l.cell.name, rnd_below(8) ? cell : "qemu-virt");
		l.num_images = 1;
		l.images = (uintptr_t)im;
		im[0].source_address = (uintptr_t)img;
		im[0].size = img_size;
		im[0].target_address = 0;
		switch (i % 12) {
		case 0: l.num_images = 0; break;
		case 1: l.num_images = WARDEN_MAX_PRELOAD_IMAGES + 1; break;
		case 2: l.num_images = 0xffffffff; break;
		case 3: l.images = (uintptr_t)wild_ptr(); break;
		case 4: im[0].source_address = (uintptr_t)wild_ptr(); break;
		case 5: im[0].size = rnd_below(2) ? ~0ULL : 1ULL << 40; break;
		case 6: im[0].target_address = 0x100000 - rnd_below(0x100); break;
		case 7: im[0].target_address = ~0ULL - rnd_below(0x1000); break;
		case 8: im[0].target_address = 0x80000000; break; /* comm page */
		case 9: im[0].target_address = rnd(); break;
		case 10: im[0].size = 0; im[0].target_address = 0x200000; break;
		default:
			im[0].source_address = (uintptr_t)unmapped - 16;
			im[0].size = 64;
			break;
		}
		l.reserved = (uint32_t)rnd_below(2);
		snprintf(what, sizeof(what), "load case %u (%u images at 0x%llx, "
			 "target 0x%llx size 0x%llx)", i % 12, l.num_images,
			 (unsigned long long)l.images,
			 (unsigned long long)im[0].target_address,
			 (unsigned long long)im[0].size);
		/* No image (case 0) or an empty one (case 10) may be accepted
		 * as a no-op: allow it. */
		do_ioctl(WARDEN_CELL_LOAD, &l, what, i % 12 == 0 || i % 12 == 10);
	}
}

/* Random calls with random argument blocks, for the concurrent phase. */
static void random_calls(unsigned int n)
{
	unsigned char buf[256];
	unsigned int i;
	unsigned long cmd;

	for (i = 0; i < n; i++) {
		cmd = known_cmds[rnd_below(ARRAY_LEN(known_cmds))];
		fill_random(buf, sizeof(buf));
		if (cmd == WARDEN_CELL_START || cmd == WARDEN_CELL_DESTROY ||
		    cmd == WARDEN_CELL_SHUTDOWN) {
			/* never a real cell: ids >= 100, junk names */
			struct warden_cell_id *id = (void *)buf;

			id->id = 100 + (int32_t)rnd_below(1000);
		}
		if (cmd == WARDEN_CELL_LOAD) {
			struct warden_cell_load *l = (void *)buf;

			l->cell.id = 100 + (int32_t)rnd_below(1000);
		}
		do_ioctl(cmd, rnd_below(4) ? (void *)buf : wild_ptr(),
			 "random block", 0);
	}
}

/*
 * A second cell with the same CPUs and memory as the real one under another
 * name: the hypervisor must refuse it (EBUSY) and the real cell keep its
 * CPU (the driver must not try to bring it back to Linux).
 */
static void conflicting_cell(void)
{
	static unsigned char buf[4096];
	struct warden_config_arg a = { .address = (uintptr_t)buf,
				       .size = (uint32_t)cfg_size };
	struct warden_cell_desc *d = (struct warden_cell_desc *)buf;
	long ret;

	if (cfg_size > sizeof(buf))
		return;
	memcpy(buf, cfg, cfg_size);
	d->name[0] ^= 0x20;	/* "hello" -> "Hello" */
	ret = do_ioctl(WARDEN_CELL_CREATE, &a, "a cell taking another's CPUs "
		       "and memory", 0);
	if (ret != -EBUSY && ret < 0)
		printf("ioctl-fuzz: note: conflicting cell refused with %s, "
		       "not EBUSY\n", strerror((int)-ret));
}

/* ---- valid calls ----------------------------------------------------------- */

static char cellname[WARDEN_CELL_NAME_LEN];

/* 0 or -errno; the cell is then addressed by its name (id -1). */
static int create_cell(void)
{
	struct warden_config_arg a = { .address = (uintptr_t)cfg,
				       .size = (uint32_t)cfg_size };

	return ioctl(fd, WARDEN_CELL_CREATE, &a) < 0 ? -errno : 0;
}

static int cell_op(unsigned long cmd)
{
	struct warden_cell_id c = { .id = -1 };

	memcpy(c.name, cellname, sizeof(c.name));
	return ioctl(fd, cmd, &c) < 0 ? -errno : 0;
}

static int load_cell(void)
{
	struct warden_preload_image im = {
		.source_address = (uintptr_t)img, .size = img_size,
	};
	struct warden_cell_load l = { .cell = { .id = -1 }, .num_images = 1,
				      .images = (uintptr_t)&im };

	memcpy(l.cell.name, cellname, sizeof(l.cell.name));
	return ioctl(fd, WARDEN_CELL_LOAD, &l) < 0 ? -errno : 0;
}

static unsigned char *read_file(const char *path, size_t *size)
{
	struct stat st;
	unsigned char *p;
	int f = open(path, O_RDONLY);

	if (f < 0 || fstat(f, &st) < 0) {
		perror(path);
		exit(2);
	}
	p = malloc((size_t)st.st_size + 1);
	if (!p || read(f, p, (size_t)st.st_size) != st.st_size) {
		perror(path);
		exit(2);
	}
	close(f);
	*size = (size_t)st.st_size;
	return p;
}

int main(int argc, char **argv)
{
	unsigned long seed = 1, rounds = 3, procs = 4, r, p;
	int opt, id, status, failed_children = 0;
	unsigned long valid_ok = 0, valid_err = 0;
	unsigned char *pages;
	pid_t pid;

	while ((opt = getopt(argc, argv, "s:n:j:")) != -1) {
		switch (opt) {
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'n': rounds = strtoul(optarg, NULL, 0); break;
		case 'j': procs = strtoul(optarg, NULL, 0); break;
		default: goto usage;
		}
	}
	if (argc - optind != 2) {
usage:
		fprintf(stderr, "usage: ioctl-fuzz [-s SEED] [-n ROUNDS] "
				"[-j PROCS] CELLCONFIG IMAGE\n");
		return 2;
	}
	rng ^= seed * 0x9e3779b97f4a7c15ULL;
	cfg = read_file(argv[optind], &cfg_size);
	img = read_file(argv[optind + 1], &img_size);
	if (cfg_size < sizeof(struct warden_cell_desc)) {
		fprintf(stderr, "ioctl-fuzz: %s is too short\n", argv[optind]);
		return 2;
	}
	memcpy(cellname, ((struct warden_cell_desc *)cfg)->name,
	       sizeof(cellname));
	cellname[sizeof(cellname) - 1] = 0;
	signal(SIGALRM, on_alarm);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* Two pages: the second one inaccessible. */
	pages = mmap(NULL, 0x20000, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED || mprotect(pages + 0x10000, 0x10000, PROT_NONE)) {
		perror("mmap");
		return 2;
	}
	unmapped = pages + 0x10000;

	fd = open(WARDEN_DEVICE, O_RDWR);
	if (fd < 0) {
		perror(WARDEN_DEVICE);
		return 2;
	}
	printf("ioctl-fuzz: seed %lu, %lu rounds, %lu processes, cell \"%s\"\n",
	       seed, rounds, procs, cellname);

	for (r = 0; r < rounds; r++) {
		pointers();
		unknown_cmds();
		config_args(WARDEN_ENABLE);
		config_args(WARDEN_CELL_CREATE);
		mutated_configs();
		cell_ids(WARDEN_CELL_START);
		cell_ids(WARDEN_CELL_SHUTDOWN);
		cell_ids(WARDEN_CELL_DESTROY);
		/* A real cell to aim LOAD at; then it goes again. */
		id = create_cell();
		if (id < 0) {
			unexpected++;
			printf("ioctl-fuzz: UNEXPECTED: creating cell \"%s\" "
			       "failed: %s\n", cellname, strerror(-id));
			continue;
		}
		conflicting_cell();
		load_args(cellname);
		cell_ids(WARDEN_CELL_START);
		if ((id = cell_op(WARDEN_CELL_DESTROY))) {
			unexpected++;
			printf("ioctl-fuzz: UNEXPECTED: destroying cell \"%s\" "
			       "failed: %s\n", cellname, strerror(-id));
		}
	}
	printf("ioctl-fuzz: single process: %lu calls, %lu unexpected\n",
	       calls, unexpected);

	/* Several processes at once: garbage, plus one doing real work. */
	for (p = 0; p < procs; p++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			char name[16];

			snprintf(name, sizeof(name), "child %lu", p);
			who = name;
			rng ^= (p + 1) * 0xbf58476d1ce4e5b9ULL;
			calls = unexpected = 0;
			if (p == 0) {
				for (r = 0; r < 20 * rounds; r++) {
					id = create_cell();
					if (id >= 0 && !load_cell() &&
					    !cell_op(WARDEN_CELL_START) &&
					    !cell_op(WARDEN_CELL_DESTROY))
						valid_ok++;
					else
						valid_err++;
					if (id >= 0)
						cell_op(WARDEN_CELL_DESTROY);
				}
				printf("ioctl-fuzz: [%s] %lu valid create/load/"
				       "start/destroy cycles, %lu failed\n",
				       who, valid_ok, valid_err);
				_exit(valid_err ? 1 : 0);
			}
			random_calls(300 * (unsigned int)rounds);
			printf("ioctl-fuzz: [%s] %lu calls, %lu unexpected\n",
			       who, calls, unexpected);
			_exit(unexpected ? 1 : 0);
		}
	}
	while ((pid = wait(&status)) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			failed_children++;
			printf("ioctl-fuzz: UNEXPECTED: child %d ended with "
			       "status 0x%x\n", (int)pid, status);
		}

	/* The driver still works. */
	id = create_cell();
	if (id < 0 || load_cell() || cell_op(WARDEN_CELL_START) ||
	    cell_op(WARDEN_CELL_DESTROY)) {
		unexpected++;
		printf("ioctl-fuzz: UNEXPECTED: a valid create/load/start/"
		       "destroy failed afterwards (id %d, errno %d %s)\n", id,
		       errno, strerror(errno));
	}
	printf("ioctl-fuzz: done: %lu calls in the main process, %lu "
	       "unexpected, %d failed children\n", calls, unexpected,
	       failed_children);
	return unexpected || failed_children ? 1 : 0;
}
