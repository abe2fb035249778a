package io.dialright.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Serialises the changes of one number's consents, erasure and privacy requests: a transaction-scoped advisory lock
 * on the blind index, so two concurrent grants cannot both become the number's active consent.
 */
@ApplicationScoped
public class NumberLocks {

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
}
