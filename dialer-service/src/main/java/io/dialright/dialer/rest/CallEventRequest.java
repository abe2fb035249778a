package io.dialright.dialer.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.dialright.dialer.domain.CallDirection;
import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.dialer.domain.CallOutcome;
import io.dialright.platform.phone.PhoneNumber;

/** Body of {@code POST /api/call-events} (API.md); {@code phone} in any common format. */
public record CallEventRequest(
        @NotNull UUID eventId,
        @NotNull CallEventType type,
        @NotBlank @Size(max = 100) String callId,
        UUID campaignId,
        UUID contactId,
        @NotBlank @Size(max = 64) String phone,
        @NotNull CallDirection direction,
        @NotBlank @Size(max = 100) String operatorId,
        CallOutcome outcome,
        Instant callbackAt,
        @Size(max = 500) String refusalReason,
        @PositiveOrZero Integer durationSec,
        @Size(max = 500) String recordingRef,
        @NotNull Instant occurredAt) {

    /** A field that a completed call or a callback must have. */
    public record Missing(String field, String message) {
    }

    /** What a completed call or a callback lacks, or {@code null}. */
    public Missing missingDetail() {
        if (type == CallEventType.CALL_COMPLETED && outcome == null) {
            return new Missing("outcome", "A completed call needs its outcome.");
        }
        if (outcome == CallOutcome.CALLBACK && callbackAt == null) {
            return new Missing("callbackAt", "A callback outcome needs the agreed time.");
        }
        return null;
    }

    /** The event to store: the number as its blind index and masked form only. */
    public CallEvent toEvent(PhoneNumber phone, String phoneHash, String receivedFrom, Instant receivedAt) {
        CallEvent event = new CallEvent();
        event.id = UUID.randomUUID();
        event.eventId = eventId;
        event.type = type;
        event.callId = callId;
        event.campaignId = campaignId;
        event.contactId = contactId;
        event.phoneHash = phoneHash;
        event.masked = phone.masked();
        event.direction = direction;
        event.operatorId = operatorId;
        event.outcome = outcome;
        event.callbackAt = callbackAt;
        event.refusalReason = refusalReason;
        event.durationSec = durationSec;
        event.recordingRef = recordingRef;
        event.occurredAt = occurredAt;
        event.receivedAt = receivedAt;
        event.receivedFrom = receivedFrom;
        return event;
    }
}
