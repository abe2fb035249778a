package io.dialright.consent.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/** Checks open erasures against their due date every {@code dialright.consent.overdue-check-interval}. */
@ApplicationScoped
public class OverdueRequests {

    private static final Logger LOG = Logger.getLogger(OverdueRequests.class);

    private final ErasureService erasures;

    public OverdueRequests(ErasureService erasures) {
        this.erasures = erasures;
    }

    @Scheduled(every = "${dialright.consent.overdue-check-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            erasures.flagOverdue();
        } catch (RuntimeException e) {
            LOG.warnf("Overdue check failed, will try again: %s", e.getMessage());
        }
    }
}
