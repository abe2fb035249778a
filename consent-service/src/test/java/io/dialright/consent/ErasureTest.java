package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.consent.service.ErasureService;
import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure (K-7) end to end: the number is blocked at once and for good, the other services are asked, their
 * confirmations (simulated here as contact-service's and dialer-service's events) complete the ticket.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class ErasureTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    ShiftableClock clock;

    @Inject
    ErasureService erasures;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anErasureBlocksAtOnceAndCompletesWhenEveryServiceConfirmed() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        String consentId = Api.activeConsent(phone, "MARKETING", "VOICE");
        Api.basis(phone, "EMERGENCY", "VOICE", "VITAL_INTERESTS");
        String requestId;
        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS);
             TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            requestId = Api.privacyRequest("ERASURE", phone).statusCode(201)
                    .body("type", equalTo("ERASURE"))
                    .body("status", equalTo("OPEN"))
                    .body("masked", equalTo(ConsentResourceTest.masked(phone)))
                    .body("awaiting", equalTo(List.of("contact-service", "dialer-service")))
                    .body("history.step", hasItem("BLOCKED"))
                    .extract().path("id");

            TopicProbe.Received requested = consents.await(event -> event.eventType().equals("ErasureRequested")
                    && event.key().equals(hash), EVENTS);
            assertThat(requested.event().payload().path("privacyRequestId").asText()).isEqualTo(requestId);
            assertThat(requested.event().payload().path("phoneHash").asText()).isEqualTo(hash);
            Instant requestedAt = Instant.parse(requested.event().payload().path("requestedAt").asText());
            Instant dueBy = Instant.parse(requested.event().payload().path("dueBy").asText());
            assertThat(Duration.between(requestedAt, dueBy)).isEqualTo(Duration.ofDays(30));
            assertThat(requested.event().payload().toString()).doesNotContain(phone.substring(2));
            consents.await(event -> event.eventType().equals("ConsentRevoked")
                    && event.payload().path("consentId").asText().equals(consentId), EVENTS);
            TopicProbe.Received notice = sms.await(event -> requestId.equals(
                    event.payload().path("privacyRequestId").asText()), EVENTS);
            assertThat(notice.event().payload().path("to").asText()).isEqualTo(phone);
            assertThat(notice.event().payload().path("text").asText()).contains("erase your data");
        }

        for (String purpose : List.of("EMERGENCY", "ORDER_STATUS", "MARKETING")) {
            Api.decide(phone, purpose, "VOICE").body("allowed", equalTo(false)).body("reasons.code", hasItem("ERASED"));
        }
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM consent WHERE phone_hash = ?", hash)).isZero();

        confirm("contact-service", "ContactErased", requestId, hash,
                Map.of("contactIds", List.of(UUID.randomUUID().toString()), "numbersErased", 1));
        await().atMost(EVENTS).untilAsserted(() -> ticket(requestId)
                .body("awaiting", equalTo(List.of("dialer-service"))));
        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS)) {
            confirm("dialer-service", "CampaignMembershipsErased", requestId, hash, Map.of("membershipsRemoved", 3));

            TopicProbe.Received completed = consents.await(event -> event.eventType().equals("ErasureCompleted")
                    && event.payload().path("privacyRequestId").asText().equals(requestId), EVENTS);
            assertThat(completed.key()).isEqualTo(hash);
            assertThat(completed.event().payload().path("confirmations")).hasSize(2);
        }
        ticket(requestId)
                .body("status", equalTo("COMPLETED"))
                .body("completedAt", notNullValue())
                .body("masked", nullValue())
                .body("confirmations.service", equalTo(List.of("contact-service", "dialer-service")))
                .body("confirmations[1].details.membershipsRemoved", equalTo(3))
                .body("history.step", hasItem("COMPLETED"));
        Api.decide(phone, "EMERGENCY", "VOICE").body("reasons.code", hasItem("ERASED"));
    }

    @Test
    void anErasureDeletesTheNumbersCallsAndExportsAndLateReportsOfTheirPastDoNotBringThemBack() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        Instant before = Instant.now().minus(Duration.ofHours(2));
        OtherServices.callCompletedOf(hash, "call-" + UUID.randomUUID(), null, "OUTBOUND", "SALE", 30, before);
        OtherServices.telephonyCall("CALL_COMPLETED", phone, hash, "call-" + UUID.randomUUID(), "REFUSED", before);
        OtherServices.contactsExported(UUID.randomUUID().toString(), false, before, 1, 1, List.of(hash));
        Rows rows = new Rows(dataSource);
        await().atMost(EVENTS).until(() -> calls(rows, hash) == 2 && exports(rows, hash) == 1);

        Api.privacyRequest("ERASURE", phone).statusCode(201);

        assertThat(calls(rows, hash)).isZero();
        assertThat(exports(rows, hash)).isZero();

        // Reports arriving late: what happened before the erasure stays erased, what happens after it is new.
        Instant after = Instant.now().plusSeconds(1);
        EventEnvelope lateCall = OtherServices.callCompletedOf(hash, "call-late", null, "OUTBOUND", "SALE", 30,
                before);
        EventEnvelope lateExport = OtherServices.contactsExported(UUID.randomUUID().toString(), true, before, 1, 1,
                List.of(hash));
        EventEnvelope newCall = OtherServices.telephonyCall("CALL_COMPLETED", phone, hash, "call-new", "RESOLVED",
                after);
        String newExport = UUID.randomUUID().toString();
        EventEnvelope laterExport = OtherServices.contactsExported(newExport, false, after, 1, 1, List.of(hash));
        for (EventEnvelope event : List.of(lateCall, newCall)) {
            awaitProcessed(rows, "consent-service.call-history", event);
        }
        for (EventEnvelope event : List.of(lateExport, laterExport)) {
            awaitProcessed(rows, "consent-service.export-history", event);
        }
        assertThat(rows.count("SELECT count(*) FROM number_call WHERE phone_hash = ? AND call_id = 'call-new'", hash))
                .isEqualTo(1);
        assertThat(calls(rows, hash)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM number_export WHERE phone_hash = ? AND export_id = ?", hash,
                UUID.fromString(newExport))).isEqualTo(1);
        assertThat(exports(rows, hash)).isEqualTo(1);
    }

    @Test
    void anErasedNumberStaysBlockedForGood() {
        String phone = Api.mobile();
        Api.privacyRequest("ERASURE", phone).statusCode(201);

        StopListRemovalTest.remove(Api.SUPERVISOR, phone, Map.of("reason", "customer wants offers again"))
                .statusCode(409).body("detail", containsString("stays on the stop list for good"));
        Api.grant(Api.INTEGRATION, Api.consentBody(phone, "MARKETING", "VOICE", "CONSENT", Api.template("MARKETING")))
                .statusCode(409).body("detail", containsString("was erased"));
        Api.decide(phone, "ORDER_STATUS", "SMS").body("reasons.code", equalTo(List.of("ERASED", "STOP_LIST",
                "NO_CONSENT")));
    }

    @Test
    void aSecondErasureWhileTheFirstIsOpenNamesTheFirst() {
        String phone = Api.mobile();
        String first = Api.privacyRequest("ERASURE", phone).statusCode(201).extract().path("id");

        Api.privacyRequest("ERASURE", phone).statusCode(409).body("detail", containsString(first));
    }

    @Test
    void repeatedAndUnlistedConfirmationsDoNotCompleteTheTicket() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        String requestId = Api.privacyRequest("ERASURE", phone).statusCode(201).extract().path("id");

        EventEnvelope contact = confirm("contact-service", "ContactErased", requestId, hash,
                Map.of("numbersErased", 1));
        TopicProbe.publish(Topics.CONTACTS, contact);
        confirm("billing-service", "ContactErased", requestId, hash, Map.of("numbersErased", 1));

        Rows rows = new Rows(dataSource);
        await().atMost(EVENTS).until(() -> rows.count("SELECT count(*) FROM erasure_confirmation "
                + "WHERE privacy_request_id = ?", UUID.fromString(requestId)) == 2);
        ticket(requestId).body("status", equalTo("OPEN")).body("awaiting", equalTo(List.of("dialer-service")));
    }

    @Test
    void anOpenErasurePastItsDueDateIsFlaggedOnce() {
        String requestId = Api.privacyRequest("ERASURE", Api.mobile()).statusCode(201)
                .body("overdue", equalTo(false)).extract().path("id");

        clock.shift(Duration.ofDays(31));
        erasures.flagOverdue();
        erasures.flagOverdue();

        ticket(requestId).body("overdue", equalTo(true)).body("overdueFlaggedAt", notNullValue());
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM privacy_request_step WHERE privacy_request_id = ?"
                + " AND step = 'OVERDUE'", UUID.fromString(requestId))).isEqualTo(1);
        given().auth().oauth2(Api.PRIVACY_OFFICER).queryParam("overdue", true).queryParam("size", 500)
                .get("/api/privacy-requests")
                .then().statusCode(200).body("items.id", hasItem(requestId));
    }

    @Test
    void webFormsMayFileRequestsButOnlyPrivacyOfficersReadThem() {
        String id = given().auth().oauth2(Api.INTEGRATION).contentType("application/json")
                .body(Map.of("type", "ERASURE", "phone", Api.mobile(), "channel", "WEB_FORM",
                        "requester", "the customer, via the privacy form"))
                .post("/api/privacy-requests")
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(Api.INTEGRATION).get("/api/privacy-requests/{id}", id).then().statusCode(403);
        given().auth().oauth2(Api.SUPERVISOR).get("/api/privacy-requests/{id}", id).then().statusCode(403);
        given().auth().oauth2(Api.OPERATOR).contentType("application/json")
                .body(Map.of("type", "ERASURE", "phone", Api.mobile(), "channel", "OPERATOR", "requester", "x"))
                .post("/api/privacy-requests")
                .then().statusCode(403);
    }

    @Test
    void aRequestWithoutRequesterIsRefusedAndWritesNothing() {
        String phone = Api.mobile();
        given().auth().oauth2(Api.PRIVACY_OFFICER).contentType("application/json")
                .body(Map.of("type", "ERASURE", "phone", phone, "channel", "EMAIL"))
                .post("/api/privacy-requests")
                .then().statusCode(400).body("errors.field", hasItem("requester"));

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM erasure_tombstone WHERE phone_hash = ?",
                blindIndex.of(phone))).isZero();
    }

    /** Publishes a service's confirmation, as its outbox relay would; returns it for redelivery. */
    private static EventEnvelope confirm(String service, String type, String requestId, String hash,
                                         Map<String, Object> facts) {
        Map<String, Object> payload = new HashMap<>(facts);
        payload.put("privacyRequestId", requestId);
        payload.put("phoneHash", hash);
        EventEnvelope event = EventEnvelope.create(service, type, hash, Actor.system(service), payload);
        TopicProbe.publish(type.equals("ContactErased") ? Topics.CONTACTS : Topics.DIALER, event);
        return event;
    }

    private static long calls(Rows rows, String hash) {
        return rows.count("SELECT count(*) FROM number_call WHERE phone_hash = ?", hash);
    }

    private static long exports(Rows rows, String hash) {
        return rows.count("SELECT count(*) FROM number_export WHERE phone_hash = ?", hash);
    }

    private static void awaitProcessed(Rows rows, String group, EventEnvelope event) {
        await().atMost(EVENTS).until(() -> rows.count("SELECT count(*) FROM processed_event "
                + "WHERE consumer_group = ? AND event_id = ?", group, event.eventId()) == 1);
    }

    private static ValidatableResponse ticket(String id) {
        return given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/privacy-requests/{id}", id)
                .then().statusCode(200);
    }
}
