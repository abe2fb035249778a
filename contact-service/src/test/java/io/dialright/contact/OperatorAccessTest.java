package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.callCompleted;
import static io.dialright.contact.Fixtures.callScheduled;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.contact.Fixtures.operator;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class OperatorAccessTest {

    @Inject
    ShiftableClock clock;

    @Inject
    BlindIndex blindIndex;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void accessAppearsWithTheDialersHandOutAndLapses24HoursAfterTheLastContact() {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Oleg", e164);
        String token = operator("operator-11", "team-a");

        given().auth().oauth2(token).get("/api/contacts/{id}", id).then().statusCode(404);
        // Nothing else of it exists for them either: an edit, a copy report, a confirmation are 404 as well.
        String phoneId = given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).extract().path("phones[0].id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Oleg P."))
                .patch("/api/contacts/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("action", "COPY", "phone", e164))
                .post("/api/contacts/{id}/access-events", id).then().statusCode(404);
        given().auth().oauth2(token).post("/api/contacts/{id}/phones/{phoneId}/confirmation", id, phoneId)
                .then().statusCode(404);

        callScheduled(id, "operator-11", "team-a", Instant.now());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/contacts/{id}", id)
                        .then().statusCode(200).body("phones[0].e164", equalTo(e164)));
        given().auth().oauth2(operator("operator-12", "team-a")).get("/api/contacts/{id}", id)
                .then().statusCode(404);

        clock.shift(Duration.ofHours(23));
        given().auth().oauth2(token).get("/api/contacts/{id}", id).then().statusCode(200);
        clock.shift(Duration.ofHours(2));
        given().auth().oauth2(token).get("/api/contacts/{id}", id).then().statusCode(404);
    }

    @Test
    void aCompletedCallWithTheCustomerExtendsTheOperatorsAccess() {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Polina", e164);
        String token = operator("operator-13", "team-a");
        Instant start = Instant.now();

        callScheduled(id, "operator-13", "team-a", start);
        // The call comes 20 h later (an event dated in the future would only count as now).
        clock.shift(Duration.ofHours(20));
        callCompleted(id, blindIndex.of(e164), "operator-13", "CALLBACK", start.plus(Duration.ofHours(20)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(Fixtures.SUPERVISOR_A).get("/api/lookup?number={n}", e164)
                        .then().statusCode(200).body("recentInteractions.size()", equalTo(1)));

        clock.shift(Duration.ofHours(10));
        given().auth().oauth2(token).get("/api/contacts/{id}", id).then().statusCode(200);
        clock.shift(Duration.ofHours(15));
        given().auth().oauth2(token).get("/api/contacts/{id}", id).then().statusCode(404);
    }

    @Test
    void anOperatorsListHoldsOnlyTheirCurrentAssignments() {
        String mine = createdBy(WEB_FORM, "Roman", freshMobile());
        createdBy(WEB_FORM, "Svetlana", freshMobile());
        String token = operator("operator-14", "team-a");
        callScheduled(mine, "operator-14", "team-a", Instant.now());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/contacts")
                        .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(mine)));
    }
}
