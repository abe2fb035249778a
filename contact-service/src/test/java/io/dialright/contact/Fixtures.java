package io.dialright.contact;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.TestTokens;
import io.dialright.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Tokens and helpers shared by contact-service tests; numbers are fictitious and fresh per call. */
final class Fixtures {

    static final String WEB_FORM = TestTokens.token("web-form", "integration");
    static final String SUPERVISOR_A = TestTokens.token("supervisor-a", "supervisor", "team-a");
    static final String SUPERVISOR_B = TestTokens.token("supervisor-b", "supervisor", "team-b");
    static final String ANALYST = TestTokens.token("analyst-1", "analyst");
    static final String ADMIN = TestTokens.token("admin-1", "admin");

    private Fixtures() {
    }

    static String operator(String subject, String team) {
        return TestTokens.token(subject, "operator", team);
    }

    /** A fresh valid Moscow mobile in E.164, {@code +7916…}: unlikely to collide with another test's. */
    static String freshMobile() {
        return "+7916" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** The same number as a person in Russia would type it: {@code 8 (916) 123-45-67}. */
    static String typedTheOldWay(String e164) {
        String national = e164.substring(2);
        return "8 (" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6, 8)
                + "-" + national.substring(8);
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/contacts").then();
    }

    static Map<String, Object> contact(String name, String... numbers) {
        return Map.of("name", name,
                "phones", Arrays.stream(numbers).map(number -> Map.of("number", number)).toList(),
                "source", Map.of("channel", "WEB_FORM", "campaign", "spring-promo"),
                "tags", List.of("newsletter"));
    }

    /** A completed call as the dialer announces it ({@code CallCompleted} on its topic). */
    static void callCompleted(String contactId, String phoneHash, String operatorId, String outcome, Instant at) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("callId", "call-" + UUID.randomUUID());
        payload.put("contactId", contactId);
        payload.put("phoneHash", phoneHash);
        payload.put("direction", "INBOUND");
        payload.put("operatorId", operatorId);
        payload.put("outcome", outcome);
        payload.put("durationSec", 42);
        payload.put("recordingRef", "rec-1");
        payload.put("occurredAt", at.toString());
        TopicProbe.publish(Topics.DIALER, EventEnvelope.create("dialer-service", "CallCompleted",
                contactId != null ? contactId : phoneHash, Actor.system("dialer-service"), payload));
    }

    /** The dialer handed the contact to an operator ({@code CallScheduled} on its topic). */
    static void callScheduled(String contactId, String operatorId, String team, Instant at) {
        TopicProbe.publish(Topics.DIALER, EventEnvelope.create("dialer-service", "CallScheduled", contactId,
                Actor.system("dialer-service"), Map.of("contactId", contactId, "operatorId", operatorId,
                        "operatorTeam", team, "campaignId", UUID.randomUUID().toString(),
                        "scheduledAt", at.toString())));
    }

    /** Creates a contact through the web form (team {@code team-a}) and returns its id. */
    static String createdBy(String token, String name, String... numbers) {
        Map<String, Object> body = new HashMap<>(contact(name, numbers));
        body.put("team", "team-a");
        return create(token, body).statusCode(201).extract().path("id");
    }
}
