package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

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
import org.junit.jupiter.api.Test;

/** The dialer's {@code CallCompleted} events reach consent-service through the broker and its idempotent consumer. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class CallOutcomeOptOutTest {

    private static final String GROUP = "consent-service.call-outcome-opt-outs";

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    ConsumerWorkers workers;

    @Test
    void callEndingInOptOutPutsTheNumberOnTheStopListOnceEvenWhenDeliveredTwice() {
        String hash = blindIndex.of("+79123456711");
        EventEnvelope callCompleted = callCompleted(hash, "+7 (912) ***-**-11", "OPT_OUT");
        IdempotentConsumer consumer = consumer(workers);
        long duplicatesBefore = consumer.duplicates();

        TopicProbe.publish(Topics.DIALER, callCompleted);
        TopicProbe.publish(Topics.DIALER, callCompleted);

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.duplicates() > duplicatesBefore);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.token("supervisor-1", "supervisor"))
                        .get("/api/stop-list/{phone}", "+79123456711")
                        .then().statusCode(200)
                        .body("channel", equalTo("CALL_OUTCOME"))
                        .body("callId", equalTo("call-11")));
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM stop_list_entry WHERE phone_hash = ?", hash)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer_group = ?",
                callCompleted.eventId(), GROUP))
                .isEqualTo(1);
    }

    @Test
    void telephonyCallEndingInOptOutIsHashedAndListed() {
        String phone = Api.mobile();
        EventEnvelope call = EventEnvelope.create("pbx-7", "CallCompleted", "call-t1",
                new Actor("pbx-7", "integration", null), Map.of("type", "CALL_COMPLETED", "callId", "call-t1",
                        "phone", phone, "outcome", "OPT_OUT", "operatorId", "operator-3"));

        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, call);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.token("supervisor-1", "supervisor"))
                        .get("/api/stop-list/{phone}", phone)
                        .then().statusCode(200)
                        .body("channel", equalTo("CALL_OUTCOME"))
                        .body("callId", equalTo("call-t1")));
    }

    @Test
    void anOptOutByRestAndByTheCallItWasMadeInRecordOneEntry() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        String id = Api.optOut(phone).statusCode(201).extract().path("id");
        EventEnvelope fromDialer = callCompleted(hash, ConsentResourceTest.masked(phone), "OPT_OUT");
        EventEnvelope fromTelephony = EventEnvelope.create("pbx-7", "CallCompleted", "call-t2",
                new Actor("pbx-7", "integration", null), Map.of("type", "CALL_COMPLETED", "callId", "call-t2",
                        "phone", phone, "outcome", "OPT_OUT", "operatorId", "operator-3"));

        TopicProbe.publish(Topics.DIALER, fromDialer);
        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, fromTelephony);

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                "SELECT count(*) FROM processed_event WHERE event_id IN (?, ?) AND consumer_group = ?",
                fromDialer.eventId(), fromTelephony.eventId(), GROUP) == 2);
        assertThat(rows.count("SELECT count(*) FROM stop_list_entry WHERE phone_hash = ?", hash)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM outbox_event_history WHERE event_type = 'OptOutRecorded' "
                + "AND message_key = ?", hash)).isEqualTo(1);
        given().auth().oauth2(Api.OPERATOR).get("/api/stop-list/{phone}", phone)
                .then().body("id", equalTo(id));
    }

    @Test
    void callWithAnotherOutcomeLeavesTheNumberCallable() {
        String hash = blindIndex.of("+79123456712");
        EventEnvelope sale = callCompleted(hash, "+7 (912) ***-**-12", "SALE");

        TopicProbe.publish(Topics.DIALER, sale);

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                rows.count("SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer_group = ?",
                        sale.eventId(), GROUP) == 1);
        assertThat(rows.count("SELECT count(*) FROM stop_list_entry WHERE phone_hash = ?", hash)).isZero();
    }

    @Test
    void optOutEventWithoutANumberIsParkedAsADeadLetter() {
        EventEnvelope broken = EventEnvelope.create("dialer-service", "CallCompleted", "contact-x",
                new Actor("operator-9", "operator", null), Map.of("callId", "call-13", "outcome", "OPT_OUT"));

        TopicProbe.publish(Topics.DIALER, broken);

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                rows.count("SELECT count(*) FROM dead_letter WHERE event_id = ? AND consumer_group = ?",
                        broken.eventId(), GROUP) == 1);
    }

    static IdempotentConsumer consumer(ConsumerWorkers workers) {
        return workers.consumers().stream()
                .filter(consumer -> consumer.groupId().equals(GROUP))
                .findFirst().orElseThrow();
    }

    private static EventEnvelope callCompleted(String hash, String masked, String outcome) {
        return EventEnvelope.create("dialer-service", "CallCompleted", hash,
                new Actor("operator-9", "operator", "team-a"),
                Map.of("callId", outcome.equals("SALE") ? "call-12" : "call-11", "phoneHash", hash,
                        "masked", masked, "outcome", outcome, "operatorId", "operator-9"));
    }
}
