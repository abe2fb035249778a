package io.dialright.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dialright.localstack.DevKeys;
import io.dialright.localstack.DevTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remembered token answers exactly as the verified one it was made of, without asking it again. */
class RememberedTokenTest {

    private static final String ISSUER = "dialright-test";

    @TempDir
    Path keyDir;

    @Test
    void everyClaimIsAnsweredAsTheVerifiedTokenAnswersIt() throws Exception {
        JsonWebToken verified = verifiedToken();

        RememberedToken remembered = new RememberedToken(verified);

        assertThat(remembered.getClaimNames()).isEqualTo(verified.getClaimNames()).contains("team", "scope");
        for (String claim : verified.getClaimNames()) {
            assertThat((Object) remembered.getClaim(claim)).as(claim).isEqualTo(verified.getClaim(claim));
        }
        assertThat(remembered.getName()).isEqualTo(verified.getName()).isEqualTo("pbx-1");
        assertThat(remembered.getRawToken()).isEqualTo(verified.getRawToken()).isNotBlank();
        assertThat(remembered.getSubject()).isEqualTo("pbx-1");
        assertThat(remembered.getGroups()).isEqualTo(verified.getGroups()).containsExactly("integration");
        assertThat(remembered.getExpirationTime()).isEqualTo(verified.getExpirationTime());
        assertThat(remembered.getIssuedAtTime()).isEqualTo(verified.getIssuedAtTime());
        assertThat(remembered.getIssuer()).isEqualTo(ISSUER);
        assertThat(remembered.getTokenID()).isEqualTo(verified.getTokenID()).isNotBlank();
        assertThat((Object) remembered.getClaim("team")).hasToString("team-a");
        assertThat((Object) remembered.getClaim("scope")).hasToString("lookup:read contacts:read");
        assertThat((Object) remembered.getClaim("no-such-claim")).isNull();
        assertThat(remembered.containsClaim("no-such-claim")).isFalse();
        assertThat(remembered.toString()).doesNotContain(verified.getRawToken());
    }

    @Test
    void theClaimsAreReadOnceAtRememberingAndTheSharedGroupsCannotBeChanged() throws Exception {
        CountingToken verified = new CountingToken(verifiedToken());
        RememberedToken remembered = new RememberedToken(verified);
        int readsAtRemembering = verified.claimReads;

        for (int request = 0; request < 3; request++) {
            remembered.getClaim("team");
            remembered.getClaim("scope");
            remembered.getGroups();
        }

        Set<String> scopes = IntegrationScopes.grantedBy(remembered);
        assertThat(scopes).containsExactlyInAnyOrder("lookup:read", "contacts:read");
        assertThat(IntegrationScopes.grantedBy(remembered)).as("split once, at remembering").isSameAs(scopes);

        assertThat(readsAtRemembering).isPositive();
        assertThat(verified.claimReads).isEqualTo(readsAtRemembering);
        Set<String> groups = remembered.getGroups();
        assertThatThrownBy(() -> groups.add("admin")).isInstanceOf(UnsupportedOperationException.class);
    }

    private JsonWebToken verifiedToken() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        Map<String, Object> claims = DevTokens.claims("pbx-1", List.of("integration"), "team-a",
                Duration.ofMinutes(15), ISSUER, List.of("lookup:read", "contacts:read"));
        claims.remove("aud"); // the context below names no audience to check
        return new DefaultJWTParser(new JWTAuthContextInfo(keys.publicKey(), ISSUER))
                .parse(DevTokens.sign(keys, claims));
    }

    /** A verified token that counts how often its claims are read. */
    private static final class CountingToken implements JsonWebToken {

        private final JsonWebToken verified;
        private int claimReads;

        CountingToken(JsonWebToken verified) {
            this.verified = verified;
        }

        @Override
        public String getName() {
            return verified.getName();
        }

        @Override
        public Set<String> getClaimNames() {
            return verified.getClaimNames();
        }

        @Override
        public <T> T getClaim(String claimName) {
            claimReads++;
            return verified.getClaim(claimName);
        }

        @Override
        public Set<String> getGroups() {
            claimReads++;
            return verified.getClaim(Claims.groups.name());
        }
    }
}
