package io.dialright.dialer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Campaigns with members, operators and call events, arranged the way the product's clients would. */
final class DialerFixtures {

    static final String SUPERVISOR_A = TestTokens.token("supervisor-a", "supervisor", "team-a");
    static final String SUPERVISOR_B = TestTokens.token("supervisor-b", "supervisor", "team-b");
    static final String ANALYST = TestTokens.token("analyst-1", "analyst");
    /** Wednesday 2 December 2026, 11:00 in Moscow: inside every preset's hours. */
    static final Instant WEDNESDAY_11_MOSCOW = Instant.parse("2026-12-02T08:00:00Z");

    private DialerFixtures() {
    }

    static String operator(String subject) {
        return TestTokens.token(subject, "operator", "team-a");
    }

    static void standAt(ShiftableClock clock, Instant at) {
        clock.reset();
        clock.shift(Duration.between(Instant.now(), at));
    }

    static String freshMobile() {
        return "+7916" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A team-a contact in Moscow (zone confirmed) with a fresh number; returns its id. */
    static UUID moscowContact(BlindIndex blindIndex, String e164) {
        return contact(blindIndex, e164, "team-a", "Europe/Moscow", List.of("Europe/Moscow"), List.of());
    }

    static UUID contact(BlindIndex blindIndex, String e164, String team, String timeZone, List<String> numberZones,
                        List<String> tags) {
        return contact(UUID.randomUUID(), blindIndex, e164, team, timeZone, numberZones, tags);
    }

    /** A contact with a chosen id (where the queue's tie-break on ids must not decide a test by chance). */
    static UUID contact(UUID id, BlindIndex blindIndex, String e164, String team, String timeZone,
                        List<String> numberZones, List<String> tags) {
        Stubs.contact(new BoundaryStubs.StubContact(id, team, e164, blindIndex.of(e164),
                e164.substring(0, 5) + "***" + e164.substring(e164.length() - 2), "RU", numberZones, timeZone,
                null, null, tags, "ACTIVE"));
        return id;
    }

    static Map<String, Object> campaignBody(String purpose) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Campaign " + UUID.randomUUID().toString().substring(0, 8));
        body.put("purpose", purpose);
        return body;
    }

    /** Creates the campaign as supervisor-a, adds the members, waits for the job and starts it. */
    static UUID runningCampaign(Map<String, Object> body, List<UUID> members) {
        UUID id = UUID.fromString(given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(body)
                .post("/api/campaigns").then().statusCode(201).extract().path("id"));
        addMembers(id, Map.of("contactIds", members));
        given().auth().oauth2(SUPERVISOR_A).post("/api/campaigns/{id}/start", id).then().statusCode(200)
                .body("status", equalTo("RUNNING"));
        return id;
    }

    /** Posts members and waits until the job completed; returns the finished job. */
    static Map<String, Object> addMembers(UUID campaignId, Map<String, Object> body) {
        String location = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(body)
                .post("/api/campaigns/{id}/members", campaignId).then().statusCode(202).extract()
                .header("Location");
        await().atMost(Duration.ofSeconds(60)).until(() -> !List.of("QUEUED", "RUNNING").contains(
                given().auth().oauth2(SUPERVISOR_A).get(location).then().statusCode(200).extract()
                        .path("status")));
        return given().auth().oauth2(SUPERVISOR_A).get(location).then().extract().jsonPath().getMap("$");
    }

    static Response next(String operatorToken, UUID campaignId) {
        return given().auth().oauth2(operatorToken).get("/api/campaigns/{id}/next", campaignId);
    }

    /** A completed outbound call of a campaign, as the telephony platform posts it (signed). */
    static Map<String, Object> completedCall(UUID campaignId, UUID contactId, String e164, String operatorId,
                                             String outcome, Instant occurredAt) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "CALL_COMPLETED");
        event.put("callId", "call-" + UUID.randomUUID());
        event.put("campaignId", campaignId.toString());
        event.put("contactId", contactId.toString());
        event.put("phone", e164);
        event.put("direction", "OUTBOUND");
        event.put("operatorId", operatorId);
        event.put("outcome", outcome);
        event.put("durationSec", 30);
        event.put("occurredAt", occurredAt.toString());
        return event;
    }

    static List<UUID> ids(int count, java.util.function.Supplier<UUID> contact) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(contact.get());
        }
        return ids;
    }
}
