package io.dialright.consent.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.consent.domain.CaptureMethod;
import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;

/**
 * A consent with its proof, as clients and access reports see it: the number masked (never its blind index), the
 * template version shown, the capture request, the double opt-in times and the whole history. {@code status} is
 * the status now ({@code EXPIRED} once {@code validUntil} has passed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentDetails(UUID id, UUID contactId, String masked, Purpose purpose, Channel channel,
                             LegalBasis legalBasis, CaptureMethod captureMethod, String source,
                             String captureReference, Template template, Instant capturedAt, Instant validUntil,
                             ConsentStatus status, Instant statusChangedAt, String createdBy,
                             RequestMetadata capturedFrom, DoubleOptIn doubleOptIn, List<Step> history) {

    /** The consent text version that was shown. */
    public record Template(UUID id, String code, int version) {
    }

    /** Proof of a double opt-in; {@code attemptsLeft} and {@code resendsLeft} while it is pending. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DoubleOptIn(Instant firstSentAt, Instant lastSentAt, int sends, Instant expiresAt,
                              Integer attemptsLeft, Integer resendsLeft, Instant confirmedAt, String confirmedBy,
                              RequestMetadata confirmedFrom) {
    }

    /** One step of the history. */
    public record Step(ConsentStatus status, Instant at, String by, String role, String channel, String reason) {
    }
}
