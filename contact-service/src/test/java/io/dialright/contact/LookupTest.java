package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.callCompleted;
import static io.dialright.contact.Fixtures.create;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.contact.Fixtures.operator;
import static io.dialright.contact.Fixtures.typedTheOldWay;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class LookupTest {

    private static final String TELEPHONY = TestTokens.token("pbx-1", "integration");

    @Inject
    BlindIndex blindIndex;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void numberStoredTheOldWayIsFoundInInternationalFormatWithItsHistory() {
        String e164 = freshMobile();
        String id = withTags("Tamara", typedTheOldWay(e164), List.of());
        callCompleted(id, blindIndex.of(e164), "operator-21", "SALE", Instant.now().minus(Duration.ofDays(2)));

        String international = "+7 " + e164.substring(2, 5) + " " + e164.substring(5, 8) + " " + e164.substring(8, 10)
                + " " + e164.substring(10);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TELEPHONY).queryParam("number", international).get("/api/lookup")
                        .then().statusCode(200)
                        .body("found", equalTo(true))
                        .body("contact.id", equalTo(id))
                        .body("contact.name", equalTo("Tamara"))
                        .body("recentInteractions[0].outcome", equalTo("SALE"))
                        .body("recentInteractions[0].operatorId", equalTo("operator-21"))
                        .body("routing.queue", equalTo("general"))
                        .body("routing.rule", equalTo("DEFAULT")));
    }

    @Test
    void unknownNumberOffersToCreateAContact() {
        given().auth().oauth2(TELEPHONY).queryParam("number", freshMobile()).get("/api/lookup")
                .then().statusCode(200)
                .body("found", equalTo(false))
                .body("contact", nullValue())
                .body("routing.action", equalTo("OFFER_CREATE_CONTACT"));
    }

    @Test
    void vipGoesToThePriorityQueueOrThePersonalManager() {
        String vip = freshMobile();
        withTags("Ulyana", vip, List.of("vip"));
        lookup(vip).body("routing.queue", equalTo("priority")).body("routing.rule", equalTo("VIP"));

        String managed = freshMobile();
        withTags("Fedor", managed, List.of("VIP", "manager:supervisor-a"));
        lookup(managed).body("routing.queue", equalTo("personal:supervisor-a"))
                .body("routing.personalManager", equalTo("supervisor-a"));
    }

    @Test
    void blacklistedCallerIsRejected() {
        String e164 = freshMobile();
        withTags("Khariton", e164, List.of("blacklist"));
        lookup(e164).body("routing.action", equalTo("REJECT")).body("routing", hasKey("queue"))
                .body("routing.queue", nullValue());
    }

    @Test
    void threeComplaintsInAMonthGoToSeniorQualityEvenForAVipAndTheOpenComplaintIsSignalled() {
        String e164 = freshMobile();
        String id = withTags("Tsvetana", e164, List.of("vip"));
        String hash = blindIndex.of(e164);
        for (int day = 1; day <= 3; day++) {
            callCompleted(id, hash, "operator-22", "COMPLAINT", Instant.now().minus(Duration.ofDays(day * 5L)));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(e164)
                .body("routing.queue", equalTo("senior-quality"))
                .body("signals.code", hasItem("OPEN_COMPLAINT")));

        callCompleted(id, hash, "operator-22", "RESOLVED", Instant.now().minus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(e164)
                .body("signals.code", not(hasItem("OPEN_COMPLAINT"))));
    }

    @Test
    void signalsFrequentCallsAndLongSilence() {
        String busy = freshMobile();
        String busyId = withTags("Chulpan", busy, List.of());
        for (int i = 0; i < 4; i++) {
            callCompleted(busyId, blindIndex.of(busy), "operator-23", "NO_ANSWER",
                    Instant.now().minus(Duration.ofDays(i)));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(busy)
                .body("signals.code", hasItem("FREQUENT_CONTACT")));

        String quiet = freshMobile();
        String quietId = withTags("Shamil", quiet, List.of());
        callCompleted(quietId, blindIndex.of(quiet), "operator-23", "SALE", Instant.now().minus(Duration.ofDays(120)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(quiet)
                .body("signals.code", equalTo(List.of("REACTIVATION"))));
    }

    @Test
    void anUnassignedOperatorGetsTheCardWithNumbersMaskedAndCallsWithoutOperatorsOrRecordings() {
        String e164 = freshMobile();
        Map<String, Object> body = new HashMap<>(Fixtures.contact("Eduard", e164, freshMobile()));
        body.put("team", "team-a");
        body.put("email", "eduard@example.org");
        String id = create(WEB_FORM, body).statusCode(201).extract().path("id");
        callCompleted(id, blindIndex.of(e164), "operator-31", "SALE", Instant.now().minus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(e164)
                .body("recentInteractions[0].operatorId", equalTo("operator-31"))
                .body("recentInteractions[0].recordingRef", equalTo("rec-1")));

        // Another operator's calls and their recordings are not this operator's to see (PRODUCT.md, roles).
        String json = given().auth().oauth2(operator("operator-24", "team-a")).queryParam("number", e164)
                .get("/api/lookup").then().statusCode(200)
                .body("contact.name", equalTo("Eduard"))
                .body("contact.email", nullValue())
                .body("contact.phones", hasSize(2))
                .body("contact.phones.e164", everyItem(nullValue()))
                .body("contact.phones.masked", everyItem(notNullValue()))
                .body("recentInteractions", hasSize(1))
                .body("recentInteractions[0].outcome", equalTo("SALE"))
                .body("recentInteractions[0].operatorId", nullValue())
                .body("recentInteractions[0].recordingRef", nullValue())
                .extract().asString();
        assertThat(json).doesNotContain(e164.substring(1)).doesNotContain("eduard@").doesNotContain("operator-31");
    }

    @Test
    void theCardIsTheContactAsTheCallerMaySeeItWithEveryFieldAndNumber() {
        String called = freshMobile();
        String other = freshMobile();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Yaroslava");
        body.put("email", "yaroslava@example.org");
        body.put("team", "team-a");
        body.put("tags", List.of("vip", "newsletter"));
        body.put("timeZone", "Asia/Yekaterinburg");
        body.put("preferredCallTime", Map.of("from", "18:00", "to", "20:30"));
        body.put("source", Map.of("channel", "WEB_FORM", "campaign", "autumn"));
        body.put("phones", List.of(Map.of("number", other, "label", "work", "comment", "weekdays"),
                Map.of("number", typedTheOldWay(called), "label", "mobile")));
        String id = create(WEB_FORM, body).statusCode(201).extract().path("id");

        Map<String, Object> card = lookup(called).extract().path("contact");
        Map<String, Object> contact = given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/" + id)
                .then().statusCode(200).extract().path("$");

        assertThat(card).isEqualTo(contact);
        assertThat(card).containsEntry("email", "yaroslava@example.org").containsKey("preferredCallTime");
        assertThat(card.get("phones")).asList().extracting("e164").containsExactly(other, called);
    }

    @Test
    void aNumberHeldByTwoContactsShowsTheOldestAndNamesTheOther() {
        String shared = freshMobile();
        String first = withTags("Zlata", shared, List.of());
        Map<String, Object> second = new HashMap<>(Fixtures.contact("Zinovy", shared));
        second.put("team", "team-a");
        second.put("allowDuplicate", true);
        String secondId = create(WEB_FORM, second).statusCode(201).extract().path("id");

        lookup(shared).body("contact.id", equalTo(first)).body("alsoHeldBy", equalTo(List.of(secondId)));
    }

    @Test
    void theHistoryShowsTheLatestCallsNewestFirstAndTheSignalsCountThemAll() {
        String e164 = freshMobile();
        String id = withTags("Filipp", e164, List.of());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 12; i++) {
            callCompleted(id, blindIndex.of(e164), "operator-25", "NO_ANSWER", now.minus(Duration.ofHours(i + 1)));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(e164)
                .body("recentInteractions.size()", equalTo(10))
                .body("signals.find { it.code == 'FREQUENT_CONTACT' }.detail", startsWith("12 calls within 7 days")));
        List<String> shownAt = lookup(e164).extract().path("recentInteractions.occurredAt");
        List<Instant> shown = shownAt.stream().map(Instant::parse).toList();
        assertThat(shown).isSortedAccordingTo(Comparator.reverseOrder())
                .startsWith(now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(2)));
    }

    @Test
    void aNumberThatIsNotOneIsA400() {
        given().auth().oauth2(TELEPHONY).queryParam("number", "12").get("/api/lookup")
                .then().statusCode(400).body("errors[0].field", equalTo("number"));
        given().auth().oauth2(TELEPHONY).get("/api/lookup").then().statusCode(400);
    }

    private static ValidatableResponse lookup(String e164) {
        return given().auth().oauth2(SUPERVISOR_A).queryParam("number", e164).get("/api/lookup").then()
                .statusCode(200);
    }

    private static String withTags(String name, String number, List<String> tags) {
        Map<String, Object> body = new HashMap<>(Fixtures.contact(name, number));
        body.put("tags", tags);
        body.put("team", "team-a");
        return create(WEB_FORM, body).statusCode(201).extract().path("id");
    }
}
