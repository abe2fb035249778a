package io.dialright.consent.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.consent.domain.Consent;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;

/**
 * Moves the consents of a merged contact to the surviving one (C-3 merge): each keeps its status and proof and
 * gets a {@code REKEYED} step in its history.
 */
@ApplicationScoped
public class ConsentMerges {

    private final ConsentRepository consents;
    private final ConsentTransitions transitions;
    private final AccessRecorder audit;

    public ConsentMerges(ConsentRepository consents, ConsentTransitions transitions, AccessRecorder audit) {
        this.consents = consents;
        this.transitions = transitions;
        this.audit = audit;
    }

    /** @return how many consents moved */
    @Transactional
    public int rekey(UUID mergedId, UUID survivorId, Actor actor, Instant at, Map<String, String> details) {
        List<Consent> moved = consents.list("contactId", mergedId);
        for (Consent consent : moved) {
            transitions.rekeyed(consent, survivorId, actor, at);
        }
        if (!moved.isEmpty()) {
            Map<String, Object> facts = new LinkedHashMap<>(details);
            facts.put("mergedId", mergedId.toString());
            facts.put("consentsMoved", moved.size());
            audit.record(actor, AuditActions.CONSENT_CHANGE, survivorId.toString(), null, facts);
        }
        return moved.size();
    }
}
