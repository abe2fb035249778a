package io.dialright.gateway.stub;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dialright.gateway.audit.DenialAudit;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the gateway published to the real audit topic, as audit-service would. */
public final class AuditTopic {

    private static final List<ConsumerRecord<String, String>> SEEN = new CopyOnWriteArrayList<>();

    private AuditTopic() {
    }

    /** The envelope of the denial of {@code requestId}, waiting for it up to ten seconds. */
    public static JsonObject denialOf(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> find(requestId), Optional::isPresent).get();
    }

    /** How many denials name {@code subject} as the actor so far (after reading everything published). */
    public static long denialsOf(String subject) {
        poll();
        return SEEN.stream().map(record -> new JsonObject(record.value()))
                .filter(envelope -> envelope.getJsonObject("actor") != null
                        && subject.equals(envelope.getJsonObject("actor").getString("subject")))
                .count();
    }

    /** The raw record of the denial of {@code requestId}, with its headers. */
    public static Optional<ConsumerRecord<String, String>> recordOf(String requestId) {
        poll();
        return SEEN.stream()
                .filter(record -> requestId.equals(new JsonObject(record.value()).getJsonObject("payload")
                        .getString("requestId")))
                .findFirst();
    }

    private static Optional<JsonObject> find(String requestId) {
        return recordOf(requestId).map(record -> new JsonObject(record.value()));
    }

    private static synchronized void poll() {
        SEEN.clear();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, GatewayKafkaResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-topic-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(DenialAudit.TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(SEEN::add);
            }
        }
    }

    /** A header of a record as text. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
