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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
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
        String quoted = freshMobile(); // typed into a comment by someone: free text is masked too
        String comment = "old one " + typedTheOldWay(quoted) + ", flat 12";
        String tag = "cohort-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(contact("Daria", e164));
        body.put("team", "team-a");
        body.put("tags", List.of(tag));
        body.put("phones", List.of(Map.of("number", e164, "label", "mobile", "comment", comment)));
        String id = create(WEB_FORM, body).statusCode(201).extract().path("id");

        String card = given().auth().oauth2(ANALYST).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("phones[0].masked", notNullValue())
                .body("phones[0].comment", equalTo("old one * (***) ***-**-" + quoted.substring(10) + ", flat 12"))
                .extract().asString();
        String list = given().auth().oauth2(ANALYST).queryParam("tag", tag).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("Daria"))
                .extract().asString();

        for (String json : List.of(card, list)) {
            assertThat(json).doesNotContain(e164.substring(2)).doesNotContainPattern("\\+\\d{7,}")
                    .doesNotContain(quoted.substring(2, 10));
        }
        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("phones[0].comment", equalTo(comment));
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

    /**
     * C-7: after the number was stored, edited, looked up, called (a telephony event with it in plaintext) and
     * reported in a telephony event that had to be parked, no column of any table holds its digits, ciphertexts and
     * message bodies included (bytea is read as text, so a plaintext in a message body would show).
     */
    @Test
    void noTableHoldsTheNumberInClear() throws Exception {
        String e164 = freshMobile();
        String national = e164.substring(2);
        String id = createdBy(WEB_FORM, "Ilya", e164);
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("phones", List.of(Map.of("number", typedTheOldWay(e164), "label", "home"))))
                .patch("/api/contacts/{id}", id).then().statusCode(200);
        given().auth().oauth2(SUPERVISOR_A).queryParam("number", e164).get("/api/lookup").then().statusCode(200);
        EventEnvelope answered = telephonyCall(e164, "call-" + UUID.randomUUID());
        EventEnvelope broken = telephonyCall(e164, null); // no callId: parked
        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, answered);
        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, broken);
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                "SELECT count(*) FROM dead_letter WHERE event_id = ?", broken.eventId()) == 1
                && rows.count("SELECT count(*) FROM interaction WHERE call_id = ?",
                answered.payload().path("callId").asText()) == 1);

        assertThat(tablesHolding(national)).isEmpty();
        // Sealed, not lost: the recording reference reads as sent for those who may see it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SUPERVISOR_A)
                .queryParam("number", e164).get("/api/lookup").then().statusCode(200)
                .body("recentInteractions.recordingRef", hasItem("out-" + e164.substring(1) + "-101.wav")));
        assertThat(rows.count("SELECT count(*) FROM dead_letter WHERE event_id = ? AND message_key LIKE '%*%'",
                broken.eventId())).as("the key, a number, is masked too").isOne();
    }

    private static EventEnvelope telephonyCall(String e164, String callId) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("type", "CALL_COMPLETED");
        payload.put("callId", callId);
        payload.put("phone", typedTheOldWay(e164));
        payload.put("direction", "INBOUND");
        payload.put("outcome", "RESOLVED");
        payload.put("recordingRef", "out-" + e164.substring(1) + "-101.wav"); // named after the number, as is common
        payload.put("pbxChannel", "SIP/" + e164.substring(1)); // a field of the platform's own, read by no one
        payload.put("occurredAt", Instant.now().toString());
        return EventEnvelope.create("pbx-1", "CALL_COMPLETED", e164, new Actor("pbx-1", "integration", null),
                payload);
    }

    /** The tables of which some column holds {@code digits} (separators ignored). */
    private List<String> tablesHolding(String digits) throws Exception {
        List<String> holding = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<String>> columns = new TreeMap<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
                    SELECT table_name, column_name, data_type FROM information_schema.columns
                    WHERE table_schema = current_schema()
                      AND table_name IN (SELECT table_name FROM information_schema.tables
                                         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')""")) {
                while (rs.next()) {
                    String column = '"' + rs.getString(2) + '"';
                    columns.computeIfAbsent(rs.getString(1), table -> new ArrayList<>()).add(
                            "bytea".equals(rs.getString(3)) ? "encode(" + column + ", 'escape')" : column + "::text");
                }
            }
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                String anyColumn = table.getValue().stream()
                        .map(column -> "regexp_replace(coalesce(" + column + ", ''), '[^0-9]', '', 'g') LIKE ?")
                        .collect(Collectors.joining(" OR "));
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM \"" + table.getKey() + "\" WHERE " + anyColumn)) {
                    for (int i = 1; i <= table.getValue().size(); i++) {
                        query.setString(i, "%" + digits + "%");
                    }
                    try (ResultSet count = query.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            holding.add(table.getKey());
                        }
                    }
                }
            }
        }
        return holding;
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
        // A fixed offset is no zone: it would put calling hours an hour off for half the year.
        for (String notAZone : List.of("Mars/Olympus", "+03:00", "GMT+3")) {
            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("timeZone", notAZone))
                    .patch("/api/contacts/{id}", id)
                    .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        }
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("timeZone", "Etc/GMT-3"))
                .patch("/api/contacts/{id}", id).then().statusCode(200).body("timeZone", equalTo("Etc/GMT-3"));
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

            // A number shown in full by the frontend, reported: unlike the card's view, it names the number.
            given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                    .body(Map.of("action", "VIEW_FULL_NUMBER", "phone", e164))
                    .post("/api/contacts/{id}/access-events", id).then().statusCode(202);
            audit.await(event -> id.equals(event.payload().path("subjectKey").asText())
                    && "VIEW_FULL_NUMBER".equals(event.payload().path("action").asText())
                    && blindIndex.of(e164).equals(event.payload().path("phoneHash").asText()), Duration.ofSeconds(20));

            String phoneId = given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                    .then().extract().path("phones[0].id");
            given().auth().oauth2(SUPERVISOR_A).post("/api/contacts/{id}/phones/{phoneId}/confirmation", id, phoneId)
                    .then().statusCode(200);
            awaitAction(audit, id, "CONFIRM_NUMBER", "supervisor-a");

            try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
                given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("name", "Maria P."))
                        .patch("/api/contacts/{id}", id).then().statusCode(200);
                awaitAction(audit, id, "EDIT", "supervisor-a");
                // The event says what changed; the name itself stays in this service.
                TopicProbe.Received updated = contacts.await(event -> "ContactUpdated".equals(event.eventType())
                        && event.key().equals(id) && event.payload().path("changed").toString().contains("\"name\""),
                        Duration.ofSeconds(20));
                assertThat(updated.event().payload().toString()).doesNotContain("Maria P.");
            }

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
