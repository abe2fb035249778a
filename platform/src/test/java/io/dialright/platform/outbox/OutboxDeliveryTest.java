package io.dialright.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.dialright.platform.consumer.EventHandler;
import io.dialright.platform.consumer.IdempotentConsumer;
import io.dialright.platform.consumer.JdbcTransactionRunner;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox, its relay and the idempotent consumer between two services' databases, through a real broker.
 * Each test works on its own accounts, so the tests share one fixture in any order.
 */
class OutboxDeliveryTest {

    private static MessagingFixture fixture;
    private static final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private static final AtomicBoolean relaying = new AtomicBoolean(true);
    private static final ExecutorService threads = Executors.newCachedThreadPool();
    private static IdempotentConsumer consumer;
    /** How often the handler meets a (simulated) database outage before the database is back. */
    private static final int OUTAGE_FAILURES = 10;
    private static final AtomicInteger outageFailures = new AtomicInteger();
    private static KafkaProducer<String, byte[]> rawProducer;

    @BeforeAll
    static void startServices() throws Exception {
        fixture = new MessagingFixture();
        rawProducer = new KafkaProducer<>(KafkaClients.producerConfig(fixture.broker.bootstrapServers(), "raw"));
        producers.add(rawProducer);
        relayForever(fixture.producerDb, "producer-svc");
        relayForever(fixture.consumerDb, "consumer-svc");
        consumer = new IdempotentConsumer(
                new KafkaConsumer<>(KafkaClients.consumerConfig(fixture.broker.bootstrapServers(), "consumer-svc.t")),
                new IdempotentConsumer.Settings("consumer-svc", "consumer-svc.t", Set.of(MessagingFixture.TOPIC), 3,
                        Duration.ofMillis(10)),
                new JdbcTransactionRunner(fixture.consumerDb),
                (event, connection) -> {
                    if (event.key().startsWith("poison")) {
                        throw new IllegalStateException("this account cannot be processed");
                    }
                    if (event.key().startsWith("database-outage")
                            && outageFailures.getAndIncrement() < OUTAGE_FAILURES) {
                        // What the driver throws while PostgreSQL restarts under an open connection.
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    MessagingFixture.applyEffect(event, connection);
                });
        threads.submit(consumer);
    }

    @AfterAll
    static void stopServices() {
        relaying.set(false);
        consumer.close();
        threads.shutdown();
        producers.forEach(KafkaProducer::close);
        fixture.close();
    }

    @Test
    void committedEventReachesTheOtherServicesConsumer() throws Exception {
        UUID eventId = fixture.commitChange("alice");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(eventId)).isEqualTo(1));
        // Published, the row has left the outbox: it is in the broker, and kept nowhere twice.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fixture.count(fixture.producerDb,
                "SELECT count(*) FROM outbox_event WHERE event_id = ?", eventId)).isZero());
    }

    @Test
    void rolledBackTransactionProducesNoEvent() throws Exception {
        UUID rolledBack = fixture.rollBackChange("bob");
        UUID committedAfter = fixture.commitChange("bob");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(committedAfter)).isEqualTo(1));
        assertThat(effectsOf(rolledBack)).isZero();
        assertThat(fixture.count(fixture.producerDb, "SELECT count(*) FROM outbox_event WHERE event_id = ?",
                rolledBack)).isZero();
        assertThat(fixture.count(fixture.producerDb,
                "SELECT count(*) FROM account_change WHERE account = 'bob'")).isEqualTo(1);
    }

    @Test
    void changesCommittedWhileTheBrokerIsDownAreAllDeliveredExactlyOnceAfterItReturns() throws Exception {
        fixture.broker.stop();
        List<UUID> eventIds = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                eventIds.add(fixture.commitChange("outage-" + i));
            }
            assertThat(fixture.count(fixture.producerDb,
                    "SELECT count(*) FROM account_change WHERE account LIKE 'outage-%'")).isEqualTo(1000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(fixture.count(fixture.producerDb, "SELECT count(*) FROM outbox_event "
                            + "WHERE parked_at IS NULL AND attempts > 0 "
                            + "AND last_error IS NOT NULL"))
                            .isPositive());
        } finally {
            fixture.broker.start();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(fixture.count(fixture.consumerDb,
                        "SELECT count(*) FROM effect WHERE account LIKE 'outage-%'")).isEqualTo(1000));
        assertThat(fixture.count(fixture.consumerDb,
                "SELECT count(DISTINCT event_id) FROM effect WHERE account LIKE 'outage-%'")).isEqualTo(1000);
        assertThat(fixture.count(fixture.producerDb,
                "SELECT count(*) FROM outbox_event WHERE parked_at IS NULL")).isZero();
        for (UUID eventId : List.of(eventIds.get(0), eventIds.get(999))) {
            assertThat(effectsOf(eventId)).isEqualTo(1);
        }
    }

    @Test
    void eventsOfOneKeyArriveInCommitOrderEvenWhenTheFirstTransactionCommitsLast() throws Exception {
        EventEnvelope first = MessagingFixture.event("erin");
        EventEnvelope second = MessagingFixture.event("erin");
        OutboxStore store = new OutboxStore();
        try (Connection slow = fixture.producerDb.getConnection()) {
            slow.setAutoCommit(false);
            store.append(slow, MessagingFixture.TOPIC, first);
            Future<?> fast = threads.submit(() -> {
                try (Connection connection = fixture.producerDb.getConnection()) {
                    connection.setAutoCommit(false);
                    store.append(connection, MessagingFixture.TOPIC, second);
                    connection.commit();
                }
                return null;
            });
            // The second writer of the key waits for the first one's transaction, whatever the threads do.
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.count(fixture.producerDb,
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1);
            slow.commit();
            fast.get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(second.eventId())).isEqualTo(1));
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM effect a JOIN effect b "
                + "ON a.event_id = ? AND b.event_id = ? WHERE a.id < b.id", first.eventId(), second.eventId()))
                .as("the first event was applied before the second").isEqualTo(1);
    }

    @Test
    void eventsWrittenTogetherKeepEachKeysCommitOrderToo() throws Exception {
        EventEnvelope first = MessagingFixture.event("hana");
        EventEnvelope second = MessagingFixture.event("hana");
        EventEnvelope batchHead = MessagingFixture.event("jack");
        EventEnvelope meanwhile = MessagingFixture.event("lena");
        OutboxStore store = new OutboxStore();
        try (Connection slow = fixture.producerDb.getConnection()) {
            slow.setAutoCommit(false);
            store.appendAll(slow, MessagingFixture.TOPIC, List.of(MessagingFixture.event("ivan"), first));
            Future<?> fast = threads.submit(() -> {
                try (Connection connection = fixture.producerDb.getConnection()) {
                    connection.setAutoCommit(false);
                    store.appendAll(connection, MessagingFixture.TOPIC,
                            List.of(batchHead, second, MessagingFixture.event("kira")));
                    connection.commit();
                }
                return null;
            });
            // The batch waits at the key the other transaction holds ...
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.count(fixture.producerDb,
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 1);
            // ... before any of its ids is drawn: an event written meanwhile gets a smaller id than all of them.
            try (Connection other = fixture.producerDb.getConnection()) {
                store.append(other, MessagingFixture.TOPIC, meanwhile);
            }
            slow.commit();
            fast.get(10, TimeUnit.SECONDS);
        }

        assertThat(fixture.count(fixture.producerDb, "SELECT count(*) FROM outbox_event a JOIN outbox_event b "
                + "ON a.event_id = ? AND b.event_id = ? WHERE a.id < b.id", meanwhile.eventId(), batchHead.eventId()))
                .as("no id of the waiting batch was drawn before its locks were held").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(second.eventId())).isEqualTo(1));
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM effect a JOIN effect b "
                + "ON a.event_id = ? AND b.event_id = ? WHERE a.id < b.id", first.eventId(), second.eventId()))
                .as("the first event of the key was applied before the second").isEqualTo(1);
    }

    @Test
    void eventTheBrokerRefusesForGoodIsParkedAndDoesNotBlockTheOutbox() throws Exception {
        EventEnvelope tooLarge = EventEnvelope.create("producer-svc", "AccountChanged", "frank",
                Actor.system("producer-svc"), Map.of("account", "frank", "blob", "x".repeat(1_100_000)));
        try (Connection connection = fixture.producerDb.getConnection()) {
            connection.setAutoCommit(false);
            new OutboxStore().append(connection, MessagingFixture.TOPIC, tooLarge);
            connection.commit();
        }
        UUID after = fixture.commitChange("frank");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(after)).isEqualTo(1));
        assertThat(fixture.count(fixture.producerDb, "SELECT count(*) FROM outbox_event WHERE event_id = ? "
                + "AND parked_at IS NOT NULL AND last_error LIKE 'RecordTooLargeException%'", tooLarge.eventId()))
                .isEqualTo(1);
    }

    @Test
    void sameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        EventEnvelope event = MessagingFixture.event("carol");
        EventEnvelope next = MessagingFixture.event("carol");
        long duplicatesBefore = consumer.duplicates();

        sendRaw("carol", EventCodec.encode(event));
        sendRaw("carol", EventCodec.encode(event));
        sendRaw("carol", EventCodec.encode(next));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(next.eventId())).isEqualTo(1));
        assertThat(effectsOf(event.eventId())).isEqualTo(1);
        assertThat(consumer.duplicates()).isGreaterThan(duplicatesBefore);
    }

    @Test
    void aHandlerThatKnowsWhichEventsItAppliedGetsEachOnceAndNoProcessedIdIsKept() throws Exception {
        try (Connection connection = fixture.consumerDb.getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE keyed_effect (event_id uuid PRIMARY KEY)");
        }
        String group = "consumer-svc.keyed";
        IdempotentConsumer keyed = new IdempotentConsumer(
                new KafkaConsumer<>(KafkaClients.consumerConfig(fixture.broker.bootstrapServers(), group)),
                new IdempotentConsumer.Settings("consumer-svc", group, Set.of(MessagingFixture.TOPIC), 3,
                        Duration.ofMillis(10)),
                new JdbcTransactionRunner(fixture.consumerDb), new KeyedEffect());
        threads.submit(keyed);
        EventEnvelope event = MessagingFixture.event("dave");
        EventEnvelope next = MessagingFixture.event("dave");
        try {
            sendRaw("dave", EventCodec.encode(event));
            sendRaw("dave", EventCodec.encode(event));
            sendRaw("dave", EventCodec.encode(next));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.count(fixture.consumerDb,
                    "SELECT count(*) FROM keyed_effect WHERE event_id = ?", next.eventId())).isEqualTo(1));
        } finally {
            keyed.close();
        }
        // Applied once without the primary key ever refusing a second insert (that would have parked the event).
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM keyed_effect WHERE event_id = ?",
                event.eventId())).isEqualTo(1);
        // (The group also read the other tests' messages from the start, their poison ones included.)
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE consumer_group = ? "
                + "AND event_id = ?", group, event.eventId())).isZero();
        assertThat(keyed.duplicates()).isPositive();
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM processed_event WHERE consumer_group = ?",
                group)).isZero();
    }

    /** An effect that is its own record of the events applied: one row per event id. */
    private static final class KeyedEffect implements EventHandler {

        @Override
        public void handle(EventEnvelope event, Connection connection) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO keyed_effect (event_id) VALUES (?)")) {
                insert.setObject(1, event.eventId());
                insert.executeUpdate();
            }
        }

        @Override
        public Set<UUID> unapplied(Connection connection, List<UUID> eventIds) throws SQLException {
            Set<UUID> unapplied = new HashSet<>(eventIds);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_id FROM keyed_effect WHERE event_id = ANY (?)")) {
                select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        unapplied.remove(rows.getObject(1, UUID.class));
                    }
                }
            }
            return unapplied;
        }
    }

    @Test
    void poisonMessagesAreParkedAndTheNextMessageIsProcessed() throws Exception {
        EventEnvelope failing = MessagingFixture.event("poison-dave");
        EventEnvelope next = MessagingFixture.event("dave-after-poison");

        sendRaw("poison-dave", "this is not JSON".getBytes(StandardCharsets.UTF_8));
        sendRaw("poison-dave", EventCodec.encode(failing));
        sendRaw("poison-dave", EventCodec.encode(next));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(next.eventId())).isEqualTo(1));
        assertThat(effectsOf(failing.eventId())).isZero();
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE message_key = "
                + "'poison-dave' AND error LIKE 'not a Dialright event envelope%'")).isEqualTo(1);
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE event_id = ? "
                + "AND error LIKE '%this account cannot be processed%'", failing.eventId())).isEqualTo(1);
        assertThat(parkedEventsOnTheDeadLetterTopic()).anySatisfy(parked ->
                assertThat(parked.payload().get("eventId").asText()).isEqualTo(failing.eventId().toString()));
    }

    @Test
    void aMessageThatMeetsADatabaseOutageIsAppliedOnceTheDatabaseAnswersAndIsNeverParked() throws Exception {
        EventEnvelope event = MessagingFixture.event("database-outage-grace");

        sendRaw("database-outage-grace", EventCodec.encode(event));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(event.eventId())).isEqualTo(1));
        // Far more failures than the consumer's 3 attempts: none of them counted against the message.
        assertThat(outageFailures.get()).isGreaterThan(OUTAGE_FAILURES);
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE event_id = ?",
                event.eventId())).isZero();
    }

    /**
     * A key with the NUL character, which PostgreSQL cannot store as text: the message is parked all the same and
     * the partition moves on. Parking used to fail on the key, so the consumer retried the message forever.
     */
    @Test
    void poisonMessageWithANulInItsKeyIsParkedAndItsPartitionMovesOn() throws Exception {
        String key = "poison-\u0000-erin";
        EventEnvelope failing = MessagingFixture.event("poison-erin");
        EventEnvelope next = MessagingFixture.event("erin-after-poison");

        sendRaw(key, EventCodec.encode(failing));
        sendRaw(key, EventCodec.encode(next));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(effectsOf(next.eventId())).isEqualTo(1));
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE event_id = ? "
                + "AND message_key = ?", failing.eventId(), "poison-\uFFFD-erin")).isEqualTo(1);
    }

    private static long effectsOf(UUID eventId) {
        return fixture.count(fixture.consumerDb, "SELECT count(*) FROM effect WHERE event_id = ?", eventId);
    }

    /** Sends a record as a misbehaving or repeating producer would: no outbox involved. */
    private static void sendRaw(String key, byte[] value) throws Exception {
        rawProducer.send(new ProducerRecord<>(MessagingFixture.TOPIC, key, value)).get();
    }

    private static List<EventEnvelope> parkedEventsOnTheDeadLetterTopic() {
        List<EventEnvelope> parked = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(KafkaClients.consumerConfig(
                fixture.broker.bootstrapServers(), "dead-letter-reader-" + UUID.randomUUID()))) {
            reader.subscribe(List.of(Topics.DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    parked.add(EventCodec.decode(record.value()));
                }
                return parked.size() >= 2;
            });
        }
        return parked;
    }

    private static void relayForever(DataSource db, String service) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producerConfig(fixture.broker.bootstrapServers(), service + "-outbox"));
        producers.add(producer);
        OutboxRelay relay = new OutboxRelay(db, producer, service, 200);
        threads.submit(() -> {
            while (relaying.get()) {
                try {
                    OutboxRelay.RunResult result = relay.relayOnce();
                    if (result.failed()) {
                        System.out.println(service + " relay: " + result.error());
                    }
                    if (result.batchSize() == 0 || result.failed()) {
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    System.out.println(service + " relay failed: " + e);
                    Thread.sleep(50);
                }
            }
            return null;
        });
    }
}
