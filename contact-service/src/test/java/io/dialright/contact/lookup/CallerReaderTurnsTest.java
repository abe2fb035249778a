package io.dialright.contact.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.db.DatabaseOutage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The turns of {@link CallerReader}: no more lookups ask the database for a connection at once than the setting
 * allows, a lookup that gets no turn in time fails as a database out of reach does (503), and a turn is given back
 * also when the read fails. The data source is a stand-in that holds whoever asks it until the test lets go: what is
 * tested is who gets to ask, which no database takes part in.
 */
class CallerReaderTurnsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final HoldingDataSource database = new HoldingDataSource();
    // No row is ever read here, so nothing is opened: any key ring will do.
    private final PhoneVault vault = new PhoneVault(new FieldCipher(Map.of("k", new byte[32]), "k"),
            new BlindIndex(new byte[32]));
    private final CallerReader reader = new CallerReader(database, vault, new ObjectMapper(), 2,
            Duration.ofMillis(300));
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        database.letGo.countDown();
        callers.shutdownNow();
    }

    @Test
    void atMostTheAllowedLookupsReadAtOnceAndALateOneFailsAsAnOutage() throws Exception {
        Future<?> first = callers.submit(this::read);
        Future<?> second = callers.submit(this::read);
        await().atMost(Duration.ofSeconds(5)).until(() -> database.asking.get() == 2);

        assertThatThrownBy(this::read).satisfies(failure -> assertThat(DatabaseOutage.isCauseOf(failure)).isTrue());
        assertThat(database.mostAtOnce.get()).isEqualTo(2);

        database.letGo.countDown();
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("let go");
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("let go");
        // Both failed reads gave their turns back: the next lookup reads at once.
        assertThatThrownBy(this::read).hasRootCauseMessage("let go");
        assertThat(database.asked.get()).isEqualTo(3);
    }

    private CallerReader.Caller read() {
        return reader.read("a".repeat(64), NOW, NOW, 5);
    }

    /** Holds every caller of getConnection until {@link #letGo}, then refuses it; counts how many ask at once. */
    private static final class HoldingDataSource implements DataSource {

        final CountDownLatch letGo = new CountDownLatch(1);
        final AtomicInteger asking = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            mostAtOnce.accumulateAndGet(asking.incrementAndGet(), Math::max);
            try {
                letGo.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                asking.decrementAndGet();
            }
            throw new SQLException("let go");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
