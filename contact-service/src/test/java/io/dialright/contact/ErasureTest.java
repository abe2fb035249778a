package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.callCompleted;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class ErasureTest {

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void erasureRequestErasesEveryHolderOfTheNumberAndConfirmsWithTheRequestId() {
        String e164 = freshMobile();
        String hash = blindIndex.of(e164);
        String id = createdBy(WEB_FORM, "Yakov", e164, freshMobile());
        // Merged from another record: its name stays as an other identity, which the erasure must take too.
        String duplicate = createdBy(WEB_FORM, "Yakov B.", freshMobile());
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("duplicateId", duplicate))
                .post("/api/contacts/{id}/merge", id).then().statusCode(200)
                .body("otherIdentities.name", hasItem("Yakov B."));
        callCompleted(id, hash, "operator-41", "SALE", Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                new Rows(dataSource).count("SELECT count(*) FROM interaction WHERE contact_id = ?", UUID.fromString(id))
                        == 1);
        String requestId = UUID.randomUUID().toString();

        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            EventEnvelope request = EventEnvelope.create("consent-service", "ErasureRequested", hash,
                    Actor.system("consent-service"), Map.of("privacyRequestId", requestId, "phoneHash", hash,
                            "masked", "+7 (916) ***-**-00", "dueBy", Instant.now().plus(Duration.ofDays(30))
                                    .toString()));
            TopicProbe.publish(Topics.CONSENTS, request);
            TopicProbe.publish(Topics.CONSENTS, request); // redelivered: erased once, confirmed once

            TopicProbe.Received erased = contacts.await(event -> event.eventType().equals("ContactErased"),
                    Duration.ofSeconds(20));
            assertThat(erased.key()).isEqualTo(hash);
            assertThat(erased.event().payload().path("privacyRequestId").asText()).isEqualTo(requestId);
            assertThat(erased.event().payload().path("contactIds").toString()).contains(id);
            assertThat(erased.event().payload().path("numbersErased").asInt()).isEqualTo(3);
        }

        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id).then().statusCode(404);
        given().auth().oauth2(SUPERVISOR_A).queryParam("number", e164).get("/api/lookup")
                .then().statusCode(200).body("found", equalTo(false)).body("recentInteractions", hasSize(0));
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM contact_phone WHERE contact_id = ?",
                UUID.fromString(id))).isZero();
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM contact WHERE id = ? AND status = 'ERASED' "
                + "AND name = '(erased)' AND email IS NULL AND other_identities = '[]'", UUID.fromString(id)))
                .isEqualTo(1);
    }

    @Test
    void erasureOfANumberNoContactHoldsIsStillConfirmed() {
        String hash = blindIndex.of(freshMobile());
        String requestId = UUID.randomUUID().toString();
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            TopicProbe.publish(Topics.CONSENTS, EventEnvelope.create("consent-service", "ErasureRequested", hash,
                    Actor.system("consent-service"), Map.of("privacyRequestId", requestId, "phoneHash", hash)));
            TopicProbe.Received erased = contacts.await(event -> event.eventType().equals("ContactErased")
                    && requestId.equals(event.payload().path("privacyRequestId").asText()), Duration.ofSeconds(20));
            assertThat(erased.event().payload().path("numbersErased").asInt()).isZero();
        }
    }
}
