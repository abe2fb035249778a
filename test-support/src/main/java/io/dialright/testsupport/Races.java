package io.dialright.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.dialright.localstack.Rows;

/** Races between requests forced, not hoped for: the test holds the row they all need until all of them wait. */
public final class Races {

    private Races() {
    }

    /**
     * Sends the requests together while the test holds row {@code id} of {@code table}, lets the row go once all of
     * them wait for a lock in a statement like {@code waitingIn}, and answers their statuses in the order of
     * {@code requests}.
     */
    public static List<Integer> statusesInRequestOrder(DataSource dataSource, String table, UUID id, String waitingIn,
                                                       List<Supplier<Integer>> requests) throws SQLException {
        List<CompletableFuture<Integer>> sent;
        try (Connection holder = dataSource.getConnection()) {
            hold(holder, table, id);
            sent = requests.stream().map(Races::sentAlone).toList();
            awaitLockWaiters(dataSource, waitingIn, requests.size());
            holder.commit();
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    /** As {@link #statusesInRequestOrder}, the statuses in ascending order: for races whose winner is open. */
    public static List<Integer> statusesOfARace(DataSource dataSource, String table, UUID id, String waitingIn,
                                                List<Supplier<Integer>> requests) throws SQLException {
        return statusesInRequestOrder(dataSource, table, id, waitingIn, requests).stream().sorted().toList();
    }

    /**
     * Sends {@code held} while the test holds row {@code id} of {@code table}, waits until it waits for a lock in a
     * statement like {@code waitingIn}, runs {@code meanwhile} (a request that must not wait for it), then lets the row
     * go and answers {@code held}'s status.
     */
    public static int statusOfHeldBack(DataSource dataSource, String table, UUID id, String waitingIn,
                                       Supplier<Integer> held, Runnable meanwhile) throws SQLException {
        CompletableFuture<Integer> sent;
        try (Connection holder = dataSource.getConnection()) {
            hold(holder, table, id);
            sent = sentAlone(held);
            awaitLockWaiters(dataSource, waitingIn, 1);
            meanwhile.run();
            holder.commit();
        }
        return sent.join();
    }

    /** Locks the row in a transaction the caller commits to let it go. */
    private static void hold(Connection holder, String table, UUID id) throws SQLException {
        holder.setAutoCommit(false);
        try (PreparedStatement hold = holder.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? FOR UPDATE")) {
            hold.setObject(1, id);
            hold.executeQuery().close();
        }
    }

    /** Sends a request on a thread of its own (the common pool may be busy elsewhere) and answers its status. */
    private static CompletableFuture<Integer> sentAlone(Supplier<Integer> request) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                status.complete(request.get());
            } catch (RuntimeException | Error e) {
                status.completeExceptionally(e);
            }
        }, "concurrent-request");
        thread.start();
        return status;
    }

    /**
     * Waits until {@code sessions} other sessions of the test database wait for a lock in a statement like
     * {@code statementLike}: requests a test holds back at a locked row have all arrived.
     */
    private static void awaitLockWaiters(DataSource dataSource, String statementLike, int sessions) {
        await().atMost(Duration.ofSeconds(20)).until(() -> new Rows(dataSource).count("SELECT count(*) FROM "
                + "pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND wait_event_type = 'Lock' AND query ILIKE ?", statementLike) == sessions);
    }
}
