package io.dialright.consent.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.dialright.consent.domain.StopListEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Stop-list entries by blind index. */
@ApplicationScoped
public class StopListRepository implements PanacheRepositoryBase<StopListEntry, UUID> {

    public Optional<StopListEntry> findInForce(String phoneHash) {
        return find("phoneHash = ?1 and removedAt is null", phoneHash).firstResultOptional();
    }

    /** The entry in force, locked so that two removals of one number remove it once. */
    public Optional<StopListEntry> lockInForce(String phoneHash) {
        return find("phoneHash = ?1 and removedAt is null", phoneHash)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Every entry of a number, removed ones too, oldest first (access reports). */
    public List<StopListEntry> ofNumber(String phoneHash) {
        return list("phoneHash", Sort.ascending("recordedAt"), phoneHash);
    }

    /**
     * Inserts the entry unless the number already has one in force; {@code false} when it had. The unique partial
     * index decides, so two concurrent opt-outs of one number record it exactly once.
     */
    public boolean addIfAbsent(StopListEntry entry) {
        int inserted = getEntityManager().createNativeQuery("""
                        INSERT INTO stop_list_entry (id, phone_hash, masked, channel, source, reason, call_id,
                                                     recorded_by, recorded_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        ON CONFLICT (phone_hash) WHERE removed_at IS NULL DO NOTHING""")
                .setParameter(1, entry.id)
                .setParameter(2, entry.phoneHash)
                .setParameter(3, entry.masked)
                .setParameter(4, entry.channel.name())
                .setParameter(5, entry.source)
                .setParameter(6, entry.reason)
                .setParameter(7, entry.callId)
                .setParameter(8, entry.recordedBy)
                .setParameter(9, entry.recordedAt)
                .executeUpdate();
        return inserted == 1;
    }
}
