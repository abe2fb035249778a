package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The SMS each client caused (table {@code sms_sent}), the record its quota is counted on. */
@ApplicationScoped
public class SmsLedger {

    private final EntityManager entityManager;

    public SmsLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Serialises one client's sends across instances until the current transaction ends, so two requests at the limit
     * cannot both count the same free place.
     */
    public void lock(String client) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 13))")
                .setParameter(1, "sms-quota:" + client)
                .getSingleResult();
    }

    /** Forgets the client's sends at or before {@code cutoff}: they count no more. */
    public void forgetUntil(String client, Instant cutoff) {
        entityManager.createNativeQuery("DELETE FROM sms_sent WHERE client = ?1 AND sent_at <= ?2")
                .setParameter(1, client)
                .setParameter(2, cutoff)
                .executeUpdate();
    }

    /** The times of the client's sends after {@code cutoff}, oldest first. */
    public List<Instant> sentAfter(String client, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Object> rows = entityManager.createNativeQuery(
                        "SELECT sent_at FROM sms_sent WHERE client = ?1 AND sent_at > ?2 ORDER BY sent_at")
                .setParameter(1, client)
                .setParameter(2, cutoff)
                .getResultList();
        return rows.stream().map(Times::instant).toList();
    }

    public void record(String client, Instant sentAt) {
        entityManager.createNativeQuery("INSERT INTO sms_sent (client, sent_at) VALUES (?1, ?2)")
                .setParameter(1, client)
                .setParameter(2, sentAt)
                .executeUpdate();
    }
}
