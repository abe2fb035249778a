package io.dialright.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dialright.access.AccessTopic;
import io.dialright.access.Revocation;
import io.dialright.access.SubjectRevokedCodec;
import io.dialright.gateway.stub.GatewayKafkaResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the revocation topic from the start, decoding each record as the services do. */
final class AccessTopicReader {

    private AccessTopicReader() {
    }

    static Optional<Revocation> revocationOf(String subject) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, GatewayKafkaResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "access-reader-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(AccessTopic.NAME).stream()
                    .map(info -> new TopicPartition(AccessTopic.NAME, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Revocation found = null;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subject.equals(record.key())) {
                        found = SubjectRevokedCodec.decode(record.value());
                    }
                }
            }
            return Optional.ofNullable(found);
        }
    }
}
