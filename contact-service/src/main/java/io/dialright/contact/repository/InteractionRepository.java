package io.dialright.contact.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.dialright.contact.lookup.CallerSignals;

/** Calls with a customer (C-5), by contact and by number: a caller may have called before they were a contact. */
@ApplicationScoped
public class InteractionRepository {

    /** One call as the card shows it; the operator is a subject, the recording a reference, no number. */
    public record Interaction(String callId, String direction, String outcome, String operatorId, String campaignId,
                              String reason, Integer durationSec, String recordingRef, Instant occurredAt) {
    }

    private static final String OF_CALLER = "(contact_id = ?1 OR phone_hash = ?2)";

    private final EntityManager entityManager;

    public InteractionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public List<Interaction> recent(UUID contactId, String phoneHash, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT call_id, direction, outcome, operator_id, campaign_id, reason, duration_sec,
                               recording_ref, occurred_at
                        FROM interaction WHERE""" + " " + OF_CALLER + " ORDER BY occurred_at DESC LIMIT ?3")
                .setParameter(1, contactId)
                .setParameter(2, phoneHash)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream().map(row -> new Interaction((String) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], row[6] == null ? null : ((Number) row[6]).intValue(),
                (String) row[7], instant(row[8]))).toList();
    }

    /** The counts behind the card's signals and the complaints rule, in one statement. */
    public CallerSignals signals(UUID contactId, String phoneHash, Instant frequentSince, Instant complaintsSince) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE occurred_at >= ?3),
                               count(*) FILTER (WHERE outcome = 'COMPLAINT' AND occurred_at >= ?4),
                               max(occurred_at) FILTER (WHERE outcome = 'COMPLAINT'),
                               max(occurred_at) FILTER (WHERE outcome = 'RESOLVED'),
                               max(occurred_at)
                        FROM interaction WHERE""" + " " + OF_CALLER)
                .setParameter(1, contactId)
                .setParameter(2, phoneHash)
                .setParameter(3, frequentSince)
                .setParameter(4, complaintsSince)
                .getSingleResult();
        Instant lastComplaint = instant(row[2]);
        Instant lastResolved = instant(row[3]);
        boolean open = lastComplaint != null && (lastResolved == null || lastResolved.isBefore(lastComplaint));
        return new CallerSignals(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), open, instant(row[4]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getSimpleName());
    }
}
