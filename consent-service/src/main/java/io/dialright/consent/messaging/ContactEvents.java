package io.dialright.consent.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.ContactNumbers;
import io.dialright.consent.service.ConsentMerges;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * What consent-service learns from contact-service: which contact holds a number and where it came from
 * ({@code ContactCreated}, the contacts of an import batch in {@code ContactsImported}, and numbers added by
 * {@code ContactUpdated}; for access reports), and merges ({@code ContactsMerged}: the merged contact's consents move
 * to the survivor).
 */
@ApplicationScoped
public class ContactEvents implements EventSubscription {

    /** The fields of {@code ContactCreated} and {@code ContactUpdated} this projection keeps. */
    public record ContactState(UUID contactId, List<Phone> phones, Source source, Instant createdAt, Instant at) {
    }

    /** One number of a created contact. */
    public record Phone(String phoneHash, String masked, String type, String label) {
    }

    /** Where the contact came from. */
    public record Source(String channel, String campaign) {
    }

    /** {@code ContactsImported}: the contacts one import batch created, each as its {@code ContactCreated} says. */
    public record ContactsImported(List<ContactState> contacts) {
    }

    /** {@code ContactsMerged}: the merged contact is gone, its data moved to the survivor. */
    public record ContactsMerged(UUID survivorId, UUID mergedId, List<String> phoneHashes, Instant mergedAt) {
    }

    private final ContactNumbers contacts;
    private final ConsentMerges merges;

    public ContactEvents(ContactNumbers contacts, ConsentMerges merges) {
        this.contacts = contacts;
        this.merges = merges;
    }

    @Override
    public String name() {
        return "contact-events";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONTACTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        switch (event.eventType()) {
            case "ContactCreated", "ContactUpdated" -> numbersOf(event, event.payloadAs(ContactState.class));
            case "ContactsImported" -> imported(event);
            case "ContactsMerged" -> merged(event);
            default -> {
                // Other contact events (updates, erasures) change nothing consent-service keeps here.
            }
        }
    }

    /** A created contact's numbers, or numbers an update added; a number already known keeps its first source. */
    private void numbersOf(EventEnvelope event, ContactState contact) {
        if (contact.contactId() == null || contact.phones() == null) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " has no contactId or phones");
        }
        Source source = contact.source() == null ? new Source(null, null) : contact.source();
        Instant createdAt = contact.createdAt() != null ? contact.createdAt()
                : contact.at() != null ? contact.at() : event.occurredAt();
        for (Phone phone : contact.phones()) {
            if (phone.phoneHash() == null || phone.masked() == null) {
                throw new InvalidEventException(event.eventType() + " " + event.eventId() + " has a phone without "
                        + "phoneHash or masked number");
            }
            contacts.add(new ContactNumbers.ContactNumber(contact.contactId(), phone.phoneHash(), phone.masked(),
                    phone.type(), phone.label(), source.channel(), source.campaign(), createdAt));
        }
    }

    /** The contacts one import batch created, each as its own {@code ContactCreated} would have said. */
    private void imported(EventEnvelope event) {
        ContactsImported imported = event.payloadAs(ContactsImported.class);
        if (imported.contacts() == null) {
            throw new InvalidEventException("ContactsImported " + event.eventId() + " lists no contacts");
        }
        imported.contacts().forEach(contact -> numbersOf(event, contact));
    }

    private void merged(EventEnvelope event) {
        ContactsMerged merge = event.payloadAs(ContactsMerged.class);
        if (merge.survivorId() == null || merge.mergedId() == null) {
            throw new InvalidEventException("ContactsMerged " + event.eventId() + " has no survivorId or mergedId");
        }
        Actor actor = event.actor() != null ? event.actor() : Actor.system(event.producer());
        contacts.rekey(merge.mergedId(), merge.survivorId());
        merges.rekey(merge.mergedId(), merge.survivorId(), actor,
                merge.mergedAt() != null ? merge.mergedAt() : event.occurredAt(),
                Map.of("eventId", event.eventId().toString()));
    }
}
