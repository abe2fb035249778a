package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

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
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class OptOutResourceTest {

    private static final String OPERATOR = TestTokens.token("operator-7", "operator", "team-a");

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void optOutPutsTheNumberOnTheStopListAndAnnouncesItKeyedByBlindIndex() {
        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS)) {
            String id = optOut("8 (912) 345-67-01")
                    .statusCode(201)
                    .body("masked", equalTo("+7 (912) ***-**-01"))
                    .body("channel", equalTo("OPERATOR"))
                    .body("recordedBy", equalTo("operator-7"))
                    .extract().path("id");

            given().auth().oauth2(OPERATOR)
                    .get("/api/stop-list/{phone}", "+79123456701")
                    .then().statusCode(200).body("id", equalTo(id));

            String hash = blindIndex.of("+79123456701");
            TopicProbe.Received received = consents.await(event -> event.key().equals(hash), Duration.ofSeconds(20));
            assertThat(received.key()).isEqualTo(hash);
            assertThat(received.eventTypeHeader()).isEqualTo("OptOutRecorded");
            assertThat(received.event().producer()).isEqualTo("consent-service");
            assertThat(received.event().actor().subject()).isEqualTo("operator-7");
            assertThat(received.event().payload().get("stopListEntryId").asText()).isEqualTo(id);
            assertThat(received.event().payload().toString()).doesNotContain("9123456701");
        }
    }

    @Test
    void secondOptOutOfTheSameNumberReturnsTheEntryInForceAndAnnouncesNothing() {
        String id = optOut("+7 912 345-67-02").statusCode(201).body("alreadyListed", equalTo(false))
                .extract().path("id");

        optOut("8 912 345 67 02").statusCode(201).body("id", equalTo(id)).body("alreadyListed", equalTo(true));

        assertThat(rows().count("SELECT count(*) FROM stop_list_entry WHERE phone_hash = ?",
                blindIndex.of("+79123456702"))).isEqualTo(1);
        assertThat(rows().count("SELECT count(*) FROM outbox_event_history WHERE message_key = ? AND event_type = ?",
                blindIndex.of("+79123456702"), "OptOutRecorded")).isEqualTo(1);
        assertThat(rows().count("SELECT count(*) FROM outbox_event_history WHERE message_key = ? AND event_type = ?",
                blindIndex.of("+79123456702"), "AccessRecorded")).isEqualTo(1);
    }

    @Test
    void invalidNumberIsRejectedWithTheExpectedFormatAndNothingIsWritten() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("phone", "8 (012) 345-67-89", "channel", "OPERATOR", "source", "invalid-number-test"))
                .post("/api/opt-outs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("+7 912 345-67-89"))
                .body("requestId", notNullValue());

        assertThat(rows().count("SELECT count(*) FROM stop_list_entry WHERE source = 'invalid-number-test'"))
                .isZero();
    }

    @Test
    void missingFieldsAreListed() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("phone", "+7 912 345-67-03"))
                .post("/api/opt-outs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("channel"))
                .body("errors.field", hasItem("source"));
    }

    @Test
    void unknownChannelNamesTheAllowedValues() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("phone", "+7 912 345-67-03", "channel", "CARRIER_PIGEON", "source", "desk"))
                .post("/api/opt-outs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("channel"))
                .body("detail", containsString("OPERATOR"));
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"phone\": \"+7 912 345-67-03\", ")
                .post("/api/opt-outs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request body"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void stopListLookupOfAnUnlistedNumberIsNotFound() {
        given().auth().oauth2(OPERATOR)
                .get("/api/stop-list/{phone}", "+7 912 345-67-99")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("The number +7 (912) ***-**-99 is not on the stop list."));
    }

    @Test
    void requestsWithoutATokenAreUnauthorized() {
        given().contentType(ContentType.JSON)
                .body(Map.of("phone", "+7 912 345-67-04", "channel", "OPERATOR", "source", "desk"))
                .post("/api/opt-outs")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void analystsMayNotRecordOptOuts() {
        given().auth().oauth2(TestTokens.token("analyst-1", "analyst")).contentType(ContentType.JSON)
                .body(Map.of("phone", "+7 912 345-67-04", "channel", "OPERATOR", "source", "desk"))
                .post("/api/opt-outs")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    private Rows rows() {
        return new Rows(dataSource);
    }

    static ValidatableResponse optOut(String phone) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "channel", "OPERATOR", "source", "operator desk"))
                .post("/api/opt-outs")
                .then();
    }
}
