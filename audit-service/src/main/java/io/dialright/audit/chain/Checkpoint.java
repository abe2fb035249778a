package io.dialright.audit.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the chain had entry {@code seq} with hash {@code entryHash} at {@code signedAt}". Kept outside
 * the database, it exposes a chain that was truncated or recomputed after it was signed.
 */
public record Checkpoint(long seq, String entryHash, Instant signedAt, String signature) {

    /** The bytes the signature covers. */
    static byte[] signedBytes(long seq, String entryHash, Instant signedAt) {
        return ("dialright.audit.checkpoint.v1\n" + seq + "\n" + entryHash + "\n" + signedAt)
                .getBytes(StandardCharsets.UTF_8);
    }
}
