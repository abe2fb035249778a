package io.dialright.consent.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentConfirmation;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.repository.ConsentConfirmationRepository;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ConsentTemplateRepository;
import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.ProblemException;

/**
 * Confirms pending consents by SMS code (K-3). A wrong try is counted even though the request fails, so the methods
 * return an outcome and commit; the resource turns a failed outcome into its problem response. The number's lock and
 * the consent's row lock serialise concurrent tries, so five attempts are five.
 */
@ApplicationScoped
public class DoubleOptInService {

    /** What a confirmation or resend came to. */
    public enum Result {
        CONFIRMED, WRONG_CODE, EXPIRED, TOO_MANY_ATTEMPTS, SENT, RESEND_LIMIT, TOO_SOON
    }

    /** The outcome, the consent and its confirmation state, and how long to wait for {@code TOO_SOON}. */
    public record Outcome(Result result, Consent consent, ConsentConfirmation confirmation, Duration retryAfter) {
    }

    private final ConsentRepository consents;
    private final ConsentConfirmationRepository confirmations;
    private final ConsentTemplateRepository templates;
    private final ConsentTransitions transitions;
    private final ConsentService consentService;
    private final ConfirmationCodes codes;
    private final NumberLocks locks;
    private final ConsentConfig config;
    private final Clock clock;

    public DoubleOptInService(ConsentRepository consents, ConsentConfirmationRepository confirmations,
                              ConsentTemplateRepository templates, ConsentTransitions transitions,
                              ConsentService consentService, ConfirmationCodes codes, NumberLocks locks,
                              ConsentConfig config, Clock clock) {
        this.consents = consents;
        this.confirmations = confirmations;
        this.templates = templates;
        this.transitions = transitions;
        this.consentService = consentService;
        this.codes = codes;
        this.locks = locks;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Outcome confirm(UUID consentId, String code, RequestMetadata request, Actor actor) {
        Consent consent = pending(consentId);
        ConsentConfirmation confirmation = confirmations.findById(consentId);
        Instant now = clock.instant();
        int maxAttempts = config.doubleOptIn().maxAttempts();
        if (confirmation.attempts >= maxAttempts) {
            return new Outcome(Result.TOO_MANY_ATTEMPTS, consent, confirmation, null);
        }
        if (!now.isBefore(confirmation.expiresAt)) {
            return new Outcome(Result.EXPIRED, consent, confirmation, null);
        }
        if (!codes.matches(consentId, code, confirmation.codeHash)) {
            confirmation.attempts += 1;
            return new Outcome(Result.WRONG_CODE, consent, confirmation, null);
        }
        confirmation.confirmedAt = now;
        confirmation.confirmedBy = actor.subject();
        confirmation.confirmRequestId = request.requestId();
        confirmation.confirmSourceIp = request.sourceIp();
        confirmation.confirmUserAgent = request.userAgent();
        transitions.supersedeOthers(consent, ConsentTransitions.REPLACEABLE, actor, now);
        transitions.move(consent, ConsentStatus.ACTIVE, actor, "SMS_CODE",
                "confirmed with the code sent at " + confirmation.lastSentAt, now);
        return new Outcome(Result.CONFIRMED, consent, confirmation, null);
    }

    /** A new code for a pending consent, to the number it was captured for (sent again by the client). */
    @Transactional
    public Outcome resend(UUID consentId, IndexedNumber number, Actor actor) {
        Consent consent = pending(consentId);
        if (!consent.phoneHash.equals(number.phoneHash())) {
            throw new ProblemException(422, "Wrong number", "Consent " + consentId + " was captured for "
                    + consent.masked + ", not for " + number.masked() + "; send the number the code goes to.");
        }
        ConsentConfirmation confirmation = confirmations.findById(consentId);
        Instant now = clock.instant();
        if (confirmation.sends > config.doubleOptIn().maxResends()) {
            return new Outcome(Result.RESEND_LIMIT, consent, confirmation, null);
        }
        Instant earliest = confirmation.lastSentAt.plus(config.doubleOptIn().resendInterval());
        if (now.isBefore(earliest)) {
            return new Outcome(Result.TOO_SOON, consent, confirmation, Duration.between(now, earliest));
        }
        consentService.sendCode(consent, templates.findById(consent.templateId), number, actor, now, confirmation);
        return new Outcome(Result.SENT, consent, confirmation, null);
    }

    private Consent pending(UUID consentId) {
        String phoneHash = consents.phoneHashOf(consentId);
        if (phoneHash == null) {
            throw ProblemException.notFound("There is no consent " + consentId + ".");
        }
        locks.lock(phoneHash);
        Consent consent = consents.lockById(consentId);
        if (consent == null) {
            throw ProblemException.notFound("There is no consent " + consentId + ".");
        }
        if (consent.status != ConsentStatus.PENDING_CONFIRMATION) {
            throw new ProblemException(409, "Not waiting for a code", "Consent " + consentId + " is "
                    + consent.status + ", not waiting for an SMS code.");
        }
        return consent;
    }
}
