package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TestTokens;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-level access to consent records (OWASP API1): operators reach the contacts handed to them, for 24 h after
 * their last contact with the customer; supervisors their team's; machine clients and privacy officers all. Who
 * reaches what is learnt from contact-service's and the dialer's events, published here on their real topics.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class ConsentAccessTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final String SUPERVISOR_B = TestTokens.token("supervisor-b", "supervisor", "team-b");

    @Inject
    ShiftableClock clock;

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anOperatorReachesTheConsentsOfAContactOnlyOnceItIsHandedToThem() {
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, Api.mobile(), "SURVEY", "VOICE");
        String operator = operator("operator-21");

        given().auth().oauth2(operator).get("/api/consents/{id}", id).then().statusCode(404);

        OtherServices.callScheduled(contactId, "operator-21", "team-a", Instant.now());
        Api.awaitReach(operator, contactId);
        given().auth().oauth2(operator).get("/api/consents/{id}", id)
                .then().statusCode(200).body("contactId", equalTo(contactId));
        given().auth().oauth2(operator).queryParam("contactId", contactId).get("/api/consents")
                .then().statusCode(200).body("total", equalTo(1));
        revoke(operator, id).statusCode(200).body("status", equalTo("REVOKED"));
    }

    @Test
    void anotherOperatorGetsTheSame404AsForAConsentThatDoesNotExistAndTheRefusalIsAudited() {
        String phone = Api.mobile();
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, phone, "SURVEY", "VOICE");
        Api.handOut(contactId, Instant.now());
        String stranger = operator("operator-22");

        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            Map<String, Object> refused = given().auth().oauth2(stranger).get("/api/consents/{id}", id)
                    .then().statusCode(404).contentType("application/problem+json").extract().as(Map.class);
            String unknown = UUID.randomUUID().toString();
            Map<String, Object> missing = given().auth().oauth2(stranger).get("/api/consents/{id}", unknown)
                    .then().statusCode(404).extract().as(Map.class);
            assertThat(withoutId(refused, id)).isEqualTo(withoutId(missing, unknown));

            TopicProbe.Received denied = awaitDenied(audit, contactId, "operator-22", "VIEW");
            assertThat(denied.event().payload().path("consentId").asText()).isEqualTo(id);
            assertThat(denied.event().payload().has("phoneHash")).isFalse();
            assertThat(denied.event().payload().toString()).doesNotContain(phone.substring(2));

            revoke(stranger, id).statusCode(404);
            awaitDenied(audit, contactId, "operator-22", "REVOKE");
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("code", "123456"))
                    .post("/api/consents/{id}/confirm", id).then().statusCode(404);
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("phone", phone))
                    .post("/api/consents/{id}/resend", id).then().statusCode(404);
            given().auth().oauth2(stranger).queryParam("contactId", contactId).get("/api/consents")
                    .then().statusCode(404);
        }
        given().auth().oauth2(Api.OPERATOR).get("/api/consents/{id}", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aHandOutOlderThan24HoursGivesNoAccess() {
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, Api.mobile(), "SURVEY", "VOICE");
        OtherServices.callScheduled(contactId, "operator-23", "team-a", Instant.now().minus(Duration.ofHours(25)));
        // Keyed by the contact, so on the same partition: once this one is applied, the old one was too.
        OtherServices.callScheduled(contactId, "operator-24", "team-a", Instant.now());
        Api.awaitReach(operator("operator-24"), contactId);

        given().auth().oauth2(operator("operator-23")).get("/api/consents/{id}", id).then().statusCode(404);
    }

    @Test
    void accessLapses24HoursAfterTheLastContactAndACompletedCallExtendsIt() {
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, Api.mobile(), "SURVEY", "VOICE");
        String operator = operator("operator-25");
        Instant start = Instant.now();
        OtherServices.callScheduled(contactId, "operator-25", "team-a", start);
        Api.awaitReach(operator, contactId);

        clock.shift(Duration.ofHours(23));
        given().auth().oauth2(operator).get("/api/consents/{id}", id).then().statusCode(200);
        clock.shift(Duration.ofHours(2));
        given().auth().oauth2(operator).get("/api/consents/{id}", id).then().statusCode(404);

        OtherServices.callCompleted(contactId, "operator-25", "CALLBACK", start.plus(Duration.ofHours(20)));
        Api.awaitReach(operator, contactId);
        clock.shift(Duration.ofHours(20));
        given().auth().oauth2(operator).get("/api/consents/{id}", id).then().statusCode(404);
    }

    @Test
    void aSupervisorReachesTheTeamsContactsAndNotAnotherTeams() {
        String phone = Api.mobile();
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, phone, "SURVEY", "VOICE");
        Api.teamContact(contactId, phone);

        given().auth().oauth2(Api.SUPERVISOR).get("/api/consents/{id}", id).then().statusCode(200);
        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            given().auth().oauth2(SUPERVISOR_B).get("/api/consents/{id}", id).then().statusCode(404);
            awaitDenied(audit, contactId, "supervisor-b", "VIEW");
        }
        given().auth().oauth2(SUPERVISOR_B).queryParam("contactId", contactId).get("/api/consents")
                .then().statusCode(404);

        // As in contact-service, a supervisor also sees the contacts their team's operators work with now.
        OtherServices.callScheduled(contactId, "operator-26", "team-b", Instant.now());
        Api.awaitReach(SUPERVISOR_B, contactId);
        given().auth().oauth2(SUPERVISOR_B).get("/api/consents/{id}", id).then().statusCode(200);
    }

    @Test
    void machineClientsAndPrivacyOfficersReachEveryConsent() {
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, Api.mobile(), "SURVEY", "VOICE");

        for (String token : new String[] {Api.INTEGRATION, Api.PRIVACY_OFFICER}) {
            given().auth().oauth2(token).get("/api/consents/{id}", id).then().statusCode(200);
            given().auth().oauth2(token).queryParam("contactId", contactId).get("/api/consents")
                    .then().statusCode(200).body("total", equalTo(1));
        }
        given().auth().oauth2(Api.OPERATOR).get("/api/consents/{id}", id).then().statusCode(404);
        given().auth().oauth2(Api.SUPERVISOR).get("/api/consents/{id}", id).then().statusCode(404);
    }

    @Test
    void aConsentIsRecordedOnlyForAContactInTheCallersReach() {
        String phone = Api.mobile();
        String contactId = UUID.randomUUID().toString();
        Map<String, Object> body = Api.consentBody(phone, "SURVEY", "VOICE", "CONSENT", Api.template("SURVEY"));
        body.put("contactId", contactId);
        body.put("captureMethod", "OPERATOR_VERBAL");
        body.put("captureReference", "call-27");
        String operator = operator("operator-27");

        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            Api.grant(operator, body).statusCode(404).contentType("application/problem+json");
            awaitDenied(audit, contactId, "operator-27", "GRANT");
        }
        Api.teamContact(contactId, phone);
        Api.grant(SUPERVISOR_B, body).statusCode(404);
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM consent WHERE contact_id = ?",
                UUID.fromString(contactId))).isZero();

        OtherServices.callScheduled(contactId, "operator-27", "team-a", Instant.now());
        Api.awaitReach(operator, contactId);
        Api.grant(operator, body).statusCode(201).body("createdBy", equalTo("operator-27"));
    }

    @Test
    void aListByNumberShowsOnlyTheConsentsOfContactsInReach() {
        String phone = Api.mobile();
        String mine = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        Api.activeConsentOf(mine, phone, "SURVEY", "VOICE");
        Api.activeConsentOf(other, phone, "MARKETING", "VOICE");
        String operator = operator("operator-28");
        OtherServices.callScheduled(mine, "operator-28", "team-a", Instant.now());
        Api.awaitReach(operator, mine);

        given().auth().oauth2(operator).queryParam("phone", phone).get("/api/consents")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].contactId", equalTo(mine));
        given().auth().oauth2(SUPERVISOR_B).queryParam("phone", phone).get("/api/consents")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Api.INTEGRATION).queryParam("phone", phone).get("/api/consents")
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void theOperatorWhoCreatedTheContactReachesIt() {
        String phone = Api.mobile();
        String contactId = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(contactId, phone, "SURVEY", "VOICE");

        OtherServices.contactCreated(contactId, "team-a", blindIndex.of(phone), ConsentResourceTest.masked(phone),
                new Actor("operator-29", "operator", "team-a"));

        Api.awaitReach(operator("operator-29"), contactId);
        given().auth().oauth2(operator("operator-29")).get("/api/consents/{id}", id).then().statusCode(200);
    }

    @Test
    void aMergedContactsAccessMovesToTheSurvivorAndAnErasedContactsIsGone() {
        String phone = Api.mobile();
        String merged = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        String id = Api.activeConsentOf(merged, phone, "SURVEY", "VOICE");
        String operator = operator("operator-30");
        OtherServices.callScheduled(merged, "operator-30", "team-a", Instant.now());
        Api.awaitReach(operator, merged);

        OtherServices.contactsMerged(survivor, merged, blindIndex.of(phone));
        await().atMost(EVENTS).untilAsserted(() -> given().auth().oauth2(operator)
                .queryParam("contactId", survivor).get("/api/consents")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id)));

        OtherServices.contactErased(survivor, blindIndex.of(phone));
        await().atMost(EVENTS).untilAsserted(() -> given().auth().oauth2(operator)
                .queryParam("contactId", survivor).get("/api/consents").then().statusCode(404));
    }

    @Test
    void decisionsOptOutsAndTheStopListStayOpenToOperatorsForAnyNumber() {
        String phone = Api.mobile();
        Api.activeConsent(phone, "SURVEY", "VOICE");
        String operator = operator("operator-31");

        given().auth().oauth2(operator).queryParam("phone", phone).queryParam("purpose", "SURVEY")
                .queryParam("channel", "VOICE").get("/api/decisions")
                .then().statusCode(200).body("allowed", equalTo(true));
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "channel", "OPERATOR", "source", "operator desk"))
                .post("/api/opt-outs").then().statusCode(201);
        given().auth().oauth2(operator).get("/api/stop-list/{phone}", phone).then().statusCode(200);
    }

    private static String operator(String subject) {
        return TestTokens.token(subject, "operator", "team-a");
    }

    private static ValidatableResponse revoke(String token, String consentId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("channel", "OPERATOR", "reason", "customer said so on the phone"))
                .post("/api/consents/{id}/revoke", consentId).then();
    }

    /** The problem body as a client compares it: without the request id and with the asked-for id blanked. */
    private static Map<String, Object> withoutId(Map<String, Object> problem, String id) {
        Map<String, Object> comparable = new HashMap<>(problem);
        comparable.remove("requestId");
        comparable.put("detail", ((String) comparable.get("detail")).replace(id, "<id>"));
        return comparable;
    }

    private static TopicProbe.Received awaitDenied(TopicProbe audit, String contactId, String subject,
                                                   String attempted) {
        return audit.await(event -> event.eventType().equals("AccessRecorded")
                && "DENIED".equals(event.payload().path("action").asText())
                && contactId.equals(event.payload().path("subjectKey").asText())
                && subject.equals(event.actor().subject())
                && attempted.equals(event.payload().path("attempted").asText()), EVENTS);
    }
}
