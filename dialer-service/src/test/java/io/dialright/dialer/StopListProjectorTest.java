package io.dialright.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** consent-service's {@code OptOutRecorded} reaches the dialer's local stop-list projection through the broker. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialer"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(DialerKeysResource.class)
@QuarkusTestResource(BoundaryStubs.class)
class StopListProjectorTest {

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    ConsumerWorkers workers;

    @Test
    void optOutRecordedBlocksTheNumberInTheProjectionOnce() {
        String hash = blindIndex.of("+79123456731");
        EventEnvelope optOut = EventEnvelope.create("consent-service", "OptOutRecorded", hash,
                new Actor("operator-1", "operator", "team-a"),
                Map.of("phoneHash", hash, "masked", "+7 (912) ***-**-31", "channel", "OPERATOR",
                        "recordedAt", Instant.parse("2026-11-28T10:00:00Z").toString()));

        IdempotentConsumer consumer = workers.consumers().stream()
                .filter(candidate -> candidate.groupId().endsWith("stop-list-projection")).findFirst().orElseThrow();
        long duplicatesBefore = consumer.duplicates();

        TopicProbe.publish(Topics.CONSENTS, optOut);
        TopicProbe.publish(Topics.CONSENTS, optOut);

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.duplicates() > duplicatesBefore);

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                rows.count("SELECT count(*) FROM stop_list_projection WHERE phone_hash = ?", hash) == 1);
        assertThat(rows.count("SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer_group = ?",
                optOut.eventId(), consumer.groupId())).isEqualTo(1);
    }
}
