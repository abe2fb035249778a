package io.dialright.platform.consumer;

import java.sql.Connection;
import java.util.List;

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
}
