package io.dialright.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.time.Duration;
import java.time.Instant;
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

/** Each rule fires once per person and window when its threshold is reached, and not below it. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(CheckpointDirResource.class)
class AlertRulesTest {

    @Inject
    DataSource dataSource;

    @Test
    void fiveCopiesWithinAnHourRaiseOneAlertAndMoreRaiseNoSecond() {
        String operator = "operator-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        try (TopicProbe alerts = TopicProbe.fromNow(Topics.ALERTS)) {
            for (int i = 0; i < 4; i++) {
                publish(operator, "team-a", "COPY", start.plus(Duration.ofMinutes(i)));
            }
            awaitEntries(operator, 4);
            assertThat(alertsOf(operator)).isZero();

            for (int i = 4; i < 7; i++) {
                publish(operator, "team-a", "COPY", start.plus(Duration.ofMinutes(i)));
            }
            awaitEntries(operator, 7);
            assertThat(alertsOf(operator, "MASS_COPY")).isEqualTo(1);

            TopicProbe.Received raised = alerts.await(event -> event.key().equals(operator), Duration.ofSeconds(20));
            assertThat(raised.eventTypeHeader()).isEqualTo("AuditAlertRaised");
            assertThat(raised.event().payload().get("rule").asText()).isEqualTo("MASS_COPY");
            assertThat(raised.event().payload().get("observed").asLong()).isEqualTo(5);
        }
    }

    @Test
    void copiesSpreadOverMoreThanAnHourStayBelowTheThreshold() {
        String operator = "operator-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofHours(3));
        for (int i = 0; i < 6; i++) {
            publish(operator, "team-a", "COPY", start.plus(Duration.ofMinutes(25L * i)));
        }
        awaitEntries(operator, 6);
        assertThat(alertsOf(operator)).isZero();
    }

    @Test
    void editsOutsideWorkingHoursRaiseAnAlertEditsDuringThemDoNot() {
        String night = "operator-" + UUID.randomUUID();
        String day = "operator-" + UUID.randomUUID();
        // Saturday 03:30 and Tuesday 11:00 in Moscow.
        publish(night, "team-a", "EDIT", Instant.parse("2026-11-28T00:30:00Z"));
        publish(day, "team-a", "EDIT", Instant.parse("2026-11-24T08:00:00Z"));

        awaitEntries(night, 1);
        awaitEntries(day, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(night, "OFF_HOURS_CHANGE") == 1);
        assertThat(alertsOf(day)).isZero();
    }

    @Test
    void repeatedDenialsRaiseOneAlert() {
        String someone = "operator-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            publish(someone, "team-b", "DENIED", Instant.now().minusSeconds(60 - i));
        }
        awaitEntries(someone, 6);
        assertThat(alertsOf(someone, "REPEATED_DENIALS")).isEqualTo(1);
    }

    @Test
    void fiftyContactsViewedInTenMinutesAreABulkRead() {
        String reader = "operator-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < 49; i++) {
            publish(reader, "team-a", "VIEW", start.plusSeconds(i), UUID.randomUUID().toString());
        }
        awaitEntries(reader, 49);
        assertThat(alertsOf(reader)).isZero();

        publish(reader, "team-a", "VIEW", start.plusSeconds(50), UUID.randomUUID().toString());
        awaitEntries(reader, 50);
        assertThat(alertsOf(reader, "BULK_READ")).isEqualTo(1);
    }

    @Test
    void supervisorsSeeTheAlertsOfTheirTeam() {
        String other = "operator-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            publish(other, "team-z", "DENIED", Instant.now().minusSeconds(30 - i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> alertsOf(other) == 1);

        given().auth().oauth2(TestTokens.token("supervisor-z", "supervisor", "team-z"))
                .get("/api/audit/alerts")
                .then().statusCode(200)
                .body("items.actorTeam", everyItem(equalTo("team-z")))
                .body("items.find { it.actorSubject == '" + other + "' }.rule", equalTo("REPEATED_DENIALS"));
        given().auth().oauth2(TestTokens.token("supervisor-y", "supervisor", "team-y"))
                .get("/api/audit/alerts")
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    private static void publish(String subject, String team, String action, Instant occurredAt) {
        publish(subject, team, action, occurredAt, null);
    }

    private static void publish(String subject, String team, String action, Instant occurredAt, String contactId) {
        Map<String, Object> payload = contactId == null ? Map.of("action", action)
                : Map.of("action", action, "subjectKey", contactId);
        TopicProbe.publish(Topics.AUDIT, EventEnvelope.create("contact-service", "AccessRecorded", subject,
                new Actor(subject, "operator", team), payload).occurredAt(occurredAt));
    }

    private void awaitEntries(String actor, long count) {
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                rows.count("SELECT count(*) FROM audit_entry WHERE actor_subject = ?", actor) == count);
    }

    private long alertsOf(String actor) {
        return new Rows(dataSource).count("SELECT count(*) FROM audit_alert WHERE actor_subject = ?", actor);
    }

    private long alertsOf(String actor, String rule) {
        return new Rows(dataSource).count("SELECT count(*) FROM audit_alert WHERE actor_subject = ? AND rule = ?",
                actor, rule);
    }
}
