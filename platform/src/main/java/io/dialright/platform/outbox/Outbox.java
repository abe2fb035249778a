package io.dialright.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The only way a service publishes an event: the event row is written in the caller's transaction, so it exists
 * exactly when the state change it announces does. The relay sends it after commit.
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSignal signal;
    private final String service;
    private final OutboxStore store = new OutboxStore();

    public Outbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxSignal signal,
                  @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.signal = signal;
        this.service = service;
    }

    /**
     * An event to record with others of the same topic and type: its key, who caused it, what it says, and when it
     * happened if that was before it is written ({@code null}: now).
     */
    public record Publication(String key, Actor actor, Object payload, Instant occurredAt) {

        public Publication(String key, Actor actor, Object payload) {
            this(key, actor, payload, null);
        }
    }

    /**
     * Records an event in the current transaction.
     *
     * @param key the aggregate id (Kafka key): the contact id, or the number's blind index where no contact exists
     * @return the event id
     * @throws IllegalStateException when called outside a transaction: that would be "save then send"
     */
    public UUID publish(String topic, String eventType, String key, Actor actor, Object payload) {
        return publishAll(topic, eventType, List.of(new Publication(key, actor, payload))).get(0);
    }

    /**
     * Records events of one topic and type in the current transaction, in their order, written together (one
     * statement); the event ids in the same order.
     *
     * @throws IllegalStateException when called outside a transaction: that would be "save then send"
     */
    public List<UUID> publishAll(String topic, String eventType, List<Publication> publications) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Events are written in the transaction of the state change they "
                    + "announce; " + eventType + " was published outside a transaction");
        }
        if (publications.isEmpty()) {
            return List.of();
        }
        List<EventEnvelope> envelopes = publications.stream().map(publication -> {
            EventEnvelope envelope = EventEnvelope.create(service, eventType, publication.key(), publication.actor(),
                    publication.payload());
            return publication.occurredAt() == null ? envelope : envelope.occurredAt(publication.occurredAt());
        }).toList();
        try (Connection connection = dataSource.getConnection()) {
            store.appendAll(connection, topic, envelopes);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + eventType + " to the outbox", e);
        }
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(signal));
        return envelopes.stream().map(EventEnvelope::eventId).toList();
    }

    private record WakeRelayOnCommit(OutboxSignal signal) implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                signal.committed();
            }
        }
    }
}
