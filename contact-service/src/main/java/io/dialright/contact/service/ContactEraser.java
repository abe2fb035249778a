package io.dialright.contact.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.repository.ContactRepository;

/**
 * Erases the customers holding a number (K-7): their numbers (ciphertext, blind index, masked form), e-mail, name,
 * tags, sources, call history and operators' access are deleted; what stays is a row with the id and
 * {@code status ERASED}, so events and audit entries that name the id still resolve to "erased". The proof of the
 * request itself is kept by consent-service and the audit trail, pseudonymised; the number's blind index stays in
 * {@code erased_number}, so that it is never stored again.
 */
@ApplicationScoped
public class ContactEraser {

    /** Who was erased, and how many numbers went with them. */
    public record Erased(List<UUID> contactIds, int numbers) {
    }

    static final String ERASED_NAME = "(erased)";

    private final ContactRepository contacts;
    private final EntityManager entityManager;

    public ContactEraser(ContactRepository contacts, EntityManager entityManager) {
        this.contacts = contacts;
        this.entityManager = entityManager;
    }

    /**
     * Runs in the caller's transaction (the consumer's), with the confirmation event. The number's tombstone is
     * written under the number's lock, as creates and imports check it under that lock: none of them can store the
     * number once the erasure has committed, nor commit it unseen by the erasure.
     */
    public Erased eraseHoldersOf(String phoneHash, UUID privacyRequestId, Instant now) {
        contacts.lockNumber(phoneHash);
        entityManager.createNativeQuery("INSERT INTO erased_number (phone_hash, privacy_request_id, erased_at) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT (phone_hash) DO NOTHING")
                .setParameter(1, phoneHash).setParameter(2, privacyRequestId).setParameter(3, now)
                .executeUpdate();
        List<UUID> erased = new ArrayList<>();
        int numbers = 0;
        for (Contact contact : contacts.findByPhoneHash(phoneHash)) {
            numbers += contact.phones.size();
            contact.phones.clear();
            contact.sources = new ArrayList<>();
            contact.name = ERASED_NAME;
            contact.email = null;
            contact.otherIdentities = new ArrayList<>();
            contact.tags = new ArrayList<>();
            contact.timeZone = null;
            contact.preferredFrom = null;
            contact.preferredTo = null;
            contact.lastContactAt = null;
            contact.status = ContactStatus.ERASED;
            contact.erasedAt = now;
            contact.updatedAt = now;
            erased.add(contact.id);
        }
        contacts.flush();
        if (!erased.isEmpty()) {
            entityManager.createNativeQuery("DELETE FROM interaction WHERE contact_id = ANY(?1)")
                    .setParameter(1, erased.toArray(UUID[]::new)).executeUpdate();
            entityManager.createNativeQuery("DELETE FROM operator_assignment WHERE contact_id = ANY(?1)")
                    .setParameter(1, erased.toArray(UUID[]::new)).executeUpdate();
        }
        // Calls with the number before any contact held it are history of the same person.
        entityManager.createNativeQuery("DELETE FROM interaction WHERE phone_hash = ?1")
                .setParameter(1, phoneHash).executeUpdate();
        // The card's consent summary of the number: consent-service keeps the proof, the card needs it no more.
        entityManager.createNativeQuery("DELETE FROM caller_consent WHERE phone_hash = ?1")
                .setParameter(1, phoneHash).executeUpdate();
        entityManager.createNativeQuery("DELETE FROM caller_stop_listing WHERE phone_hash = ?1")
                .setParameter(1, phoneHash).executeUpdate();
        return new Erased(List.copyOf(erased), numbers);
    }
}
