package io.dialright.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's JWT verification at this run's freshly generated public key ({@link TestTokens}), with the
 * issuer and audience that {@link TestTokens} puts into its tokens.
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestTokens.keys().publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.audiences", "dialright");
    }

    @Override
    public void stop() {
    }
}
