package io.dialright.contact.lookup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.rest.ContactView;
import io.dialright.contact.service.ContactAccess;
import io.dialright.contact.service.ContactViews;
import io.dialright.contact.service.NumberInputs;
import io.dialright.contact.service.Visibility;
import io.dialright.platform.phone.NumbersInText;
import io.dialright.platform.security.CurrentActor;

/**
 * Caller-ID lookup (C-4): an inbound number in any format → card, history, signals and routing. The person asking
 * already has the number on the line, so an operator without the contact assigned still gets the card — with the
 * contact's numbers masked and its calls without operators or recordings; supervisors of the team and telephony
 * integrations get everything. Audited as {@code LOOKUP}.
 */
@ApplicationScoped
public class LookupService {

    private final NumberInputs inputs;
    private final PhoneVault vault;
    private final CallerCache callers;
    private final ContactAccess access;
    private final ContactViews views;
    private final RoutingRules routing;
    private final LookupAudit audit;
    private final ContactConfig.Signals config;
    private final Clock clock;
    private final CurrentActor actor;

    public LookupService(NumberInputs inputs, PhoneVault vault, CallerCache callers, ContactAccess access,
                         ContactViews views, RoutingRules routing, LookupAudit audit, ContactConfig config,
                         Clock clock, CurrentActor actor) {
        this.inputs = inputs;
        this.vault = vault;
        this.callers = callers;
        this.access = access;
        this.views = views;
        this.routing = routing;
        this.audit = audit;
        this.config = config.signals();
        this.clock = clock;
        this.actor = actor;
    }

    /** The blind index of the number asked about; a 400 for anything that is not a phone number. */
    public String phoneHashOf(String number) {
        return vault.blindIndexOf(inputs.e164Of(number, "number"));
    }

    /**
     * The answer when memory alone gives it, or {@code null}: the caller is held, the token alone decides whether the
     * asker sees the numbers in full, and the audit entry is queued without a write. Never waits for the database,
     * so the event loop that received the request can answer it; after a {@code null} nothing has been recorded and
     * {@link #lookup} answers.
     */
    public LookupResult answerFromMemory(String phoneHash) {
        Instant now = clock.instant();
        CallerReader.Caller caller = callers.heldOrNull(phoneHash, now);
        if (caller == null) {
            return null;
        }
        Visibility visibility = caller.card() == null ? null : access.withoutAssignments(caller.card(), actor);
        if (caller.card() != null && visibility == null) {
            return null;
        }
        Routing directive = routing.route(caller.card(), caller.history().signals(), caller.consents().erased());
        // Rendered before the entry is queued: a lookup that fails is not audited as answered.
        LookupResult answer = answer(caller, visibility, directive, now);
        if (!audit.offer(contactIdOf(caller), phoneHash, auditDetails(caller, directive))) {
            return null;
        }
        callers.countAnsweredHeld();
        return answer;
    }

    /**
     * Reads the caller as one snapshot (from the cache, or in one read-only transaction) and writes nothing but its
     * audit entry. Who may see the numbers in full is decided for every lookup, never held.
     */
    public LookupResult lookup(String phoneHash) {
        Instant now = clock.instant();
        CallerReader.Caller caller = callers.read(phoneHash, now);
        Visibility visibility = caller.card() == null ? null : access.of(caller.card(), actor);
        Routing directive = routing.route(caller.card(), caller.history().signals(), caller.consents().erased());
        LookupResult answer = answer(caller, visibility, directive, now);
        audit.record(contactIdOf(caller), phoneHash, auditDetails(caller, directive));
        return answer;
    }

    private LookupResult answer(CallerReader.Caller caller, Visibility visibility, Routing directive, Instant now) {
        Contact contact = caller.card();
        List<Contact> holders = caller.holders();
        // The asker has the number on the line: without full access the card still comes, its numbers masked, and
        // its calls without who took them or their recordings (other operators' work is not an operator's to see;
        // for a number no contact holds, only supervisors and integrations see them).
        boolean full = contact != null ? visibility == Visibility.FULL
                : actor.hasRole(CurrentActor.SUPERVISOR) || actor.hasRole(CurrentActor.INTEGRATION);
        ContactView card = contact == null ? null
                : views.render(contact, full ? Visibility.FULL : Visibility.MASKED);
        List<Interaction> calls = full ? caller.history().recent() : withoutPeople(caller.history().recent());
        return new LookupResult(contact != null, card,
                holders.size() > 1 ? holders.subList(1, holders.size()).stream().map(c -> c.id).toList() : null,
                calls, signals(caller.history().signals(), now), consentSummary(caller.consents(), now), directive);
    }

    /** The number's consents as of {@code now}: an active consent past its {@code validUntil} shows as expired. */
    private static LookupResult.ConsentSummary consentSummary(CallerConsents consents, Instant now) {
        List<CallerConsents.Consent> byPurpose = consents.consents().stream()
                .map(consent -> "ACTIVE".equals(consent.status()) && consent.validUntil() != null
                        && !consent.validUntil().isAfter(now)
                        ? new CallerConsents.Consent(consent.purpose(), consent.channel(), consent.legalBasis(),
                        "EXPIRED", consent.validUntil(), consent.since())
                        : consent)
                .toList();
        // consent-service keeps an erased number on its stop list for good.
        return new LookupResult.ConsentSummary(consents.erased(), consents.erased() || consents.stopListing() != null,
                consents.stopListing(), byPurpose);
    }

    private static List<Interaction> withoutPeople(List<Interaction> calls) {
        return calls.stream().map(call -> new Interaction(call.callId(), call.direction(), call.outcome(), null,
                call.campaignId(), NumbersInText.masked(call.reason()), call.durationSec(), null, call.occurredAt()))
                .toList();
    }

    private static UUID contactIdOf(CallerReader.Caller caller) {
        return caller.card() == null ? null : caller.card().id;
    }

    private static Map<String, Object> auditDetails(CallerReader.Caller caller, Routing directive) {
        return Map.of("found", caller.card() != null, "rule", directive.rule());
    }

    private List<LookupResult.Signal> signals(CallerSignals counts, Instant now) {
        List<LookupResult.Signal> signals = new ArrayList<>();
        if (counts.contactsInWindow() > config.frequentContacts()) {
            signals.add(new LookupResult.Signal("FREQUENT_CONTACT", counts.contactsInWindow() + " calls within "
                    + config.frequentWindow().toDays() + " days: probably an unresolved problem."));
        }
        if (counts.lastContactAt() != null && !counts.lastContactAt().isAfter(now.minus(config.dormantAfter()))) {
            signals.add(new LookupResult.Signal("REACTIVATION", "Last contact " + counts.lastContactAt()
                    + ", at least " + config.dormantAfter().toDays() + " days ago: a chance to reactivate."));
        }
        if (counts.openComplaint()) {
            signals.add(new LookupResult.Signal("OPEN_COMPLAINT", "The latest complaint is not resolved yet."));
        }
        return signals;
    }
}
