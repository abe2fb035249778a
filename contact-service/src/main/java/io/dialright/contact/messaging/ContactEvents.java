package io.dialright.contact.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/**
 * The contact events of {@code dialright.contacts.v1}, written through the outbox in the transaction of the change.
 * Keyed by contact id (an erasure by the number's blind index, an export by its id). Numbers travel as blind index
 * and masked form only, never in plaintext.
 */
@ApplicationScoped
public class ContactEvents {

    /**
     * Blind indexes per {@code ContactsExported}: 1,000 × 64 hex characters keep an event near 70 kB, far below
     * Kafka's 1 MB message limit, whatever the size of the export (100,000 contacts are 100 events).
     */
    public static final int HASHES_PER_EXPORT_EVENT = 1000;

    /** What other services need to know about a contact's numbers: how to find and when to call them. */
    public record PhoneFacts(UUID phoneId, String phoneHash, String masked, String type, String region,
                             List<String> timeZones, String label) {

        static PhoneFacts of(ContactPhone phone) {
            return new PhoneFacts(phone.id, phone.phoneHash, phone.masked, phone.type, phone.region,
                    List.copyOf(phone.timeZones), phone.label);
        }
    }

    public record Source(String channel, String campaign) {
    }

    public record PreferredCallTime(String from, String to) {
    }

    /** Payload of {@code ContactCreated} and {@code ContactUpdated} ({@code changed} lists the changed fields). */
    public record ContactState(UUID contactId, String status, List<String> tags, String team, Source source,
                               List<PhoneFacts> phones, String timeZone, PreferredCallTime preferredCallTime,
                               List<String> changed, Instant at) {
    }

    /** Payload of {@code ContactsMerged}: the merged contact is gone, its numbers and history now the survivor's. */
    public record ContactsMerged(UUID survivorId, UUID mergedId, List<String> phoneHashes, Instant mergedAt) {
    }

    /** Payload of {@code ContactErased}: contact-service's confirmation of an erasure request. */
    public record ContactErased(String privacyRequestId, String phoneHash, List<UUID> contactIds, UUID contactId,
                                int numbersErased, Instant erasedAt) {
    }

    /**
     * Payload of {@code ContactsExported}: part {@code part} of {@code parts} of the blind indexes of the numbers an
     * export archive held (the real numbers', also when the archive held fictitious ones).
     */
    public record ContactsExported(UUID exportId, String requestedBy, String approvedBy, boolean pseudonymised,
                                   Instant downloadedAt, int part, int parts, List<String> phoneHashes) {
    }

    /** The facts of a downloaded export that every part of its {@code ContactsExported} repeats. */
    public record DownloadedExport(UUID exportId, String requestedBy, String approvedBy, boolean pseudonymised,
                                   Instant downloadedAt) {
    }

    private final Outbox outbox;

    public ContactEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(Contact contact, Actor actor) {
        outbox.publish(Topics.CONTACTS, "ContactCreated", contact.id.toString(), actor,
                state(contact, List.of(), contact.createdAt));
    }

    public void updated(Contact contact, List<String> changed, Actor actor) {
        outbox.publish(Topics.CONTACTS, "ContactUpdated", contact.id.toString(), actor,
                state(contact, changed, contact.updatedAt));
    }

    public void merged(ContactsMerged merged, Actor actor) {
        outbox.publish(Topics.CONTACTS, "ContactsMerged", merged.survivorId().toString(), actor, merged);
    }

    /** Keyed by the number's blind index: the event may concern several contacts, or none. */
    public void erased(ContactErased erased, Actor actor) {
        outbox.publish(Topics.CONTACTS, "ContactErased", erased.phoneHash(), actor, erased);
    }

    /**
     * The numbers of a downloaded archive, in parts of at most {@link #HASHES_PER_EXPORT_EVENT} blind indexes, all
     * keyed by the export id; an archive without numbers is still announced, as one part with none.
     */
    public void exported(DownloadedExport export, List<String> phoneHashes, Actor actor) {
        int parts = Math.max(1, (phoneHashes.size() + HASHES_PER_EXPORT_EVENT - 1) / HASHES_PER_EXPORT_EVENT);
        for (int part = 1; part <= parts; part++) {
            List<String> slice = List.copyOf(phoneHashes.subList((part - 1) * HASHES_PER_EXPORT_EVENT,
                    Math.min(phoneHashes.size(), part * HASHES_PER_EXPORT_EVENT)));
            outbox.publish(Topics.CONTACTS, "ContactsExported", export.exportId().toString(), actor,
                    new ContactsExported(export.exportId(), export.requestedBy(), export.approvedBy(),
                            export.pseudonymised(), export.downloadedAt(), part, parts, slice));
        }
    }

    private static ContactState state(Contact contact, List<String> changed, Instant at) {
        ContactSource first = contact.sources.isEmpty() ? null : contact.sources.get(0);
        return new ContactState(contact.id, contact.status.name(), List.copyOf(contact.tags), contact.team,
                first == null ? null : new Source(first.channel().name(), first.campaign()),
                contact.phones.stream().map(PhoneFacts::of).toList(), contact.timeZone,
                contact.preferredFrom == null ? null
                        : new PreferredCallTime(contact.preferredFrom.toString(), contact.preferredTo.toString()),
                List.copyOf(changed), at);
    }
}
