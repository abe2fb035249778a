package io.dialright.platform.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.crypto.BlindIndex;

/**
 * Names, fingerprints and seals a kept answer without storing the client, its key or anything of its request. All
 * three come from the service's keyed hash (the blind-index key, under labels no phone number or other use of that key
 * can take), mixed with the client and its Idempotency-Key: the row's lookup key, the fingerprint of the request (a
 * plain hash of a body that is little more than a number could be reversed by trying every number) and the AES-256-GCM
 * key of the answer's body. Reading a kept answer therefore needs the database, the service's key and the client's
 * Idempotency-Key, which is not stored anywhere; random keys (UUIDs) keep it that way.
 *
 * <p>{@code client} is the client as its token names it: subject, roles and team. A client whose roles or team changed
 * is another client, and its repeat runs afresh under the access it now has.
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

    /** The client as keys are scoped: its token's subject, roles (sorted) and team. */
    public static String client(String subject, Collection<String> roles, String team) {
        return subject + "\u0000" + String.join(",", new TreeSet<>(roles)) + "\u0000" + team;
    }

    /** The row's primary key: 64 hex characters. */
    public String lookupKey(String client, IdempotencyKey key) {
        return derived("idempotency-lookup", client, key);
    }

    /** The request's SHA-256 ({@link FingerprintedBody}) under the service's key, as it is stored and compared. */
    public byte[] fingerprint(String client, IdempotencyKey key, byte[] requestDigest) {
        return HexFormat.of().parseHex(keyedHash.of("idempotency-fingerprint\u0000" + client + "\u0000" + key.value()
                + "\u0000" + HexFormat.of().formatHex(requestDigest)));
    }

    /** {@code nonce ‖ ciphertext ‖ tag}, bound to the row and to the status and headers kept beside the body. */
    public byte[] seal(String client, IdempotencyKey key, Answer answer, byte[] body) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, client, key, nonce, answer).doFinal(body);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws GeneralSecurityException when the value was not sealed for this row, client, key and answer */
    public byte[] open(String client, IdempotencyKey key, Answer answer, byte[] sealed)
            throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES) {
            throw new GeneralSecurityException("A sealed answer is shorter than its nonce");
        }
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        return cipher(Cipher.DECRYPT_MODE, client, key, nonce, answer)
                .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** What is kept in clear beside a sealed body, and bound to it. */
    public record Answer(String lookupKey, int status, String contentType, String location) {

        byte[] associatedData() {
            return (lookupKey + "\u0000" + status + "\u0000" + contentType + "\u0000" + location)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private Cipher cipher(int mode, String client, IdempotencyKey key, byte[] nonce, Answer answer)
            throws GeneralSecurityException {
        byte[] aesKey = HexFormat.of().parseHex(derived("idempotency-seal", client, key));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(answer.associatedData());
        return cipher;
    }

    private String derived(String label, String client, IdempotencyKey key) {
        return keyedHash.of(label + "\u0000" + client + "\u0000" + key.value());
    }
}
