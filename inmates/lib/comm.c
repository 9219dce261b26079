/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The communication region and the shutdown protocol: the hypervisor
 * writes WARDEN_MSG_SHUTDOWN_REQUEST into msg_to_cell; the cell answers in
 * reply_from_cell.
 */
#include <inmate.h>

/*
 * struct warden_comm_region is packed, so the compiler would access its
 * fields byte by byte. The message words are naturally aligned: access
 * them as whole words, so that the hypervisor never sees half a reply.
 */
#define COMM_WORD(field)                          \
	((volatile u32 *)((char *)comm_region() + \
			  offsetof(struct warden_comm_region, field)))

_Static_assert(offsetof(struct warden_comm_region, msg_to_cell) % 4 == 0,
	       "msg_to_cell must be word aligned");
_Static_assert(offsetof(struct warden_comm_region, reply_from_cell) % 4 == 0,
	       "reply_from_cell must be word aligned");
_Static_assert(offsetof(struct warden_comm_region, cell_state) % 4 == 0,
	       "cell_state must be word aligned");

int comm_check(void);

static char cell_name[WARDEN_CELL_NAME_LEN + 1];

const char *comm_cell_name(void)
{
	memcpy(cell_name, comm_region()->cell_name, WARDEN_CELL_NAME_LEN);
	cell_name[WARDEN_CELL_NAME_LEN] = '\0';
	return cell_name;
}

unsigned int comm_num_cpus(void)
{
	return comm_region()->num_cpus;
}

u64 comm_cpu_mpidr(unsigned int idx)
{
	if (idx >= comm_num_cpus() || idx >= WARDEN_MAX_CPUS)
		return 0;
	return comm_region()->cpu_mpidr[idx] & MPIDR_AFF_MASK;
}

int comm_cpu_index_of(u64 mpidr)
{
	unsigned int i, n = comm_num_cpus();

	mpidr &= MPIDR_AFF_MASK;
	for (i = 0; i < n && i < WARDEN_MAX_CPUS; i++)
		if ((comm_region()->cpu_mpidr[i] & MPIDR_AFF_MASK) == mpidr)
			return (int)i;
	return -1;
}

int comm_shutdown_pending(void)
{
	return *COMM_WORD(msg_to_cell) == WARDEN_MSG_SHUTDOWN_REQUEST;
}

void comm_reply(int approve)
{
	*COMM_WORD(msg_to_cell) = WARDEN_MSG_NONE;
	/* The hypervisor must see the message consumed before the reply. */
	dmb(ish);
	*COMM_WORD(reply_from_cell) = approve ? WARDEN_MSG_REQUEST_APPROVED :
						WARDEN_MSG_REQUEST_DENIED;
	dsb(ish);
}

/*
 * Returns 0 if the region is one this library understands. A different
 * revision is reported to the hypervisor through cell_state.
 */
int comm_check(void)
{
	struct warden_comm_region *comm = comm_region();

	if (memcmp(comm->signature, WARDEN_COMM_SIGNATURE,
		   WARDEN_SIGNATURE_LEN)) {
		printk("inmate: no comm region signature at %p\n", comm);
		return -1;
	}
	if (comm->revision != WARDEN_COMM_REVISION) {
		printk("inmate: comm region revision %u, expected %u\n",
		       comm->revision, WARDEN_COMM_REVISION);
		*COMM_WORD(cell_state) = WARDEN_CELL_FAILED_COMM_REV;
		return -1;
	}
	return 0;
}

const char *inmate_param(void)
{
	const char *p = (const char *)INMATE_PARAM_ADDR;
	unsigned int i;

	for (i = 0; i < INMATE_PARAM_SIZE; i++)
		if (!p[i])
			return p;
	return "";
}

void inmate_wait_for_shutdown(const char *who)
{
	while (!comm_shutdown_pending())
		delay_us(1000);
	printk("%s: shutdown approved\n", who);
	comm_reply(1);
	psci_system_off();
}
