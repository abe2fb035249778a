package io.dialright.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/consents/{id}/confirm}: the six-digit code the customer received. */
public record ConfirmRequest(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits of the SMS")
                             String code) {
}
