package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * consent-service's projection of contact-service's {@code ContactCreated}: which contact holds a number and where
 * the number came from, so an access report can answer "how did you get my number?".
 */
@ApplicationScoped
public class ContactNumbers {

    /** One number of one contact, with the contact's source. */
    public record ContactNumber(UUID contactId, String phoneHash, String masked, String type, String label,
                                String sourceChannel, String sourceCampaign, Instant createdAt) {
    }

    private final EntityManager entityManager;

    public ContactNumbers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void add(ContactNumber number) {
        entityManager.createNativeQuery("""
                        INSERT INTO contact_number (contact_id, phone_hash, masked, number_type, label, source_channel,
                                                    source_campaign, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (contact_id, phone_hash) DO NOTHING""")
                .setParameter(1, number.contactId())
                .setParameter(2, number.phoneHash())
                .setParameter(3, number.masked())
                .setParameter(4, number.type())
                .setParameter(5, number.label())
                .setParameter(6, number.sourceChannel())
                .setParameter(7, number.sourceCampaign())
                .setParameter(8, number.createdAt())
                .executeUpdate();
    }

    /** The merged contact's numbers now belong to the survivor (a number both held is kept once). */
    public void rekey(UUID mergedId, UUID survivorId) {
        entityManager.createNativeQuery("""
                        INSERT INTO contact_number (contact_id, phone_hash, masked, number_type, label, source_channel,
                                                    source_campaign, created_at)
                        SELECT ?2, phone_hash, masked, number_type, label, source_channel, source_campaign, created_at
                        FROM contact_number WHERE contact_id = ?1
                        ON CONFLICT (contact_id, phone_hash) DO NOTHING""")
                .setParameter(1, mergedId)
                .setParameter(2, survivorId)
                .executeUpdate();
        deleteContacts(List.of(mergedId));
    }

    public void deleteContacts(List<UUID> contactIds) {
        if (!contactIds.isEmpty()) {
            entityManager.createNativeQuery("DELETE FROM contact_number WHERE contact_id IN (?1)")
                    .setParameter(1, contactIds)
                    .executeUpdate();
        }
    }

    public void deleteNumber(String phoneHash) {
        entityManager.createNativeQuery("DELETE FROM contact_number WHERE phone_hash = ?1")
                .setParameter(1, phoneHash)
                .executeUpdate();
    }

    public List<ContactNumber> ofNumber(String phoneHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT contact_id, phone_hash, masked, number_type, label, source_channel, source_campaign,
                               created_at
                        FROM contact_number WHERE phone_hash = ?1 ORDER BY created_at""")
                .setParameter(1, phoneHash)
                .getResultList();
        return rows.stream().map(row -> new ContactNumber((UUID) row[0], ((String) row[1]).trim(), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], Times.instant(row[7]))).toList();
    }
}
