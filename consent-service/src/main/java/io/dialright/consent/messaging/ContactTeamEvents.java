package io.dialright.consent.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.ContactTeams;
import io.dialright.consent.repository.OperatorAssignments;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Who may reach a contact, from contact-service's events: the contact's team ({@code ContactCreated},
 * {@code ContactUpdated}, {@code ContactsImported}); the operator who created a contact, who is talking with the
 * customer (contact-service opens their access the same way); merges, after which the survivor carries the merged
 * contact's access; erasures, after which nobody's remains.
 */
@ApplicationScoped
public class ContactTeamEvents implements EventSubscription {

    /** The fields of a contact's state ({@code ContactCreated}, {@code ContactUpdated}) this projection keeps. */
    public record ContactState(UUID contactId, String team, Instant createdAt, Instant at) {
    }

    /** {@code ContactsImported}: the states of the contacts one import batch created. */
    public record ContactsImported(List<ContactState> contacts) {
    }

    /** {@code ContactsMerged}: the merged contact is gone, its data moved to the survivor. */
    public record ContactsMerged(UUID survivorId, UUID mergedId) {
    }

    /** {@code ContactErased}: the contacts contact-service erased (one in older events). */
    public record ContactErased(List<UUID> contactIds, UUID contactId) {
    }

    private final ContactTeams teams;
    private final OperatorAssignments assignments;

    public ContactTeamEvents(ContactTeams teams, OperatorAssignments assignments) {
        this.teams = teams;
        this.assignments = assignments;
    }

    @Override
    public String name() {
        return "contact-teams";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONTACTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        switch (event.eventType()) {
            case "ContactCreated" -> {
                ContactState contact = team(event, event.payloadAs(ContactState.class));
                createdByOperator(event, contact);
            }
            case "ContactUpdated" -> team(event, event.payloadAs(ContactState.class));
            case "ContactsImported" -> imported(event);
            case "ContactsMerged" -> merged(event);
            case "ContactErased" -> erased(event);
            default -> {
                // Other contact events do not change who may reach a contact.
            }
        }
    }

    /** A contact without a team (none of contact-service's are) stays out of every supervisor's reach. */
    private ContactState team(EventEnvelope event, ContactState contact) {
        if (contact.contactId() == null) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " has no contactId");
        }
        if (contact.team() != null) {
            teams.set(contact.contactId(), contact.team(), when(contact, event));
        }
        return contact;
    }

    /** The operator who creates a contact is talking with the customer: that is a contact like any other. */
    private void createdByOperator(EventEnvelope event, ContactState contact) {
        Actor actor = event.actor();
        if (actor != null && actor.subject() != null && actor.role() != null
                && Arrays.asList(actor.role().split(",")).contains("operator")) {
            assignments.touch(contact.contactId(), actor.subject(), actor.team(), when(contact, event));
        }
    }

    private void imported(EventEnvelope event) {
        ContactsImported imported = event.payloadAs(ContactsImported.class);
        if (imported.contacts() == null) {
            throw new InvalidEventException("ContactsImported " + event.eventId() + " lists no contacts");
        }
        imported.contacts().forEach(contact -> team(event, contact));
    }

    private void merged(EventEnvelope event) {
        ContactsMerged merge = event.payloadAs(ContactsMerged.class);
        if (merge.survivorId() == null || merge.mergedId() == null) {
            throw new InvalidEventException("ContactsMerged " + event.eventId() + " has no survivorId or mergedId");
        }
        teams.merge(merge.mergedId(), merge.survivorId());
        assignments.merge(merge.mergedId(), merge.survivorId());
    }

    private void erased(EventEnvelope event) {
        ContactErased erased = event.payloadAs(ContactErased.class);
        List<UUID> contactIds = new ArrayList<>(erased.contactIds() == null ? List.of() : erased.contactIds());
        if (erased.contactId() != null && !contactIds.contains(erased.contactId())) {
            contactIds.add(erased.contactId());
        }
        teams.delete(contactIds);
        assignments.delete(contactIds);
    }

    private static Instant when(ContactState contact, EventEnvelope event) {
        return contact.at() != null ? contact.at() : contact.createdAt() != null ? contact.createdAt()
                : event.occurredAt();
    }
}
