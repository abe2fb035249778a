package io.dialright.consent.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentState;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.messaging.ConsentEvent;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ConsentStateRepository;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/**
 * The one way a consent changes state: a new history row with who, when, channel and why; the status mirror on the
 * record; {@code ConsentGranted} when it becomes ACTIVE, {@code ConsentRevoked} when it is revoked; and an
 * {@code AccessRecorded} for the audit trail — all in the caller's transaction.
 */
@ApplicationScoped
public class ConsentTransitions {

    /** States a newer consent for the same number, purpose and channel replaces. */
    static final List<ConsentStatus> REPLACEABLE = List.of(ConsentStatus.ACTIVE, ConsentStatus.PENDING_CONFIRMATION);

    private final ConsentRepository consents;
    private final ConsentStateRepository states;
    private final Outbox outbox;
    private final AccessRecorder audit;

    public ConsentTransitions(ConsentRepository consents, ConsentStateRepository states, Outbox outbox,
                              AccessRecorder audit) {
        this.consents = consents;
        this.states = states;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Records a new consent in its first state. */
    public void created(Consent consent, Actor actor, String channel, Instant at) {
        consents.persist(consent);
        consents.flush();
        appendState(consent, consent.status, actor, channel, "captured by " + consent.captureMethod, at);
        announce(consent, consent.status, actor, at);
    }

    public void move(Consent consent, ConsentStatus to, Actor actor, String channel, String reason, Instant at) {
        consent.status = to;
        consent.statusChangedAt = at;
        // The unique "one active consent" index is checked per statement: write the change before the next one.
        consents.flush();
        appendState(consent, to, actor, channel, reason, at);
        announce(consent, to, actor, at);
    }

    /** The consent moved to another contact (merge); its status is unchanged. */
    public void rekeyed(Consent consent, UUID survivorId, Actor actor, Instant at) {
        UUID from = consent.contactId;
        consent.contactId = survivorId;
        appendState(consent, ConsentStatus.REKEYED, actor, null, "contact " + from + " merged into " + survivorId,
                at);
    }

    /** Supersedes the number's other active or pending consents of the same purpose and channel. */
    public void supersedeOthers(Consent newer, List<ConsentStatus> which, Actor actor, Instant at) {
        for (Consent older : consents.inStates(newer.phoneHash, newer.purpose, newer.channel, which)) {
            if (!older.id.equals(newer.id)) {
                move(older, ConsentStatus.SUPERSEDED, actor, null, "superseded by consent " + newer.id, at);
            }
        }
    }

    private void appendState(Consent consent, ConsentStatus status, Actor actor, String channel, String reason,
                             Instant at) {
        ConsentState state = new ConsentState();
        state.consentId = consent.id;
        state.status = status;
        state.at = at;
        state.actorSubject = actor.subject() == null ? "unknown" : actor.subject();
        state.actorRole = actor.role();
        state.channel = channel;
        state.reason = reason;
        states.persist(state);
    }

    private void announce(Consent consent, ConsentStatus status, Actor actor, Instant at) {
        if (status == ConsentStatus.ACTIVE) {
            outbox.publish(Topics.CONSENTS, ConsentEvent.GRANTED, consent.phoneHash, actor,
                    ConsentEvent.of(consent, status, at));
        } else if (status == ConsentStatus.REVOKED) {
            outbox.publish(Topics.CONSENTS, ConsentEvent.REVOKED, consent.phoneHash, actor,
                    ConsentEvent.of(consent, status, at));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consentId", consent.id.toString());
        details.put("status", status.name());
        details.put("purpose", consent.purpose.name());
        details.put("channel", consent.channel.name());
        audit.record(actor, AuditActions.CONSENT_CHANGE, consent.contactId.toString(), consent.phoneHash, details);
    }
}
