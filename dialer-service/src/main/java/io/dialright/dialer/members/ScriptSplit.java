package io.dialright.dialer.members;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

import io.dialright.dialer.campaign.ScriptVariant;

/**
 * The A/B split (D-1): each contact gets a variant at random in proportion to the weights, and always the same one
 * for the same campaign (a hash of campaign and contact, not a random draw that a re-run would change).
 */
public final class ScriptSplit {

    private ScriptSplit() {
    }

    public static String variantOf(UUID campaignId, UUID contactId, List<ScriptVariant> variants) {
        int total = variants.stream().mapToInt(ScriptVariant::weight).sum();
        long point = Long.remainderUnsigned(hash(campaignId + ":" + contactId), total);
        for (ScriptVariant variant : variants) {
            point -= variant.weight();
            if (point < 0) {
                return variant.name();
            }
        }
        throw new IllegalStateException("weights must be positive");
    }

    private static long hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
