package io.dialright.contact.lookup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears of every change to what a caller-ID lookup shows and has {@link CallerCache} forget the numbers concerned.
 * The database's triggers (migration V5) send the changed numbers' blind indexes on the channel
 * {@value #CHANNEL} when a change commits, or {@code *} for a change too large to name.
 *
 * <p>It listens on a connection of its own, outside the pool: a pooled connection would go back to the pool still
 * listening, and its next user's driver would collect notifications for nobody. When the connection is lost, the
 * cache holds nothing until a new one listens; a connection that went quiet is checked every few seconds, so one
 * that died without a word is not trusted for long.
 */
@ApplicationScoped
public class CallerChanges {

    static final String CHANNEL = "caller_changed";
    /** How the listening connection names itself in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "contact-service caller changes";

    private static final Logger LOG = Logger.getLogger(CallerChanges.class);
    private static final int WAIT_MILLIS = 500;
    private static final long CHECK_QUIET_AFTER_NANOS = Duration.ofSeconds(5).toNanos();
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final CallerCache cache;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private Thread thread;

    public CallerChanges(CallerCache cache,
                         @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                         @ConfigProperty(name = "quarkus.datasource.username") String username,
                         @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.cache = cache;
        this.url = url;
        credentials.setProperty("user", username);
        password.ifPresent(value -> credentials.setProperty("password", value));
        credentials.setProperty("ApplicationName", APPLICATION_NAME);
    }

    void start(@Observes StartupEvent startup) {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "caller-changes");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            Exception failure = null;
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                cache.startedListening();
                LOG.debug("Listening for changes to callers; lookups are cached");
                receive(connection, connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
            // Before any pause: from the moment the connection is gone, a change may go unheard.
            cache.stoppedListening();
            if (failure != null && running) {
                LOG.warnf("Not hearing of changes to callers (%s); lookups read the database until a new "
                        + "connection listens", failure.getMessage());
                pause();
            }
        }
    }

    private void receive(Connection connection, PGConnection notifications) throws SQLException {
        long heardAt = System.nanoTime();
        while (running) {
            PGNotification[] arrived = notifications.getNotifications(WAIT_MILLIS);
            if (arrived != null && arrived.length > 0) {
                for (PGNotification notification : arrived) {
                    forget(notification.getParameter());
                }
                heardAt = System.nanoTime();
            } else if (System.nanoTime() - heardAt > CHECK_QUIET_AFTER_NANOS) {
                if (!connection.isValid(2)) {
                    throw new SQLException("The listening connection does not answer");
                }
                heardAt = System.nanoTime();
            }
        }
    }

    private void forget(String numbers) {
        if (numbers.equals("*")) {
            cache.forgetAll();
        } else {
            cache.forget(Arrays.asList(numbers.split(",")));
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
