package io.dialright.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import io.dialright.platform.outbox.MessagingFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessagingRetentionTest {

    private static MessagingFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new MessagingFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void deletesOnlyOldProcessedIdsAndNoOutboxRow() throws Exception {
        try (Connection connection = fixture.producerDb.getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO outbox_event (event_id, event_type, topic, message_key, message_value, created_at,
                                              parked_at)
                    VALUES (gen_random_uuid(), 'Waiting', 't', 'k', 'x', now() - interval '60 days', NULL),
                           (gen_random_uuid(), 'Parked', 't', 'k', 'x', now() - interval '60 days',
                            now() - interval '60 days')""");
            sql.execute("""
                    INSERT INTO processed_event (consumer_group, event_id, processed_at)
                    VALUES ('g', gen_random_uuid(), now() - interval '8 days'),
                           ('g', gen_random_uuid(), now() - interval '6 days')""");

            long purged = new MessagingRetention().purge(connection, Duration.ofDays(7));

            assertThat(purged).isEqualTo(1);
        }
        assertThat(fixture.count(fixture.producerDb,
                "SELECT count(*) FROM outbox_event WHERE event_type IN ('Waiting', 'Parked')")).isEqualTo(2);
        assertThat(fixture.count(fixture.producerDb, "SELECT count(*) FROM processed_event WHERE consumer_group = 'g' "
                + "AND processed_at > now() - interval '7 days'")).isEqualTo(1);
        assertThat(fixture.count(fixture.producerDb, "SELECT count(*) FROM processed_event WHERE consumer_group = 'g'"))
                .isEqualTo(1);
    }

    @Test
    void deletesParkedMessagesOnlyOnceTheyAreOlderThanTheirKeeping() throws Exception {
        try (Connection connection = fixture.consumerDb.getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO outbox_event (event_id, event_type, topic, message_key, message_value, created_at,
                                              parked_at)
                    VALUES (gen_random_uuid(), 'OldWaiting', 't', 'k', 'x', now() - interval '60 days', NULL),
                           (gen_random_uuid(), 'OldParked', 't', 'k', 'x', now() - interval '60 days',
                            now() - interval '30 days'),
                           (gen_random_uuid(), 'NewParked', 't', 'k', 'x', now() - interval '60 days',
                            now() - interval '28 days')""");
            sql.execute("""
                    INSERT INTO dead_letter (consumer_group, topic, kafka_partition, kafka_offset, message_key,
                                             message_value, error, parked_at)
                    VALUES ('retention', 't', 0, 1, '+79161234567', 'raw payload', 'old', now() - interval '30 days'),
                           ('retention', 't', 0, 2, '+79161234568', 'raw payload', 'new', now() - interval '28 days')""");

            long purged = new MessagingRetention().purgeParked(connection, Duration.ofDays(29));

            assertThat(purged).isEqualTo(2);
        }
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM outbox_event WHERE event_type IN "
                + "('OldWaiting', 'NewParked')")).isEqualTo(2);
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM outbox_event WHERE event_type = "
                + "'OldParked'")).isZero();
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE consumer_group = "
                + "'retention' AND error = 'new'")).isEqualTo(1);
        assertThat(fixture.count(fixture.consumerDb, "SELECT count(*) FROM dead_letter WHERE consumer_group = "
                + "'retention'")).isEqualTo(1);
    }
}
