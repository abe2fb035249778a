package io.dialright.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dialright.localstack.BenchmarkFigures;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.platform.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ceilings every other benchmark of a {@code ./dialright bench} run is set against, measured on the suite as the
 * system benchmarks run it (./dialright up's JVM options), with nothing else running:
 * <ul>
 *   <li>PostgreSQL: {@code pgbench -S} (one primary-key SELECT per transaction) and {@code COPY} into a narrow
 *       table (bigint, 64-character text, no index) through the JDBC CopyManager;</li>
 *   <li>the Kafka broker: raw produce → consume throughput of event envelopes (3 partitions), and the round trip of
 *       single records one at a time (p50/p99), both with the production client settings of {@link KafkaClients}
 *       (idempotent, acks=all, lz4, linger 5 ms);</li>
 *   <li>HTTP: {@code GET /q/health/live} of the gateway and of contact-service (no token, no database) with the
 *       client and concurrency of the other HTTP benchmarks.</li>
 * </ul>
 * <pre>
 * ./mvnw -B install -DskipTests
 * ./mvnw -B -pl system-tests verify -Dit.test=CeilingsBenchmarkIT -DexcludedGroups=none
 * </pre>
 * Properties: {@code bench.threads} (1,8,16: HTTP clients), {@code bench.warmup} (10 s), {@code bench.measure}
 * (20 s) per HTTP row, {@code bench.pgbench.threads} (8,16), {@code bench.pgbench.seconds} (30),
 * {@code bench.pgbench} (/usr/bin/pgbench), {@code bench.copy.rows} (1000000), {@code bench.kafka.events} (20000),
 * {@code bench.kafka.roundTrips} (2000). Report: {@code system-tests/target/benchmarks/ceilings.txt}, figures in
 * {@code ceilings.figures.tsv}. The test fails only if a measurement goes wrong (an HTTP error, a record lost).
 */
@Tag("benchmark")
class CeilingsBenchmarkIT {

    private static final List<Integer> THREADS = integers("bench.threads", "1,8,16");
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure", 20));
    private static final List<Integer> PGBENCH_THREADS = integers("bench.pgbench.threads", "8,16");
    private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbench.seconds", 30);
    private static final Path PGBENCH = Path.of(System.getProperty("bench.pgbench", "/usr/bin/pgbench"));
    private static final int COPY_ROWS = Integer.getInteger("bench.copy.rows", 1_000_000);
    private static final int KAFKA_EVENTS = Integer.getInteger("bench.kafka.events", 20_000);
    private static final int ROUND_TRIPS = Integer.getInteger("bench.kafka.roundTrips", 2_000);
    private static final Path OUT = Path.of("target", "benchmarks");

    @Test
    void ceilingsOfTheSameRun() throws Exception {
        Files.createDirectories(OUT);
        StringBuilder report = new StringBuilder("Ceilings, ").append(Instant.now()).append('\n')
                .append(BenchmarkEnvironment.machine(WARMUP, MEASURE)).append(BenchmarkEnvironment.code())
                .append('\n');
        BenchmarkFigures figures = new BenchmarkFigures("ceilings");
        try (LocalSuite suite = new LocalSuite(ServiceProcess::dialrightUpJavaOptions)) {
            List<Pgbench.Run> pgbench = Pgbench.measure(suite, new SuiteCpu(suite), PGBENCH_THREADS,
                    PGBENCH_SECONDS, PGBENCH);
            report.append(Pgbench.table(pgbench, PGBENCH_SECONDS)).append('\n');
            for (Pgbench.Run run : pgbench) {
                figures.add("pgbench_c" + run.clients() + "_tps", "pgbench -S, " + run.clients() + " clients, "
                        + PGBENCH_SECONDS + " s", run.tps() == null ? Double.NaN : run.tps(), "tps");
            }

            double copyRate = copyRowsPerSecond(suite);
            report.append(String.format(Locale.ROOT, "COPY of %,d rows (bigint, 64-character text; no index, no "
                    + "constraint) through the JDBC CopyManager, 100,000 rows per statement: %,.0f rows/s%n%n",
                    COPY_ROWS, copyRate));
            figures.add("copy_rows_per_s", String.format(Locale.ROOT, "PostgreSQL COPY into a narrow table, %,d "
                    + "rows", COPY_ROWS), copyRate, "rows/s");

            kafkaEventsPerSecond(suite, 2_000); // warm-up: the clients' JIT, the broker's first segments
            double kafkaRate = kafkaEventsPerSecond(suite, KAFKA_EVENTS);
            long[] roundTrips = kafkaRoundTripNanos(suite);
            report.append(String.format(Locale.ROOT, "Broker, KafkaClients settings (idempotent, acks=all, lz4, linger "
                    + "5 ms): raw produce → consume of %,d envelopes (3 partitions, after 2,000 warm-up) %,.0f "
                    + "events/s; single-record round trips (send one, consume it, then the next; %,d after 100 "
                    + "warm-up): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n%n", KAFKA_EVENTS, kafkaRate, ROUND_TRIPS,
                    millis(roundTrips, 0.50), millis(roundTrips, 0.99), roundTrips[roundTrips.length - 1] / 1e6));
            figures.add("kafka_raw_events_per_s", String.format(Locale.ROOT, "broker raw produce → consume, %,d "
                            + "envelopes, KafkaClients settings", KAFKA_EVENTS), kafkaRate, "events/s")
                    .add("kafka_round_trip_p50_ms", "broker single-record produce → consume round trip, p50",
                            millis(roundTrips, 0.50), "ms")
                    .add("kafka_round_trip_p99_ms", "broker single-record produce → consume round trip, p99",
                            millis(roundTrips, 0.99), "ms");

            report.append(String.format(Locale.ROOT, "GET /q/health/live (no token, no database), closed-loop "
                    + "clients with one keep-alive connection each; %d s warm-up, %d s measured per row:%n%n"
                    + "| target | clients | req/s | p50 ms | p99 ms | max ms | errors |%n|---|---:|---:|---:|---:|"
                    + "---:|---:|%n", WARMUP.toSeconds(), MEASURE.toSeconds()));
            long errors = 0;
            for (ServiceProcess target : List.of(suite.gateway, suite.contact)) {
                String name = target == suite.gateway ? "gateway" : "contact";
                HttpRequest live = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/q/health/live"))
                        .timeout(Duration.ofSeconds(30)).GET().build();
                for (int clients : THREADS) {
                    ClosedLoopLoad.Result run = ClosedLoopLoad.run(clients, WARMUP, MEASURE, () -> live);
                    report.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.1f | %s |%n",
                            target.name(), clients, run.perSecond(), run.p50Millis(), run.p99Millis(),
                            run.maxMillis(), run.errorCount() == 0 ? "0" : run.errors()));
                    errors += run.errorCount();
                    String row = target.name() + " GET /q/health/live, " + clients
                            + (clients == 1 ? " client" : " clients");
                    figures.add("http_" + name + "_c" + clients + "_per_s", row, run.perSecond(), "req/s")
                            .add("http_" + name + "_c" + clients + "_p99_ms", row + ", p99", run.p99Millis(), "ms");
                }
            }
            String text = report.toString();
            System.out.println(text);
            Files.writeString(OUT.resolve("ceilings.txt"), text, StandardCharsets.UTF_8);
            figures.write(OUT);
            assertThat(errors).as("failed health requests").isZero();
        }
    }

    /** Rows generated 100,000 at a time beforehand; only the COPY statements are timed. */
    private static double copyRowsPerSecond(LocalSuite suite) throws Exception {
        suite.postgres.createDatabases(List.of("ceiling"));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(suite.postgres.jdbcUrl("ceiling"));
        dataSource.setUser(suite.postgres.username());
        dataSource.setPassword(suite.postgres.password());
        long copyNanos = 0;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE copy_ceiling (id bigint NOT NULL, phone_hash text NOT NULL)");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < COPY_ROWS; from += 100_000) {
                StringBuilder rows = new StringBuilder();
                for (int i = from; i < Math.min(COPY_ROWS, from + 100_000); i++) {
                    rows.append(i).append('\t').append(String.format(Locale.ROOT, "%064x", i * 2_654_435_761L))
                            .append('\n');
                }
                long start = System.nanoTime();
                long copied = copy.copyIn("COPY copy_ceiling (id, phone_hash) FROM STDIN",
                        new StringReader(rows.toString()));
                copyNanos += System.nanoTime() - start;
                assertThat(copied).isEqualTo((long) Math.min(COPY_ROWS, from + 100_000) - from);
            }
            sql.execute("DROP TABLE copy_ceiling");
        }
        return COPY_ROWS / (copyNanos / 1e9);
    }

    /** One producer sends {@code events} envelopes while one consumer reads them: first send → last record read. */
    private static double kafkaEventsPerSecond(LocalSuite suite, int events) throws Exception {
        String topic = "ceiling-raw-" + UUID.randomUUID();
        createTopic(suite, topic, 3);
        List<byte[]> values = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String key = "contact-" + i;
            values.add(EventCodec.encode(EventEnvelope.create("ceilings", "CeilingProbe", key,
                    new Actor("operator-" + (i % 50), "operator", "team-a"),
                    Map.of("action", "VIEW", "subjectKey", UUID.randomUUID().toString(), "requestId", "r-" + i))));
        }
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumerConfig(
                suite.broker.bootstrapServers(), topic));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerConfig(
                     suite.broker.bootstrapServers(), topic))) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().size() < 3) {
                consumer.poll(Duration.ofMillis(100));
            }
            long start = System.nanoTime();
            Future<Long> lastRead = reader.submit(() -> {
                int read = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (read < events && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(100)).count();
                }
                assertThat(read).as("records read back").isEqualTo(events);
                return System.nanoTime();
            });
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(topic, "contact-" + (i % 1000), values.get(i)));
            }
            producer.flush();
            return events / ((lastRead.get() - start) / 1e9);
        } finally {
            reader.shutdownNow();
        }
    }

    /** Sends one record, waits until the consumer has it, then sends the next: the broker's own latency. */
    private static long[] kafkaRoundTripNanos(LocalSuite suite) throws Exception {
        String topic = "ceiling-latency-" + UUID.randomUUID();
        createTopic(suite, topic, 1);
        long[] nanos = new long[ROUND_TRIPS];
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumerConfig(
                suite.broker.bootstrapServers(), topic));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerConfig(
                     suite.broker.bootstrapServers(), topic))) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            byte[] value = EventCodec.encode(EventEnvelope.create("ceilings", "CeilingProbe", "contact-1",
                    new Actor("operator-1", "operator", "team-a"), Map.of("action", "VIEW")));
            for (int i = -100; i < ROUND_TRIPS; i++) {
                String key = Integer.toString(i);
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, key, value));
                awaitRecord(consumer, key);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void awaitRecord(KafkaConsumer<String, byte[]> consumer, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.key().equals(key)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("record " + key + " not consumed within 30 s");
    }

    private static void createTopic(LocalSuite suite, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.adminConfig(suite.broker.bootstrapServers()))) {
            TopicCreator.ensure(admin, List.of(topic), partitions, (short) 1);
        }
    }

    private static double millis(long[] sorted, double share) {
        return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)] / 1e6;
    }

    private static List<Integer> integers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip)
                .map(Integer::valueOf).toList();
    }
}
