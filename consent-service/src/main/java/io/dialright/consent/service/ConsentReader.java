package io.dialright.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentConfirmation;
import io.dialright.consent.domain.ConsentState;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.repository.ConsentConfirmationRepository;
import io.dialright.consent.repository.ConsentStateRepository;
import io.dialright.consent.repository.ConsentTemplateRepository;

/** Turns consent records into {@link ConsentDetails}: histories, templates and confirmations in one query each. */
@ApplicationScoped
public class ConsentReader {

    private final ConsentStateRepository states;
    private final ConsentTemplateRepository templates;
    private final ConsentConfirmationRepository confirmations;
    private final ConsentConfig config;
    private final Clock clock;

    public ConsentReader(ConsentStateRepository states, ConsentTemplateRepository templates,
                         ConsentConfirmationRepository confirmations, ConsentConfig config, Clock clock) {
        this.states = states;
        this.templates = templates;
        this.confirmations = confirmations;
        this.config = config;
        this.clock = clock;
    }

    public ConsentDetails details(Consent consent) {
        return details(List.of(consent)).get(0);
    }

    public List<ConsentDetails> details(List<Consent> consents) {
        if (consents.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = consents.stream().map(consent -> consent.id).toList();
        Map<UUID, List<ConsentState>> histories = states.historiesOf(ids);
        List<UUID> templateIds = consents.stream().map(consent -> consent.templateId)
                .filter(id -> id != null).distinct().toList();
        Map<UUID, ConsentTemplate> shown = new HashMap<>();
        if (!templateIds.isEmpty()) {
            templates.list("id in ?1", templateIds).forEach(template -> shown.put(template.id, template));
        }
        Map<UUID, ConsentConfirmation> codes = confirmations.list("consentId in ?1", ids).stream()
                .collect(Collectors.toMap(confirmation -> confirmation.consentId, Function.identity()));
        Instant now = clock.instant();
        return consents.stream().map(consent -> details(consent, histories.getOrDefault(consent.id, List.of()),
                shown.get(consent.templateId), codes.get(consent.id), now)).toList();
    }

    private ConsentDetails details(Consent consent, List<ConsentState> history, ConsentTemplate template,
                                   ConsentConfirmation confirmation, Instant now) {
        return new ConsentDetails(consent.id, consent.contactId, consent.masked, consent.purpose, consent.channel,
                consent.legalBasis, consent.captureMethod, consent.source, consent.captureReference,
                template == null ? null : new ConsentDetails.Template(template.id, template.code, template.version),
                consent.capturedAt, consent.validUntil, consent.statusAt(now), consent.statusChangedAt,
                consent.createdBy, new RequestMetadata(consent.requestId, consent.sourceIp, consent.userAgent),
                confirmation == null ? null : doubleOptIn(consent, confirmation),
                history.stream().map(state -> new ConsentDetails.Step(state.status, state.at, state.actorSubject,
                        state.actorRole, state.channel, state.reason)).toList());
    }

    private ConsentDetails.DoubleOptIn doubleOptIn(Consent consent, ConsentConfirmation confirmation) {
        boolean pending = consent.status == ConsentStatus.PENDING_CONFIRMATION;
        ConsentConfig.DoubleOptIn rules = config.doubleOptIn();
        return new ConsentDetails.DoubleOptIn(confirmation.firstSentAt, confirmation.lastSentAt, confirmation.sends,
                pending ? confirmation.expiresAt : null,
                pending ? Math.max(0, rules.maxAttempts() - confirmation.attempts) : null,
                pending ? Math.max(0, rules.maxResends() + 1 - confirmation.sends) : null,
                confirmation.confirmedAt, confirmation.confirmedBy,
                confirmation.confirmedAt == null ? null : new RequestMetadata(confirmation.confirmRequestId,
                        confirmation.confirmSourceIp, confirmation.confirmUserAgent));
    }
}
