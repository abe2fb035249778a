package io.dialright.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends entries to the chain on the caller's transaction. The head row is locked first, so appends from any
 * number of consumers or instances are serialised: sequence numbers stay contiguous and each entry links to the one
 * committed before it. A rollback takes the entry and the head's advance back together.
 */
@ApplicationScoped
public class AuditTrail {

    /**
     * Every new entry of a batch in one statement, from one array per column: a statement per entry cost
     * PostgreSQL its executor's set-up for each row.
     */
    private static final String INSERT = """
            INSERT INTO audit_entry (seq, event_id, occurred_at_micros, recorded_at_micros, producer, action,
                                     actor_subject, actor_role, actor_team, subject_key, subject_hash,
                                     request_id, source_ip, details, prev_hash, entry_hash)
            SELECT seq, event_id, occurred_at_micros, ?::bigint, producer, action, actor_subject, actor_role,
                   actor_team, subject_key, subject_hash, request_id, source_ip, details, prev_hash, entry_hash
            FROM unnest(?::bigint[], ?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[])
                AS e(seq, event_id, occurred_at_micros, producer, action, actor_subject, actor_role, actor_team,
                     subject_key, subject_hash, request_id, source_ip, details, prev_hash, entry_hash)""";

    /** An entry to append; the trail assigns its sequence number, record time and hashes. */
    public record NewEntry(UUID eventId, Instant occurredAt, String producer, String action, String actorSubject,
                           String actorRole, String actorTeam, String subjectKey, String subjectHash,
                           String requestId, String sourceIp, String details) {
    }

    /** Returns the entry's sequence number. */
    public long append(Connection connection, NewEntry entry) throws SQLException {
        return appendAll(connection, List.of(entry))[0];
    }

    /**
     * Appends entries in order with one head lock, one insert and one head update, and returns their sequence
     * numbers. Each event id is in the trail at most once: the caller leaves out the events already there
     * ({@link #present}); one that is there anyway fails the insert on the unique id, and the caller's transaction
     * rolls back with the head's advance.
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
        Columns columns = new Columns(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            NewEntry entry = entries.get(i);
            seq++;
            ChainedEntry chained = new ChainedEntry(seq, entry.eventId(), micros(entry.occurredAt()), recordedAt,
                    entry.producer(), entry.action(), entry.actorSubject(), entry.actorRole(), entry.actorTeam(),
                    entry.subjectKey(), entry.subjectHash(), entry.requestId(), entry.sourceIp(), entry.details());
            byte[] hash = AuditChain.hash(previousHash, chained);
            columns.add(chained, previousHash, hash);
            seqs[i] = seq;
            previousHash = hash;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, recordedAt);
            columns.bind(connection, insert, 2);
            insert.executeUpdate();
        }
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE audit_chain_head SET seq = ?, entry_hash = ?")) {
            advance.setLong(1, seq);
            advance.setBytes(2, previousHash);
            advance.executeUpdate();
        }
        return seqs;
    }

    /** Those of the event ids that already have their entry in the trail. */
    public Set<UUID> present(Connection connection, List<UUID> eventIds) throws SQLException {
        Set<UUID> present = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_id FROM audit_entry WHERE event_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return present;
    }

    /** The new entries of a batch as one array per column, in the order of {@link #INSERT}'s unnest. */
    private static final class Columns {

        private final Long[] seqs;
        private final UUID[] eventIds;
        private final Long[] occurredAt;
        private final String[][] texts;
        private final byte[][] previousHashes;
        private final byte[][] hashes;
        private int size;

        Columns(int capacity) {
            seqs = new Long[capacity];
            eventIds = new UUID[capacity];
            occurredAt = new Long[capacity];
            texts = new String[10][capacity];
            previousHashes = new byte[capacity][];
            hashes = new byte[capacity][];
        }

        void add(ChainedEntry entry, byte[] previousHash, byte[] hash) {
            seqs[size] = entry.seq();
            eventIds[size] = entry.eventId();
            occurredAt[size] = entry.occurredAtMicros();
            String[] values = {entry.producer(), entry.action(), entry.actorSubject(), entry.actorRole(),
                    entry.actorTeam(), entry.subjectKey(), entry.subjectHash(), entry.requestId(), entry.sourceIp(),
                    entry.details()};
            for (int column = 0; column < values.length; column++) {
                texts[column][size] = values[column];
            }
            previousHashes[size] = previousHash;
            hashes[size] = hash;
            size++;
        }

        void bind(Connection connection, PreparedStatement insert, int first) throws SQLException {
            int parameter = first;
            insert.setArray(parameter++, connection.createArrayOf("bigint", Arrays.copyOf(seqs, size)));
            insert.setArray(parameter++, connection.createArrayOf("uuid", Arrays.copyOf(eventIds, size)));
            insert.setArray(parameter++, connection.createArrayOf("bigint", Arrays.copyOf(occurredAt, size)));
            for (String[] column : texts) {
                insert.setArray(parameter++, connection.createArrayOf("text", Arrays.copyOf(column, size)));
            }
            insert.setArray(parameter++, connection.createArrayOf("bytea", Arrays.copyOf(previousHashes, size)));
            insert.setArray(parameter, connection.createArrayOf("bytea", Arrays.copyOf(hashes, size)));
        }
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
