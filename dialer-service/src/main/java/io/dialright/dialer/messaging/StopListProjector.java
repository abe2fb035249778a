package io.dialright.dialer.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Keeps {@code stop_list_projection} in step with consent-service's {@code OptOutRecorded} and
 * {@code StopListEntryRemoved}, and the queue with it: an opted-out number's memberships are parked at once, a
 * removed entry lets them be examined again (the hand-out still asks consent-service before any call).
 */
@ApplicationScoped
public class StopListProjector implements EventSubscription {

    /** The fields of consent-service's {@code OptOutRecorded} and {@code StopListEntryRemoved} this needs. */
    public record StopListChange(String phoneHash, Instant recordedAt) {
    }

    private final DialerConfig config;
    private final Clock clock;

    public StopListProjector(DialerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
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
        boolean added = "OptOutRecorded".equals(event.eventType());
        if (!added && !"StopListEntryRemoved".equals(event.eventType())) {
            return;
        }
        StopListChange change = event.payloadAs(StopListChange.class);
        if (change.phoneHash() == null) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " has no phoneHash");
        }
        if (added) {
            optedOut(connection, change, event);
        } else {
            removed(connection, change.phoneHash());
        }
    }

    private void optedOut(Connection connection, StopListChange change, EventEnvelope event) throws Exception {
        Instant at = change.recordedAt() != null ? change.recordedAt() : event.occurredAt();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO stop_list_projection (phone_hash, opted_out_at, source_event_id) VALUES (?, ?, ?)
                ON CONFLICT (phone_hash) DO NOTHING""");
             PreparedStatement park = connection.prepareStatement("""
                     UPDATE campaign_member SET state = 'WAITING', block_code = 'STOP_LIST', next_eligible_at = ?
                     WHERE phone_hash = ? AND state IN ('READY', 'CALLBACK', 'WAITING')""")) {
            insert.setString(1, change.phoneHash());
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setObject(3, event.eventId());
            insert.executeUpdate();
            park.setTimestamp(1, Timestamp.from(clock.instant().plus(config.consent().recheckAfter())));
            park.setString(2, change.phoneHash());
            park.executeUpdate();
        }
    }

    private void removed(Connection connection, String phoneHash) throws Exception {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM stop_list_projection WHERE phone_hash = ?");
             PreparedStatement wake = connection.prepareStatement("""
                     UPDATE campaign_member SET next_eligible_at = ?
                     WHERE phone_hash = ? AND state = 'WAITING' AND block_code = 'STOP_LIST'""")) {
            delete.setString(1, phoneHash);
            delete.executeUpdate();
            wake.setTimestamp(1, Timestamp.from(clock.instant()));
            wake.setString(2, phoneHash);
            wake.executeUpdate();
        }
    }
}
