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

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks a row published only after the broker has
 * acknowledged it ({@code acks=all}, idempotent producer). A failed send stops the batch there, so later events of
 * the same key are not published ahead of it; it is retried on the next run. Delivery is at least once: consumers
 * de-duplicate by event id.
 */
public final class OutboxRelay {

    /** The result of one run: how many events were acknowledged, and the error that stopped the batch, if any. */
    public record RunResult(int published, int batchSize, String error) {

        public boolean failed() {
            return error != null;
        }
    }

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
            if (send.isDone() && awaitAck(send) != null) {
                // Refused before it left (no metadata: the broker is unreachable); the rest would wait as long.
                break;
            }
        }
        producer.flush();
        List<Long> acknowledged = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            String error = awaitAck(sends.get(i));
            if (error != null) {
                store.markPublished(connection, acknowledged);
                store.recordFailure(connection, batch.get(i).id(), error);
                return new RunResult(acknowledged.size(), batch.size(), error);
            }
            acknowledged.add(batch.get(i).id());
        }
        store.markPublished(connection, acknowledged);
        return new RunResult(acknowledged.size(), batch.size(), null);
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

    private static String awaitAck(Future<RecordMetadata> send) {
        try {
            send.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the broker";
        }
    }
}
