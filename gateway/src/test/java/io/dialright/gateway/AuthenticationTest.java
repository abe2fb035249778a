package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.dialright.gateway.http.Problem;
import io.dialright.gateway.stub.StubStats;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.localstack.DevKeys;
import io.dialright.localstack.Jwts;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
class AuthenticationTest {

    private static final String PATH = "/api/contacts";

    private final LogCapture log = new LogCapture();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void captureGatewayLog() {
        Logger.getLogger("io.dialright.gateway").addHandler(log);
    }

    @AfterEach
    void releaseGatewayLog() {
        Logger.getLogger("io.dialright.gateway").removeHandler(log);
    }

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.token("operator-1", "operator"))
                .when().get(PATH)
                .then().statusCode(200);
    }

    @Test
    void requestWithoutTokenIsRefused() {
        assertRefused(given());
    }

    @Test
    void tokenSignedWithForeignKeyIsRefused() {
        String forged = Jwts.rs256(validClaims(), DevKeys.generate().getPrivate(), null);
        assertRefused(given().auth().oauth2(forged));
    }

    @Test
    void aValidTokenSpelledAnotherWayIsRefused() {
        // The JOSE library reads all of these as the same signature; the gateway takes only the issuer's spelling.
        String token = TestTokens.token("operator-variants", "operator");
        given().auth().oauth2(token).when().get(PATH).then().statusCode(200);

        assertRefused(given().auth().oauth2(token + "="));
        assertRefused(given().auth().oauth2(token.substring(0, token.length() - 4) + "~"
                + token.substring(token.length() - 4)));
        assertRefused(given().auth().oauth2(withUnusedBitsSet(token)));
    }

    @Test
    void unsignedTokenIsRefused() {
        assertRefused(given().auth().oauth2(Jwts.unsigned(validClaims())));
    }

    @Test
    void hs256TokenKeyedWithPublicKeyBytesIsRefused() {
        byte[] publicKey = TestTokens.keys().publicKey().getEncoded();
        assertRefused(given().auth().oauth2(Jwts.hs256(validClaims(), publicKey)));
    }

    @Test
    void hs256TokenKeyedWithPublicKeyPemTextIsRefused() throws IOException {
        byte[] pem = Files.readAllBytes(TestTokens.keys().publicKeyFile());
        assertRefused(given().auth().oauth2(Jwts.hs256(validClaims(), pem)));
    }

    @Test
    void tokenExpiredMinutesAgoIsRefused() {
        Map<String, Object> claims = validClaims();
        Instant now = Instant.now();
        claims.put("iat", now.minus(Duration.ofMinutes(20)).getEpochSecond());
        claims.put("exp", now.minus(Duration.ofMinutes(5)).getEpochSecond());
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenNotValidForAnotherFiveMinutesIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.put("nbf", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.put("iss", "someone-else");
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.put("aud", "another-application");
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenWithoutGroupsIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.remove("groups");
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenWithEmptyGroupsIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.put("groups", List.of());
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenInQueryStringOnlyIsRefused() {
        String token = TestTokens.token("operator-1", "operator");
        assertRefused(given().queryParam("access_token", token));
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWhenBothAreValid() {
        String token = TestTokens.token("operator-1", "operator");
        assertRefused(given()
                .header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void basicSchemeIsRefused() {
        assertRefused(given().auth().preemptive().basic("operator-1", "secret"));
    }

    @Test
    void bearerWithoutJwtIsRefused() {
        assertRefused(given().header("Authorization", "Bearer not-a-token"));
    }

    @Test
    void tokenNamingAnUnknownKeyIdIsRefusedEvenWithAValidSignature() {
        String token = Jwts.rs256(validClaims(), TestTokens.keys().privateKey(), "key-of-another-issuer");
        assertRefused(given().auth().oauth2(token));
    }

    @Test
    void tokenWithTamperedPayloadIsRefused() {
        String[] parts = TestTokens.token("operator-1", "operator", "team-a").split("\\.");
        Map<String, Object> escalated = validClaims();
        escalated.put("groups", List.of("supervisor", "privacy-officer"));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new JsonObject(escalated).encode().getBytes(StandardCharsets.UTF_8));
        assertRefused(given().auth().oauth2(parts[0] + "." + payload + "." + parts[2]));
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.remove("exp");
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenWithoutIssuedAtIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.remove("iat");
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void personsTokenLivingLongerThanFifteenMinutesIsRefused() {
        Map<String, Object> claims = validClaims();
        Instant now = Instant.now();
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(16)).getEpochSecond());
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void machineClientsTokenMayLiveAnHourButNotLonger() {
        Map<String, Object> claims = TestTokens.claims("web-form", "integration", null);
        claims.put("scope", "contacts:read");
        Instant now = Instant.now();
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(60)).getEpochSecond());
        given().auth().oauth2(TestTokens.sign(claims)).when().get(PATH).then().statusCode(200);

        claims.put("exp", now.plus(Duration.ofMinutes(61)).getEpochSecond());
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void tokenWithoutAudienceIsRefused() {
        Map<String, Object> claims = validClaims();
        claims.remove("aud");
        assertRefused(given().auth().oauth2(TestTokens.sign(claims)));
    }

    @Test
    void malformedAuthorizationHeaderIsRefused() {
        String token = TestTokens.token("operator-1", "operator");
        assertRefused(given().header("Authorization", "Bearer " + token + " " + token));
        assertRefused(given().header("Authorization", "Bearer" + token));
        assertRefused(given().header("Authorization", "Bearer " + token + ",Bearer " + token));
    }

    @Test
    void refusalReasonIsLoggedButNeverTheToken() {
        String forged = Jwts.rs256(validClaims(), DevKeys.generate().getPrivate(), null);
        String signature = forged.substring(forged.lastIndexOf('.') + 1);
        String payload = forged.split("\\.")[1];

        assertRefused(given().auth().oauth2(forged));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(log.messages()).anySatisfy(line -> assertThat(line).startsWith("Refused POST /api/contacts")));
        assertThat(log.messages()).noneSatisfy(line -> assertThat(line).contains(signature));
        assertThat(log.messages()).noneSatisfy(line -> assertThat(line).contains(payload));
    }

    @Test
    void opaqueBearerValueIsNeverLogged() {
        String opaque = "opaque" + UUID.randomUUID().toString().replace("-", "");

        assertRefused(given().header("Authorization", "Bearer " + opaque));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(log.messages()).anySatisfy(line -> assertThat(line).startsWith("Refused POST /api/contacts")));
        assertThat(log.messages()).noneSatisfy(line -> assertThat(line).contains(opaque));
    }

    private static Map<String, Object> validClaims() {
        return TestTokens.claims("operator-1", "operator", "team-a");
    }

    /** 401 problem+json with the challenge and the generic detail, and the request never reached the service. */
    /** The token with a bit set that its last character carries but no byte of the signature uses. */
    private static String withUnusedBitsSet(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    }

    private static void assertRefused(RequestSpecification request) {
        int before = StubStats.requests("contact");

        Response response = request.when().post(PATH).then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .extract().response();

        JsonPath problem = GatewayAssertions.assertProblem(response, 401, "Unauthorized");
        assertThat(problem.getString("detail")).isEqualTo(Problem.unauthorized().detail());
        assertThat(StubStats.requests("contact")).isEqualTo(before);
    }

    /** Collects the gateway's formatted log lines. */
    private static final class LogCapture extends Handler {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final PatternFormatter messageOnly = new PatternFormatter("%s");

        @Override
        public void publish(LogRecord record) {
            lines.add(messageOnly.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        List<String> messages() {
            return List.copyOf(lines);
        }
    }
}
