package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import io.dialright.localstack.DevKeys;
import io.dialright.localstack.Jwts;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Services are reachable without the gateway (ports 8081–8084), so each verifies tokens itself: a token with one
 * defect is refused with 401 here too.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class TokenVerificationTest {

    @Test
    void expiredByMinutesIsRefused() {
        long now = Instant.now().getEpochSecond();
        assertRefused(signed(claims -> {
            claims.put("iat", now - 900);
            claims.put("exp", now - 300);
        }));
    }

    @Test
    void wrongIssuerIsRefused() {
        assertRefused(signed(claims -> claims.put("iss", "someone-else")));
    }

    @Test
    void wrongAudienceIsRefused() {
        assertRefused(signed(claims -> claims.put("aud", "another-product")));
    }

    @Test
    void foreignSignatureIsRefused() {
        Map<String, Object> claims = TestTokens.claims("operator-1", "operator", "team-a");
        assertRefused(Jwts.rs256(claims, DevKeys.generate().getPrivate(), null));
    }

    @Test
    void unsignedTokenIsRefused() {
        assertRefused(Jwts.unsigned(TestTokens.claims("operator-1", "operator", "team-a")));
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() {
        assertRefused(Jwts.hs256(TestTokens.claims("operator-1", "operator", "team-a"),
                TestTokens.keys().publicKey().getEncoded()));
    }

    private static String signed(Consumer<Map<String, Object>> defect) {
        Map<String, Object> claims = TestTokens.claims("operator-1", "operator", "team-a");
        defect.accept(claims);
        return TestTokens.sign(claims);
    }

    private static void assertRefused(String token) {
        given().auth().oauth2(token)
                .get("/api/stop-list/{phone}", "+79123456789")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
    }
}
