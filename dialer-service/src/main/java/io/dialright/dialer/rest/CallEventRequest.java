package io.dialright.dialer.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.dialright.dialer.domain.CallDirection;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.dialer.domain.CallOutcome;

/** Body of {@code POST /api/call-events} (API.md); {@code phone} in any common format. */
public record CallEventRequest(
        @NotNull UUID eventId,
        @NotNull CallEventType type,
        @NotBlank @Size(max = 100) String callId,
        UUID campaignId,
        UUID contactId,
        @NotBlank String phone,
        @NotNull CallDirection direction,
        @NotBlank @Size(max = 100) String operatorId,
        CallOutcome outcome,
        Instant callbackAt,
        @Size(max = 500) String refusalReason,
        @PositiveOrZero Integer durationSec,
        @Size(max = 500) String recordingRef,
        @NotNull Instant occurredAt) {
}
