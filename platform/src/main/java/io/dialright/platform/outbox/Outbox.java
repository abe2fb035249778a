package io.dialright.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
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
     * Records an event in the current transaction.
     *
     * @param key the aggregate id (Kafka key): the contact id, or the number's blind index where no contact exists
     * @return the event id
     * @throws IllegalStateException when called outside a transaction: that would be "save then send"
     */
    public UUID publish(String topic, String eventType, String key, Actor actor, Object payload) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Events are written in the transaction of the state change they "
                    + "announce; " + eventType + " was published outside a transaction");
        }
        EventEnvelope envelope = EventEnvelope.create(service, eventType, key, actor, payload);
        try (Connection connection = dataSource.getConnection()) {
            store.append(connection, topic, envelope);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + eventType + " to the outbox", e);
        }
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(signal));
        return envelope.eventId();
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
