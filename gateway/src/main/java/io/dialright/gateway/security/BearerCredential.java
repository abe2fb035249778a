package io.dialright.gateway.security;

import java.util.List;
import java.util.Locale;

/**
 * The token of a request's single {@code Authorization: Bearer <token>} header, or why there is none. Tokens are
 * accepted nowhere else (not in the query string, not in a cookie): URLs end up in logs and browser history.
 *
 * @param token   the compact JWT, or {@code null} when refused
 * @param refusal why no token was taken, for the server log; {@code null} when a token was found
 */
public record BearerCredential(String token, String refusal) {

    private static final String SCHEME = "bearer";

    public static BearerCredential from(List<String> authorizationHeaders) {
        if (authorizationHeaders.isEmpty()) {
            return refused("no Authorization header");
        }
        // Two headers could be read differently here and in a service; refuse instead of picking one.
        if (authorizationHeaders.size() > 1) {
            return refused(authorizationHeaders.size() + " Authorization headers");
        }
        String value = authorizationHeaders.get(0).trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return refused("Authorization scheme is not Bearer");
        }
        String token = space < 0 ? "" : value.substring(space + 1).trim();
        if (token.isEmpty()) {
            return refused("Bearer scheme without a token");
        }
        if (!isB64Token(token)) {
            return refused("Bearer token is malformed");
        }
        return new BearerCredential(token, null);
    }

    /** The characters of an RFC 6750 b64token before its padding, by ASCII code. */
    private static final boolean[] B64_TOKEN_CHARS = new boolean[128];

    static {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
        for (int i = 0; i < allowed.length(); i++) {
            B64_TOKEN_CHARS[allowed.charAt(i)] = true;
        }
    }

    /**
     * RFC 6750 b64token ({@code [A-Za-z0-9-._~+/]+=*}); a JWT uses a subset of it. Anything else (spaces, commas) is
     * malformed. A table, not a regular expression or a chain of comparisons: it runs on every request, over the
     * whole token (about a kilobyte).
     */
    static boolean isB64Token(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            if (c >= B64_TOKEN_CHARS.length || !B64_TOKEN_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    public boolean present() {
        return token != null;
    }

    private static BearerCredential refused(String reason) {
        return new BearerCredential(null, reason);
    }

    /** Never the token: this record may end up in a log line or a debugger's variables view. */
    @Override
    public String toString() {
        return present() ? "BearerCredential[token=<redacted>]" : "BearerCredential[refusal=" + refusal + "]";
    }
}
