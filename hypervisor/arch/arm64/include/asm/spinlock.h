/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks that give way while they wait (wfe, woken by the sev in unlock),
 * so a waiter cannot starve the holder when both share one host thread.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <hv/types.h>
#include <asm/sysregs.h>

typedef struct {
	volatile unsigned int locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			wfe();
}

/* True when the lock was free and is now held by the caller. */
static inline bool spin_trylock(spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	dsb(ishst);
	sev();
}

#endif /* _ASM_SPINLOCK_H */
