package io.dialright.gateway.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the gateway's events in the Dialright envelope ({@code eventId, eventType, schemaVersion, occurredAt,
 * producer, key, actor?, payload}; {@code eventId}/{@code eventType} also as headers). The gateway has no database
 * and so no outbox: an event is sent straight to the broker with an idempotent {@code acks=all} producer, and the
 * caller learns from the returned stage whether the broker has it.
 *
 * <p>{@code KafkaProducer.send} may block while it looks up the topic, which must never happen on an event loop,
 * so sends run on a thread with a bounded queue; when the queue is full the event is refused at once. Audit events
 * and revocations have a thread each, so a flood of denials can never delay or crowd out an administrator's
 * revocation.
 */
@Singleton
public class EventPublisher {

    public static final String PRODUCER = "gateway";
    private static final int QUEUE = 10_000;

    private final KafkaProducer<String, byte[]> producer;
    private final ThreadPoolExecutor auditSender = sender("gateway-audit-sender");
    private final ThreadPoolExecutor revocationSender = sender("gateway-revocation-sender");

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, PRODUCER,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends one event; the stage completes when the broker acknowledged it, or fails (broker unreachable within
     * about 15 s, or the send queue full).
     *
     * @param actor {@code {subject, role, team}} or {@code null} for an anonymous caller
     */
    public CompletionStage<Void> publish(String topic, String eventType, String key, JsonObject actor,
                                         JsonObject payload) {
        String eventId = UUID.randomUUID().toString();
        JsonObject envelope = new JsonObject()
                .put("eventId", eventId)
                .put("eventType", eventType)
                .put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString())
                .put("producer", PRODUCER)
                .put("key", key);
        if (actor != null) {
            envelope.put("actor", actor);
        }
        envelope.put("payload", payload);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                envelope.encode().getBytes(StandardCharsets.UTF_8));
        record.headers().add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("eventType", eventType.getBytes(StandardCharsets.UTF_8));
        return send(record, auditSender);
    }

    /** Sends a revocation (access-list's {@code SubjectRevoked}) on its own thread; completes when acknowledged. */
    public CompletionStage<Void> sendRevocation(ProducerRecord<String, byte[]> record) {
        return send(record, revocationSender);
    }

    private CompletionStage<Void> send(ProducerRecord<String, byte[]> record, ThreadPoolExecutor sender) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, failure) -> {
                        if (failure == null) {
                            acknowledged.complete(null);
                        } else {
                            acknowledged.completeExceptionally(failure);
                        }
                    });
                } catch (RuntimeException failure) {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException full) {
            acknowledged.completeExceptionally(full);
        }
        return acknowledged;
    }

    /** The actor of an event, as the services write it: roles comma-separated and sorted. */
    public static JsonObject actor(String subject, Iterable<String> sortedRoles, String team) {
        JsonObject actor = new JsonObject().put("subject", subject).put("role", String.join(",", sortedRoles));
        if (team != null) {
            actor.put("team", team);
        }
        return actor;
    }

    private static ThreadPoolExecutor sender(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        auditSender.shutdown();
        revocationSender.shutdown();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
