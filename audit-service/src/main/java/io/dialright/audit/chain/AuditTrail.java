package io.dialright.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends entries to the chain on the caller's transaction. The head row is locked first, so appends from any
 * number of consumers or instances are serialised: sequence numbers stay contiguous and each entry links to the one
 * committed before it. A rollback takes the entry and the head's advance back together.
 */
@ApplicationScoped
public class AuditTrail {

    /** An entry to append; the trail assigns its sequence number, record time and hashes. */
    public record NewEntry(UUID eventId, Instant occurredAt, String producer, String action, String actorSubject,
                           String actorRole, String actorTeam, String subjectKey, String subjectHash,
                           String requestId, String sourceIp, String details) {
    }

    /** Returns the entry's sequence number, or -1 when an entry with this event id is already in the trail. */
    public long append(Connection connection, NewEntry entry) throws SQLException {
        long previousSeq;
        byte[] previousHash;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT seq, entry_hash FROM audit_chain_head FOR UPDATE");
             ResultSet row = head.executeQuery()) {
            row.next();
            previousSeq = row.getLong(1);
            previousHash = row.getBytes(2);
        }
        ChainedEntry chained = new ChainedEntry(previousSeq + 1, entry.eventId(), micros(entry.occurredAt()),
                micros(Instant.now()), entry.producer(), entry.action(), entry.actorSubject(), entry.actorRole(),
                entry.actorTeam(), entry.subjectKey(), entry.subjectHash(), entry.requestId(), entry.sourceIp(),
                entry.details());
        byte[] hash = AuditChain.hash(previousHash, chained);
        if (!insert(connection, chained, previousHash, hash)) {
            return -1;
        }
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE audit_chain_head SET seq = ?, entry_hash = ?")) {
            advance.setLong(1, chained.seq());
            advance.setBytes(2, hash);
            advance.executeUpdate();
        }
        return chained.seq();
    }

    private static boolean insert(Connection connection, ChainedEntry entry, byte[] previousHash, byte[] hash)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_entry (seq, event_id, occurred_at_micros, recorded_at_micros, producer, action,
                                         actor_subject, actor_role, actor_team, subject_key, subject_hash,
                                         request_id, source_ip, details, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")) {
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
            return insert.executeUpdate() == 1;
        }
    }

    /** Microseconds since the epoch: what PostgreSQL can store exactly and Java reloads unchanged. */
    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
