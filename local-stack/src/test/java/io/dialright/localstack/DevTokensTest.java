package io.dialright.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The {@code scope} claim of development tokens: every scope for integrations by default, else what was asked. */
class DevTokensTest {

    @Test
    void anIntegrationTokenWithoutScopesAskedForHoldsEveryScopeOfEveryArea() {
        Map<String, Object> claims = DevTokens.claims("web-form", List.of("integration"), null, Duration.ofMinutes(15),
                DevTokens.DEFAULT_ISSUER);

        assertThat(claims.get("scope").toString().split(" "))
                .hasSize(2 * DevTokens.API_AREAS.size())
                .contains("contacts:read", "contacts:write", "lookup:read", "call-events:write", "audit:read",
                        "consent-templates:write", "stop-list:write");
    }

    @Test
    void scopesAskedForAreTheOnlyOnesSpaceSeparated() {
        Map<String, Object> claims = DevTokens.claims("pbx-1", List.of("integration"), null, Duration.ofMinutes(15),
                DevTokens.DEFAULT_ISSUER, List.of("lookup:read", "call-events:write"));

        assertThat(claims).containsEntry("scope", "lookup:read call-events:write");
    }

    @Test
    void peopleGetNoScopeClaim() {
        assertThat(DevTokens.claims("operator-1", List.of("operator"), "team-a", Duration.ofMinutes(15),
                DevTokens.DEFAULT_ISSUER)).doesNotContainKey("scope");
    }

    @Test
    void theLaunchersScopeOptionOverridesTheDefault() {
        assertThat(LocalStack.scopes(" lookup:read   contacts:write ", List.of("integration")))
                .containsExactly("lookup:read", "contacts:write");
        assertThat(LocalStack.scopes(null, List.of("integration"))).isEqualTo(DevTokens.ALL_SCOPES);
        assertThat(LocalStack.scopes(null, List.of("operator"))).isNull();
        assertThat(LocalStack.scopes("", List.of("integration"))).isEmpty();
    }
}
