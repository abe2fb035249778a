package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.SUPERVISOR_B;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.callCompleted;
import static io.dialright.contact.Fixtures.create;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.dialright.platform.crypto.BlindIndex;
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
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class MergeTest {

    @Inject
    BlindIndex blindIndex;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void mergeMovesNumbersTagsSourcesAndHistoryAndAnnouncesIt() {
        String shared = freshMobile();
        String onlyDuplicate = freshMobile();
        String survivor = contact("Yulia", List.of(phone(shared, "main", "evenings")), List.of("vip"),
                "WEB_FORM", "yulia@example.org", false);
        String duplicate = contact("Yulia K.", List.of(phone(shared, "home", "not before 10"),
                phone(onlyDuplicate, "work", null)), List.of("newsletter"), "SHOP_RECEIPT", null, true);
        callCompleted(duplicate, blindIndex.of(onlyDuplicate), "operator-31", "SALE", Instant.now());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(SUPERVISOR_A).queryParam("number", onlyDuplicate).get("/api/lookup")
                        .then().body("recentInteractions", hasSize(1)));

        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                    .body(Map.of("duplicateId", duplicate))
                    .post("/api/contacts/{id}/merge", survivor)
                    .then().statusCode(200)
                    .body("id", equalTo(survivor))
                    .body("name", equalTo("Yulia"))
                    .body("phones.e164", equalTo(List.of(shared, onlyDuplicate)))
                    .body("phones[0].comment", equalTo("evenings; not before 10"))
                    .body("phones[0].label", equalTo("main / home"))
                    .body("phones[1].label", equalTo("work"))
                    .body("tags", containsInAnyOrder("vip", "newsletter"))
                    .body("sources.channel", containsInAnyOrder("WEB_FORM", "SHOP_RECEIPT"))
                    // The survivor keeps its name; the duplicate's is kept beside it, not lost.
                    .body("otherIdentities.name", equalTo(List.of("Yulia K.")))
                    .body("otherIdentities[0].mergedFrom", equalTo(duplicate))
                    .body("otherIdentities[0].email", nullValue());

            TopicProbe.Received merged = contacts.await(event -> event.eventType().equals("ContactsMerged")
                    && event.key().equals(survivor), Duration.ofSeconds(20));
            assertThat(merged.event().payload().path("mergedId").asText()).isEqualTo(duplicate);
            assertThat(merged.event().payload().path("phoneHashes").toString())
                    .contains(blindIndex.of(onlyDuplicate));
        }

        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", duplicate).then().statusCode(404);
        given().auth().oauth2(SUPERVISOR_A).queryParam("number", onlyDuplicate).get("/api/lookup")
                .then().statusCode(200)
                .body("contact.id", equalTo(survivor))
                .body("contact.otherIdentities.name", equalTo(List.of("Yulia K.")))
                .body("recentInteractions[0].outcome", equalTo("SALE"));
    }

    @Test
    void aBlockedDuplicateBlocksTheSurvivorAndTheChangeIsAnnounced() {
        String shared = freshMobile();
        // The shared number has no comment on either side: the comments' join must cope with nothing to join.
        String survivor = contact("Petr", List.of(phone(shared, null, null)), List.of(), "IVR", null, false);
        String duplicate = contact("Petr S.", List.of(phone(shared, null, null)), List.of(), "IVR", null, true);
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("status", "BLOCKED"))
                .patch("/api/contacts/{id}", duplicate).then().statusCode(200).body("status", equalTo("BLOCKED"));

        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("duplicateId", duplicate))
                    .post("/api/contacts/{id}/merge", survivor)
                    .then().statusCode(200).body("status", equalTo("BLOCKED"))
                    .body("phones", hasSize(1)).body("phones[0].comment", nullValue());
            // The dialer ends a contact's campaign memberships on ContactUpdated, not on ContactsMerged.
            TopicProbe.Received updated = contacts.await(event -> event.eventType().equals("ContactUpdated")
                    && event.key().equals(survivor), Duration.ofSeconds(20));
            assertThat(updated.event().payload().path("status").asText()).isEqualTo("BLOCKED");
        }
        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", survivor)
                .then().statusCode(200).body("status", equalTo("BLOCKED"));
    }

    @Test
    void aDuplicatesOtherEmailAndEarlierMergesStayWithTheSurvivor() {
        String first = contact("Olga Ivanova", List.of(phone(freshMobile(), null, null)), List.of(), "IVR",
                "olga@example.org", false);
        String second = contact("Olga I.", List.of(phone(freshMobile(), null, null)), List.of(), "IVR", null, false);
        String third = contact("olga ivanova", List.of(phone(freshMobile(), null, null)), List.of(), "IVR",
                "o.ivanova@example.org", false);
        merge(third, second).statusCode(200).body("otherIdentities.name", equalTo(List.of("Olga I.")));

        // Same name in other letters, another e-mail: the e-mail is what the survivor would lose.
        merge(first, third).statusCode(200)
                .body("name", equalTo("Olga Ivanova")).body("email", equalTo("olga@example.org"))
                .body("otherIdentities.name", equalTo(List.of("Olga I.", "olga ivanova")))
                .body("otherIdentities.email", equalTo(Arrays.asList(null, "o.ivanova@example.org")))
                .body("otherIdentities.mergedFrom", equalTo(List.of(second, third)));
        // Those who see no e-mails see none of the other identities either.
        given().auth().oauth2(Fixtures.ANALYST).get("/api/contacts/{id}", first).then().statusCode(200)
                .body("otherIdentities.name", equalTo(List.of("Olga I.", "olga ivanova")))
                .body("otherIdentities.email", everyItem(nullValue()));
    }

    private static io.restassured.response.ValidatableResponse merge(String survivor, String duplicate) {
        return given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("duplicateId", duplicate))
                .post("/api/contacts/{id}/merge", survivor).then();
    }

    @Test
    void duplicatesReportGroupsSharedNumbersAndSameNameAndEmailMasked() {
        String shared = freshMobile();
        String a = contact("Ada", List.of(phone(shared, null, null)), List.of(), "WEB_FORM", null, false);
        String b = contact("Ada Lovelace", List.of(phone(shared, null, null)), List.of(), "IVR", null, true);
        String c = contact("Boris Eifman", List.of(phone(freshMobile(), null, null)), List.of(), "IVR",
                "boris@example.org", false);
        String d = contact("boris eifman", List.of(phone(freshMobile(), null, null)), List.of(), "IVR",
                "BORIS@example.org", false);

        // A person merged before comes in a third time: found through the name and e-mail the merge kept.
        String veraEmail = "vera." + UUID.randomUUID() + "@example.org";
        String e = contact("Vera S.", List.of(phone(freshMobile(), null, null)), List.of(), "IVR",
                "v.s." + UUID.randomUUID() + "@example.org", false);
        String f = contact("Vera Sokolova", List.of(phone(freshMobile(), null, null)), List.of(), "IVR", veraEmail,
                false);
        merge(e, f).statusCode(200);
        String g = contact("vera sokolova", List.of(phone(freshMobile(), null, null)), List.of(), "WEB_FORM",
                veraEmail.toUpperCase(Locale.ROOT), false);
        // Merged with the same e-mail, the other name was kept without one: it is compared with the contact's own.
        String sharedEmail = "lev." + UUID.randomUUID() + "@example.org";
        String h = contact("Lev K.", List.of(phone(freshMobile(), null, null)), List.of(), "IVR", sharedEmail, false);
        merge(h, contact("Lev Kassil", List.of(phone(freshMobile(), null, null)), List.of(), "IVR", sharedEmail,
                false)).statusCode(200).body("otherIdentities[0].email", nullValue());
        String i = contact("Lev Kassil", List.of(phone(freshMobile(), null, null)), List.of(), "WEB_FORM",
                sharedEmail, false);

        String body = given().auth().oauth2(SUPERVISOR_A).queryParam("size", 500).get("/api/contacts/duplicates")
                .then().statusCode(200)
                .body("items.findAll { it.reason == 'SAME_NUMBER' }.contacts.id", hasItem(containsInAnyOrder(a, b)))
                .body("items.findAll { it.reason == 'SAME_NAME_AND_EMAIL' }.contacts.id",
                        hasItem(containsInAnyOrder(c, d)))
                .body("items.findAll { it.reason == 'SAME_NAME_AND_EMAIL' }.contacts.id",
                        hasItem(containsInAnyOrder(e, g)))
                .body("items.findAll { it.reason == 'SAME_NAME_AND_EMAIL' }.contacts.id",
                        hasItem(containsInAnyOrder(h, i)))
                .extract().asString();
        assertThat(body).doesNotContain(shared.substring(2));

        given().auth().oauth2(SUPERVISOR_B).get("/api/contacts/duplicates")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void mergeAcrossTeamsOrIntoItselfIsRefused() {
        String mine = contact("Gena", List.of(phone(freshMobile(), null, null)), List.of(), "IVR", null, false);
        given().auth().oauth2(SUPERVISOR_B).contentType(ContentType.JSON).body(Map.of("duplicateId", mine))
                .post("/api/contacts/{id}/merge", mine).then().statusCode(400);
        String other = contact("Gena", List.of(phone(freshMobile(), null, null)), List.of(), "IVR", null, false);
        given().auth().oauth2(SUPERVISOR_B).contentType(ContentType.JSON).body(Map.of("duplicateId", other))
                .post("/api/contacts/{id}/merge", mine).then().statusCode(404);
        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", other).then().statusCode(200);
    }

    private static Map<String, Object> phone(String number, String label, String comment) {
        Map<String, Object> phone = new HashMap<>();
        phone.put("number", number);
        phone.put("label", label);
        phone.put("comment", comment);
        return phone;
    }

    private static String contact(String name, List<Map<String, Object>> phones, List<String> tags, String channel,
                                  String email, boolean allowDuplicate) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("phones", phones);
        body.put("tags", tags);
        body.put("source", Map.of("channel", channel));
        body.put("team", "team-a");
        body.put("email", email);
        body.put("allowDuplicate", allowDuplicate);
        return create(WEB_FORM, body).statusCode(201).extract().path("id");
    }
}
