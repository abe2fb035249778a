package io.dialright.platform.consumer;

import java.sql.Connection;

import javax.sql.DataSource;

/** A {@link TransactionRunner} over a plain JDBC data source (tools and tests without a transaction manager). */
public final class JdbcTransactionRunner implements TransactionRunner {

    private final DataSource dataSource;

    public JdbcTransactionRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void inNewTransaction(SqlWork work) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
