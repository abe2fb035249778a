package io.dialright.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends entries to the chain on the caller's transaction. The head row is locked first, so appends from any
 * number of consumers or instances are serialised: sequence numbers stay contiguous and each entry links to the one
 * committed before it. A rollback takes the entry and the head's advance back together.
 */
@ApplicationScoped
public class AuditTrail {

    private static final String INSERT = """
            INSERT INTO audit_entry (seq, event_id, occurred_at_micros, recorded_at_micros, producer, action,
                                     actor_subject, actor_role, actor_team, subject_key, subject_hash,
                                     request_id, source_ip, details, prev_hash, entry_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING""";

    /** An entry to append; the trail assigns its sequence number, record time and hashes. */
    public record NewEntry(UUID eventId, Instant occurredAt, String producer, String action, String actorSubject,
                           String actorRole, String actorTeam, String subjectKey, String subjectHash,
                           String requestId, String sourceIp, String details) {
    }

    /** Returns the entry's sequence number, or -1 when an entry with this event id is already in the trail. */
    public long append(Connection connection, NewEntry entry) throws SQLException {
        return appendAll(connection, List.of(entry))[0];
    }

    /**
     * Appends entries in order with one head lock, one batched insert and one head update. Returns their sequence
     * numbers; a single entry whose event id is already in the trail gets -1. Among several, such a duplicate would
     * leave a gap in the sequence, so it throws instead and the caller's transaction must roll back.
     */
    public long[] appendAll(Connection connection, List<NewEntry> entries) throws SQLException {
        long[] seqs = new long[entries.size()];
        if (entries.isEmpty()) {
            return seqs;
        }
        long seq;
        byte[] previousHash;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT seq, entry_hash FROM audit_chain_head FOR UPDATE");
             ResultSet row = head.executeQuery()) {
            row.next();
            seq = row.getLong(1);
            previousHash = row.getBytes(2);
        }
        long recordedAt = micros(Instant.now());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < entries.size(); i++) {
                NewEntry entry = entries.get(i);
                seq++;
                ChainedEntry chained = new ChainedEntry(seq, entry.eventId(), micros(entry.occurredAt()), recordedAt,
                        entry.producer(), entry.action(), entry.actorSubject(), entry.actorRole(),
                        entry.actorTeam(), entry.subjectKey(), entry.subjectHash(), entry.requestId(),
                        entry.sourceIp(), entry.details());
                byte[] hash = AuditChain.hash(previousHash, chained);
                bind(insert, chained, previousHash, hash);
                insert.addBatch();
                seqs[i] = seq;
                previousHash = hash;
            }
            int[] inserted = insert.executeBatch();
            for (int count : inserted) {
                if (count == 0 && entries.size() == 1) {
                    return new long[] {-1};
                }
                if (count == 0) {
                    throw new SQLException("An event of the batch is already in the trail; append one by one");
                }
            }
        }
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE audit_chain_head SET seq = ?, entry_hash = ?")) {
            advance.setLong(1, seq);
            advance.setBytes(2, previousHash);
            advance.executeUpdate();
        }
        return seqs;
    }

    private static void bind(PreparedStatement insert, ChainedEntry entry, byte[] previousHash, byte[] hash)
            throws SQLException {
        insert.setLong(1, entry.seq());
        insert.setObject(2, entry.eventId());
        insert.setLong(3, entry.occurredAtMicros());
        insert.setLong(4, entry.recordedAtMicros());
        insert.setString(5, entry.producer());
        insert.setString(6, entry.action());
        insert.setString(7, entry.actorSubject());
        insert.setString(8, entry.actorRole());
        insert.setString(9, entry.actorTeam());
        insert.setString(10, entry.subjectKey());
        insert.setString(11, entry.subjectHash());
        insert.setString(12, entry.requestId());
        insert.setString(13, entry.sourceIp());
        insert.setString(14, entry.details());
        insert.setBytes(15, previousHash);
        insert.setBytes(16, hash);
    }

    /** Microseconds since the epoch: what PostgreSQL can store exactly and Java reloads unchanged. */
    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** The instant of a stored microsecond time. */
    public static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
