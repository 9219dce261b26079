/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for the hypervisor's spinlocks: the unit tests are single-threaded. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	unsigned int locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	lock->locked++;
}

static inline int spin_trylock(spinlock_t *lock)
{
	return lock->locked++ == 0;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->locked--;
}

#endif
