package io.dialright.dialer.handout;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code CallScheduled} on {@code dialright.dialer.v1} (key: the contact id): a contact was handed out to
 * an operator. contact-service opens that operator's access to the contact with it.
 */
public record CallScheduled(UUID contactId, UUID campaignId, String operatorId, String operatorTeam,
                            Instant scheduledAt, UUID leaseId, Instant leaseExpiresAt, String phoneHash,
                            String masked) {
}
