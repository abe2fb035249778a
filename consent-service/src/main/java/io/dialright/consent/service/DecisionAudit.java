package io.dialright.consent.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Audits single decisions without a transaction per question: each decision becomes its own {@code AccessRecorded}
 * (who asked about which number, the answer, request id and address), but they are written to the outbox together
 * (one statement), every {@code dialright.consent.decisions.audit-interval}. A decision changes nothing, so nothing
 * waits for its entry; the price is that a crash (not a graceful stop, which flushes) can lose the entries of the
 * last interval.
 */
@ApplicationScoped
public class DecisionAudit {

    private static final Logger LOG = Logger.getLogger(DecisionAudit.class);
    /** Beyond this many waiting entries the asking thread writes them itself (back-pressure, nothing dropped). */
    private static final int MAX_WAITING = 5_000;
    /** Entries written per transaction by {@link #flush}. */
    public static final int PER_TRANSACTION = 1_000;

    private final AccessRecorder audit;
    private final ConcurrentLinkedQueue<AccessRecorder.Access> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public DecisionAudit(AccessRecorder audit) {
        this.audit = audit;
    }

    /** Queues the entry; request id and client address are taken now, from the asking request. */
    public void record(Actor actor, String phoneHash, Map<String, Object> details) {
        Map<String, Object> facts = new LinkedHashMap<>(details);
        // Also when absent (null): the entry must not take the request id of whichever thread writes it.
        Object requestId = MDC.get("requestId");
        Object sourceIp = MDC.get("sourceIp");
        facts.put("requestId", requestId == null ? null : requestId.toString());
        facts.put("sourceIp", sourceIp == null ? null : sourceIp.toString());
        waiting.add(new AccessRecorder.Access(actor, AuditActions.DECISION, null, phoneHash, facts));
        if (size.incrementAndGet() > MAX_WAITING) {
            flush();
        }
    }

    @Scheduled(every = "${dialright.consent.decisions.audit-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Could not write decision audit entries, will try again: %s", e.getMessage());
        }
    }

    /**
     * Writes every waiting entry, {@value #PER_TRANSACTION} per transaction (each takes a lock per number, and a
     * backlog left by a database outage must not outgrow PostgreSQL's lock table); what a failed transaction did not
     * write waits for the next try.
     */
    public synchronized void flush() {
        List<AccessRecorder.Access> batch = new ArrayList<>();
        for (AccessRecorder.Access entry = waiting.poll(); entry != null; entry = waiting.poll()) {
            batch.add(entry);
        }
        size.addAndGet(-batch.size());
        for (int from = 0; from < batch.size(); from += PER_TRANSACTION) {
            List<AccessRecorder.Access> chunk = batch.subList(from, Math.min(batch.size(), from + PER_TRANSACTION));
            try {
                QuarkusTransaction.requiringNew().run(() -> audit.recordAll(chunk));
            } catch (RuntimeException e) {
                List<AccessRecorder.Access> unwritten = batch.subList(from, batch.size());
                waiting.addAll(unwritten);
                size.addAndGet(unwritten.size());
                throw e;
            }
        }
    }

    @PreDestroy
    void flushOnStop() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%d decision audit entries could not be written at shutdown", size.get());
        }
    }
}
