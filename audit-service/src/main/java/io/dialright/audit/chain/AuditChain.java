package io.dialright.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash of a chain link: SHA-256 over a leaf prefix byte and a domain tag (as Certificate Transparency separates
 * leaf from node hashes, and this product's entries from anything else hashed with SHA-256), the previous entry's
 * hash, and every field length-prefixed, so no two different entries can encode to the same bytes.
 */
public final class AuditChain {

    /** The hash before the first entry. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte LEAF = 0x00;
    private static final byte[] DOMAIN = "dialright.audit.entry.v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NULL = -1;

    private AuditChain() {
    }

    public static byte[] hash(byte[] previousHash, ChainedEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LEAF);
            writeBytes(out, DOMAIN);
            writeBytes(out, previousHash);
            out.writeLong(entry.seq());
            writeText(out, entry.eventId().toString());
            out.writeLong(entry.occurredAtMicros());
            out.writeLong(entry.recordedAtMicros());
            writeText(out, entry.producer());
            writeText(out, entry.action());
            writeText(out, entry.actorSubject());
            writeText(out, entry.actorRole());
            writeText(out, entry.actorTeam());
            writeText(out, entry.subjectKey());
            writeText(out, entry.subjectHash());
            writeText(out, entry.requestId());
            writeText(out, entry.sourceIp());
            writeText(out, entry.details());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return sha256(bytes.toByteArray());
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(NULL);
        } else {
            writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
