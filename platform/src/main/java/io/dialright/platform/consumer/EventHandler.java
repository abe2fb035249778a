package io.dialright.platform.consumer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.dialright.platform.events.EventEnvelope;

/**
 * Applies one event. It runs inside the transaction that also records the event id as processed, so the effect
 * and the de-duplication commit or roll back together. The connection belongs to that transaction; JPA work done
 * in the same call joins it too.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope event, Connection connection) throws Exception;

    /**
     * Applies several new events of one partition, in order, in one transaction. Handlers whose work gains from
     * batching (one lock, one batched insert) override it; if it throws, the consumer rolls the batch back and
     * applies the events one by one through {@link #handle}.
     */
    default void handleAll(List<EventEnvelope> events, Connection connection) throws Exception {
        for (EventEnvelope event : events) {
            handle(event, connection);
        }
    }

    /**
     * For a handler whose effect is itself keyed by the event id (a unique column): which of these events it has not
     * applied yet, read in the transaction that will apply them. The consumer then records no processed id and
     * hands it only those. {@code null}, the default, lets the consumer record processed ids in
     * {@code processed_event}. A handler that keeps one row per event for good, such as audit-service's trail, would
     * otherwise keep a second, useless row per event there.
     */
    default Set<UUID> unapplied(Connection connection, List<UUID> eventIds) throws SQLException {
        return null;
    }
}
