package io.dialright.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.PrivacyRequest;
import io.dialright.consent.domain.PrivacyRequestStatus;
import io.dialright.consent.domain.PrivacyRequestType;
import io.dialright.consent.messaging.ErasureCompleted;
import io.dialright.consent.messaging.ErasureRequested;
import io.dialright.consent.messaging.SmsRequested;
import io.dialright.consent.messaging.SmsSender;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ContactNumbers;
import io.dialright.consent.repository.ErasureConfirmations;
import io.dialright.consent.repository.ErasureTombstones;
import io.dialright.consent.repository.NumberCalls;
import io.dialright.consent.repository.NumberExports;
import io.dialright.consent.repository.PrivacyRequestRepository;
import io.dialright.consent.repository.PrivacyRequestStepRepository;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import io.dialright.platform.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Erasure requests (K-7). On receipt, in one transaction: the ticket (due in 30 days), a tombstone and a stop-list
 * entry that keep the number blocked for good, consent-service's own data about the number purged, and
 * {@code ErasureRequested} for the other services. Each service confirms with an event naming the request; when
 * every service of {@code dialright.consent.erasure.confirmations} has, the ticket completes and
 * {@code ErasureCompleted} goes out. The ticket and its timeline stay, with the number only as its blind index.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    private static final String SERVICE = "consent-service";

    private final PrivacyRequestRepository requests;
    private final PrivacyRequestStepRepository steps;
    private final ErasureConfirmations confirmations;
    private final ErasureTombstones tombstones;
    private final ConsentRepository consents;
    private final ConsentTransitions transitions;
    private final ContactNumbers contacts;
    private final NumberCalls calls;
    private final NumberExports exports;
    private final OptOutService optOuts;
    private final NumberLocks locks;
    private final SmsSender sms;
    private final Outbox outbox;
    private final AccessRecorder audit;
    private final EntityManager entityManager;
    private final ConsentConfig config;
    private final Clock clock;

    public ErasureService(PrivacyRequestRepository requests, PrivacyRequestStepRepository steps,
                          ErasureConfirmations confirmations, ErasureTombstones tombstones,
                          ConsentRepository consents, ConsentTransitions transitions, ContactNumbers contacts,
                          NumberCalls calls, NumberExports exports, OptOutService optOuts, NumberLocks locks,
                          SmsSender sms, Outbox outbox, AccessRecorder audit, EntityManager entityManager,
                          ConsentConfig config, Clock clock) {
        this.requests = requests;
        this.steps = steps;
        this.confirmations = confirmations;
        this.tombstones = tombstones;
        this.consents = consents;
        this.transitions = transitions;
        this.contacts = contacts;
        this.calls = calls;
        this.exports = exports;
        this.optOuts = optOuts;
        this.locks = locks;
        this.sms = sms;
        this.outbox = outbox;
        this.audit = audit;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public PrivacyRequest request(IndexedNumber number, CustomerChannel channel, String requester, Actor actor) {
        Instant now = clock.instant();
        String hash = number.phoneHash();
        locks.excludeHistoryWriters();
        locks.lock(hash);
        PrivacyRequest open = requests.openErasureOf(hash);
        if (open != null) {
            throw new ProblemException(409, "Erasure already requested", "An erasure of " + number.masked()
                    + " is already open: privacy request " + open.id + ", received " + open.receivedAt
                    + ", due by " + open.dueBy + ".");
        }
        PrivacyRequest ticket = new PrivacyRequest();
        ticket.id = UUID.randomUUID();
        ticket.type = PrivacyRequestType.ERASURE;
        ticket.phoneHash = hash;
        ticket.masked = number.masked();
        ticket.channel = channel;
        ticket.requester = requester;
        ticket.receivedBy = actor.subject();
        ticket.receivedAt = now;
        ticket.dueBy = now.plus(config.erasure().due());
        ticket.status = PrivacyRequestStatus.OPEN;
        requests.persistAndFlush(ticket);
        steps.append(ticket.id, "RECEIVED", now, actor.subject(), "through " + channel);

        tombstones.add(hash, ticket.id, now);
        optOuts.record(new OptOutService.OptOut(hash, number.masked(), channel, "privacy request " + ticket.id,
                "erasure request", null), actor);
        purge(ticket, actor, now);
        steps.append(ticket.id, "BLOCKED", now, SERVICE, "blocked for every purpose (tombstone and stop list); "
                + "consent records, sources, calls and exports of the number purged");

        outbox.publish(Topics.CONSENTS, ErasureRequested.TYPE, hash, actor,
                new ErasureRequested(ticket.id, hash, number.masked(), now, ticket.dueBy));
        if (number.textable()) {
            sms.send(new SmsRequested(number.e164(), ConfirmationTexts.erasureReceived(config.companyName(),
                    ticket.dueBy), null, null, ticket.id), hash, actor);
            steps.append(ticket.id, "CUSTOMER_NOTIFIED", now, SERVICE, "SMS receipt with the due date");
        }
        audit.record(actor, AuditActions.PRIVACY_REQUEST, null, hash,
                Map.of("privacyRequestId", ticket.id.toString(), "type", "ERASURE", "step", "RECEIVED"));
        completeIfConfirmed(ticket, now);
        return ticket;
    }

    /**
     * A service's confirmation. Unknown requests (an erasure another service started on its own) are ignored;
     * a repeated confirmation changes nothing.
     */
    @Transactional
    public void confirm(UUID requestId, ErasureConfirmations.Confirmation confirmation) {
        PrivacyRequest ticket = requests.lockById(requestId);
        if (ticket == null || ticket.type != PrivacyRequestType.ERASURE) {
            LOG.infof("%s confirmed an erasure for %s, which is not an erasure request of this service; ignored",
                    confirmation.service(), requestId);
            return;
        }
        if (!confirmations.add(requestId, confirmation)) {
            return;
        }
        steps.append(requestId, "CONFIRMED", confirmation.confirmedAt(), confirmation.service(),
                confirmation.details());
        completeIfConfirmed(ticket, clock.instant());
    }

    /** Flags open erasures past their due date, once each; returns how many were newly flagged. */
    @Transactional
    public int flagOverdue() {
        Instant now = clock.instant();
        List<PrivacyRequest> overdue = requests.newlyOverdue(now);
        for (PrivacyRequest ticket : overdue) {
            ticket.overdueAt = now;
            Set<String> waiting = awaiting(ticket);
            steps.append(ticket.id, "OVERDUE", now, SERVICE, "due by " + ticket.dueBy + "; waiting for "
                    + (waiting.isEmpty() ? "nothing" : String.join(", ", waiting)));
            LOG.warnf("Privacy request %s (%s) is overdue since %s; waiting for %s", ticket.id, ticket.type,
                    ticket.dueBy, waiting);
        }
        return overdue.size();
    }

    /** The services whose confirmation is still missing. */
    public Set<String> awaiting(PrivacyRequest ticket) {
        if (ticket.type != PrivacyRequestType.ERASURE || ticket.status != PrivacyRequestStatus.OPEN) {
            return Set.of();
        }
        Set<String> waiting = new LinkedHashSet<>(config.erasure().confirmations());
        confirmations.of(ticket.id).forEach(confirmation -> waiting.remove(confirmation.service()));
        return waiting;
    }

    /**
     * consent-service's own part, at once: consents (revoked first, so subscribers hear it), sources, and the calls
     * and exports of the number go. Their consumers take the number's lock too and skip what is dated before an
     * erasure, so none comes back.
     */
    private void purge(PrivacyRequest ticket, Actor actor, Instant now) {
        for (Consent consent : consents.ofNumber(ticket.phoneHash)) {
            if (consent.status == ConsentStatus.ACTIVE || consent.status == ConsentStatus.PENDING_CONFIRMATION) {
                transitions.move(consent, ConsentStatus.REVOKED, actor, ticket.channel.name(),
                        "erasure request " + ticket.id, now);
            }
        }
        consents.flush();
        consents.delete("phoneHash", ticket.phoneHash);
        contacts.deleteNumber(ticket.phoneHash);
        calls.deleteNumber(ticket.phoneHash);
        exports.deleteNumber(ticket.phoneHash);
        // The stop list keeps the blind index only; earlier access reports held the number's data.
        entityManager.createNativeQuery("UPDATE stop_list_entry SET masked = '(erased)', reason = NULL "
                        + "WHERE phone_hash = ?1")
                .setParameter(1, ticket.phoneHash).executeUpdate();
        entityManager.createNativeQuery("UPDATE privacy_request SET masked = NULL, report = NULL "
                        + "WHERE phone_hash = ?1 AND type = 'ACCESS'")
                .setParameter(1, ticket.phoneHash).executeUpdate();
    }

    private void completeIfConfirmed(PrivacyRequest ticket, Instant now) {
        if (ticket.status != PrivacyRequestStatus.OPEN || !awaiting(ticket).isEmpty()) {
            return;
        }
        ticket.status = PrivacyRequestStatus.COMPLETED;
        ticket.completedAt = now;
        ticket.masked = null;
        steps.append(ticket.id, "COMPLETED", now, SERVICE, "every service confirmed");
        List<ErasureCompleted.Confirmation> confirmed = confirmations.of(ticket.id).stream()
                .map(confirmation -> new ErasureCompleted.Confirmation(confirmation.service(),
                        confirmation.confirmedAt(), confirmation.eventId()))
                .toList();
        Actor system = Actor.system(SERVICE);
        outbox.publish(Topics.CONSENTS, ErasureCompleted.TYPE, ticket.phoneHash, system,
                new ErasureCompleted(ticket.id, ticket.phoneHash, now, confirmed));
        audit.record(system, AuditActions.PRIVACY_REQUEST, null, ticket.phoneHash,
                Map.of("privacyRequestId", ticket.id.toString(), "type", "ERASURE", "step", "COMPLETED"));
    }
}
