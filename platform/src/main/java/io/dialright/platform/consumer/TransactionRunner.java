package io.dialright.platform.consumer;

import java.sql.Connection;

/** Runs work in a new database transaction that commits if the work returns and rolls back if it throws. */
@FunctionalInterface
public interface TransactionRunner {

    void inNewTransaction(SqlWork work) throws Exception;

    /** Work on the transaction's connection. */
    @FunctionalInterface
    interface SqlWork {
        void run(Connection connection) throws Exception;
    }
}
