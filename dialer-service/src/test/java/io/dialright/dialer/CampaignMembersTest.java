package io.dialright.dialer;

import static io.dialright.dialer.DialerFixtures.SUPERVISOR_A;
import static io.dialright.dialer.DialerFixtures.addMembers;
import static io.dialright.dialer.DialerFixtures.campaignBody;
import static io.dialright.dialer.DialerFixtures.freshMobile;
import static io.dialright.dialer.DialerFixtures.moscowContact;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import io.dialright.testsupport.Races;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignMembersTest extends DialerScenarioTest {

    @Test
    void aSegmentsMembersArriveThroughABackgroundJobWithAStableABSplit() {
        List<UUID> members = DialerFixtures.ids(1_200, () -> moscowContact(blindIndex, freshMobile()));
        UUID otherTeams = DialerFixtures.contact(blindIndex, freshMobile(), "team-b", null,
                List.of("Europe/Moscow"), List.of());
        List<UUID> segment = new ArrayList<>(members);
        segment.add(otherTeams);
        UUID segmentId = UUID.randomUUID();
        Stubs.segment(segmentId, segment);
        Map<String, Object> body = campaignBody("MARKETING");
        body.put("scriptVariants", List.of(Map.of("name", "A", "weight", 1), Map.of("name", "B", "weight", 1)));
        UUID campaign = create(body);

        Map<String, Object> job = addMembers(campaign, Map.of("segmentId", segmentId.toString()));
        assertThat(job).containsEntry("status", "COMPLETED").containsEntry("requested", 1_201)
                .containsEntry("added", 1_200).containsEntry("notAvailable", 1);
        Rows rows = new Rows(dataSource);
        long variantA = rows.count("""
                SELECT count(*) FROM campaign_member WHERE campaign_id = ? AND script_variant = 'A'""", campaign);
        assertThat(variantA).isBetween(500L, 700L);
        // The numbers are sealed: no digits of any member's number in the table.
        assertThat(rows.count("""
                SELECT count(*) FROM campaign_member WHERE campaign_id = ?
                AND encode(phone_ciphertext, 'escape') ~ '\\+?7916[0-9]{7}'""", campaign)).isZero();
        // Contact-service was asked with the supervisor's own token.
        assertThat(Stubs.calls()).filteredOn(call -> call.get("path").equals("/api/contacts/dial-list"))
                .allSatisfy(call -> assertThat(call.get("authorization")).isEqualTo("Bearer " + SUPERVISOR_A));

        Map<String, Object> again = addMembers(campaign, Map.of("segmentId", segmentId.toString()));
        assertThat(again).containsEntry("added", 0).containsEntry("alreadyMembers", 1_200);
        assertThat(rows.count("""
                SELECT count(*) FROM campaign_member WHERE campaign_id = ? AND script_variant = 'A'""", campaign))
                .isEqualTo(variantA);
    }

    @Test
    void aMemberJobForAnUnknownSegmentFailsWithAReasonAPersonCanActOn() {
        UUID campaign = create(campaignBody("SURVEY"));
        Map<String, Object> job = addMembers(campaign, Map.of("segmentId", UUID.randomUUID().toString()));
        assertThat(job).containsEntry("status", "FAILED");
        assertThat((String) job.get("error")).contains("refused (404)");

        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(UUID.randomUUID().toString()), "segmentId",
                        UUID.randomUUID().toString()))
                .post("/api/campaigns/{id}/members", campaign)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void campaignsAreValidatedAndBelongToTheirTeam() {
        Map<String, Object> unknownRuleset = campaignBody("MARKETING");
        unknownRuleset.put("rulesetId", "no-such-rules");
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(unknownRuleset)
                .post("/api/campaigns").then().statusCode(422).body("errors[0].field", equalTo("rulesetId"));
        Map<String, Object> wrongPurpose = campaignBody("COLD_CALLS");
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(wrongPurpose)
                .post("/api/campaigns").then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> foreignTeams = campaignBody("MARKETING");
        foreignTeams.put("teams", List.of("team-b"));
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(foreignTeams)
                .post("/api/campaigns").then().statusCode(400).body("detail", containsString("team-a"));
        Map<String, Object> withId = campaignBody("MARKETING");
        withId.put("id", "00000000-0000-0000-0000-000000000001");
        String id = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(withId)
                .post("/api/campaigns").then().statusCode(201).body("rulesetId", equalTo("ru-default"))
                .body("teams[0]", equalTo("team-a")).body("status", equalTo("DRAFT"))
                .extract().path("id");
        assertThat(id).isNotEqualTo("00000000-0000-0000-0000-000000000001");

        given().auth().oauth2(DialerFixtures.SUPERVISOR_B).get("/api/campaigns/{id}", id).then().statusCode(404);
        given().auth().oauth2(DialerFixtures.ANALYST).get("/api/campaigns/{id}", id).then().statusCode(200);
        given().auth().oauth2(DialerFixtures.SUPERVISOR_B).get("/api/campaigns").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void aCampaignPostedTwiceUnderOneIdempotencyKeyIsOneCampaign() {
        Map<String, Object> body = campaignBody("MARKETING");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(SUPERVISOR_A).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/campaigns").then().statusCode(201).extract().path("id");

        given().auth().oauth2(SUPERVISOR_A).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/campaigns").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM campaign WHERE name = ?", body.get("name")))
                .isEqualTo(1);
    }

    @Test
    void aConflictOfTheMomentIsNotKeptUnderItsKey() throws Exception {
        UUID id = UUID.fromString(given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(campaignBody("MARKETING")).post("/api/campaigns").then().statusCode(201).extract().path("id"));
        List<String> actions = List.of("start", "pause");
        List<String> keys = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        // Both read the campaign before either writes: the second to write finds its version changed.
        List<Integer> statuses = Races.statusesInRequestOrder(dataSource, "campaign", id, "update campaign %",
                List.of(() -> statusChange(id, actions.get(0), keys.get(0)).extract().statusCode(),
                        () -> statusChange(id, actions.get(1), keys.get(1)).extract().statusCode()));
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        int loser = statuses.indexOf(409);
        statusChange(id, actions.get(loser), keys.get(loser)).statusCode(200).header("Idempotent-Replayed",
                org.hamcrest.Matchers.nullValue());
        int winner = 1 - loser;
        statusChange(id, actions.get(winner), keys.get(winner)).statusCode(200).header("Idempotent-Replayed", "true");
    }

    private static io.restassured.response.ValidatableResponse statusChange(UUID campaign, String action, String key) {
        return given().auth().oauth2(SUPERVISOR_A).header("Idempotency-Key", key)
                .post("/api/campaigns/{id}/" + action, campaign).then();
    }

    @Test
    void erasureRemovesTheNumberFromEveryCampaignAndConfirmsIt() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID first = DialerFixtures.runningCampaign(campaignBody("MARKETING"), List.of(contact));
        UUID second = DialerFixtures.runningCampaign(campaignBody("SURVEY"), List.of(contact));
        String hash = blindIndex.of(e164);
        UUID privacyRequest = UUID.randomUUID();

        try (TopicProbe dialer = TopicProbe.fromNow(Topics.DIALER)) {
            TopicProbe.publish(Topics.CONSENTS, EventEnvelope.create("consent-service", "ErasureRequested", hash,
                    Actor.system("consent-service"), Map.of("privacyRequestId", privacyRequest.toString(),
                            "phoneHash", hash, "masked", "+7 (916) ***-**-00")));
            TopicProbe.Received confirmed = dialer.await(event -> "CampaignMembershipsErased"
                    .equals(event.eventType()), Duration.ofSeconds(30));
            assertThat(confirmed.event().producer()).isEqualTo("dialer-service");
            assertThat(confirmed.event().payload().get("privacyRequestId").asText())
                    .isEqualTo(privacyRequest.toString());
            assertThat(confirmed.event().payload().get("membershipsRemoved").asInt()).isEqualTo(2);
        }
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM campaign_member WHERE phone_hash = ?", hash)).isZero();
        assertThat(rows.count("SELECT count(*) FROM campaign_member WHERE campaign_id IN (?, ?)", first, second))
                .isZero();
    }

    @Test
    void aConfirmedTimeZoneFromContactServiceReZonesTheMember() {
        String e164 = freshMobile();
        UUID contact = DialerFixtures.contact(blindIndex, e164, "team-a", null,
                List.of("Europe/Moscow", "Asia/Vladivostok"), List.of());
        UUID campaign = DialerFixtures.runningCampaign(campaignBody("ORDER_STATUS"), List.of(contact));
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("""
                SELECT count(*) FROM campaign_member m JOIN campaign_zone_set z USING (campaign_id, zone_key)
                WHERE m.contact_id = ? AND z.ambiguous""", contact)).isEqualTo(1);

        Map<String, Object> phone = new HashMap<>();
        phone.put("phoneHash", blindIndex.of(e164));
        phone.put("region", "RU");
        phone.put("timeZones", List.of("Europe/Moscow", "Asia/Vladivostok"));
        TopicProbe.publish(Topics.CONTACTS, EventEnvelope.create("contact-service", "ContactUpdated",
                contact.toString(), Actor.system("contact-service"), Map.of("contactId", contact.toString(),
                        "status", "ACTIVE", "tags", List.of("VIP"), "phones", List.of(phone),
                        "timeZone", "Asia/Vladivostok", "changed", List.of("timeZone", "tags"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND zone_key = 'Asia/Vladivostok'
                AND zone_confirmed AND vip""", contact) == 1);
        assertThat(rows.count("SELECT count(*) FROM campaign_member WHERE campaign_id = ?", campaign)).isEqualTo(1);
    }

    private static UUID create(Map<String, Object> body) {
        return UUID.fromString(given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(body)
                .post("/api/campaigns").then().statusCode(201).extract().path("id"));
    }
}
