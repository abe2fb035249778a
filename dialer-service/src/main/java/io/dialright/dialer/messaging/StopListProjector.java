package io.dialright.dialer.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/** Keeps {@code stop_list_projection} in step with consent-service's {@code OptOutRecorded} events. */
@ApplicationScoped
public class StopListProjector implements EventSubscription {

    /** The fields of consent-service's {@code OptOutRecorded} payload this projection needs. */
    public record OptOutRecorded(String phoneHash, Instant recordedAt) {
    }

    @Override
    public String name() {
        return "stop-list-projection";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONSENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws Exception {
        if (!"OptOutRecorded".equals(event.eventType())) {
            return;
        }
        OptOutRecorded optOut = event.payloadAs(OptOutRecorded.class);
        if (optOut.phoneHash() == null || optOut.recordedAt() == null) {
            throw new InvalidEventException("OptOutRecorded " + event.eventId() + " has no phoneHash or recordedAt");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO stop_list_projection (phone_hash, opted_out_at, source_event_id) VALUES (?, ?, ?)
                ON CONFLICT (phone_hash) DO NOTHING""")) {
            insert.setString(1, optOut.phoneHash());
            insert.setTimestamp(2, Timestamp.from(optOut.recordedAt()));
            insert.setObject(3, event.eventId());
            insert.executeUpdate();
        }
    }
}
