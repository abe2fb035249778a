package io.dialright.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.dialright.localstack.Rows;
import io.dialright.platform.events.Actor;
import io.dialright.platform.outbox.Outbox;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The outbox row joins the service's JTA transaction: it commits with the state change and disappears with a
 * rollback, and there is no way to publish outside a transaction.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class OutboxTransactionTest {

    @Inject
    UseCases useCases;

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void eventOfARolledBackUseCaseIsNeverWritten() {
        String key = "rollback-" + UUID.randomUUID();

        assertThatThrownBy(() -> useCases.publishThenFail(key)).isInstanceOf(IllegalStateException.class);

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM outbox_event_history WHERE message_key = ?", key))
                .isZero();
    }

    @Test
    void eventOfACommittedUseCaseIsWritten() {
        String key = "commit-" + UUID.randomUUID();

        useCases.publish(key);

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM outbox_event_history WHERE message_key = ?", key))
                .isEqualTo(1);
    }

    @Test
    void eventsPublishedTogetherAreWrittenInTheirOrderWithTheirIds() {
        String prefix = "together-" + UUID.randomUUID();
        List<String> keys = List.of(prefix + "-c", prefix + "-a", prefix + "-b", prefix + "-a");

        List<UUID> ids = useCases.publishAll(keys);

        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        List<String> written = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT event_id, message_key FROM outbox_event_history WHERE message_key LIKE ? ORDER BY id")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    written.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(written).containsExactly(ids.get(0) + " " + keys.get(0), ids.get(1) + " " + keys.get(1),
                ids.get(2) + " " + keys.get(2), ids.get(3) + " " + keys.get(3));
    }

    @Test
    void eventsPublishedTogetherInARolledBackUseCaseAreNeverWritten() {
        String prefix = "together-rollback-" + UUID.randomUUID();

        assertThatThrownBy(() -> useCases.publishAllThenFail(List.of(prefix + "-1", prefix + "-2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the use case fails after writing its events");

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM outbox_event_history WHERE message_key LIKE ?",
                prefix + "%")).isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish("dialright.consents.v1", "Test", "no-transaction",
                Actor.system("test"), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction");
    }

    /** Use cases shaped like the service's own: state change and event in one {@code @Transactional} method. */
    @ApplicationScoped
    static class UseCases {

        private final Outbox outbox;

        UseCases(Outbox outbox) {
            this.outbox = outbox;
        }

        @Transactional
        void publish(String key) {
            outbox.publish("dialright.consents.v1", "TestHappened", key, Actor.system("test"), Map.of("n", 1));
        }

        @Transactional
        List<UUID> publishAll(List<String> keys) {
            return outbox.publishAll("dialright.consents.v1", "TestHappened", keys.stream()
                    .map(key -> new Outbox.Publication(key, Actor.system("test"), Map.of("n", 1))).toList());
        }

        @Transactional
        void publishAllThenFail(List<String> keys) {
            publishAll(keys);
            throw new IllegalStateException("the use case fails after writing its events");
        }

        @Transactional
        void publishThenFail(String key) {
            publish(key);
            throw new IllegalStateException("the use case fails after writing its event");
        }
    }
}
