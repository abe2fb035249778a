package io.dialright.consent.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialright.consent.repository.ContactNumbers;
import io.dialright.consent.repository.ErasureConfirmations;
import io.dialright.consent.service.ErasureService;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * The other services' answers to {@code ErasureRequested}: contact-service's {@code ContactErased} and
 * dialer-service's {@code CampaignMembershipsErased}. The confirming service is the event envelope's
 * {@code producer}; an event without {@code privacyRequestId} is an erasure not asked for here and is ignored.
 */
@ApplicationScoped
public class ErasureConfirmationEvents implements EventSubscription {

    static final Set<String> CONFIRMATIONS = Set.of("ContactErased", "CampaignMembershipsErased");

    /** The fields shared by the confirmations this consumer reads. */
    public record Confirmation(UUID privacyRequestId, List<UUID> contactIds, Instant erasedAt) {
    }

    private final ErasureService erasures;
    private final ContactNumbers contacts;

    public ErasureConfirmationEvents(ErasureService erasures, ContactNumbers contacts) {
        this.erasures = erasures;
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return "erasure-confirmations";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONTACTS, Topics.DIALER);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        if (!CONFIRMATIONS.contains(event.eventType())) {
            return;
        }
        Confirmation confirmation = event.payloadAs(Confirmation.class);
        if (confirmation.contactIds() != null) {
            contacts.deleteContacts(confirmation.contactIds());
        }
        if (confirmation.privacyRequestId() == null) {
            return;
        }
        if (!(event.payload() instanceof ObjectNode payload)) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " has no object payload");
        }
        // Kept for the regulator's timeline: what the service did, without the number's blind index.
        ObjectNode details = payload.deepCopy();
        details.remove("phoneHash");
        details.remove("privacyRequestId");
        details.put("event", event.eventType());
        erasures.confirm(confirmation.privacyRequestId(), new ErasureConfirmations.Confirmation(event.producer(),
                confirmation.erasedAt() != null ? confirmation.erasedAt() : event.occurredAt(), event.eventId(),
                details.toString()));
    }
}
