package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access requests (K-8) — "how did you get my number?" — and what consent-service learns from contact-service to
 * answer it: where a number came from ({@code ContactCreated}, {@code ContactsImported}) and merges
 * ({@code ContactsMerged}).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class AccessReportTest {

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theReportNamesTheSourceTheConsentsWithProofAndTheStopList() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        UUID contactId = UUID.randomUUID();
        TopicProbe.publish(Topics.CONTACTS, contactCreated(contactId, hash, phone));
        String consentId = Api.activeConsent(phone, "MARKETING", "SMS");
        Api.optOut(phone).statusCode(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> report(phone)
                .body("report.sources", hasSize(1)));

        String id = Api.privacyRequest("ACCESS", phone).statusCode(201)
                .body("type", equalTo("ACCESS"))
                .body("status", equalTo("COMPLETED"))
                .extract().path("id");

        given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/privacy-requests/{id}", id)
                .then().statusCode(200)
                .body("report.number", equalTo(ConsentResourceTest.masked(phone)))
                .body("report.sources[0].contactId", equalTo(contactId.toString()))
                .body("report.sources[0].channel", equalTo("WEB_FORM"))
                .body("report.sources[0].campaign", equalTo("spring-sale"))
                .body("report.consents[0].id", equalTo(consentId))
                .body("report.consents[0].template.version", equalTo(1))
                .body("report.consents[0].capturedFrom.requestId", notNullValue())
                .body("report.consents[0].history[0].status", equalTo("ACTIVE"))
                .body("report.stopList[0].channel", equalTo("OPERATOR"))
                .body("report.nationalRegistry.listed", equalTo(false))
                .body("report.calls", hasSize(0))
                .body("report.exports", hasSize(0))
                .body("report.erased", nullValue())
                .body("report.elsewhere", hasItem(containsString("audit trail")))
                .body("report.toString()", not(containsString(hash)));
    }

    @Test
    void theNumbersOfImportedContactsAreTracedToTheImport() {
        String phone = Api.mobile();
        String otherPhone = Api.mobile();
        UUID contactId = UUID.randomUUID();
        UUID otherId = UUID.randomUUID();
        // An import batch announces its contacts in one event, not one ContactCreated each.
        TopicProbe.publish(Topics.CONTACTS, EventEnvelope.create("contact-service", "ContactsImported",
                UUID.randomUUID().toString(), new Actor("supervisor-a", "supervisor", "team-a"), Map.of(
                        "importId", UUID.randomUUID().toString(),
                        "contacts", List.of(
                                contactPayload(contactId, blindIndex.of(phone), phone, "IMPORT", "crm-2019"),
                                contactPayload(otherId, blindIndex.of(otherPhone), otherPhone, "IMPORT",
                                        "crm-2019")))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> report(phone)
                .body("report.sources", hasSize(1))
                .body("report.sources[0].contactId", equalTo(contactId.toString()))
                .body("report.sources[0].channel", equalTo("IMPORT"))
                .body("report.sources[0].campaign", equalTo("crm-2019")));
        report(otherPhone).body("report.sources[0].contactId", equalTo(otherId.toString()));
    }

    @Test
    void theReportListsEachCallOnceFromEitherTopicAndTheExportsThatHeldTheNumber() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String campaign = UUID.randomUUID().toString();
        String outbound = "call-" + UUID.randomUUID();
        String inbound = "call-" + UUID.randomUUID();

        // The dialer's call, delivered twice; then the dialer re-announces the platform's call under its call id.
        EventEnvelope dialed = OtherServices.callCompletedOf(hash, outbound, campaign, "OUTBOUND", "SALE", 95,
                now.minus(2, ChronoUnit.DAYS));
        TopicProbe.publish(Topics.DIALER, dialed);
        EventEnvelope echo = OtherServices.callCompletedOf(hash, inbound, null, "INBOUND", "CALLBACK", null,
                now.minus(1, ChronoUnit.HOURS));
        // The platform's call, delivered twice, sent again under a new event id, and a call still ringing.
        EventEnvelope received = OtherServices.telephonyCall("CALL_COMPLETED", phone, hash, inbound, "CALLBACK",
                now.minus(1, ChronoUnit.HOURS));
        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, received);
        EventEnvelope resent = OtherServices.telephonyCall("CALL_COMPLETED", phone, hash, inbound, "CALLBACK",
                now.minus(1, ChronoUnit.HOURS));
        EventEnvelope ringing = OtherServices.telephonyCall("CALL_STARTED", phone, hash, "call-" + UUID.randomUUID(),
                null, now);

        // An export in two parts, the one with the number delivered twice, and a pseudonymised one.
        String export = UUID.randomUUID().toString();
        String pseudonymised = UUID.randomUUID().toString();
        EventEnvelope first = OtherServices.contactsExported(export, false, now.minus(3, ChronoUnit.DAYS), 1, 2,
                List.of(blindIndex.of(Api.mobile()), hash));
        TopicProbe.publish(Topics.CONTACTS, first);
        EventEnvelope second = OtherServices.contactsExported(export, false, now.minus(3, ChronoUnit.DAYS), 2, 2,
                List.of(blindIndex.of(Api.mobile())));
        EventEnvelope masked = OtherServices.contactsExported(pseudonymised, true, now.minus(1, ChronoUnit.DAYS), 1,
                1, List.of(hash));

        // Each topic's last event is applied after the copies before it on its partition.
        awaitProcessed("consent-service.call-history", dialed, echo, received, resent, ringing);
        awaitProcessed("consent-service.export-history", first, second, masked);
        report(phone)
                .body("report.callsTotal", equalTo(2))
                .body("report.calls.callId", equalTo(List.of(inbound, outbound)))
                .body("report.calls[0].direction", equalTo("INBOUND"))
                .body("report.calls[0].outcome", equalTo("CALLBACK"))
                .body("report.calls[0].operatorId", equalTo("operator-5"))
                .body("report.calls[0].campaignId", nullValue())
                .body("report.calls[0].durationSec", equalTo(61))
                .body("report.calls[0].occurredAt", equalTo(now.minus(1, ChronoUnit.HOURS).toString()))
                .body("report.calls[1].campaignId", equalTo(campaign))
                .body("report.calls[1].direction", equalTo("OUTBOUND"))
                .body("report.calls[1].outcome", equalTo("SALE"))
                .body("report.calls[1].durationSec", equalTo(95))
                .body("report.exportsTotal", equalTo(2))
                .body("report.exports.exportId", equalTo(List.of(pseudonymised, export)))
                .body("report.exports.pseudonymised", equalTo(List.of(true, false)))
                .body("report.exports[1].requestedBy", equalTo("supervisor-1"))
                .body("report.exports[1].approvedBy", equalTo("supervisor-2"))
                .body("report.exports[1].downloadedAt", equalTo(now.minus(3, ChronoUnit.DAYS).toString()))
                .body("report.elsewhere", not(hasItem(containsString("Calls made"))))
                .body("report.toString()", not(containsString(phone.substring(2))));
    }

    @Test
    void mergedContactsKeepTheirConsentsUnderTheSurvivor() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        Map<String, Object> body = Api.consentBody(phone, "SURVEY", "SMS", "CONSENT", Api.template("SURVEY"));
        UUID merged = UUID.fromString((String) body.get("contactId"));
        UUID survivor = UUID.randomUUID();
        String consentId = Api.grant(Api.INTEGRATION, body).statusCode(201).extract().path("id");
        Api.teamContact(survivor.toString(), phone);

        TopicProbe.publish(Topics.CONTACTS, EventEnvelope.create("contact-service", "ContactsMerged",
                survivor.toString(), new Actor("supervisor-1", "supervisor", "team-a"), Map.of(
                        "survivorId", survivor.toString(), "mergedId", merged.toString(),
                        "phoneHashes", List.of(hash), "mergedAt", "2026-11-28T10:00:00Z")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(Api.SUPERVISOR).queryParam("contactId", survivor)
                        .get("/api/consents")
                        .then().statusCode(200)
                        .body("total", equalTo(1))
                        .body("items[0].id", equalTo(consentId))
                        .body("items[0].status", equalTo("ACTIVE"))
                        .body("items[0].history[1].status", equalTo("REKEYED"))
                        .body("items[0].history[1].by", equalTo("supervisor-1")));
        given().auth().oauth2(Api.PRIVACY_OFFICER).queryParam("contactId", merged).get("/api/consents")
                .then().body("total", equalTo(0));
        Api.decide(phone, "SURVEY", "SMS").body("allowed", equalTo(true));
    }

    @Test
    void aWebFormFilingTheCustomersRequestGetsTheTicketButNotTheReport() {
        String phone = Api.mobile();
        Api.activeConsent(phone, "MARKETING", "VOICE");
        String id = given().auth().oauth2(Api.INTEGRATION).contentType("application/json")
                .body(Map.of("type", "ACCESS", "phone", phone, "channel", "WEB_FORM", "requester", "the customer"))
                .post("/api/privacy-requests")
                .then().statusCode(201)
                .body("status", equalTo("COMPLETED"))
                .body("report", nullValue())
                .extract().path("id");
        given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/privacy-requests/{id}", id)
                .then().statusCode(200).body("report.consents", hasSize(1));
    }

    @Test
    void analystsCannotAskForReports() {
        given().auth().oauth2(Api.ANALYST).contentType("application/json")
                .body(Map.of("type", "ACCESS", "phone", Api.mobile(), "channel", "EMAIL", "requester", "x"))
                .post("/api/privacy-requests")
                .then().statusCode(403);
    }

    /** Waits until the consumer group has applied every one of the events (and so the copies before them). */
    private void awaitProcessed(String group, EventEnvelope... events) {
        Rows rows = new Rows(dataSource);
        for (EventEnvelope event : events) {
            await().atMost(Duration.ofSeconds(20)).until(() -> rows.count("SELECT count(*) FROM processed_event "
                    + "WHERE consumer_group = ? AND event_id = ?", group, event.eventId()) == 1);
        }
    }

    /** A throwaway access request whose report shows what is known about the number now. */
    private static ValidatableResponse report(String phone) {
        String id = Api.privacyRequest("ACCESS", phone).statusCode(201).extract().path("id");
        return given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/privacy-requests/{id}", id).then();
    }

    private static EventEnvelope contactCreated(UUID contactId, String hash, String phone) {
        return EventEnvelope.create("contact-service", "ContactCreated", contactId.toString(),
                new Actor("web-form", "integration", null), contactPayload(contactId, hash, phone, "WEB_FORM",
                        "spring-sale"));
    }

    /** What {@code ContactCreated} says of a contact, and {@code ContactsImported} of each contact it lists. */
    private static Map<String, Object> contactPayload(UUID contactId, String hash, String phone, String channel,
                                                      String campaign) {
        return Map.of(
                "contactId", contactId.toString(),
                "phones", List.of(Map.of("phoneId", UUID.randomUUID().toString(), "phoneHash", hash,
                        "masked", ConsentResourceTest.masked(phone), "type", "MOBILE", "region", "RU",
                        "label", "main")),
                "source", Map.of("channel", channel, "campaign", campaign),
                "tags", List.of(), "status", "ACTIVE", "createdAt", "2026-11-01T10:00:00Z");
    }
}
