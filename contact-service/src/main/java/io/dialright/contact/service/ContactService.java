package io.dialright.contact.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.RowIds;
import io.dialright.contact.messaging.ContactEvents;
import io.dialright.contact.repository.AssignmentRepository;
import io.dialright.contact.repository.ContactRepository;
import io.dialright.contact.repository.ErasedNumber;
import io.dialright.contact.rest.ContactView;
import io.dialright.contact.rest.CreateContactRequest;
import io.dialright.contact.rest.TimeWindow;
import io.dialright.contact.rest.UpdateContactRequest;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.problem.Problem;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/** Creating, reading and changing contacts (C-1, C-2, C-3 at entry, C-8), each change announced and audited. */
@ApplicationScoped
public class ContactService {

    /** A contact and how this request's caller may see it. */
    record Seen(Contact contact, Visibility visibility) {
    }

    private final ContactRepository contacts;
    private final AssignmentRepository assignments;
    private final NumberInputs inputs;
    private final PhoneVault vault;
    private final ContactViews views;
    private final ContactAccess access;
    private final ContactEvents events;
    private final AuditTrail audit;
    private final ContactConfig config;
    private final Clock clock;
    private final CurrentActor actor;

    public ContactService(ContactRepository contacts, AssignmentRepository assignments, NumberInputs inputs,
                          PhoneVault vault, ContactViews views, ContactAccess access, ContactEvents events,
                          AuditTrail audit, ContactConfig config, Clock clock, CurrentActor actor) {
        this.contacts = contacts;
        this.assignments = assignments;
        this.inputs = inputs;
        this.vault = vault;
        this.views = views;
        this.access = access;
        this.events = events;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.actor = actor;
    }

    @Transactional
    public ContactView create(CreateContactRequest request) {
        List<NumberInputs.ParsedPhone> phones = inputs.parse(request.phones());
        ContactStatus status = request.status() == null ? ContactStatus.ACTIVE : settable(request.status());
        String timeZone = zone(request.timeZone());
        Instant now = clock.instant();
        refuseNumbersNotNew(phones, null, Boolean.TRUE.equals(request.allowDuplicate()));
        Contact contact = new Contact();
        contact.id = RowIds.next();
        contact.name = request.name().strip();
        contact.email = blankToNull(request.email());
        contact.status = status;
        contact.tags = tags(request.tags());
        contact.team = teamOfNewContact(request.team());
        contact.timeZone = timeZone;
        setPreferredTime(contact, request.preferredCallTime());
        contact.createdBy = actor.subject();
        contact.createdAt = now;
        contact.updatedAt = now;
        for (NumberInputs.ParsedPhone parsed : phones) {
            addPhone(contact, parsed, now);
        }
        ContactSource source = new ContactSource(request.source().channel(), blankToNull(request.source().campaign()),
                now);
        contact.sources = new ArrayList<>(List.of(source));
        contacts.persist(contact);
        contacts.flush();
        if (actor.hasRole(CurrentActor.OPERATOR)) {
            // The operator who creates a contact is talking with the customer: that is a contact like any other.
            assignments.touch(contact.id, actor.subject(), actor.team(), now);
        }
        events.created(contact, actor.asActor());
        audit.record("CREATE", contact.id, null, Map.of("numbers", contact.phones.size(),
                "sourceChannel", source.channel().name()));
        return views.render(contact, Visibility.FULL);
    }

    /** The contact as the caller may see it, audited as a view; 404 (and a recorded denial) if they may not. */
    @Transactional
    public ContactView view(UUID id) {
        Seen seen = seen(id, "VIEW");
        audit.record(seen.visibility() == Visibility.FULL ? "VIEW_FULL_NUMBER" : "VIEW", id, null, Map.of());
        return views.render(seen.contact(), seen.visibility());
    }

    @Transactional
    public ContactView update(UUID id, UpdateContactRequest request) {
        Contact contact = editable(id, "EDIT");
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw ProblemException.invalidField("name", "A contact needs a name; send a non-empty name.");
            }
            contact.name = request.name().strip();
            changed.add("name");
        }
        if (request.email() != null) {
            contact.email = blankToNull(request.email());
            changed.add("email");
        }
        if (request.status() != null) {
            contact.status = settable(request.status());
            changed.add("status");
        }
        if (request.tags() != null) {
            contact.tags = tags(request.tags());
            changed.add("tags");
        }
        if (request.timeZone() != null) {
            contact.timeZone = zone(request.timeZone());
            changed.add("timeZone");
        }
        if (Boolean.TRUE.equals(request.clearPreferredCallTime())) {
            setPreferredTime(contact, null);
            changed.add("preferredCallTime");
        } else if (request.preferredCallTime() != null) {
            setPreferredTime(contact, request.preferredCallTime());
            changed.add("preferredCallTime");
        }
        if (request.phones() != null) {
            replacePhones(contact, inputs.parse(request.phones()), Boolean.TRUE.equals(request.allowDuplicate()),
                    now);
            changed.add("phones");
        }
        if (changed.isEmpty()) {
            throw new ProblemException(400, "Nothing to change", "The request names no field to change; send at "
                    + "least one of name, email, phones, tags, status, timeZone, preferredCallTime.");
        }
        contact.updatedAt = now;
        contacts.flush();
        events.updated(contact, changed, actor.asActor());
        audit.record("EDIT", contact.id, null, Map.of("changed", changed));
        return views.render(contact, Visibility.FULL);
    }

    /** An operator confirmed during a call that the number is still the customer's and convenient (C-2). */
    @Transactional
    public ContactView confirmPhone(UUID id, UUID phoneId) {
        Contact contact = editable(id, "EDIT");
        ContactPhone phone = contact.phones.stream().filter(p -> p.id.equals(phoneId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("The contact has no number with id " + phoneId + "."));
        Instant now = clock.instant();
        phone.lastConfirmedAt = now;
        contact.updatedAt = now;
        contacts.flush();
        events.updated(contact, List.of("phones.lastConfirmedAt"), actor.asActor());
        audit.record("CONFIRM_NUMBER", contact.id, phone.phoneHash, Map.of());
        return views.render(contact, Visibility.FULL);
    }

    /** The desktop reports that the person copied or revealed a number: audited (A-4 counts copies). */
    @Transactional
    public void reportAccess(UUID id, String action, String phone) {
        Contact contact = editable(id, action);
        String phoneHash = null;
        if (phone != null) {
            String hash = vault.blindIndexOf(inputs.e164Of(phone, "phone"));
            if (contact.phones.stream().noneMatch(p -> p.phoneHash.equals(hash))) {
                throw new ProblemException(422, "Not a number of this contact", "The number in 'phone' does not "
                        + "belong to this contact; report the number that was copied or shown.",
                        List.of(new Problem.FieldError("phone", "not a number of this contact")));
            }
            phoneHash = hash;
        }
        audit.record(action, contact.id, phoneHash, Map.of());
    }

    /** Contacts are never deleted through the API; the attempt itself is audited. */
    public void refuseDelete(UUID id) {
        audit.attempted("DELETE_ATTEMPT", id);
        throw new ProblemException(405, "Contacts are not deleted directly", "To forget a customer, file an "
                + "erasure request (POST /api/privacy-requests): every service then erases the number and the "
                + "request stays on record for the regulator.");
    }

    /** A live contact the caller may see at all, else 404 with the refusal recorded. */
    Seen seen(UUID id, String attempted) {
        Contact contact = contacts.findById(id);
        if (contact == null || contact.erasedAt != null) {
            throw notFound(id);
        }
        // Decided once: asked twice, an assignment lapsing in between could turn a visible contact into none.
        Visibility visibility = access.of(contact, actor);
        if (visibility == Visibility.NONE) {
            audit.denied(attempted, id);
            throw notFound(id);
        }
        return new Seen(contact, visibility);
    }

    /** A live contact the caller may see in full — the condition for changing it or handling its numbers. */
    Contact editable(UUID id, String attempted) {
        Seen seen = seen(id, attempted);
        if (seen.visibility() != Visibility.FULL) {
            throw new ProblemException(403, "Forbidden", "Your role may read this contact masked only; changes "
                    + "and number handling need an operator with the contact assigned or its team's supervisor.");
        }
        return seen.contact();
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("There is no contact " + id + ", or it is not assigned to you.");
    }

    /**
     * Numbers about to be stored: 409 for the first one erased on request (always), or, unless duplicates are allowed,
     * with {@code existingContactId} for the first one another live contact already holds.
     */
    void refuseNumbersNotNew(List<NumberInputs.ParsedPhone> phones, UUID except, boolean allowDuplicate) {
        List<String> hashes = phones.stream().map(parsed -> vault.blindIndexOf(parsed.number().e164())).toList();
        // In sorted order, as imports and the event consumers lock them: two writers of overlapping numbers wait for
        // one another rather than deadlock.
        hashes.stream().sorted().distinct().forEach(contacts::lockNumber);
        for (int i = 0; i < phones.size(); i++) {
            PhoneNumber number = phones.get(i).number();
            String hash = hashes.get(i);
            Optional<ErasedNumber> erasure = contacts.erasure(hash);
            if (erasure.isPresent()) {
                throw new ProblemException(409, "Number erased", "The number " + number.masked() + " was erased on "
                        + "privacy request " + erasure.get().privacyRequestId() + " and may not be stored again: "
                        + "its owner asked to be forgotten. Leave it out.",
                        List.of(new Problem.FieldError("phones[" + i + "].number", "erased on request")));
            }
            Optional<UUID> holder = allowDuplicate ? Optional.empty() : contacts.firstHolderOf(hash, except);
            if (holder.isPresent()) {
                throw new ProblemException(409, "Number already known", "The number " + number.masked()
                        + " already belongs to contact " + holder.get() + ". Open that contact (or merge the two), "
                        + "or send allowDuplicate: true to keep both.",
                        List.of(new Problem.FieldError("phones[" + i + "].number", "already known")),
                        Map.of("existingContactId", holder.get().toString()));
            }
        }
    }

    private void replacePhones(Contact contact, List<NumberInputs.ParsedPhone> wanted, boolean allowDuplicate,
                               Instant now) {
        List<NumberInputs.ParsedPhone> added = new ArrayList<>();
        List<ContactPhone> kept = new ArrayList<>();
        for (NumberInputs.ParsedPhone parsed : wanted) {
            String hash = vault.blindIndexOf(parsed.number().e164());
            Optional<ContactPhone> existing = contact.phones.stream().filter(p -> p.phoneHash.equals(hash))
                    .findFirst();
            if (existing.isPresent()) {
                existing.get().label = parsed.label();
                existing.get().comment = parsed.comment();
                kept.add(existing.get());
            } else {
                added.add(parsed);
            }
        }
        refuseNumbersNotNew(added, contact.id, allowDuplicate);
        contact.phones.retainAll(kept);
        for (int i = 0; i < contact.phones.size(); i++) {
            contact.phones.get(i).position = i;
        }
        for (NumberInputs.ParsedPhone parsed : added) {
            addPhone(contact, parsed, now);
        }
    }

    private void addPhone(Contact contact, NumberInputs.ParsedPhone parsed, Instant now) {
        ContactPhone phone = vault.newPhone(parsed.number(), now);
        phone.contact = contact;
        phone.position = contact.phones.size();
        phone.label = parsed.label();
        phone.comment = parsed.comment();
        contact.phones.add(phone);
    }

    private String teamOfNewContact(String requested) {
        if (actor.hasRole(CurrentActor.INTEGRATION) && !actor.hasRole(CurrentActor.SUPERVISOR)
                && !actor.hasRole(CurrentActor.OPERATOR)) {
            return requested == null || requested.isBlank() ? config.defaultTeam() : requested.strip();
        }
        // People create contacts in their own team; a team they name is not honoured (no mass-assignment).
        return actor.team() != null ? actor.team() : config.defaultTeam();
    }

    private static ContactStatus settable(ContactStatus status) {
        if (status == ContactStatus.ERASED) {
            throw ProblemException.invalidField("status", "ERASED is set only by an erasure request "
                    + "(POST /api/privacy-requests); use ACTIVE, INACTIVE or BLOCKED.");
        }
        return status;
    }

    private static String zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        String zone = IanaZones.canonical(timeZone);
        if (zone == null) {
            throw ProblemException.invalidField("timeZone", "'" + timeZone + "' is not an IANA time zone (an offset "
                    + "does not follow daylight saving); use a name such as Europe/Moscow or Asia/Yekaterinburg.");
        }
        return zone;
    }

    private static void setPreferredTime(Contact contact, TimeWindow window) {
        if (window == null) {
            contact.preferredFrom = null;
            contact.preferredTo = null;
            return;
        }
        LocalTime from = LocalTime.parse(window.from());
        LocalTime to = LocalTime.parse(window.to());
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("preferredCallTime", "'from' must be before 'to' within one day, "
                    + "e.g. {\"from\": \"18:00\", \"to\": \"20:00\"}.");
        }
        contact.preferredFrom = from;
        contact.preferredTo = to;
    }

    static List<String> tags(List<String> tags) {
        if (tags == null) {
            return new ArrayList<>();
        }
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String tag : tags) {
            normalised.add(tag.strip().toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(normalised);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
