package io.dialright.platform.security;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token as {@link CachingJwtParser} remembers it: its claims read once, at verification, and answered
 * from a map on every request after. smallrye-jwt's principal looks every claim name up in the {@link Claims} enum
 * and learns that a name is not a standard one ({@code team}, {@code scope}) from the {@link IllegalArgumentException}
 * it catches — two exceptions with their stack traces per read; a lookup read two such claims, and the stack traces
 * were 5 % of contact-service's CPU. The claims themselves are the library's own values, unchanged.
 */
final class RememberedToken implements JsonWebToken {

    private final String name;
    private final Set<String> claimNames;
    private final Map<String, Object> claims;
    private final String description;
    private final Set<String> scopes;

    RememberedToken(JsonWebToken verified) {
        this.name = verified.getName();
        this.claimNames = Set.copyOf(verified.getClaimNames());
        Map<String, Object> values = new HashMap<>();
        for (String claim : claimNames) {
            putIfPresent(values, claim, verified.getClaim(claim));
        }
        // Standard claims the library answers without listing them among the names (the raw token, the groups).
        for (Claims standard : Claims.values()) {
            if (standard != Claims.UNKNOWN && !values.containsKey(standard.name())) {
                putIfPresent(values, standard.name(), verified.getClaim(standard.name()));
            }
        }
        values.computeIfPresent(Claims.groups.name(), (key, groups) -> groups instanceof Set<?> set
                ? Collections.unmodifiableSet(set) : groups);
        this.claims = Collections.unmodifiableMap(values);
        this.description = verified.toString();
        this.scopes = IntegrationScopes.granted(IntegrationScopes.claimValue(this));
    }

    private static void putIfPresent(Map<String, Object> values, String claim, Object value) {
        if (value != null) {
            values.put(claim, value);
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claimNames;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    /** The scopes of its {@code scope} claim, split once: {@link IntegrationScopes#grantedBy}. */
    Set<String> scopes() {
        return scopes;
    }

    /** What the library's principal says of itself (it leaves the raw token out). */
    @Override
    public String toString() {
        return description;
    }
}
