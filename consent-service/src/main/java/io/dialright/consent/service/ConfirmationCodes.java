package io.dialright.consent.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.crypto.BlindIndex;

/**
 * Six-digit double opt-in codes. A code is stored only as an HMAC under the service's secret key, bound to its
 * consent ({@code consent-code:<id>:<code>}), so a copy of the database does not reveal codes and a million guesses
 * cannot be tried offline.
 */
@ApplicationScoped
public class ConfirmationCodes {

    private final SecureRandom random = new SecureRandom();
    private final BlindIndex keyedHash;

    public ConfirmationCodes(BlindIndex keyedHash) {
        this.keyedHash = keyedHash;
    }

    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public String hash(UUID consentId, String code) {
        return keyedHash.of("consent-code:" + consentId + ":" + code);
    }

    /** Constant-time comparison, so response times say nothing about how close a guess was. */
    public boolean matches(UUID consentId, String code, String storedHash) {
        return MessageDigest.isEqual(hash(consentId, code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
