package io.dialright.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A subject (the {@code sub} of its tokens) whose tokens issued up to {@code effectiveAt} are refused. {@code reason}
 * is for the people reading the logs ("dismissed 2026-11-28"), never shown to the refused client.
 */
public record Revocation(String subject, Instant effectiveAt, String reason) {

    public Revocation {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A revocation needs the subject it revokes");
        }
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        reason = reason == null ? "" : reason;
    }

    /**
     * Whether a token of this subject issued at {@code issuedAtEpochSecond} ({@code iat}) is refused. A token without
     * {@code iat} cannot prove it is newer; one issued in the revocation's second may be older, since {@code iat}
     * has no fraction: both are refused.
     */
    public boolean refuses(Long issuedAtEpochSecond) {
        return issuedAtEpochSecond == null || issuedAtEpochSecond <= effectiveAt.getEpochSecond();
    }
}
