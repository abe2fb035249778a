package io.dialright.dialer;

import static io.dialright.dialer.DialerFixtures.WEDNESDAY_11_MOSCOW;
import static io.dialright.dialer.DialerFixtures.campaignBody;
import static io.dialright.dialer.DialerFixtures.completedCall;
import static io.dialright.dialer.DialerFixtures.freshMobile;
import static io.dialright.dialer.DialerFixtures.moscowContact;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.localstack.Rows;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallEffectsTest extends DialerScenarioTest {

    /**
     * Variant A: 10 customers reached, 1 sale (9 refusals), plus 3 unanswered calls; variant B: 10 reached, 6
     * sales. Conversion 0.1 vs 0.6; pooled 0.35; z = 0.5 / sqrt(0.35 · 0.65 · (1/10 + 1/10)) = 2.3440; two-sided
     * p = 0.0191 (computed by hand, outside the code under test).
     */
    @Test
    void statsMatchAHandComputedExamplePerVariantOperatorAndSource() {
        Map<String, Object> body = campaignBody("MARKETING");
        body.put("scriptVariants", List.of(Map.of("name", "A", "weight", 1), Map.of("name", "B", "weight", 1)));
        Map<UUID, String> numbers = new HashMap<>();
        List<UUID> contacts = DialerFixtures.ids(60, () -> {
            String e164 = freshMobile();
            UUID id = moscowContact(blindIndex, e164);
            numbers.put(id, e164);
            return id;
        });
        UUID campaign = DialerFixtures.runningCampaign(body, contacts);
        Rows rows = new Rows(dataSource);
        List<UUID> variantA = new ArrayList<>();
        List<UUID> variantB = new ArrayList<>();
        for (UUID contact : contacts) {
            boolean a = rows.count("""
                    SELECT count(*) FROM campaign_member WHERE campaign_id = ? AND contact_id = ?
                    AND script_variant = 'A'""", campaign, contact) == 1;
            (a ? variantA : variantB).add(contact);
        }
        for (int i = 0; i < 10; i++) {
            UUID contact = variantA.get(i);
            Map<String, Object> call = completedCall(campaign, contact, numbers.get(contact), "operator-1",
                    i == 0 ? "SALE" : "REFUSED", WEDNESDAY_11_MOSCOW.minus(Duration.ofHours(1)));
            call.put("refusalReason", i < 5 ? "too expensive" : "not interested");
            CallEventResourceTest.post(call).statusCode(202);
        }
        for (int i = 10; i < 13; i++) {
            UUID contact = variantA.get(i);
            CallEventResourceTest.post(completedCall(campaign, contact, numbers.get(contact), "operator-1",
                    "NO_ANSWER", WEDNESDAY_11_MOSCOW.minus(Duration.ofHours(1)))).statusCode(202);
        }
        for (int i = 0; i < 10; i++) {
            UUID contact = variantB.get(i);
            Map<String, Object> call = completedCall(campaign, contact, numbers.get(contact), "operator-2",
                    i < 6 ? "SALE" : "REFUSED", WEDNESDAY_11_MOSCOW.minus(Duration.ofHours(1)));
            CallEventResourceTest.post(call).statusCode(202);
        }

        JsonPath stats = given().auth().oauth2(DialerFixtures.ANALYST).get("/api/campaigns/{id}/stats", campaign)
                .then().statusCode(200).extract().jsonPath();
        assertThat(stats.getInt("total.attempts")).isEqualTo(23);
        assertThat(stats.getInt("total.reached")).isEqualTo(20);
        assertThat(stats.getInt("total.sales")).isEqualTo(7);
        assertThat(stats.getDouble("total.conversion")).isCloseTo(0.35, within(1e-9));
        assertThat(stats.getInt("total.refusals")).isEqualTo(13);
        assertThat(stats.getInt("total.refusalReasons.'too expensive'")).isEqualTo(4);
        assertThat(stats.getInt("total.refusalReasons.'not interested'")).isEqualTo(5);
        assertThat(stats.getList("scriptVariants.group")).containsExactly("A", "B");
        assertThat(stats.getDouble("scriptVariants[0].conversion")).isCloseTo(0.1, within(1e-9));
        assertThat(stats.getDouble("scriptVariants[1].conversion")).isCloseTo(0.6, within(1e-9));
        assertThat(stats.getDouble("scriptVariants[1].significance.z")).isCloseTo(2.3440, within(1e-3));
        assertThat(stats.getDouble("scriptVariants[1].significance.pValue")).isCloseTo(0.0191, within(2e-4));
        assertThat(stats.getBoolean("scriptVariants[1].significance.significant")).isTrue();
        assertThat(stats.getList("operators.group")).containsExactly("operator-1", "operator-2");
        assertThat(stats.getInt("operators[0].attempts")).isEqualTo(13);
        assertThat(stats.getList("sources.group")).containsExactly("WEB_FORM");

        String csv = given().auth().oauth2(DialerFixtures.SUPERVISOR_A).accept("text/csv")
                .get("/api/campaigns/{id}/stats", campaign).then().statusCode(200).extract().asString();
        assertThat(csv).startsWith("dimension,group,attempts").contains("script_variant,\"B\",10,10,6,0.6000");
        given().auth().oauth2(DialerFixtures.SUPERVISOR_B).get("/api/campaigns/{id}/stats", campaign)
                .then().statusCode(404);
        given().auth().oauth2(DialerFixtures.operator("operator-1")).get("/api/campaigns/{id}/stats", campaign)
                .then().statusCode(403);
    }

    @Test
    void aFollowUpSmsGoesOutOnlyWhereConsentAllowsSms() {
        String allowed = freshMobile();
        String blocked = freshMobile();
        UUID allowedContact = moscowContact(blindIndex, allowed);
        UUID blockedContact = moscowContact(blindIndex, blocked);
        Map<String, Object> body = campaignBody("ORDER_STATUS");
        body.put("followUpSms", Map.of("outcomes", List.of("CALLBACK"),
                "text", "We will call you back at {callbackAt}. Reply STOP to opt out."));
        UUID campaign = DialerFixtures.runningCampaign(body, List.of(allowedContact, blockedContact));
        Stubs.block(blocked, "NO_CONSENT");

        try (TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            for (UUID contact : List.of(blockedContact, allowedContact)) {
                Map<String, Object> call = completedCall(campaign, contact,
                        contact.equals(allowedContact) ? allowed : blocked, "operator-1", "CALLBACK",
                        WEDNESDAY_11_MOSCOW);
                call.put("callbackAt", "2026-12-02T10:00:00Z");
                CallEventResourceTest.post(call).statusCode(202);
            }
            TopicProbe.Received sent = sms.await(event -> "SmsRequested".equals(event.eventType()),
                    Duration.ofSeconds(20));
            assertThat(sent.event().payload().get("to").asText()).isEqualTo(allowed);
            assertThat(sent.event().payload().get("text").asText()).contains("2026-12-02T10:00:00Z");
        }
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM outbox_event_history WHERE event_type = 'SmsRequested' "
                + "AND message_key = ?", blindIndex.of(blocked))).isZero();
        assertThat(rows.count("""
                SELECT count(*) FROM outbox_event_history WHERE event_type = 'AccessRecorded'
                AND convert_from(message_value, 'UTF8') LIKE '%FOLLOW_UP_SMS%BLOCKED:NO_CONSENT%'""")).isGreaterThanOrEqualTo(1);
        assertThat(Stubs.calls()).anySatisfy(call -> assertThat(call.get("path")).isEqualTo("/api/decisions"));
    }

    @Test
    void callEventsFromTheTelephonyTopicCountOnceLikeTheWebhook() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = DialerFixtures.runningCampaign(campaignBody("TECH_SUPPORT"), List.of(contact));
        Map<String, Object> call = completedCall(campaign, contact, "8 " + e164.substring(2), "operator-1",
                "RESOLVED", WEDNESDAY_11_MOSCOW);
        call.put("recordingRef", "rec-42");
        EventEnvelope event = EventEnvelope.create("pbx-7", "CALL_COMPLETED", contact.toString(),
                new Actor("pbx-7", "integration", null), call);

        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, event);
        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, EventEnvelope.create("pbx-7", "CALL_COMPLETED",
                contact.toString(), new Actor("pbx-7", "integration", null), call));

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'DONE'
                AND outcome = 'RESOLVED' AND attempts = 1""", contact) == 1);
        assertThat(rows.count("SELECT count(*) FROM call_event WHERE event_id = ?::uuid", call.get("eventId")))
                .isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM call_attempt WHERE call_id = ?", call.get("callId")))
                .isEqualTo(1);
        given().auth().oauth2(DialerFixtures.operator("operator-1")).get("/api/callbacks").then().statusCode(200);
        given().auth().oauth2(DialerFixtures.ANALYST).get("/api/callbacks").then().statusCode(403)
                .body("title", containsString("Forbidden"));
    }
}
