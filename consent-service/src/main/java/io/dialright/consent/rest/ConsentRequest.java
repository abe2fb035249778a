package io.dialright.consent.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.consent.domain.CaptureMethod;
import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;

/**
 * Body of {@code POST /api/consents}. {@code templateId} is the consent text version shown (required for
 * {@code legalBasis: CONSENT}); {@code captureReference} the call id of an operator's verbal consent;
 * {@code capturedAt} defaults to now (a paper consent may be older); no {@code validUntil} means until revoked.
 */
public record ConsentRequest(
        @NotNull UUID contactId,
        @NotBlank String phone,
        @NotNull Purpose purpose,
        @NotNull Channel channel,
        @NotNull LegalBasis legalBasis,
        @NotNull CaptureMethod captureMethod,
        @NotBlank @Size(max = 200) String source,
        UUID templateId,
        Boolean doubleOptIn,
        @Size(max = 100) String captureReference,
        Instant capturedAt,
        Instant validUntil) {
}
