package io.dialright.contact.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setParameter(1, phoneHash)
                .getSingleResult();
    }
}
