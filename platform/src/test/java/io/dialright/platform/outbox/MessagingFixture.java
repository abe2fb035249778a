package io.dialright.platform.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.dialright.localstack.EmbeddedKafkaBroker;
import io.dialright.localstack.EmbeddedPostgresServer;
import io.dialright.localstack.Rows;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.platform.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;

/**
 * Two "services" on real infrastructure: each has its own database on one embedded PostgreSQL, with the platform
 * migration applied, and they share one embedded Kafka broker. The producing service records account changes, the
 * consuming service records one effect row per applied event (no unique key: a double application would show).
 */
public final class MessagingFixture implements AutoCloseable {

    public static final String TOPIC = "dialright.platform-test.v1";

    public final EmbeddedPostgresServer postgres;
    public final EmbeddedKafkaBroker broker;
    public final DataSource producerDb;
    public final DataSource consumerDb;
    private final OutboxStore outbox = new OutboxStore();
    private final List<AgroalDataSource> pools = new ArrayList<>();

    public MessagingFixture() throws Exception {
        postgres = EmbeddedPostgresServer.start(null, 0);
        postgres.createDatabases(List.of("producer_svc", "consumer_svc"));
        producerDb = dataSource("producer_svc");
        consumerDb = dataSource("consumer_svc");
        migrate(producerDb, "CREATE TABLE account_change (id bigserial PRIMARY KEY, account text NOT NULL)");
        migrate(consumerDb, "CREATE TABLE effect (id bigserial PRIMARY KEY, event_id uuid NOT NULL, "
                + "account text NOT NULL)");
        broker = new EmbeddedKafkaBroker(Files.createTempDirectory("platform-kafka"), 0, 0);
        broker.start();
        try (Admin admin = Admin.create(KafkaClients.adminConfig(broker.bootstrapServers()))) {
            TopicCreator.ensure(admin, List.of(TOPIC, Topics.DEAD_LETTERS), 3,
                    (short) 1);
        }
    }

    /** The producing service's use case: a state change and its event, in one transaction. */
    public UUID commitChange(String account) throws SQLException {
        return change(account, true);
    }

    /** The same work, rolled back at the end. */
    public UUID rollBackChange(String account) throws SQLException {
        return change(account, false);
    }

    private UUID change(String account, boolean commit) throws SQLException {
        try (Connection connection = producerDb.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO account_change (account) VALUES (?)")) {
                insert.setString(1, account);
                insert.executeUpdate();
            }
            EventEnvelope event = event(account);
            outbox.append(connection, TOPIC, event);
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return event.eventId();
        }
    }

    public static EventEnvelope event(String account) {
        return EventEnvelope.create("producer-svc", "AccountChanged", account, Actor.system("producer-svc"),
                Map.of("account", account));
    }

    /** The consuming service's effect: one row per application. */
    public static void applyEffect(EventEnvelope event, Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO effect (event_id, account) VALUES (?, ?)")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, event.payload().get("account").asText());
            insert.executeUpdate();
        }
    }

    public long count(DataSource db, String sql, Object... args) {
        return new Rows(db).count(sql, args);
    }

    /** A connection pool, as in the services: a new PostgreSQL connection per transaction would cost ~10 ms. */
    private AgroalDataSource dataSource(String database) throws SQLException {
        AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(config -> config
                        .maxSize(10)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(postgres.jdbcUrl(database))
                                .principal(new NamePrincipal(postgres.username())))));
        pools.add(pool);
        return pool;
    }

    /** The platform's migrations in their order, then the service's own table. */
    private static void migrate(DataSource db, String serviceTable) throws SQLException, IOException {
        try (Connection connection = db.getConnection();
             Statement statement = connection.createStatement()) {
            for (String migration : List.of("V0_1__messaging.sql", "V0_2__outbox_rows_leave_when_published.sql")) {
                try (InputStream in = MessagingFixture.class.getResourceAsStream("/db/platform/" + migration)) {
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            statement.execute(serviceTable);
        }
    }

    @Override
    public void close() {
        pools.forEach(AgroalDataSource::close);
        broker.stop();
        postgres.close();
    }
}
