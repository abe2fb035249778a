package io.dialright.audit.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialright.audit.alert.AlertRules;
import io.dialright.audit.chain.AuditTrail;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Builds the one trail from {@code AccessRecorded} on {@code dialright.audit.v1} — views, copies, exports,
 * denials reported by every service and the gateway — and from the domain events of contacts, consents and calls,
 * whose type becomes the action. Each new entry is checked against the alert rules in the same transaction. The trail
 * is its own record of what it applied: a redelivered event finds its id in the trail and is skipped, so no
 * processed-event id is kept beside each entry (at every caller-ID lookup's entry, that was a second table as large).
 */
@ApplicationScoped
public class TrailConsumer implements EventSubscription {

    private static final String ACCESS_RECORDED = "AccessRecorded";

    private final AuditTrail trail;
    private final AlertRules alerts;

    public TrailConsumer(AuditTrail trail, AlertRules alerts) {
        this.trail = trail;
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return "trail";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.AUDIT, Topics.CONTACTS, Topics.CONSENTS, Topics.DIALER);
    }

    /** The events without their entry yet: the trail is its own record of what it applied. */
    @Override
    public Set<UUID> unapplied(Connection connection, List<UUID> eventIds) throws SQLException {
        Set<UUID> unapplied = new HashSet<>(eventIds);
        unapplied.removeAll(trail.present(connection, eventIds));
        return unapplied;
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws Exception {
        handleAll(List.of(event), connection);
    }

    /** One batch of a partition: appended with one head lock, then checked against the alert rules. */
    @Override
    public void handleAll(List<EventEnvelope> events, Connection connection) throws Exception {
        List<AuditTrail.NewEntry> entries = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            entries.add(entry(event));
        }
        long[] seqs = trail.appendAll(connection, entries);
        alerts.evaluateAll(connection, entries, seqs);
    }

    private static AuditTrail.NewEntry entry(EventEnvelope event) {
        JsonNode payload = event.payload();
        boolean access = ACCESS_RECORDED.equals(event.eventType());
        String action = access ? payload.path("action").asText(null) : event.eventType();
        if (action == null || action.isBlank()) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " names no action");
        }
        Actor actor = event.actor() != null ? event.actor() : new Actor(null, null, null);
        // The subject as the producer names it: a contact id, and the number's blind index when a number was
        // concerned. The Kafka key is not used: its meaning differs between topics.
        return new AuditTrail.NewEntry(event.eventId(), event.occurredAt(), event.producer(), action,
                actor.subject(), actor.role(), actor.team(), text(payload, access ? "subjectKey" : "contactId"),
                text(payload, "phoneHash"), text(payload, "requestId"), text(payload, "sourceIp"), payload.toString());
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
