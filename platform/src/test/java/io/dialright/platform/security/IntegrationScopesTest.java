package io.dialright.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import jakarta.json.Json;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule the gateway applies too (API.md): method-based, the area is the first segment after /api/. */
class IntegrationScopesTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /api/call-events              | call-events:write
            POST   | /api/contacts                 | contacts:write
            POST   | /api/contacts/42/merge        | contacts:write
            PATCH  | /api/contacts/42              | contacts:write
            DELETE | /api/stop-list/+79161234567   | stop-list:write
            GET    | /api/lookup                   | lookup:read
            HEAD   | /api/contacts/42              | contacts:read
            get    | /api/audit/entries            | audit:read
            POST   | /api/decisions/batch          | decisions:write
            PUT    | api/rulesets/ru-default       | rulesets:write
            """)
    void theMethodAndTheFirstSegmentAfterApiNameTheScope(String method, String path, String scope) {
        assertThat(IntegrationScopes.required(method, path)).contains(scope);
    }

    @Test
    void pathsOutsideAnApiAreaNeedNoScope() {
        assertThat(IntegrationScopes.required("GET", "/q/health/ready")).isEmpty();
        assertThat(IntegrationScopes.required("GET", "/q/openapi")).isEmpty();
        assertThat(IntegrationScopes.required("GET", "/api/")).isEmpty();
        assertThat(IntegrationScopes.required("GET", "/apis/contacts")).isEmpty();
        assertThat(IntegrationScopes.required("GET", null)).isEmpty();
    }

    @Test
    void theClaimIsASpaceSeparatedString() {
        assertThat(IntegrationScopes.granted(" contacts:write  lookup:read ")).containsExactlyInAnyOrder(
                "contacts:write", "lookup:read");
        assertThat(IntegrationScopes.granted("lookup:read\tcontacts:read\ndecisions:read")).containsExactlyInAnyOrder(
                "lookup:read", "contacts:read", "decisions:read");
        assertThat(IntegrationScopes.granted("lookup:read")).containsExactly("lookup:read");
        assertThat(IntegrationScopes.granted("")).isEmpty();
        assertThat(IntegrationScopes.granted("  \t ")).isEmpty();
        assertThat(IntegrationScopes.granted(null)).isEmpty();
    }

    @Test
    void aTokenTheServiceDoesNotRememberGrantsWhatItsClaimSays() {
        JsonWebToken token = new ClaimsOnlyToken(Map.of(IntegrationScopes.CLAIM, Json.createValue("lookup:read a:b")));
        JsonWebToken plain = new ClaimsOnlyToken(Map.of(IntegrationScopes.CLAIM, "contacts:read"));
        JsonWebToken without = new ClaimsOnlyToken(Map.of());

        assertThat(IntegrationScopes.grantedBy(token)).containsExactlyInAnyOrder("lookup:read", "a:b");
        assertThat(IntegrationScopes.grantedBy(plain)).containsExactly("contacts:read");
        assertThat(IntegrationScopes.grantedBy(without)).isEmpty();
    }

    /** A token that is nothing but its claims. */
    private record ClaimsOnlyToken(Map<String, Object> claims) implements JsonWebToken {

        @Override
        public String getName() {
            return "client";
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }
}
