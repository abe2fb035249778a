package io.dialright.consent.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.CaptureMethod;
import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentConfirmation;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.DecisionRule;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.messaging.SmsRequested;
import io.dialright.consent.messaging.SmsSender;
import io.dialright.consent.repository.ConsentConfirmationRepository;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ConsentTemplateRepository;
import io.dialright.consent.repository.DecisionRules;
import io.dialright.consent.repository.ErasureTombstones;
import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.ProblemException;

/** Captures and revokes consents (K-1), starting double opt-in where asked (K-3). */
@ApplicationScoped
public class ConsentService {

    /** A consent as captured, its number already parsed. */
    public record NewConsent(UUID contactId, IndexedNumber number, Purpose purpose, Channel channel,
                             LegalBasis legalBasis, CaptureMethod captureMethod, String source,
                             String captureReference, UUID templateId, Instant capturedAt, Instant validUntil,
                             boolean doubleOptIn, RequestMetadata request) {
    }

    /** Clock skew tolerated for a capture time sent by a client. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final ConsentRepository consents;
    private final ConsentTemplateRepository templates;
    private final ConsentConfirmationRepository confirmations;
    private final ConsentTransitions transitions;
    private final DecisionRules rules;
    private final ErasureTombstones tombstones;
    private final NumberLocks locks;
    private final ConfirmationCodes codes;
    private final SmsSender sms;
    private final SmsQuota smsQuota;
    private final ConsentConfig config;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, ConsentTemplateRepository templates,
                          ConsentConfirmationRepository confirmations, ConsentTransitions transitions,
                          DecisionRules rules, ErasureTombstones tombstones, NumberLocks locks,
                          ConfirmationCodes codes, SmsSender sms, SmsQuota smsQuota, ConsentConfig config,
                          Clock clock) {
        this.consents = consents;
        this.templates = templates;
        this.confirmations = confirmations;
        this.transitions = transitions;
        this.rules = rules;
        this.tombstones = tombstones;
        this.locks = locks;
        this.codes = codes;
        this.sms = sms;
        this.smsQuota = smsQuota;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Records the consent: ACTIVE at once (superseding the number's earlier consent for the same purpose and
     * channel), or PENDING_CONFIRMATION with a code sent by SMS.
     */
    @Transactional
    public Consent grant(NewConsent request, Actor actor) {
        Instant now = clock.instant();
        ConsentTemplate template = validate(request, now);
        locks.lock(request.number().phoneHash());
        tombstones.find(request.number().phoneHash()).ifPresent(tombstone -> {
            throw new ProblemException(409, "Number erased", "The number " + request.number().masked()
                    + " was erased on privacy request " + tombstone.privacyRequestId() + " and stays blocked; "
                    + "no consent can be recorded for it.");
        });
        if (template != null) {
            templates.markShown(template.id, now);
        }
        Consent consent = newConsent(request, actor, now);
        if (request.doubleOptIn()) {
            transitions.supersedeOthers(consent, List.of(ConsentStatus.PENDING_CONFIRMATION), actor, now);
            consent.status = ConsentStatus.PENDING_CONFIRMATION;
            transitions.created(consent, actor, request.captureMethod().name(), now);
            sendCode(consent, template, request.number(), actor, now, null);
        } else {
            transitions.supersedeOthers(consent, ConsentTransitions.REPLACEABLE, actor, now);
            consent.status = ConsentStatus.ACTIVE;
            transitions.created(consent, actor, request.captureMethod().name(), now);
        }
        return consent;
    }

    /**
     * Revokes a consent (or withdraws one still pending). Revoking a revoked consent changes nothing; a superseded
     * one is refused, as the newer consent is the one in force.
     */
    @Transactional
    public Consent revoke(UUID id, CustomerChannel channel, String reason, Actor actor) {
        String phoneHash = consents.phoneHashOf(id);
        if (phoneHash == null) {
            throw ProblemException.notFound("There is no consent " + id + ".");
        }
        locks.lock(phoneHash);
        Consent consent = consents.lockById(id);
        if (consent.status == ConsentStatus.REVOKED) {
            return consent;
        }
        if (consent.status == ConsentStatus.SUPERSEDED) {
            throw new ProblemException(409, "Consent superseded", "Consent " + id + " was superseded by a newer "
                    + "consent for the same purpose and channel; revoke that one (GET /api/consents?contactId="
                    + consent.contactId + ").");
        }
        transitions.move(consent, ConsentStatus.REVOKED, actor, channel.name(),
                reason == null || reason.isBlank() ? "revoked by the customer" : reason, clock.instant());
        return consent;
    }

    /**
     * Sends a new code and stores its hash; the text comes from the consent's template. The SMS counts against the
     * caller's quota, which may refuse it (429): the caller's transaction then rolls back with nothing created. Callers
     * hold the number's lock already, so the quota's client lock is always taken second.
     */
    void sendCode(Consent consent, ConsentTemplate template, IndexedNumber number, Actor actor, Instant now,
                  ConsentConfirmation existing) {
        smsQuota.charge(actor.subject(), now);
        String code = codes.newCode();
        ConsentConfirmation confirmation = existing;
        if (confirmation == null) {
            confirmation = new ConsentConfirmation();
            confirmation.consentId = consent.id;
            confirmation.firstSentAt = now;
        }
        confirmation.codeHash = codes.hash(consent.id, code);
        confirmation.lastSentAt = now;
        confirmation.sends += 1;
        confirmation.expiresAt = now.plus(config.doubleOptIn().codeValidity());
        confirmation.attempts = 0;
        if (existing == null) {
            confirmations.persist(confirmation);
        }
        sms.send(new SmsRequested(number.e164(), ConfirmationTexts.code(template, consent.purpose, consent.channel,
                code, config.doubleOptIn().codeValidity()), consent.purpose.name(), consent.id, null),
                number.phoneHash(), actor);
    }

    private ConsentTemplate validate(NewConsent request, Instant now) {
        DecisionRule rule = rules.forPurpose(request.purpose());
        if (!rule.accepts(request.legalBasis())) {
            throw new ProblemException(422, "Legal basis not accepted", request.purpose() + " rests only on "
                    + rule.acceptedBases() + ", not on " + request.legalBasis() + ". " + rule.explanation());
        }
        if (request.captureMethod() == CaptureMethod.OPERATOR_VERBAL && blank(request.captureReference())) {
            throw ProblemException.invalidField("captureReference", "A verbal consent needs the call it was given "
                    + "in: send its call id as captureReference.");
        }
        if (request.capturedAt() != null && request.capturedAt().isAfter(now.plus(SKEW))) {
            throw ProblemException.invalidField("capturedAt", "The capture time is in the future.");
        }
        if (request.validUntil() != null && !request.validUntil().isAfter(now)) {
            throw ProblemException.invalidField("validUntil", "validUntil must be in the future; leave it out for "
                    + "a consent valid until revoked.");
        }
        if (request.doubleOptIn()) {
            if (request.legalBasis() != LegalBasis.CONSENT) {
                throw ProblemException.invalidField("doubleOptIn", "Only a consent (legalBasis CONSENT) is "
                        + "confirmed by SMS code.");
            }
            if (!request.number().textable()) {
                throw new ProblemException(422, "Number cannot receive SMS", "Double opt-in sends a code by SMS, "
                        + "and " + request.number().masked() + " is not a mobile number; capture the consent "
                        + "without doubleOptIn, with a call reference or on paper.");
            }
        }
        if (request.templateId() == null) {
            if (request.legalBasis() == LegalBasis.CONSENT) {
                throw ProblemException.invalidField("templateId", "A consent needs the id of the consent text "
                        + "version shown to the customer (GET /api/consent-templates).");
            }
            return null;
        }
        ConsentTemplate template = templates.findById(request.templateId());
        if (template == null) {
            throw new ProblemException(422, "Unknown consent template", "There is no consent template "
                    + request.templateId() + "; list them with GET /api/consent-templates.");
        }
        if (template.purpose != request.purpose()) {
            throw new ProblemException(422, "Template for another purpose", "Template " + template.code + " v"
                    + template.version + " is the text for " + template.purpose + "; a " + request.purpose()
                    + " consent needs a text of its own purpose (one consent never covers another purpose).");
        }
        return template;
    }

    private static Consent newConsent(NewConsent request, Actor actor, Instant now) {
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.contactId = request.contactId();
        consent.phoneHash = request.number().phoneHash();
        consent.masked = request.number().masked();
        consent.purpose = request.purpose();
        consent.channel = request.channel();
        consent.legalBasis = request.legalBasis();
        consent.captureMethod = request.captureMethod();
        consent.source = request.source();
        consent.captureReference = request.captureReference();
        consent.templateId = request.templateId();
        consent.capturedAt = request.capturedAt() != null ? request.capturedAt() : now;
        consent.validUntil = request.validUntil();
        consent.statusChangedAt = now;
        consent.createdBy = actor.subject();
        consent.createdAt = now;
        consent.requestId = request.request().requestId();
        consent.sourceIp = request.request().sourceIp();
        consent.userAgent = request.request().userAgent();
        return consent;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
