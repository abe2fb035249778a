package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Blind indexes of erased numbers: "forget me, but don't call me". */
@ApplicationScoped
public class ErasureTombstones {

    /** An erased number's tombstone: which request erased it and when. */
    public record Tombstone(UUID privacyRequestId, Instant erasedAt) {
    }

    private final EntityManager entityManager;

    public ErasureTombstones(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<Tombstone> find(String phoneHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT privacy_request_id, erased_at FROM erasure_tombstone WHERE phone_hash = ?1")
                .setParameter(1, phoneHash)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Tombstone((UUID) row[0], Times.instant(row[1])));
    }

    /** Keeps the first tombstone of a number: a second erasure of it changes nothing here. */
    public void add(String phoneHash, UUID privacyRequestId, Instant at) {
        entityManager.createNativeQuery("""
                        INSERT INTO erasure_tombstone (phone_hash, privacy_request_id, erased_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (phone_hash) DO NOTHING""")
                .setParameter(1, phoneHash)
                .setParameter(2, privacyRequestId)
                .setParameter(3, at)
                .executeUpdate();
    }
}
