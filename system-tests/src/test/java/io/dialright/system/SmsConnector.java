package io.dialright.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/**
 * Reads {@code dialright.notifications.sms.v1} as an SMS connector does — its own consumer group, from the start of
 * the topic — and keeps the payloads it was asked to send.
 */
final class SmsConnector implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\bcode (\\d{6})\\b");

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<JsonNode> sent = new ArrayList<>();

    SmsConnector(String bootstrapServers) {
        consumer = new KafkaConsumer<>(KafkaClients.consumerConfig(bootstrapServers, "system-test-sms-connector"));
        consumer.subscribe(List.of(Topics.SMS));
    }

    /** Waits for the SMS whose payload matches, e.g. the one carrying a consent's confirmation code. */
    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await("an SmsRequested on " + Topics.SMS).atMost(timeout).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                sent.add(EventCodec.decode(record.value()).payload());
            }
            found[0] = sent.stream().filter(match).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** The six-digit code of a confirmation text ("…: code 123456 confirms your consent…"). */
    static Optional<String> code(JsonNode sms) {
        Matcher matcher = CODE.matcher(sms.path("text").asText());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
