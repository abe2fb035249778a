package io.dialright.consent.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code ErasureCompleted} on {@code dialright.consents.v1} (key: the number's blind index): every
 * service that must confirm has confirmed.
 */
public record ErasureCompleted(UUID privacyRequestId, String phoneHash, Instant completedAt,
                               List<Confirmation> confirmations) {

    public static final String TYPE = "ErasureCompleted";

    /** One service's confirmation: who, when, and the id of its event. */
    public record Confirmation(String service, Instant confirmedAt, UUID eventId) {
    }
}
