package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.access.AccessTopic;
import io.dialright.access.Revocation;
import io.dialright.access.Revoker;
import io.dialright.access.SubjectRevokedCodec;
import io.dialright.gateway.stub.AuditTopic;
import io.dialright.gateway.stub.GatewayKafkaResource;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dismissed employee is refused at once: the admin endpoint, the event, and the refusal of older tokens. */
@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
@QuarkusTestResource(GatewayKafkaResource.class)
class RevocationTest {

    private static final String ADMIN = TestTokens.token("admin-1", "admin");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void revokedSubjectsOlderTokenIsRefusedOnTheVeryNextRequest() {
        String subject = "operator-dismissed-" + UUID.randomUUID();
        String tokenOfTheMorning = tokenIssuedAt(subject, Instant.now().minus(Duration.ofMinutes(5)));
        given().auth().oauth2(tokenOfTheMorning).when().get("/api/contacts").then().statusCode(200);

        Instant effectiveAt = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", subject, "reason", "dismissed", "effectiveAt", effectiveAt.toString()))
                .when().post("/api/access/revocations")
                .then().statusCode(201)
                .body("subject", org.hamcrest.Matchers.equalTo(subject))
                .body("effectiveAt", org.hamcrest.Matchers.equalTo(effectiveAt.toString()))
                .body("revokedBy", org.hamcrest.Matchers.equalTo("admin-1"));

        String requestId = "revoked-" + UUID.randomUUID();
        Response refused = given().auth().oauth2(tokenOfTheMorning).header("X-Request-Id", requestId)
                .when().get("/api/contacts");
        GatewayAssertions.assertProblem(refused, 401, "Unauthorized");
        assertThat(AuditTopic.denialOf(requestId).getJsonObject("payload").getString("reason"))
                .isEqualTo("REVOKED");

        // A token the identity provider issues after the revocation is a new decision: it passes.
        given().auth().oauth2(tokenIssuedAt(subject, Instant.now())).when().get("/api/contacts")
                .then().statusCode(200);
        // Colleagues are not affected.
        given().auth().oauth2(tokenIssuedAt(subject + "-colleague", Instant.now().minus(Duration.ofMinutes(5))))
                .when().get("/api/contacts").then().statusCode(200);

        given().auth().oauth2(ADMIN).when().get("/api/access/revocations")
                .then().statusCode(200)
                .body("items.find { it.subject == '" + subject + "' }.reason", org.hamcrest.Matchers.equalTo("dismissed"));
    }

    @Test
    void revocationPublishedByAnotherGatewayIsFollowed() {
        String subject = "supervisor-dismissed-" + UUID.randomUUID();
        String token = tokenIssuedAt(subject, Instant.now().minus(Duration.ofMinutes(2)));
        given().auth().oauth2(token).when().get("/api/contacts").then().statusCode(200);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, GatewayKafkaResource.broker().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(SubjectRevokedCodec.record(new Revocation(subject, Instant.now(), "dismissed"),
                    new Revoker("admin-2", List.of("admin"), null), "gateway"));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/contacts").then().statusCode(401));
    }

    @Test
    void aLaterRevocationNeverLetsOlderTokensBackIn() {
        String subject = "operator-twice-" + UUID.randomUUID();
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        revoke(subject, first).then().statusCode(201);

        revoke(subject, first.minus(Duration.ofHours(1))).then().statusCode(201)
                .body("effectiveAt", org.hamcrest.Matchers.equalTo(first.toString()));
        given().auth().oauth2(tokenIssuedAt(subject, first.minus(Duration.ofMinutes(10))))
                .when().get("/api/contacts").then().statusCode(401);
    }

    @Test
    void onlyAnAdministratorRevokes() {
        String supervisor = TestTokens.token("supervisor-1", "supervisor", "team-a");
        GatewayAssertions.assertProblem(given().auth().oauth2(supervisor).contentType("application/json")
                .body(Map.of("subject", "operator-7", "reason", "dismissed"))
                .when().post("/api/access/revocations"), 403, "Forbidden");
        GatewayAssertions.assertProblem(given().auth().oauth2(supervisor).when().get("/api/access/revocations"),
                403, "Forbidden");
    }

    @Test
    void invalidRevocationsAreRefusedWithAReason() {
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json").body("{\"subject\": \"x\"}"),
                "reason is required");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json").body("not json"),
                "not valid JSON");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json").body("[1]"),
                "JSON object");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", "x", "reason", "r", "effectiveAt", "tomorrow")), "ISO-8601");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", "x", "reason", "r",
                        "effectiveAt", Instant.now().plus(Duration.ofDays(1)).toString())), "future");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", " ", "reason", "r")), "subject is required");
        // Its audit event, keyed by the subject, would be a message the audit trail's PostgreSQL cannot store.
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", "operator-\u0000", "reason", "r")), "control characters");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", "operator\n7", "reason", "r")), "control characters");
        assertBadRequest(given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("subject", "operator-7", "reason", "dismissed\u0000")), "NUL");
    }

    @Test
    void theEventOnTheAccessTopicIsWhatTheServicesRead() {
        String subject = "integration-retired-" + UUID.randomUUID();
        revoke(subject, null).then().statusCode(201);
        assertThat(AccessTopicReader.revocationOf(subject)).hasValueSatisfying(revocation ->
                assertThat(revocation.reason()).isEqualTo("retired client"));
        assertThat(AccessTopic.NAME).isEqualTo("dialright.access.v1");
    }

    private static Response revoke(String subject, Instant effectiveAt) {
        Map<String, Object> body = effectiveAt == null
                ? Map.of("subject", subject, "reason", "retired client")
                : Map.of("subject", subject, "reason", "dismissed", "effectiveAt", effectiveAt.toString());
        return given().auth().oauth2(ADMIN).contentType("application/json").body(body)
                .when().post("/api/access/revocations");
    }

    private static void assertBadRequest(io.restassured.specification.RequestSpecification request, String detail) {
        Response response = request.when().post("/api/access/revocations");
        GatewayAssertions.assertProblem(response, 400, "Bad Request");
        assertThat(response.jsonPath().getString("detail")).contains(detail);
    }

    private static String tokenIssuedAt(String subject, Instant issuedAt) {
        Map<String, Object> claims = TestTokens.claims(subject, "operator", "team-a");
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(Duration.ofMinutes(15)).getEpochSecond());
        return TestTokens.sign(claims);
    }
}
