package io.dialright.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Every event a topic holds, from its first offset to its end at the time of asking: what the services published.
 * The outbox cannot tell any more, since the relay deletes a row once the broker has it.
 */
final class PublishedEvents {

    private PublishedEvents() {
    }

    static List<EventEnvelope> on(String bootstrapServers, String topic) {
        List<EventEnvelope> events = new ArrayList<>();
        for (byte[] value : valuesOn(bootstrapServers, topic)) {
            try {
                events.add(EventCodec.decode(value));
            } catch (InvalidEventException e) {
                // Not an event (a test's poison message): nobody published it through an outbox.
            }
        }
        return events;
    }

    /** The values as they lie on the topic, before any decoding. */
    static List<byte[]> valuesOn(String bootstrapServers, String topic) {
        Map<String, Object> config = KafkaClients.consumerConfig(bootstrapServers, "published-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            List<byte[]> values = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
