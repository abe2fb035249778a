package io.dialright.dialer.handout;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import io.dialright.dialer.rules.CalleeZones;
import io.dialright.dialer.rules.TimeRange;

/** A campaign member as the hand-out sees it: its sealed number, zones, preferences and queue position. */
public record Member(UUID campaignId, UUID contactId, String phoneHash, byte[] ciphertext, String keyId,
                     String masked, CalleeZones zones, LocalTime preferredFrom, LocalTime preferredTo, boolean vip,
                     String sourceChannel, String scriptVariant, String state, Instant callbackDueAt, int attempts,
                     Instant lastAttemptAt, String lastOperatorId, UUID leaseId, String leaseOperator,
                     Instant leaseExpiresAt) {

    /** The customer's preferred local time, if they gave one. */
    public TimeRange preferred() {
        return preferredFrom == null || preferredTo == null || !preferredFrom.isBefore(preferredTo) ? null
                : new TimeRange(preferredFrom, preferredTo);
    }

    public boolean isCallback() {
        return callbackDueAt != null;
    }

    /** Handed out to {@code operatorId} right now (a call event of theirs concerns this lease). */
    public boolean isLeasedTo(String operatorId) {
        return "LEASED".equals(state) && operatorId != null && operatorId.equals(leaseOperator);
    }
}
