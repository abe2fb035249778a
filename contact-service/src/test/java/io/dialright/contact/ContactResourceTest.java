package io.dialright.contact;

import static io.dialright.contact.Fixtures.ADMIN;
import static io.dialright.contact.Fixtures.ANALYST;
import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.SUPERVISOR_B;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.contact;
import static io.dialright.contact.Fixtures.create;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.testsupport.Races.statusesOfARace;
import static io.dialright.contact.Fixtures.typedTheOldWay;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Topics;
import io.dialright.platform.web.RequestIds;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
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
class ContactResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    BlindIndex blindIndex;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void twoEditsSentAtOnceSaveOneAndTellTheOtherToReload() throws Exception {
        String id = createdBy(WEB_FORM, "Klara", freshMobile());
        // While the test holds the contact's row both edits read the same version; the second to write finds it
        // changed (optimistic locking), which is the client's to resolve, not a 500.
        assertThat(statusesOfARace(dataSource, "contact", UUID.fromString(id), "update contact %",
                List.of(rename(id, "Klara A."), rename(id, "Klara B.")))).containsExactly(200, 409);
        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("name", anyOf(equalTo("Klara A."), equalTo("Klara B.")));
    }

    private static Supplier<Integer> rename(String id, String name) {
        return () -> given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("name", name)).patch("/api/contacts/{id}", id).statusCode();
    }

    @Test
    void numberTypedTheOldWayIsStoredAsE164WithTypeRegionAndZones() {
        String e164 = freshMobile();
        Map<String, Object> body = new HashMap<>(contact("Anna Petrova"));
        body.put("phones", List.of(Map.of("number", typedTheOldWay(e164), "label", "main", "comment", "evenings")));
        body.put("preferredCallTime", Map.of("from", "18:00", "to", "20:30"));
        body.put("timeZone", "Asia/Yekaterinburg");
        body.put("id", UUID.randomUUID().toString());
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            String id = create(WEB_FORM, body)
                    .statusCode(201)
                    .header("Location", containsString("/api/contacts/"))
                    .body("id", not(equalTo(body.get("id"))))
                    .body("phones[0].e164", equalTo(e164))
                    .body("phones[0].masked", equalTo("+7 (916) ***-**-" + e164.substring(10)))
                    .body("phones[0].type", equalTo("MOBILE"))
                    .body("phones[0].region", equalTo("RU"))
                    .body("phones[0].timeZones", hasItem("Europe/Moscow"))
                    .body("phones[0].label", equalTo("main"))
                    .body("source.channel", equalTo("WEB_FORM"))
                    .body("preferredCallTime.from", equalTo("18:00"))
                    .body("timeZone", equalTo("Asia/Yekaterinburg"))
                    .body("status", equalTo("ACTIVE"))
                    .extract().path("id");

            TopicProbe.Received created = contacts.await(event -> event.key().equals(id), Duration.ofSeconds(20));
            assertThat(created.eventTypeHeader()).isEqualTo("ContactCreated");
            assertThat(created.event().payload().at("/phones/0/phoneHash").asText()).isEqualTo(blindIndex.of(e164));
            assertThat(created.event().payload().toString()).doesNotContain(e164.substring(2));
        }
    }

    @Test
    void wrongNumberIsA400NamingTheFieldAndTheFormatToType() {
        create(WEB_FORM, contact("Boris", freshMobile(), "8 (912) 345-67"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("+7 912 345-67-89"))
                .body("errors[0].field", equalTo("phones[1].number"));
    }

    /** PostgreSQL cannot store U+0000: a NUL in a body field or in a query parameter used to end in a 500. */
    @Test
    void theNulCharacterIsA400NamingWhereItIsNeverAServerError() {
        Map<String, Object> body = new HashMap<>(contact("Nul\u0000Name", freshMobile()));
        body.put("tags", List.of("vip", "\u0000"));
        create(WEB_FORM, body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", anyOf(equalTo("name"), equalTo("tags[1]")))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));

        given().auth().oauth2(SUPERVISOR_A).urlEncodingEnabled(false).get("/api/contacts?tag=vip%00")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("NUL"));
    }

    @Test
    void knownNumberIsA409NamingTheExistingContactUnlessDuplicatesAreAllowed() {
        String e164 = freshMobile();
        String first = createdBy(WEB_FORM, "Vera", e164);

        create(WEB_FORM, contact("Vera (again)", "+7 " + e164.substring(2)))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("existingContactId", equalTo(first))
                .body("detail", containsString(first));

        Map<String, Object> allowed = new HashMap<>(contact("Vera's husband", typedTheOldWay(e164)));
        allowed.put("allowDuplicate", true);
        create(WEB_FORM, allowed).statusCode(201).body("id", not(equalTo(first)));
    }

    @Test
    void theSameNumberTwiceInOneRequestIsRefused() {
        String e164 = freshMobile();
        create(WEB_FORM, contact("Gleb", e164, typedTheOldWay(e164)))
                .statusCode(400)
                .body("errors[0].field", equalTo("phones[1].number"));
    }

    @Test
    void analystResponsesNeverContainAFullNumber() {
        String e164 = freshMobile();
        String tag = "cohort-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(contact("Daria", e164));
        body.put("team", "team-a");
        body.put("tags", List.of(tag));
        String id = create(WEB_FORM, body).statusCode(201).extract().path("id");

        String card = given().auth().oauth2(ANALYST).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("phones[0].masked", notNullValue()).extract().asString();
        String list = given().auth().oauth2(ANALYST).queryParam("tag", tag).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("Daria"))
                .extract().asString();

        for (String json : List.of(card, list)) {
            assertThat(json).doesNotContain(e164.substring(2)).doesNotContainPattern("\\+\\d{7,}");
        }
        // A number typed in would come back next to its holder's name: analysts do not search by number, also
        // when their token holds another role beside (an analyst's search is not limited to a team).
        given().auth().oauth2(ANALYST).queryParam("phone", e164).get("/api/contacts")
                .then().statusCode(403).body("detail", containsString("number"));
        Map<String, Object> claims = TestTokens.claims("analyst-and-operator", "analyst", "team-a");
        claims.put("groups", List.of("analyst", "operator"));
        String analystAndOperator = TestTokens.sign(claims);
        given().auth().oauth2(analystAndOperator).queryParam("phone", e164).get("/api/contacts")
                .then().statusCode(403);
    }

    @Test
    void supervisorsSeeTheirTeamsContactsAndOthersGet404() {
        String id = createdBy(WEB_FORM, "Egor", freshMobile());

        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("phones[0].e164", notNullValue());
        given().auth().oauth2(SUPERVISOR_B).get("/api/contacts/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsFilterByTagAndStatusWithinTheCallersTeam() {
        String tag = "list-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> tagged = new HashMap<>(contact("Rita", freshMobile()));
        tagged.put("tags", List.of(tag.toUpperCase()));
        tagged.put("team", "team-a");
        String id = create(WEB_FORM, tagged).statusCode(201).extract().path("id");

        given().auth().oauth2(SUPERVISOR_A).queryParam("tag", tag).queryParam("status", "ACTIVE")
                .get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(SUPERVISOR_A).queryParam("tag", tag).queryParam("status", "BLOCKED")
                .get("/api/contacts").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(SUPERVISOR_B).queryParam("tag", tag).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(SUPERVISOR_A).queryParam("size", 501).get("/api/contacts").then().statusCode(400);
        given().auth().oauth2(WEB_FORM).get("/api/contacts").then().statusCode(400);
    }

    @Test
    void adminsSeeNoBusinessData() {
        String id = createdBy(WEB_FORM, "Zhanna", freshMobile());
        given().auth().oauth2(ADMIN).get("/api/contacts/{id}", id).then().statusCode(403);
        given().auth().oauth2(ADMIN).get("/api/contacts").then().statusCode(403);
    }

    @Test
    void rawTableShowsNoPhoneDigits() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Ilya", e164);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT p::text FROM contact_phone p WHERE contact_id = '"
                     + id + "'")) {
            assertThat(rows.next()).isTrue();
            String row = rows.getString(1);
            assertThat(row).doesNotContain(e164.substring(2)).doesNotContain(e164.substring(5));
        }
    }

    @Test
    void patchReplacesFieldsKeepsKnownNumbersAndRefusesServerOwnedStatus() {
        String kept = freshMobile();
        String id = createdBy(WEB_FORM, "Kira", kept);
        String keptPhoneId = given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).extract().path("phones[0].id");
        String added = freshMobile();

        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("tags", List.of("VIP", " vip "), "phones", List.of(
                        Map.of("number", typedTheOldWay(kept), "label", "home"), Map.of("number", added))))
                .patch("/api/contacts/{id}", id)
                .then().statusCode(200)
                .body("tags", equalTo(List.of("vip")))
                .body("phones[0].id", equalTo(keptPhoneId))
                .body("phones[0].label", equalTo("home"))
                .body("phones[1].e164", equalTo(added));

        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("status", "ERASED"))
                .patch("/api/contacts/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("timeZone", "Mars/Olympus"))
                .patch("/api/contacts/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
    }

    @Test
    void confirmingANumberStampsItAndIsAnEdit() {
        String id = createdBy(WEB_FORM, "Lev", freshMobile());
        String phoneId = given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().extract().path("phones[0].id");
        given().auth().oauth2(SUPERVISOR_A).post("/api/contacts/{id}/phones/{phoneId}/confirmation", id, phoneId)
                .then().statusCode(200).body("phones[0].lastConfirmedAt", notNullValue());
    }

    @Test
    void everyAuditedActionPublishesAccessRecorded() {
        String e164 = freshMobile();
        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            String id = createdBy(WEB_FORM, "Maria", e164);
            awaitAction(audit, id, "CREATE", "web-form");

            given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id).then().statusCode(200);
            awaitAction(audit, id, "VIEW_FULL_NUMBER", "supervisor-a");

            given().auth().oauth2(ANALYST).get("/api/contacts/{id}", id).then().statusCode(200);
            awaitAction(audit, id, "VIEW", "analyst-1");

            // A page is a full-number view too: its entry names whose numbers it showed in full.
            given().auth().oauth2(SUPERVISOR_A).queryParam("phone", e164).get("/api/contacts").then().statusCode(200);
            TopicProbe.Received list = audit.await(event -> "LIST".equals(event.payload().path("action").asText())
                    && event.payload().path("shownInFull").toString().contains(id), Duration.ofSeconds(20));
            assertThat(list.event().actor().subject()).isEqualTo("supervisor-a");

            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                    .body(Map.of("action", "COPY", "phone", typedTheOldWay(e164)))
                    .post("/api/contacts/{id}/access-events", id).then().statusCode(202);
            TopicProbe.Received copy = awaitAction(audit, id, "COPY", "supervisor-a");
            assertThat(copy.event().payload().path("phoneHash").asText()).isEqualTo(blindIndex.of(e164));

            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("name", "Maria P."))
                    .patch("/api/contacts/{id}", id).then().statusCode(200);
            awaitAction(audit, id, "EDIT", "supervisor-a");

            // Written later by another thread (DeferredAudit), yet with the lookup's own time and request id.
            String lookupRequest = "lookup-" + UUID.randomUUID();
            Instant asked = Instant.now();
            given().auth().oauth2(SUPERVISOR_A).header(RequestIds.HEADER, lookupRequest).queryParam("number", e164)
                    .get("/api/lookup").then().statusCode(200);
            Instant answered = Instant.now();
            TopicProbe.Received lookup = awaitAction(audit, id, "LOOKUP", "supervisor-a");
            assertThat(lookup.event().payload().path("phoneHash").asText()).isEqualTo(blindIndex.of(e164));
            assertThat(lookup.event().payload().path("requestId").asText()).isEqualTo(lookupRequest);
            assertThat(lookup.event().occurredAt()).isBetween(asked, answered);
            assertThat(lookup.event().payload().path("found").asBoolean()).isTrue();

            String other = createdBy(WEB_FORM, "Maria (again)", freshMobile());
            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("duplicateId", other))
                    .post("/api/contacts/{id}/merge", id).then().statusCode(200);
            TopicProbe.Received merge = awaitAction(audit, id, "MERGE", "supervisor-a");
            assertThat(merge.event().payload().path("mergedId").asText()).isEqualTo(other);

            given().auth().oauth2(SUPERVISOR_B).get("/api/contacts/{id}", id).then().statusCode(404);
            awaitAction(audit, id, "DENIED", "supervisor-b");

            given().auth().oauth2(SUPERVISOR_A).delete("/api/contacts/{id}", id)
                    .then().statusCode(405).body("detail", containsString("privacy-requests"));
            awaitAction(audit, id, "DELETE_ATTEMPT", "supervisor-a");
        }
    }

    @Test
    void copyReportOfANumberNotOnTheContactIsRefused() {
        String id = createdBy(WEB_FORM, "Nina", freshMobile());
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("action", "COPY", "phone", freshMobile()))
                .post("/api/contacts/{id}/access-events", id)
                .then().statusCode(422).body("errors[0].field", equalTo("phone"));
    }

    static TopicProbe.Received awaitAction(TopicProbe audit, String contactId, String action, String subject) {
        TopicProbe.Received received = audit.await(event -> contactId.equals(event.payload().path("subjectKey")
                .asText()) && action.equals(event.payload().path("action").asText()), Duration.ofSeconds(20));
        assertThat(received.event().actor().subject()).isEqualTo(subject);
        assertThat(received.event().payload().path("requestId").asText()).isNotBlank();
        return received;
    }
}
