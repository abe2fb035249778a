package io.dialright.consent.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code OptOutRecorded} on {@code dialright.consents.v1} (key: the number's blind index). From this
 * event on, consumers must treat the number as blocked for every purpose except emergency notifications.
 */
public record OptOutRecorded(UUID stopListEntryId, String phoneHash, String masked, String channel, String source,
                             String reason, String callId, Instant recordedAt) {
}
