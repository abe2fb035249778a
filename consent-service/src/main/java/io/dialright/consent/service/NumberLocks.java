package io.dialright.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Serialises the changes of one number's consents, erasure, privacy requests and history: a transaction-scoped
 * advisory lock on the blind index, so two concurrent grants cannot both become the number's active consent, and an
 * erasure cannot miss a call or export being recorded at the same moment.
 */
@ApplicationScoped
public class NumberLocks {

    /** The key of the history writers' lock; no blind index (64 hex digits) can spell it. */
    private static final String HISTORY = "number-history";

    private final EntityManager entityManager;

    public NumberLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Held until the current transaction ends. */
    public void lock(String phoneHash) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setParameter(1, phoneHash)
                .getSingleResult();
    }

    /**
     * Shared by every writer of numbers' history (calls, exports) until the transaction ends; an erasure takes it
     * exclusively ({@link #excludeHistoryWriters()}). One lock whatever the number of numbers: a 100,000-number
     * export would otherwise hold 100,000 advisory locks and fill PostgreSQL's lock table for every service, and
     * batches locking many numbers in event order could deadlock each other. Writers hold no other lock of a
     * number, so no cycle can form.
     */
    public void shareWithHistoryWriters() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock_shared(hashtextextended(?1, 7))")
                .setParameter(1, HISTORY)
                .getSingleResult();
    }

    /**
     * Waits for the history writers in flight and holds new ones back until the transaction ends, so that a call or
     * export is either recorded before an erasure deletes the number's history or sees the erasure. Taken before
     * the number's own lock: two erasures of one number then queue here instead of deadlocking.
     */
    public void excludeHistoryWriters() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setParameter(1, HISTORY)
                .getSingleResult();
    }
}
