package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.callCompleted;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.contact.Fixtures.typedTheOldWay;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.contact.lookup.CallerCache;
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

    @Inject
    CallerCache callers;

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
                .then().statusCode(200).body("found", equalTo(false)).body("recentInteractions", hasSize(0))
                .body("routing.rule", equalTo("ERASED_NUMBER"));
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM contact_phone WHERE contact_id = ?",
                UUID.fromString(id))).isZero();
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM contact WHERE id = ? AND status = 'ERASED' "
                + "AND name = '(erased)' AND email IS NULL AND other_identities = '[]'", UUID.fromString(id)))
                .isEqualTo(1);
    }

    @Test
    void erasureOfANumberNoContactHoldsIsStillConfirmedAndItsLookupSaysSo() {
        String e164 = freshMobile();
        String hash = blindIndex.of(e164);
        String requestId = UUID.randomUUID().toString();
        // An unknown number, held in memory: nothing but the erasure's own record can tell the cache.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            given().auth().oauth2(SUPERVISOR_A).queryParam("number", e164).get("/api/lookup").then()
                    .statusCode(200).body("routing.rule", equalTo("UNKNOWN_NUMBER"));
            return callers.holds(hash);
        });
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            TopicProbe.publish(Topics.CONSENTS, EventEnvelope.create("consent-service", "ErasureRequested", hash,
                    Actor.system("consent-service"), Map.of("privacyRequestId", requestId, "phoneHash", hash)));
            TopicProbe.Received erased = contacts.await(event -> event.eventType().equals("ContactErased")
                    && requestId.equals(event.payload().path("privacyRequestId").asText()), Duration.ofSeconds(20));
            assertThat(erased.event().payload().path("numbersErased").asInt()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(SUPERVISOR_A)
                .queryParam("number", e164).get("/api/lookup").then().statusCode(200)
                .body("found", equalTo(false)).body("consents.erased", equalTo(true))
                .body("routing.rule", equalTo("ERASED_NUMBER")).body("routing.action", equalTo("ROUTE"))
                .body("consents.stopListed", equalTo(true)));
    }

    @Test
    void anErasedNumberIsNeverStoredAgainByCreateEditOrImport() {
        String e164 = freshMobile();
        String hash = blindIndex.of(e164);
        String requestId = UUID.randomUUID().toString();
        Rows rows = new Rows(dataSource);
        // The card's consent summary of the number goes with the erasure.
        TopicProbe.publish(Topics.CONSENTS, EventEnvelope.create("consent-service", "OptOutRecorded", hash,
                Actor.system("consent-service"), Map.of("stopListEntryId", UUID.randomUUID().toString(),
                        "phoneHash", hash, "channel", "VOICE", "recordedAt", Instant.now().toString())));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                rows.count("SELECT count(*) FROM caller_stop_listing WHERE phone_hash = ?", hash) == 1);
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            TopicProbe.publish(Topics.CONSENTS, EventEnvelope.create("consent-service", "ErasureRequested", hash,
                    Actor.system("consent-service"), Map.of("privacyRequestId", requestId, "phoneHash", hash)));
            contacts.await(event -> event.eventType().equals("ContactErased")
                    && requestId.equals(event.payload().path("privacyRequestId").asText()), Duration.ofSeconds(20));
        }
        assertThat(rows.count("SELECT count(*) FROM caller_stop_listing WHERE phone_hash = ?", hash)).isZero();
        // An event of the number that comes after the erasure keeps nothing.
        EventEnvelope late = EventEnvelope.create("consent-service", "OptOutRecorded", hash,
                Actor.system("consent-service"), Map.of("stopListEntryId", UUID.randomUUID().toString(),
                        "phoneHash", hash, "channel", "SMS", "recordedAt", Instant.now().toString()));
        TopicProbe.publish(Topics.CONSENTS, late);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count("SELECT count(*) FROM processed_event WHERE "
                + "consumer_group = 'contact-service.consent-summary' AND event_id = ?", late.eventId()) == 1);
        assertThat(rows.count("SELECT count(*) FROM caller_stop_listing WHERE phone_hash = ?", hash)).isZero();
        // A call of the number reported after the erasure leaves no history of it.
        EventEnvelope lateCall = EventEnvelope.create("dialer-service", "CallCompleted", hash,
                Actor.system("dialer-service"), Map.of("callId", "late-" + UUID.randomUUID(), "phoneHash", hash,
                        "direction", "OUTBOUND", "outcome", "NO_ANSWER", "occurredAt", Instant.now().toString()));
        TopicProbe.publish(Topics.DIALER, lateCall);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count("SELECT count(*) FROM processed_event WHERE "
                + "consumer_group = 'contact-service.call-history' AND event_id = ?", lateCall.eventId()) == 1);
        assertThat(rows.count("SELECT count(*) FROM interaction WHERE phone_hash = ?", hash)).isZero();

        // Typed another way, with duplicates allowed: still the erased number, still refused.
        Map<String, Object> body = new HashMap<>(Fixtures.contact("Back again", typedTheOldWay(e164)));
        body.put("allowDuplicate", true);
        Fixtures.create(WEB_FORM, body).statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Number erased"))
                .body("detail", containsString(requestId))
                .body("detail", not(containsString(e164.substring(4))))
                .body("errors[0].field", equalTo("phones[0].number"));
        String other = createdBy(WEB_FORM, "Someone else", freshMobile());
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("phones", List.of(Map.of("number", e164)))).patch("/api/contacts/{id}", other)
                .then().statusCode(409).body("title", equalTo("Number erased"));
        String fine = freshMobile();
        String job = given().auth().oauth2(SUPERVISOR_A).contentType("text/csv")
                .body("name,phone\nOld CRM row," + e164 + "\nNew customer," + fine + "\n")
                .post("/api/imports").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(SUPERVISOR_A).get("/api/imports/{id}", job).then()
                        .body("status", equalTo("COMPLETED")).body("imported", equalTo(1))
                        .body("rejected", equalTo(1)).body("duplicates", equalTo(0))
                        .body("errors[0].line", equalTo(2))
                        .body("errors[0].reason", containsString("erased on request")));

        assertThat(rows.count("SELECT count(*) FROM contact_phone WHERE phone_hash = ?", hash)).isZero();
        assertThat(rows.count("SELECT count(*) FROM contact_phone WHERE phone_hash = ?", blindIndex.of(fine)))
                .isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM contact_phone p JOIN contact c ON c.id = p.contact_id "
                + "WHERE c.id = ? AND p.phone_hash <> ?", UUID.fromString(other), hash)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM erased_number WHERE phone_hash = ? AND privacy_request_id = ?",
                hash, UUID.fromString(requestId))).isEqualTo(1);
    }
}
