package io.dialright.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product's story, played only through the gateway as its real clients play it: a web form, a supervisor, an
 * operator, an analyst, the telephony platform and the privacy officer, against the packaged suite (one PostgreSQL,
 * one broker, five service processes). Each step builds on the ones before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductStoryIT {

    private static final String TEAM = "team-story";
    private static final String NUMBER_AS_TYPED = "8 (916) 123-45-67";
    private static final String NUMBER = "+79161234567";
    private static final String INBOUND_CALLER_ID = "+7 916 123 45 67";
    private static final String RULESET = "story-round-the-clock";
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSuite suite;
    private static SmsConnector smsConnector;

    // What the steps hand on to the next ones.
    private static String contactId;
    private static final List<String> otherContactIds = new ArrayList<>();
    private static String marketingConsentId;
    private static String segmentId;
    private static String campaignId;
    private static String exportId;
    private static final List<String> callIds = new ArrayList<>();

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
        smsConnector = new SmsConnector(suite.broker.bootstrapServers());
        RestAssured.baseURI = suite.gateway.baseUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopSuite() {
        if (smsConnector != null) {
            smsConnector.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void aWebFormCreatesTheContactWithAServiceConsentAndAMarketingConsentConfirmedBySms() {
        // The form sends a key of its own with the request, so that it may repeat it when an answer is lost.
        String idempotencyKey = UUID.randomUUID().toString();
        Map<String, Object> anna = contactBody("Anna Petrova", NUMBER_AS_TYPED,
                List.of("spring-offer", "vip", "manager:manager-1"));
        contactId = given().auth().oauth2(webForm()).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(anna)
                .post("/api/contacts")
                .then().statusCode(201)
                .body("phones[0].e164", equalTo(NUMBER))
                .body("phones[0].type", equalTo("MOBILE"))
                .body("phones[0].timeZones", hasItem("Europe/Moscow"))
                .extract().path("id");
        given().auth().oauth2(webForm()).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(anna).post("/api/contacts")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(contactId));
        // Four more customers of the team (no marketing consent): the campaign's segment holds them too.
        for (int i = 0; i < 4; i++) {
            otherContactIds.add(given().auth().oauth2(webForm()).contentType(ContentType.JSON)
                    .body(contactBody("Customer " + i, "+7 916 765-43-2" + i, List.of("spring-offer")))
                    .post("/api/contacts").then().statusCode(201).extract().path("id"));
        }

        // The contract signed on the form is the basis for service and emergency calls; no template needed.
        for (String purpose : List.of("ORDER_STATUS", "EMERGENCY")) {
            given().auth().oauth2(webForm()).contentType(ContentType.JSON)
                    .body(consentBody(purpose, "CONTRACT", null, false))
                    .post("/api/consents")
                    .then().statusCode(201).body("status", equalTo("ACTIVE"));
        }
        String template = given().auth().oauth2(privacyOfficer()).contentType(ContentType.JSON)
                .body(marketingTemplate())
                .post("/api/consent-templates").then().statusCode(201).extract().path("id");
        marketingConsentId = given().auth().oauth2(webForm()).contentType(ContentType.JSON)
                .body(consentBody("MARKETING", "CONSENT", template, true))
                .post("/api/consents")
                .then().statusCode(201).body("status", equalTo("PENDING_CONFIRMATION"))
                .extract().path("id");

        JsonNode sms = smsConnector.await(payload -> marketingConsentId.equals(payload.path("consentId").asText()),
                EVENTUALLY);
        assertThat(sms.path("to").asText()).isEqualTo(NUMBER);
        assertThat(sms.path("text").asText()).contains("OOO Romashka", "marketing offers", "up to 2 calls a month");
        String code = SmsConnector.code(sms).orElseThrow(() -> new AssertionError("no code in " + sms));
        given().auth().oauth2(webForm()).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/consents/{id}/confirm", marketingConsentId)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));

        decision("MARKETING").then().body("allowed", equalTo(true))
                .body("allowedBy.consentId", equalTo(marketingConsentId));
    }

    @Test
    @Order(2)
    void aSupervisorCampaignsOnASegmentAndTheOperatorGetsTheConsentedContactInFull() {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            hours.put(day, List.of(List.of("00:00", "23:59")));
        }
        // A ruleset open around the clock, so the story does not depend on the hour it runs at; the gap of 0 lets
        // the callback of step 3 come round at once.
        given().auth().oauth2(supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "Around the clock (story)", "hours", hours, "holidays", List.of(),
                        "maxAttemptsPer7Days", 5, "coolOffDays", 7, "minGapMinutes", 0,
                        "otherOperatorLockHours", 0))
                .put("/api/rulesets/{id}", RULESET).then().statusCode(200);
        segmentId = given().auth().oauth2(supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "Spring offer", "filter", Map.of("tags", List.of("spring-offer"))))
                .post("/api/segments").then().statusCode(201).extract().path("id");
        campaignId = given().auth().oauth2(supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "Spring offer", "purpose", "MARKETING", "rulesetId", RULESET,
                        "scriptVariants", List.of(Map.of("name", "A", "weight", 1)), "teams", List.of(TEAM)))
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
        String job = given().auth().oauth2(supervisor()).contentType(ContentType.JSON)
                .body(Map.of("segmentId", segmentId))
                .post("/api/campaigns/{id}/members", campaignId).then().statusCode(202).extract().path("id");
        await().atMost(EVENTUALLY).untilAsserted(() -> given().auth().oauth2(supervisor())
                .get("/api/campaigns/{id}/member-jobs/{job}", campaignId, job)
                .then().body("status", equalTo("COMPLETED")).body("added", equalTo(5)));
        given().auth().oauth2(supervisor()).post("/api/campaigns/{id}/start", campaignId).then().statusCode(200);

        // Only the contact with a marketing consent is callable; the others are skipped as blocked.
        given().auth().oauth2(operator()).get("/api/campaigns/{id}/next", campaignId)
                .then().statusCode(200)
                .body("contactId", equalTo(contactId))
                .body("phone", equalTo(NUMBER))
                .body("callback", equalTo(false));
        await().atMost(EVENTUALLY).untilAsserted(() -> given().auth().oauth2(operator())
                .get("/api/contacts/{id}", contactId)
                .then().statusCode(200).body("phones[0].e164", equalTo(NUMBER)));
        given().auth().oauth2(analyst()).get("/api/contacts/{id}", contactId)
                .then().statusCode(200)
                .body("phones[0].e164", nullValue())
                .body("phones[0].masked", equalTo("+7 (916) ***-**-67"));
        given().auth().oauth2(analyst()).get("/api/campaigns/{id}/stats", campaignId).then().statusCode(200);

        // The supervisor exports the segment for a partner; a second supervisor of the team approves it.
        exportId = given().auth().oauth2(supervisor()).contentType(ContentType.JSON)
                .body(Map.of("segmentId", segmentId, "pseudonymised", false, "reason", "delivery partner's list"))
                .post("/api/exports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(supervisor()).post("/api/exports/{id}/approve", exportId).then().statusCode(403);
        given().auth().oauth2(secondSupervisor()).post("/api/exports/{id}/approve", exportId)
                .then().statusCode(200);
        Response archive = given().auth().oauth2(supervisor()).post("/api/exports/{id}/archive", exportId);
        archive.then().statusCode(200).contentType("application/zip").header("X-Archive-Password", notNullValue());
        assertThat(archive.asByteArray()).startsWith('P', 'K');
    }

    @Test
    @Order(3)
    void theTelephonyPlatformReportsACallbackThenARefusalWithOptOut() {
        Instant callbackAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        postCallEvent(completedCall("CALLBACK", Map.of("callbackAt", callbackAt.toString())));

        // Due callbacks come first: the same customer comes back to the operator once the agreed time has come.
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(operator()).get("/api/campaigns/{id}/next", campaignId)
                        .then().statusCode(200)
                        .body("contactId", equalTo(contactId))
                        .body("callback", equalTo(true)));

        postCallEvent(completedCall("OPT_OUT", Map.of("refusalReason", "asked never to be called again")));
        await().atMost(EVENTUALLY).untilAsserted(() -> given().auth().oauth2(supervisor())
                .get("/api/stop-list/{phone}", NUMBER)
                .then().statusCode(200)
                .body("channel", equalTo("CALL_OUTCOME"))
                .body("callId", equalTo(callIds.get(1))));
    }

    @Test
    @Order(4)
    void theNumberIsNeverHandedOutAgainForMarketingButAnEmergencyCallIsStillAllowed() {
        await().atMost(EVENTUALLY).untilAsserted(() ->
                given().auth().oauth2(operator()).get("/api/campaigns/{id}/next", campaignId)
                        .then().statusCode(204));
        decision("MARKETING").then()
                .body("allowed", equalTo(false))
                .body("reasons.code", hasItem("STOP_LIST"));
        decision("EMERGENCY").then()
                .body("allowed", equalTo(true))
                .body("allowedBy.legalBasis", equalTo("CONTRACT"));
        given().auth().oauth2(supervisor()).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "channel", "VOICE", "phones", List.of(NUMBER_AS_TYPED)))
                .post("/api/decisions/batch")
                .then().statusCode(200).body("results[0].allowed", equalTo(false));
    }

    @Test
    @Order(5)
    void anInboundCallGetsTheCardWithItsHistoryAndARoutingDirective() {
        await().atMost(EVENTUALLY).untilAsserted(() -> given().auth().oauth2(telephony())
                .queryParam("number", INBOUND_CALLER_ID)
                .get("/api/lookup")
                .then().statusCode(200)
                .body("found", equalTo(true))
                .body("contact.id", equalTo(contactId))
                .body("contact.phones[0].e164", equalTo(NUMBER))
                .body("recentInteractions", hasSize(2))
                .body("routing.queue", equalTo("personal:manager-1"))
                .body("routing.rule", equalTo("VIP_PERSONAL_MANAGER")));
    }

    @Test
    @Order(6)
    void anErasureCompletesAcrossTheServicesAfterAnAccessReportShowedEverything() {
        // consent-service learns of calls and exports from the topics: ask again until it has caught up.
        JsonPath report = await().atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(ProductStoryIT::accessReport, answer -> answer.getList("report.calls").size() == callIds.size()
                        && answer.getList("report.exports").size() == 1);
        assertThat(report.getList("report.sources.channel")).containsExactly("WEB_FORM");
        assertThat(report.getList("report.sources.campaign")).containsExactly("spring-offer");
        assertThat(report.getList("report.consents.purpose", String.class))
                .containsExactlyInAnyOrder("ORDER_STATUS", "EMERGENCY", "MARKETING");
        assertThat(report.getList("report.stopList.channel")).containsExactly("CALL_OUTCOME");
        assertThat(report.getList("report.calls.callId", String.class)).containsExactlyInAnyOrderElementsOf(callIds);
        assertThat(report.getList("report.exports.exportId")).containsExactly(exportId);

        String erasureId = privacyRequest("ERASURE");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(privacyOfficer())
                .get("/api/privacy-requests/{id}", erasureId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")));
        JsonPath afterwards = accessReport();
        assertThat(afterwards.getList("report.calls")).isEmpty();
        assertThat(afterwards.getList("report.exports")).isEmpty();
        assertThat(afterwards.getList("report.consents")).isEmpty();
        assertThat(afterwards.getString("report.erased.privacyRequestId")).isEqualTo(erasureId);
        for (String purpose : List.of("MARKETING", "EMERGENCY", "ORDER_STATUS")) {
            decision(purpose).then().body("allowed", equalTo(false)).body("reasons.code", hasItem("ERASED"));
        }
        given().auth().oauth2(supervisor()).get("/api/contacts/{id}", contactId).then().statusCode(404);
        given().auth().oauth2(telephony()).queryParam("number", INBOUND_CALLER_ID).get("/api/lookup")
                .then().statusCode(200).body("found", equalTo(false));
        // "Forget me, but don't call me": a web form cannot bring the number back.
        given().auth().oauth2(webForm()).contentType(ContentType.JSON)
                .body(consentBody("ORDER_STATUS", "CONTRACT", null, false))
                .post("/api/consents").then().statusCode(409);
    }

    @Test
    @Order(7)
    void theAuditTrailVerifiesHoldsEveryStepAndRaisedTheCopyAlert() {
        // The supervisor copies five numbers of the team within minutes.
        List<String> copied = new ArrayList<>(otherContactIds);
        copied.add(otherContactIds.get(0));
        for (String id : copied) {
            given().auth().oauth2(supervisor()).contentType(ContentType.JSON).body(Map.of("action", "COPY"))
                    .post("/api/contacts/{id}/access-events", id).then().statusCode(202);
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> given().auth().oauth2(privacyOfficer())
                .queryParam("rule", "MASS_COPY")
                .get("/api/audit/alerts")
                .then().statusCode(200)
                .body("items.actorSubject", hasItem("supervisor-story")));

        Set<String> expected = Set.of(
                "CREATE", "ContactCreated", "CONSENT_CHANGE", "ConsentGranted", // 1. the web form
                "CallScheduled", "HAND_OUT", "VIEW_FULL_NUMBER", "VIEW",        // 2. hand-out, full and masked views
                "CallCompleted", "CallbackScheduled", "OPT_OUT", "OptOutRecorded", // 3. the calls
                "DECISION", "LOOKUP",                                           // 4. decisions, 5. the inbound call
                "PRIVACY_REQUEST", "ErasureRequested", "ContactErased", "ErasureCompleted"); // 6. the erasure
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(actionsAbout(NUMBER)).containsAll(expected));
        // An export names many contacts, so its entries are the requester's and approver's, not the number's.
        assertThat(actionsOf("supervisor-story")).contains("EXPORT_REQUESTED", "EXPORT", "COPY");
        assertThat(actionsOf("supervisor-approver")).contains("EXPORT_APPROVED");

        given().auth().oauth2(privacyOfficer()).get("/api/audit/verify")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("firstBrokenSeq", nullValue());
    }

    // --- the story's actors (fresh tokens: people's tokens live at most 15 minutes) ---

    private static String webForm() {
        return TestTokens.integration("web-form-spring", "contacts:write", "contacts:read", "consents:write",
                "consents:read");
    }

    private static String telephony() {
        return TestTokens.integration("pbx-1", "call-events:write", "lookup:read");
    }

    private static String supervisor() {
        return TestTokens.token("supervisor-story", "supervisor", TEAM);
    }

    private static String secondSupervisor() {
        return TestTokens.token("supervisor-approver", "supervisor", TEAM);
    }

    private static String operator() {
        return TestTokens.token("operator-story", "operator", TEAM);
    }

    private static String analyst() {
        return TestTokens.token("analyst-story", "analyst");
    }

    private static String privacyOfficer() {
        return TestTokens.token("privacy-officer-story", "privacy-officer");
    }

    // --- requests ---

    private static Map<String, Object> contactBody(String name, String number, List<String> tags) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("phones", List.of(Map.of("number", number, "label", "mobile")));
        body.put("tags", tags);
        body.put("source", Map.of("channel", "WEB_FORM", "campaign", "spring-offer"));
        body.put("team", TEAM);
        body.put("timeZone", "Europe/Moscow");
        return body;
    }

    private static Map<String, Object> consentBody(String purpose, String legalBasis, String templateId,
                                                   boolean doubleOptIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("contactId", contactId);
        body.put("phone", NUMBER_AS_TYPED);
        body.put("purpose", purpose);
        body.put("channel", "VOICE");
        body.put("legalBasis", legalBasis);
        body.put("captureMethod", "WEB_FORM");
        body.put("source", "spring offer landing page");
        body.put("doubleOptIn", doubleOptIn);
        if (templateId != null) {
            body.put("templateId", templateId);
        }
        return body;
    }

    private static Map<String, Object> marketingTemplate() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", "marketing-calls");
        body.put("purpose", "MARKETING");
        body.put("companyName", "OOO Romashka");
        body.put("inn", "7701234560");
        body.put("companyAddress", "Moscow, Testovaya ul. 1");
        body.put("dataComposition", "phone number, name");
        body.put("processingMethods", "collection, storage, use for calls, deletion");
        body.put("term", "until revoked");
        body.put("revocation", "reply STOP or say so during a call");
        body.put("frequency", "up to 2 calls a month");
        body.put("body", "I agree that OOO Romashka calls me with offers.");
        return body;
    }

    /**
     * every event the story made the services publish, on every topic, is a message its channel lists in
     * docs/asyncapi.yaml and conforms to that message's schema — the document internal consumers are written against.
     */
    @Test
    @Order(8)
    void everyEventTheStoryPublishedConformsToThePublishedSchema() {
        AsyncApiDocument asyncApi = AsyncApiDocument.ofThisCheckout();
        List<String> topics = new ArrayList<>(Topics.ALL);
        topics.add(Topics.ACCESS);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        int events = 0;
        for (String topic : topics) {
            assertThat(asyncApi.messagesOf(topic)).as("messages of " + topic).isNotEmpty();
            for (byte[] value : PublishedEvents.valuesOn(suite.broker.bootstrapServers(), topic)) {
                if (value == null) {
                    continue; // a compacted topic's tombstone: no event
                }
                events++;
                problems.addAll(asyncApi.problemsOf(topic, value));
                seen.add(topic + " " + eventTypeOf(value));
            }
        }
        assertThat(problems).as("events that do not conform to docs/asyncapi.yaml").isEmpty();
        // The story reaches every service: an empty broker would make this test pass for nothing.
        assertThat(seen).as("%d events checked", events).contains(Topics.CONTACTS + " ContactCreated",
                Topics.CONSENTS + " ConsentGranted", Topics.DIALER + " CallCompleted",
                Topics.AUDIT + " AccessRecorded", Topics.CONSENTS + " ErasureCompleted");
    }

    private static String eventTypeOf(byte[] value) {
        try {
            return new ObjectMapper().readTree(value).path("eventType").asText();
        } catch (IOException e) {
            return "(not JSON)";
        }
    }

    private static Response decision(String purpose) {
        Response response = given().auth().oauth2(supervisor())
                .queryParam("phone", NUMBER_AS_TYPED).queryParam("purpose", purpose).queryParam("channel", "VOICE")
                .get("/api/decisions");
        response.then().statusCode(200);
        return response;
    }

    /** A completed outbound call on the operator's hand-out; its id is remembered for the access report. */
    private static Map<String, Object> completedCall(String outcome, Map<String, Object> extra) {
        String callId = "story-call-" + (callIds.size() + 1) + "-" + UUID.randomUUID();
        callIds.add(callId);
        Map<String, Object> event = new HashMap<>(extra);
        event.putAll(Map.of("eventId", UUID.randomUUID().toString(), "type", "CALL_COMPLETED", "callId", callId,
                "campaignId", campaignId, "contactId", contactId, "phone", NUMBER, "direction", "OUTBOUND",
                "operatorId", "operator-story", "outcome", outcome, "durationSec", 42));
        event.put("occurredAt", Instant.now().toString());
        return event;
    }

    private static void postCallEvent(Map<String, Object> event) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        given().auth().oauth2(telephony()).contentType(ContentType.JSON)
                .header("X-Signature", LocalSuite.webhookSignature(body))
                .body(body)
                .post("/api/call-events")
                .then().statusCode(202).body("duplicate", equalTo(false));
    }

    /** A new access request of the customer, as the privacy officer reads it. */
    private static JsonPath accessReport() {
        return given().auth().oauth2(privacyOfficer()).get("/api/privacy-requests/{id}", privacyRequest("ACCESS"))
                .then().statusCode(200).extract().jsonPath();
    }

    private static String privacyRequest(String type) {
        return given().auth().oauth2(privacyOfficer()).contentType(ContentType.JSON)
                .body(Map.of("type", type, "phone", NUMBER_AS_TYPED, "channel", "EMAIL",
                        "requester", "Anna Petrova, by e-mail"))
                .post("/api/privacy-requests")
                .then().statusCode(201).body("dueBy", notNullValue())
                .extract().path("id");
    }

    /** Every action the audit trail holds of the person. */
    private static Set<String> actionsOf(String actor) {
        return new TreeSet<>(given().auth().oauth2(privacyOfficer())
                .queryParam("actor", actor).queryParam("size", 500)
                .get("/api/audit/entries").then().statusCode(200).extract().jsonPath().getList("items.action"));
    }

    /** Every action the audit trail holds about the number (matched by its blind index) or its contact. */
    private static Set<String> actionsAbout(String number) {
        Set<String> actions = new TreeSet<>();
        actions.addAll(given().auth().oauth2(privacyOfficer())
                .queryParam("phone", number).queryParam("size", 500)
                .get("/api/audit/entries").then().statusCode(200).extract().jsonPath().getList("items.action"));
        actions.addAll(given().auth().oauth2(privacyOfficer())
                .queryParam("subject", contactId).queryParam("size", 500)
                .get("/api/audit/entries").then().statusCode(200).extract().jsonPath().getList("items.action"));
        return actions;
    }
}
