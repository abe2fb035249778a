package io.dialright.contact.lookup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.rest.ContactView;
import io.dialright.contact.service.ContactAccess;
import io.dialright.contact.service.ContactViews;
import io.dialright.contact.service.NumberInputs;
import io.dialright.contact.service.Visibility;
import io.dialright.platform.security.CurrentActor;

/**
 * Caller-ID lookup (C-4): an inbound number in any format → card, history, signals and routing. The person asking
 * already has the number on the line, so an operator without the contact assigned still gets the card — with the
 * contact's numbers masked; supervisors of the team and telephony integrations get them in full. Audited as
 * {@code LOOKUP}.
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

    /**
     * Reads the caller as one snapshot (from the cache, or in one read-only transaction) and writes nothing but its
     * audit entry. Who may see the numbers in full is decided for every lookup, never held.
     */
    public LookupResult lookup(String number) {
        String phoneHash = vault.blindIndexOf(inputs.e164Of(number, "number"));
        Instant now = clock.instant();
        CallerReader.Caller caller = callers.read(phoneHash, now);
        Contact contact = caller.card();
        List<Contact> holders = caller.holders();
        Routing directive = routing.route(contact, caller.history().signals());
        ContactView card = null;
        if (contact != null) {
            Visibility visibility = access.of(contact, actor);
            card = views.render(contact, visibility == Visibility.FULL ? Visibility.FULL : Visibility.MASKED);
        }
        audit.record(contact == null ? null : contact.id, phoneHash,
                Map.of("found", contact != null, "rule", directive.rule()));
        return new LookupResult(contact != null, card,
                holders.size() > 1 ? holders.subList(1, holders.size()).stream().map(c -> c.id).toList() : null,
                caller.history().recent(), signals(caller.history().signals(), now), directive);
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
