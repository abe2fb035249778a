package io.dialright.platform.security;

import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The scope rule for machine clients (role {@code integration}), the same in the gateway and in every service: a
 * request to {@code /api/<area>/…} needs {@code <area>:read} for GET and HEAD and {@code <area>:write} for every
 * other method, where {@code <area>} is the first path segment after {@code /api/}. It is purely method-based, without
 * exceptions ({@code POST /api/decisions/batch} only reads, and still needs {@code decisions:write}), so that a client
 * can tell from the request alone which scope it needs.
 */
public final class IntegrationScopes {

    /** The OAuth2 claim that carries a token's scopes: one string, space-separated (RFC 8693 §4.2, RFC 9068). */
    public static final String CLAIM = "scope";

    private static final String API = "api/";

    private IntegrationScopes() {
    }

    /** The scope {@code method path} needs; empty for a path outside {@code /api/<area>}. */
    public static Optional<String> required(String method, String path) {
        return area(path).map(area -> area + (reads(method) ? ":read" : ":write"));
    }

    /** The first segment after {@code /api/}: {@code contacts} of {@code /api/contacts/1/merge} (slash optional). */
    public static Optional<String> area(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (!relative.startsWith(API)) {
            return Optional.empty();
        }
        String rest = relative.substring(API.length());
        int end = rest.indexOf('/');
        String area = end < 0 ? rest : rest.substring(0, end);
        return area.isEmpty() ? Optional.empty() : Optional.of(area);
    }

    /**
     * The scopes of a {@code scope} claim's value, separated by any whitespace; {@code null} (no claim) grants none.
     * Split by hand: it runs on every request of a machine client, and a regular expression and a stream cost more
     * than the rest of the scope check.
     */
    public static Set<String> granted(String scopeClaim) {
        if (scopeClaim == null) {
            return Set.of();
        }
        Set<String> scopes = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= scopeClaim.length(); i++) {
            boolean separator = i == scopeClaim.length() || Character.isWhitespace(scopeClaim.charAt(i));
            if (separator && start >= 0) {
                scopes.add(scopeClaim.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    /**
     * The scopes a verified token grants. A token the service remembers ({@link CachingJwtParser}) had its claim split
     * once, when it was verified; a machine client sends the same token with every request.
     */
    public static Set<String> grantedBy(JsonWebToken token) {
        if (token instanceof RememberedToken remembered) {
            return remembered.scopes();
        }
        return granted(claimValue(token));
    }

    /** The {@code scope} claim's text: the library gives it as a JSON string or a plain one; {@code null} if absent. */
    static String claimValue(JsonWebToken token) {
        Object claim = token.getClaim(CLAIM);
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }

    private static boolean reads(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
    }
}
