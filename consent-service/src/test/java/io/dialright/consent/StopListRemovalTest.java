package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
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
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Taking a number off the stop list (K-4) needs a supervisor and a reason, and is itself an event. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class StopListRemovalTest {

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aSupervisorRemovesTheEntryWithAReasonAndTheConsentsDecideAgain() {
        String phone = Api.mobile();
        Api.activeConsent(phone, "SURVEY", "VOICE");
        String entryId = Api.optOut(phone).statusCode(201).extract().path("id");
        Api.decide(phone, "SURVEY", "VOICE").body("allowed", equalTo(false));

        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS)) {
            remove(Api.SUPERVISOR, phone, Map.of("reason", "opted out by mistake, customer confirmed on 28.11"))
                    .statusCode(204);

            TopicProbe.Received removed = consents.await(event -> event.eventType().equals("StopListEntryRemoved")
                    && event.key().equals(blindIndex.of(phone)), Duration.ofSeconds(20));
            assertThat(removed.event().payload().path("stopListEntryId").asText()).isEqualTo(entryId);
            assertThat(removed.event().payload().path("removedBy").asText()).isEqualTo("supervisor-1");
            assertThat(removed.event().payload().path("reason").asText()).contains("by mistake");
        }
        Api.decide(phone, "SURVEY", "VOICE").body("allowed", equalTo(true));
        given().auth().oauth2(Api.OPERATOR).get("/api/stop-list/{phone}", phone).then().statusCode(404);
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM outbox_event_history WHERE event_type = "
                + "'AccessRecorded' AND message_key = ? AND convert_from(message_value, 'UTF8') LIKE ?",
                blindIndex.of(phone), "%STOP_LIST_REMOVAL%")).isEqualTo(1);
    }

    @Test
    void operatorsMayAddButNotRemove() {
        String phone = Api.mobile();
        Api.optOut(phone).statusCode(201);

        for (String token : List.of(Api.OPERATOR, Api.PRIVACY_OFFICER, Api.INTEGRATION)) {
            remove(token, phone, Map.of("reason", "asked nicely")).statusCode(403);
        }
        given().auth().oauth2(Api.OPERATOR).get("/api/stop-list/{phone}", phone).then().statusCode(200);
    }

    @Test
    void aRemovalWithoutAReasonIsRefusedAndTheEntryStays() {
        String phone = Api.mobile();
        Api.optOut(phone).statusCode(201);

        remove(Api.SUPERVISOR, phone, Map.of("reason", " ")).statusCode(400).body("errors.field", hasItem("reason"));
        remove(Api.SUPERVISOR, phone, Map.of()).statusCode(400);
        given().auth().oauth2(Api.SUPERVISOR).get("/api/stop-list/{phone}", phone).then().statusCode(200);
    }

    @Test
    void removingAnUnlistedNumberIsNotFound() {
        String phone = Api.mobile();
        remove(Api.SUPERVISOR, phone, Map.of("reason", "just checking")).statusCode(404)
                .body("detail", containsString("is not on the stop list"));
    }

    @Test
    void aNumberOptsOutAgainAfterItsRemoval() {
        String phone = Api.mobile();
        String first = Api.optOut(phone).statusCode(201).extract().path("id");
        remove(Api.SUPERVISOR, phone, Map.of("reason", "mistake")).statusCode(204);

        String second = Api.optOut(phone).statusCode(201).body("alreadyListed", equalTo(false)).extract().path("id");

        assertThat(second).isNotEqualTo(first);
        Api.decide(phone, "ORDER_STATUS", "VOICE").body("reasons.code", hasItem("STOP_LIST"));
    }

    static ValidatableResponse remove(String token, String phone, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .delete("/api/stop-list/{phone}", phone).then();
    }
}
