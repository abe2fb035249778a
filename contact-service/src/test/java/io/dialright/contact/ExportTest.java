package io.dialright.contact;

import static io.dialright.contact.Fixtures.ANALYST;
import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.SUPERVISOR_B;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.testsupport.Races.statusesOfARace;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.dialright.contact.exports.FictitiousNumbers;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
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
import io.restassured.response.Response;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class ExportTest {

    private static final String SECOND_SUPERVISOR_A = TestTokens.token("supervisor-a2", "supervisor", "team-a");
    private static final String THIRD_SUPERVISOR_A = TestTokens.token("supervisor-a3", "supervisor", "team-a");
    private static final Duration EVENTS = Duration.ofSeconds(20);

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    FictitiousNumbers fictitious;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void exportNeedsAnotherSupervisorsApprovalAndDownloadsOnceAsAnEncryptedArchive() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Arkady", e164);
        // A record of the same customer under another name, merged: the export keeps that name too (C-3).
        String duplicate = createdBy(WEB_FORM, "Arkady Zakharov", freshMobile());
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("duplicateId", duplicate))
                .post("/api/contacts/{id}/merge", id).then().statusCode(200);
        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            String export = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                    .body(Map.of("contactIds", List.of(id), "pseudonymised", false, "reason", "court request 12"))
                    .post("/api/exports")
                    .then().statusCode(201).body("status", equalTo("REQUESTED")).extract().path("id");

            given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/archive", export).then().statusCode(409);
            given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/approve", export).then().statusCode(403);
            given().auth().oauth2(SUPERVISOR_B).post("/api/exports/{id}/approve", export).then().statusCode(404);
            given().auth().oauth2(SECOND_SUPERVISOR_A).post("/api/exports/{id}/approve", export)
                    .then().statusCode(200).body("status", equalTo("APPROVED"));

            Response archive = given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/archive", export);
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.contentType()).isEqualTo("application/zip");
            String password = archive.header("X-Archive-Password");
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            byte[] zip = archive.asByteArray();
            assertThat(new String(zip, StandardCharsets.ISO_8859_1)).doesNotContain(e164).doesNotContain("Arkady");
            String csv = unzip(zip, password);
            assertThat(csv).contains(id).contains("Arkady").contains(e164);
            assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",otherIdentities");
            assertThat(csv).contains("\"\"name\"\":\"\"Arkady Zakharov\"\"")
                    .contains("\"\"mergedFrom\"\":\"\"" + duplicate + "\"\"");
            assertThatThrownBy(() -> unzip(zip, "wrong-password")).isInstanceOf(Exception.class);

            given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/archive", export).then().statusCode(410);
            for (String action : List.of("EXPORT_REQUESTED", "EXPORT_APPROVED", "EXPORT")) {
                audit.await(event -> action.equals(event.payload().path("action").asText())
                        && export.equals(event.payload().path("exportId").asText()), Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void twoDownloadsSentAtOnceGiveOneArchive() throws Exception {
        String export = requested(createdBy(WEB_FORM, "Fyodor", freshMobile()));
        given().auth().oauth2(SECOND_SUPERVISOR_A).post("/api/exports/{id}/approve", export).then().statusCode(200);

        // Unless the service locks the request before it reads it, both downloads read "approved" while the test
        // holds the row, and both would build an archive with its own password.
        Supplier<Integer> download = () -> given().auth().oauth2(SUPERVISOR_A)
                .post("/api/exports/{id}/archive", export).statusCode();
        assertThat(statusesOfARace(dataSource, "export_request", UUID.fromString(export), "%export_request%",
                List.of(download, download))).containsExactly(200, 410);
    }

    @Test
    void anApprovalAndARejectionSentAtOnceGiveOneDecision() throws Exception {
        String export = requested(createdBy(WEB_FORM, "Gleb", freshMobile()));
        Supplier<Integer> approve = () -> given().auth().oauth2(SECOND_SUPERVISOR_A)
                .post("/api/exports/{id}/approve", export).statusCode();
        Supplier<Integer> reject = () -> given().auth().oauth2(THIRD_SUPERVISOR_A)
                .post("/api/exports/{id}/reject", export).statusCode();
        assertThat(statusesOfARace(dataSource, "export_request", UUID.fromString(export), "%export_request%",
                List.of(approve, reject))).containsExactly(200, 409);
    }

    /** A request by supervisor A to export the contact in full. */
    private static String requested(String contactId) {
        return given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(contactId), "pseudonymised", false, "reason", "audit sample"))
                .post("/api/exports").then().statusCode(201).extract().path("id");
    }

    @Test
    void pseudonymisedExportReplacesNumbersWithValidFictitiousOnesDeterministically() throws Exception {
        String shared = freshMobile();
        String tag = "exp-" + System.nanoTime();
        createdBy(WEB_FORM, "Boris", shared);
        Map<String, Object> husband = new java.util.HashMap<>(Fixtures.contact("Boris's husband", shared));
        husband.put("allowDuplicate", true);
        husband.put("team", "team-a");
        husband.put("tags", List.of(tag));
        Fixtures.create(WEB_FORM, husband).statusCode(201);
        String segment = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("name", "export test", "filter", Map.of("tags", List.of(tag))))
                .post("/api/segments").then().statusCode(201).extract().path("id");

        String export = given().auth().oauth2(ANALYST).contentType(ContentType.JSON)
                .body(Map.of("segmentId", segment, "pseudonymised", true, "reason", "test environment"))
                .post("/api/exports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/approve", export).then().statusCode(200);
        Response archive;
        TopicProbe.Received exported;
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            archive = given().auth().oauth2(ANALYST).post("/api/exports/{id}/archive", export);
            exported = contacts.await(event -> isExportOf(event, export), EVENTS);
        }
        String csv = unzip(archive.asByteArray(), archive.header("X-Archive-Password"));

        // The archive holds a fictitious number, but the customer will ask about their real one.
        assertThat(exported.key()).isEqualTo(export);
        assertThat(exported.eventTypeHeader()).isEqualTo("ContactsExported");
        JsonNode payload = exported.event().payload();
        assertThat(payload.path("pseudonymised").asBoolean()).isTrue();
        assertThat(payload.path("requestedBy").asText()).isEqualTo("analyst-1");
        assertThat(payload.path("approvedBy").asText()).isEqualTo("supervisor-a");
        assertThat(Instant.parse(payload.path("downloadedAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(payload.path("part").asInt()).isEqualTo(1);
        assertThat(payload.path("parts").asInt()).isEqualTo(1);
        assertThat(hashes(payload)).containsExactly(blindIndex.of(shared));

        String[] row = csv.lines().skip(1).findFirst().orElseThrow().split(",");
        String fictitious = row[3];
        assertThat(fictitious).isNotEqualTo(shared).startsWith("+7");
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        var parsed = util.parse(fictitious, null);
        assertThat(util.isValidNumber(parsed)).isTrue();
        assertThat(util.getNumberType(parsed)).isEqualTo(PhoneNumberUtil.PhoneNumberType.MOBILE);
        assertThat(csv).doesNotContain("Boris").doesNotContain(shared);

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON)
                .body(Map.of("segmentId", segment, "pseudonymised", false, "reason", "please"))
                .post("/api/exports").then().statusCode(400);
    }

    @Test
    void everyRealNumberHasAStandInOfItsOwnOfTheSameRangeAndType() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        // A whole block of consecutive numbers: a stand-in shared by two of them would invent a relation.
        int count = 20_000;
        Set<String> standIns = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String real = String.format("+7926%07d", 4_000_000 + i);
            String standIn = fictitious.replace(real);
            assertThat(standIn).isNotEqualTo(real).startsWith("+7926");
            assertThat(util.getNumberType(util.parse(standIn, null))).isEqualTo(PhoneNumberUtil.PhoneNumberType.MOBILE);
            standIns.add(standIn);
        }
        assertThat(standIns).hasSize(count);
        // Other countries and types: valid, of the same type, the same every time.
        for (String real : List.of("+493012345678", "+447400123456", "+12015550123", "+390212345678")) {
            var parsed = util.parse(real, null);
            String standIn = fictitious.replace(real);
            var stood = util.parse(standIn, null);
            assertThat(standIn).as(real).isNotEqualTo(real).isEqualTo(fictitious.replace(real));
            assertThat(util.isValidNumber(stood)).as(standIn).isTrue();
            assertThat(util.getNumberType(stood)).as(standIn).isEqualTo(util.getNumberType(parsed));
        }
    }

    @Test
    void aLargeDownloadAnnouncesEveryRealNumberOnceInPartsOfAtMostAThousand() throws Exception {
        String tag = "bulk-" + System.nanoTime();
        // Numbers of a range no other test uses (+7 925 …), consecutive from a random start: none is a duplicate.
        int start = ThreadLocalRandom.current().nextInt(1_000_000, 8_000_000);
        List<String> numbers = new ArrayList<>();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            String e164 = "+7925" + (start + i);
            numbers.add(e164);
            ndjson.append("{\"name\": \"Bulk ").append(i).append("\", \"phone\": \"").append(e164)
                    .append("\", \"tags\": [\"").append(tag).append("\"]}\n");
        }
        String job = given().auth().oauth2(SUPERVISOR_A).contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(StandardCharsets.UTF_8)).post("/api/imports")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(SUPERVISOR_A).get("/api/imports/{id}", job)
                        .then().body("status", equalTo("COMPLETED")).body("imported", equalTo(1001)));
        String segment = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("name", "bulk export", "filter", Map.of("tags", List.of(tag))))
                .post("/api/segments").then().statusCode(201).extract().path("id");
        String export = given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(Map.of("segmentId", segment, "pseudonymised", false, "reason", "migration to the new CRM"))
                .post("/api/exports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(SECOND_SUPERVISOR_A).post("/api/exports/{id}/approve", export)
                .then().statusCode(200);

        JsonNode first;
        JsonNode second;
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/archive", export).then().statusCode(200);
            first = contacts.await(event -> isExportOf(event, export) && event.payload().path("part").asInt() == 1,
                    EVENTS).event().payload();
            second = contacts.await(event -> isExportOf(event, export) && event.payload().path("part").asInt() == 2,
                    EVENTS).event().payload();
        }

        assertThat(first.path("parts").asInt()).isEqualTo(2);
        assertThat(second.path("parts").asInt()).isEqualTo(2);
        assertThat(hashes(first)).hasSize(1000);
        assertThat(hashes(second)).hasSize(1);
        assertThat(first.path("pseudonymised").asBoolean()).isFalse();
        assertThat(second.path("requestedBy").asText()).isEqualTo("supervisor-a");
        assertThat(second.path("approvedBy").asText()).isEqualTo("supervisor-a2");
        assertThat(second.path("downloadedAt").asText()).isEqualTo(first.path("downloadedAt").asText());
        Set<String> announced = new HashSet<>(hashes(first));
        announced.addAll(hashes(second));
        assertThat(announced).containsExactlyInAnyOrderElementsOf(numbers.stream().map(blindIndex::of).toList());
        assertThat(first.toString()).doesNotContain(numbers.get(0)).doesNotContain(numbers.get(0).substring(2));
    }

    private static boolean isExportOf(EventEnvelope event, String exportId) {
        return "ContactsExported".equals(event.eventType())
                && exportId.equals(event.payload().path("exportId").asText());
    }

    private static List<String> hashes(JsonNode payload) {
        List<String> hashes = new ArrayList<>();
        payload.path("phoneHashes").forEach(hash -> hashes.add(hash.asText()));
        return hashes;
    }

    private static String unzip(byte[] zip, String password) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), password.toCharArray())) {
            assertThat(in.getNextEntry().getFileName()).isEqualTo("contacts.csv");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
