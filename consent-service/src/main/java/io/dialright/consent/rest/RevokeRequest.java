package io.dialright.consent.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.consent.domain.CustomerChannel;

/** Body of {@code POST /api/consents/{id}/revoke}: through which channel the customer revoked, and why. */
public record RevokeRequest(@Size(max = 500) String reason, @NotNull CustomerChannel channel) {
}
