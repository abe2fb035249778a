package io.dialright.audit.messaging;

import java.sql.Connection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Appends every {@code AccessRecorded} event of {@code dialright.audit.v1} to the hash-chained trail. The
 * processed-event table and the unique event id both make a redelivered event a no-op.
 */
@ApplicationScoped
public class AccessRecordedConsumer implements EventSubscription {

    private final AuditTrail trail;

    public AccessRecordedConsumer(AuditTrail trail) {
        this.trail = trail;
    }

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
        // The subject as the producer names it (a contact id); never defaulted to the Kafka key, which for
        // number-keyed events is a blind index that must not leave the service.
        trail.append(connection, new AuditTrail.NewEntry(event.eventId(), event.occurredAt(), event.producer(),
                action, actor.subject(), actor.role(), actor.team(), event.payload().path("subjectKey").asText(null),
                event.payload().path("requestId").asText(null), event.payload().path("sourceIp").asText(null),
                event.payload().toString()));
    }
}
