package io.dialright.platform.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.crypto.BlindIndex;

/**
 * Names and seals a kept answer without storing the client or its key. Both come from the service's keyed hash (the
 * blind-index key, with labels no phone number can take): the row's lookup key from one label, the AES-256-GCM key of
 * its body from another. Reading a kept answer therefore needs the database, the service's key and the client's
 * Idempotency-Key, which is not stored anywhere; random keys (UUIDs) keep it that way.
 */
@ApplicationScoped
public class AnswerSeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final BlindIndex keyedHash;
    private final SecureRandom random = new SecureRandom();

    public AnswerSeal(BlindIndex keyedHash) {
        this.keyedHash = keyedHash;
    }

    /** The row's primary key: 64 hex characters. */
    public String lookupKey(String client, IdempotencyKey key) {
        return keyedHash.of("idempotency-lookup\u0000" + client + "\u0000" + key.value());
    }

    /** {@code nonce ‖ ciphertext ‖ tag}, bound to the row's lookup key and status. */
    public byte[] seal(String client, IdempotencyKey key, String lookupKey, int status, byte[] body) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, client, key, nonce, lookupKey, status).doFinal(body);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws GeneralSecurityException when the value was not sealed for this row, client and key */
    public byte[] open(String client, IdempotencyKey key, String lookupKey, int status, byte[] sealed)
            throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES) {
            throw new GeneralSecurityException("A sealed answer is shorter than its nonce");
        }
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        return cipher(Cipher.DECRYPT_MODE, client, key, nonce, lookupKey, status)
                .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    private Cipher cipher(int mode, String client, IdempotencyKey key, byte[] nonce, String lookupKey, int status)
            throws GeneralSecurityException {
        byte[] aesKey = HexFormat.of().parseHex(keyedHash.of("idempotency-seal\u0000" + client + "\u0000"
                + key.value()));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((lookupKey + "\u0000" + status).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
