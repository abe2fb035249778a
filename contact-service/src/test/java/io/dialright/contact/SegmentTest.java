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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class SegmentTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void segmentSelectsByTagsSourceStatusAndLastContactAgeAndPagesItsMembers() {
        String tag = "seg-" + UUID.randomUUID().toString().substring(0, 8);
        String dormantVip = contact(List.of(tag, "vip"), "WEB_FORM", "ACTIVE");
        String neverCalledVip = contact(List.of(tag, "vip"), "WEB_FORM", "ACTIVE");
        String recentVip = contact(List.of(tag, "vip"), "WEB_FORM", "ACTIVE");
        contact(List.of(tag), "WEB_FORM", "ACTIVE");                 // not vip
        contact(List.of(tag, "vip"), "IVR", "ACTIVE");               // other source
        contact(List.of(tag, "vip"), "WEB_FORM", "BLOCKED");         // not active
        callCompleted(dormantVip, null, "operator-51", "SALE", Instant.now().minus(Duration.ofDays(100)));
        callCompleted(recentVip, null, "operator-51", "SALE", Instant.now().minus(Duration.ofDays(3)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", recentVip)
                        .then().body("lastContactAt", notNullValue()));

        String id = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("name", "Dormant VIPs", "filter", Map.of("tags", List.of(tag, "VIP"),
                        "sources", List.of("WEB_FORM"), "lastContactOlderThanDays", 90)))
                .post("/api/segments")
                .then().statusCode(201).body("members", equalTo(2)).body("team", equalTo("team-a"))
                .extract().path("id");

        List<String> members = new ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(SUPERVISOR_A).queryParam("size", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/api/segments/{id}/members", id).then().statusCode(200).extract().jsonPath();
            members.addAll(page.getList("contactIds"));
            after = page.getString("next");
        } while (after != null);
        assertThat(members).containsExactlyInAnyOrder(dormantVip, neverCalledVip);

        given().auth().oauth2(SUPERVISOR_B).get("/api/segments/{id}/members", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.token("operator-52", "operator", "team-a"))
                .get("/api/segments/{id}/members", id).then().statusCode(403);
    }

    @Test
    void contradictoryAgeBoundsAreA400() {
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("name", "Impossible", "filter", Map.of("lastContactOlderThanDays", 90,
                        "lastContactWithinDays", 30)))
                .post("/api/segments")
                .then().statusCode(400).body("errors[0].field", equalTo("filter.lastContactWithinDays"));
    }

    @Test
    void aSupervisorWhoseTokenNamesNoTeamCannotCreateASegment() {
        given().auth().oauth2(TestTokens.token("supervisor-without-team", "supervisor"))
                .contentType(ContentType.JSON).body(Map.of("name", "Orphan", "filter", Map.of("tags", List.of("vip"))))
                .post("/api/segments")
                .then().statusCode(403).body("title", equalTo("No team"));
    }

    @Test
    void dialListGivesTheSupervisorsTeamNumbersInFullAndHidesTheRest() {
        String e164 = freshMobile();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Dial list member");
        body.put("phones", List.of(Map.of("number", e164, "label", "main")));
        body.put("source", Map.of("channel", "IVR"));
        body.put("team", "team-a");
        body.put("timeZone", "Asia/Yekaterinburg");
        body.put("preferredCallTime", Map.of("from", "10:00", "to", "12:00"));
        String teamA = create(WEB_FORM, body).statusCode(201).extract().path("id");
        String unknown = UUID.randomUUID().toString();

        JsonPath answer = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(teamA, unknown)))
                .post("/api/contacts/dial-list")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("items.contactId")).containsExactly(teamA);
        assertThat(answer.getString("items[0].phones[0].e164")).isEqualTo(e164);
        assertThat(answer.getString("items[0].phones[0].phoneHash")).hasSize(64);
        assertThat(answer.getString("items[0].timeZone")).isEqualTo("Asia/Yekaterinburg");
        assertThat(answer.getString("items[0].preferredFrom")).isEqualTo("10:00");
        assertThat(answer.getString("items[0].sourceChannel")).isEqualTo("IVR");
        assertThat(answer.getList("notAvailable")).containsExactly(unknown);

        given().auth().oauth2(SUPERVISOR_B).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(teamA)))
                .post("/api/contacts/dial-list")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("notAvailable[0]", equalTo(teamA));
        given().auth().oauth2(Fixtures.operator("operator-77", "team-a")).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(teamA)))
                .post("/api/contacts/dial-list")
                .then().statusCode(403);
        given().auth().oauth2(WEB_FORM).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(teamA)))
                .post("/api/contacts/dial-list")
                .then().statusCode(403);
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of()))
                .post("/api/contacts/dial-list")
                .then().statusCode(400);
    }

    private static String contact(List<String> tags, String channel, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Segment member");
        body.put("phones", List.of(Map.of("number", freshMobile())));
        body.put("tags", tags);
        body.put("source", Map.of("channel", channel));
        body.put("status", status);
        body.put("team", "team-a");
        return create(WEB_FORM, body).statusCode(201).extract().path("id");
    }
}
