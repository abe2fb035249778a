package io.dialright.dialer.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code CallCompleted} on {@code dialright.dialer.v1} (key: the contact id, else the number's blind
 * index). The number travels as blind index and masked form only.
 */
public record CallCompleted(String callId, UUID campaignId, UUID contactId, String phoneHash, String masked,
                            String direction, String operatorId, String outcome, Instant callbackAt,
                            String refusalReason, Integer durationSec, String recordingRef, Instant occurredAt) {
}
