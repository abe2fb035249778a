package io.dialright.consent.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code ErasureRequested} on {@code dialright.consents.v1} (key: the number's blind index): every service
 * erases what it holds about the number and confirms with its own event naming {@code privacyRequestId}.
 */
public record ErasureRequested(UUID privacyRequestId, String phoneHash, String masked, Instant requestedAt,
                               Instant dueBy) {

    public static final String TYPE = "ErasureRequested";
}
