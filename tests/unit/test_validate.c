/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the config validator (<warden/validate.h>).
 *
 * The real configs under configs/arm64/ are compiled in here (each renamed
 * with a macro), so the good ones are proven valid and the deliberately bad
 * ones proven caught, without the cross toolchain. Mutations of the good
 * ones cover each check; truncated and random buffers, each placed at the
 * very end of its own allocation, let ASan catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <warden/config.h>
#include <warden/validate.h>

#define config cfg_qemu_virt
#include "../../configs/arm64/qemu-virt.c"
#undef config
#define config cfg_hello
#include "../../configs/arm64/qemu-virt-hello.c"
#undef config
#define config cfg_gic_demo
#include "../../configs/arm64/qemu-virt-gic-demo.c"
#undef config
#define config cfg_smp_demo
#include "../../configs/arm64/qemu-virt-smp-demo.c"
#undef config
#define config cfg_bad_signature
#include "../../configs/arm64/bad/bad-signature.c"
#undef config
#define config cfg_bad_revision
#include "../../configs/arm64/bad/bad-revision.c"
#undef config
#define config cfg_overlap
#include "../../configs/arm64/bad/overlap.c"
#undef config
#define config cfg_hv_in_linux_ram
#include "../../configs/arm64/bad/hv-in-linux-ram.c"
#undef config
#define config cfg_bad_cpu
#include "../../configs/arm64/bad/bad-cpu.c"
#undef config
#define config cfg_cell_foreign_cpu
#include "../../configs/arm64/bad/cell-foreign-cpu.c"
#undef config
#define config cfg_cell_foreign_mem
#include "../../configs/arm64/bad/cell-foreign-mem.c"
#undef config
#define config cfg_cell_cpu0
#include "../../configs/arm64/bad/cell-cpu0.c"
#undef config
#define config cfg_comm_loadable
#include "../../configs/arm64/bad/comm-loadable.c"
#undef config
#define config cfg_cell_on_hv
#include "../../configs/arm64/bad/cell-on-hv.c"
#undef config
#define config cfg_cell_in_linux_ram
#include "../../configs/arm64/bad/cell-in-linux-ram.c"
#undef config
#define config cfg_cell_on_hello
#include "../../configs/arm64/bad/cell-on-hello.c"
#undef config
#define config cfg_shutdown_timeout
#include "../../configs/arm64/bad/shutdown-timeout.c"
#undef config
#define config cfg_pin_base
#include "../../configs/arm64/bad/pin-base.c"
#undef config
#define config cfg_cell_virtio
#include "../../configs/arm64/bad/cell-virtio.c"
#undef config
#define config cfg_root_its
#include "../../configs/arm64/bad/root-its.c"
#undef config

/* Indexes of root regions in qemu-virt.c used by the mutations. */
#define ROOT_LINUX_RAM	0
#define ROOT_CELL_RAM	1
#define ROOT_UART	2

#define MAX_FINDINGS	64

/* Every finding reported through the callback. */
struct rec {
	int n;
	char field[MAX_FINDINGS][WARDEN_DIAG_FIELD_LEN];
	char msg[MAX_FINDINGS][WARDEN_DIAG_MSG_LEN];
	__u64 v1[MAX_FINDINGS];
	int cell[MAX_FINDINGS];
	struct warden_diag diag;
};

static void rec_report(void *ctx, const char *field, const char *msg,
		       __u64 v1, __u64 v2)
{
	struct rec *r = ctx;

	(void)v2;
	assert_non_null(field);
	assert_non_null(msg);
	assert_true(strlen(field) < WARDEN_DIAG_FIELD_LEN);
	assert_true(strlen(msg) > 0);
	if (r->n >= MAX_FINDINGS)
		return;
	snprintf(r->field[r->n], sizeof(r->field[0]), "%s", field);
	snprintf(r->msg[r->n], sizeof(r->msg[0]), "%s", msg);
	r->v1[r->n] = v1;
	r->cell[r->n] = r->diag.cell;
	r->n++;
}

static struct rec *rec_new(void)
{
	struct rec *r = calloc(1, sizeof(*r));

	assert_non_null(r);
	warden_diag_init(&r->diag, rec_report, r);
	return r;
}

/* Index of the first finding on exactly this field, or -1. */
static int rec_find(const struct rec *r, const char *field)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->field[i], field))
			return i;
	return -1;
}

static void dump(const struct rec *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		fprintf(stderr, "  finding: %s: %s (0x%llx)\n", r->field[i],
			r->msg[i], (unsigned long long)r->v1[i]);
}

static void assert_field(const struct rec *r, const char *field)
{
	if (rec_find(r, field) < 0) {
		fprintf(stderr, "expected a finding on %s, got:\n", field);
		dump(r);
		fail();
	}
}

/* A copy of len bytes at the very end of an allocation, at an odd address. */
static void *tail_copy(const void *src, size_t len, void **to_free)
{
	unsigned char *p = malloc(len + 1);

	assert_non_null(p);
	*to_free = p;
	memcpy(p + 1, src, len);
	return p + 1;
}

/* --- the real configs ---------------------------------------------- */

static const struct warden_system *qemu_virt(void)
{
	return (const struct warden_system *)&cfg_qemu_virt;
}

static int check_system(const void *cfg, size_t size, struct rec *r)
{
	void *mem;
	void *buf = tail_copy(cfg, size, &mem);
	int ret = warden_validate_system(buf, size, &r->diag);

	free(mem);
	assert_int_equal(ret, r->n);
	return ret;
}

static int check_cell(const void *cfg, size_t size,
		      const struct warden_system *sys, struct rec *r)
{
	void *mem;
	void *buf = tail_copy(cfg, size, &mem);
	int ret = warden_validate_cell(buf, size, sys, &r->diag);

	free(mem);
	return ret;
}

static void test_good_configs(void **state)
{
	struct rec *r = rec_new();
	const struct warden_cell_desc *cells[2];

	(void)state;
	assert_int_equal(check_system(&cfg_qemu_virt, sizeof(cfg_qemu_virt), r),
			 0);
	assert_int_equal(check_cell(&cfg_hello, sizeof(cfg_hello), qemu_virt(),
				    r), 0);
	assert_int_equal(check_cell(&cfg_gic_demo, sizeof(cfg_gic_demo),
				    qemu_virt(), r), 0);
	assert_int_equal(check_cell(&cfg_smp_demo, sizeof(cfg_smp_demo),
				    qemu_virt(), r), 0);
	cells[0] = &cfg_hello.cell;
	cells[1] = &cfg_gic_demo.cell;
	assert_int_equal(warden_validate_cells_together(qemu_virt(), cells, 2,
							&r->diag), 0);
	if (r->n)
		dump(r);
	assert_int_equal(r->n, 0);
	assert_int_equal(r->diag.count, 0);
	free(r);
}

/* Each bad system config is caught, naming the right field. */
static void expect_bad_system(const void *cfg, size_t size, const char *field)
{
	struct rec *r = rec_new();

	assert_true(check_system(cfg, size, r) > 0);
	assert_field(r, field);
	assert_string_equal(r->diag.first_field, r->field[0]);
	assert_int_equal(r->diag.count, (unsigned int)r->n);
	free(r);
}

static void expect_bad_cell(const void *cfg, size_t size, const char *field)
{
	struct rec *r = rec_new();

	assert_true(check_cell(cfg, size, qemu_virt(), r) > 0);
	assert_field(r, field);
	free(r);
}

static void test_bad_configs(void **state)
{
	(void)state;
	expect_bad_system(&cfg_bad_signature, sizeof(cfg_bad_signature),
			  "signature");
	expect_bad_system(&cfg_bad_revision, sizeof(cfg_bad_revision),
			  "revision");
	expect_bad_system(&cfg_overlap, sizeof(cfg_overlap),
			  "root_cell.memory[3]");
	expect_bad_system(&cfg_hv_in_linux_ram, sizeof(cfg_hv_in_linux_ram),
			  "hypervisor_memory");
	expect_bad_system(&cfg_bad_cpu, sizeof(cfg_bad_cpu),
			  "root_cell.cpu_set");
	expect_bad_cell(&cfg_cell_foreign_cpu, sizeof(cfg_cell_foreign_cpu),
			"cpu_set");
	expect_bad_cell(&cfg_cell_foreign_mem, sizeof(cfg_cell_foreign_mem),
			"memory[0]");
	expect_bad_cell(&cfg_cell_cpu0, sizeof(cfg_cell_cpu0), "cpu_set");
	expect_bad_cell(&cfg_comm_loadable, sizeof(cfg_comm_loadable),
			"memory[1].phys_start");
	expect_bad_cell(&cfg_comm_loadable, sizeof(cfg_comm_loadable),
			"memory[1].flags");
	expect_bad_cell(&cfg_cell_on_hv, sizeof(cfg_cell_on_hv), "memory[0]");
	expect_bad_cell(&cfg_shutdown_timeout, sizeof(cfg_shutdown_timeout),
			"shutdown_timeout_ms");
	expect_bad_cell(&cfg_pin_base, sizeof(cfg_pin_base),
			"irqchips[0].pin_base");
	expect_bad_system(&cfg_root_its, sizeof(cfg_root_its),
			  "root_cell.memory[3]");
	expect_bad_cell(&cfg_cell_virtio, sizeof(cfg_cell_virtio), "memory[1]");
}

/*
 * Two bad variants are valid to the validator: Linux's RAM is the driver's
 * to know, and an overlap with another cell shows only with both cells.
 */
static void test_bad_only_in_context(void **state)
{
	const struct warden_cell_desc *cells[2] = {
		&cfg_hello.cell, &cfg_cell_on_hello.cell,
	};
	struct rec *r = rec_new();

	(void)state;
	assert_int_equal(check_cell(&cfg_cell_in_linux_ram,
				    sizeof(cfg_cell_in_linux_ram), qemu_virt(),
				    r), 0);
	assert_int_equal(check_cell(&cfg_cell_on_hello, sizeof(cfg_cell_on_hello),
				    qemu_virt(), r), 0);
	assert_int_equal(warden_validate_cells_together(qemu_virt(), cells, 2,
							&r->diag), 1);
	assert_string_equal(r->field[0], "cell[1].memory[0]");
	assert_string_equal(r->msg[0], "physically overlaps cell[0].memory[0]");
	free(r);
}

/* A wrong signature stops the validator: one finding, nothing else read. */
static void test_signature_stops(void **state)
{
	struct rec *r = rec_new();

	(void)state;
	assert_int_equal(check_system(&cfg_bad_signature,
				      sizeof(cfg_bad_signature), r), 1);
	assert_string_equal(r->diag.first_field, "signature");
	/* A cell config is not a system config, and vice versa. */
	r->n = 0;
	assert_int_equal(warden_validate_system(&cfg_hello, sizeof(cfg_hello),
						&r->diag), 1);
	assert_string_equal(r->field[0], "size");
	r->n = 0;
	assert_int_equal(check_cell(&cfg_qemu_virt, sizeof(cfg_qemu_virt),
				    NULL, r), 1);
	assert_string_equal(r->field[0], "signature");
	free(r);
}

/* --- mutations of the system config -------------------------------- */

struct sys_buf {
	struct warden_system sys;
	struct warden_memory mem[WARDEN_ARRAY_SIZE(cfg_qemu_virt.mem)];
	struct warden_irqchip irqchips[1];
} __attribute__((packed));

_Static_assert(sizeof(struct sys_buf) == sizeof(cfg_qemu_virt),
	       "sys_buf mirrors qemu-virt.c");

typedef void (*sys_mutator)(struct sys_buf *b);

struct sys_case {
	const char *name;
	sys_mutator mutate;
	const char *field;
};

static void m_arch(struct sys_buf *b) { b->sys.architecture = WARDEN_ARCH_ARM; }
static void m_flags(struct sys_buf *b) { b->sys.flags = 0x80; }
static void m_reserved(struct sys_buf *b) { b->sys.reserved = 1; }
static void m_too_many_regions(struct sys_buf *b)
{
	b->sys.root_cell.num_memory_regions = WARDEN_MAX_MEMORY_REGIONS + 1;
}
static void m_huge_count(struct sys_buf *b)
{
	b->sys.root_cell.num_memory_regions = 0xffffffff;
}
static void m_too_many_irqchips(struct sys_buf *b)
{
	b->sys.root_cell.num_irqchips = WARDEN_MAX_IRQCHIPS + 1;
}
static void m_lying_count(struct sys_buf *b)
{
	b->sys.root_cell.num_memory_regions--;
}
static void m_name_unterminated(struct sys_buf *b)
{
	memset(b->sys.root_cell.name, 'x', WARDEN_CELL_NAME_LEN);
}
static void m_name_empty(struct sys_buf *b) { b->sys.root_cell.name[0] = 0; }
static void m_cell_flags(struct sys_buf *b) { b->sys.root_cell.flags = 0x100; }
static void m_phys_unaligned(struct sys_buf *b)
{
	b->mem[ROOT_UART].phys_start += 0x10;
	b->mem[ROOT_UART].virt_start += 0x10;
}
static void m_not_identity(struct sys_buf *b)
{
	b->mem[ROOT_UART].virt_start = 0x20000000;
}
static void m_size_zero(struct sys_buf *b) { b->mem[ROOT_UART].size = 0; }
static void m_size_unaligned(struct sys_buf *b)
{
	b->mem[ROOT_UART].size = 0x1800;
}
static void m_wrap(struct sys_buf *b)
{
	b->mem[ROOT_UART].phys_start = 0xfffffffffffff000ULL;
	b->mem[ROOT_UART].virt_start = 0xfffffffffffff000ULL;
	b->mem[ROOT_UART].size = 0x2000;
}
static void m_mem_flags(struct sys_buf *b)
{
	b->mem[ROOT_UART].flags |= 0x10000;
}
static void m_root_comm(struct sys_buf *b)
{
	b->mem[ROOT_UART].flags |= WARDEN_MEM_COMM_REGION;
}
static void m_maps_gicd(struct sys_buf *b)
{
	b->mem[ROOT_UART].phys_start = 0x08000000;
	b->mem[ROOT_UART].virt_start = 0x08000000;
}
static void m_maps_gicr(struct sys_buf *b)
{
	/* Redistributor of CPU 3: 0x080a0000 + 3 * 0x20000. */
	b->mem[ROOT_UART].phys_start = 0x08100000;
	b->mem[ROOT_UART].virt_start = 0x08100000;
}
static void m_hv_size0(struct sys_buf *b) { b->sys.hypervisor_memory.size = 0; }
static void m_hv_unaligned(struct sys_buf *b)
{
	b->sys.hypervisor_memory.phys_start = 0x70100000;
}
static void m_hv_size_unaligned(struct sys_buf *b)
{
	b->sys.hypervisor_memory.size = 0x00900000;
}
static void m_hv_crosses_1g(struct sys_buf *b)
{
	/* 0xbfe00000..0xc01fffff: clear of every root region. */
	b->sys.hypervisor_memory.phys_start = 0xbfe00000;
	b->sys.hypervisor_memory.size = 0x400000;
}
static void m_hv_flags(struct sys_buf *b)
{
	b->sys.hypervisor_memory.flags = 1;
}
static void m_console_type(struct sys_buf *b) { b->sys.debug_console.type = 7; }
static void m_console_addr(struct sys_buf *b)
{
	b->sys.debug_console.address = 0;
}
static void m_gic_version(struct sys_buf *b)
{
	b->sys.platform.gic_version = 4;
}
static void m_gicd_unaligned(struct sys_buf *b)
{
	b->sys.platform.gicd_base = 0x08001000;
}
static void m_gicd_zero(struct sys_buf *b) { b->sys.platform.gicd_base = 0; }
static void m_gicr_zero(struct sys_buf *b) { b->sys.platform.gicr_base = 0; }
static void m_gicr_stride(struct sys_buf *b)
{
	b->sys.platform.gicr_stride = 0x10000;
}
static void m_gicv2_no_gicc(struct sys_buf *b)
{
	b->sys.platform.gic_version = 2;
	b->sys.platform.gich_base = 0x08030000;
	b->sys.platform.gicv_base = 0x08040000;
}
static void m_maint_spi(struct sys_buf *b)
{
	b->sys.platform.maintenance_irq = 40;
}
static void m_num_cpus0(struct sys_buf *b) { b->sys.platform.num_cpus = 0; }
static void m_num_cpus65(struct sys_buf *b) { b->sys.platform.num_cpus = 65; }
static void m_dup_mpidr(struct sys_buf *b)
{
	b->sys.platform.cpu_mpidr[2] = b->sys.platform.cpu_mpidr[0];
}
static void m_cpu_set0(struct sys_buf *b) { b->sys.root_cell.cpu_set = 0; }
static void m_no_cpu0(struct sys_buf *b) { b->sys.root_cell.cpu_set = 0xe; }
static void m_irqchip_addr(struct sys_buf *b)
{
	b->irqchips[0].address = 0x09000000;
}
static void m_pin_base_ppi(struct sys_buf *b) { b->irqchips[0].pin_base = 0; }
static void m_pin_base_odd(struct sys_buf *b) { b->irqchips[0].pin_base = 33; }
static void m_pin_beyond(struct sys_buf *b)
{
	/* 992 + 28 = 1020: the first INTID past the last SPI. */
	b->irqchips[0].pin_base = 992;
	b->irqchips[0].pin_bitmap[0] = 1u << 28;
	b->irqchips[0].pin_bitmap[1] = 0;
	b->irqchips[0].pin_bitmap[2] = 0;
	b->irqchips[0].pin_bitmap[3] = 0;
}
/* No pin set: only pin_base itself can be caught (issue 18). */
static void m_pin_base_huge(struct sys_buf *b)
{
	memset(b->irqchips[0].pin_bitmap, 0, sizeof(b->irqchips[0].pin_bitmap));
	b->irqchips[0].pin_base = 0xffffffe0;
}
static void m_pin_base_1024(struct sys_buf *b)
{
	memset(b->irqchips[0].pin_bitmap, 0, sizeof(b->irqchips[0].pin_bitmap));
	b->irqchips[0].pin_base = 1024;
}
/* QEMU virt's ITS, between the distributor and the redistributors. */
static void m_maps_its(struct sys_buf *b)
{
	b->mem[ROOT_UART].phys_start = 0x08080000;
	b->mem[ROOT_UART].virt_start = 0x08080000;
	b->mem[ROOT_UART].size = 0x20000;
}
static void m_maps_gic_gap_end(struct sys_buf *b)
{
	b->mem[ROOT_UART].phys_start = 0x0809f000;
	b->mem[ROOT_UART].virt_start = 0x0809f000;
}
static void m_busmaster_ram(struct sys_buf *b)
{
	b->mem[ROOT_CELL_RAM].flags |= WARDEN_MEM_BUSMASTER;
}
static void m_root_timeout(struct sys_buf *b)
{
	b->sys.root_cell.shutdown_timeout_ms = 60001;
}
static void m_console_irq(struct sys_buf *b)
{
	b->sys.root_cell.console_irq = 5;
}

static const struct sys_case sys_cases[] = {
	{ "arch", m_arch, "architecture" },
	{ "flags", m_flags, "flags" },
	{ "reserved", m_reserved, "reserved" },
	{ "regions", m_too_many_regions, "root_cell.num_memory_regions" },
	{ "huge count", m_huge_count, "root_cell.num_memory_regions" },
	{ "irqchips", m_too_many_irqchips, "root_cell.num_irqchips" },
	{ "lying count", m_lying_count, "size" },
	{ "name", m_name_unterminated, "root_cell.name" },
	{ "empty name", m_name_empty, "root_cell.name" },
	{ "cell flags", m_cell_flags, "root_cell.flags" },
	{ "phys align", m_phys_unaligned, "root_cell.memory[2].phys_start" },
	{ "identity", m_not_identity, "root_cell.memory[2].virt_start" },
	{ "size 0", m_size_zero, "root_cell.memory[2].size" },
	{ "size align", m_size_unaligned, "root_cell.memory[2].size" },
	{ "wrap", m_wrap, "root_cell.memory[2].phys_start" },
	{ "mem flags", m_mem_flags, "root_cell.memory[2].flags" },
	{ "root comm", m_root_comm, "root_cell.memory[2].flags" },
	{ "gicd mapped", m_maps_gicd, "root_cell.memory[2]" },
	{ "gicr mapped", m_maps_gicr, "root_cell.memory[2]" },
	{ "hv size 0", m_hv_size0, "hypervisor_memory.size" },
	{ "hv align", m_hv_unaligned, "hypervisor_memory.phys_start" },
	{ "hv size align", m_hv_size_unaligned, "hypervisor_memory.size" },
	{ "hv 1G", m_hv_crosses_1g, "hypervisor_memory" },
	{ "hv flags", m_hv_flags, "hypervisor_memory.flags" },
	{ "console type", m_console_type, "debug_console.type" },
	{ "console addr", m_console_addr, "debug_console.address" },
	{ "gic version", m_gic_version, "platform.gic_version" },
	{ "gicd align", m_gicd_unaligned, "platform.gicd_base" },
	{ "gicd 0", m_gicd_zero, "platform.gicd_base" },
	{ "gicr 0", m_gicr_zero, "platform.gicr_base" },
	{ "gicr stride", m_gicr_stride, "platform.gicr_stride" },
	{ "gicv2 gicc", m_gicv2_no_gicc, "platform.gicc_base" },
	{ "maintenance", m_maint_spi, "platform.maintenance_irq" },
	{ "cpus 0", m_num_cpus0, "platform.num_cpus" },
	{ "cpus 65", m_num_cpus65, "platform.num_cpus" },
	{ "mpidr", m_dup_mpidr, "platform.cpu_mpidr[2]" },
	{ "cpu_set 0", m_cpu_set0, "root_cell.cpu_set" },
	{ "no cpu 0", m_no_cpu0, "root_cell.cpu_set" },
	{ "irqchip addr", m_irqchip_addr, "root_cell.irqchips[0].address" },
	{ "pin_base PPI", m_pin_base_ppi, "root_cell.irqchips[0].pin_base" },
	{ "pin_base 33", m_pin_base_odd, "root_cell.irqchips[0].pin_base" },
	{ "INTID 1020", m_pin_beyond, "root_cell.irqchips[0].pin_bitmap" },
	{ "console_irq", m_console_irq, "root_cell.console_irq" },
	{ "pin_base huge", m_pin_base_huge, "root_cell.irqchips[0].pin_base" },
	{ "pin_base 1024", m_pin_base_1024, "root_cell.irqchips[0].pin_base" },
	{ "its mapped", m_maps_its, "root_cell.memory[2]" },
	{ "gic gap end", m_maps_gic_gap_end, "root_cell.memory[2]" },
	{ "root timeout", m_root_timeout, "root_cell.shutdown_timeout_ms" },
	{ "busmaster RAM", m_busmaster_ram, "root_cell.memory[1].flags" },
};

static void test_system_mutations(void **state)
{
	struct sys_buf b;
	unsigned int i;

	(void)state;
	for (i = 0; i < WARDEN_ARRAY_SIZE(sys_cases); i++) {
		struct rec *r = rec_new();

		memcpy(&b, &cfg_qemu_virt, sizeof(b));
		sys_cases[i].mutate(&b);
		if (check_system(&b, sizeof(b), r) == 0 ||
		    rec_find(r, sys_cases[i].field) < 0) {
			fprintf(stderr, "case '%s': want %s, got:\n",
				sys_cases[i].name, sys_cases[i].field);
			dump(r);
			fail();
		}
		free(r);
	}
}

/* The INTID limit is inclusive: 1019 is the last SPI, and is fine. */
static void test_last_spi_ok(void **state)
{
	struct rec *r = rec_new();
	struct sys_buf b;

	(void)state;
	memcpy(&b, &cfg_qemu_virt, sizeof(b));
	m_pin_beyond(&b);
	b.irqchips[0].pin_bitmap[0] = 1u << 27;
	assert_int_equal(check_system(&b, sizeof(b), r), 0);
	free(r);
}

/* An extra trailing byte is as bad as a missing one. */
static void test_size_exact(void **state)
{
	struct rec *r = rec_new();
	unsigned char big[sizeof(cfg_qemu_virt) + 1] = { 0 };

	(void)state;
	memcpy(big, &cfg_qemu_virt, sizeof(cfg_qemu_virt));
	assert_int_equal(check_system(big, sizeof(big), r), 1);
	assert_string_equal(r->field[0], "size");
	assert_int_equal(r->v1[0], sizeof(big));
	free(r);
}

/* diag may be NULL (just count); a diag sums findings across calls. */
static void test_diag(void **state)
{
	struct warden_diag d;

	(void)state;
	assert_int_equal(warden_validate_system(&cfg_bad_cpu,
						sizeof(cfg_bad_cpu), NULL), 1);
	assert_int_equal(warden_validate_system(NULL, 100, NULL), 1);
	warden_diag_init(&d, NULL, NULL);
	assert_int_equal(warden_validate_system(&cfg_hv_in_linux_ram,
						sizeof(cfg_hv_in_linux_ram),
						&d), 1);
	assert_int_equal(warden_validate_system(&cfg_bad_cpu,
						sizeof(cfg_bad_cpu), &d), 1);
	assert_int_equal(d.count, 2);
	assert_string_equal(d.first_field, "hypervisor_memory");
	assert_string_equal(d.first_msg,
			    "physically overlaps root_cell.memory[0]");
	assert_int_equal(d.first_v1, 0x50000000);
}

/* --- cells --------------------------------------------------------- */

/* A cell with everything: RAM, a device, a comm page and interrupts. */
struct big_cell {
	struct warden_cell_desc cell;
	struct warden_memory mem[3];
	struct warden_irqchip irqchips[1];
} __attribute__((packed));

static void big_cell_init(struct big_cell *c)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->cell.signature, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN);
	c->cell.revision = WARDEN_CONFIG_REVISION;
	c->cell.architecture = WARDEN_ARCH_ARM64;
	strcpy(c->cell.name, "big");
	c->cell.cpu_set = 0x8;
	c->cell.num_memory_regions = 3;
	c->cell.num_irqchips = 1;
	c->cell.cpu_reset_address = 0x1000;
	c->mem[0] = (struct warden_memory){ 0x70b00000, 0, 0x200000,
		WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE |
		WARDEN_MEM_LOADABLE };
	/* The PL061 GPIO, passed through at the board's address. */
	c->mem[1] = (struct warden_memory){ 0x09030000, 0x09030000, 0x1000,
		WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO };
	c->mem[2] = (struct warden_memory){ 0, 0x80000000, 0x1000,
		WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_COMM_REGION };
	c->irqchips[0].address = 0x08000000;
	c->irqchips[0].pin_base = 32;
	c->irqchips[0].pin_bitmap[0] = 1u << 7;	/* INTID 39: GPIO */
}

typedef void (*cell_mutator)(struct big_cell *c);

struct cell_case {
	const char *name;
	cell_mutator mutate;
	const char *field;
	int needs_sys;		/* only found when checked against qemu-virt */
};

static void c_signature(struct big_cell *c) { c->cell.signature[0] = 'X'; }
static void c_revision(struct big_cell *c) { c->cell.revision = 0; }
static void c_cpu_set0(struct big_cell *c) { c->cell.cpu_set = 0; }
static void c_reset(struct big_cell *c)
{
	c->cell.cpu_reset_address = 0x200000;
}
static void c_comm_size(struct big_cell *c) { c->mem[2].size = 0x2000; }
static void c_two_comms(struct big_cell *c)
{
	c->mem[1] = c->mem[2];
	c->mem[1].virt_start = 0x80001000;
}
static void c_virt_overlap(struct big_cell *c)
{
	c->mem[2].virt_start = 0x100000;
}
static void c_phys_overlap(struct big_cell *c)
{
	c->mem[1].phys_start = 0x70b00000;
	c->mem[1].flags = WARDEN_MEM_READ;
}
static void c_shared_overlap_ok(struct big_cell *c)
{
	/* Both SHARED: the same memory twice is allowed. */
	c->mem[1].phys_start = 0x70b00000;
	c->mem[0].flags |= WARDEN_MEM_SHARED;
	c->mem[1].flags = WARDEN_MEM_READ | WARDEN_MEM_SHARED;
}
static void c_hv_overlap(struct big_cell *c)
{
	c->mem[0].phys_start = 0x70600000;
}
static void c_foreign_io(struct big_cell *c)
{
	c->mem[1].phys_start = 0x09050000;
}
static void c_gicd(struct big_cell *c)
{
	c->mem[1].phys_start = 0x08000000;
}
static void c_irq_not_root(struct big_cell *c)
{
	c->irqchips[0].pin_base = 160;
}
static void c_irq_addr(struct big_cell *c)
{
	c->irqchips[0].address = 0x2000000;
}
static void c_irq_sgi(struct big_cell *c) { c->irqchips[0].pin_base = 0; }
static void c_not_in_root_cpus(struct big_cell *c) { c->cell.cpu_set = 0x10; }
static void c_cpu0(struct big_cell *c) { c->cell.cpu_set = 0x3; }
static void c_flags(struct big_cell *c) { c->cell.flags = ~(__u32)WARDEN_CELL_FLAGS_ALL & 0xff; }
/* A comm region's phys_start means nothing, so anything but 0 is wrong. */
static void c_comm_phys(struct big_cell *c)
{
	c->mem[2].phys_start = 0x70000000;
}
static void c_comm_loadable(struct big_cell *c)
{
	c->mem[2].flags |= WARDEN_MEM_LOADABLE;
}
static void c_comm_io(struct big_cell *c) { c->mem[2].flags |= WARDEN_MEM_IO; }
static void c_comm_shared(struct big_cell *c)
{
	c->mem[2].flags |= WARDEN_MEM_SHARED;
}
static void c_loadable_io(struct big_cell *c)
{
	c->mem[1].flags |= WARDEN_MEM_LOADABLE;
}
static void c_timeout(struct big_cell *c)
{
	c->cell.shutdown_timeout_ms = 0xffffffff;
}
static void c_pin_base_huge(struct big_cell *c)
{
	c->irqchips[0].pin_bitmap[0] = 0;
	c->irqchips[0].pin_base = 0xffffffe0;
}
/* A PCIe BAR in the root's bus-master window (devices there do DMA). */
static void c_pcie_bar(struct big_cell *c)
{
	c->mem[1].phys_start = 0x10000000;
}
static void c_its(struct big_cell *c)
{
	c->mem[1].phys_start = 0x08080000;
}

static const struct cell_case cell_cases[] = {
	{ "signature", c_signature, "signature", 0 },
	{ "revision", c_revision, "revision", 0 },
	{ "no cpu", c_cpu_set0, "cpu_set", 0 },
	{ "reset", c_reset, "cpu_reset_address", 0 },
	{ "comm size", c_comm_size, "memory[2].size", 0 },
	{ "two comms", c_two_comms, "memory[2]", 0 },
	{ "virt overlap", c_virt_overlap, "memory[2]", 0 },
	{ "phys overlap", c_phys_overlap, "memory[1]", 0 },
	{ "hv overlap", c_hv_overlap, "memory[0]", 1 },
	{ "foreign io", c_foreign_io, "memory[1]", 1 },
	{ "gicd", c_gicd, "memory[1]", 1 },
	{ "irq not root's", c_irq_not_root, "irqchips[0].pin_bitmap", 1 },
	{ "irq address", c_irq_addr, "irqchips[0].address", 1 },
	{ "irq SGI", c_irq_sgi, "irqchips[0].pin_base", 0 },
	{ "not root's CPU", c_not_in_root_cpus, "cpu_set", 1 },
	{ "CPU 0", c_cpu0, "cpu_set", 1 },
	{ "flags", c_flags, "flags", 0 },
	{ "comm phys", c_comm_phys, "memory[2].phys_start", 0 },
	{ "comm loadable", c_comm_loadable, "memory[2].flags", 0 },
	{ "comm io", c_comm_io, "memory[2].flags", 0 },
	{ "comm shared", c_comm_shared, "memory[2].flags", 0 },
	{ "loadable io", c_loadable_io, "memory[1].flags", 0 },
	{ "timeout", c_timeout, "shutdown_timeout_ms", 0 },
	{ "pin_base huge", c_pin_base_huge, "irqchips[0].pin_base", 0 },
	{ "its", c_its, "memory[1]", 1 },
	{ "pcie bar", c_pcie_bar, "memory[1]", 1 },
};

static void run_cell_case(const struct cell_case *cc)
{
	struct big_cell c;
	struct rec *r = rec_new();
	int bad;

	big_cell_init(&c);
	cc->mutate(&c);
	bad = check_cell(&c, sizeof(c), qemu_virt(), r) > 0 &&
	      rec_find(r, cc->field) >= 0;
	if (!bad) {
		fprintf(stderr, "cell case '%s': want %s, got:\n", cc->name,
			cc->field);
		dump(r);
		fail();
	}
	/* Without the system, cross checks cannot fire. */
	r->n = 0;
	check_cell(&c, sizeof(c), NULL, r);
	assert_int_equal(rec_find(r, cc->field) >= 0, !cc->needs_sys);
	free(r);
}

static void test_cell_mutations(void **state)
{
	struct big_cell c;
	struct rec *r = rec_new();
	unsigned int i;

	(void)state;
	big_cell_init(&c);
	assert_int_equal(check_cell(&c, sizeof(c), qemu_virt(), r), 0);
	c_shared_overlap_ok(&c);
	assert_int_equal(check_cell(&c, sizeof(c), qemu_virt(), r), 0);
	big_cell_init(&c);
	c.cell.shutdown_timeout_ms = 60000;	/* the limit itself is fine */
	assert_int_equal(check_cell(&c, sizeof(c), qemu_virt(), r), 0);
	if (r->n)
		dump(r);
	free(r);
	for (i = 0; i < WARDEN_ARRAY_SIZE(cell_cases); i++)
		run_cell_case(&cell_cases[i]);
}

/* Cell memory may span several adjacent root regions, but no gap. */
static void test_root_union(void **state)
{
	struct rec *r = rec_new();
	struct sys_buf b;
	struct big_cell c;

	(void)state;
	memcpy(&b, &cfg_qemu_virt, sizeof(b));
	b.mem[ROOT_LINUX_RAM].size = 0x20000000;	/* to 0x60000000 */
	b.mem[ROOT_UART] = (struct warden_memory){ 0x60000000, 0x60000000,
		0x0ff00000, WARDEN_MEM_READ | WARDEN_MEM_WRITE };
	assert_int_equal(check_system(&b, sizeof(b), r), 0);
	big_cell_init(&c);
	c.mem[1].phys_start = 0x5ff00000;	/* GPIO no longer in the root */
	c.mem[1].size = 0x200000;
	c.mem[1].virt_start = 0x10000000;
	c.irqchips[0].pin_bitmap[0] = 0;
	assert_int_equal(check_cell(&c, sizeof(c), (const void *)&b, r), 0);
	c.mem[1].phys_start = 0x6fe00000;	/* 0x6ff00000.. is a gap */
	assert_int_equal(check_cell(&c, sizeof(c), (const void *)&b, r), 1);
	assert_string_equal(r->field[0], "memory[1]");
	free(r);
}

/* --- several cells together ---------------------------------------- */

static void test_together(void **state)
{
	struct big_cell a, b;
	const struct warden_cell_desc *cells[3];
	struct rec *r = rec_new();

	(void)state;
	big_cell_init(&a);
	big_cell_init(&b);
	strcpy(b.cell.name, "other");
	b.cell.cpu_set = 0x4;
	b.mem[0].phys_start = 0x70d00000;
	b.mem[1].phys_start = 0x09010000;	/* the RTC instead */
	b.irqchips[0].pin_bitmap[0] = 1u << 8;
	cells[0] = &a.cell;
	cells[1] = &cfg_hello.cell;
	cells[2] = &b.cell;
	assert_int_equal(warden_validate_cells_together(qemu_virt(), cells, 3,
							&r->diag), 0);

	/* The same CPU, IRQ, memory and name as cells[0]. */
	b.cell.cpu_set = 0xc;
	b.irqchips[0].pin_bitmap[0] = 1u << 7;
	b.mem[0].phys_start = 0x70c00000;
	strcpy(b.cell.name, "big");
	assert_int_equal(warden_validate_cells_together(NULL, cells, 3,
							&r->diag), 4);
	assert_field(r, "cell[2].cpu_set");
	assert_int_equal(r->v1[rec_find(r, "cell[2].cpu_set")], 0x8);
	assert_field(r, "cell[2].irqchips[0]");
	assert_int_equal(r->v1[rec_find(r, "cell[2].irqchips[0]")], 39);
	assert_field(r, "cell[2].memory[0]");
	assert_field(r, "cell[2].name");
	assert_int_equal(r->cell[0], 2);
	assert_string_equal(r->msg[rec_find(r, "cell[2].memory[0]")],
			    "physically overlaps cell[0].memory[0]");

	/* Shared on both sides is fine; NULL entries are skipped. */
	r->n = 0;
	b.cell.cpu_set = 0x4;
	b.irqchips[0].pin_bitmap[0] = 0;
	strcpy(b.cell.name, "other");
	a.mem[0].flags |= WARDEN_MEM_SHARED;
	b.mem[0].flags |= WARDEN_MEM_SHARED;
	cells[1] = NULL;
	assert_int_equal(warden_validate_cells_together(NULL, cells, 3,
							&r->diag), 0);
	assert_int_equal(warden_validate_cells_together(NULL, NULL, 3,
							&r->diag), 0);
	free(r);
}

/* The demo cells share CPU 2: never run together, and the check knows. */
static void test_demo_cells_conflict(void **state)
{
	const struct warden_cell_desc *cells[] = { &cfg_gic_demo.cell,
						   &cfg_smp_demo.cell };
	struct rec *r = rec_new();

	(void)state;
	assert_int_equal(warden_validate_cells_together(qemu_virt(), cells, 2,
							&r->diag), 1);
	assert_string_equal(r->field[0], "cell[1].cpu_set");
	assert_int_equal(r->v1[0], 0x4);
	free(r);
}

/* --- hostile input ------------------------------------------------- */

static void test_truncated(void **state)
{
	struct big_cell c;
	size_t len;

	(void)state;
	big_cell_init(&c);
	for (len = 0; len < sizeof(cfg_qemu_virt); len++) {
		struct rec *r = rec_new();

		assert_true(check_system(&cfg_qemu_virt, len, r) > 0);
		assert_true(!strcmp(r->field[0], "size"));
		free(r);
	}
	for (len = 0; len < sizeof(c); len++) {
		struct rec *r = rec_new();

		assert_true(check_cell(&c, len, qemu_virt(), r) > 0);
		assert_string_equal(r->field[0], "size");
		free(r);
	}
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Flip a few random bytes, maybe keeping the header so checks go deep. */
static void scramble(unsigned char *p, size_t len, size_t keep)
{
	unsigned int flips = 1 + rng() % 8, i;
	size_t at;

	if (len <= keep)
		return;
	for (i = 0; i < flips; i++) {
		at = keep + rng() % (len - keep);
		p[at] = (unsigned char)rng();
	}
}

static void fuzz_one_system(struct warden_diag *d)
{
	unsigned char b[sizeof(cfg_qemu_virt) + 64];
	size_t len = rng() % sizeof(b);
	void *mem, *buf;

	if (rng() & 1) {
		memcpy(b, &cfg_qemu_virt, sizeof(cfg_qemu_virt));
		len = rng() & 3 ? sizeof(cfg_qemu_virt) : len;
		scramble(b, sizeof(b), rng() & 1 ? 8 : 0);
	} else {
		for (size_t i = 0; i < sizeof(b); i++)
			b[i] = (unsigned char)rng();
		memcpy(b, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN);
		b[6] = WARDEN_CONFIG_REVISION;
		b[7] = 0;
	}
	buf = tail_copy(b, len, &mem);
	warden_validate_system(buf, len, d);
	free(mem);
}

static void fuzz_one_cell(struct warden_diag *d)
{
	struct big_cell c, other;
	const struct warden_cell_desc *cells[2];
	void *mem, *buf;

	big_cell_init(&c);
	big_cell_init(&other);
	scramble((unsigned char *)&c, sizeof(c), rng() & 1 ? 8 : 0);
	buf = tail_copy(&c, sizeof(c), &mem);
	warden_validate_cell(buf, sizeof(c), qemu_virt(), d);
	/* The cross check requires intact counts: restore them. */
	c.cell.num_memory_regions = 3;
	c.cell.num_irqchips = 1;
	cells[0] = &other.cell;
	cells[1] = &c.cell;
	warden_validate_cells_together(qemu_virt(), cells, 2, d);
	free(mem);
}

static void test_random(void **state)
{
	struct warden_diag d;
	unsigned int i;

	(void)state;
	warden_diag_init(&d, NULL, NULL);
	for (i = 0; i < 50000; i++) {
		fuzz_one_system(&d);
		fuzz_one_cell(&d);
	}
	/* Something must have been found in 100000 scrambled configs. */
	assert_true(d.count > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_configs),
		cmocka_unit_test(test_bad_configs),
		cmocka_unit_test(test_bad_only_in_context),
		cmocka_unit_test(test_signature_stops),
		cmocka_unit_test(test_system_mutations),
		cmocka_unit_test(test_last_spi_ok),
		cmocka_unit_test(test_size_exact),
		cmocka_unit_test(test_diag),
		cmocka_unit_test(test_cell_mutations),
		cmocka_unit_test(test_root_union),
		cmocka_unit_test(test_together),
		cmocka_unit_test(test_demo_cells_conflict),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
