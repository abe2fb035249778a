package io.dialright.consent.repository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Operators' access to contacts, as contact-service keeps it: a row per contact and operator with the time of their
 * last contact with the customer; access holds while that time is younger than the configured TTL.
 */
@ApplicationScoped
public class OperatorAssignments {

    private final EntityManager entityManager;
    private final Clock clock;

    public OperatorAssignments(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Opens or refreshes an operator's access; an older contact time never shortens a newer one, and a time in the
     * future counts as now (an event dated 2100 must not keep access open for ever).
     */
    public void touch(UUID contactId, String operatorId, String team, Instant at) {
        Instant now = clock.instant();
        Instant contactAt = at.isAfter(now) ? now : at;
        entityManager.createNativeQuery("""
                        INSERT INTO operator_assignment (contact_id, operator_id, team, last_contact_at)
                        VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (contact_id, operator_id) DO UPDATE
                        SET last_contact_at = greatest(operator_assignment.last_contact_at, excluded.last_contact_at),
                            team = coalesce(excluded.team, operator_assignment.team)""")
                .setParameter(1, contactId)
                .setParameter(2, operatorId)
                .setParameter(3, team)
                .setParameter(4, contactAt)
                .executeUpdate();
    }

    /** The merged contact's assignments now hold for the survivor (the later contact time wins). */
    public void merge(UUID mergedId, UUID survivorId) {
        entityManager.createNativeQuery("""
                        INSERT INTO operator_assignment (contact_id, operator_id, team, last_contact_at)
                        SELECT ?2, operator_id, team, last_contact_at FROM operator_assignment WHERE contact_id = ?1
                        ON CONFLICT (contact_id, operator_id) DO UPDATE
                        SET last_contact_at = greatest(operator_assignment.last_contact_at, excluded.last_contact_at),
                            team = coalesce(operator_assignment.team, excluded.team)""")
                .setParameter(1, mergedId)
                .setParameter(2, survivorId)
                .executeUpdate();
        delete(List.of(mergedId));
    }

    public void delete(List<UUID> contactIds) {
        if (!contactIds.isEmpty()) {
            entityManager.createNativeQuery("DELETE FROM operator_assignment WHERE contact_id IN (?1)")
                    .setParameter(1, contactIds)
                    .executeUpdate();
        }
    }

    public boolean operatorHasAccess(UUID contactId, String operatorId, Instant since) {
        return !entityManager.createNativeQuery("""
                        SELECT 1 FROM operator_assignment
                        WHERE contact_id = ?1 AND operator_id = ?2 AND last_contact_at > ?3""")
                .setParameter(1, contactId)
                .setParameter(2, operatorId)
                .setParameter(3, since)
                .getResultList().isEmpty();
    }

    /** Whether an operator of {@code team} currently works with the contact (a supervisor sees their team's work). */
    public boolean teamHasAccess(UUID contactId, String team, Instant since) {
        return !entityManager.createNativeQuery("""
                        SELECT 1 FROM operator_assignment
                        WHERE contact_id = ?1 AND team = ?2 AND last_contact_at > ?3""")
                .setParameter(1, contactId)
                .setParameter(2, team)
                .setParameter(3, since)
                .getResultList().isEmpty();
    }
}
