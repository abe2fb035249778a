package io.dialright.gateway.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a token verification failure into a reason that is safe to log. The JOSE library puts the compact token
 * itself into some messages (an invalid signature message prints the JWS), and a log must never hold a usable token.
 */
public final class Redaction {

    /**
     * Two or three dot-separated base64url runs long enough to be a JOSE header and payload (the shortest header,
     * {"alg":"none"}, is 19 characters), so dotted names such as configuration keys stay readable.
     */
    private static final Pattern COMPACT_TOKEN =
            Pattern.compile("[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}(\\.[A-Za-z0-9_-]*)?");
    private static final int MAX_LENGTH = 500;
    /** Shorter values ("JWT", "none") would also match ordinary words, and are no credential anyway. */
    private static final int MIN_PART_LENGTH = 6;

    private Redaction() {
    }

    /**
     * The distinct messages of {@code failure} and its causes, with {@code token} (and its parts) and anything else
     * token-shaped replaced.
     */
    public static String reason(Throwable failure, String token) {
        Set<String> messages = new LinkedHashSet<>();
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = failure; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                messages.add(t.getMessage().strip());
            }
        }
        String joined = messages.isEmpty() ? "token rejected" : String.join(" <- ", messages);
        String redacted = joined;
        if (token != null && token.length() >= MIN_PART_LENGTH) {
            redacted = redacted.replace(token, "<token>");
            for (String part : token.split("\\.")) {
                if (part.length() >= MIN_PART_LENGTH) {
                    redacted = redacted.replace(part, "<token part>");
                }
            }
        }
        redacted = COMPACT_TOKEN.matcher(redacted).replaceAll("<token>");
        return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH) + "…";
    }
}
