package io.dialright.audit.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Appends every {@code AccessRecorded} event of {@code dialright.audit.v1} to the trail. The processed-event table
 * and the unique event id both make a redelivered event a no-op.
 */
@ApplicationScoped
public class AccessRecordedConsumer implements EventSubscription {

    @Override
    public String name() {
        return "access-log";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.AUDIT);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws Exception {
        if (!"AccessRecorded".equals(event.eventType())) {
            return;
        }
        String action = event.payload().path("action").asText(null);
        if (action == null || action.isBlank()) {
            throw new InvalidEventException("AccessRecorded " + event.eventId() + " names no action");
        }
        Actor actor = event.actor() != null ? event.actor() : new Actor(null, null, null);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_entry (event_id, occurred_at, producer, action, actor_subject, actor_role,
                                         actor_team, subject_key, request_id, source_ip, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (event_id) DO NOTHING""")) {
            insert.setObject(1, event.eventId());
            insert.setTimestamp(2, Timestamp.from(event.occurredAt()));
            insert.setString(3, event.producer());
            insert.setString(4, action);
            insert.setString(5, actor.subject());
            insert.setString(6, actor.role());
            insert.setString(7, actor.team());
            // The subject as the producer names it (a contact id); never defaulted to the Kafka key, which for
            // number-keyed events is a blind index that must not leave the service.
            insert.setString(8, event.payload().path("subjectKey").asText(null));
            insert.setString(9, event.payload().path("requestId").asText(null));
            insert.setString(10, event.payload().path("sourceIp").asText(null));
            insert.setString(11, event.payload().toString());
            insert.executeUpdate();
        }
    }
}
