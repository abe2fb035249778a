package io.dialright.platform.idempotency;

import java.util.List;
import java.util.regex.Pattern;

import io.dialright.platform.problem.ProblemException;

/**
 * The value of a client's {@code Idempotency-Key} header: 1–255 visible ASCII characters, sent bare or as a quoted
 * string (the Structured Fields form of the IETF draft), e.g. a UUID the client makes for each new request.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** @throws ProblemException 400 saying what a key must look like, or that only one may be sent */
    public static IdempotencyKey parse(List<String> headers) {
        if (headers.size() != 1) {
            throw new ProblemException(400, "Invalid Idempotency-Key", "Send one Idempotency-Key header, not "
                    + headers.size() + ".");
        }
        String value = headers.get(0).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!VISIBLE_ASCII.matcher(value).matches()) {
            throw new ProblemException(400, "Invalid Idempotency-Key", "The Idempotency-Key header must hold 1 to "
                    + "255 visible ASCII characters without spaces; send a new random UUID with each new request.");
        }
        return new IdempotencyKey(value);
    }
}
