package io.dialright.contact.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.dialright.platform.events.EventEnvelope;

/**
 * Numbers' locks for work on a plain JDBC connection (imports, event consumers): a transaction-scoped advisory lock
 * per blind index, the one {@link ContactRepository#lockNumber} takes. Every writer that takes several takes them in
 * sorted order, so two writers of overlapping numbers wait for one another instead of deadlocking.
 */
public final class NumberLocks {

    private NumberLocks() {
    }

    /**
     * Locks the numbers ({@code payload.phoneHash}) of a consumer's batch of events of the given types, before it
     * applies any: one event at a time, a batch would take them in arrival order.
     */
    public static void lockNumbersOf(Connection connection, List<EventEnvelope> events, Set<String> eventTypes)
            throws SQLException {
        lockSorted(connection, events.stream().filter(event -> eventTypes.contains(event.eventType()))
                .map(event -> event.payload().path("phoneHash").asText())
                .filter(hash -> hash.length() == 64).toList());
    }

    /**
     * Locks the number until the transaction ends and tells whether it may still be kept: not once it was erased on
     * request ({@code erased_number}, written under this lock).
     */
    public static boolean lockUnlessErased(Connection connection, String phoneHash) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            lock.setString(1, phoneHash);
            lock.execute();
        }
        try (PreparedStatement erased = connection.prepareStatement(
                "SELECT 1 FROM erased_number WHERE phone_hash = ?")) {
            erased.setString(1, phoneHash);
            try (ResultSet row = erased.executeQuery()) {
                return !row.next();
            }
        }
    }

    /** Locks the numbers until the transaction ends, in sorted order, in one statement. */
    public static void lockSorted(Connection connection, Collection<String> phoneHashes) throws SQLException {
        String[] sorted = new TreeSet<>(phoneHashes).toArray(String[]::new);
        if (sorted.length == 0) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(hashtextextended(h, 7))) FROM unnest(?::text[]) AS h")) {
            lock.setArray(1, connection.createArrayOf("text", sorted));
            lock.execute();
        }
    }
}
