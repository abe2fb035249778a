package io.dialright.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.events.Actor;
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
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(CheckpointDirResource.class)
class ReportTest {

    private static final String DPO = TestTokens.token("dpo-1", "privacy-officer");

    @Inject
    DataSource dataSource;

    @Test
    void accessReviewListsWhoDidWhatHowOftenInTheQuarterAsJsonAndCsv() {
        String reviewer = "operator-" + UUID.randomUUID();
        Instant inQuarter = Instant.parse("2025-11-03T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            publish(Topics.AUDIT, "AccessRecorded", reviewer, Map.of("action", "VIEW", "subjectKey", "c-" + (i % 2)),
                    inQuarter.plus(Duration.ofHours(i)));
        }
        publish(Topics.AUDIT, "AccessRecorded", reviewer, Map.of("action", "VIEW", "subjectKey", "c-9"),
                Instant.parse("2026-01-02T10:00:00Z"));
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                rows.count("SELECT count(*) FROM audit_entry WHERE actor_subject = ?", reviewer) == 4);

        given().auth().oauth2(DPO).queryParam("quarter", "2025-Q4")
                .get("/api/audit/reports/access-review")
                .then().statusCode(200)
                .body("from", equalTo("2025-10-01T00:00:00Z"))
                .body("lines.find { it.actorSubject == '" + reviewer + "' }.count", equalTo(3))
                .body("lines.find { it.actorSubject == '" + reviewer + "' }.distinctSubjects", equalTo(2));
        String csv = given().auth().oauth2(DPO).accept("text/csv").queryParam("quarter", "2025-Q4")
                .get("/api/audit/reports/access-review")
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .body(startsWith("actor_subject,actor_role,actor_team,action,count,distinct_subjects,first,last"))
                .extract().asString();
        assertThat(csv).contains("\"" + reviewer + "\",\"operator\",\"team-a\",\"VIEW\",3,2,");
    }

    @Test
    void aQuarterMustBeNamedProperly() {
        given().auth().oauth2(DPO).queryParam("quarter", "autumn")
                .get("/api/audit/reports/access-review")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("quarter"))
                .body("detail", containsString("YYYY-Qn"));
    }

    @Test
    void erasureRequestsShowTheirTimelineAndWhetherTheyAreOverdue() {
        String done = "pr-" + UUID.randomUUID();
        String late = "pr-" + UUID.randomUUID();
        Instant now = Instant.now();
        publish(Topics.CONSENTS, "ErasureRequested", "consent", Map.of("privacyRequestId", done,
                "dueBy", now.plus(Duration.ofDays(30)).toString()), now.minus(Duration.ofHours(2)));
        publish(Topics.CONTACTS, "ContactErased", "contact", Map.of("privacyRequestId", done, "contactId", "c-1"),
                now.minus(Duration.ofHours(1)));
        publish(Topics.CONSENTS, "ErasureCompleted", "consent", Map.of("privacyRequestId", done), now);
        publish(Topics.CONSENTS, "ErasureRequested", "consent", Map.of("privacyRequestId", late),
                now.minus(Duration.ofDays(40)));
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                "SELECT count(*) FROM audit_entry WHERE details LIKE ? OR details LIKE ?",
                "%" + done + "%", "%" + late + "%") == 4);

        given().auth().oauth2(DPO)
                .get("/api/audit/reports/erasures")
                .then().statusCode(200)
                .body("find { it.privacyRequestId == '" + done + "' }.status", equalTo("COMPLETED"))
                .body("find { it.privacyRequestId == '" + done + "' }.steps.action",
                        equalTo(List.of("ErasureRequested", "ContactErased", "ErasureCompleted")))
                .body("find { it.privacyRequestId == '" + late + "' }.status", equalTo("OVERDUE"));
        String csv = given().auth().oauth2(DPO).accept("text/csv")
                .get("/api/audit/reports/erasures")
                .then().statusCode(200)
                .extract().asString();
        assertThat(csv).startsWith("privacy_request_id,status,requested_at,due_by,completed_at,step_action")
                .contains("\"" + done + "\",\"COMPLETED\"").contains("\"ContactErased\",\"test\"")
                .contains("\"" + late + "\",\"OVERDUE\"");
    }

    @Test
    void onlyPrivacyOfficersGetReports() {
        given().auth().oauth2(TestTokens.token("supervisor-1", "supervisor", "team-a"))
                .get("/api/audit/reports/erasures")
                .then().statusCode(403);
    }

    private static void publish(String topic, String type, String actor, Map<String, Object> payload, Instant at) {
        TopicProbe.publish(topic, EventEnvelope.create("test", type, actor, new Actor(actor, "operator", "team-a"),
                payload).occurredAt(at));
    }
}
