package io.dialright.platform.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Keeps the processed-event table from growing without end: an id is kept only as long as a redelivery can still
 * arrive (a relay retry, a consumer that restarts before committing its offsets), which is minutes; the default keeps
 * it as long as the broker keeps the message. Published outbox rows need no retention, the relay deletes them.
 * Parked outbox rows and dead letters wait for a person, but not for ever: their values may hold personal data that
 * no erasure can find, so they go after {@code parked-messages}. Deletes run in small batches so no long lock is held.
 */
public final class MessagingRetention {

    private static final int BATCH = 5_000;

    /** Deletes the processed-event ids older than {@code keepProcessed}; returns how many. */
    public long purge(Connection connection, Duration keepProcessed) throws SQLException {
        return deleteInBatches(connection, """
                DELETE FROM processed_event WHERE (consumer_group, event_id) IN (
                    SELECT consumer_group, event_id FROM processed_event
                    WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""", keepProcessed);
    }

    /** Deletes the dead letters and parked outbox rows parked before {@code keepParked}; returns how many. */
    public long purgeParked(Connection connection, Duration keepParked) throws SQLException {
        return deleteInBatches(connection, """
                DELETE FROM dead_letter WHERE id IN (
                    SELECT id FROM dead_letter WHERE parked_at < now() - make_interval(secs => ?) LIMIT ?)""",
                keepParked)
                + deleteInBatches(connection, """
                DELETE FROM outbox_event WHERE id IN (
                    SELECT id FROM outbox_event WHERE parked_at < now() - make_interval(secs => ?) LIMIT ?)""",
                keepParked);
    }

    private static long deleteInBatches(Connection connection, String sql, Duration keep) throws SQLException {
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setDouble(1, keep.toSeconds());
            delete.setInt(2, BATCH);
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == BATCH);
        }
        return total;
    }
}
