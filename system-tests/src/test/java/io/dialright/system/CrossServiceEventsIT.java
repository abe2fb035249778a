package io.dialright.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.dialright.localstack.Rows;
import io.dialright.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Events written in one service's transaction reach another service's consumer through the real broker, with every
 * request going through the gateway as clients send it.
 */
class CrossServiceEventsIT {

    private static LocalSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
        RestAssured.baseURI = suite.gateway.baseUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void optOutRecordedByConsentServiceReachesTheDialersProjection() {
        given().auth().oauth2(TestTokens.token("operator-7", "operator", "team-a")).contentType(ContentType.JSON)
                .body(Map.of("phone", "8 (912) 345-67-41", "channel", "OPERATOR", "source", "operator desk"))
                .post("/api/opt-outs")
                .then().statusCode(201);

        String hash = suite.blindIndex.of("+79123456741");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("dialer", "SELECT count(*) FROM stop_list_projection WHERE phone_hash = ?", hash) == 1);
    }

    @Test
    void callEndingInOptOutAtTheDialerPutsTheNumberOnConsentServicesStopList() throws Exception {
        byte[] body = ("""
                {"eventId": "%s", "type": "CALL_COMPLETED", "callId": "call-42", "phone": "+7 912 345-67-42",
                 "direction": "OUTBOUND", "operatorId": "operator-7", "outcome": "OPT_OUT",
                 "occurredAt": "2026-11-28T09:15:00Z"}""".formatted(UUID.randomUUID()))
                .getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(TestTokens.token("pbx-1", "integration")).contentType(ContentType.JSON)
                .header("X-Signature", LocalSuite.webhookSignature(body))
                .body(body)
                .post("/api/call-events")
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.token("supervisor-1", "supervisor", "team-a"))
                        .get("/api/stop-list/{phone}", "+79123456742")
                        .then().statusCode(200)
                        .body("channel", equalTo("CALL_OUTCOME"))
                        .body("callId", equalTo("call-42")));
    }

    /**
     * The hand-out across the real services: members' numbers come from contact-service with the supervisor's
     * token, the final check is consent-service's decision with the operator's token, and the hand-out opens the
     * operator's access to the contact in contact-service.
     */
    @Test
    void theDialerHandsOutOnlyWhatConsentServiceAllowsAndOpensTheOperatorsAccess() {
        String supervisor = TestTokens.token("supervisor-a", "supervisor", "team-a");
        String operator = TestTokens.token("operator-a", "operator", "team-a");
        String webForm = TestTokens.token("web-form", "integration");
        // A ruleset open around the clock, so the test does not depend on the hour it runs at.
        List<List<String>> allDay = List.of(List.of("00:00", "23:59"));
        Map<String, Object> hours = new HashMap<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            hours.put(day, allDay);
        }
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("name", "Around the clock (tests)", "hours", hours, "holidays", List.of(),
                        "holidayHours", allDay, "maxAttemptsPer7Days", 3, "coolOffDays", 30, "minGapMinutes", 60,
                        "otherOperatorLockHours", 24))
                .put("/api/rulesets/{id}", "around-the-clock").then().statusCode(200);
        String consented = String.format("+7916%07d", ThreadLocalRandom.current().nextInt(5_000_000));
        String unconsented = String.format("+7916%07d", 5_000_000 + ThreadLocalRandom.current().nextInt(5_000_000));
        String withConsent = contact(webForm, consented);
        String withoutConsent = contact(webForm, unconsented);
        String template = given().auth().oauth2(TestTokens.token("privacy-1", "privacy-officer"))
                .contentType(ContentType.JSON).body(Map.of("code", "tpl-order-status-" + UUID.randomUUID(),
                        "purpose", "ORDER_STATUS", "companyName", "OOO Romashka", "inn", "7701234560",
                        "companyAddress", "Moscow, Testovaya ul. 1", "dataComposition", "phone number, name",
                        "processingMethods", "calls", "term", "until revoked", "revocation", "reply STOP",
                        "body", "I agree to calls about my orders."))
                .post("/api/consent-templates").then().statusCode(201).extract().path("id");
        given().auth().oauth2(webForm).contentType(ContentType.JSON)
                .body(Map.of("contactId", withConsent, "phone", consented, "purpose", "ORDER_STATUS",
                        "channel", "VOICE", "legalBasis", "CONTRACT", "captureMethod", "WEB_FORM",
                        "source", "checkout page", "templateId", template))
                .post("/api/consents").then().statusCode(201);

        String campaign = given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("name", "Order status", "purpose", "ORDER_STATUS", "rulesetId", "around-the-clock"))
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
        String job = given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(withConsent, withoutConsent)))
                .post("/api/campaigns/{id}/members", campaign).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(supervisor)
                .get("/api/campaigns/{id}/member-jobs/{job}", campaign, job)
                .then().body("status", equalTo("COMPLETED")).body("added", equalTo(2)));
        given().auth().oauth2(supervisor).post("/api/campaigns/{id}/start", campaign).then().statusCode(200);

        given().auth().oauth2(operator).get("/api/contacts/{id}", withConsent).then().statusCode(404);
        given().auth().oauth2(operator).get("/api/campaigns/{id}/next", campaign)
                .then().statusCode(200)
                .body("contactId", equalTo(withConsent))
                .body("phone", equalTo(consented));
        given().auth().oauth2(operator).get("/api/campaigns/{id}/next", campaign)
                .then().statusCode(204)
                .header("Reason", containsString("CONSENT:NO_CONSENT"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(operator)
                .get("/api/contacts/{id}", withConsent)
                .then().statusCode(200).body("phones[0].e164", equalTo(consented)));
    }

    /**
     * K-8 across the services: a call reported to the dialer and an export downloaded from contact-service reach
     * consent-service, whose access report names both.
     */
    @Test
    void anAccessReportNamesTheCallsMadeAndTheExportsThatIncludedTheNumber() throws Exception {
        String supervisor = TestTokens.token("supervisor-k8", "supervisor", "team-a");
        String approver = TestTokens.token("supervisor-k8b", "supervisor", "team-a");
        String privacyOfficer = TestTokens.token("privacy-1", "privacy-officer");
        String e164 = String.format("+7916%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String contactId = contact(TestTokens.token("web-form", "integration"), e164);
        String callId = "call-" + UUID.randomUUID();
        byte[] body = ("""
                {"eventId": "%s", "type": "CALL_COMPLETED", "callId": "%s", "phone": "%s",
                 "direction": "INBOUND", "operatorId": "operator-7", "outcome": "RESOLVED", "durationSec": 73,
                 "occurredAt": "%s"}""".formatted(UUID.randomUUID(), callId, e164, Instant.now().minusSeconds(60)))
                .getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(TestTokens.token("pbx-1", "integration")).contentType(ContentType.JSON)
                .header("X-Signature", LocalSuite.webhookSignature(body))
                .body(body)
                .post("/api/call-events")
                .then().statusCode(202);
        String export = given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(contactId), "pseudonymised", false, "reason", "customer's CRM"))
                .post("/api/exports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(approver).post("/api/exports/{id}/approve", export).then().statusCode(200);
        given().auth().oauth2(supervisor).post("/api/exports/{id}/archive", export).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String request = given().auth().oauth2(privacyOfficer).contentType(ContentType.JSON)
                    .body(Map.of("type", "ACCESS", "phone", e164, "channel", "EMAIL", "requester", "the customer"))
                    .post("/api/privacy-requests").then().statusCode(201).extract().path("id");
            given().auth().oauth2(privacyOfficer).get("/api/privacy-requests/{id}", request)
                    .then().statusCode(200)
                    .body("report.calls.callId", equalTo(List.of(callId)))
                    .body("report.calls[0].outcome", equalTo("RESOLVED"))
                    .body("report.calls[0].durationSec", equalTo(73))
                    .body("report.exports.exportId", equalTo(List.of(export)))
                    .body("report.exports[0].requestedBy", equalTo("supervisor-k8"))
                    .body("report.exports[0].approvedBy", equalTo("supervisor-k8b"));
        });
    }

    private static String contact(String token, String e164) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Customer", "phones", List.of(Map.of("number", e164)),
                        "source", Map.of("channel", "WEB_FORM"), "team", "team-a", "timeZone", "Europe/Moscow"))
                .post("/api/contacts").then().statusCode(201).extract().path("id");
    }

    private static long count(String database, String sql, Object... args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(suite.postgres.jdbcUrl(database));
        dataSource.setUser(suite.postgres.username());
        return new Rows(dataSource).count(sql, args);
    }
}
