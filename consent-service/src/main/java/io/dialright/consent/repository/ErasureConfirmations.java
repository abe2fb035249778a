package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Which services confirmed an erasure, and when. */
@ApplicationScoped
public class ErasureConfirmations {

    /** One service's confirmation. {@code details} is the confirming event's payload without the blind index. */
    public record Confirmation(String service, Instant confirmedAt, UUID eventId, String details) {
    }

    private final EntityManager entityManager;

    public ErasureConfirmations(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** {@code false} when the service had already confirmed this request. */
    public boolean add(UUID requestId, Confirmation confirmation) {
        return entityManager.createNativeQuery("""
                        INSERT INTO erasure_confirmation (privacy_request_id, service, confirmed_at, event_id, details)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (privacy_request_id, service) DO NOTHING""")
                .setParameter(1, requestId)
                .setParameter(2, confirmation.service())
                .setParameter(3, confirmation.confirmedAt())
                .setParameter(4, confirmation.eventId())
                .setParameter(5, confirmation.details())
                .executeUpdate() == 1;
    }

    public List<Confirmation> of(UUID requestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT service, confirmed_at, event_id, details FROM erasure_confirmation
                        WHERE privacy_request_id = ?1 ORDER BY confirmed_at, service""")
                .setParameter(1, requestId)
                .getResultList();
        return rows.stream().map(row -> new Confirmation((String) row[0], Times.instant(row[1]), (UUID) row[2],
                (String) row[3])).toList();
    }
}
