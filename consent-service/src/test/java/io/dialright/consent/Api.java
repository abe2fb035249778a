package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.testsupport.TestTokens;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What the tests of this module do through the REST API, as its clients would. Numbers are valid but fictitious
 * and random, because the test classes share one database.
 */
final class Api {

    static final String OPERATOR_ID = "operator-1";
    static final String TEAM = "team-a";
    static final String OPERATOR = TestTokens.token(OPERATOR_ID, "operator", TEAM);
    static final String SUPERVISOR = TestTokens.token("supervisor-1", "supervisor", TEAM);
    static final String PRIVACY_OFFICER = TestTokens.token("privacy-1", "privacy-officer");
    static final String INTEGRATION = TestTokens.token("web-form", "integration");
    static final String ANALYST = TestTokens.token("analyst-1", "analyst");
    static final String ADMIN = TestTokens.token("admin-1", "admin");

    /** A check-digit-valid INN that belongs to no one we know of. */
    static final String INN = "7701234560";

    private Api() {
    }

    /** A random Moscow mobile number in E.164. */
    static String mobile() {
        return "+7916" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A random Moscow fixed-line number in E.164 (cannot receive SMS). */
    static String fixedLine() {
        return "+7495" + String.format("%07d", ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
    }

    static Map<String, Object> templateBody(String code, String purpose) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("purpose", purpose);
        body.put("companyName", "OOO Romashka");
        body.put("inn", INN);
        body.put("companyAddress", "Moscow, Testovaya ul. 1");
        body.put("dataComposition", "phone number, name");
        body.put("processingMethods", "collection, storage, use for calls, deletion");
        body.put("term", "until revoked");
        body.put("revocation", "reply STOP or call 8 800 000-00-00");
        body.put("frequency", "up to 4 calls a month");
        body.put("body", "I agree that OOO Romashka (INN " + INN + ") calls me about " + purpose + ".");
        return body;
    }

    /** A new template version for the purpose; its id. */
    static String template(String purpose) {
        return given().auth().oauth2(PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(templateBody("tpl-" + purpose.toLowerCase() + "-" + UUID.randomUUID(), purpose))
                .post("/api/consent-templates")
                .then().statusCode(201)
                .extract().path("id");
    }

    static Map<String, Object> consentBody(String phone, String purpose, String channel, String basis,
                                           String templateId) {
        Map<String, Object> body = new HashMap<>();
        body.put("contactId", UUID.randomUUID().toString());
        body.put("phone", phone);
        body.put("purpose", purpose);
        body.put("channel", channel);
        body.put("legalBasis", basis);
        body.put("captureMethod", "WEB_FORM");
        body.put("source", "landing page /offers");
        if (templateId != null) {
            body.put("templateId", templateId);
        }
        return body;
    }

    static ValidatableResponse grant(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/consents").then();
    }

    /** An ACTIVE consent on basis CONSENT with a fresh template, of a new contact; its id. */
    static String activeConsent(String phone, String purpose, String channel) {
        return activeConsentOf(UUID.randomUUID().toString(), phone, purpose, channel);
    }

    /** An ACTIVE consent of the contact, captured by a web form (which reaches every contact); its id. */
    static String activeConsentOf(String contactId, String phone, String purpose, String channel) {
        Map<String, Object> body = consentBody(phone, purpose, channel, "CONSENT", template(purpose));
        body.put("contactId", contactId);
        return grant(INTEGRATION, body).statusCode(201).extract().path("id");
    }

    /**
     * An ACTIVE record on another legal basis (no template needed), entered from paper by the supervisor of the
     * contact's team (contact-service announces the contact first); its id.
     */
    static String basis(String phone, String purpose, String channel, String basis) {
        Map<String, Object> body = consentBody(phone, purpose, channel, basis, null);
        body.put("captureMethod", "PAPER");
        teamContact((String) body.get("contactId"), phone);
        return grant(SUPERVISOR, body).statusCode(201).extract().path("id");
    }

    /** The contact a consent is for, as a privacy officer (who reaches every record) reads it. */
    static String contactOf(String consentId) {
        return given().auth().oauth2(PRIVACY_OFFICER).get("/api/consents/{id}", consentId)
                .then().statusCode(200).extract().path("contactId");
    }

    /** contact-service announces the contact in team-a with this number; returns once supervisor-1 reaches it. */
    static void teamContact(String contactId, String phone) {
        OtherServices.contactCreated(contactId, TEAM, Arc.container().instance(BlindIndex.class).get().of(phone),
                ConsentResourceTest.masked(phone), new Actor("web-form", "integration", null));
        awaitReach(SUPERVISOR, contactId);
    }

    /** The dialer hands the contact to operator-1 at {@code at}; returns once operator-1 reaches it. */
    static void handOut(String contactId, Instant at) {
        OtherServices.callScheduled(contactId, OPERATOR_ID, TEAM, at);
        awaitReach(OPERATOR, contactId);
    }

    /** Waits until this service's projections let the token's holder list the contact's consents. */
    static void awaitReach(String token, String contactId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().auth().oauth2(token).queryParam("contactId", contactId).get("/api/consents")
                        .statusCode() == 200);
    }

    /** Revokes as operator-1, once the dialer has handed them the consent's contact (the customer is on the line). */
    static ValidatableResponse revoke(String consentId) {
        handOut(contactOf(consentId), Instant.now());
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("channel", "OPERATOR", "reason", "customer said so on the phone"))
                .post("/api/consents/{id}/revoke", consentId).then();
    }

    static ValidatableResponse decide(String phone, String purpose, String channel) {
        return given().auth().oauth2(OPERATOR)
                .queryParam("phone", phone).queryParam("purpose", purpose).queryParam("channel", channel)
                .get("/api/decisions").then();
    }

    static ValidatableResponse optOut(String phone) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "channel", "OPERATOR", "source", "operator desk"))
                .post("/api/opt-outs").then();
    }

    static ValidatableResponse privacyRequest(String type, String phone) {
        return given().auth().oauth2(PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("type", type, "phone", phone, "channel", "EMAIL", "requester", "the customer"))
                .post("/api/privacy-requests").then();
    }
}
