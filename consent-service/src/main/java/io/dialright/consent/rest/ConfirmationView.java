package io.dialright.consent.rest;

import java.time.Instant;
import java.util.UUID;

import io.dialright.consent.domain.ConsentStatus;

/** Answer of a resend: when the new code went out, until when it works, how many more may be asked for. */
public record ConfirmationView(UUID consentId, ConsentStatus status, Instant sentAt, Instant expiresAt,
                               int resendsLeft) {
}
