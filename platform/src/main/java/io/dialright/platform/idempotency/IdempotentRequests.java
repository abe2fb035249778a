package io.dialright.platform.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The table of keyed requests. Each statement commits on its own, outside the request's business transaction: the
 * claim before the endpoint runs, the answer after its transaction has committed. A service that dies in between
 * leaves a claim without an answer; after {@code abandonedAfter} a repeat may take it over and run the request again.
 * Each claim carries its own id, and only the request holding it may answer or let go: a request outlived by its
 * claim finds it taken over and changes nothing.
 */
@ApplicationScoped
public class IdempotentRequests {

    /**
     * What already holds a key: a request still running, or the answer of one that finished; an answer without
     * {@code sealedBody} was given but could not be kept.
     */
    public record Holder(boolean answered, byte[] fingerprint, int status, String contentType, String location,
                         byte[] sealedBody) {
    }

    /**
     * Inserts the claim, or takes over a row whose request was abandoned or whose answer is past keeping; answers a
     * row only when this request now holds the key. The row lock of {@code ON CONFLICT} makes two claims of one key
     * at once end with one holder.
     */
    private static final String CLAIM = """
            INSERT INTO idempotent_request AS r (lookup_key, claim_id, started_at) VALUES (?, ?, now())
            ON CONFLICT (lookup_key) DO UPDATE SET claim_id = EXCLUDED.claim_id, started_at = now(),
                answered_at = NULL, fingerprint = NULL, status = NULL, content_type = NULL, location = NULL,
                sealed_body = NULL
            WHERE (r.answered_at IS NULL AND r.started_at < now() - make_interval(secs => ?))
               OR (r.answered_at IS NOT NULL AND r.started_at < now() - make_interval(secs => ?))
            RETURNING true""";

    private final DataSource dataSource;

    public IdempotentRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when this request now holds the key under {@code claimId}; otherwise what holds it. */
    public Optional<Holder> claim(String lookupKey, UUID claimId, Duration abandonedAfter, Duration keep)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // The holder may let go (a failed request) between the insert and the read: then claim again.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (inserted(connection, lookupKey, claimId, abandonedAfter, keep)) {
                    return Optional.empty();
                }
                Optional<Holder> holder = holder(connection, lookupKey);
                if (holder.isPresent()) {
                    return holder;
                }
            }
            return Optional.of(new Holder(false, null, 0, null, null, null));
        }
    }

    /** Keeps the answer of the request holding the key under {@code claimId}. */
    public void answer(String lookupKey, UUID claimId, byte[] fingerprint, int status, String contentType,
                       String location, byte[] sealedBody) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE idempotent_request SET answered_at = now(), fingerprint = ?, status = ?,
                         content_type = ?, location = ?, sealed_body = ?
                     WHERE lookup_key = ? AND claim_id = ? AND answered_at IS NULL""")) {
            update.setBytes(1, fingerprint);
            update.setInt(2, status);
            update.setString(3, contentType);
            update.setString(4, location);
            update.setBytes(5, sealedBody);
            update.setString(6, lookupKey);
            update.setObject(7, claimId);
            update.executeUpdate();
        }
    }

    /** Lets go of a key held under {@code claimId} without an answer, so that a repeat of the request runs it. */
    public void release(String lookupKey, UUID claimId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM idempotent_request WHERE lookup_key = ? AND claim_id = ? AND answered_at IS NULL")) {
            delete.setString(1, lookupKey);
            delete.setObject(2, claimId);
            delete.executeUpdate();
        }
    }

    /** Deletes the rows started before {@code keep}; returns how many. */
    public long purge(Connection connection, Duration keep) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM idempotent_request WHERE started_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, keep.toSeconds());
            return delete.executeUpdate();
        }
    }

    private static boolean inserted(Connection connection, String lookupKey, UUID claimId, Duration abandonedAfter,
                                    Duration keep) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, lookupKey);
            claim.setObject(2, claimId);
            claim.setDouble(3, abandonedAfter.toSeconds());
            claim.setDouble(4, keep.toSeconds());
            try (ResultSet row = claim.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Optional<Holder> holder(Connection connection, String lookupKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT answered_at IS NOT NULL, fingerprint, status, content_type, location, sealed_body
                FROM idempotent_request WHERE lookup_key = ?""")) {
            select.setString(1, lookupKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(row.getBoolean(1), row.getBytes(2), row.getInt(3), row.getString(4),
                        row.getString(5), row.getBytes(6)));
            }
        }
    }
}
