package io.dialright.dialer.handout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.db.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Keeps the queue moving: members whose wait is over return to the queue (callbacks to the callbacks), and leases
 * nobody called on expire. A few thousand rows per run keep each transaction short; the next run takes the rest.
 * Being late by a run is harmless: every hand-out re-checks the rules itself.
 */
@ApplicationScoped
public class QueueJobs {

    static final int BATCH = 5000;
    private static final Logger LOG = Logger.getLogger(QueueJobs.class);

    private final DataSource dataSource;
    private final Clock clock;

    public QueueJobs(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Scheduled(every = "${dialright.dialer.hand-out.queue-job-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() throws SQLException {
        try {
            wakeWaiting();
            expireLeases();
        } catch (SQLException | RuntimeException e) {
            if (!DatabaseOutage.isCauseOf(e)) {
                throw e;
            }
            // The next run catches up; a stack trace every few seconds of an outage would bury the log.
            LOG.warnf("Queue jobs skipped, the database is out of reach: %s", e.getMessage());
        }
    }

    /** Members whose {@code next_eligible_at} has come; returns how many. */
    public int wakeWaiting() throws SQLException {
        return update("""
                UPDATE campaign_member m
                SET state = CASE WHEN m.callback_due_at IS NULL THEN 'READY' ELSE 'CALLBACK' END,
                    block_code = NULL, next_eligible_at = NULL
                FROM (SELECT campaign_id, contact_id FROM campaign_member
                      WHERE state = 'WAITING' AND next_eligible_at <= ? LIMIT %d FOR UPDATE SKIP LOCKED) due
                WHERE m.campaign_id = due.campaign_id AND m.contact_id = due.contact_id""".formatted(BATCH));
    }

    /** Leases past their end with no call on them; returns how many. */
    public int expireLeases() throws SQLException {
        return update("""
                UPDATE campaign_member m
                SET state = CASE WHEN m.callback_due_at IS NULL THEN 'READY' ELSE 'CALLBACK' END,
                    lease_id = NULL, lease_operator = NULL, lease_expires_at = NULL
                FROM (SELECT campaign_id, contact_id FROM campaign_member
                      WHERE state = 'LEASED' AND lease_expires_at < ? LIMIT %d FOR UPDATE SKIP LOCKED) due
                WHERE m.campaign_id = due.campaign_id AND m.contact_id = due.contact_id""".formatted(BATCH));
    }

    private int update(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            return update.executeUpdate();
        }
    }
}
