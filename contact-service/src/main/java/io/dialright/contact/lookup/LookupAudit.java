package io.dialright.contact.lookup;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.audit.DeferredAudit;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Audits caller-ID lookups without a write transaction per ringing phone: each lookup is its own {@code LOOKUP}
 * entry (who asked, about which number and contact, what was found, request id and address), written to the outbox
 * together with the others every {@code dialright.contact.lookup-audit-interval} ({@link DeferredAudit}: a crash,
 * not a graceful stop, can lose the entries of the last interval). A lookup changes nothing, so it waits for nothing.
 */
@ApplicationScoped
public class LookupAudit {

    private final DeferredAudit entries;
    private final CurrentActor actor;

    public LookupAudit(AccessRecorder recorder, CurrentActor actor) {
        this.entries = new DeferredAudit("lookup", recorder);
        this.actor = actor;
    }

    /** Queues the entry of the current request's lookup. */
    public void record(UUID contactId, String phoneHash, Map<String, ?> details) {
        entries.record(actor.asActor(), "LOOKUP", contactId == null ? null : contactId.toString(), phoneHash, details);
    }

    /**
     * Queues the entry without ever writing (for an event-loop thread); {@code false} when too many wait, and the
     * lookup must then be recorded with {@link #record} on a thread that may write.
     */
    public boolean offer(UUID contactId, String phoneHash, Map<String, ?> details) {
        return entries.offer(actor.asActor(), "LOOKUP", contactId == null ? null : contactId.toString(), phoneHash,
                details);
    }

    @Scheduled(every = "${dialright.contact.lookup-audit-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        entries.flushOrWait();
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
