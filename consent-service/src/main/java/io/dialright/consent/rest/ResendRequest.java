package io.dialright.consent.rest;

import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /api/consents/{id}/resend}: the number to send the new code to, which must be the consent's
 * own (the service keeps only its blind index, never the number).
 */
public record ResendRequest(@NotBlank String phone) {
}
