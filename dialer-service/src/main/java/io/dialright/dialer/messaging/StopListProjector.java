package io.dialright.dialer.messaging;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;
import io.dialright.dialer.handout.StopList;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Keeps the dialer's {@link StopList} in step with consent-service's {@code OptOutRecorded} and
 * {@code StopListEntryRemoved}.
 */
@ApplicationScoped
public class StopListProjector implements EventSubscription {

    /** The fields of consent-service's {@code OptOutRecorded} and {@code StopListEntryRemoved} this needs. */
    public record StopListChange(String phoneHash, Instant recordedAt, Instant removedAt) {
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
            removed(connection, change, event);
        }
    }

    private void optedOut(Connection connection, StopListChange change, EventEnvelope event) throws Exception {
        Instant at = change.recordedAt() != null ? change.recordedAt() : event.occurredAt();
        StopList.optedOut(connection, change.phoneHash(), at, event.eventId(),
                clock.instant().plus(config.consent().recheckAfter()));
    }

    private void removed(Connection connection, StopListChange change, EventEnvelope event) throws Exception {
        Instant at = change.removedAt() != null ? change.removedAt() : event.occurredAt();
        StopList.removed(connection, change.phoneHash(), at, clock.instant());
    }
}
