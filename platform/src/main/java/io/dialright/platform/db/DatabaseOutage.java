package io.dialright.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Tells a failure to reach the database (stopped, restarting, unreachable, out of connections) from a failure of
 * the work itself. The first passes by itself and says nothing about the request or message: a request gets a
 * 503 to try again, a consumer keeps the message for later instead of parking it.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, any of its causes or any exception suppressed along the way is such an outage. */
    public static boolean isCauseOf(Throwable failure) {
        return Failures.anyMatch(failure, next -> next instanceof SQLTransientConnectionException
                || next instanceof SQLException sql && isOutage(sql));
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
