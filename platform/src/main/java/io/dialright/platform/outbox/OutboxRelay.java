package io.dialright.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dialright.platform.events.EventHeaders;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and deletes a row only after the broker has acknowledged
 * it ({@code acks=all}, idempotent producer). A failed send stops the batch there, so later events of
 * the same key are not published ahead of it; it is retried on the next run. An event the broker refuses for good
 * (too large, invalid topic) is parked instead, with an error in the log, so it cannot block the service's outbox.
 * Delivery is at least once: consumers de-duplicate by event id.
 */
public final class OutboxRelay {

    /** The result of one run: how many events were acknowledged, and the error that stopped the batch, if any. */
    public record RunResult(int published, int batchSize, String error) {

        public boolean failed() {
            return error != null;
        }
    }

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String service;
    private final int batchSize;
    private final OutboxStore store = new OutboxStore();

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String service, int batchSize) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.service = service;
        this.batchSize = batchSize;
    }

    public RunResult relayOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                RunResult result = relay(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private RunResult relay(Connection connection) throws SQLException {
        if (!store.tryLockRelay(connection, service)) {
            return new RunResult(0, 0, null);
        }
        List<OutboxStore.PendingEvent> batch = store.lockBatch(connection, batchSize);
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (OutboxStore.PendingEvent event : batch) {
            Future<RecordMetadata> send = send(event);
            sends.add(send);
            if (send.isDone() && failureOf(send) != null) {
                // Refused before it left (no metadata: the broker is unreachable); the rest would wait as long.
                break;
            }
        }
        producer.flush();
        List<Long> acknowledged = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            OutboxStore.PendingEvent event = batch.get(i);
            Throwable failure = failureOf(sends.get(i));
            if (failure == null) {
                acknowledged.add(event.id());
            } else if (refusedForGood(failure)) {
                LOG.errorf("Outbox event %s (%s) parked, the broker refuses it: %s", event.eventId(),
                        event.eventType(), describe(failure));
                store.park(connection, event.id(), describe(failure));
            } else {
                store.deletePublished(connection, acknowledged);
                store.recordFailure(connection, event.id(), describe(failure));
                return new RunResult(acknowledged.size(), batch.size(), describe(failure));
            }
        }
        store.deletePublished(connection, acknowledged);
        return new RunResult(acknowledged.size(), batch.size(), null);
    }

    /**
     * Errors that no retry can cure and that concern this event alone. Anything else (timeouts, an unreachable or
     * unauthorised broker) stops the relay so that later events wait behind it in order.
     */
    private static boolean refusedForGood(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof SerializationException;
    }

    private Future<RecordMetadata> send(OutboxStore.PendingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            // Some failures (no metadata within max.block.ms) are thrown instead of completing the future.
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable failureOf(Future<RecordMetadata> send) {
        try {
            send.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
