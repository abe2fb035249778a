package io.dialright.contact.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Numbers' locks for work on a plain JDBC connection (imports, event consumers): a transaction-scoped advisory lock
 * per blind index, the one {@link ContactRepository#lockNumber} takes. Every writer that takes several takes them in
 * sorted order, so two writers of overlapping numbers wait for one another instead of deadlocking.
 */
public final class NumberLocks {

    private NumberLocks() {
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
