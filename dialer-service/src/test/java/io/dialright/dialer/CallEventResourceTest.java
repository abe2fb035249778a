package io.dialright.dialer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dialright.dialer.rest.WebhookSignatures;
import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialer"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(DialerKeysResource.class)
@QuarkusTestResource(BoundaryStubs.class)
class CallEventResourceTest {

    static final String TELEPHONY = TestTokens.token("pbx-1", "integration");
    /** pbx-1's webhook secret in the test profile (application.properties). */
    static final String SECRET = "test-webhook-secret-pbx-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void completedCallIsStoredOnceAndAnnouncedWithoutThePlainNumber() {
        UUID contactId = UUID.randomUUID();
        Map<String, Object> event = completed("8 (912) 345-67-21", "OPT_OUT");
        event.put("contactId", contactId.toString());
        try (TopicProbe dialer = TopicProbe.fromNow(Topics.DIALER)) {
            post(event).statusCode(202).body("duplicate", equalTo(false));
            post(event).statusCode(202).body("duplicate", equalTo(true));

            TopicProbe.Received received = dialer.await(e -> e.key().equals(contactId.toString()),
                    Duration.ofSeconds(20));
            assertThat(received.eventTypeHeader()).isEqualTo("CallCompleted");
            assertThat(received.event().payload().get("outcome").asText()).isEqualTo("OPT_OUT");
            assertThat(received.event().payload().get("phoneHash").asText())
                    .isEqualTo(blindIndex.of("+79123456721"));
            assertThat(received.event().payload().get("masked").asText()).isEqualTo("+7 (912) ***-**-21");
            assertThat(received.event().payload().toString()).doesNotContain("9123456721");
            assertThat(received.event().actor().subject()).isEqualTo("pbx-1");
        }
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM call_event WHERE event_id = ?::uuid", event.get("eventId")))
                .isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM outbox_event_history WHERE message_key = ?", contactId.toString()))
                .isEqualTo(1);
    }

    @Test
    void startedCallIsStoredButNotAnnounced() {
        Map<String, Object> event = completed("+7 912 345-67-22", null);
        event.put("type", "CALL_STARTED");

        post(event).statusCode(202);

        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM call_event WHERE event_id = ?::uuid", event.get("eventId")))
                .isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM outbox_event_history WHERE message_key = ?",
                blindIndex.of("+79123456722"))).isZero();
    }

    @Test
    void completedCallWithoutOutcomeIsRejected() {
        post(completed("+7 912 345-67-23", null))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("outcome"));
    }

    @Test
    void callbackWithoutATimeIsRejected() {
        post(completed("+7 912 345-67-23", "CALLBACK"))
                .statusCode(400)
                .body("errors.field", hasItem("callbackAt"));
    }

    @Test
    void invalidNumberIsRejectedAndNothingIsStored() {
        Map<String, Object> event = completed("+7 912 345", "SALE");

        post(event).statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("+7 912 345-67-89"));

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM call_event WHERE event_id = ?::uuid",
                event.get("eventId"))).isZero();
    }

    @Test
    void missingFieldsAreListedTogether() {
        post(Map.of("type", "CALL_COMPLETED"))
                .statusCode(400)
                .body("errors.field", hasItem("eventId"))
                .body("errors.field", hasItem("phone"))
                .body("errors.field", hasItem("occurredAt"));
    }

    @Test
    void onlyTelephonyIntegrationsAndOperatorsMayReportCalls() {
        given().contentType(ContentType.JSON).body(completed("+7 912 345-67-24", "SALE"))
                .post("/api/call-events")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.token("analyst-1", "analyst")).contentType(ContentType.JSON)
                .body(completed("+7 912 345-67-24", "SALE"))
                .post("/api/call-events")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void operatorsReportOnlyTheirOwnCalls() {
        Map<String, Object> event = completed("+7 912 345-67-25", "SALE");

        given().auth().oauth2(TestTokens.token("operator-4", "operator", "team-a")).contentType(ContentType.JSON)
                .body(event)
                .post("/api/call-events")
                .then().statusCode(403).contentType("application/problem+json");
        // Even their own, a call without the hand-out it belongs to would be credited to the number's first contact
        // and open that customer to them: those come from the telephony platform (HandOutTest: own hand-outs pass).
        event.put("operatorId", "operator-4");
        given().auth().oauth2(TestTokens.token("operator-4", "operator", "team-a")).contentType(ContentType.JSON)
                .body(event)
                .post("/api/call-events")
                .then().statusCode(403).body("detail", containsString("handed out to them"));
    }

    @Test
    void aCallThatHasNotHappenedYetIsRefused() {
        Map<String, Object> event = completed("+7 912 345-67-27", "SALE");
        event.put("occurredAt", "2100-01-01T00:00:00Z");

        post(event).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("occurredAt"));
    }

    @Test
    void aTelephonyPlatformMustSignTheExactBodyWithItsOwnSecret() throws Exception {
        Map<String, Object> event = completed("+7 912 345-67-26", "SALE");
        byte[] body = JSON.writeValueAsBytes(event);

        given().auth().oauth2(TELEPHONY).contentType(ContentType.JSON).body(body)
                .post("/api/call-events")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("X-Signature"));
        given().auth().oauth2(TELEPHONY).contentType(ContentType.JSON).body(body)
                .header("X-Signature", WebhookSignatures.signatureOf("another-clients-secret", body))
                .post("/api/call-events")
                .then().statusCode(401).body("title", equalTo("Signature mismatch"));
        byte[] tampered = JSON.writeValueAsBytes(completed("+7 912 345-67-26", "OPT_OUT"));
        given().auth().oauth2(TELEPHONY).contentType(ContentType.JSON).body(tampered)
                .header("X-Signature", WebhookSignatures.signatureOf(SECRET, body))
                .post("/api/call-events")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.token("pbx-unknown", "integration")).contentType(ContentType.JSON)
                .body(body).header("X-Signature", WebhookSignatures.signatureOf(SECRET, body))
                .post("/api/call-events")
                .then().statusCode(403).body("detail", containsString("pbx-unknown"));
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM call_event WHERE event_id = ?::uuid",
                event.get("eventId"))).isZero();

        given().auth().oauth2(TELEPHONY).contentType(ContentType.JSON).body(body)
                .header("X-Signature", WebhookSignatures.signatureOf(SECRET, body))
                .post("/api/call-events")
                .then().statusCode(202).body("duplicate", equalTo(false));
    }

    @Test
    void malformedJsonIsAProblemNotAFailure() {
        byte[] body = "{\"eventId\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().auth().oauth2(TELEPHONY).contentType(ContentType.JSON).body(body)
                .header("X-Signature", WebhookSignatures.signatureOf(SECRET, body))
                .post("/api/call-events")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** Posts as the telephony platform, signing the body as it would. */
    static ValidatableResponse post(Map<String, Object> event) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return given().auth().oauth2(TELEPHONY).contentType(ContentType.JSON).body(body)
                .header("X-Signature", WebhookSignatures.signatureOf(SECRET, body))
                .post("/api/call-events").then();
    }

    private static Map<String, Object> completed(String phone, String outcome) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "CALL_COMPLETED");
        event.put("callId", "call-" + UUID.randomUUID());
        event.put("phone", phone);
        event.put("direction", "OUTBOUND");
        event.put("operatorId", "operator-3");
        event.put("durationSec", 42);
        event.put("occurredAt", "2026-11-28T09:15:00Z");
        if (outcome != null) {
            event.put("outcome", outcome);
        }
        return event;
    }
}
