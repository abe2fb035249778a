package io.dialright.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.dialright.localstack.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed against a real broker (KRaft, in this JVM). Tests share one broker and its topic, so each revokes
 * subjects of its own; the outage test has a broker of its own that it starts and stops.
 */
class RevocationFeedTest {

    private static final Revoker ADMIN = new Revoker("admin-1", List.of("admin"), null);

    private static EmbeddedKafkaBroker broker;
    private final List<RevocationFeed> feeds = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaBroker(Files.createTempDirectory("access-list-kafka"), 0, 0);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @AfterEach
    void closeFeeds() {
        feeds.forEach(RevocationFeed::close);
    }

    @Test
    void revocationsPublishedBeforeStartAreAllAppliedWhenTheListSaysLoaded() throws Exception {
        String dismissed = subject("dismissed");
        String dismissedTwice = subject("dismissed-twice");
        Instant firstTime = Instant.now().minus(Duration.ofDays(2));
        Instant secondTime = Instant.now().minus(Duration.ofDays(1));
        publish(broker, new Revocation(dismissedTwice, firstTime, "dismissed"));
        publish(broker, new Revocation(dismissed, firstTime, "dismissed"));
        publish(broker, new Revocation(dismissedTwice, secondTime, "dismissed again"));

        RevocationList list = new RevocationList();
        follow(broker, list);

        assertThat(list.awaitLoaded(Duration.ofSeconds(30))).isTrue();
        // No waiting past this point: "loaded" must mean every record up to the end offsets is applied.
        assertThat(list.isRevoked(dismissed, firstTime.getEpochSecond())).isTrue();
        assertThat(list.isRevoked(dismissedTwice, secondTime.getEpochSecond())).isTrue();
        assertThat(list.refusing(dismissedTwice, null)).get().extracting(Revocation::reason)
                .isEqualTo("dismissed again");
        assertThat(list.isRevoked(subject("never-revoked"), null)).isFalse();
    }

    @Test
    void aRevocationPublishedWhileRunningAppliesWithinAPoll() throws Exception {
        RevocationList list = new RevocationList();
        follow(broker, list);
        assertThat(list.awaitLoaded(Duration.ofSeconds(30))).isTrue();
        String dismissed = subject("dismissed-now");
        assertThat(list.isRevoked(dismissed, null)).isFalse();

        Instant effective = Instant.now();
        publish(broker, new Revocation(dismissed, effective, "dismissed"));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> list.isRevoked(dismissed, effective.getEpochSecond()));
    }

    @Test
    void aRecordThatIsNotASubjectRevokedIsSkippedAndTheFeedGoesOn() throws Exception {
        RevocationList list = new RevocationList();
        RevocationFeed feed = follow(broker, list);
        assertThat(list.awaitLoaded(Duration.ofSeconds(30))).isTrue();
        long skippedBefore = feed.status().skipped();
        String dismissed = subject("after-garbage");

        publishRaw(broker, subject("garbage"), "not an envelope".getBytes(StandardCharsets.UTF_8));
        publishRaw(broker, subject("tombstone"), null);
        publish(broker, new Revocation(dismissed, Instant.now(), "dismissed"));

        await().atMost(Duration.ofSeconds(5)).until(() -> list.isRevoked(dismissed, null));
        assertThat(feed.status().skipped()).isEqualTo(skippedBefore + 2);
        assertThat(feed.status().running()).isTrue();
    }

    @Test
    void theFeedCreatesTheTopicCompactedWithTheGivenPartitions() throws Exception {
        RevocationList list = new RevocationList();
        follow(broker, list);
        assertThat(list.awaitLoaded(Duration.ofSeconds(30))).isTrue();

        try (Admin admin = admin(broker)) {
            assertThat(AccessTopic.cleanupPolicy(admin)).isEqualTo("compact");
            assertThat(admin.describeTopics(Set.of(AccessTopic.NAME)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(AccessTopic.NAME).partitions()).hasSize(2);
        }
    }

    @Test
    void theListIsNotLoadedUntilTheBrokerAnswersAndSurvivesAnOutageAfterwards() throws Exception {
        try (EmbeddedKafkaBroker late = new EmbeddedKafkaBroker(
                Files.createTempDirectory("access-list-late-kafka"), 0, 0)) {
            RevocationList list = new RevocationList();
            RevocationFeed feed = follow(late, list);

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> !list.loaded() && !feed.status().loaded());
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.status().error() != null);

            late.start();
            assertThat(list.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            String before = subject("before-outage");
            publish(late, new Revocation(before, Instant.now(), "dismissed"));
            await().atMost(Duration.ofSeconds(5)).until(() -> list.isRevoked(before, null));

            late.stop();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> list.loaded() && list.isRevoked(before, null));

            late.start();
            String after = subject("after-outage");
            publish(late, new Revocation(after, Instant.now(), "dismissed"));
            await().atMost(Duration.ofSeconds(30)).until(() -> list.isRevoked(after, null));
            assertThat(list.isRevoked(before, null)).isTrue();
        }
    }

    private RevocationFeed follow(EmbeddedKafkaBroker kafka, RevocationList list) {
        RevocationFeed feed = RevocationFeed.start(list, new RevocationFeed.Settings(kafka.bootstrapServers(),
                "revocations-test-" + UUID.randomUUID(), true, 2, (short) 1, Duration.ofMillis(200)));
        feeds.add(feed);
        return feed;
    }

    private static String subject(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void publish(EmbeddedKafkaBroker kafka, Revocation revocation) throws Exception {
        send(kafka, SubjectRevokedCodec.record(revocation, ADMIN, "access-list-test"));
    }

    private static void publishRaw(EmbeddedKafkaBroker kafka, String key, byte[] value) throws Exception {
        send(kafka, new ProducerRecord<>(AccessTopic.NAME, key, value));
    }

    private static void send(EmbeddedKafkaBroker kafka, ProducerRecord<String, byte[]> record) throws Exception {
        try (Admin admin = admin(kafka)) {
            AccessTopic.ensure(admin, 2, (short) 1);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(EmbeddedKafkaBroker kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
