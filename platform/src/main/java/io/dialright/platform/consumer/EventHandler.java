package io.dialright.platform.consumer;

import java.sql.Connection;

import io.dialright.platform.events.EventEnvelope;

/**
 * Applies one event. It runs inside the transaction that also records the event id as processed, so the effect
 * and the de-duplication commit or roll back together. The connection belongs to that transaction; JPA work done
 * in the same call joins it too.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope event, Connection connection) throws Exception;
}
