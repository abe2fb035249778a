package io.dialright.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.dialright.localstack.BenchmarkFigures;
import io.dialright.platform.consumer.IdempotentConsumer;
import io.dialright.platform.consumer.JdbcTransactionRunner;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.platform.kafka.TopicCreator;
import io.dialright.platform.outbox.MessagingFixture;
import io.dialright.platform.outbox.OutboxRelay;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Outbox end-to-end throughput next to the broker's raw throughput on the same machine, same run, same client
 * settings. Not part of the test suite: run it with
 * {@code ./mvnw -B -pl platform verify -Dtest=OutboxThroughputBenchmark -DexcludedGroups=none}; the figures are
 * printed and written
 * to {@code platform/target/benchmarks/outbox.txt}.
 *
 * <ul>
 *   <li><b>raw</b>: one producer sends N envelopes (acks=all, idempotent) while one consumer reads them; the clock
 *       runs from the first send to the last record read. It runs with lz4 batches (the production setting) and
 *       uncompressed, twice each after three of each to warm up, with the CPU this JVM (producer, broker, consumer)
 *       spent per event: what compression costs or saves. The ceiling is the first lz4 run.</li>
 *   <li><b>outbox</b>: one writer commits N state changes, each with its event, in its own transaction; the relay
 *       publishes them and the idempotent consumer applies them in the other service's database; the clock runs from
 *       the first commit to the last effect committed.</li>
 * </ul>
 */
@Tag("benchmark")
class OutboxThroughputBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    /** Concurrent writers, as a service commits from several request threads at once. */
    private static final int WRITERS = Integer.getInteger("bench.writers", 4);

    @Test
    void outboxThroughputAgainstRawKafka() throws Exception {
        try (MessagingFixture fixture = new MessagingFixture()) {
            warmUp(fixture);
            RawRun lz4 = rawProduceConsume(fixture, EVENTS, "lz4");
            RawRun none = rawProduceConsume(fixture, EVENTS, "none");
            RawRun lz4Again = rawProduceConsume(fixture, EVENTS, "lz4");
            RawRun noneAgain = rawProduceConsume(fixture, EVENTS, "none");
            double raw = lz4.perSecond();
            double commits = commitOnly(fixture, EVENTS);
            double drain = outboxEndToEnd(fixture, EVENTS, false);
            double outbox = outboxEndToEnd(fixture, EVENTS, true);
            String report = String.format(Locale.ROOT, """
                    events: %d (each ~%d bytes), %d writer threads
                    raw Kafka produce->consume (ceiling):        %6.0f events/s
                    writers' commits alone (state + outbox row):   %6.0f events/s
                    outbox backlog drain (relay->consume->apply): %6.0f events/s  ratio to raw %.2f
                    outbox end to end (commit->...->apply):       %6.0f events/s  ratio to raw %.2f
                    raw Kafka by batch compression (CPU of this JVM per event: producer, broker and consumer):
                      lz4:  %6.0f and %6.0f events/s, %5.1f and %5.1f us CPU per event
                      none: %6.0f and %6.0f events/s, %5.1f and %5.1f us CPU per event
                    """, EVENTS, EventCodec.encode(MessagingFixture.event("account-0000")).length, WRITERS, raw,
                    commits, drain, drain / raw, outbox, outbox / raw,
                    lz4.perSecond(), lz4Again.perSecond(), lz4.cpuMicrosPerEvent(), lz4Again.cpuMicrosPerEvent(),
                    none.perSecond(), noneAgain.perSecond(), none.cpuMicrosPerEvent(), noneAgain.cpuMicrosPerEvent());
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "outbox.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            String events = String.format(Locale.ROOT, "%,d events, %d writers", EVENTS, WRITERS);
            new BenchmarkFigures("outbox")
                    .add("raw_events_per_s", "raw Kafka produce → consume, " + events, raw, "events/s")
                    .add("writers_events_per_s", "writers alone (state change + outbox row), " + events, commits,
                            "events/s", "raw_events_per_s", null)
                    .add("drain_events_per_s", "outbox backlog drain (relay → consume → apply), " + events, drain,
                            "events/s", "raw_events_per_s", null)
                    .add("end_to_end_events_per_s", "outbox end to end (commit → … → apply), " + events, outbox,
                            "events/s", "raw_events_per_s", null)
                    .add("raw_lz4_cpu_us_per_event", "raw Kafka with lz4 batches: the JVM's CPU per event, mean of two",
                            (lz4.cpuMicrosPerEvent() + lz4Again.cpuMicrosPerEvent()) / 2, "µs")
                    .add("raw_none_cpu_us_per_event", "raw Kafka uncompressed: the JVM's CPU per event, mean of two",
                            (none.cpuMicrosPerEvent() + noneAgain.cpuMicrosPerEvent()) / 2, "µs")
                    .write(out.getParent());
            assertThat(outbox).isPositive();
        }
    }

    /** Until the JIT has compiled both codecs' paths: the first stages ran at half the rate of later ones. */
    private static void warmUp(MessagingFixture fixture) throws Exception {
        for (int i = 0; i < 3; i++) {
            rawProduceConsume(fixture, EVENTS, "lz4");
            rawProduceConsume(fixture, EVENTS, "none");
        }
    }

    /** The production settings of {@link KafkaClients}, but for the batches' compression. */
    private static Map<String, Object> producerConfig(MessagingFixture fixture, String clientId, String compression) {
        Map<String, Object> config = KafkaClients.producerConfig(fixture.broker.bootstrapServers(), clientId);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        return config;
    }

    /** A raw stage's rate, and the CPU this JVM (producer, broker, consumer) spent per event meanwhile. */
    private record RawRun(double perSecond, double cpuMicrosPerEvent) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static RawRun rawProduceConsume(MessagingFixture fixture, int events, String compression)
            throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID();
        createTopic(fixture, topic);
        List<byte[]> values = IntStream.range(0, events)
                .mapToObj(i -> EventCodec.encode(MessagingFixture.event("account-" + i))).toList();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumerConfig(
                fixture.broker.bootstrapServers(), "bench-raw-" + UUID.randomUUID()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     producerConfig(fixture, "bench-raw", compression))) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofMillis(100));
            long start = System.nanoTime();
            long cpuAtStart = processCpuNanos();
            Future<Long> done = reader.submit(() -> {
                int read = 0;
                while (read < events) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                    read += records.count();
                }
                return System.nanoTime();
            });
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(topic, "account-" + (i % 1000), values.get(i)));
            }
            producer.flush();
            long end = done.get();
            return new RawRun(events / ((end - start) / 1e9), (processCpuNanos() - cpuAtStart) / 1e3 / events);
        } finally {
            reader.shutdownNow();
        }
    }

    /** Commit rate of the writers alone (no relay): the ceiling of the producing side. */
    private static double commitOnly(MessagingFixture fixture, int events) throws Exception {
        String prefix = "commit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long start = System.nanoTime();
        commitConcurrently(fixture, prefix, events);
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * With {@code concurrent}, the relay and consumer run while the writers commit and the clock starts at the
     * first commit; without, the events are committed first and the clock starts when the relay does.
     */
    private static double outboxEndToEnd(MessagingFixture fixture, int events, boolean concurrent)
            throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        drainEarlierBacklog(fixture);
        startGroupAtTheEnd(fixture, "bench-consumer-" + prefix);
        if (!concurrent) {
            commitConcurrently(fixture, prefix, events);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ours = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producerConfig(fixture.broker.bootstrapServers(), "bench-relay"));
             IdempotentConsumer consumer = new IdempotentConsumer(
                     new KafkaConsumer<>(KafkaClients.consumerConfig(fixture.broker.bootstrapServers(),
                             "bench-consumer-" + prefix)),
                     new IdempotentConsumer.Settings("consumer-svc", "bench-consumer-" + prefix,
                             Set.of(MessagingFixture.TOPIC), 3, Duration.ofMillis(10)),
                     new JdbcTransactionRunner(fixture.consumerDb), (event, connection) -> {
                         MessagingFixture.applyEffect(event, connection);
                         if (event.key().startsWith(prefix)) {
                             ours.incrementAndGet();
                         }
                     })) {
            OutboxRelay relay = new OutboxRelay(fixture.producerDb, producer, "bench", 500);
            long start = System.nanoTime();
            threads.submit(() -> {
                while (running.get()) {
                    if (relay.relayOnce().batchSize() == 0) {
                        Thread.sleep(1);
                    }
                }
                return null;
            });
            threads.submit(consumer);
            if (concurrent) {
                commitConcurrently(fixture, prefix, events);
            }
            while (ours.get() < events) {
                Thread.sleep(2);
            }
            double rate = events / ((System.nanoTime() - start) / 1e9);
            assertThat(applied(fixture, prefix)).isEqualTo(events);
            return rate;
        } finally {
            running.set(false);
            threads.shutdown();
        }
    }

    private static void commitConcurrently(MessagingFixture fixture, String prefix, int events) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = writer; i < events; i += WRITERS) {
                        fixture.commitChange(prefix + i);
                    }
                    return null;
                }));
            }
            for (Future<Object> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** Commits the group's offsets at the end of the topic, so the stage's consumer reads only its own events. */
    private static void startGroupAtTheEnd(MessagingFixture fixture, String group) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.adminConfig(fixture.broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                partitions.put(new TopicPartition(MessagingFixture.TOPIC, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(partitions).all().get().forEach((partition, end) ->
                    ends.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }

    /** Publishes what an earlier stage left in the outbox, so a measurement relays only its own events. */
    private static void drainEarlierBacklog(MessagingFixture fixture) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producerConfig(fixture.broker.bootstrapServers(), "bench-drain"))) {
            OutboxRelay relay = new OutboxRelay(fixture.producerDb, producer, "bench", 500);
            while (relay.relayOnce().batchSize() > 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static long applied(MessagingFixture fixture, String prefix) {
        return fixture.count(fixture.consumerDb, "SELECT count(*) FROM effect WHERE account LIKE ?", prefix + "%");
    }

    private static void createTopic(MessagingFixture fixture, String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.adminConfig(fixture.broker.bootstrapServers()))) {
            TopicCreator.ensure(admin, List.of(topic), 3, (short) 1);
        }
    }
}
