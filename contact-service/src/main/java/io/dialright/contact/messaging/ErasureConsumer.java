package io.dialright.contact.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.repository.NumberLocks;
import io.dialright.contact.service.ContactEraser;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Carries out consent-service's {@code ErasureRequested} (K-7) here: every contact holding the number is erased and
 * {@code ContactErased} confirms it — also when no contact held it, so the request can complete. From then on the
 * number is refused wherever it would be stored again.
 */
@ApplicationScoped
public class ErasureConsumer implements EventSubscription {

    /** The fields of {@code ErasureRequested} this service acts on. */
    public record ErasureRequested(String privacyRequestId, String phoneHash) {
    }

    private final ContactEraser eraser;
    private final ContactEvents events;
    private final Clock clock;

    public ErasureConsumer(ContactEraser eraser, ContactEvents events, Clock clock) {
        this.eraser = eraser;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "erasure";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONSENTS);
    }

    /** A batch locks its numbers in sorted order first, as every writer of several numbers does. */
    @Override
    public void handleAll(List<EventEnvelope> events, Connection connection) throws SQLException {
        NumberLocks.lockNumbersOf(connection, events, Set.of("ErasureRequested"));
        for (EventEnvelope event : events) {
            handle(event, connection);
        }
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        if (!"ErasureRequested".equals(event.eventType())) {
            return;
        }
        ErasureRequested request = event.payloadAs(ErasureRequested.class);
        if (request.privacyRequestId() == null || request.phoneHash() == null) {
            throw new InvalidEventException("ErasureRequested " + event.eventId()
                    + " names no privacyRequestId or phoneHash");
        }
        UUID privacyRequestId;
        try {
            privacyRequestId = UUID.fromString(request.privacyRequestId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("ErasureRequested " + event.eventId() + " names privacyRequestId '"
                    + request.privacyRequestId() + "', not a UUID");
        }
        Instant now = clock.instant();
        ContactEraser.Erased erased = eraser.eraseHoldersOf(request.phoneHash(), privacyRequestId, now);
        List<UUID> ids = erased.contactIds();
        events.erased(new ContactEvents.ContactErased(request.privacyRequestId(), request.phoneHash(), ids,
                ids.isEmpty() ? null : ids.get(0), erased.numbers(), now), Actor.system("contact-service"));
    }
}
