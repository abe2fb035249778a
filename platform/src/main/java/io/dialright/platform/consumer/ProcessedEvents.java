package io.dialright.platform.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * SQL of the {@code processed_event} and {@code dead_letter} tables (platform migration
 * {@code db/platform/V0_1__messaging.sql}).
 */
final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** Records the event as processed by the group; {@code false} when it already was. */
    static boolean markProcessed(Connection connection, String consumerGroup, UUID eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_event (consumer_group, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumerGroup);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        }
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
            insert.setString(5, message.key());
            insert.setObject(6, message.eventId());
            insert.setBytes(7, message.value());
            insert.setString(8, message.error());
            return insert.executeUpdate() == 1;
        }
    }
}
