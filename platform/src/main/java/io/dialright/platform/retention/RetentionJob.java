package io.dialright.platform.retention;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.config.PlatformConfig;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/** Runs {@link MessagingRetention} every {@code dialright.retention.interval} in each service. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final DataSource dataSource;
    private final PlatformConfig config;
    private final MessagingRetention retention = new MessagingRetention();

    public RetentionJob(DataSource dataSource, PlatformConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "${dialright.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try (Connection connection = dataSource.getConnection()) {
            long purged = retention.purge(connection, config.retention().processedEvents());
            if (purged > 0) {
                LOG.infof("Retention deleted %d processed-event ids", purged);
            }
        } catch (Exception e) {
            LOG.warnf("Retention run failed, will try again: %s", e.getMessage());
        }
    }
}
