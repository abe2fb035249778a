package io.dialright.consent.messaging;

import java.time.Instant;
import java.util.UUID;

import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentStatus;

/**
 * Payload of {@code ConsentGranted} (a consent became ACTIVE) and {@code ConsentRevoked} on
 * {@code dialright.consents.v1}, key: the number's blind index (so a number's consent and stop-list events stay in
 * order on one partition). {@code at} is when the state changed. Never a plaintext number.
 */
public record ConsentEvent(UUID consentId, UUID contactId, String phoneHash, String masked, String purpose,
                           String channel, String legalBasis, String status, Instant validUntil, Instant at) {

    public static final String GRANTED = "ConsentGranted";
    public static final String REVOKED = "ConsentRevoked";

    public static ConsentEvent of(Consent consent, ConsentStatus status, Instant at) {
        return new ConsentEvent(consent.id, consent.contactId, consent.phoneHash, consent.masked,
                consent.purpose.name(), consent.channel.name(), consent.legalBasis.name(), status.name(),
                consent.validUntil, at);
    }
}
