package io.dialright.contact;

import static io.dialright.contact.Fixtures.ANALYST;
import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.SUPERVISOR_B;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
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

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void exportNeedsAnotherSupervisorsApprovalAndDownloadsOnceAsAnEncryptedArchive() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Arkady", e164);
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
            assertThatThrownBy(() -> unzip(zip, "wrong-password")).isInstanceOf(Exception.class);

            given().auth().oauth2(SUPERVISOR_A).post("/api/exports/{id}/archive", export).then().statusCode(410);
            for (String action : List.of("EXPORT_REQUESTED", "EXPORT_APPROVED", "EXPORT")) {
                audit.await(event -> action.equals(event.payload().path("action").asText())
                        && export.equals(event.payload().path("exportId").asText()), Duration.ofSeconds(20));
            }
        }
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
        Response archive = given().auth().oauth2(ANALYST).post("/api/exports/{id}/archive", export);
        String csv = unzip(archive.asByteArray(), archive.header("X-Archive-Password"));

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

    private static String unzip(byte[] zip, String password) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), password.toCharArray())) {
            assertThat(in.getNextEntry().getFileName()).isEqualTo("contacts.csv");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
