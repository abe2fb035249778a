package io.dialright.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures mean "the database is out of reach" (try again later) and which are the work's own. */
class DatabaseOutageTest {

    @Test
    void aRefusedConnectionWrappedTwiceIsAnOutage() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        // As Hibernate (JDBCConnectionException) and then a service wrap it.
        RuntimeException orm = new RuntimeException("Unable to acquire JDBC Connection", refused);

        assertThat(DatabaseOutage.isCauseOf(new IllegalStateException("Could not read", orm))).isTrue();
    }

    @Test
    void aConnectionBrokenByAServerShutdownIsAnOutage() {
        assertThat(DatabaseOutage.isCauseOf(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE))).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("sorry, too many clients already", "53300"))).isTrue();
    }

    @Test
    void aBrokenConnectionReportedOnlyAsSuppressedUnderACommitFailureIsAnOutage() {
        // As a transaction manager reports a commit that failed on a dead connection: its own exception, no cause.
        IllegalStateException commitFailed = new IllegalStateException("Could not commit transaction");
        commitFailed.addSuppressed(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE));
        IllegalStateException notAnOutage = new IllegalStateException("Could not commit transaction");
        notAnOutage.addSuppressed(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(DatabaseOutage.isCauseOf(new RuntimeException("Transaction failed", commitFailed))).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new RuntimeException("Transaction failed", notAnOutage))).isFalse();
    }

    @Test
    void thePoolsAcquisitionTimeoutIsAnOutage() {
        assertThat(DatabaseOutage.isCauseOf(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("Acquisition timeout while waiting for new connection")))
                .isTrue();
    }

    @Test
    void failuresOfTheWorkItselfAreNot() {
        assertThat(DatabaseOutage.isCauseOf(new SQLException("duplicate key value violates unique constraint",
                "23505"))).isFalse();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("syntax error at or near", "42601"))).isFalse();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("no state"))).isFalse();
        assertThat(DatabaseOutage.isCauseOf(new IllegalStateException("this account cannot be processed")))
                .isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(DatabaseOutage.isCauseOf(second)).isFalse();
    }

    @Test
    void aSuppressedExceptionThatLoopsBackEnds() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.addSuppressed(inner);

        assertThat(DatabaseOutage.isCauseOf(outer)).isFalse();
    }
}
