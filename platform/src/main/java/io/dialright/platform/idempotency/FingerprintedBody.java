package io.dialright.platform.idempotency;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A request body that computes its digest as it is read: SHA-256 over the request line's method, path and query,
 * the content type, the headers the endpoint reads (name and value, or that it was not sent) and every byte of the
 * body. Readers may stop early or close it (Jackson closes what it parsed):
 * whatever is left is read into the digest first, so the digest always covers the whole body, and a large body
 * is never held in memory.
 */
final class FingerprintedBody extends FilterInputStream {

    private final MessageDigest digest;
    private boolean drained;
    private boolean broken;

    FingerprintedBody(InputStream body, String method, String rawPath, String rawQuery, String contentType,
                      List<String> headerNames, List<String> headerValues) {
        super(body);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        StringBuilder request = new StringBuilder().append(method).append('\u0000').append(rawPath).append('\u0000')
                .append(rawQuery == null ? "" : rawQuery).append('\u0000').append(contentType).append('\u0000');
        for (int i = 0; i < headerNames.size(); i++) {
            String value = headerValues.get(i);
            // U+0001 marks a header not sent, which differs from one sent empty.
            request.append(headerNames.get(i)).append('\u0000').append(value == null ? "\u0001" : value)
                    .append('\u0000');
        }
        digest.update(request.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            digest.update(buffer, offset, read);
        }
        return read;
    }

    /** Skipped bytes are read, so that they count too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 0))];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public void close() throws IOException {
        drain();
        super.close();
    }

    /** SHA-256 of the whole request; null when the body could not be read to its end. */
    byte[] digest() {
        drain();
        return broken ? null : digest.digest();
    }

    private void drain() {
        if (drained) {
            return;
        }
        drained = true;
        try {
            transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            broken = true;
        }
    }

    /** No marks: a reader that went back would count the bytes twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported, see markSupported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("A request body being fingerprinted cannot be reset");
    }
}
