/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Warden configuration format, revision 1.
 *
 * A system config (what `warden enable` takes) and a cell config (what
 * `warden cell create` takes) are packed little-endian structures written as
 * C initialisers in configs/<arch>/<name>.c and objcopied to .cell binaries.
 *
 *   system config:  struct warden_system            (contains the root cell's
 *                                                   struct warden_cell_desc)
 *                   struct warden_memory  [root_cell.num_memory_regions]
 *                   struct warden_irqchip [root_cell.num_irqchips]
 *
 *   cell config:    struct warden_cell_desc
 *                   struct warden_memory  [num_memory_regions]
 *                   struct warden_irqchip [num_irqchips]
 *
 * Every count is derived from the array sizes in the C file (see
 * WARDEN_ARRAY_SIZE); a file whose length does not match its counts is
 * rejected before anything reads past its end.
 */
#ifndef _WARDEN_CONFIG_H
#define _WARDEN_CONFIG_H

#include <warden/types.h>

#define WARDEN_CONFIG_REVISION		1
#define WARDEN_SYSTEM_SIGNATURE		"WDNSYS"
#define WARDEN_CELL_SIGNATURE		"WDNCEL"
#define WARDEN_SIGNATURE_LEN		6

#define WARDEN_ARCH_ARM64		1
#define WARDEN_ARCH_ARM			2

#define WARDEN_CELL_NAME_LEN		32
#define WARDEN_MAX_CPUS			64
#define WARDEN_MAX_MEMORY_REGIONS	64
#define WARDEN_MAX_IRQCHIPS		4
#define WARDEN_PAGE_SIZE		0x1000ULL

#define WARDEN_ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Memory region flags. */
#define WARDEN_MEM_READ			0x0001
#define WARDEN_MEM_WRITE		0x0002
#define WARDEN_MEM_EXECUTE		0x0004
#define WARDEN_MEM_DMA			0x0008
#define WARDEN_MEM_IO			0x0010	/* device memory */
#define WARDEN_MEM_LOADABLE		0x0020	/* root may load images into it */
#define WARDEN_MEM_SHARED		0x0040	/* may also belong to other cells */
#define WARDEN_MEM_COMM_REGION		0x0080	/* the cell's communication page */
#define WARDEN_MEM_ROOTSHARED		0x0100	/* stays mapped in the root cell */
/*
 * Registers of a device that masters the bus (DMA: virtio-mmio, PCIe, ...).
 * With no SMMU it can write any physical memory, so such a device stays
 * with the root cell: no cell region may lie in a root region flagged so.
 */
#define WARDEN_MEM_BUSMASTER		0x0200
#define WARDEN_MEM_FLAGS_ALL		0x03ff

/*
 * One region of a cell's guest-physical address space. For a region flagged
 * WARDEN_MEM_COMM_REGION, phys_start must be 0: the hypervisor provides the
 * page and maps it at virt_start (only READ and WRITE apply to it).
 */
struct warden_memory {
	__u64 phys_start;
	__u64 virt_start;
	__u64 size;
	__u64 flags;
} WARDEN_PACKED;

#define WARDEN_IRQCHIP_PINS		128

/*
 * Interrupts owned by a cell on one interrupt controller: bit n of
 * pin_bitmap stands for INTID pin_base + n. Only SPIs (INTID >= 32) can be
 * assigned; SGIs and PPIs always belong to the CPU's cell.
 */
struct warden_irqchip {
	__u64 address;			/* distributor base of that irqchip */
	__u32 pin_base;
	__u32 pin_bitmap[WARDEN_IRQCHIP_PINS / 32];
} WARDEN_PACKED;

/* Is pin @n (0..WARDEN_IRQCHIP_PINS - 1) of @ic set? */
static inline int warden_pin_set(const struct warden_irqchip *ic,
				 unsigned int n)
{
	return (ic->pin_bitmap[n / 32] >> (n % 32)) & 1;
}

/* Cell flags. */
#define WARDEN_CELL_PASSIVE_COMMREG	0x0001	/* inmate ignores the comm region */
#define WARDEN_CELL_DEBUG_CONSOLE	0x0002	/* may print via the console hypercall */
/*
 * The cell takes its interrupts on the physical CPU interface, with no exit
 * (HCR_EL2.IMO = 0). Such a cell can block the hypervisor's stop signal
 * (priorities, active priorities, group enables): it is trusted not to.
 * Refused on a GIC with two security states (no group 0 for EL2 there).
 */
#define WARDEN_CELL_DIRECT_IRQ		0x0004
#define WARDEN_CELL_FLAGS_ALL		0x0007

struct warden_cell_desc {
	char signature[WARDEN_SIGNATURE_LEN];
	__u16 revision;
	__u16 architecture;
	__u16 reserved;
	__u32 flags;
	char name[WARDEN_CELL_NAME_LEN];	/* NUL-terminated */
	__u64 cpu_set;				/* bit n: CPU n of the system */
	__u32 num_memory_regions;
	__u32 num_irqchips;
	__u64 cpu_reset_address;		/* guest-physical entry point */
	__u32 shutdown_timeout_ms;		/* 0: default */
	__u32 console_irq;			/* reserved, 0 */
	__u64 console_address;			/* UART the cell owns, 0: none */
} WARDEN_PACKED;

#define WARDEN_CONSOLE_NONE		0
#define WARDEN_CONSOLE_PL011		1

struct warden_console {
	__u64 address;
	__u32 size;
	__u16 type;
	__u16 flags;
} WARDEN_PACKED;

struct warden_platform {
	__u8 gic_version;			/* 2 or 3 */
	__u8 reserved[3];
	__u32 maintenance_irq;			/* INTID */
	__u64 gicd_base;
	__u64 gicr_base;			/* GICv3: redistributors */
	__u64 gicr_stride;			/* GICv3: bytes per CPU, 0x20000 */
	__u64 gicc_base;			/* GICv2 */
	__u64 gich_base;			/* GICv2 */
	__u64 gicv_base;			/* GICv2 */
	__u32 timer_frequency;			/* Hz, 0: read CNTFRQ */
	__u32 num_cpus;
	__u64 cpu_mpidr[WARDEN_MAX_CPUS];	/* affinity of CPU n */
} WARDEN_PACKED;

struct warden_system {
	char signature[WARDEN_SIGNATURE_LEN];
	__u16 revision;
	__u16 architecture;
	__u16 reserved;
	__u32 flags;
	struct warden_memory hypervisor_memory;	/* phys_start, size */
	struct warden_console debug_console;
	struct warden_platform platform;
	struct warden_cell_desc root_cell;
} WARDEN_PACKED;

static inline __u64 warden_cell_config_size(const struct warden_cell_desc *c)
{
	return sizeof(*c) +
	       (__u64)c->num_memory_regions * sizeof(struct warden_memory) +
	       (__u64)c->num_irqchips * sizeof(struct warden_irqchip);
}

static inline __u64 warden_system_config_size(const struct warden_system *s)
{
	return sizeof(*s) - sizeof(s->root_cell) +
	       warden_cell_config_size(&s->root_cell);
}

/* The arrays behind a cell description (root cell included). */
static inline const struct warden_memory *
warden_cell_memory(const struct warden_cell_desc *c)
{
	return (const struct warden_memory *)(c + 1);
}

static inline const struct warden_irqchip *
warden_cell_irqchips(const struct warden_cell_desc *c)
{
	return (const struct warden_irqchip *)
		(warden_cell_memory(c) + c->num_memory_regions);
}

/* Cell names are equal up to their NUL, whatever padding follows it. */
static inline int warden_names_equal(const char *a, const char *b)
{
	unsigned int i;

	for (i = 0; i < WARDEN_CELL_NAME_LEN; i++) {
		if (a[i] != b[i])
			return 0;
		if (!a[i])
			return 1;
	}
	return 1;
}

/*
 * Do two regions (with ranges that do not wrap) claim the same physical
 * memory? A comm region has none; two regions flagged shared may.
 */
static inline int warden_mem_conflict(const struct warden_memory *a,
				      const struct warden_memory *b)
{
	if ((a->flags | b->flags) & WARDEN_MEM_COMM_REGION)
		return 0;
	if (a->flags & b->flags & WARDEN_MEM_SHARED)
		return 0;
	return a->phys_start < b->phys_start + b->size &&
	       b->phys_start < a->phys_start + a->size;
}

#endif /* _WARDEN_CONFIG_H */
