package io.dialright.platform.consumer;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.dialright.platform.db.DatabaseOutage;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.OutboxStore;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A consumer loop that applies each event exactly once in effect.
 *
 * <ul>
 *   <li>The event id goes into {@code processed_event} in the same transaction as the handler's effect; a
 *       redelivered event finds its id there and changes nothing. A handler that tells {@linkplain
 *       EventHandler#unapplied which events it has not applied} by its own rows is asked instead, and no id is
 *       recorded.</li>
 *   <li>Offsets are committed (auto-commit is off) only after the effects of the messages before them committed.</li>
 *   <li>A partition's polled batch is applied in one transaction; if anything in it fails, the batch is rolled back
 *       and its messages are applied one by one, so a bad message only ever costs itself.</li>
 *   <li>A message that still fails after {@code maxAttempts} tries, or is not an event at all, is parked: a
 *       {@code dead_letter} row and a {@code MessageParked} event (through the outbox, same transaction), and the
 *       partition moves on. A message of a topic that carries plaintext numbers is parked with its digits masked
 *       ({@link ParkedValues}). If even parking fails (the database is down), the consumer seeks back and tries the
 *       same message again later: nothing is skipped.</li>
 *   <li>A failure to reach the database ({@link DatabaseOutage}) is not the message's: it costs no attempt and
 *       never parks it. The consumer seeks back and tries again until the database answers, so an outage that
 *       ends between two attempts cannot turn valid events into dead letters.</li>
 * </ul>
 */
public final class IdempotentConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    /** How the consumer is named and how hard it tries. */
    public record Settings(String service, String groupId, Collection<String> topics, int maxAttempts,
                           Duration retryBackoff) {
    }

    private final Consumer<String, byte[]> consumer;
    private final Settings settings;
    private final TransactionRunner transactions;
    private final EventHandler handler;
    private final OutboxStore outbox = new OutboxStore();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private volatile long lastPoll = System.nanoTime();
    private boolean databaseOut;

    public IdempotentConsumer(Consumer<String, byte[]> consumer, Settings settings, TransactionRunner transactions,
                              EventHandler handler) {
        this.consumer = consumer;
        this.settings = settings;
        this.transactions = transactions;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.copyOf(settings.topics()));
            while (running.get()) {
                try {
                    pollOnce();
                    lastPoll = System.nanoTime();
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    // A failed commit (rebalance, broker outage) or poll must not end the loop: uncommitted
                    // messages come again and the processed-event table makes them no-ops.
                    LOG.warnf("%s: %s; polling again", settings.groupId(), describe(e));
                    pause(settings.retryBackoff().multipliedBy(settings.maxAttempts()));
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether the loop has polled within {@code window}: a stuck or dead consumer is not alive. */
    public boolean polledWithin(Duration window) {
        return running.get() && System.nanoTime() - lastPoll < window.toNanos();
    }

    public String groupId() {
        return settings.groupId();
    }

    /** Stops the loop from another thread; {@link #run()} returns after closing the Kafka consumer. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long parked() {
        return parked.get();
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            if (batch.size() > 1 && applyTogether(batch)) {
                long next = batch.get(batch.size() - 1).offset() + 1;
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
                continue;
            }
            Long next = null;
            for (ConsumerRecord<String, byte[]> record : batch) {
                if (!process(record)) {
                    consumer.seek(partition, record.offset());
                    pause(settings.retryBackoff().multipliedBy(settings.maxAttempts()));
                    break;
                }
                next = record.offset() + 1;
            }
            if (next != null) {
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
            }
        }
    }

    /**
     * The fast path: every message of a partition's batch in one transaction. Any failure rolls the whole batch
     * back and returns {@code false}; the caller then takes the messages one by one, which retries and parks the
     * culprit alone.
     */
    private boolean applyTogether(List<ConsumerRecord<String, byte[]>> batch) {
        int[] appliedNow = new int[1];
        try {
            List<EventEnvelope> events = batch.stream().map(record -> EventCodec.decode(record.value())).toList();
            transactions.inNewTransaction(connection -> {
                Set<UUID> fresh = unapplied(connection, events.stream().map(EventEnvelope::eventId).toList());
                List<EventEnvelope> unseen = new ArrayList<>(fresh.size());
                for (EventEnvelope event : events) {
                    // A batch may hold the same event twice (a producer's retry): apply it once.
                    if (fresh.remove(event.eventId())) {
                        unseen.add(event);
                    }
                }
                handler.handleAll(unseen, connection);
                appliedNow[0] = unseen.size();
            });
        } catch (Exception e) {
            LOG.debugf("%s: batch of %d failed, applying one by one: %s", settings.groupId(), batch.size(),
                    describe(e));
            return false;
        }
        applied.addAndGet(appliedNow[0]);
        duplicates.addAndGet(batch.size() - appliedNow[0]);
        databaseAnswers();
        return true;
    }

    /** {@code true} when the message is done with (applied, a duplicate, or parked). */
    private boolean process(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (InvalidEventException e) {
            return park(record, null, e.getMessage());
        }
        String lastError = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                apply(event);
                return true;
            } catch (InvalidEventException e) {
                return park(record, event.eventId(), e.getMessage());
            } catch (Exception e) {
                if (DatabaseOutage.isCauseOf(e)) {
                    reportOutage(e);
                    return false;
                }
                lastError = describe(e);
                LOG.debugf("%s: attempt %d of %d failed for event %s (%s): %s", settings.groupId(), attempt,
                        settings.maxAttempts(), event.eventId(), event.eventType(), lastError);
                if (attempt < settings.maxAttempts()) {
                    pause(settings.retryBackoff().multipliedBy(attempt));
                }
            }
        }
        return park(record, event.eventId(), lastError);
    }

    private void apply(EventEnvelope event) throws Exception {
        boolean[] fresh = new boolean[1];
        transactions.inNewTransaction(connection -> {
            fresh[0] = !unapplied(connection, List.of(event.eventId())).isEmpty();
            if (fresh[0]) {
                handler.handle(event, connection);
            }
        });
        (fresh[0] ? applied : duplicates).incrementAndGet();
        databaseAnswers();
    }

    /** The ids not applied before, as the handler tells or as recorded now in {@code processed_event}. */
    private Set<UUID> unapplied(Connection connection, List<UUID> eventIds) throws Exception {
        Set<UUID> unapplied = handler.unapplied(connection, eventIds);
        return unapplied != null ? new HashSet<>(unapplied)
                : ProcessedEvents.markProcessed(connection, settings.groupId(), eventIds);
    }

    private void databaseAnswers() {
        if (databaseOut) {
            databaseOut = false;
            LOG.infof("%s: the database answers again, consuming", settings.groupId());
        }
    }

    /** Once per outage: the consumer waits for the database and keeps its position. */
    private void reportOutage(Exception e) {
        if (!databaseOut) {
            databaseOut = true;
            LOG.warnf("%s: the database is out of reach, retrying the same message until it answers: %s",
                    settings.groupId(), describe(e));
        }
    }

    private boolean park(ConsumerRecord<String, byte[]> record, UUID eventId, String error) {
        ParkedMessage message = new ParkedMessage(settings.groupId(), record.topic(), record.partition(),
                record.offset(), ParkedValues.storableKey(record.topic(), record.key()), eventId,
                ParkedValues.storableValue(record.topic(), record.value()),
                ParkedValues.storableError(record.topic(), error));
        try {
            transactions.inNewTransaction(connection -> {
                if (ProcessedEvents.park(connection, settings.groupId(), message)) {
                    outbox.append(connection, Topics.DEAD_LETTERS, parkedEvent(message));
                }
            });
            parked.incrementAndGet();
            LOG.warnf("%s parked %s-%d@%d (event %s): %s", settings.groupId(), record.topic(), record.partition(),
                    record.offset(), eventId, message.error());
            return true;
        } catch (Exception e) {
            LOG.warnf("%s could not park %s-%d@%d, will retry: %s", settings.groupId(), record.topic(),
                    record.partition(), record.offset(), describe(e));
            return false;
        }
    }

    private EventEnvelope parkedEvent(ParkedMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("consumerGroup", message.consumerGroup());
        payload.put("topic", message.topic());
        payload.put("partition", message.partition());
        payload.put("offset", message.offset());
        payload.put("key", message.key());
        payload.put("eventId", message.eventId());
        payload.put("error", message.error());
        return EventEnvelope.create(settings.service(), "MessageParked", message.consumerGroup(),
                Actor.system(settings.service()), payload);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
