package io.dialright.platform.consumer;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs consumer work in a new JTA transaction. The JDBC connection handed to the work is enlisted in it, and so is
 * anything the handler does through Hibernate.
 */
@ApplicationScoped
public class JtaTransactionRunner implements TransactionRunner {

    private final DataSource dataSource;

    public JtaTransactionRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void inNewTransaction(SqlWork work) throws Exception {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    work.run(connection);
                } catch (Exception e) {
                    throw new WorkFailed(e);
                }
            });
        } catch (WorkFailed e) {
            throw (Exception) e.getCause();
        }
    }

    /** Carries a checked exception out of the transaction, which has rolled back by then. */
    private static final class WorkFailed extends RuntimeException {
        WorkFailed(Exception cause) {
            super(cause);
        }
    }
}
