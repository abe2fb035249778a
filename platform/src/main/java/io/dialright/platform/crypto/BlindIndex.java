package io.dialright.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed blind index: HMAC-SHA256 of a normalised value (an E.164 number) under a secret key. Equal numbers give
 * equal indexes, so rows can be found and events keyed without the number itself; without the key the index cannot
 * be reversed by trying every number.
 */
public final class BlindIndex {

    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    /** A Mac per thread: getting and keying one costs more than the HMAC of a number. */
    private final ThreadLocal<Mac> macs;

    public BlindIndex(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("A blind-index key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** 64 lowercase hex characters. */
    public String of(String normalisedValue) {
        return HexFormat.of().formatHex(macs.get().doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
