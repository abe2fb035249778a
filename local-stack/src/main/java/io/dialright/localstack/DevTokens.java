package io.dialright.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the claims Dialright expects (API.md "Auth") and signs them with the development key. */
public final class DevTokens {

    public static final String DEFAULT_ISSUER = "dialright-local";
    public static final String AUDIENCE = "dialright";
    public static final String INTEGRATION = "integration";

    /**
     * The areas of API.md ({@code /api/<area>/…}); each has the scopes {@code <area>:read} and {@code <area>:write}.
     */
    public static final List<String> API_AREAS = List.of(
            "contacts", "lookup", "imports", "exports", "segments",
            "consents", "opt-outs", "stop-list", "decisions", "registry", "privacy-requests", "consent-templates",
            "campaigns", "call-events", "rulesets", "callbacks",
            "audit");

    /** Every scope of every area: what an integration token holds when nobody asked for particular scopes. */
    public static final List<String> ALL_SCOPES = API_AREAS.stream()
            .flatMap(area -> List.of(area + ":read", area + ":write").stream())
            .toList();

    private DevTokens() {
    }

    /**
     * The claims of a valid token; tests remove or change one claim to build a defective token. An integration token
     * gets every scope ({@link #ALL_SCOPES}): a development convenience; ask for particular ones with the overload.
     */
    public static Map<String, Object> claims(String subject, List<String> roles, String team, Duration ttl,
                                             String issuer) {
        return claims(subject, roles, team, ttl, issuer, roles.contains(INTEGRATION) ? ALL_SCOPES : null);
    }

    /**
     * @param scopes the {@code scope} claim's scopes (written space-separated, as OAuth2 does); {@code null} for no
     *               claim at all, an empty collection for an empty claim
     */
    public static Map<String, Object> claims(String subject, List<String> roles, String team, Duration ttl,
                                             String issuer, Collection<String> scopes) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", roles);
        if (team != null) {
            claims.put("team", team);
        }
        if (scopes != null) {
            claims.put("scope", String.join(" ", scopes));
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    public static String sign(DevKeys keys, Map<String, Object> claims) {
        return Jwts.rs256(claims, keys.privateKey(), null);
    }

    /** Parses "15m", "2h", "90s" or an ISO-8601 duration. */
    public static Duration parseTtl(String text) {
        String value = text.trim().toLowerCase();
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase());
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("Use a duration such as 90s, 15m or 2h: " + text);
        };
    }
}
