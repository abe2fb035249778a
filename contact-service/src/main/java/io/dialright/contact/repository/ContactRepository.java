package io.dialright.contact.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;

import io.dialright.contact.domain.Contact;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Contacts, found by id or by the blind index of one of their numbers. */
@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

    /** Contacts (not erased) holding the number with this blind index, oldest first, with all their numbers. */
    public List<Contact> findByPhoneHash(String phoneHash) {
        return find("select distinct c from Contact c left join fetch c.phones where c.erasedAt is null and exists "
                + "(select 1 from ContactPhone p where p.contact = c and p.phoneHash = ?1) order by c.createdAt",
                phoneHash).list();
    }

    /** The tombstone of a number erased on request, if this one was: {@code erased_number}, written by erasures. */
    public Optional<ErasedNumber> erasure(String phoneHash) {
        List<?> rows = getEntityManager().createNativeQuery(
                        "SELECT privacy_request_id, erased_at FROM erased_number WHERE phone_hash = ?1")
                .setParameter(1, phoneHash)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new ErasedNumber((UUID) row[0], instant(row[1])));
    }

    /** A {@code timestamptz} of a native query, as whichever type the driver and Hibernate hand it over. */
    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }

    /** The oldest live contact holding the number, other than {@code except}. */
    public Optional<UUID> firstHolderOf(String phoneHash, UUID except) {
        return getEntityManager().createQuery("""
                        select c.id from Contact c join c.phones p
                        where p.phoneHash = ?1 and c.erasedAt is null and (?2 is null or c.id <> ?2)
                        order by c.createdAt""", UUID.class)
                .setParameter(1, phoneHash)
                .setParameter(2, except)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /**
     * Serialises writers of one number until the transaction ends, so two concurrent creates of the same number
     * cannot both miss each other and skip the duplicate check.
     */
    public void lockNumber(String phoneHash) {
        // Without flushing first: changes already made to the contact would take its rows' locks before the number's,
        // the other way round from an erasure, which locks the number and then changes its holders.
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, phoneHash)
                .getSingleResult();
    }
}
