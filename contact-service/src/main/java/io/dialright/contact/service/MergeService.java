package io.dialright.contact.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.OtherIdentity;
import io.dialright.contact.messaging.ContactEvents;
import io.dialright.contact.rest.ContactView;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/**
 * Merges a duplicate into a surviving contact (C-3) in one transaction: numbers (a number both hold is kept once,
 * comments joined), sources, tags, call history and operators' access move to the survivor; the survivor's own
 * values win, the duplicate's fill what the survivor lacks, and a duplicate's {@code BLOCKED} status blocks the
 * survivor. The duplicate is then gone, and {@code ContactsMerged}
 * tells other services to re-key what they hold under its id.
 */
@ApplicationScoped
public class MergeService {

    private final ContactService contacts;
    private final EntityManager entityManager;
    private final ContactViews views;
    private final ContactEvents events;
    private final AuditTrail audit;
    private final Clock clock;
    private final CurrentActor actor;

    public MergeService(ContactService contacts, EntityManager entityManager, ContactViews views,
                        ContactEvents events, AuditTrail audit, Clock clock, CurrentActor actor) {
        this.contacts = contacts;
        this.entityManager = entityManager;
        this.views = views;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.actor = actor;
    }

    @Transactional
    public ContactView merge(UUID survivorId, UUID duplicateId) {
        if (survivorId.equals(duplicateId)) {
            throw ProblemException.invalidField("duplicateId", "A contact cannot be merged into itself; name the "
                    + "other contact of the pair.");
        }
        // Lock both in id order, so two merges of the same pair cannot deadlock or interleave.
        for (UUID id : survivorId.compareTo(duplicateId) < 0 ? List.of(survivorId, duplicateId)
                : List.of(duplicateId, survivorId)) {
            lock(id);
        }
        Contact survivor = contacts.editable(survivorId, "MERGE");
        Contact duplicate = contacts.editable(duplicateId, "MERGE");
        Instant now = clock.instant();
        List<String> movedHashes = duplicate.phones.stream().map(phone -> phone.phoneHash).distinct().toList();

        boolean blocked = survivor.status != ContactStatus.BLOCKED && duplicate.status == ContactStatus.BLOCKED;
        fillFrom(survivor, duplicate, now);
        survivor.updatedAt = now;
        entityManager.flush();
        moveNumbers(survivor, duplicate);
        moveRows(survivorId, duplicateId);
        entityManager.clear();

        Contact merged = entityManager.find(Contact.class, survivorId);
        events.merged(new ContactEvents.ContactsMerged(survivorId, duplicateId, movedHashes, now),
                actor.asActor());
        if (blocked) {
            // The survivor's own status changed: the dialer ends memberships on this event, not on the merge.
            events.updated(merged, List.of("status"), actor.asActor());
        }
        audit.record("MERGE", survivorId, null, Map.of("mergedId", duplicateId.toString(),
                "numbersMoved", movedHashes.size()));
        return views.render(merged, Visibility.FULL);
    }

    /**
     * The survivor's other identities, then the duplicate's, then the duplicate's own name and e-mail where the
     * survivor keeps different ones: a name or e-mail of either record is never lost.
     */
    private static List<OtherIdentity> otherIdentities(Contact survivor, Contact duplicate, Instant now) {
        List<OtherIdentity> identities = new ArrayList<>(survivor.otherIdentities);
        identities.addAll(duplicate.otherIdentities);
        String otherEmail = duplicate.email != null && survivor.email != null
                && !duplicate.email.equalsIgnoreCase(survivor.email) ? duplicate.email : null;
        if (!duplicate.name.equalsIgnoreCase(survivor.name) || otherEmail != null) {
            identities.add(new OtherIdentity(duplicate.name, otherEmail, duplicate.id, now));
        }
        return identities;
    }

    private void lock(UUID id) {
        Contact contact = entityManager.find(Contact.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (contact == null || contact.erasedAt != null) {
            throw ContactService.notFound(id);
        }
    }

    private static void fillFrom(Contact survivor, Contact duplicate, Instant now) {
        survivor.otherIdentities = otherIdentities(survivor, duplicate, now);
        List<ContactSource> sources = new ArrayList<>(survivor.sources);
        sources.addAll(duplicate.sources);
        sources.sort(Comparator.comparing(ContactSource::recordedAt));
        survivor.sources = sources;
        LinkedHashSet<String> tags = new LinkedHashSet<>(survivor.tags);
        tags.addAll(duplicate.tags);
        survivor.tags = new ArrayList<>(tags);
        // A block is a decision about the person, whichever of the two records carried it: never merged away.
        if (duplicate.status == ContactStatus.BLOCKED) {
            survivor.status = ContactStatus.BLOCKED;
        }
        if (survivor.email == null) {
            survivor.email = duplicate.email;
        }
        if (survivor.timeZone == null) {
            survivor.timeZone = duplicate.timeZone;
        }
        if (survivor.preferredFrom == null) {
            survivor.preferredFrom = duplicate.preferredFrom;
            survivor.preferredTo = duplicate.preferredTo;
        }
        if (duplicate.lastContactAt != null
                && (survivor.lastContactAt == null || duplicate.lastContactAt.isAfter(survivor.lastContactAt))) {
            survivor.lastContactAt = duplicate.lastContactAt;
        }
    }

    /**
     * A number both hold stays once on the survivor with both comments and labels ({@link SharedNumberNotes}); the
     * others move with their ciphertext.
     */
    private void moveNumbers(Contact survivor, Contact duplicate) {
        int position = survivor.phones.size();
        for (ContactPhone phone : duplicate.phones) {
            ContactPhone same = survivor.phones.stream().filter(p -> p.phoneHash.equals(phone.phoneHash))
                    .findFirst().orElse(null);
            if (same == null) {
                // The sealed number is bound to the phone's id, not the contact's, so it moves as it is.
                entityManager.createNativeQuery("UPDATE contact_phone SET contact_id = ?1, position = ?2 WHERE id = ?3")
                        .setParameter(1, survivor.id).setParameter(2, position++).setParameter(3, phone.id)
                        .executeUpdate();
            } else {
                SharedNumberNotes notes = SharedNumberNotes.of(same, phone);
                entityManager.createNativeQuery("""
                                UPDATE contact_phone SET comment = CAST(?1 AS text), label = CAST(?2 AS text),
                                    last_confirmed_at = greatest(last_confirmed_at, ?3)
                                WHERE id = ?4""")
                        .setParameter(1, notes.comment()).setParameter(2, notes.label())
                        .setParameter(3, phone.lastConfirmedAt).setParameter(4, same.id)
                        .executeUpdate();
                entityManager.createNativeQuery("DELETE FROM contact_phone WHERE id = ?1")
                        .setParameter(1, phone.id).executeUpdate();
            }
        }
    }

    /**
     * The label and comment of a number both contacts hold: both comments, and both labels ("main / home") as long as
     * they fit a label's 50 characters (an edit sending the list back must stay valid); a label that does not fit is
     * kept in the comment. A label already among the survivor's is not repeated.
     */
    record SharedNumberNotes(String label, String comment) {

        private static final int MAX_LABEL = 50;

        static SharedNumberNotes of(ContactPhone kept, ContactPhone merged) {
            String label = kept.label;
            String labelInComment = null;
            if (label == null) {
                label = merged.label;
            } else if (merged.label != null && !List.of(label.toLowerCase(Locale.ROOT).split(" / "))
                    .contains(merged.label.toLowerCase(Locale.ROOT))) {
                String both = label + " / " + merged.label;
                if (both.length() <= MAX_LABEL) {
                    label = both;
                } else {
                    labelInComment = "also labelled " + merged.label;
                }
            }
            List<String> comments = new ArrayList<>();
            for (String comment : new String[] {kept.comment, merged.comment, labelInComment}) {
                if (comment != null && !comment.isBlank()) {
                    comments.add(comment);
                }
            }
            return new SharedNumberNotes(label, comments.isEmpty() ? null : String.join("; ", comments));
        }
    }

    private void moveRows(UUID survivorId, UUID duplicateId) {
        update("UPDATE interaction SET contact_id = ?1 WHERE contact_id = ?2", survivorId, duplicateId);
        update("""
                INSERT INTO operator_assignment (contact_id, operator_id, team, last_contact_at)
                SELECT ?1, operator_id, team, last_contact_at FROM operator_assignment WHERE contact_id = ?2
                ON CONFLICT (contact_id, operator_id) DO UPDATE
                SET last_contact_at = greatest(operator_assignment.last_contact_at, excluded.last_contact_at)""",
                survivorId, duplicateId);
        entityManager.createNativeQuery("DELETE FROM contact WHERE id = ?1").setParameter(1, duplicateId)
                .executeUpdate();
    }

    private void update(String sql, UUID survivorId, UUID duplicateId) {
        entityManager.createNativeQuery(sql).setParameter(1, survivorId).setParameter(2, duplicateId).executeUpdate();
    }
}
