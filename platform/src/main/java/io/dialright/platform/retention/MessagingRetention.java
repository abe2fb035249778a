package io.dialright.platform.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Keeps the processed-event table from growing without end: an id is kept only as long as a redelivery can still
 * arrive (a relay retry, a consumer that restarts before committing its offsets), which is minutes; the default keeps
 * it as long as the broker keeps the message. Published outbox rows need no retention, the relay deletes them;
 * parked outbox rows and dead letters are never deleted here: they need a person. Deletes run in small batches so
 * no long lock is held.
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
