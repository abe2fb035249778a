package io.dialright.contact.lookup;

import java.time.Instant;

/**
 * One call with a customer (C-5) as the card shows it: the operator is a subject, the recording a reference, no
 * number.
 */
public record Interaction(String callId, String direction, String outcome, String operatorId, String campaignId,
                          String reason, Integer durationSec, String recordingRef, Instant occurredAt) {
}
