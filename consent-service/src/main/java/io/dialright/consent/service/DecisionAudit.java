package io.dialright.consent.service;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.audit.DeferredAudit;
import io.dialright.platform.events.Actor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Audits single decisions without a transaction per question: each decision becomes its own {@code AccessRecorded}
 * (who asked about which number, the answer, request id and address), written to the outbox together with the
 * others every {@code dialright.consent.decisions.audit-interval} ({@link DeferredAudit}: a crash, not a graceful
 * stop, can lose the entries of the last interval).
 */
@ApplicationScoped
public class DecisionAudit {

    private final DeferredAudit entries;

    public DecisionAudit(AccessRecorder audit) {
        this.entries = new DeferredAudit("decision", audit);
    }

    /** Queues the entry; request id and client address are taken now, from the asking request. */
    public void record(Actor actor, String phoneHash, Map<String, Object> details) {
        entries.record(actor, AuditActions.DECISION, null, phoneHash, details);
    }

    @Scheduled(every = "${dialright.consent.decisions.audit-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        entries.flushOrWait();
    }

    /** Writes every waiting entry (see {@link DeferredAudit#flush()}). */
    public void flush() {
        entries.flush();
    }

    /** At shutdown, while the datasource is surely still there; again at destruction for what came after. */
    void flushAtShutdown(@Observes ShutdownEvent shutdown) {
        entries.flushAtStop();
    }

    @PreDestroy
    void flushOnStop() {
        entries.flushAtStop();
    }
}
