package io.dialright.platform.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * SQL of the {@code processed_event} and {@code dead_letter} tables (platform migration
 * {@code db/platform/V0_1__messaging.sql}).
 */
final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** Records several events in one statement; returns the ids that were not processed before. */
    static Set<UUID> markProcessed(Connection connection, String consumerGroup, List<UUID> eventIds)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_event (consumer_group, event_id) SELECT ?, id FROM unnest(?::uuid[]) AS id "
                        + "ON CONFLICT DO NOTHING RETURNING event_id")) {
            insert.setString(1, consumerGroup);
            insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
            Set<UUID> fresh = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getObject(1, UUID.class));
                }
            }
            return fresh;
        }
    }

    /**
     * The text with each NUL character (U+0000), which PostgreSQL cannot store in a text column, replaced by U+FFFD.
     * A message is often parked for holding one (its key, and the error quoting it): were parking to fail for the
     * same reason, the consumer would retry that message forever and its partition would stop.
     */
    private static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    /** Parks a message; {@code false} when that offset was parked before (a redelivery after a crash). */
    static boolean park(Connection connection, String consumerGroup, ParkedMessage message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dead_letter (consumer_group, topic, kafka_partition, kafka_offset, message_key, "
                        + "event_id, message_value, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumerGroup);
            insert.setString(2, message.topic());
            insert.setInt(3, message.partition());
            insert.setLong(4, message.offset());
            insert.setString(5, storable(message.key()));
            insert.setObject(6, message.eventId());
            insert.setBytes(7, message.value());
            insert.setString(8, storable(message.error()));
            return insert.executeUpdate() == 1;
        }
    }
}
