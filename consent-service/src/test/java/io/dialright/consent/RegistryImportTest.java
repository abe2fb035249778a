package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** National do-not-call registry (K-5): versions loaded in the background and switched atomically. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class RegistryImportTest {

    @Inject
    HoldableRegistryListener listener;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void releaseHeldImports() {
        listener.release();
    }

    @Test
    void aCsvFileInAnyFormatIsListedWithItsRejectsAndDuplicates() {
        String listed = Api.mobile();
        String other = Api.mobile();
        String file = String.join("\n",
                "number;listed_since",
                listed + ";2026-01-01",
                "8 (" + listed.substring(2, 5) + ") " + listed.substring(5) + ";2026-02-01",
                "\"" + other + "\";2026-03-01",
                "12345;2026-04-01",
                "",
                "no separator here") + "\n";

        String id = upload(file, 1).statusCode(202)
                // Relative: the client behind the gateway cannot reach this service's own address.
                .header("Location", startsWith("/api/registry/imports/"))
                .body("status", equalTo("RUNNING"))
                .body("total", equalTo(7))
                .extract().path("id");

        completed(id)
                .body("processed", equalTo(7))
                .body("imported", equalTo(3))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(2))
                .body("errors.line", equalTo(List.of(5, 7)))
                .body("errors[0].reason", containsString("too short"))
                .body("inForce", equalTo(true));
        Api.activeConsent(listed, "MARKETING", "VOICE");
        Api.activeConsent(listed, "SURVEY", "VOICE");
        Api.decide(listed, "MARKETING", "VOICE").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("NATIONAL_REGISTRY")));
        Api.decide(listed, "SURVEY", "VOICE").body("allowed", equalTo(true));
        Api.decide(other, "MARKETING", "VOICE").body("reasons.code", hasItem("NATIONAL_REGISTRY"));
    }

    @Test
    void decisionsDuringAnImportSeeTheOldVersionUntilTheSwitch() throws Exception {
        String oldOnly = Api.mobile();
        String newOnly = Api.mobile();
        String oldId = upload(oldOnly + "\n", 1).statusCode(202).extract().path("id");
        int oldVersion = completed(oldId).extract().path("version");

        listener.arm();
        String newId = upload(newOnly + "\n" + Api.mobile() + "\n", 1).statusCode(202).extract().path("id");
        assertThat(listener.awaitLoaded()).isTrue();

        Api.decide(oldOnly, "MARKETING", "VOICE").body("reasons.code", hasItem("NATIONAL_REGISTRY"));
        Api.decide(newOnly, "MARKETING", "VOICE").body("reasons.code", not(hasItem("NATIONAL_REGISTRY")));
        status(newId).body("status", equalTo("RUNNING")).body("inForce", equalTo(false));
        upload(Api.mobile() + "\n", 1).statusCode(409).body("detail", containsString(newId));

        listener.release();

        completed(newId).body("imported", equalTo(2));
        Api.decide(oldOnly, "MARKETING", "VOICE").body("reasons.code", not(hasItem("NATIONAL_REGISTRY")));
        Api.decide(newOnly, "MARKETING", "VOICE").body("reasons.code", hasItem("NATIONAL_REGISTRY"));
        status(oldId).body("status", equalTo("SUPERSEDED")).body("inForce", equalTo(false));
        given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/registry/imports/current")
                .then().statusCode(200).body("id", equalTo(newId));
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                "SELECT count(*) FROM pg_class WHERE relname = ?", "registry_entry_v" + oldVersion) == 0);
    }

    @Test
    void aLargeFileIsParsedInChunksAndListedCompletely() {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 25_000; i++) {
            file.append("7917").append(String.format("%07d", i)).append('\n');
        }

        String id = upload(file.toString(), 1).statusCode(202).extract().path("id");

        int version = completed(id).body("total", equalTo(25_000)).body("imported", equalTo(25_000))
                .body("rejected", equalTo(0)).extract().path("version");
        Api.decide("+7 917 000-00-42", "MARKETING", "SMS").body("reasons.code", hasItem("NATIONAL_REGISTRY"));
        // Put in force vacuumed and analysed: no autovacuum of the whole version follows amid decisions.
        Rows rows = new Rows(dataSource);
        String table = "registry_entry_v" + version;
        assertThat(rows.count("SELECT count(*) FROM pg_class WHERE relname = ? AND relpages > 0"
                + " AND relallvisible = relpages AND reltuples = 25000", table)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM pg_stat_user_tables WHERE relname = ?"
                + " AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL", table)).isEqualTo(1);
    }

    /**
     * Uploads sent at the same moment: one is taken, each other one hears 409 — also when the import it lost to has
     * already finished by the time it is told (small files load in milliseconds), which used to end in a 500.
     */
    @Test
    void simultaneousUploadsAreTakenOrRefusedWithAConflictNeverAnError() throws Exception {
        int clients = 8;
        ExecutorService senders = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier together = new CyclicBarrier(clients);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    String file = Api.mobile() + "\n";
                    answers.add(senders.submit(() -> {
                        together.await();
                        return given().auth().oauth2(Api.PRIVACY_OFFICER).contentType("text/plain").body(file)
                                .post("/api/registry/imports");
                    }));
                }
                List<String> taken = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    Response response = answer.get();
                    assertThat(response.statusCode()).as(response.asString()).isIn(202, 409);
                    if (response.statusCode() == 202) {
                        taken.add(response.path("id"));
                    } else {
                        assertThat(response.contentType()).startsWith("application/problem+json");
                        assertThat(response.<String>path("detail")).contains("again");
                    }
                }
                // The next round starts with no import running (a later one of this round may have superseded one).
                taken.forEach(id -> await().atMost(Duration.ofSeconds(60))
                        .until(() -> !"RUNNING".equals(status(id).extract().path("status"))));
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** A wrong file (another column, another format, not a registry at all) never empties the registry in force. */
    @Test
    void aFileWithoutASingleValidNumberFailsAndTheVersionInForceStays() {
        String listed = Api.mobile();
        String inForce = upload(listed + "\n", 1).statusCode(202).extract().path("id");
        completed(inForce);

        String wrong = upload("{\"phones\": []}\nnot a number\n12345\n", 1).statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(status(wrong).extract().path("status")));
        status(wrong).body("status", equalTo("FAILED"))
                .body("failure", containsString("No line of the file holds a valid number"))
                .body("imported", equalTo(0))
                .body("inForce", equalTo(false));
        given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/registry/imports/current")
                .then().statusCode(200).body("id", equalTo(inForce));
        Api.activeConsent(listed, "MARKETING", "VOICE");
        Api.decide(listed, "MARKETING", "VOICE").body("reasons.code", hasItem("NATIONAL_REGISTRY"));
    }

    @Test
    void aFileThatIsNotUtf8FailsWithAReasonAPersonCanActOn() {
        byte[] latin1 = ("8 (916) 123-45-67 \u00e9t\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        String id = given().auth().oauth2(Api.PRIVACY_OFFICER).contentType("text/plain").body(latin1)
                .post("/api/registry/imports").then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(status(id).extract().path("status")));
        status(id).body("status", equalTo("FAILED"))
                .body("failure", containsString("not valid UTF-8"))
                .body("inForce", equalTo(false));
    }

    @Test
    void anEmptyFileIsRefused() {
        upload("", 1).statusCode(400).body("detail", containsString("no lines"));
    }

    @Test
    void onlyPrivacyOfficersImportTheRegistry() {
        given().auth().oauth2(Api.SUPERVISOR).contentType("text/plain").body(Api.mobile() + "\n")
                .post("/api/registry/imports")
                .then().statusCode(403);
        given().auth().oauth2(Api.ADMIN).contentType("text/plain").body(Api.mobile() + "\n")
                .post("/api/registry/imports")
                .then().statusCode(403);
    }

    @Test
    void anUnknownImportIsNotFound() {
        given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/registry/imports/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static ValidatableResponse upload(String file, int column) {
        return given().auth().oauth2(Api.PRIVACY_OFFICER).contentType("text/csv")
                .queryParam("column", column).queryParam("fileName", "registry.csv")
                .body(file)
                .post("/api/registry/imports").then();
    }

    private static ValidatableResponse status(String id) {
        return given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/registry/imports/{id}", id)
                .then().statusCode(200);
    }

    private static ValidatableResponse completed(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(status(id).extract().path("status")));
        return status(id).body("status", equalTo("COMPLETED"));
    }
}
