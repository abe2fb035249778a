package io.dialright.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.consumer.ConsumerWorkers;
import io.dialright.platform.consumer.IdempotentConsumer;
import io.dialright.platform.crypto.BlindIndex;
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
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Other services' {@code AccessRecorded} events arrive through the broker and are queryable, once each. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(CheckpointDirResource.class)
class AuditEntryResourceTest {

    private static final String PRIVACY_OFFICER = TestTokens.token("dpo-1", "privacy-officer");

    @Inject
    DataSource dataSource;

    @Inject
    BlindIndex blindIndex;

    @Inject
    ConsumerWorkers workers;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void accessRecordedByAnotherServiceBecomesOneQueryableEntry() {
        String operator = "operator-" + UUID.randomUUID();
        EventEnvelope copy = accessRecorded(operator, "team-a", "COPY");
        IdempotentConsumer consumer = workers.consumers().get(0);
        long duplicatesBefore = consumer.duplicates();

        TopicProbe.publish(Topics.AUDIT, copy);
        TopicProbe.publish(Topics.AUDIT, copy);

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.duplicates() > duplicatesBefore);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(PRIVACY_OFFICER).queryParam("actor", operator)
                        .get("/api/audit/entries")
                        .then().statusCode(200)
                        .body("total", equalTo(1))
                        .body("items[0].eventId", equalTo(copy.eventId().toString()))
                        .body("items[0].action", equalTo("COPY"))
                        .body("items[0].actor.team", equalTo("team-a"))
                        .body("items[0].producer", equalTo("contact-service")));
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM audit_entry WHERE event_id = ?",
                copy.eventId())).isEqualTo(1);
    }

    @Test
    void domainEventsJoinTheTrailAndANumberIsFoundByItsBlindIndexWithoutShowingIt() {
        String hash = blindIndex.of("+79123456751");
        String contactId = UUID.randomUUID().toString();
        EventEnvelope optOut = EventEnvelope.create("consent-service", "OptOutRecorded", hash,
                new Actor("operator-5", "operator", "team-a"),
                Map.of("phoneHash", hash, "masked", "+7 (912) ***-**-51", "channel", "OPERATOR"));
        EventEnvelope call = EventEnvelope.create("dialer-service", "CallCompleted", contactId,
                new Actor("operator-5", "operator", "team-a"),
                Map.of("contactId", contactId, "phoneHash", hash, "outcome", "OPT_OUT"));

        TopicProbe.publish(Topics.CONSENTS, optOut);
        TopicProbe.publish(Topics.DIALER, call);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(PRIVACY_OFFICER).queryParam("phone", "8 (912) 345-67-51")
                        .get("/api/audit/entries")
                        .then().statusCode(200)
                        .body("total", equalTo(2))
                        .body("items.action", hasItem("OptOutRecorded"))
                        .body("items.action", hasItem("CallCompleted"))
                        .body(not(containsString(hash))));
        given().auth().oauth2(PRIVACY_OFFICER).queryParam("subject", contactId)
                .get("/api/audit/entries")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].producer", equalTo("dialer-service"));
    }

    @Test
    void supervisorsSeeOnlyTheirTeamsActions() {
        String action = "VIEW_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        EventEnvelope ours = accessRecorded("operator-a1", "team-a", action);
        EventEnvelope theirs = accessRecorded("operator-b1", "team-b", action);
        TopicProbe.publish(Topics.AUDIT, ours);
        TopicProbe.publish(Topics.AUDIT, theirs);
        await().atMost(Duration.ofSeconds(20)).until(() -> new Rows(dataSource)
                .count("SELECT count(*) FROM audit_entry WHERE action = ?", action) == 2);

        given().auth().oauth2(TestTokens.token("supervisor-a", "supervisor", "team-a"))
                .queryParam("action", action)
                .get("/api/audit/entries")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.actor.team", everyItem(equalTo("team-a")));
        given().auth().oauth2(PRIVACY_OFFICER)
                .queryParam("action", action)
                .get("/api/audit/entries")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.actor.subject", hasItem("operator-b1"));
    }

    @Test
    void pagesAreLimitedTo500() {
        given().auth().oauth2(PRIVACY_OFFICER).queryParam("size", 501)
                .get("/api/audit/entries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("size"));
    }

    @Test
    void aPageBeyondTheLastAcceptedIsAFieldErrorNotAServerError() {
        given().auth().oauth2(PRIVACY_OFFICER).queryParam("page", 4_294_968).queryParam("size", 500)
                .get("/api/audit/entries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("page"));
    }

    @Test
    void aPageThatIsNotANumberIsBadInputNotNotFound() {
        given().auth().oauth2(PRIVACY_OFFICER).queryParam("page", "abc")
                .get("/api/audit/entries")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aMalformedTimeIsAFieldError() {
        given().auth().oauth2(PRIVACY_OFFICER).queryParam("from", "yesterday")
                .get("/api/audit/entries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void operatorsMayNotReadTheAuditTrail() {
        given().auth().oauth2(TestTokens.token("operator-1", "operator", "team-a"))
                .get("/api/audit/entries")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static EventEnvelope accessRecorded(String subject, String team, String action) {
        return EventEnvelope.create("contact-service", "AccessRecorded", UUID.randomUUID().toString(),
                new Actor(subject, "operator", team),
                Map.of("action", action, "requestId", "req-" + UUID.randomUUID(), "sourceIp", "127.0.0.1"));
    }
}
