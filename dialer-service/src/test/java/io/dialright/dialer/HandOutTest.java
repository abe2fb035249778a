package io.dialright.dialer;

import static io.dialright.dialer.DialerFixtures.WEDNESDAY_11_MOSCOW;
import static io.dialright.dialer.DialerFixtures.campaignBody;
import static io.dialright.dialer.DialerFixtures.completedCall;
import static io.dialright.dialer.DialerFixtures.freshMobile;
import static io.dialright.dialer.DialerFixtures.moscowContact;
import static io.dialright.dialer.DialerFixtures.next;
import static io.dialright.dialer.DialerFixtures.operator;
import static io.dialright.dialer.DialerFixtures.runningCampaign;
import static io.dialright.dialer.DialerFixtures.standAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import io.dialright.dialer.handout.QueueJobs;
import io.dialright.localstack.Rows;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HandOutTest extends DialerScenarioTest {

    private static final String OPERATOR_1 = operator("operator-1");
    private static final String OPERATOR_2 = operator("operator-2");

    @Inject
    QueueJobs queueJobs;

    @Test
    void insideHoursTheOperatorGetsTheFullNumberAndTheHandOutIsAnnounced() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = runningCampaign(campaignBody("MARKETING"), List.of(contact));

        try (TopicProbe dialer = TopicProbe.fromNow(Topics.DIALER)) {
            Response handOut = next(OPERATOR_1, campaign);
            handOut.then().statusCode(200)
                    .body("contactId", equalTo(contact.toString()))
                    .body("phone", equalTo(e164))
                    .body("scriptVariant", equalTo("default"))
                    .body("attempt", equalTo(1))
                    .body("explanation", containsString("consent-service allows MARKETING"));

            TopicProbe.Received scheduled = dialer.await(event -> "CallScheduled".equals(event.eventType())
                    && contact.toString().equals(event.key()), Duration.ofSeconds(20));
            assertThat(scheduled.event().payload().get("operatorId").asText()).isEqualTo("operator-1");
            assertThat(scheduled.event().payload().get("operatorTeam").asText()).isEqualTo("team-a");
            assertThat(scheduled.event().payload().toString()).doesNotContain(e164.substring(1));
        }
        // The final check asked consent-service with the operator's own token, for the campaign's purpose.
        assertThat(Stubs.calls()).anySatisfy(call -> {
            assertThat(call.get("path")).isEqualTo("/api/decisions");
            assertThat(call.get("authorization")).isEqualTo("Bearer " + OPERATOR_1);
        });
        next(OPERATOR_2, campaign).then().statusCode(204)
                .header("Reason", containsString("1 handed out to operators"));
        assertThat(new Rows(dataSource).count("""
                SELECT count(*) FROM outbox_event_history WHERE event_type = 'AccessRecorded'
                AND convert_from(message_value, 'UTF8') LIKE ?""",
                "%HAND_OUT\"%" + contact + "%")).isEqualTo(1);
    }

    @Test
    void aVipInAnotherZoneSetComesBeforeEveryoneElse() {
        // Ids chosen so that, were VIPs not first, the queue's last tie-break (the contact id) would pick Moscow.
        List<UUID> moscow = DialerFixtures.ids(3, () -> DialerFixtures.contact(idStartingWith("00000000"),
                blindIndex, freshMobile(), "team-a", "Europe/Moscow", List.of("Europe/Moscow"), List.of()));
        UUID samaraVip = DialerFixtures.contact(idStartingWith("ffffffff"), blindIndex, freshMobile(), "team-a",
                "Europe/Samara", List.of("Europe/Samara"), List.of("VIP"));
        List<UUID> members = new ArrayList<>(moscow);
        members.add(samaraVip);
        UUID campaign = runningCampaign(campaignBody("TECH_SUPPORT"), members);

        next(OPERATOR_1, campaign).then().statusCode(200).body("contactId", equalTo(samaraVip.toString()));
        next(OPERATOR_2, campaign).then().statusCode(200).body("contactId", equalTo(moscow.stream().sorted(
                Comparator.comparing(UUID::toString)).findFirst().orElseThrow().toString()));
    }

    private static UUID idStartingWith(String prefix) {
        return UUID.fromString(prefix + UUID.randomUUID().toString().substring(prefix.length()));
    }

    @Test
    void outsideTheCalleesHoursNothingIsHandedOutAndTheReasonSaysSo() {
        UUID campaign = runningCampaign(campaignBody("ORDER_STATUS"),
                List.of(moscowContact(blindIndex, freshMobile())));
        standAt(clock, Instant.parse("2026-12-02T17:30:00Z")); // 20:30 in Moscow

        next(OPERATOR_1, campaign).then().statusCode(204)
                .header("Reason", containsString("1 outside their calling hours now"));
        assertThat(Stubs.calls()).noneMatch(call -> call.get("path").equals("/api/decisions"));
    }

    @Test
    void operatorsAskingAtOnceNeverGetTheSameContact() throws Exception {
        List<UUID> contacts = DialerFixtures.ids(12, () -> moscowContact(blindIndex, freshMobile()));
        UUID campaign = runningCampaign(campaignBody("TECH_SUPPORT"), contacts);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> asks = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String token = operator("operator-" + (10 + i % 4));
                asks.add(() -> next(token, campaign));
            }
            Set<String> handedOut = new HashSet<>();
            for (Future<Response> answer : pool.invokeAll(asks)) {
                Response response = answer.get();
                assertThat(response.statusCode()).isEqualTo(200);
                handedOut.add(response.path("contactId"));
            }
            assertThat(handedOut).hasSize(12);
        } finally {
            pool.shutdownNow();
        }
        next(OPERATOR_1, campaign).then().statusCode(204);
    }

    @Test
    void whenConsentServiceCannotAnswerNothingIsHandedOut() {
        UUID contact = moscowContact(blindIndex, freshMobile());
        UUID campaign = runningCampaign(campaignBody("MARKETING"), List.of(contact));
        Stubs.consentDown(true);

        next(OPERATOR_1, campaign).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("fails closed"));
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'READY'",
                contact)).isEqualTo(1);
        assertThat(rows.count("""
                SELECT count(*) FROM outbox_event_history WHERE event_type = 'CallScheduled' AND message_key = ?""",
                contact.toString())).isZero();

        Stubs.consentDown(false);
        next(OPERATOR_1, campaign).then().statusCode(200).body("contactId", equalTo(contact.toString()));
    }

    @Test
    void whenConsentServiceStaysSilentPastTheTimeoutNothingIsHandedOut() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = runningCampaign(campaignBody("MARKETING"), List.of(contact));
        // The late answer would block the number: were it read by the next question, that one would get 204.
        Stubs.block(e164, "STOP_LIST");
        Stubs.consentSilent(3_000); // the stubs configure a 1 s consent timeout

        long asked = System.nanoTime();
        next(OPERATOR_1, campaign).then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("fails closed"));
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofMillis(1_800));
        assertThat(new Rows(dataSource).count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'READY'""", contact))
                .isEqualTo(1);

        Stubs.reset(); // answers at once again, and the number is no longer blocked
        next(OPERATOR_1, campaign).then().statusCode(200).body("contactId", equalTo(contact.toString()));
    }

    @Test
    void aNumberConsentServiceBlocksIsSkippedWithItsReasonEvenBeforeAnyEventArrives() {
        String optedOut = freshMobile();
        UUID blocked = moscowContact(blindIndex, optedOut);
        UUID allowed = moscowContact(blindIndex, freshMobile());
        UUID campaign = runningCampaign(campaignBody("MARKETING"), List.of(blocked, allowed));
        Stubs.block(optedOut, "STOP_LIST");

        next(OPERATOR_1, campaign).then().statusCode(200).body("contactId", equalTo(allowed.toString()));
        next(OPERATOR_2, campaign).then().statusCode(204)
                .header("Reason", containsString("CONSENT:STOP_LIST"));
        assertThat(new Rows(dataSource).count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'WAITING'
                AND block_code = 'CONSENT:STOP_LIST'""", blocked)).isEqualTo(1);
    }

    @Test
    void dueCallbacksComeFirstAndAreMovedIntoTheAllowedHours() throws Exception {
        String e164 = freshMobile();
        UUID callbackContact = moscowContact(blindIndex, e164);
        List<UUID> others = DialerFixtures.ids(3, () -> moscowContact(blindIndex, freshMobile()));
        List<UUID> members = new ArrayList<>(others);
        members.add(callbackContact);
        UUID campaign = runningCampaign(campaignBody("ORDER_STATUS"), members);
        // Hand out until the callback contact comes up, then the customer asks to be called back in 90 minutes.
        String operatorId = null;
        for (int i = 0; i < 4 && operatorId == null; i++) {
            String subject = "operator-" + (30 + i);
            Response handOut = next(operator(subject), campaign);
            if (callbackContact.toString().equals(handOut.path("contactId"))) {
                operatorId = subject;
            }
        }
        assertThat(operatorId).isNotNull();
        Map<String, Object> callback = completedCall(campaign, callbackContact, e164, operatorId, "CALLBACK",
                WEDNESDAY_11_MOSCOW);
        callback.put("callbackAt", WEDNESDAY_11_MOSCOW.plus(Duration.ofMinutes(90)).toString());
        CallEventResourceTest.post(callback).statusCode(202);
        queueJobs.expireLeases();

        standAt(clock, WEDNESDAY_11_MOSCOW.plus(Duration.ofMinutes(95)));
        queueJobs.expireLeases(); // the three others' leases have lapsed too: they compete again
        next(OPERATOR_2, campaign).then().statusCode(200)
                .body("contactId", equalTo(callbackContact.toString()))
                .body("callback", equalTo(true))
                .body("attempt", equalTo(2));

        // A callback agreed for 21:30 Moscow time is due at the next opening: Thursday 09:00.
        Map<String, Object> late = completedCall(campaign, callbackContact, e164, "operator-2", "CALLBACK",
                WEDNESDAY_11_MOSCOW.plus(Duration.ofMinutes(100)));
        late.put("callbackAt", "2026-12-02T18:30:00Z");
        late.put("operatorId", "operator-2");
        CallEventResourceTest.post(late).statusCode(202);
        assertThat(new Rows(dataSource).count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'CALLBACK'
                AND callback_due_at = '2026-12-03T06:00:00Z'""", callbackContact)).isEqualTo(1);
    }

    @Test
    void afterThreeAttemptsInAWeekTheNumberRestsAndTheSkipIsExplained() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = runningCampaign(campaignBody("SURVEY"), List.of(contact));
        for (int day = 3; day >= 1; day--) {
            CallEventResourceTest.post(completedCall(campaign, contact, e164, "operator-1", "NO_ANSWER",
                    WEDNESDAY_11_MOSCOW.minus(Duration.ofDays(day)))).statusCode(202);
        }
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'WAITING'
                AND block_code = 'ATTEMPTS_EXHAUSTED' AND attempts = 3""", contact)).isEqualTo(1);
        next(OPERATOR_1, campaign).then().statusCode(204).header("Reason", containsString("ATTEMPTS_EXHAUSTED"));

        // Woken early (a job or a person can't cheat the rule): the hand-out checks the history itself.
        execute("UPDATE campaign_member SET state = 'READY' WHERE contact_id = ?", contact);
        next(OPERATOR_1, campaign).then().statusCode(204)
                .header("Reason", containsString("skipped just now: ATTEMPTS_EXHAUSTED 1"));
    }

    @Test
    void aSensitiveCampaignKeepsTheCustomerWithTheOperatorWhoCalled() throws Exception {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        Map<String, Object> body = campaignBody("DOCUMENTS");
        body.put("sensitive", true);
        UUID campaign = runningCampaign(body, List.of(contact));
        next(OPERATOR_1, campaign).then().statusCode(200);
        CallEventResourceTest.post(completedCall(campaign, contact, e164, "operator-1", "NO_ANSWER",
                WEDNESDAY_11_MOSCOW)).statusCode(202);

        standAt(clock, WEDNESDAY_11_MOSCOW.plus(Duration.ofHours(3))); // 14:00, after lunch
        queueJobs.wakeWaiting(); // the 60-minute gap after the attempt is over
        next(OPERATOR_2, campaign).then().statusCode(204);
        next(OPERATOR_1, campaign).then().statusCode(200).body("contactId", equalTo(contact.toString()));
    }

    @Test
    void anOptOutOutcomeParksTheNumberInEveryCampaignAtOnce() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID first = runningCampaign(campaignBody("MARKETING"), List.of(contact));
        UUID second = runningCampaign(campaignBody("SURVEY"), List.of(contact));
        next(OPERATOR_1, first).then().statusCode(200);

        CallEventResourceTest.post(completedCall(first, contact, e164, "operator-1", "OPT_OUT",
                WEDNESDAY_11_MOSCOW)).statusCode(202);

        next(OPERATOR_2, second).then().statusCode(204).header("Reason", containsString("STOP_LIST"));
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'DONE'"
                + " AND outcome = 'OPT_OUT'", contact)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM stop_list_projection WHERE phone_hash = ?",
                blindIndex.of(e164))).isEqualTo(1);
    }

    @Test
    void anUnansweredLeaseExpiresAndTheContactGoesToTheNextOperator() throws Exception {
        UUID contact = moscowContact(blindIndex, freshMobile());
        UUID campaign = runningCampaign(campaignBody("TECH_SUPPORT"), List.of(contact));
        next(OPERATOR_1, campaign).then().statusCode(200);
        next(OPERATOR_2, campaign).then().statusCode(204);

        standAt(clock, WEDNESDAY_11_MOSCOW.plus(Duration.ofMinutes(4)));
        assertThat(queueJobs.expireLeases()).isGreaterThanOrEqualTo(1);
        next(OPERATOR_2, campaign).then().statusCode(200).body("contactId", equalTo(contact.toString()));
    }

    @Test
    void aNumberOnTheLineInOneCampaignIsNotHandedOutInAnother() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID first = runningCampaign(campaignBody("ORDER_STATUS"), List.of(contact));
        UUID second = runningCampaign(campaignBody("TECH_SUPPORT"), List.of(contact));

        next(OPERATOR_1, first).then().statusCode(200).body("contactId", equalTo(contact.toString()));
        next(OPERATOR_2, second).then().statusCode(204)
                .header("Reason", containsString("NUMBER_IN_CALL 1"));
    }

    @Test
    void aLateEventFromAnotherOperatorDoesNotEndAColleaguesLease() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = runningCampaign(campaignBody("TECH_SUPPORT"), List.of(contact));
        next(OPERATOR_1, campaign).then().statusCode(200);

        CallEventResourceTest.post(completedCall(campaign, contact, e164, "operator-9", "NO_ANSWER",
                WEDNESDAY_11_MOSCOW)).statusCode(202);

        Rows rows = new Rows(dataSource);
        assertThat(rows.count("""
                SELECT count(*) FROM campaign_member WHERE contact_id = ? AND state = 'LEASED'
                AND lease_operator = 'operator-1'""", contact)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM call_attempt WHERE phone_hash = ?", blindIndex.of(e164)))
                .isEqualTo(1);
    }

    @Test
    void aCallThatStartedCountsAsAnAttemptEvenIfItsEndIsNeverReported() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = runningCampaign(campaignBody("SURVEY"), List.of(contact));
        for (int day = 3; day >= 1; day--) {
            Map<String, Object> started = completedCall(campaign, contact, e164, "operator-1", null,
                    WEDNESDAY_11_MOSCOW.minus(Duration.ofDays(day)));
            started.put("type", "CALL_STARTED");
            started.remove("outcome");
            CallEventResourceTest.post(started).statusCode(202);
        }
        next(OPERATOR_1, campaign).then().statusCode(204)
                .header("Reason", containsString("ATTEMPTS_EXHAUSTED"));
    }

    @Test
    void operatorsReportCallsOnlyOnContactsHandedOutToThem() {
        String e164 = freshMobile();
        UUID contact = moscowContact(blindIndex, e164);
        UUID campaign = runningCampaign(campaignBody("TECH_SUPPORT"), List.of(contact));
        Map<String, Object> event = completedCall(campaign, contact, e164, "operator-2", "SALE",
                WEDNESDAY_11_MOSCOW);

        RestAssured.given().auth().oauth2(OPERATOR_2).contentType(io.restassured.http.ContentType.JSON)
                .body(event).post("/api/call-events")
                .then().statusCode(403).body("detail", containsString("handed out to them"));
        next(OPERATOR_2, campaign).then().statusCode(200);
        RestAssured.given().auth().oauth2(OPERATOR_2).contentType(io.restassured.http.ContentType.JSON)
                .body(event).post("/api/call-events")
                .then().statusCode(202);
    }

    private void execute(String sql, Object... args) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void operatorsOfOtherTeamsAndOtherRolesAreRefused() {
        UUID campaign = runningCampaign(campaignBody("TECH_SUPPORT"),
                List.of(moscowContact(blindIndex, freshMobile())));

        next(io.dialright.testsupport.TestTokens.token("operator-b", "operator", "team-b"), campaign)
                .then().statusCode(404).contentType("application/problem+json");
        next(DialerFixtures.ANALYST, campaign).then().statusCode(403);
        next(DialerFixtures.SUPERVISOR_A, campaign).then().statusCode(403);
        RestAssured.given().get("/api/campaigns/{id}/next", campaign).then().statusCode(401);
        RestAssured.given().auth().oauth2(OPERATOR_1).queryParam("operatorId", "operator-2")
                .get("/api/campaigns/{id}/next", campaign).then().statusCode(403);
        RestAssured.given().auth().oauth2(DialerFixtures.SUPERVISOR_B)
                .post("/api/campaigns/{id}/pause", campaign).then().statusCode(404);
    }
}
