package io.dialright.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Column-level authenticated encryption (AES-256-GCM) under a key ring: the primary key seals new values, every key
 * of the ring still opens the values it sealed, so keys rotate without a stop. The associated data names the row and
 * column a value belongs to, so a ciphertext copied to another row or column no longer opens.
 *
 * <p>Sealed form: {@code 0x01 ‖ 12-byte random nonce ‖ ciphertext ‖ 16-byte tag}; the id of the key that sealed it is
 * kept beside it (its own column), so a re-encryption job can find what is still under an old key.
 */
public final class FieldCipher {

    /** A sealed value and the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKeySpec> keys;
    private final String primaryKeyId;
    private final SecureRandom random = new SecureRandom();
    /** A Cipher per thread: looking one up costs more than sealing a number; init with a fresh nonce each time. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);

    public FieldCipher(Map<String, byte[]> keys, String primaryKeyId) {
        if (!keys.containsKey(primaryKeyId)) {
            throw new IllegalArgumentException("The primary key " + primaryKeyId + " is not in the key ring "
                    + keys.keySet());
        }
        Map<String, SecretKeySpec> ring = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("Key " + id + " has " + key.length + " bytes; AES-256 needs "
                        + KEY_BYTES);
            }
            ring.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        this.keys = Map.copyOf(ring);
        this.primaryKeyId = primaryKeyId;
    }

    /**
     * Parses a key ring written as {@code id:base64,id:base64} (the form of an environment variable or a key file).
     *
     * @throws IllegalArgumentException naming the entry that is malformed, never echoing key material
     */
    public static FieldCipher fromKeyRing(String keyRing, String primaryKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : keyRing.strip().split("\\s*,\\s*")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("A key ring entry must be id:base64-key; entry " + (keys.size() + 1)
                        + " is not");
            }
            String id = entry.substring(0, colon);
            try {
                keys.put(id, Base64.getDecoder().decode(entry.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Key " + id + " of the key ring is not valid base64");
            }
        }
        return new FieldCipher(keys, primaryKeyId);
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** Seals {@code plaintext} under the primary key, bound to {@code context} (e.g. {@code contact_phone:<id>}). */
    public Sealed seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(primaryKeyId), nonce, context);
            byte[] body = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(primaryKeyId, ByteBuffer.allocate(1 + NONCE_BYTES + body.length)
                    .put(FORMAT).put(nonce).put(body).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Opens a value sealed by any key of the ring.
     *
     * @throws IllegalStateException when the key is not in the ring, or the value was altered or belongs to another
     *                               context (row or column)
     */
    public String open(Sealed sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Key " + sealed.keyId() + " is not in the key ring; a retired key was "
                    + "removed before the re-encryption job moved its values");
        }
        byte[] value = sealed.ciphertext();
        if (value.length < 1 + NONCE_BYTES + TAG_BITS / 8 || value[0] != FORMAT) {
            throw new IllegalStateException("Not a sealed value of format " + FORMAT);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(value, 1, nonce, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, context);
            byte[] plain = cipher.doFinal(value, 1 + NONCE_BYTES, value.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A sealed value failed authentication: altered, or moved from "
                    + "another row or column", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Whether a value sealed under {@code keyId} should be moved to the primary key. */
    public boolean isStale(String keyId) {
        return !primaryKeyId.equals(keyId);
    }

    private Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = ciphers.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
