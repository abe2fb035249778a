package io.dialright.dialer.handout;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer of {@code GET /api/campaigns/{id}/next}: whom to call, with which script, and why this contact may be
 * called now. {@code phone} is the full number: the caller is the operator (or dialer) the contact is leased to.
 */
public record HandOut(UUID contactId, UUID campaignId, String phone, String masked, String scriptVariant,
                      int attempt, boolean callback, UUID leaseId, Instant leaseExpiresAt, String explanation) {
}
