package io.dialright.consent.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Serialises the changes of one number's consents, erasure, privacy requests and history: a transaction-scoped
 * advisory lock on the blind index, so two concurrent grants cannot both become the number's active consent, and an
 * erasure cannot miss a call or export being recorded at the same moment.
 */
@ApplicationScoped
public class NumberLocks {

    private final EntityManager entityManager;
    private final DataSource dataSource;

    public NumberLocks(EntityManager entityManager, DataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** Held until the current transaction ends. */
    public void lock(String phoneHash) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setParameter(1, phoneHash)
                .getSingleResult();
    }

    /**
     * Several numbers with one statement, taken in sorted order so that two transactions locking overlapping sets
     * wait for each other instead of deadlocking. Held until the current transaction ends.
     */
    public void lockAll(Collection<String> phoneHashes) {
        Object[] sorted = phoneHashes.stream().distinct().sorted().toArray();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("SELECT count(pg_advisory_xact_lock("
                     + "hashtextextended(locked.phone_hash, 7))) FROM unnest(?::text[]) AS locked(phone_hash)")) {
            lock.setArray(1, connection.createArrayOf("text", sorted));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock " + sorted.length + " numbers", e);
        }
    }
}
