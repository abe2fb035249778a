package io.dialright.consent.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.events.Topics;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * {@code SmsRequested} rows carry a plaintext number and, for double opt-in, the code itself: they are deleted as
 * soon as the relay has published them, instead of waiting for the platform's retention (7 days).
 */
@ApplicationScoped
public class SmsOutboxScrubber {

    private static final Logger LOG = Logger.getLogger(SmsOutboxScrubber.class);

    private final DataSource dataSource;

    public SmsOutboxScrubber(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${dialright.consent.sms-scrub-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scrub() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM outbox_event WHERE topic = ? AND published_at IS NOT NULL")) {
            delete.setString(1, Topics.SMS);
            delete.executeUpdate();
        } catch (Exception e) {
            LOG.warnf("Could not delete published SMS events, will try again: %s", e.getMessage());
        }
    }
}
