package io.dialright.platform.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/** Wakes the relay as soon as a transaction with outbox events commits, instead of waiting for its next poll. */
@ApplicationScoped
public class OutboxSignal {

    private final Semaphore commits = new Semaphore(0);

    /** Called after a commit that wrote outbox rows; bulk writers that commit JDBC themselves call it too. */
    public void committed() {
        if (commits.availablePermits() == 0) {
            commits.release();
        }
    }

    /** Returns at the next commit, or after {@code timeout}. */
    void awaitCommit(Duration timeout) throws InterruptedException {
        commits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        commits.drainPermits();
    }
}
