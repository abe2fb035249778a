package io.dialright.gateway.stub;

import java.util.Random;

/** Bodies for streaming tests, reproducible on both sides of the gateway. */
public final class Payloads {

    private Payloads() {
    }

    /** {@code length} bytes that the stub and the test compute alike: every byte value, in a non-trivial order. */
    public static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** {@code length} random bytes, fixed by {@code seed}. */
    public static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
