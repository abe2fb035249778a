package io.dialright.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Walks the whole chain from the first entry, in pages: every sequence number must be present, every entry must
 * link to the hash of the one before, and every stored hash must equal the hash recomputed from the row's content;
 * at the end the head must point at the last entry. The signed checkpoints then catch what a consistent rewrite
 * hides: every checkpoint must be validly signed, name an entry that still exists, and match its hash. Names the
 * first sequence number where any of this fails.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 1_000;

    /** The outcome: {@code firstBrokenSeq} and {@code reason} only when {@code valid} is false. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(boolean valid, long checked, int checkpoints, Long firstBrokenSeq, String reason) {
    }

    private final CheckpointLog checkpoints;

    public ChainVerifier(CheckpointLog checkpoints) {
        this.checkpoints = checkpoints;
    }

    public Verification verify(Connection connection) throws SQLException {
        List<Checkpoint> signed = checkpoints.readAll();
        Map<Long, String> signedHashes = new HashMap<>();
        for (Checkpoint checkpoint : signed) {
            if (!checkpoints.signatureValid(checkpoint)) {
                return broken(0, signed, checkpoint.seq(), "checkpoint " + checkpoint.seq()
                        + " has an invalid signature: the checkpoint log was altered");
            }
            signedHashes.put(checkpoint.seq(), checkpoint.entryHash());
        }
        byte[] previousHash = AuditChain.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        long lastConfirmed = 0;
        try (PreparedStatement page = connection.prepareStatement("""
                SELECT seq, event_id, occurred_at_micros, recorded_at_micros, producer, action, actor_subject,
                       actor_role, actor_team, subject_key, subject_hash, request_id, source_ip, details, prev_hash,
                       entry_hash
                FROM audit_entry WHERE seq >= ? ORDER BY seq LIMIT ?""")) {
            while (true) {
                page.setLong(1, expectedSeq);
                page.setInt(2, PAGE);
                int rows = 0;
                try (ResultSet row = page.executeQuery()) {
                    while (row.next()) {
                        rows++;
                        ChainedEntry entry = entry(row);
                        if (entry.seq() != expectedSeq) {
                            return broken(checked, signed, expectedSeq, "entry " + expectedSeq + " is missing");
                        }
                        if (!Arrays.equals(row.getBytes(15), previousHash)) {
                            return broken(checked, signed, entry.seq(), "entry does not link to the entry before it");
                        }
                        byte[] stored = row.getBytes(16);
                        if (!Arrays.equals(AuditChain.hash(previousHash, entry), stored)) {
                            return broken(checked, signed, entry.seq(), "entry content was changed");
                        }
                        String signedHash = signedHashes.get(entry.seq());
                        if (signedHash != null) {
                            if (!signedHash.equals(HexFormat.of().formatHex(stored))) {
                                return broken(checked, signed, lastConfirmed + 1, "the chain up to " + entry.seq()
                                        + " was rewritten after checkpoint " + entry.seq() + " was signed");
                            }
                            lastConfirmed = entry.seq();
                        }
                        previousHash = stored;
                        expectedSeq++;
                        checked++;
                    }
                }
                if (rows < PAGE) {
                    break;
                }
            }
        }
        long lastSeq = expectedSeq - 1;
        long lastSigned = signedHashes.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (lastSigned > lastSeq) {
            return broken(checked, signed, lastSeq + 1, "entries after " + lastSeq + " are missing (checkpoint "
                    + lastSigned + " was signed)");
        }
        return checkHead(connection, checked, signed, lastSeq, previousHash);
    }

    private static Verification checkHead(Connection connection, long checked, List<Checkpoint> signed,
                                          long lastSeq, byte[] lastHash) throws SQLException {
        try (PreparedStatement head = connection.prepareStatement("SELECT seq, entry_hash FROM audit_chain_head");
             ResultSet row = head.executeQuery()) {
            row.next();
            long headSeq = row.getLong(1);
            if (headSeq > lastSeq) {
                return broken(checked, signed, lastSeq + 1, "entries after " + lastSeq + " are missing");
            }
            if (headSeq != lastSeq || !Arrays.equals(row.getBytes(2), lastHash)) {
                return broken(checked, signed, lastSeq, "the chain head does not point at the last entry");
            }
        }
        return new Verification(true, checked, signed.size(), null, null);
    }

    private static Verification broken(long checked, List<Checkpoint> signed, long seq, String reason) {
        return new Verification(false, checked, signed.size(), seq, reason);
    }

    private static ChainedEntry entry(ResultSet row) throws SQLException {
        return new ChainedEntry(row.getLong(1), row.getObject(2, UUID.class), row.getLong(3), row.getLong(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), row.getString(11), row.getString(12), row.getString(13), row.getString(14));
    }
}
