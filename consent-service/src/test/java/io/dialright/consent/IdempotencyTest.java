package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} in consent-service: a privacy request repeated under its key is received once; a decision is
 * always the moment's.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class IdempotencyTest {

    @Inject
    DataSource dataSource;

    @Inject
    BlindIndex blindIndex;

    @Test
    void anAccessRequestRepeatedUnderItsKeyIsReceivedOnce() {
        String phone = Api.mobile();
        String key = UUID.randomUUID().toString();
        String id = accessRequest(key, phone).statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");

        accessRequest(key, phone).statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM privacy_request WHERE phone_hash = ?",
                blindIndex.of(phone))).isEqualTo(1);
        // A new key is a new request.
        accessRequest(UUID.randomUUID().toString(), phone).statusCode(201).header("Idempotent-Replayed", nullValue());
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM privacy_request WHERE phone_hash = ?",
                blindIndex.of(phone))).isEqualTo(2);
    }

    @Test
    void aDecisionIsNeverReplayedItIsTheMoments() {
        String phone = Api.mobile();
        Api.activeConsent(phone, "MARKETING", "VOICE");
        String key = UUID.randomUUID().toString();
        batchDecision(key, phone).statusCode(200).body("results[0].allowed", equalTo(true));

        Api.optOut(phone).statusCode(201);
        // The same request under the same key: a replay would still say "allowed" after the opt-out.
        batchDecision(key, phone).statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("results[0].allowed", equalTo(false));
    }

    private static ValidatableResponse batchDecision(String key, String phone) {
        return given().auth().oauth2(Api.INTEGRATION).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "channel", "VOICE", "phones", List.of(phone)))
                .post("/api/decisions/batch").then();
    }

    private static ValidatableResponse accessRequest(String key, String phone) {
        return given().auth().oauth2(Api.PRIVACY_OFFICER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "phone", phone, "channel", "EMAIL", "requester", "the customer"))
                .post("/api/privacy-requests").then();
    }
}
