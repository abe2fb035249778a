package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.SUPERVISOR_B;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.contact.Fixtures.typedTheOldWay;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialright.localstack.Rows;
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
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class ImportTest {

    @Inject
    DataSource dataSource;

    @Inject
    BlindIndex blindIndex;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void csvWithMessyRowsReportsEachOutcomeAndTheSameFileTwiceCreatesNothing() {
        String known = freshMobile();
        createdBy(WEB_FORM, "Already here", known);
        String a = freshMobile();
        String b = freshMobile();
        String c = freshMobile();
        String csv = String.join("\n",
                "Name;Phone;Email;Tags;Source;Campaign;Status;TimeZone",
                "Alla;" + typedTheOldWay(a) + ";alla@example.org;VIP, newsletter;shop_receipt;store-12;inactive;"
                        + "Asia/Omsk",
                "Bogdan;\"" + b + " | " + c + "\";;;;",
                "Vlad;8 (912) 345-67;;;;",
                ";" + freshMobile() + ";;;;",
                "Galina;" + known + ";;;;",
                "Galina twin;" + a + ";;;;",
                "Dmitry;" + freshMobile() + ";not-an-email;;;",
                "Efim;" + freshMobile() + ";;;TELEPATHY;",
                "");

        JsonPath first = runImport(csv, "text/csv");
        assertThat(first.getString("status")).isEqualTo("COMPLETED");
        assertThat(first.getLong("total")).isEqualTo(8);
        assertThat(first.getLong("processed")).isEqualTo(8);
        assertThat(first.getLong("imported")).isEqualTo(2);
        assertThat(first.getLong("duplicates")).isEqualTo(2);
        assertThat(first.getLong("rejected")).isEqualTo(4);
        assertThat(first.getList("errors.line", Integer.class)).containsExactly(4, 5, 8, 9);
        assertThat(first.getList("duplicateLines.line", Integer.class)).containsExactly(6, 7);
        assertThat(first.getList("duplicateLines.reason", String.class))
                .containsExactly("a number is already known", "a number repeats an earlier line");
        assertThat(first.getString("errors[0].reason")).contains("+7 912 345-67-89");
        assertThat(first.getString("errors[1].reason")).isEqualTo("name is empty");
        assertThat(first.getString("toString()")).doesNotContain("345-67;");

        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", a).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].name", equalTo("Alla"))
                .body("items[0].tags", equalTo(List.of("vip", "newsletter")))
                .body("items[0].source.channel", equalTo("SHOP_RECEIPT"))
                .body("items[0].source.campaign", equalTo("store-12"))
                .body("items[0].status", equalTo("INACTIVE"))
                .body("items[0].timeZone", equalTo("Asia/Omsk"));
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", c).get("/api/contacts")
                .then().body("items[0].phones.e164", equalTo(List.of(b, c)));

        long contactsBefore = new Rows(dataSource).count("SELECT count(*) FROM contact");
        JsonPath second = runImport(csv, "text/csv");
        assertThat(second.getLong("imported")).isZero();
        assertThat(second.getLong("duplicates")).isEqualTo(4);
        assertThat(second.getList("duplicateLines.line", Integer.class)).containsExactly(2, 3, 6, 7);
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM contact")).isEqualTo(contactsBefore);
    }

    @Test
    void csvRejectionsNameTheLineOfTheFileAfterBlankLinesAndCellsSpanningLines() {
        // A blank line even before the header, which is semicolon-separated.
        String csv = String.join("\n",
                "",
                "name;phone;email",
                "Oleg;" + freshMobile() + ";",
                "",
                "\"Two",
                "lines\";8 (912) 345-67;",
                "",
                "No number;;",
                "");

        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            JsonPath job = runImport(csv, "text/csv");

            assertThat(job.getLong("total")).isEqualTo(3);
            assertThat(job.getLong("imported")).isEqualTo(1);
            assertThat(job.getList("errors.line", Integer.class)).containsExactly(5, 8);
            // Audited twice: the request, and each batch with what it created.
            String id = job.getString("id");
            audit.await(event -> "IMPORT_REQUESTED".equals(event.payload().path("action").asText())
                    && id.equals(event.payload().path("importId").asText()), Duration.ofSeconds(20));
            TopicProbe.Received batch = audit.await(event -> "IMPORT".equals(event.payload().path("action").asText())
                    && id.equals(event.payload().path("subjectKey").asText()), Duration.ofSeconds(20));
            assertThat(batch.event().actor().subject()).isEqualTo("supervisor-a");
            assertThat(batch.event().payload().path("imported").asInt()).isEqualTo(1);
            assertThat(batch.event().payload().path("rejected").asInt()).isEqualTo(2);
        }
    }

    @Test
    void ndjsonLinesImportOneByOneAndABrokenLineIsRejectedAlone() {
        String a = freshMobile();
        String b = freshMobile();
        String c = freshMobile();
        String ndjson = String.join("\n",
                "{\"name\": \"Zoya\", \"phones\": [\"" + typedTheOldWay(a) + "\", {\"number\": \"" + c
                        + "\", \"label\": \"work\", \"comment\": \"after 6 pm\\nonly\"}], \"tags\": [\"vip\"],"
                        + " \"source\": {\"channel\": \"IVR\", \"campaign\": \"hotline\"}, \"timeZone\": \"Asia/Omsk\"}",
                "{\"name\": \"Ivan\", \"phone\": ",
                "",
                "{\"name\": \"Inna\", \"phone\": \"" + b + "\", \"status\": \"ERASED\"}",
                "[1, 2]",
                "{\"name\": \"Long label\", \"phones\": [{\"number\": \"" + freshMobile() + "\", \"label\": \""
                        + "x".repeat(51) + "\"}]}");

        JsonPath job = runImport(ndjson, "application/x-ndjson");
        assertThat(job.getLong("imported")).isEqualTo(1);
        assertThat(job.getList("errors.line", Integer.class)).containsExactly(2, 4, 5, 6);
        assertThat(job.getString("errors[3].reason")).isEqualTo("phone 1: label is longer than 50 characters");
        // A number's label and comment come in as POST /api/contacts takes them (the comment's line break too).
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", a).get("/api/contacts")
                .then().body("items[0].timeZone", equalTo("Asia/Omsk"))
                .body("items[0].source.channel", equalTo("IVR"))
                .body("items[0].phones.e164", equalTo(List.of(a, c)))
                .body("items[0].phones[0].label", nullValue())
                .body("items[0].phones[1].label", equalTo("work"))
                .body("items[0].phones[1].comment", equalTo("after 6 pm\nonly"));
    }

    @Test
    void aNulCharacterRejectsItsRowAndTheRestOfTheFileIsImported() {
        String a = freshMobile();
        String b = freshMobile();
        // PostgreSQL cannot store U+0000 in text: before, such a row failed its whole batch at every retry.
        JsonPath csv = runImport("name,phone,tags\nNul\u0000Name," + freshMobile() + ",\nAnna," + a + ",vip\n",
                "text/csv");
        assertThat(csv.getString("status")).isEqualTo("COMPLETED");
        assertThat(csv.getLong("imported")).isEqualTo(1);
        assertThat(csv.getList("errors.line", Integer.class)).containsExactly(2);
        assertThat(csv.getString("errors[0].reason")).contains("NUL character");

        // The third line is not JSON, and the parser's reason quotes what it read, NUL included.
        JsonPath ndjson = runImport("{\"name\": \"Boris\", \"phone\": \"" + b + "\"}\n"
                + "{\"name\": \"Vera\", \"phone\": \"" + freshMobile() + "\", \"tags\": [\"a\\u0000b\"]}\n"
                + "nul\u0000token\n", "application/x-ndjson");
        assertThat(ndjson.getString("status")).isEqualTo("COMPLETED");
        assertThat(ndjson.getLong("imported")).isEqualTo(1);
        assertThat(ndjson.getList("errors.line", Integer.class)).containsExactly(2, 3);
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", b).get("/api/contacts")
                .then().body("items[0].name", equalTo("Boris"));
    }

    @Test
    void aBatchThatPostgresRefusesEndsTheJobAsFailedInsteadOfRetryingItForever() throws Exception {
        // A row the checks let through and PostgreSQL refuses as data (class 22), stood in for by a trigger.
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE OR REPLACE FUNCTION refuse_for_import_test() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.name = 'Refused by the database' THEN
                            RAISE EXCEPTION 'refused' USING ERRCODE = '22023';
                        END IF;
                        RETURN NEW;
                    END $$""");
            sql.execute("DROP TRIGGER IF EXISTS refuse_for_import_test ON contact");
            sql.execute("CREATE TRIGGER refuse_for_import_test BEFORE INSERT ON contact FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse_for_import_test()");
        }
        try {
            JsonPath job = runImport("name,phone\nRefused by the database," + freshMobile() + "\n", "text/csv");
            assertThat(job.getString("status")).isEqualTo("FAILED");
            assertThat(job.getString("failure")).contains("SQLSTATE 22023");
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("DROP TRIGGER refuse_for_import_test ON contact");
                sql.execute("DROP FUNCTION refuse_for_import_test()");
            }
        }
    }

    @Test
    void oldWindows1251FileIsReadInItsCharset() {
        String a = freshMobile();
        byte[] csv = ("name,phone\nЁлкин Пётр," + a + "\n").getBytes(Charset.forName("windows-1251"));
        String id = given().auth().oauth2(SUPERVISOR_A).contentType("text/csv; charset=windows-1251").body(csv)
                .post("/api/imports").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(SUPERVISOR_A).get("/api/imports/{id}", id)
                        .then().body("status", equalTo("COMPLETED")).body("imported", equalTo(1)));
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", a).get("/api/contacts")
                .then().body("items[0].name", equalTo("Ёлкин Пётр"));
    }

    @Test
    void aFileWithoutNameOrPhoneColumnsFailsWithTheReason() {
        JsonPath job = runImport("fullname,mobile\nA,+79161234567\n", "text/csv");
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getString("failure")).contains("'name' column");
    }

    @Test
    void otherContentTypesAreRefusedAndOthersDoNotSeeTheJob() {
        given().auth().oauth2(SUPERVISOR_A).contentType("application/pdf").body(new byte[] {1, 2, 3})
                .post("/api/imports").then().statusCode(415).body("detail", containsString("text/csv"));
        String id = given().auth().oauth2(SUPERVISOR_A).contentType("text/csv")
                .body("name,phone\nX," + freshMobile() + "\n").post("/api/imports")
                .then().statusCode(202).extract().path("id");
        given().auth().oauth2(SUPERVISOR_B).get("/api/imports/{id}", id).then().statusCode(404);
        given().auth().oauth2(Fixtures.ANALYST).contentType("text/csv").body("name,phone\n")
                .post("/api/imports").then().statusCode(403);
    }

    @Test
    void importedContactsAreAnnouncedWithTheContactCreatedPayload() {
        String number = freshMobile();
        try (TopicProbe contacts = TopicProbe.fromNow(Topics.CONTACTS)) {
            String oneByOne = createdBy(WEB_FORM, "Created alone", freshMobile());
            JsonNode created = contacts.await(event -> event.eventType().equals("ContactCreated")
                    && event.key().equals(oneByOne), Duration.ofSeconds(20)).event().payload();

            String importId = runImport("Name;Phone;Tags;Source;Campaign\nZhanna;" + typedTheOldWay(number)
                    + ";VIP;shop_receipt;store-7\n", "text/csv").getString("id");
            JsonNode payload = contacts.await(event -> event.eventType().equals("ContactsImported")
                    && event.key().equals(importId), Duration.ofSeconds(20)).event().payload();

            JsonPath card = given().auth().oauth2(SUPERVISOR_A).queryParam("phone", number).get("/api/contacts")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(payload.path("importId").asText()).isEqualTo(importId);
            assertThat(payload.path("contacts")).hasSize(1);
            JsonNode imported = payload.path("contacts").get(0);
            assertSameShape(imported, created);
            assertSameShape(imported.path("phones").get(0), created.path("phones").get(0));
            assertThat(imported.path("contactId").asText()).isEqualTo(card.getString("items[0].id"));
            assertThat(imported.path("team").asText()).isEqualTo("team-a");
            assertThat(imported.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(imported.path("tags").toString()).isEqualTo("[\"vip\"]");
            assertThat(imported.path("source").path("channel").asText()).isEqualTo("SHOP_RECEIPT");
            assertThat(imported.path("source").path("campaign").asText()).isEqualTo("store-7");
            JsonNode phone = imported.path("phones").get(0);
            assertThat(phone.path("phoneId").asText()).isEqualTo(card.getString("items[0].phones[0].id"));
            assertThat(phone.path("phoneHash").asText()).isEqualTo(blindIndex.of(number));
            assertThat(phone.path("masked").asText()).isEqualTo(card.getString("items[0].phones[0].masked"));
            assertThat(phone.path("timeZones").toString()).contains("Europe/");
            assertThat(payload.toString()).doesNotContain(number.substring(2));
        }
    }

    /** The same fields in the same order, each of the same JSON type where both have a value. */
    private static void assertSameShape(JsonNode actual, JsonNode expected) {
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        List<String> actualNames = new ArrayList<>();
        actual.fieldNames().forEachRemaining(actualNames::add);
        assertThat(actualNames).isEqualTo(names);
        for (String name : names) {
            if (!actual.get(name).isNull() && !expected.get(name).isNull()) {
                assertThat(actual.get(name).getNodeType()).as(name).isEqualTo(expected.get(name).getNodeType());
            }
        }
    }

    private static JsonPath runImport(String body, String contentType) {
        String id = given().auth().oauth2(SUPERVISOR_A).contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/imports")
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(SUPERVISOR_A).get("/api/imports/{id}", id)
                        .then().statusCode(200).body("status", oneOf("COMPLETED", "FAILED")));
        return given().auth().oauth2(SUPERVISOR_A).get("/api/imports/{id}", id).then().extract().jsonPath();
    }
}
