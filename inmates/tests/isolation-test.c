/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isolation-test: what a non-root cell must not be able to do through the
 * calls and registers it can reach. (Accesses outside the cell's memory,
 * which must fault, are a separate test.)
 */
#include <inmate.h>

#define UNKNOWN_HC		0xc60000ffU
#define UNKNOWN_SMC		0x82000000U	/* SiP service, fast, SMC32 */
#define EPERM_OR_NOT_SUPPORTED	(-1)

/* Park a CPU that CPU_ON should not have started at all. */
static void __attribute__((used)) stray_cpu(void)
{
	cpu_halt();
}

/* The lowest Aff0 (Aff1..3 = 0) that is not one of this cell's CPUs. */
static u64 foreign_mpidr(void)
{
	u64 mpidr;

	for (mpidr = 0; mpidr < 256; mpidr++)
		if (comm_cpu_index_of(mpidr) < 0)
			return mpidr;
	return 0xff00000000ULL;
}

static void test_calls(void)
{
	u64 foreign = foreign_mpidr();
	int ret;

	EXPECT_EQ(hvc_call(WARDEN_HC_NULL, 0, 0, 0), 0,
		  "WARDEN_HC_NULL succeeds");
	EXPECT_EQ(hvc_call(UNKNOWN_HC, 0, 0, 0), WARDEN_HC_NOT_SUPPORTED,
		  "unknown hypercall 0xc60000ff is not supported");
	/* An SMC32 result is defined in w0 only. */
	EXPECT_EQ((s32)smc_call(UNKNOWN_SMC, 0, 0, 0), -1,
		  "unknown SMC 0x82000000 is not supported");
	EXPECT_TRUE(psci_version() >= 0x10000, "PSCI version is 1.0 or later");

	ret = psci_cpu_on(foreign, (u64)(unsigned long)stray_cpu, 0);
	printk("isolation-test: CPU_ON 0x%llx (not ours) returned %d\n",
	       (unsigned long long)foreign, ret);
	EXPECT_TRUE(ret < 0, "CPU_ON of a CPU outside the cell fails");
	EXPECT_EQ((s64)ret, PSCI_INVALID_PARAMETERS,
		  "CPU_ON of a CPU outside the cell: INVALID_PARAMETERS");

	/* -EPERM and WARDEN_HC_NOT_SUPPORTED are both -1. */
	EXPECT_EQ(hvc_call(WARDEN_HC_CELL_CREATE, 0, 0, 0),
		  EPERM_OR_NOT_SUPPORTED, "CELL_CREATE is refused");
	EXPECT_EQ(hvc_call(WARDEN_HC_HYPERVISOR_GET_INFO, WARDEN_INFO_NUM_CELLS,
			   0, 0),
		  EPERM_OR_NOT_SUPPORTED, "HYPERVISOR_GET_INFO is refused");
	EXPECT_EQ(hvc_call(WARDEN_HC_DISABLE, 0, 0, 0), EPERM_OR_NOT_SUPPORTED,
		  "DISABLE is refused");
}

static void test_gic(void)
{
	unsigned long gicd = (unsigned long)gicd_base();

	if (comm_region()->gic_version != 3 || !gicd) {
		EXPECT_TRUE(0, "comm region describes a GICv3 distributor");
		return;
	}
	/* SPIs 32..63; this test's cell owns none of them. */
	EXPECT_EQ(mmio_read32(gicd + GICD_ISENABLER(1)), 0,
		  "GICD_ISENABLER1 of SPIs the cell does not own reads 0");
}

int main(void)
{
	printk("isolation-test: cell \"%s\" on CPU %u\n", comm_cell_name(),
	       MPIDR_AFF0(this_mpidr()));
	test_calls();
	test_gic();
	test_summary();
	inmate_wait_for_shutdown("isolation-test");
}
