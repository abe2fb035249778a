package io.dialright.contact.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.repository.ContactRepository;
import io.dialright.contact.repository.InteractionRepository;
import io.dialright.contact.rest.ContactView;
import io.dialright.contact.service.AuditTrail;
import io.dialright.contact.service.ContactAccess;
import io.dialright.contact.service.ContactViews;
import io.dialright.contact.service.NumberInputs;
import io.dialright.contact.service.Visibility;
import io.dialright.platform.security.CurrentActor;
import org.hibernate.Session;

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
    private final ContactRepository contacts;
    private final InteractionRepository interactions;
    private final ContactAccess access;
    private final ContactViews views;
    private final RoutingRules routing;
    private final AuditTrail audit;
    private final ContactConfig.Signals config;
    private final Clock clock;
    private final CurrentActor actor;
    private final Duration complaintsWindow;
    private final Session session;

    public LookupService(NumberInputs inputs, PhoneVault vault, ContactRepository contacts,
                         InteractionRepository interactions, ContactAccess access, ContactViews views,
                         RoutingRules routing, AuditTrail audit, ContactConfig config, Clock clock,
                         CurrentActor actor, Session session) {
        this.inputs = inputs;
        this.vault = vault;
        this.contacts = contacts;
        this.interactions = interactions;
        this.access = access;
        this.views = views;
        this.routing = routing;
        this.audit = audit;
        this.config = config.signals();
        this.clock = clock;
        this.actor = actor;
        this.complaintsWindow = config.routing().complaintsWindow();
        this.session = session;
    }

    @Transactional
    public LookupResult lookup(String number) {
        // Nothing loaded here is changed: no snapshots to keep, no dirty checking at commit.
        session.setDefaultReadOnly(true);
        String phoneHash = vault.blindIndexOf(inputs.parseOne(number, "number").e164());
        List<Contact> holders = contacts.findByPhoneHash(phoneHash);
        Contact contact = holders.isEmpty() ? null : holders.get(0);
        UUID contactId = contact == null ? null : contact.id;
        Instant now = clock.instant();

        CallerSignals counts = interactions.signals(contactId, phoneHash, now.minus(config.frequentWindow()),
                now.minus(complaintsWindow));
        Routing directive = routing.route(contact, counts);
        ContactView card = null;
        if (contact != null) {
            Visibility visibility = access.of(contact, actor);
            card = views.render(contact, visibility == Visibility.FULL ? Visibility.FULL : Visibility.MASKED);
        }
        audit.record("LOOKUP", contactId, phoneHash, Map.of("found", contact != null, "rule", directive.rule()));
        return new LookupResult(contact != null, card,
                holders.size() > 1 ? holders.subList(1, holders.size()).stream().map(c -> c.id).toList() : null,
                interactions.recent(contactId, phoneHash, config.recentInteractions()),
                signals(counts, now), directive);
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
