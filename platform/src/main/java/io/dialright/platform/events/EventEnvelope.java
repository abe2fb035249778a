package io.dialright.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope every Dialright event travels in (API.md): the Kafka value is this record as JSON, the key is
 * {@link #key()} (the aggregate id), and {@code eventId}/{@code eventType} are repeated as headers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String producer,
        String key,
        Actor actor,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion starts at 1");
        }
    }

    /** A new event with a fresh id, occurring now, at schema version 1. */
    public static EventEnvelope create(String producer, String eventType, String key, Actor actor, Object payload) {
        return new EventEnvelope(UUID.randomUUID(), eventType, 1, Instant.now(), producer, key, actor,
                EventCodec.toTree(payload));
    }

    /** The same event as having happened at {@code instant} (imports of past activity, tests of time windows). */
    public EventEnvelope occurredAt(Instant instant) {
        return new EventEnvelope(eventId, eventType, schemaVersion, instant, producer, key, actor, payload);
    }

    /** The payload converted to a record or class of the consumer's choosing. */
    public <T> T payloadAs(Class<T> type) {
        return EventCodec.fromTree(payload, type);
    }
}
