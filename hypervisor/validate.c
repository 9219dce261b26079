/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Configuration validator: see <warden/validate.h>.
 *
 * Freestanding and allocation-free, because the same file is linked into the
 * hypervisor, the CLI and the unit tests. Structures are read only through
 * the packed types of <warden/config.h>, so a buffer of any alignment is
 * safe, and never beyond the size the caller gave: the header is checked
 * against that size before it is read, and the arrays only after the counts
 * have been bounded and the total size matched exactly.
 */
#include <warden/validate.h>

#define SZ_4K		0x1000ULL
#define SZ_64K		0x10000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL
/* ARMv8.0 physical and intermediate-physical addresses have at most 48 bits. */
#define ADDR_LIMIT	(1ULL << 48)

/* GIC INTID classes (Arm GIC architecture spec, "INTIDs"). */
#define INTID_PPI_FIRST	16
#define INTID_SPI_FIRST	32
#define INTID_SPI_LAST	1019
/* The highest pin_base whose first pin can still be an SPI. */
#define PIN_BASE_MAX	(INTID_SPI_LAST / 32 * 32)
#define GICD_SIZE	SZ_64K
#define GICC_SIZE	0x2000ULL	/* GICv2 CPU interface: two pages */
#define GICH_SIZE	SZ_4K
/*
 * GICv3 implementations put their other frames (ITS, GIC-600's GICA/GICT/
 * GICP, QEMU virt's ITS at 0x08080000) between the distributor and the
 * redistributors. The ITS writes its tables and command queue to memory with
 * no SMMU in front of it, so whoever programs it can write anywhere: nobody
 * may map anything there. A larger gap is not one GIC's register block.
 */
#define GIC_GAP_MAX	0x1000000ULL

/* The system config defines no flags yet, nor does the debug console. */
#define SYSTEM_FLAGS_ALL	0
#define CONSOLE_FLAGS_ALL	0

/* What a comm region may say about itself besides being one. */
#define COMM_FLAGS_ALL	(WARDEN_MEM_READ | WARDEN_MEM_WRITE | \
			 WARDEN_MEM_COMM_REGION)

/*
 * The driver waits this long with its lock held for a cell to answer a
 * shutdown request: a minute is far beyond any sensible answer time.
 */
#define SHUTDOWN_TIMEOUT_MAX_MS	60000

#define NO_INDEX	(-1)

/* State of one validate call. */
struct vstate {
	struct warden_diag *diag;
	int findings;
	int cell;		/* reported as diag->cell */
	char prefix[24];	/* "", "root_cell." or "cell[3]." */
};

/* A bounded string builder: never overflows, always NUL-terminated. */
struct str {
	char *buf;
	unsigned int cap;
	unsigned int len;
};

static void str_init(struct str *s, char *buf, unsigned int cap)
{
	s->buf = buf;
	s->cap = cap;
	s->len = 0;
	buf[0] = '\0';
}

static void str_add(struct str *s, const char *t)
{
	while (*t && s->len + 1 < s->cap)
		s->buf[s->len++] = *t++;
	s->buf[s->len] = '\0';
}

static void str_dec(struct str *s, __u64 n)
{
	char digits[20];
	unsigned int i = 0;

	do {
		digits[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (i && s->len + 1 < s->cap)
		s->buf[s->len++] = digits[--i];
	s->buf[s->len] = '\0';
}

/* Appends "name[idx]member", leaving out "[idx]" for NO_INDEX. */
static void str_path(struct str *s, const char *name, int idx,
		     const char *member)
{
	str_add(s, name);
	if (idx != NO_INDEX) {
		str_add(s, "[");
		str_dec(s, (__u64)idx);
		str_add(s, "]");
	}
	str_add(s, member);
}

static unsigned int bounded_strlen(const char *s, unsigned int max)
{
	unsigned int n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int bytes_equal(const char *a, const char *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void copy_str(char *dst, const char *src, unsigned int cap)
{
	struct str s;

	str_init(&s, dst, cap);
	str_add(&s, src);
}

static void vstate_init(struct vstate *v, struct warden_diag *diag)
{
	v->diag = diag;
	v->findings = 0;
	v->cell = NO_INDEX;
	v->prefix[0] = '\0';
}

static void set_prefix(struct vstate *v, const char *name, int idx)
{
	struct str s;

	str_init(&s, v->prefix, sizeof(v->prefix));
	str_path(&s, name, idx, ".");
	if (!*name)
		v->prefix[0] = '\0';
}

static void emit(struct vstate *v, const char *field, const char *msg,
		 __u64 v1, __u64 v2)
{
	struct warden_diag *d = v->diag;

	v->findings++;
	if (!d)
		return;
	if (d->count == 0) {
		copy_str(d->first_field, field, sizeof(d->first_field));
		copy_str(d->first_msg, msg, sizeof(d->first_msg));
		d->first_v1 = v1;
		d->first_v2 = v2;
	}
	d->count++;
	d->cell = v->cell;
	if (d->report)
		d->report(d->ctx, field, msg, v1, v2);
}

/* One finding on field <prefix><name>[<idx>]<member>. */
static void report(struct vstate *v, const char *name, int idx,
		   const char *member, const char *msg, __u64 v1, __u64 v2)
{
	char field[WARDEN_DIAG_FIELD_LEN];
	struct str s;

	str_init(&s, field, sizeof(field));
	str_add(&s, v->prefix);
	str_path(&s, name, idx, member);
	emit(v, field, msg, v1, v2);
}

/* A finding whose message names another field: "<what><ref>[<idx>]". */
static void report_ref(struct vstate *v, const char *name, int idx,
		       const char *what, const char *ref_prefix,
		       const char *ref, int ref_idx, __u64 v1, __u64 v2)
{
	char msg[WARDEN_DIAG_MSG_LEN];
	struct str s;

	str_init(&s, msg, sizeof(msg));
	str_add(&s, what);
	str_add(&s, ref_prefix);
	str_path(&s, ref, ref_idx, "");
	report(v, name, idx, "", msg, v1, v2);
}

/* --- address ranges --------------------------------------------------- */

/* Non-empty and inside the 48-bit address space: start + size cannot wrap. */
static int range_ok(__u64 start, __u64 size)
{
	return size && size <= ADDR_LIMIT && start <= ADDR_LIMIT - size;
}

/* Both ranges must satisfy range_ok. */
static int overlaps(__u64 a, __u64 asize, __u64 b, __u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

static int is_aligned(__u64 x, __u64 align)
{
	return (x & (align - 1)) == 0;
}

static __u64 cpu_mask(__u32 num_cpus)
{
	if (num_cpus >= 64)
		return ~0ULL;
	return (1ULL << num_cpus) - 1;
}

/* CPUs of the platform, clamped so that a bad num_cpus cannot mislead. */
static __u32 platform_cpus(const struct warden_system *sys)
{
	__u32 n = sys->platform.num_cpus;

	return n > WARDEN_MAX_CPUS ? WARDEN_MAX_CPUS : n;
}

static int is_comm(const struct warden_memory *m)
{
	return (m->flags & WARDEN_MEM_COMM_REGION) != 0;
}

/* Regions that the physical checks look at: a comm page has no phys_start. */
static int phys_ok(const struct warden_memory *m)
{
	return !is_comm(m) && range_ok(m->phys_start, m->size);
}

/* --- headers and sizes ------------------------------------------------ */

/*
 * Signature and revision first: if they are wrong nothing else in the file
 * means what this code thinks, so the caller stops (returns 0).
 */
static int check_header(struct vstate *v, const char *sig, const char *want,
			__u16 revision, __u16 arch, __u16 reserved)
{
	if (!bytes_equal(sig, want, WARDEN_SIGNATURE_LEN)) {
		report(v, "signature", NO_INDEX, "", "wrong signature", 0, 0);
		return 0;
	}
	if (revision != WARDEN_CONFIG_REVISION) {
		report(v, "revision", NO_INDEX, "",
		       "unsupported config revision (found, supported)",
		       revision, WARDEN_CONFIG_REVISION);
		return 0;
	}
	if (arch != WARDEN_ARCH_ARM64)
		report(v, "architecture", NO_INDEX, "",
		       "not an arm64 config (found, expected)", arch,
		       WARDEN_ARCH_ARM64);
	if (reserved)
		report(v, "reserved", NO_INDEX, "", "reserved, must be 0",
		       reserved, 0);
	return 1;
}

/* Bounded counts keep the size computation far from any overflow. */
static int counts_ok(struct vstate *v, const struct warden_cell_desc *c)
{
	int ok = 1;

	if (c->num_memory_regions > WARDEN_MAX_MEMORY_REGIONS) {
		report(v, "num_memory_regions", NO_INDEX, "",
		       "too many memory regions (count, maximum)",
		       c->num_memory_regions, WARDEN_MAX_MEMORY_REGIONS);
		ok = 0;
	}
	if (c->num_irqchips > WARDEN_MAX_IRQCHIPS) {
		report(v, "num_irqchips", NO_INDEX, "",
		       "too many irqchips (count, maximum)", c->num_irqchips,
		       WARDEN_MAX_IRQCHIPS);
		ok = 0;
	}
	return ok;
}

static int size_ok(struct vstate *v, __u64 size, __u64 expected)
{
	if (size == expected)
		return 1;
	report(v, "size", NO_INDEX, "",
	       "file size does not match its counts (size, expected)", size,
	       expected);
	return 0;
}

/* --- memory regions --------------------------------------------------- */

static void check_addr(struct vstate *v, int i, const char *member,
		       __u64 start, __u64 size)
{
	if (!is_aligned(start, SZ_4K))
		report(v, "memory", i, member, "not page aligned", start,
		       SZ_4K);
	if (size && !range_ok(start, size))
		report(v, "memory", i, member,
		       "range wraps or leaves the 48-bit address space "
		       "(start, size)", start, size);
}

/*
 * The hypervisor provides the comm page: phys_start means nothing, so it must
 * be 0 (a value there would look like memory the cell takes), and of the
 * flags only access rights apply. In particular no LOADABLE: the root must
 * never write into it (it is hypervisor memory).
 */
static void check_comm_fields(struct vstate *v, const struct warden_memory *m,
			      int i)
{
	__u64 bad = m->flags & ~(__u64)COMM_FLAGS_ALL;

	if (m->size != SZ_4K)
		report(v, "memory", i, ".size",
		       "a comm region is exactly one page", m->size, SZ_4K);
	if (m->phys_start)
		report(v, "memory", i, ".phys_start",
		       "a comm region has no phys_start, must be 0",
		       m->phys_start, 0);
	if (bad & WARDEN_MEM_FLAGS_ALL)
		report(v, "memory", i, ".flags",
		       "flags meaningless on a comm region, only READ and "
		       "WRITE apply (bits, allowed)",
		       bad & WARDEN_MEM_FLAGS_ALL, COMM_FLAGS_ALL);
}

static void check_region(struct vstate *v, const struct warden_memory *m,
			 int i)
{
	__u64 flags = m->flags;

	if (flags & ~(__u64)WARDEN_MEM_FLAGS_ALL)
		report(v, "memory", i, ".flags", "unknown flags (bits, known)",
		       flags & ~(__u64)WARDEN_MEM_FLAGS_ALL,
		       WARDEN_MEM_FLAGS_ALL);
	if (!m->size)
		report(v, "memory", i, ".size", "size is 0", 0, 0);
	else if (!is_aligned(m->size, SZ_4K))
		report(v, "memory", i, ".size", "not page aligned", m->size,
		       SZ_4K);
	check_addr(v, i, ".virt_start", m->virt_start, m->size);
	if (!(flags & WARDEN_MEM_COMM_REGION))
		check_addr(v, i, ".phys_start", m->phys_start, m->size);
	else
		check_comm_fields(v, m, i);
	if ((flags & WARDEN_MEM_BUSMASTER) && !(flags & WARDEN_MEM_IO))
		report(v, "memory", i, ".flags",
		       "BUSMASTER marks device registers, needs IO (flags)",
		       flags, 0);
	/* The root writes images into loadable memory: RAM, never a device. */
	if ((flags & WARDEN_MEM_LOADABLE) && (flags & WARDEN_MEM_IO))
		report(v, "memory", i, ".flags",
		       "device memory cannot be loadable (flags, bad bits)",
		       flags, WARDEN_MEM_LOADABLE | WARDEN_MEM_IO);
}

/* Region i against the earlier ones: guest-physical, then physical. */
static void check_overlap_one(struct vstate *v,
			      const struct warden_memory *mem, int i)
{
	const struct warden_memory *a = &mem[i], *b;
	int j;

	for (j = 0; j < i; j++) {
		b = &mem[j];
		if (range_ok(a->virt_start, a->size) &&
		    range_ok(b->virt_start, b->size) &&
		    overlaps(a->virt_start, a->size, b->virt_start, b->size))
			report_ref(v, "memory", i,
				   "guest-physical range overlaps ",
				   v->prefix, "memory", j, a->virt_start,
				   a->size);
		if (phys_ok(a) && phys_ok(b) && warden_mem_conflict(a, b))
			report_ref(v, "memory", i, "physical range overlaps ",
				   v->prefix, "memory", j, a->phys_start,
				   a->size);
	}
}

static void check_comm_regions(struct vstate *v,
			       const struct warden_memory *mem, int n,
			       int is_root)
{
	int i, first = NO_INDEX;

	for (i = 0; i < n; i++) {
		if (!is_comm(&mem[i]))
			continue;
		if (is_root)
			report(v, "memory", i, ".flags",
			       "the root cell has no comm region", 0, 0);
		else if (first != NO_INDEX)
			report_ref(v, "memory", i,
				   "a second comm region; the first is ",
				   v->prefix, "memory", first, 0, 0);
		else
			first = i;
	}
}

/* The hypervisor emulates the GIC distributor (and GICv2 CPU interface). */
static void check_gic_unmapped(struct vstate *v,
			       const struct warden_memory *m, int i,
			       const struct warden_platform *p, __u32 ncpus)
{
	__u64 gicr_size = p->gicr_stride * ncpus;

	if (!phys_ok(m))
		return;
	if (range_ok(p->gicd_base, GICD_SIZE) &&
	    overlaps(m->phys_start, m->size, p->gicd_base, GICD_SIZE))
		report(v, "memory", i, "", "maps the GIC distributor",
		       m->phys_start, p->gicd_base);
	if (p->gic_version == 3 && range_ok(p->gicr_base, gicr_size) &&
	    p->gicr_stride <= SZ_1G &&
	    overlaps(m->phys_start, m->size, p->gicr_base, gicr_size))
		report(v, "memory", i, "", "maps the GIC redistributors",
		       m->phys_start, p->gicr_base);
	else if (p->gic_version == 3 && p->gicd_base < p->gicr_base &&
		 p->gicr_base - p->gicd_base <= GIC_GAP_MAX &&
		 overlaps(m->phys_start, m->size, p->gicd_base,
			  p->gicr_base - p->gicd_base))
		report(v, "memory", i, "",
		       "maps GIC frames before the redistributors, where "
		       "the ITS is a bus master (start, gicd_base)",
		       m->phys_start, p->gicd_base);
	if (p->gic_version == 2 && range_ok(p->gicc_base, GICC_SIZE) &&
	    overlaps(m->phys_start, m->size, p->gicc_base, GICC_SIZE))
		report(v, "memory", i, "", "maps the GIC CPU interface",
		       m->phys_start, p->gicc_base);
	if (p->gic_version == 2 && range_ok(p->gich_base, GICH_SIZE) &&
	    overlaps(m->phys_start, m->size, p->gich_base, GICH_SIZE))
		report(v, "memory", i, "", "maps the GIC hypervisor interface",
		       m->phys_start, p->gich_base);
}

static void check_memory(struct vstate *v, const struct warden_cell_desc *c,
			 const struct warden_system *sys, int is_root)
{
	const struct warden_memory *mem = warden_cell_memory(c);
	int i, n = (int)c->num_memory_regions;

	for (i = 0; i < n; i++) {
		check_region(v, &mem[i], i);
		check_overlap_one(v, mem, i);
		if (is_root && !is_comm(&mem[i]) &&
		    mem[i].virt_start != mem[i].phys_start)
			report(v, "memory", i, ".virt_start",
			       "root cell memory is identity mapped "
			       "(virt_start, phys_start)",
			       mem[i].virt_start, mem[i].phys_start);
		if (sys)
			check_gic_unmapped(v, &mem[i], i, &sys->platform,
					   platform_cpus(sys));
	}
	check_comm_regions(v, mem, n, is_root);
}

/* --- interrupts ------------------------------------------------------- */

/* Does cell c own INTID intid on the irqchip at address? */
static int cell_owns_irq(const struct warden_cell_desc *c, __u64 address,
			 __u64 intid)
{
	const struct warden_irqchip *ic = warden_cell_irqchips(c);
	__u32 k;

	for (k = 0; k < c->num_irqchips && k < WARDEN_MAX_IRQCHIPS; k++) {
		if (ic[k].address != address || intid < ic[k].pin_base ||
		    intid - ic[k].pin_base >= WARDEN_IRQCHIP_PINS)
			continue;
		if (warden_pin_set(&ic[k], (unsigned int)(intid - ic[k].pin_base)))
			return 1;
	}
	return 0;
}

static void check_irqchip(struct vstate *v, const struct warden_irqchip *ic,
			  int k, const struct warden_system *sys)
{
	__u64 base = ic->pin_base;
	unsigned int n;

	if (sys && ic->address != sys->platform.gicd_base)
		report(v, "irqchips", k, ".address",
		       "not the GIC distributor (address, platform.gicd_base)",
		       ic->address, sys->platform.gicd_base);
	if (base < INTID_SPI_FIRST || base % 32)
		report(v, "irqchips", k, ".pin_base",
		       "not a multiple of 32 from 32 up: only SPIs can be "
		       "assigned", base, INTID_SPI_FIRST);
	/*
	 * Bounded on its own, not just through the bits set: the hypervisor
	 * indexes its 1024-bit ownership map with pin_base / 32.
	 */
	if (base > PIN_BASE_MAX)
		report(v, "irqchips", k, ".pin_base",
		       "beyond the last SPI (pin_base, maximum)", base,
		       PIN_BASE_MAX);
	for (n = 0; n < WARDEN_IRQCHIP_PINS; n++) {
		if (warden_pin_set(ic, n) && base + n > INTID_SPI_LAST) {
			report(v, "irqchips", k, ".pin_bitmap",
			       "interrupt beyond INTID 1019 (first, limit)",
			       base + n, INTID_SPI_LAST);
			return;
		}
	}
}

/* A cell's interrupts must all come from the root cell. */
static void check_irqs_from_root(struct vstate *v,
				 const struct warden_irqchip *ic, int k,
				 const struct warden_system *sys)
{
	unsigned int n;

	for (n = 0; n < WARDEN_IRQCHIP_PINS; n++) {
		if (!warden_pin_set(ic, n) ||
		    cell_owns_irq(&sys->root_cell, ic->address,
				  (__u64)ic->pin_base + n))
			continue;
		report(v, "irqchips", k, ".pin_bitmap",
		       "interrupt not owned by the root cell (first INTID)",
		       (__u64)ic->pin_base + n, 0);
		return;
	}
}

/* --- cells ------------------------------------------------------------ */

static void check_name(struct vstate *v, const char *name)
{
	unsigned int len = bounded_strlen(name, WARDEN_CELL_NAME_LEN);

	if (len == WARDEN_CELL_NAME_LEN)
		report(v, "name", NO_INDEX, "", "not NUL-terminated", 0,
		       WARDEN_CELL_NAME_LEN);
	else if (len == 0)
		report(v, "name", NO_INDEX, "", "empty", 0, 0);
}

static void check_cpu_set(struct vstate *v, __u64 cpu_set,
			  const struct warden_system *sys)
{
	__u64 mask;

	if (!cpu_set) {
		report(v, "cpu_set", NO_INDEX, "", "no CPU", 0, 0);
		return;
	}
	if (!sys)
		return;
	mask = cpu_mask(platform_cpus(sys));
	if (cpu_set & ~mask)
		report(v, "cpu_set", NO_INDEX, "",
		       "CPUs beyond platform.num_cpus (CPUs, num_cpus)",
		       cpu_set & ~mask, sys->platform.num_cpus);
}

/* Checks common to the root cell and the other cells. */
static void check_cell_common(struct vstate *v,
			      const struct warden_cell_desc *c,
			      const struct warden_system *sys, int is_root)
{
	const struct warden_irqchip *ic = warden_cell_irqchips(c);
	int k;

	check_name(v, c->name);
	if (c->flags & ~(__u32)WARDEN_CELL_FLAGS_ALL)
		report(v, "flags", NO_INDEX, "", "unknown flags (bits, known)",
		       c->flags & ~(__u32)WARDEN_CELL_FLAGS_ALL,
		       WARDEN_CELL_FLAGS_ALL);
	if (c->console_irq)
		report(v, "console_irq", NO_INDEX, "", "reserved, must be 0",
		       c->console_irq, 0);
	if (!is_aligned(c->console_address, SZ_4K))
		report(v, "console_address", NO_INDEX, "", "not page aligned",
		       c->console_address, SZ_4K);
	if (c->shutdown_timeout_ms > SHUTDOWN_TIMEOUT_MAX_MS)
		report(v, "shutdown_timeout_ms", NO_INDEX, "",
		       "longer than 60000 ms (value, maximum)",
		       c->shutdown_timeout_ms, SHUTDOWN_TIMEOUT_MAX_MS);
	check_cpu_set(v, c->cpu_set, sys);
	check_memory(v, c, sys, is_root);
	for (k = 0; k < (int)c->num_irqchips; k++)
		check_irqchip(v, &ic[k], k, sys);
}

/* The entry point must be somewhere the root can load code into. */
static void check_reset_address(struct vstate *v,
				const struct warden_cell_desc *c)
{
	const struct warden_memory *mem = warden_cell_memory(c);
	__u64 pc = c->cpu_reset_address;
	int loadable = 0;
	__u32 i;

	for (i = 0; i < c->num_memory_regions; i++) {
		if (!(mem[i].flags & WARDEN_MEM_LOADABLE))
			continue;
		loadable = 1;
		if (pc >= mem[i].virt_start &&
		    pc - mem[i].virt_start < mem[i].size)
			return;
	}
	if (loadable)
		report(v, "cpu_reset_address", NO_INDEX, "",
		       "not inside a loadable region", pc, 0);
}

/*
 * Is [start, start + size) covered by the root cell's regions? Several
 * adjacent regions may cover it together; each round moves start past one
 * root region, so n + 1 rounds are enough.
 */
static int root_covers(const struct warden_system *sys, __u64 start,
		       __u64 size)
{
	const struct warden_cell_desc *root = &sys->root_cell;
	const struct warden_memory *rm = warden_cell_memory(root);
	__u64 end = start + size;
	__u32 n = root->num_memory_regions, i, round;

	for (round = 0; round <= n && start < end; round++) {
		for (i = 0; i < n; i++)
			if (phys_ok(&rm[i]) && start >= rm[i].phys_start &&
			    start - rm[i].phys_start < rm[i].size)
				break;
		if (i == n)
			return 0;
		start = rm[i].phys_start + rm[i].size;
	}
	return start >= end;
}

/* Does @m touch a root region that holds a bus master's registers? */
static int in_root_busmaster(const struct warden_system *sys,
			     const struct warden_memory *m)
{
	const struct warden_memory *rm = warden_cell_memory(&sys->root_cell);
	__u32 i;

	for (i = 0; i < sys->root_cell.num_memory_regions; i++)
		if ((rm[i].flags & WARDEN_MEM_BUSMASTER) && phys_ok(&rm[i]) &&
		    overlaps(m->phys_start, m->size, rm[i].phys_start,
			     rm[i].size))
			return 1;
	return 0;
}

static void check_region_from_root(struct vstate *v,
				   const struct warden_memory *m, int i,
				   const struct warden_system *sys)
{
	const struct warden_memory *hv = &sys->hypervisor_memory;

	if (!phys_ok(m))
		return;
	if (range_ok(hv->phys_start, hv->size) &&
	    overlaps(m->phys_start, m->size, hv->phys_start, hv->size))
		report(v, "memory", i, "",
		       "overlaps hypervisor_memory (start, size)",
		       m->phys_start, m->size);
	else if (!root_covers(sys, m->phys_start, m->size))
		report(v, "memory", i, "",
		       "not inside the root cell's memory (start, size)",
		       m->phys_start, m->size);
	else if (in_root_busmaster(sys, m))
		report(v, "memory", i, "",
		       "a bus master's registers: with no SMMU it stays with "
		       "the root (start, size)", m->phys_start, m->size);
}

/* A cell only takes what the root cell can give away. */
static void check_from_root(struct vstate *v,
			    const struct warden_cell_desc *c,
			    const struct warden_system *sys)
{
	const struct warden_memory *mem = warden_cell_memory(c);
	const struct warden_irqchip *ic = warden_cell_irqchips(c);
	__u64 root_cpus = sys->root_cell.cpu_set;
	int i;

	if (c->cpu_set & ~root_cpus)
		report(v, "cpu_set", NO_INDEX, "",
		       "CPUs not in root_cell.cpu_set (CPUs, root's)",
		       c->cpu_set & ~root_cpus, root_cpus);
	if (c->cpu_set & 1)
		report(v, "cpu_set", NO_INDEX, "",
		       "CPU 0 stays with the root cell", c->cpu_set, 0);
	for (i = 0; i < (int)c->num_memory_regions; i++)
		check_region_from_root(v, &mem[i], i, sys);
	for (i = 0; i < (int)c->num_irqchips; i++)
		check_irqs_from_root(v, &ic[i], i, sys);
}

int warden_validate_cell(const void *buf, __u64 size,
			 const struct warden_system *sys,
			 struct warden_diag *diag)
{
	const struct warden_cell_desc *c = buf;
	struct vstate v;

	vstate_init(&v, diag);
	if (!buf || size < sizeof(*c)) {
		report(&v, "size", NO_INDEX, "",
		       "shorter than a cell config header (size, minimum)",
		       size, sizeof(*c));
		return v.findings;
	}
	if (!check_header(&v, c->signature, WARDEN_CELL_SIGNATURE,
			  c->revision, c->architecture, c->reserved) ||
	    !counts_ok(&v, c) ||
	    !size_ok(&v, size, warden_cell_config_size(c)))
		return v.findings;
	check_cell_common(&v, c, sys, 0);
	check_reset_address(&v, c);
	if (sys)
		check_from_root(&v, c, sys);
	return v.findings;
}

/* --- the system config ------------------------------------------------ */

static void check_hv_overlap(struct vstate *v, const struct warden_system *s)
{
	const struct warden_memory *hv = &s->hypervisor_memory;
	const struct warden_memory *rm = warden_cell_memory(&s->root_cell);
	int i;

	for (i = 0; i < (int)s->root_cell.num_memory_regions; i++)
		if (phys_ok(&rm[i]) &&
		    overlaps(hv->phys_start, hv->size, rm[i].phys_start,
			     rm[i].size))
			report_ref(v, "hypervisor_memory", NO_INDEX,
				   "physically overlaps ", "root_cell.",
				   "memory", i, hv->phys_start, hv->size);
}

/*
 * The hypervisor's own memory: 2 MiB blocks in one 1 GiB slot, because the
 * boot page tables map it with block entries of a single level-2 table.
 */
static void check_hv_memory(struct vstate *v, const struct warden_system *s)
{
	const struct warden_memory *hv = &s->hypervisor_memory;
	__u64 start = hv->phys_start, size = hv->size;

	if (!is_aligned(start, SZ_2M))
		report(v, "hypervisor_memory", NO_INDEX, ".phys_start",
		       "not 2 MiB aligned", start, SZ_2M);
	if (!size)
		report(v, "hypervisor_memory", NO_INDEX, ".size", "size is 0",
		       0, 0);
	else if (!is_aligned(size, SZ_2M))
		report(v, "hypervisor_memory", NO_INDEX, ".size",
		       "not 2 MiB aligned", size, SZ_2M);
	if (hv->virt_start || hv->flags)
		report(v, "hypervisor_memory", NO_INDEX, ".flags",
		       "virt_start and flags are unused, must be 0",
		       hv->virt_start, hv->flags);
	if (!range_ok(start, size)) {
		if (size)
			report(v, "hypervisor_memory", NO_INDEX, "",
			       "range wraps or leaves the 48-bit address "
			       "space (start, size)", start, size);
		return;
	}
	if (start / SZ_1G != (start + size - 1) / SZ_1G)
		report(v, "hypervisor_memory", NO_INDEX, "",
		       "crosses a 1 GiB boundary (start, size)", start, size);
	check_hv_overlap(v, s);
}

static void check_console(struct vstate *v, const struct warden_console *con)
{
	if (con->flags & ~CONSOLE_FLAGS_ALL)
		report(v, "debug_console", NO_INDEX, ".flags",
		       "unknown flags (bits, known)", con->flags,
		       CONSOLE_FLAGS_ALL);
	if (con->type == WARDEN_CONSOLE_NONE)
		return;
	if (con->type != WARDEN_CONSOLE_PL011) {
		report(v, "debug_console", NO_INDEX, ".type",
		       "unknown console type", con->type, 0);
		return;
	}
	if (!con->address || !is_aligned(con->address, SZ_4K))
		report(v, "debug_console", NO_INDEX, ".address",
		       "zero or not page aligned", con->address, SZ_4K);
	if (!con->size)
		report(v, "debug_console", NO_INDEX, ".size", "size is 0", 0,
		       0);
}

static void check_base(struct vstate *v, const char *member, __u64 base,
		       __u64 align)
{
	if (!base || !is_aligned(base, align) || base >= ADDR_LIMIT)
		report(v, "platform", NO_INDEX, member,
		       "zero, misaligned or beyond 48 bits (base, alignment)",
		       base, align);
}

static void check_gic(struct vstate *v, const struct warden_platform *p)
{
	if (p->gic_version != 2 && p->gic_version != 3) {
		report(v, "platform", NO_INDEX, ".gic_version",
		       "unsupported GIC version", p->gic_version, 0);
		return;
	}
	/* The distributor is 64 KiB and emulated a page at a time. */
	check_base(v, ".gicd_base", p->gicd_base, SZ_64K);
	if (p->gic_version == 3) {
		check_base(v, ".gicr_base", p->gicr_base, SZ_64K);
		/* Two 64 KiB frames per CPU (RD_base, SGI_base); GICv4 four. */
		if (p->gicr_stride < 2 * SZ_64K || p->gicr_stride > SZ_1G ||
		    !is_aligned(p->gicr_stride, SZ_64K))
			report(v, "platform", NO_INDEX, ".gicr_stride",
			       "not a multiple of 64 KiB from 128 KiB up",
			       p->gicr_stride, 2 * SZ_64K);
	} else {
		check_base(v, ".gicc_base", p->gicc_base, SZ_4K);
		check_base(v, ".gich_base", p->gich_base, SZ_4K);
		check_base(v, ".gicv_base", p->gicv_base, SZ_4K);
	}
	/* The maintenance interrupt is a PPI (INTID 16..31). */
	if (p->maintenance_irq < INTID_PPI_FIRST ||
	    p->maintenance_irq >= INTID_SPI_FIRST)
		report(v, "platform", NO_INDEX, ".maintenance_irq",
		       "not a PPI (INTID, first SPI)", p->maintenance_irq,
		       INTID_SPI_FIRST);
}

static void check_mpidrs(struct vstate *v, const struct warden_platform *p,
			 __u32 n)
{
	__u32 i, j;

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (p->cpu_mpidr[i] == p->cpu_mpidr[j])
				report(v, "platform.cpu_mpidr", (int)i, "",
				       "same MPIDR as an earlier CPU (MPIDR, "
				       "that CPU)", p->cpu_mpidr[i], j);
}

static void check_platform(struct vstate *v, const struct warden_platform *p)
{
	if (p->reserved[0] || p->reserved[1] || p->reserved[2])
		report(v, "platform", NO_INDEX, ".reserved",
		       "reserved, must be 0", 0, 0);
	check_gic(v, p);
	if (p->num_cpus < 1 || p->num_cpus > WARDEN_MAX_CPUS) {
		report(v, "platform", NO_INDEX, ".num_cpus",
		       "not 1..64 (num_cpus, maximum)", p->num_cpus,
		       WARDEN_MAX_CPUS);
		return;
	}
	check_mpidrs(v, p, p->num_cpus);
}

/* Linux keeps running in the root cell on its boot CPU. */
static void check_root_cell(struct vstate *v, const struct warden_system *s)
{
	if (s->root_cell.cpu_set && !(s->root_cell.cpu_set & 1))
		report(v, "cpu_set", NO_INDEX, "",
		       "the root cell must keep CPU 0", s->root_cell.cpu_set,
		       0);
}

int warden_validate_system(const void *buf, __u64 size,
			   struct warden_diag *diag)
{
	const struct warden_system *s = buf;
	struct vstate v;

	vstate_init(&v, diag);
	if (!buf || size < sizeof(*s)) {
		report(&v, "size", NO_INDEX, "",
		       "shorter than a system config header (size, minimum)",
		       size, sizeof(*s));
		return v.findings;
	}
	if (!check_header(&v, s->signature, WARDEN_SYSTEM_SIGNATURE,
			  s->revision, s->architecture, s->reserved))
		return v.findings;
	if (s->flags & ~(__u32)SYSTEM_FLAGS_ALL)
		report(&v, "flags", NO_INDEX, "", "unknown flags (bits, known)",
		       s->flags, SYSTEM_FLAGS_ALL);
	set_prefix(&v, "root_cell", NO_INDEX);
	if (!counts_ok(&v, &s->root_cell))
		return v.findings;
	set_prefix(&v, "", NO_INDEX);
	if (!size_ok(&v, size, warden_system_config_size(s)))
		return v.findings;
	check_hv_memory(&v, s);
	check_console(&v, &s->debug_console);
	check_platform(&v, &s->platform);
	set_prefix(&v, "root_cell", NO_INDEX);
	check_cell_common(&v, &s->root_cell, s, 1);
	check_root_cell(&v, s);
	return v.findings;
}

/* --- several cells ---------------------------------------------------- */

static int cell_desc_ok(const struct warden_cell_desc *c)
{
	return c && c->num_memory_regions <= WARDEN_MAX_MEMORY_REGIONS &&
	       c->num_irqchips <= WARDEN_MAX_IRQCHIPS;
}

/* Interrupts of cell b (reported on) that cell a already owns. */
static void check_irqs_pair(struct vstate *v, const struct warden_cell_desc *a,
			    int ai, const struct warden_cell_desc *b)
{
	const struct warden_irqchip *ic = warden_cell_irqchips(b);
	__u64 intid;
	unsigned int n;
	__u32 k;

	for (k = 0; k < b->num_irqchips; k++) {
		for (n = 0; n < WARDEN_IRQCHIP_PINS; n++) {
			intid = (__u64)ic[k].pin_base + n;
			if (!warden_pin_set(&ic[k], n) ||
			    !cell_owns_irq(a, ic[k].address, intid))
				continue;
			report_ref(v, "irqchips", (int)k,
				   "interrupt (INTID) also claimed by ", "",
				   "cell", ai, intid, 0);
			break;
		}
	}
}

static void check_memory_pair(struct vstate *v,
			      const struct warden_cell_desc *a, int ai,
			      const struct warden_cell_desc *b)
{
	const struct warden_memory *am = warden_cell_memory(a);
	const struct warden_memory *bm = warden_cell_memory(b);
	char ref[24];
	struct str s;
	__u32 i, j;

	str_init(&s, ref, sizeof(ref));
	str_path(&s, "cell", ai, ".");
	for (j = 0; j < b->num_memory_regions; j++)
		for (i = 0; i < a->num_memory_regions; i++)
			if (phys_ok(&am[i]) && phys_ok(&bm[j]) &&
			    warden_mem_conflict(&am[i], &bm[j]))
				report_ref(v, "memory", (int)j,
					   "physically overlaps ", ref,
					   "memory", (int)i,
					   bm[j].phys_start, bm[j].size);
}

/* Everything cell b (reported on) shares with the earlier cell a. */
static void check_pair(struct vstate *v, const struct warden_cell_desc *a,
		       int ai, const struct warden_cell_desc *b)
{
	if (warden_names_equal(a->name, b->name))
		report_ref(v, "name", NO_INDEX, "same name as ", "", "cell",
			   ai, 0, 0);
	if (a->cpu_set & b->cpu_set)
		report_ref(v, "cpu_set", NO_INDEX, "CPUs also claimed by ", "",
			   "cell", ai, a->cpu_set & b->cpu_set, 0);
	check_irqs_pair(v, a, ai, b);
	check_memory_pair(v, a, ai, b);
}

int warden_validate_cells_together(const struct warden_system *sys,
				   const struct warden_cell_desc *const *cells,
				   unsigned int n, struct warden_diag *diag)
{
	struct vstate v;
	unsigned int i, j;

	(void)sys;	/* kept for checks against the platform to come */
	vstate_init(&v, diag);
	if (!cells)
		return 0;
	for (j = 1; j < n; j++) {
		if (!cell_desc_ok(cells[j]))
			continue;
		v.cell = (int)j;
		set_prefix(&v, "cell", (int)j);
		for (i = 0; i < j; i++)
			if (cell_desc_ok(cells[i]))
				check_pair(&v, cells[i], (int)i, cells[j]);
	}
	return v.findings;
}

void warden_diag_init(struct warden_diag *diag,
		      void (*report_fn)(void *ctx, const char *field,
					const char *msg, __u64 v1, __u64 v2),
		      void *ctx)
{
	diag->report = report_fn;
	diag->ctx = ctx;
	diag->count = 0;
	diag->cell = NO_INDEX;
	diag->first_field[0] = '\0';
	diag->first_msg[0] = '\0';
	diag->first_v1 = 0;
	diag->first_v2 = 0;
}
