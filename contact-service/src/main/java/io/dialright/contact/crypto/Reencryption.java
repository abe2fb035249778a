package io.dialright.contact.crypto;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.dialright.contact.config.ContactConfig;
import io.dialright.platform.crypto.FieldCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Moves numbers and recording references sealed under an old key to the primary key (C-7 rotation), a batch per
 * transaction, skipping rows another instance is moving. Once {@link #countByKey()} shows nothing under the old key,
 * it may leave the ring.
 */
@ApplicationScoped
public class Reencryption {

    /** How many numbers and recording references are sealed under one key. */
    public record KeyUsage(String keyId, long numbers, long recordingRefs, boolean primary) {
    }

    private static final Logger LOG = Logger.getLogger(Reencryption.class);

    private final EntityManager entityManager;
    private final PhoneVault vault;
    private final int batch;

    public Reencryption(EntityManager entityManager, PhoneVault vault, ContactConfig config) {
        this.entityManager = entityManager;
        this.vault = vault;
        this.batch = config.encryption().reencryptionBatch();
    }

    @Scheduled(every = "${dialright.contact.encryption.reencryption-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "10s")
    void scheduled() {
        long moved = moveAll();
        if (moved > 0) {
            LOG.infof("Re-encrypted %d numbers under the primary key %s", moved, vault.primaryKeyId());
        }
    }

    /**
     * Re-seals every number and recording reference not under the primary key, and seals the references written in
     * clear before migration V11; returns how many numbers were moved.
     */
    public long moveAll() {
        long total = 0;
        int moved;
        do {
            moved = QuarkusTransaction.requiringNew().call(this::moveBatch);
            total += moved;
        } while (moved == batch);
        while (QuarkusTransaction.requiringNew().call(this::moveRecordingRefs) == batch) {
            // the next batch
        }
        return total;
    }

    /** {@code < and >} rather than {@code <>}: the partial indexes of migration V11 then find the rows to move. */
    private int moveRecordingRefs() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, recording_key_id, recording_ref_sealed, recording_ref FROM interaction
                        WHERE recording_ref IS NOT NULL OR recording_key_id < ?1 OR recording_key_id > ?1
                        ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, vault.primaryKeyId())
                .setParameter(2, batch)
                .getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            String reference = row[2] != null ? vault.openRecordingRef(id, (String) row[1], (byte[]) row[2])
                    : (String) row[3];
            FieldCipher.Sealed sealed = vault.sealRecordingRef(id, reference);
            entityManager.createNativeQuery("""
                            UPDATE interaction
                            SET recording_ref_sealed = ?1, recording_key_id = ?2, recording_ref = NULL
                            WHERE id = ?3""")
                    .setParameter(1, sealed.ciphertext())
                    .setParameter(2, sealed.keyId())
                    .setParameter(3, id)
                    .executeUpdate();
        }
        return rows.size();
    }

    private int moveBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, key_id, ciphertext FROM contact_phone
                        WHERE key_id <> ?1 ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, vault.primaryKeyId())
                .setParameter(2, batch)
                .getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            FieldCipher.Sealed resealed = vault.reseal(id, (String) row[1], (byte[]) row[2]);
            entityManager.createNativeQuery("UPDATE contact_phone SET key_id = ?1, ciphertext = ?2 WHERE id = ?3")
                    .setParameter(1, resealed.keyId())
                    .setParameter(2, resealed.ciphertext())
                    .setParameter(3, id)
                    .executeUpdate();
        }
        return rows.size();
    }

    public List<KeyUsage> countByKey() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT key_id, sum(numbers), sum(recording_refs) FROM (
                            SELECT key_id, count(*) AS numbers, 0 AS recording_refs FROM contact_phone GROUP BY key_id
                            UNION ALL
                            SELECT recording_key_id, 0, count(*) FROM interaction
                            WHERE recording_key_id IS NOT NULL GROUP BY recording_key_id) AS sealed
                        GROUP BY key_id ORDER BY key_id""")
                .getResultList();
        return rows.stream().map(row -> new KeyUsage((String) row[0], ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), vault.primaryKeyId().equals(row[0]))).toList();
    }
}
