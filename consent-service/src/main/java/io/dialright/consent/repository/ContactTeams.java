package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * consent-service's projection of the team each contact belongs to, from contact-service's events: which
 * supervisors reach the contact's consent records.
 */
@ApplicationScoped
public class ContactTeams {

    private final EntityManager entityManager;

    public ContactTeams(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records the contact's team as of {@code at}; an older state never overwrites a newer one (a contact's own
     * events arrive in order, but an import's and a later update's travel on different partitions).
     */
    public void set(UUID contactId, String team, Instant at) {
        entityManager.createNativeQuery("""
                        INSERT INTO contact_team (contact_id, team, updated_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (contact_id) DO UPDATE SET team = excluded.team, updated_at = excluded.updated_at
                        WHERE contact_team.updated_at <= excluded.updated_at""")
                .setParameter(1, contactId)
                .setParameter(2, team)
                .setParameter(3, at)
                .executeUpdate();
    }

    /**
     * The merged contact is gone; the survivor keeps its team, or takes the merged one's if this service never
     * learnt the survivor's (contact-service merges only contacts of one team).
     */
    public void merge(UUID mergedId, UUID survivorId) {
        entityManager.createNativeQuery("""
                        INSERT INTO contact_team (contact_id, team, updated_at)
                        SELECT ?2, team, updated_at FROM contact_team WHERE contact_id = ?1
                        ON CONFLICT (contact_id) DO NOTHING""")
                .setParameter(1, mergedId)
                .setParameter(2, survivorId)
                .executeUpdate();
        delete(List.of(mergedId));
    }

    public void delete(List<UUID> contactIds) {
        if (!contactIds.isEmpty()) {
            entityManager.createNativeQuery("DELETE FROM contact_team WHERE contact_id IN (?1)")
                    .setParameter(1, contactIds)
                    .executeUpdate();
        }
    }

    /** Whether the contact is {@code team}'s. */
    public boolean of(UUID contactId, String team) {
        return !entityManager.createNativeQuery("SELECT 1 FROM contact_team WHERE contact_id = ?1 AND team = ?2")
                .setParameter(1, contactId)
                .setParameter(2, team)
                .getResultList().isEmpty();
    }
}
