package io.dialright.platform.retention;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.config.PlatformConfig;
import io.dialright.platform.idempotency.IdempotentRequests;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Runs {@link MessagingRetention} (processed-event ids, parked messages) and deletes the idempotent requests' kept
 * answers past keeping, every {@code dialright.retention.interval} in each service.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final DataSource dataSource;
    private final PlatformConfig config;
    private final IdempotentRequests idempotentRequests;
    private final MessagingRetention retention = new MessagingRetention();

    public RetentionJob(DataSource dataSource, PlatformConfig config, IdempotentRequests idempotentRequests) {
        this.dataSource = dataSource;
        this.config = config;
        this.idempotentRequests = idempotentRequests;
    }

    @Scheduled(every = "${dialright.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try (Connection connection = dataSource.getConnection()) {
            long purged = retention.purge(connection, config.retention().processedEvents());
            if (purged > 0) {
                LOG.infof("Retention deleted %d processed-event ids", purged);
            }
            long parked = retention.purgeParked(connection, config.retention().parkedMessages());
            if (parked > 0) {
                LOG.infof("Retention deleted %d dead letters and parked outbox events", parked);
            }
            if (config.idempotency().enabled()) {
                long answers = idempotentRequests.purge(connection, config.idempotency().keep());
                if (answers > 0) {
                    LOG.infof("Retention deleted %d kept answers of idempotent requests", answers);
                }
            }
        } catch (Exception e) {
            LOG.warnf("Retention run failed, will try again: %s", e.getMessage());
        }
    }
}
