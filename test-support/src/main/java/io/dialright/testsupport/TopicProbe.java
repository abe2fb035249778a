package io.dialright.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;


import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.EventHeaders;
import io.dialright.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

/**
 * Watches a topic of the test broker from the moment it is created, as a subscribing system would, and publishes
 * events onto a topic as another service's outbox relay would.
 */
public final class TopicProbe implements AutoCloseable {

    /** A record as it arrived: key, envelope and the {@code eventType} header. */
    public record Received(String key, EventEnvelope event, String eventTypeHeader) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    private TopicProbe(String topic) {
        consumer = new KafkaConsumer<>(KafkaClients.consumerConfig(KafkaResource.broker().bootstrapServers(),
                "probe-" + UUID.randomUUID()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Starts watching now: only records published after this call are seen. */
    public static TopicProbe fromNow(String topic) {
        return new TopicProbe(topic);
    }

    /** Waits (at most {@code timeout}) for a record whose envelope matches. */
    public Received await(Predicate<EventEnvelope> match, Duration timeout) {
        Received[] found = new Received[1];
        Awaitility.await().atMost(timeout).until(() -> {
            pollOnce();
            found[0] = received.stream().filter(record -> match.test(record.event())).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Header header = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
            received.add(new Received(record.key(), EventCodec.decode(record.value()),
                    header == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
        }
    }

    /** Publishes an envelope with its key and headers, exactly as an outbox relay does. */
    public static void publish(String topic, EventEnvelope event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), EventCodec.encode(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    /** Sends a record built elsewhere, e.g. by access-list's {@code SubjectRevokedCodec}, and waits for the ack. */
    public static void send(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerConfig(
                KafkaResource.broker().bootstrapServers(), "test-publisher"))) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
