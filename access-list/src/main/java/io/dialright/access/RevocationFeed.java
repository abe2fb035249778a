package io.dialright.access;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps a {@link RevocationList} current from {@link AccessTopic#NAME} on one daemon thread with its own consumer.
 *
 * <p>No consumer group: every process must read every partition from the beginning, so it assigns them itself and
 * commits nothing. It captures the end offsets once it reaches the broker, reads up to them and then marks the list
 * {@link RevocationList#loaded() loaded}; after that it keeps polling, so a new revocation applies within a poll.
 * Broker errors are retried after a back-off; a broker that goes away after loading leaves the last known list in
 * force (refusing everyone would take the whole company offline). A record that is not a valid
 * {@code SubjectRevoked} is logged by position, never by content, and skipped.
 *
 * <p>Partitions added to the topic while the process runs are read after its next start.
 */
public final class RevocationFeed implements AutoCloseable {

    /**
     * @param bootstrapServers  the Kafka brokers
     * @param clientId          names the consumer in the broker's logs, e.g. {@code contact-service-revocations}
     * @param createTopic       whether to create the topic (compacted) when it is missing
     * @param partitions        partitions of a topic created here
     * @param replicationFactor replication factor of a topic created here
     * @param retryBackoff      pause after a broker error before the next try
     */
    public record Settings(String bootstrapServers, String clientId, boolean createTopic, int partitions,
                           short replicationFactor, Duration retryBackoff) {
    }

    /**
     * What the feed knows about itself, for health checks: {@code error} is the last failure while it lasts
     * ({@code null} once a poll succeeds again), {@code skipped} counts records that were not valid revocations.
     */
    public record Status(boolean loaded, boolean running, int revokedSubjects, long skipped, String error,
                         Instant lastPollAt) {
    }

    private static final System.Logger LOG = System.getLogger(RevocationFeed.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final RevocationList list;
    private final Settings settings;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong skipped = new AtomicLong();
    private volatile Consumer<String, byte[]> consumer;
    private volatile String error;
    private volatile Instant lastPollAt;

    private RevocationFeed(RevocationList list, Settings settings) {
        this.list = list;
        this.settings = settings;
        this.thread = new Thread(this::run, settings.clientId());
        this.thread.setDaemon(true);
    }

    /** Starts following the topic into {@code list}; {@link #close()} stops it. */
    public static RevocationFeed start(RevocationList list, Settings settings) {
        RevocationFeed feed = new RevocationFeed(list, settings);
        feed.thread.start();
        return feed;
    }

    public Status status() {
        return new Status(list.loaded(), thread.isAlive() && stopped.getCount() > 0, list.size(), skipped.get(),
                error, lastPollAt);
    }

    /** Stops the thread and closes the consumer; waits up to ten seconds. */
    @Override
    public void close() {
        stopped.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!isStopped()) {
            try (Consumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig())) {
                consumer = kafka;
                follow(kafka);
            } catch (Exception e) {
                // The consumer could not even be created, e.g. the broker's name does not resolve yet.
                failed(e);
                pause();
            }
        }
    }

    /** Creates the topic if asked to, reads it up to the end offsets of start-up, then keeps polling until closed. */
    private void follow(Consumer<String, byte[]> kafka) {
        boolean topicReady = !settings.createTopic();
        Map<TopicPartition, Long> endOffsetsAtStart = null;
        while (!isStopped()) {
            try {
                if (!topicReady) {
                    createTopic();
                    topicReady = true;
                }
                if (endOffsetsAtStart == null) {
                    endOffsetsAtStart = assignFromBeginning(kafka);
                }
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    apply(record);
                }
                lastPollAt = Instant.now();
                if (!list.loaded() && reached(endOffsetsAtStart, kafka)) {
                    list.markLoaded();
                    LOG.log(System.Logger.Level.INFO, "Revocations loaded from {0}: {1} revoked subject(s)",
                            AccessTopic.NAME, list.size());
                }
                recovered();
            } catch (WakeupException e) {
                // close() was called; the loop condition ends the thread.
            } catch (Exception e) {
                failed(e);
                pause();
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000))) {
            AccessTopic.ensure(admin, settings.partitions(), settings.replicationFactor());
        }
    }

    /** Assigns every partition, positioned at its beginning; returns the end offsets to read up to. */
    private Map<TopicPartition, Long> assignFromBeginning(Consumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(AccessTopic.NAME, REQUEST_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + AccessTopic.NAME + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        return Map.copyOf(kafka.endOffsets(partitions, REQUEST_TIMEOUT));
    }

    private static boolean reached(Map<TopicPartition, Long> endOffsets, Consumer<String, byte[]> kafka) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (kafka.position(end.getKey(), REQUEST_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            Revocation revocation = SubjectRevokedCodec.decode(record.value());
            if (record.key() != null && !record.key().equals(revocation.subject())) {
                // Applied all the same: refusing the payload's subject is the safe side of a producer's mistake.
                LOG.log(System.Logger.Level.WARNING, "Record {0}-{1}@{2}: its key is not payload.subject; "
                        + "applied for payload.subject", record.topic(), record.partition(), record.offset());
            }
            list.apply(revocation);
        } catch (InvalidRevocationException e) {
            skipped.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Skipped record {0}-{1}@{2}: {3}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void failed(Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (error == null) {
            LOG.log(System.Logger.Level.WARNING, "Revocation feed cannot read {0}, retrying every {1} ms ({2}): {3}",
                    AccessTopic.NAME, settings.retryBackoff().toMillis(),
                    list.loaded() ? "the last known list stays in force" : "not loaded yet", message);
        }
        error = message;
    }

    private void recovered() {
        if (error != null) {
            LOG.log(System.Logger.Level.INFO, "Revocation feed reads {0} again", AccessTopic.NAME);
            error = null;
        }
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void pause() {
        try {
            stopped.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }
}
