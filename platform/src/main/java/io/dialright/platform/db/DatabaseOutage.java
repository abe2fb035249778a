package io.dialright.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a failure to reach the database (stopped, restarting, unreachable, out of connections) from a failure of
 * the work itself. The first passes by itself and says nothing about the request or message: a request gets a
 * 503 to try again, a consumer keeps the message for later instead of parking it.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * Whether {@code failure}, any of its causes or any exception suppressed along the way is the database being out
     * of reach. Suppressed ones count because a transaction manager that fails to commit may report the broken
     * connection only there, under an exception of its own that has no cause.
     */
    public static boolean isCauseOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SQLTransientConnectionException || next instanceof SQLException sql && isOutage(sql)) {
                return true;
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            pending.addAll(Arrays.asList(next.getSuppressed()));
        }
        return false;
    }

    private static boolean isOutage(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null) {
            // 08: connection exceptions (refused, broken, closed); 57P01-57P03: the server is shutting down or
            // starting up; 53300: it has no connection slot left.
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03") || state.equals("53300");
        }
        // The pool's own refusal (Agroal states none): no connection could be had within the acquisition timeout.
        String message = failure.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
