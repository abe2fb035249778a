package io.dialright.platform.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Keeps the messaging tables from growing without end. Published outbox rows are kept for a while for
 * investigations; processed-event ids only as long as a redelivery can still arrive (a relay retry, a consumer that
 * restarts before committing its offsets), which is minutes — the default keeps them far longer than the broker's
 * retention. Unpublished and parked outbox rows and dead letters are never deleted here: they need a person.
 * Deletes run in small batches so no long lock is held.
 */
public final class MessagingRetention {

    private static final int BATCH = 5_000;

    /** What one run deleted. */
    public record Purged(long publishedEvents, long processedEvents) {
    }

    public Purged purge(Connection connection, Duration keepPublished, Duration keepProcessed) throws SQLException {
        long events = deleteInBatches(connection, """
                DELETE FROM outbox_event WHERE id IN (
                    SELECT id FROM outbox_event
                    WHERE published_at < now() - make_interval(secs => ?) LIMIT ?)""", keepPublished);
        long processed = deleteInBatches(connection, """
                DELETE FROM processed_event WHERE (consumer_group, event_id) IN (
                    SELECT consumer_group, event_id FROM processed_event
                    WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""", keepProcessed);
        return new Purged(events, processed);
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
