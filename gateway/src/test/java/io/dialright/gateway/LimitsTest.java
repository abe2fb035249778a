package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.dialright.gateway.stub.AuditTopic;
import io.dialright.gateway.stub.GatewayKafkaResource;
import io.dialright.gateway.stub.Payloads;
import io.dialright.gateway.stub.StubStats;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OWASP API4 at the door: body size limits (413) and rate limits per person, per client and per address (429). */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
@QuarkusTestResource(GatewayKafkaResource.class)
class LimitsTest {

    private static final int STANDARD = 64 * 1024;
    private static final int UPLOAD = 256 * 1024;

    /** Limits small enough to reach in a test: 3 requests at once, then one every five seconds. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("dialright.gateway.body-limits.standard", Integer.toString(STANDARD)),
                    Map.entry("dialright.gateway.body-limits.upload", Integer.toString(UPLOAD)),
                    Map.entry("dialright.gateway.rate-limits.per-subject-rate", "0.2"),
                    Map.entry("dialright.gateway.rate-limits.per-subject-burst", "3"),
                    Map.entry("dialright.gateway.rate-limits.per-client-rate", "0.2"),
                    Map.entry("dialright.gateway.rate-limits.per-client-burst", "3"),
                    Map.entry("dialright.gateway.rate-limits.client-rate.\"pbx-busy\"", "50"),
                    Map.entry("dialright.gateway.rate-limits.unauthenticated-rate", "0.2"),
                    Map.entry("dialright.gateway.rate-limits.unauthenticated-burst", "3"));
        }
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void announcedBodyOverTheLimitIsRefusedBeforeTheService() {
        int before = StubStats.requests("contact");

        Response response = given().auth().oauth2(token("supervisor-big-1"))
                .contentType("application/json").body(Payloads.random(STANDARD + 1, 1L))
                .when().post("/api/contacts");

        GatewayAssertions.assertProblem(response, 413, "Content Too Large");
        assertThat(response.jsonPath().getString("detail")).contains(Integer.toString(STANDARD));
        assertThat(StubStats.requests("contact")).isEqualTo(before);
    }

    /**
     * The client is still sending when the 413 is written: the gateway reads and throws away the rest before it
     * closes, so the client reads the 413. Closed at once, the connection answered the rest with a TCP reset, and
     * the JDK client lost the answer to some of these requests ("header parser received no bytes").
     */
    @Test
    void clientStillSendingAnOversizedBodyReadsThe413() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int[] sizes = {5 * STANDARD, 16 * STANDARD, 128 * STANDARD};
        for (int i = 0; i < 60; i++) {
            // One person per request: this profile's rate admits three requests at once.
            String token = token("supervisor-big-6-" + i);
            byte[] body = Payloads.random(sizes[i % sizes.length], i);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + RestAssured.port + "/api/contacts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("request %d of %d bytes", i, body.length).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void chunkedBodyIsCutOffWhenItPassesTheLimit() {
        Response response = given().auth().oauth2(token("supervisor-big-2"))
                .contentType("application/json")
                .body(new ByteArrayInputStream(Payloads.random(4 * STANDARD, 2L)))
                .when().post("/api/contacts");

        GatewayAssertions.assertProblem(response, 413, "Content Too Large");
    }

    @Test
    void bodyAtTheLimitPasses() {
        given().auth().oauth2(token("supervisor-big-3"))
                .contentType("application/json").body(Payloads.random(STANDARD, 3L))
                .when().post("/api/contacts")
                .then().statusCode(200).body("bodyLength", org.hamcrest.Matchers.equalTo(STANDARD));
    }

    @Test
    void uploadPathsTakeTheLargerLimit() {
        given().auth().oauth2(token("supervisor-big-4"))
                .contentType("text/csv").body(new ByteArrayInputStream(Payloads.random(UPLOAD, 4L)))
                .when().post("/api/imports")
                .then().statusCode(200).body("bodyLength", org.hamcrest.Matchers.equalTo(UPLOAD));
        GatewayAssertions.assertProblem(given().auth().oauth2(token("supervisor-big-5"))
                .contentType("text/csv").body(Payloads.random(UPLOAD + 1, 5L))
                .when().post("/api/imports"), 413, "Content Too Large");
    }

    /**
     * An address the services could not read (their HTTP servers refuse a request line over 4,096 bytes with a bare
     * 414) is refused here with a problem, also far beyond Vert.x's default line limit; one at the limit passes.
     */
    @Test
    void addressTooLongForTheServicesIsRefusedWithAProblemBeforeTheService() {
        String token = token("supervisor-long-address");
        String path = "/api/contacts?phone=";
        int before = StubStats.requests("contact");
        for (int length : new int[]{ApiRoutes.MAX_URI_LENGTH + 1, 60_000}) {
            Response response = given().auth().oauth2(token).urlEncodingEnabled(false)
                    .when().get(path + "9".repeat(length - path.length()));
            GatewayAssertions.assertProblem(response, 414, "URI Too Long");
            assertThat(response.jsonPath().getString("detail")).contains(Integer.toString(ApiRoutes.MAX_URI_LENGTH));
        }
        assertThat(StubStats.requests("contact")).isEqualTo(before);

        given().auth().oauth2(token).urlEncodingEnabled(false)
                .when().get(path + "9".repeat(ApiRoutes.MAX_URI_LENGTH - path.length()))
                .then().statusCode(200);
    }

    @Test
    void requestOverThePersonsRateIsRefusedWithRetryAfterAndAuditedOnce() {
        String subject = "operator-rate-" + UUID.randomUUID();
        String token = TestTokens.token(subject, "operator", "team-a");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/contacts").then().statusCode(200);
        }
        int before = StubStats.requests("contact");

        String requestId = "rate-" + UUID.randomUUID();
        Response refused = given().auth().oauth2(token).header("X-Request-Id", requestId)
                .when().get("/api/contacts");
        GatewayAssertions.assertProblem(refused, 429, "Too Many Requests");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 5L);
        given().auth().oauth2(token).when().get("/api/contacts").then().statusCode(429);

        assertThat(StubStats.requests("contact")).isEqualTo(before);
        assertThat(AuditTopic.denialOf(requestId).getJsonObject("payload").getString("reason"))
                .isEqualTo("RATE_LIMIT");
        // Audit events leave in order on one thread: once a later denial is on the topic, a second audit of the run
        // would be there too.
        String marker = "after-the-run-" + UUID.randomUUID();
        given().header("X-Request-Id", marker).auth().oauth2(TestTokens.token("operator-marker", "operator", "team-a"))
                .when().get("/api/audit/entries").then().statusCode(403);
        AuditTopic.denialOf(marker);
        assertThat(AuditTopic.denialsOf(subject)).isEqualTo(1);

        // Someone else is not slowed down by it.
        given().auth().oauth2(TestTokens.token(subject + "-colleague", "operator", "team-a"))
                .when().get("/api/contacts").then().statusCode(200);
    }

    @Test
    void machineClientWithItsOwnRateIsNotHeldToTheDefault() {
        Map<String, Object> claims = TestTokens.claims("pbx-busy", "integration", null);
        claims.put("scope", "lookup:read");
        String token = TestTokens.sign(claims);
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).when().get("/api/lookup").then().statusCode(200);
        }
    }

    @Test
    void refusedRequestsFromOneAddressAreSlowedDown() {
        int refusedWith401 = 0;
        Response last = null;
        for (int i = 0; i < 4; i++) {
            last = given().header("Authorization", "Bearer guess-" + i).when().get("/api/contacts");
            if (last.statusCode() == 401) {
                refusedWith401++;
            }
        }
        assertThat(refusedWith401).isEqualTo(3);
        GatewayAssertions.assertProblem(last, 429, "Too Many Requests");
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    private static String token(String supervisor) {
        return TestTokens.token(supervisor, "supervisor", "team-a");
    }
}
