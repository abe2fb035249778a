package io.dialright.gateway.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The scope a machine client ({@code integration} role) needs for a request: {@code <area>:read} for GET and HEAD,
 * {@code <area>:write} for every other method, where the area is the first path segment after {@code /api/}
 * ({@code POST /api/call-events} → {@code call-events:write}, {@code GET /api/lookup} → {@code lookup:read}). The
 * rule is purely method-based, without exceptions, so a client's owner can predict it; every service applies the
 * same rule.
 */
public final class Scopes {

    private static final String API = "/api/";

    private Scopes() {
    }

    /** The scope {@code method} on {@code path} needs; empty for a path outside {@code /api/<area>}. */
    public static Optional<String> required(String method, String path) {
        if (!path.startsWith(API) || path.length() == API.length()) {
            return Optional.empty();
        }
        int end = path.indexOf('/', API.length());
        String area = end < 0 ? path.substring(API.length()) : path.substring(API.length(), end);
        String upper = method.toUpperCase(Locale.ROOT);
        boolean read = upper.equals("GET") || upper.equals("HEAD");
        return Optional.of(area + (read ? ":read" : ":write"));
    }
}
